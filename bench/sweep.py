"""The SLA sweep against its own SQL on raw asyncpg, in one run (issue #22).

    python bench/sweep.py [--open N] [--due N] [--runs N] [--keep]

Builds, once, a scratch database (on `DEALREG_BENCH_DATABASE_URL`'s server, else the local
PostgreSQL on 127.0.0.1:5432, else an embedded one) migrated and seeded with the demo, with
`--open` bulk registrations (default 1,000,000, made by PostgreSQL from generate_series:
bench/bulk.py) each with a running approval clock, `--due` of them (default 10,000) with a
threshold due (bench/sla.py's sweep table: a reminder, an at_risk or a breach each, the others
up to eight business hours short of theirs). Then, `--runs` times after one uncounted run:

- dealreg: `sla.service.sweep` fires every due threshold, in a transaction rolled back;
- raw: the very statements that sweep sent (captured from its engine, parameters included) sent
  again on a plain asyncpg connection, in a transaction rolled back: the SQL alone, without
  SQLAlchemy, the ORM or the sweep's Python.

Between runs the tables they wrote are vacuumed, so every run fires the same thresholds on the
same table. It prints both medians, their ratio (goal: at most 3x, and dealreg at most 5 s) and
the load average, since the machine may be shared. The database is dropped at the end, unless
`--keep` leaves it for the next run (which then skips the load, about two minutes).
"""

import argparse
import asyncio
import os
import signal
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
from bulk import Loader
from run import (
    REP,
    asyncpg_dsn,
    execute_on_maintenance_db,
    exit_on_sigterm,
    on_database,
    postgres_server,
)
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg import subscriptions
from dealreg.business_time import BusinessCalendar
from dealreg.db import make_engine, make_sessionmaker
from dealreg.demo.catalog import PROGRAMS
from dealreg.migrations import upgrade
from dealreg.sla.models import Threshold
from sla import (
    APPROVERS_PER_VENDOR,
    Policy,
    dealreg_sweep,
    load_clocks,
    seed,
    vendor_policies,
)

KEPT = "dealreg_bench_sweep"
# bench/sla.py's due clocks count their business time up to `running_since` without a pause,
# yet started on their registration's submission, up to a year before: a state no clock can be
# in, whose instants the sweep works out by walking a year of calendar per clock. Here each due
# clock starts instead when its threshold's business time before $1 began (less the hour it is
# late), with nothing counted yet, as a clock running since its submission is.
_STARTS_SQL = """
    UPDATE sla_clocks c
    SET elapsed_us = 0,
        started_at = s.started_at - ($1::timestamptz - c.next_due_at),
        running_since = s.started_at - ($1::timestamptz - c.next_due_at)
    FROM unnest($2::uuid[], $3::text[], $4::timestamptz[]) AS s(vendor_id, threshold, started_at)
    WHERE c.next_due_at <= $1 AND c.vendor_id = s.vendor_id
      AND c.next_threshold = s.threshold::threshold
"""
DEALREG_GOAL_S = 5.0
RATIO_GOAL = 3.0

Sent = tuple[str, Any]  # a statement as asyncpg received it, and its parameters


@contextmanager
def sent_by(engine: AsyncEngine) -> Iterator[list[Sent]]:
    """The statements the engine sends while the block runs."""
    sent: list[Sent] = []

    def record(
        conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        sent.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


def is_many(parameters: Any) -> bool:
    """A list of parameter sets, each a tuple (an executemany), rather than one statement's
    parameters, an array among them a list (an insertmanyvalues batch is reported as `many`
    with one flat set)."""
    return bool(parameters) and all(isinstance(one, tuple) for one in parameters)


async def replay(conn: asyncpg.Connection, sent: list[Sent]) -> float:
    """Seconds to send `sent` again, as they were, in a transaction rolled back."""
    tr = conn.transaction()
    started = time.perf_counter()
    await tr.start()
    try:
        for statement, parameters in sent:
            if is_many(parameters):
                await conn.executemany(statement, parameters)
            else:
                await conn.fetch(statement, *(parameters or ()))
        return time.perf_counter() - started
    finally:
        await tr.rollback()


async def vacuum(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("VACUUM sla_clocks, sla_firings, sla_breaches, events, outbox")
    finally:
        await conn.close()


def threshold_starts(policy: Policy, now: datetime) -> dict[Threshold, datetime]:
    """When a clock of `policy` that has run without a pause must have started for each
    threshold to fall due at `now`."""
    calendar = msgspec.convert(policy.calendar, BusinessCalendar, str_keys=True)
    minutes = {
        Threshold.reminder: policy.target_minutes // 2,
        Threshold.at_risk: policy.target_minutes,
        Threshold.breached: policy.hard_limit_minutes,
    }
    return {t: calendar.subtract(now, timedelta(minutes=m)) for t, m in minutes.items()}


async def build(database_url: str, open_clocks: int, due: int) -> datetime:
    """The demo, `open_clocks` bulk registrations and their clocks; the sweep's instant."""
    dsn = asyncpg_dsn(database_url)
    await seed(database_url)
    loader = Loader(
        dsn,
        demo_programs={
            "Acme Networks": PROGRAMS[0]["name"],
            "Nordlys Security": PROGRAMS[1]["name"],
        },
        demo_reps=[REP, "rep@fjord.example"],
        approvers_per_vendor=APPROVERS_PER_VENDOR,
    )
    seconds = await loader.grow(open_clocks, open_clocks, lambda line: print(line, flush=True))
    print(f"Bulk-loaded {open_clocks:,} registrations ({seconds:.1f} s)", flush=True)
    now = datetime.now(UTC)
    engine = make_engine(database_url, pool_size=1)
    try:
        policies = await vendor_policies(make_sessionmaker(engine), now)
    finally:
        await engine.dispose()
    await load_clocks(dsn, policies, open_clocks, now, due=due)
    starts = [
        (policy.vendor_id, threshold.value, started)
        for policy in policies
        for threshold, started in threshold_starts(policy, now).items()
    ]
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            _STARTS_SQL, now, *(list(column) for column in zip(*starts, strict=True))
        )
        await conn.execute("VACUUM (ANALYZE) sla_clocks")
        await conn.execute("CREATE TABLE bench_sweep (now timestamptz)")
        await conn.execute("INSERT INTO bench_sweep VALUES ($1)", now)
    finally:
        await conn.close()
    return now


async def kept_instant(database_url: str) -> datetime | None:
    """The sweep's instant of a database a run with --keep left complete; None if there is none."""
    try:
        conn = await asyncpg.connect(asyncpg_dsn(database_url))
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        instant: datetime | None = await conn.fetchval("SELECT now FROM bench_sweep")
        return instant
    except asyncpg.UndefinedTableError:
        return None
    finally:
        await conn.close()


async def measure(database_url: str, now: datetime, runs: int) -> dict[str, list[float]]:
    subscriptions.install()
    dsn = asyncpg_dsn(database_url)
    engine = make_engine(database_url, pool_size=1)
    sessionmaker = make_sessionmaker(engine)
    conn = await asyncpg.connect(dsn)
    timings: dict[str, list[float]] = {"dealreg": [], "raw": []}
    try:
        for run in range(1 + runs):
            cpu = time.process_time()
            with sent_by(engine) as sent:
                seconds, fired = await dealreg_sweep(sessionmaker, now)
            cpu = time.process_time() - cpu
            await vacuum(dsn)
            raw_seconds = await replay(conn, sent)
            await vacuum(dsn)
            if run:
                timings["dealreg"].append(seconds)
                timings["raw"].append(raw_seconds)
            print(
                f"  run {run}{' (warm-up)' if not run else ''}: dealreg {seconds:.3f} s, "
                f"{fired:,} fired in {len(sent)} statements, {cpu:.3f} s of its CPU; "
                f"raw {raw_seconds:.3f} s; "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    finally:
        await conn.close()
        await engine.dispose()
    return timings


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--open", type=int, default=1_000_000, help="open clocks")
    parser.add_argument("--due", type=int, default=10_000, help="of them, due")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each")
    parser.add_argument(
        "--keep", action="store_true", help=f"keep the database ({KEPT}_OPEN_DUE) for the next run"
    )
    args = parser.parse_args()
    if not 1 <= args.due <= args.open or args.runs < 1:
        parser.error("--due takes 1 … --open clocks, --runs 1 or more")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with (
        tempfile.TemporaryDirectory(prefix="drs", dir="/tmp") as scratch_dir,
        postgres_server(Path(scratch_dir)) as server_url,
    ):
        name = f"{KEPT}_{args.open}_{args.due}" if args.keep else f"{KEPT}_{os.getpid()}"
        database_url = on_database(server_url, name)
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        try:
            now = asyncio.run(kept_instant(database_url)) if args.keep else None
            if now is None:
                asyncio.run(execute_on_maintenance_db(server_url, drop))
                asyncio.run(execute_on_maintenance_db(server_url, f'CREATE DATABASE "{name}"'))
                upgrade(database_url)
                now = asyncio.run(build(database_url, args.open, args.due))
            else:
                print(f"Reusing {name} (built by an earlier --keep run)")
            timings = asyncio.run(measure(database_url, now, args.runs))
        finally:
            if not args.keep:
                asyncio.run(execute_on_maintenance_db(server_url, drop))
    dealreg, raw = statistics.median(timings["dealreg"]), statistics.median(timings["raw"])
    print(
        f"\nSweep of {args.due:,} due clocks among {args.open:,} open, median of {args.runs}: "
        f"dealreg {dealreg:.3f} s (goal <= {DEALREG_GOAL_S:g} s), its SQL on raw asyncpg "
        f"{raw:.3f} s, ratio {dealreg / raw:.2f}x (goal <= {RATIO_GOAL:g}x); "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
