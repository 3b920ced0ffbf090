"""The `dealreg` command as a user runs it: migrate, openapi, token, and `serve --demo` on the
embedded PostgreSQL, answered with a printed token."""

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.auth.passwords import verify_password
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.incentives.models import Earning, IncentivePlan
from dealreg.leads.models import Lead
from dealreg.orgs.models import Organization, Partnership, Product, User
from dealreg.registrations.models import Registration
from dealreg.worker.scheduler import SCHEDULE
from tests.servers import DemoServer

pytestmark = pytest.mark.slow


def dealreg(
    *args: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own console script
        [sys.executable, "-m", "dealreg.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


async def _counts(url: str) -> tuple[int, ...]:
    engine = make_engine(url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            return tuple(
                [
                    await session.scalar(select(func.count()).select_from(model))
                    for model in (
                        Organization,
                        User,
                        Partnership,
                        Product,
                        Registration,
                        IncentivePlan,
                        Earning,
                        Lead,
                    )
                ]
            )
    finally:
        await engine.dispose()


async def _seed(url: str) -> None:
    engine = make_engine(url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
    finally:
        await engine.dispose()


async def test_migrate_seed_and_token(scratch_url: str, tmp_path: Path) -> None:
    env = {"DEALREG_DATABASE_URL": scratch_url, "DEALREG_DATA_DIR": str(tmp_path)}
    migrated = await asyncio.to_thread(dealreg, "migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr

    await _seed(scratch_url)
    first = await _counts(scratch_url)
    await _seed(scratch_url)
    assert await _counts(scratch_url) == first == (6, 11, 5, 7, 22, 1, 10, 15)

    minted = await asyncio.to_thread(dealreg, "token", "--email", "REP@northwind.example", env=env)
    assert minted.returncode == 0, minted.stderr
    token = minted.stdout.strip()
    from dealreg.auth.tokens import TokenService

    principal = TokenService.from_settings(Settings.from_env({}, data_dir=tmp_path)).verify(token)
    assert principal.role.value == "partner_rep"

    for ttl in ("0", "-5", "31536000"):
        refused = await asyncio.to_thread(
            dealreg, "token", "--email", "rep@northwind.example", "--ttl", ttl, env=env
        )
        assert refused.returncode == 2
        assert "--ttl" in refused.stderr

    unknown = await asyncio.to_thread(dealreg, "token", "--email", "nobody@example.com", env=env)
    assert unknown.returncode == 1
    assert "nobody@example.com" in unknown.stderr


async def test_an_operator_sets_a_persons_password(scratch_url: str, tmp_path: Path) -> None:
    env = {"DEALREG_DATABASE_URL": scratch_url, "DEALREG_DATA_DIR": str(tmp_path)}
    migrated = await asyncio.to_thread(dealreg, "migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    await _seed(scratch_url)

    def set_password(email: str, typed: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own console script
            [sys.executable, "-m", "dealreg.cli", "user", "set-password", "--email", email],
            env={**os.environ, **env},
            input=typed,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    done = await asyncio.to_thread(set_password, "rep@northwind.example", "a long enough secret\n")
    assert done.returncode == 0, done.stderr
    weak = await asyncio.to_thread(set_password, "rep@northwind.example", "password123\n")
    assert weak.returncode == 1
    assert "at least 12" in weak.stderr
    unknown = await asyncio.to_thread(set_password, "nobody@example.com", "a long enough secret\n")
    assert unknown.returncode == 1
    assert "nobody@example.com" in unknown.stderr

    engine = make_engine(scratch_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            stored = await conn.scalar(
                select(User.password_hash).where(User.email == "rep@northwind.example")
            )
    finally:
        await engine.dispose()
    assert verify_password(stored, "a long enough secret")


def test_openapi_to_stdout_is_the_committed_document() -> None:
    result = dealreg("openapi", "--output", "-", env={})
    assert result.returncode == 0, result.stderr
    committed = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
    assert result.stdout == committed.read_text()
    assert json.loads(result.stdout)["info"]["title"] == "dealreg"


def test_a_bad_setting_is_reported_not_raised() -> None:
    result = dealreg("openapi", "--output", "-", env={"DEALREG_LOG_LEVEL": "LOUD"})
    assert result.returncode == 2
    assert "log_level" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_demo_on_the_embedded_database_answers_a_printed_token() -> None:
    """README's first command, as a new user runs it: no database configured."""
    with tempfile.TemporaryDirectory(prefix="drs", dir="/tmp") as data_dir:
        deadline = time.monotonic() + 90
        server = DemoServer(Path(data_dir, "serve.log"), deadline, DEALREG_DATA_DIR=data_dir)
        try:
            server.wait_for("curl")
            printed = server.printed()
            match = re.search(r"Bearer (\S+)' http://localhost:(\d+)/v1/me", printed)
            assert match, printed
            assert "/docs" in printed
            server.wait_ready()
            me = httpx.get(
                f"{server.url}/v1/me",
                headers={"Authorization": f"Bearer {match.group(1)}"},
                timeout=5,
            )
            assert me.status_code == 200, me.text
            assert me.json()["email"] == "rep@northwind.example"
            # Unset, the issuer is the address served: sign-in comes back here, not to :8000.
            metadata = httpx.get(f"{server.url}/.well-known/oauth-authorization-server", timeout=5)
            assert metadata.json()["issuer"] == f"http://localhost:{server.port}"
            # Without Redis, serve runs the background work itself: the scheduler's first
            # periodic jobs go through the outbox, the in-memory broker and a worker thread.
            # Until each slot claimed has run: one claimed as the test straddled a minute is
            # counted before its run (0.5 a slot), on a busy machine more often.
            expected = {periodic.job: 1 for periodic in SCHEDULE}
            runs: dict[str, float] = {}
            while runs != expected and time.monotonic() < deadline:
                runs = asyncio.run(_embedded_job_runs(Path(data_dir)))
                time.sleep(0.2)
            assert runs == expected
        finally:
            server.stop()
        # The embedded server stops with its last handle: nothing listens on its socket now.
        assert not list(Path(data_dir, "pg").glob(".s.PGSQL.*"))


async def _embedded_job_runs(data_dir: Path) -> dict[str, float]:
    # Straight to the socket named in postmaster.pid: taking a handle on the embedded server
    # would keep it running after `serve` stops.
    lines = (data_dir / "pg" / "postmaster.pid").read_text().splitlines()
    conn = await asyncpg.connect(
        host=lines[4], port=int(lines[3]), user="postgres", database="dealreg"
    )
    try:
        rows = await conn.fetch(RUNS_PER_SLOT)
    finally:
        await conn.close()
    return {row["job"]: row["runs"] for row in rows}


async def _job_runs(engine: AsyncEngine) -> dict[str, float]:
    async with engine.connect() as conn:
        rows = await conn.execute(text(RUNS_PER_SLOT))
        return {row.job: row.runs for row in rows}


# Runs of each periodic job per slot claimed: 1 whether the test straddled an hour or not. (The
# demo's own jobs, enqueued by its decisions, have no slots.)
RUNS_PER_SLOT = """
SELECT r.job, count(*)::float / (SELECT count(*) FROM scheduled_runs s WHERE s.job = r.job) AS runs
FROM job_runs r WHERE r.job IN (SELECT job FROM scheduled_runs) GROUP BY r.job
"""


@pytest.mark.skipif(
    not os.environ.get("DEALREG_TEST_REDIS_URL"), reason="DEALREG_TEST_REDIS_URL is not set"
)
async def test_two_worker_processes_run_each_periodic_job_once(
    scratch_url: str, shared_redis_url: str, tmp_path: Path
) -> None:
    """`dealreg worker` end to end: its scheduler enqueues the periodic jobs through the outbox,
    its relay publishes them to Redis, its workers run them; a second worker process beside it
    changes nothing but the number of hands."""
    env = {
        **os.environ,
        "DEALREG_DATABASE_URL": scratch_url,
        "DEALREG_REDIS_URL": shared_redis_url,
        "DEALREG_DATA_DIR": str(tmp_path),
    }
    migrated = await asyncio.to_thread(dealreg, "migrate", env=env)
    assert migrated.returncode == 0, migrated.stderr
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "dealreg.cli",
            "worker",
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    engine = make_engine(scratch_url, pool_size=1)
    try:
        for worker in workers:
            assert worker.stdout is not None
            async with asyncio.timeout(60):
                line = b""
                while b"background work started" not in line:
                    line = await worker.stdout.readline()
                    assert line, "the worker exited before it started"
        for _ in range(300):
            if len(await _job_runs(engine)) == len(SCHEDULE):
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1)  # time for a second run to appear, if there were one
        assert await _job_runs(engine) == {periodic.job: 1 for periodic in SCHEDULE}
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            assert await asyncio.wait_for(worker.wait(), timeout=30) == 0
        await engine.dispose()
