"""The TypeScript client in clients/typescript: its committed types are what the pinned
openapi-typescript makes of the committed OpenAPI document with its default options, and the
sample (a deal and a lead with only their required fields, three calls through openapi-fetch)
compiles with `tsc --strict --noEmit`.

Each test works on a copy of the package beside a copy of the document, installed with `npm ci`
from the committed lock file (npm's cache makes that a few seconds after the first run). Node and
npm are part of CI's machine: there, a missing one fails the test; elsewhere it is skipped.
"""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.openapi.spec import OpenAPI

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "clients" / "typescript"
SPEC = ROOT / "openapi" / "openapi.json"
SCHEMA = Path("src") / "schema.d.ts"
# npm without its update check, audit and funding notes: quiet, and no request but the install's.
NPM_ENV: Mapping[str, str] = {
    "npm_config_update_notifier": "false",
    "npm_config_audit": "false",
    "npm_config_fund": "false",
    "npm_config_loglevel": "error",
}


def _npm() -> str:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        reason = "Node.js 20+ with npm is needed for the TypeScript client's checks"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI must run them")
        pytest.skip(reason)
    return npm


def _run(argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed argv of the pinned tools
        argv,
        cwd=cwd,
        env={**os.environ, **NPM_ENV, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clients/typescript copied (without node_modules) beside openapi/openapi.json, as the
    package's `generate` script expects, installed from its lock file, its types generated."""
    npm = _npm()
    root = tmp_path_factory.mktemp("repo")
    copy = root / "clients" / "typescript"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("node_modules", "build-test"))
    (root / "openapi").mkdir()
    shutil.copyfile(SPEC, root / "openapi" / "openapi.json")
    installed = _run([npm, "ci", "--prefer-offline"], copy)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _generate(copy)
    return copy


def _generate(package: Path) -> None:
    generated = _run([_npm(), "run", "--silent", "generate"], package)
    assert generated.returncode == 0, generated.stdout + generated.stderr


def _compile(package: Path) -> subprocess.CompletedProcess[str]:
    return _run([str(package / "node_modules" / ".bin" / "tsc"), "--strict", "--noEmit"], package)


def test_committed_types_match_the_spec(package: Path) -> None:
    assert (package / SCHEMA).read_text() == (PACKAGE / SCHEMA).read_text(), (
        "clients/typescript/src/schema.d.ts is stale: run `python clients/generate.py` (or "
        "`npm ci && npm run generate` in clients/typescript) and commit the result"
    )


def test_sample_compiles_strictly(package: Path) -> None:
    compiled = _compile(package)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr


def test_sample_does_not_compile_against_shared_request_schemas(
    package: Path, shared_app: Litestar, tmp_path: Path
) -> None:
    """The compile check can fail, and fails for the reason issue #19 found: with the document
    as Litestar builds it (one schema per struct, defaults and all), openapi-typescript's default
    `defaultNonNullable` makes `Opportunity.description` and `LeadInput.forward` required."""
    spec = package.parents[1] / "openapi" / "openapi.json"
    spec.write_text(json.dumps(OpenAPI.to_schema(shared_app.openapi_schema), sort_keys=True))
    shutil.copyfile(package / SCHEMA, tmp_path / "schema.d.ts")
    try:
        _generate(package)
        compiled = _compile(package)
    finally:
        shutil.copyfile(SPEC, spec)
        shutil.copyfile(tmp_path / "schema.d.ts", package / SCHEMA)
    assert compiled.returncode != 0
    assert "TS2741: Property 'description' is missing" in compiled.stdout
    missing = re.search(
        r"error TS2739: .* missing the following properties .*: (.*)", compiled.stdout
    )
    assert missing is not None, compiled.stdout
    assert set(missing[1].split(", ")) == {"forward", "interest", "notes", "score"}
