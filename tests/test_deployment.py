"""The deployment shape (issue #25): the image (`Dockerfile`, `.dockerignore`) and the reference
compose file, read as a reviewer would, since CI has no Docker daemon; the image is also built and
run where a daemon answers. How two APIs and two workers behave on one database is tested with
real processes in tests/worker/test_two_nodes.py."""

import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

from dealreg.config import ENV_PREFIX, Settings

ROOT = Path(__file__).resolve().parents[1]
DEALREG_SERVICES = ("migrate", "api", "worker")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return loaded


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = compose["services"]
    return found


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (keyword, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    found = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, arguments = line.strip().partition(" ")
            found.append((keyword.upper(), arguments.strip()))
    return found


def runtime_stage() -> list[tuple[str, str]]:
    """The instructions of the last stage: what the image is."""
    steps = instructions()
    last_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


# --- the image ---------------------------------------------------------------------------------


def test_the_image_is_built_in_a_stage_of_its_own_and_runs_on_slim_python_311() -> None:
    stages = [arguments for keyword, arguments in instructions() if keyword == "FROM"]
    assert len(stages) >= 2, stages
    assert stages[-1].split()[0] == "python:3.11-slim", stages
    build = stages[0].split()
    assert build[1:] == ["AS", "build"], stages
    # The runtime installs the wheels the build stage made, offline: no compiler, no index.
    installs = [a for k, a in runtime_stage() if k == "RUN" and "pip install" in a]
    assert len(installs) == 1, installs
    assert "from=build" in installs[0], installs
    assert "--no-index" in installs[0], installs


def test_the_image_installs_no_dev_extras() -> None:
    for keyword, arguments in instructions():
        if keyword == "RUN" and "pip " in arguments:
            assert "[dev]" not in arguments, arguments
            assert not re.search(r"\bpytest|\bruff|\bmypy", arguments), arguments


def test_the_image_runs_dealreg_as_a_user_other_than_root() -> None:
    users = [arguments for keyword, arguments in runtime_stage() if keyword == "USER"]
    assert users, "the runtime stage sets no USER: it would run as root"
    assert users[-1].split(":")[0] not in ("root", "0"), users
    entrypoint = [arguments for keyword, arguments in runtime_stage() if keyword == "ENTRYPOINT"]
    assert [json.loads(e) for e in entrypoint] == [["dealreg"]]


def test_the_image_checks_its_health_on_health() -> None:
    (check,) = [arguments for keyword, arguments in runtime_stage() if keyword == "HEALTHCHECK"]
    assert "/health" in check, check


def test_the_build_context_holds_what_the_dockerfile_copies_and_nothing_else() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # Everything is left out (the checkout's .git, virtualenvs, caches, tests) but what is let in.
    assert patterns[0] == "**", patterns
    let_in = {p.removeprefix("!").rstrip("/") for p in patterns if p.startswith("!")}
    copied = set()
    for keyword, arguments in instructions():
        if keyword == "COPY" and "--from" not in arguments:
            *sources, _ = arguments.split()
            copied |= {source.rstrip("/") for source in sources}
    assert copied == let_in


# --- compose.yaml ------------------------------------------------------------------------------


def test_compose_runs_postgres_redis_a_migration_apis_and_workers(
    services: dict[str, Any],
) -> None:
    assert set(services) == {"postgres", "redis", "migrate", "api", "worker"}
    for name in ("postgres", "redis"):
        assert services[name]["volumes"], f"{name} keeps its data in no volume"


def test_redis_persists_its_queue_and_never_evicts_it(services: dict[str, Any]) -> None:
    command = services["redis"]["command"]
    flags = dict(zip(command[1::2], command[2::2], strict=True))
    assert command[0] == "redis-server"
    assert flags == {
        "--appendonly": "yes",
        "--appendfsync": "everysec",
        "--maxmemory-policy": "noeviction",
    }
    assert any(volume.endswith(":/data") for volume in services["redis"]["volumes"])


def test_migrate_runs_once_and_everything_else_of_dealreg_waits_for_it(
    services: dict[str, Any],
) -> None:
    migrate = services["migrate"]
    assert migrate["command"] == ["migrate"]
    assert migrate["restart"] == "no"
    assert "deploy" not in migrate
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in ("api", "worker"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "migrate": {"condition": "service_completed_successfully"},
        }


def test_two_api_replicas_and_two_workers(services: dict[str, Any]) -> None:
    # Every interface of the container, whose port compose publishes.
    assert services["api"]["command"][:3] == ["serve", "--host", "0.0.0.0"]  # noqa: S104
    assert services["worker"]["command"] == ["worker"]
    for name in ("api", "worker"):
        assert services[name]["deploy"]["replicas"] == 2
    # One host port each: replicas cannot share one.
    assert services["api"]["ports"] == ["8000-8001:8000"]


def test_every_service_is_health_checked_where_it_can_be(services: dict[str, Any]) -> None:
    for name in ("postgres", "redis"):
        assert services[name]["healthcheck"]["test"][0] == "CMD", name
    # The API has the image's check; a worker serves no HTTP and a migration ends.
    assert "healthcheck" not in services["api"]
    for name in ("worker", "migrate"):
        assert services[name]["healthcheck"] == {"disable": True}, name


def environment_of(service: dict[str, Any]) -> dict[str, str]:
    env: dict[str, str] = service["environment"]
    return env


@pytest.mark.parametrize("name", DEALREG_SERVICES)
def test_each_dealreg_service_is_configured_for_the_shared_database_and_redis(
    services: dict[str, Any], name: str
) -> None:
    env = environment_of(services[name])
    unknown = {
        key for key in env if key.removeprefix(ENV_PREFIX).lower() not in Settings.__struct_fields__
    }
    assert not unknown, f"{name} sets variables dealreg does not read: {unknown}"
    # Every value is one dealreg accepts (placeholders stand for strings).
    settings = Settings.from_env(env)
    assert settings.database_url is not None
    assert make_url(settings.database_url).host == "postgres"
    # Without Redis an API would run jobs in its own process, and a worker would not start.
    assert settings.redis_url == "redis://redis:6379/0"
    # The issuer is the public URL, which only the operator knows.
    assert settings.jwt_issuer.startswith("${DEALREG_JWT_ISSUER")


def test_every_api_replica_signs_with_the_key_on_one_shared_volume(
    compose: dict[str, Any], services: dict[str, Any]
) -> None:
    key_paths = set()
    for name in DEALREG_SERVICES:
        settings = Settings.from_env(environment_of(services[name]))
        key_paths.add(settings.signing_key_path)
        mounts = dict(reversed(volume.split(":")[:2]) for volume in services[name]["volumes"])
        holding = [target for target in mounts if settings.signing_key_path.is_relative_to(target)]
        assert holding, f"{name}'s signing key is on no volume: each replica would make its own"
        # A named volume, shared by every replica (a bind mount or an anonymous one is not).
        assert mounts[holding[0]] in compose["volumes"], mounts
        assert settings.data_dir == Path(holding[0])
    assert len(key_paths) == 1, key_paths


# --- building the image where Docker can ------------------------------------------------------


def docker_daemon() -> str | None:
    """Why the image cannot be built here, or None when a Docker daemon answers."""
    docker = shutil.which("docker")
    if docker is None:
        return "docker is not installed"
    info = subprocess.run(  # noqa: S603 - a fixed argv
        [docker, "info", "--format", "{{.ServerVersion}}"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if info.returncode != 0:
        return f"no Docker daemon answers ({info.stderr.strip() or info.returncode})"
    return None


@pytest.fixture(scope="module")
def image() -> Iterator[str]:
    reason = docker_daemon()
    if reason is not None:
        pytest.skip(reason)
    tag = f"dealreg-test:{uuid.uuid4().hex[:12]}"
    docker("build", "--tag", tag, str(ROOT), timeout=1200)
    yield tag
    docker("image", "rm", "--force", tag)


def docker(*args: str, timeout: float = 120) -> str:
    result = subprocess.run(  # noqa: S603 - docker with our arguments
        ["docker", *args],  # noqa: S607 - found on PATH, as a developer runs it
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.slow
def test_the_image_builds_and_runs_dealreg_as_a_user_without_dev_tools(image: str) -> None:
    assert "serve" in docker("run", "--rm", image, "--help")
    assert docker("run", "--rm", "--entrypoint", "id", image, "-u").strip() != "0"
    installed = docker("run", "--rm", "--entrypoint", "pip", image, "list", "--format", "json")
    names = {package["name"].lower() for package in json.loads(installed)}
    assert "dealreg" in names
    assert not names & {"pytest", "ruff", "mypy", "hypothesis", "schemathesis"}, names
