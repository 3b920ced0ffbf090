"""Approval SLA benchmark (issue #6): the threshold sweep and the breach reports, each against
raw asyncpg running the same SQL in the same run.

    python bench/sla.py [--sizes N [N ...]] [--due N] [--runs N] [--sweep-runs N]

For each size in `--sizes` (default 10000 1000000) in turn, on a fresh database (created on
`DEALREG_BENCH_DATABASE_URL`'s server, else the local PostgreSQL on 127.0.0.1:5432 if it answers,
else an embedded one) migrated and seeded with the demo, it bulk-loads that many registrations
spread over the past year (bench/bulk.py, with three approvers per vendor), gives each its
approval clock and measures two things.

The sweep. Every clock is open (running); `--due` of them (default 10000, all of them at a smaller
size) have a threshold due, in turn a reminder, an at_risk and a breach, and the others wait up to
eight business hours for theirs. `dealreg.sla.service.sweep` fires them in a transaction that is
then rolled back, and the tables it wrote are vacuumed, so every run fires the same thresholds on
the same table. The baseline is the sweep's core SQL on plain asyncpg: take the due clocks with
their registrations FOR UPDATE SKIP LOCKED, `_BATCH` at a time, and move each clock to its next
threshold (due in wall time: no calendar, no firing row, no event). Goal: the cost grows with
what is due, not with what is open: at the largest size at most 2x the smallest's.

The reports. Clocks as a live marketplace has them: most stopped at a decision or withdrawal, the
registrations left unanswered for longer than 10 days breached (each with its `sla_breaches` row),
the newer ones running towards a threshold (at risk when the next is the breach), those waiting
on the partner paused. `dealreg.sla.reports.summary` runs by every SlaGroupBy, channel-wide (a
channel_ops user's scope) and for Acme alone (20 % of the rows), over 90 and 365 days, and so does
the first page of `watchlists.breaches`. The baseline runs on asyncpg the very statement dealreg sent
(captured from its engine, with the settings it made for the statement). Goal: at most 500 ms.
The plans of the reports are printed, from EXPLAIN (ANALYZE, BUFFERS).

Times are medians of `--runs` runs (default 5; the sweep's `--sweep-runs`, default 3) after one
uncounted run; dealreg's time as a ratio of the baseline's is the figure to compare across
machines. Each size's database is dropped once measured, also on failure. The default sizes take
about half an hour on 2 cores, most of it loading, sweeping and the 1M-row reports.
"""

import argparse
import asyncio
import contextlib
import json
import os
import signal
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from bulk import CHUNK, Loader
from run import (
    REP,
    asyncpg_dsn,
    execute_on_maintenance_db,
    exit_on_sigterm,
    on_database,
    postgres_server,
    scratch_database,
    short,
)
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from statements import Statement, captured, explain

from dealreg import subscriptions
from dealreg.auth.service import principal_for_email
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.demo.catalog import PROGRAMS
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from dealreg.pagination import PageRequest
from dealreg.registrations.models import Registration
from dealreg.sla import clocks, reports, watchlists
from dealreg.sla.models import SlaClock, Threshold
from dealreg.sla.service import _BATCH, sweep

DEFAULT_SIZES = [10_000, 1_000_000]
DEFAULT_DUE = 10_000
APPROVERS_PER_VENDOR = 3
CHANNEL_OPS = "ops@platform.example"
WINDOWS = (90, 365)
GOAL_MS = 500.0
SWEEP_GOAL = 2.0
# A waiting clock is 1 … this many business minutes from its next threshold: less than the
# reminder's (half the default target of 16 hours), so no clock has run negative time.
MAX_REMAINING = 479


# --- loading ------------------------------------------------------------------------------------

_TEMP_TABLES_SQL = """
    CREATE TEMPORARY TABLE bench_policies (
        vendor_id uuid PRIMARY KEY, calendar jsonb, target_minutes int, hard_limit_minutes int,
        breach_action breachaction, escalation_email text);
    CREATE TEMPORARY TABLE bench_dues (
        vendor_id uuid, minutes int, due_at timestamptz, PRIMARY KEY (vendor_id, minutes));
"""
_POLICIES_SQL = """
    INSERT INTO bench_policies
    SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::int[], $4::int[],
                         $5::text[]::breachaction[], $6::text[])
"""
_DUES_SQL = """
    INSERT INTO bench_dues SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[])
"""
# The clocks of bulk registrations $1 … $2 (their numbers) as they stand at $3.
# With $4 (the sweep's table) every clock runs: the $6 whose serial `i` is a multiple of $5 are due
# at $3 or up to an hour before it, one threshold each, and the others wait 1 … $7 business minutes
# for theirs. Otherwise (the reports' table) a clock follows its registration's status: stopped at
# a decision or withdrawal, paused while the registration waits on the partner, running while it
# is submitted or in review: breached long since when older than 10 days, else waiting for a
# threshold. How much business time a clock has counted is spread by a hash of `i` (most decided
# within the target, 30 % late, 10 % past the hard limit), not derived from the registration's
# dates. A waiting clock counts from $3, so bench_dues holds when its threshold falls due.
_CLOCKS_SQL = """
    INSERT INTO sla_clocks (registration_id, vendor_id, partner_id, program_id, approver_id, decided,
                            calendar, target_minutes, hard_limit_minutes, breach_action,
                            escalation_email, state, started_at, elapsed_us, running_since,
                            pauses, paused_since, stopped_at, next_threshold, next_due_at)
    SELECT c.id, c.vendor_id, c.partner_id, c.program_id, c.approver_id,
           c.decided_at IS NOT NULL,
           c.calendar, c.target_minutes, c.hard_limit_minutes,
           c.breach_action, c.escalation_email,
           (CASE kind WHEN 'paused' THEN 'paused' WHEN 'stopped' THEN 'stopped'
                 ELSE 'running' END)::clockstate,
           c.submitted_at,
           60000000::bigint * CASE kind
               WHEN 'due' THEN threshold_minutes
               WHEN 'waiting' THEN threshold_minutes - remaining
               WHEN 'breached' THEN 0
               WHEN 'paused' THEN target_minutes * (s + 1) / 200
               ELSE CASE
                   WHEN decided_at IS NULL THEN target_minutes * (s + 1) / 200
                   WHEN s < 60 THEN target_minutes * (s + 1) / 61
                   WHEN s < 90 THEN target_minutes
                                    + (hard_limit_minutes - target_minutes) * (s - 59) / 31
                   ELSE hard_limit_minutes + hard_limit_minutes * (s - 89) / 40
               END
           END,
           CASE kind WHEN 'due' THEN due_since WHEN 'waiting' THEN $3::timestamptz
                     WHEN 'breached' THEN c.submitted_at END,
           '[]'::jsonb,
           CASE WHEN kind = 'paused' THEN c.submitted_at + interval '1 day' END,
           CASE WHEN kind = 'stopped'
                THEN coalesce(c.decided_at, c.submitted_at + interval '1 day') END,
           (CASE WHEN kind IN ('due', 'waiting') THEN threshold
                 WHEN kind = 'paused' THEN 'reminder' END)::threshold,
           CASE kind WHEN 'due' THEN due_since WHEN 'waiting' THEN d.due_at END
    FROM (
        SELECT x.*,
               CASE threshold WHEN 'reminder' THEN target_minutes / 2
                              WHEN 'at_risk' THEN target_minutes
                              ELSE hard_limit_minutes END AS threshold_minutes,
               $3::timestamptz - make_interval(secs => nth % 3600) AS due_since
        FROM (
            SELECT r.id, r.vendor_id, r.partner_id, r.program_id, r.approver_id, r.submitted_at,
                   r.decided_at, p.calendar,
                   p.target_minutes, p.hard_limit_minutes, p.breach_action, p.escalation_email,
                   k.kind, k.nth, h.s, h.remaining,
                   (ARRAY['reminder', 'at_risk', 'breached'])
                       [1 + CASE WHEN k.kind = 'due' THEN k.nth ELSE h.t END % 3] AS threshold
            FROM registrations r
            JOIN bench_policies p ON p.vendor_id = r.vendor_id
            CROSS JOIN LATERAL (SELECT substr(r.number, 6)::bigint AS i) AS g
            CROSS JOIN LATERAL (
                SELECT ((hashint8extended(g.i, 7) % 100) + 100) % 100 AS s,
                       ((hashint8extended(g.i, 8) % 3) + 3) % 3 AS t,
                       ((hashint8extended(g.i, 9) % $7::int) + $7::int) % $7::int + 1
                           AS remaining
            ) AS h
            CROSS JOIN LATERAL (
                SELECT g.i / $5::bigint AS nth,
                       CASE WHEN $4::boolean AND g.i % $5::bigint = 0
                                 AND g.i / $5::bigint <= $6::bigint THEN 'due'
                            WHEN $4::boolean THEN 'waiting'
                            WHEN r.status IN ('submitted', 'in_review')
                                 AND r.submitted_at >= $3::timestamptz - interval '10 days'
                                THEN 'waiting'
                            WHEN r.status IN ('submitted', 'in_review') THEN 'breached'
                            WHEN r.status = 'info_requested' THEN 'paused'
                            ELSE 'stopped'
                       END AS kind
            ) AS k
            WHERE r.number BETWEEN $1 AND $2
        ) AS x
    ) AS c
    LEFT JOIN bench_dues d ON d.vendor_id = c.vendor_id AND d.minutes = c.remaining
"""
# A breach row for every clock past its hard limit: those still running unanswered and those
# stopped late, and the clock marked as breached, as the sweep does. When it fell due is not
# derived from the calendar either: 6 days after submission (about 4 business days) for the
# first, an hour before the decision for the second.
_BREACHES_SQL = """
    INSERT INTO sla_breaches (id, registration_id, vendor_id, partner_id, program_id,
                              approver_id, due_at, breached_at, action)
    SELECT gen_random_uuid(), r.id, r.vendor_id, r.partner_id, r.program_id, r.approver_id,
           d.due_at, d.due_at + interval '1 minute', c.breach_action
    FROM sla_clocks c
    JOIN registrations r ON r.id = c.registration_id
    CROSS JOIN LATERAL (
        SELECT CASE WHEN c.state = 'running' THEN r.submitted_at + interval '6 days'
                    ELSE c.stopped_at - interval '1 hour' END AS due_at
    ) AS d
    WHERE (c.state = 'running' AND c.next_threshold IS NULL)
       OR (c.state = 'stopped' AND c.elapsed_us > c.hard_limit_minutes * 60000000::bigint);
    UPDATE sla_clocks c SET breached = true
    FROM sla_breaches b WHERE b.registration_id = c.registration_id;
"""
_ROLLUPS = (
    "sla_rollups, sla_rollup_buckets, sla_partner_rollups, sla_partner_rollup_buckets, "
    "sla_rollup_changes"
)
_SPREAD_SQL = """
    SELECT count(*) AS clocks,
           count(*) FILTER (WHERE state = 'stopped') AS stopped,
           count(*) FILTER (WHERE state = 'paused') AS paused,
           count(*) FILTER (WHERE state = 'running') AS running,
           count(*) FILTER (WHERE next_due_at <= $1) AS due,
           (SELECT count(*) FROM sla_breaches) AS breaches
    FROM sla_clocks
"""


@dataclass(frozen=True)
class Policy:
    """What `clocks.start_clocks` copies into a vendor's clocks, and when a clock of it that runs
    from `now` reaches each of the next MAX_REMAINING business minutes."""

    vendor_id: uuid.UUID
    calendar: dict[str, Any]
    target_minutes: int
    hard_limit_minutes: int
    breach_action: str
    escalation_email: str | None
    dues: list[datetime]  # [m - 1]: `m` business minutes after `now`


async def vendor_policies(
    sessionmaker: async_sessionmaker[AsyncSession], now: datetime
) -> list[Policy]:
    """Start a real clock for one bulk registration of each vendor, keep what it copied from the
    policy, and roll it back: the bulk clocks then hold what dealreg itself would have written."""
    async with sessionmaker() as session:
        first_numbers = (
            select(func.min(Registration.number))
            .where(Registration.number.like("BULK-%"))
            .group_by(Registration.vendor_id)
        )
        firsts = (
            await session.scalars(
                select(Registration).where(Registration.number.in_(first_numbers))
            )
        ).all()
        await clocks.start_clocks(session, firsts)
        started = await session.scalars(
            select(SlaClock).where(SlaClock.registration_id.in_([r.id for r in firsts]))
        )
        policies = []
        for clock in started:
            calendar = clocks.calendar_of(clock)
            policies.append(
                Policy(
                    vendor_id=clock.vendor_id,
                    calendar=clock.calendar,
                    target_minutes=clock.target_minutes,
                    hard_limit_minutes=clock.hard_limit_minutes,
                    breach_action=clock.breach_action.value,
                    escalation_email=clock.escalation_email,
                    dues=[
                        calendar.add(now, timedelta(minutes=m)) for m in range(1, MAX_REMAINING + 1)
                    ],
                )
            )
        await session.rollback()
    assert all(p.target_minutes // 2 > MAX_REMAINING for p in policies), "no negative elapsed"
    return policies


def number(i: int) -> str:
    """Bulk row `i`'s registration number, as bench/bulk.py makes it."""
    return f"BULK-{i:09d}"


async def load_clocks(
    dsn: str, policies: list[Policy], size: int, now: datetime, *, due: int | None
) -> float:
    """Replace every SLA row by the clocks of bulk registrations 1 … `size`: the sweep's table
    when `due` is given, else the reports'; vacuum and analyze. Returns the seconds it took."""
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        # A bench database is thrown away: losing the last commits in a crash costs nothing.
        await conn.execute("SET synchronous_commit = off")
        await conn.execute("TRUNCATE sla_firings, sla_breaches, sla_clocks")
        await conn.execute(_TEMP_TABLES_SQL)
        await conn.execute(
            _POLICIES_SQL,
            [p.vendor_id for p in policies],
            [json.dumps(p.calendar) for p in policies],
            [p.target_minutes for p in policies],
            [p.hard_limit_minutes for p in policies],
            [p.breach_action for p in policies],
            [p.escalation_email for p in policies],
        )
        await conn.execute(
            _DUES_SQL,
            [p.vendor_id for p in policies for _ in p.dues],
            [m for p in policies for m in range(1, len(p.dues) + 1)],
            [at for p in policies for at in p.dues],
        )
        for first in range(1, size + 1, CHUNK):
            last = min(size, first + CHUNK - 1)
            await conn.execute(
                _CLOCKS_SQL,
                number(first),
                number(last),
                now,
                due is not None,
                size // due if due else 1,
                due or 0,
                MAX_REMAINING,
            )
        if due is None:
            await conn.execute(_BREACHES_SQL)
        # What the fold job would have done by the time anyone reads a report.
        await conn.execute("SELECT sla_rollups_fold()")
        # Autovacuum would otherwise wake in the middle of a measurement after a big load.
        await conn.execute(f"VACUUM (ANALYZE) sla_clocks, sla_breaches, sla_firings, {_ROLLUPS}")
        spread = await conn.fetchrow(_SPREAD_SQL, now)
    finally:
        await conn.close()
    seconds = time.perf_counter() - started
    print(
        f"  {spread['clocks']:,} clocks ({seconds:.1f} s): {spread['running']:,} running, "
        f"{spread['paused']:,} paused, {spread['stopped']:,} stopped; {spread['due']:,} due; "
        f"{spread['breaches']:,} breaches",
        flush=True,
    )
    return seconds


# --- the sweep ----------------------------------------------------------------------------------

_RAW_DUE_SQL = """
    SELECT c.registration_id, c.next_threshold, c.running_since, c.elapsed_us,
           c.target_minutes, c.hard_limit_minutes
    FROM sla_clocks c
    JOIN registrations r ON r.id = c.registration_id
    WHERE c.next_due_at <= $1 AND c.state = 'running'
    ORDER BY c.next_due_at
    LIMIT $2
    FOR UPDATE OF c, r SKIP LOCKED
"""
_RAW_NEXT_SQL = """
    UPDATE sla_clocks SET next_threshold = $2, next_due_at = $3, updated_at = clock_timestamp()
    WHERE registration_id = $1
"""


@dataclass(frozen=True)
class SweepFigures:
    open: int
    due: int
    fired: int  # by dealreg, in each run
    moved: int  # clocks the baseline moved on, in each run
    dealreg: float  # seconds, median
    raw: float
    plan: str  # of dealreg's first batch


def raw_next(row: asyncpg.Record) -> tuple[uuid.UUID, str | None, datetime | None]:
    """The clock's next threshold and when it falls due, in wall time: the baseline leaves the
    business calendar out."""
    following = clocks.ORDER.index(Threshold(row["next_threshold"])) + 1
    if following == len(clocks.ORDER):
        return row["registration_id"], None, None
    threshold = clocks.ORDER[following]
    minutes = row["target_minutes"] if threshold is Threshold.at_risk else row["hard_limit_minutes"]
    remaining = timedelta(microseconds=minutes * 60_000_000 - row["elapsed_us"])
    return row["registration_id"], threshold.value, row["running_since"] + remaining


async def raw_sweep(conn: asyncpg.Connection, now: datetime) -> tuple[float, int]:
    """The baseline's sweep, rolled back; its seconds and how many clocks it moved on."""
    moved = 0
    tr = conn.transaction()
    started = time.perf_counter()
    await tr.start()
    try:
        while True:
            due = await conn.fetch(_RAW_DUE_SQL, now, _BATCH)
            if due:
                await conn.executemany(_RAW_NEXT_SQL, [raw_next(row) for row in due])
            moved += len(due)
            if len(due) < _BATCH:
                return time.perf_counter() - started, moved
    finally:
        await tr.rollback()


async def dealreg_sweep(
    sessionmaker: async_sessionmaker[AsyncSession], now: datetime
) -> tuple[float, int]:
    """dealreg's sweep, rolled back; its seconds and how many thresholds it fired."""
    async with sessionmaker() as session:
        started = time.perf_counter()
        fired = await sweep(session, now=now)
        seconds = time.perf_counter() - started
        await session.rollback()
    return seconds, fired


async def measure_sweep(
    database_url: str, size: int, due: int, now: datetime, runs: int
) -> SweepFigures:
    dsn = asyncpg_dsn(database_url)
    engine = make_engine(database_url, pool_size=1)
    sessionmaker = make_sessionmaker(engine)
    conn = await asyncpg.connect(dsn)
    timings: dict[str, list[float]] = {"dealreg": [], "raw": []}
    plan = ""
    try:
        for run in range(1 + runs):
            with captured(engine) as statements:
                seconds, fired = await dealreg_sweep(sessionmaker, now)
            # What a rolled-back run left (new row versions, firings, breaches, events) is
            # vacuumed away, so every run starts from the same table.
            await conn.execute("VACUUM sla_clocks, sla_firings, sla_breaches, events")
            raw_seconds, moved = await raw_sweep(conn, now)
            await conn.execute("VACUUM sla_clocks")
            if run:
                timings["dealreg"].append(seconds)
                timings["raw"].append(raw_seconds)
            else:
                # The statement of the first batch, which reads the table at its fullest.
                plan = await explain(conn, statements[:1])
            print(
                f"  sweep run {run}{' (warm-up)' if not run else ''}: dealreg {seconds:.3f} s, "
                f"{fired:,} fired; raw {raw_seconds:.3f} s, {moved:,} moved on",
                flush=True,
            )
    finally:
        await conn.close()
        await engine.dispose()
    return SweepFigures(
        open=size,
        due=due,
        fired=fired,
        moved=moved,
        dealreg=statistics.median(timings["dealreg"]),
        raw=statistics.median(timings["raw"]),
        plan=plan,
    )


# --- the reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One report call: a summary by `group_by`, or (None) the first page of breaches."""

    group_by: reports.SlaGroupBy | None
    scope_name: str
    days: int
    scope: reports.Scope

    @property
    def name(self) -> str:
        return f"summary/{self.group_by.value}" if self.group_by else "breaches page 1"

    async def run(self, session: AsyncSession) -> int:
        """Rows its statement returned."""
        if self.group_by is None:
            page = await watchlists.breaches(session, self.scope, PageRequest())
            # The statement reads one row past the page to tell whether there is a next.
            return len(page.items) + (page.next_key is not None)
        return len(await reports.summary(session, self.scope, self.group_by))


@dataclass(frozen=True)
class ReportFigures:
    rows: int
    dealreg_ms: float  # median
    raw_ms: float
    plan: str


def report_calls(ops: Principal, acme_id: uuid.UUID, now: datetime) -> list[Report]:
    today = now.date()
    calls = []
    for days in WINDOWS:
        for scope_name, vendor_id in (("all vendors", None), ("Acme", acme_id)):
            scope = reports.scope_of(
                ops,
                start=today - timedelta(days=days - 1),
                end=today,
                vendor_id=vendor_id,
                program_id=None,
                approver_id=None,
                today=today,
            )
            calls += [
                Report(group_by, scope_name, days, scope)
                for group_by in [*reports.SlaGroupBy, None]
            ]
    return calls


async def dealreg_report(
    sessionmaker: async_sessionmaker[AsyncSession], report: Report
) -> tuple[float, int]:
    async with sessionmaker() as session:
        # BEGIN and the pool's ping go out before the clock starts, as the baseline's BEGIN does.
        await session.execute(text("SELECT 1"))
        started = time.perf_counter()
        rows = await report.run(session)
        return time.perf_counter() - started, rows


async def raw_report(conn: asyncpg.Connection, statements: list[Statement]) -> tuple[float, int]:
    """The statements dealreg sent for a report (settings, then the report's), timed together;
    the rows of the last."""
    *settings, (sql, arguments) = statements
    async with conn.transaction():
        started = time.perf_counter()
        for setting, setting_arguments in settings:
            await conn.execute(setting, *setting_arguments)
        rows = await conn.fetch(sql, *arguments)
        return time.perf_counter() - started, len(rows)


async def measure_report(
    engine: AsyncEngine, conn: asyncpg.Connection, report: Report, runs: int
) -> ReportFigures:
    sessionmaker = make_sessionmaker(engine)
    with captured(engine) as statements:
        _, rows = await dealreg_report(sessionmaker, report)
    sent = [s for s in statements if s[0] != "SELECT 1"]
    _, raw_rows = await raw_report(conn, sent)
    if raw_rows != rows:
        raise RuntimeError(f"{report.name}: dealreg returned {rows} rows, the same SQL {raw_rows}")
    dealreg, raw = [], []
    for _ in range(runs):
        dealreg.append((await dealreg_report(sessionmaker, report))[0])
        raw.append((await raw_report(conn, sent))[0])
    return ReportFigures(
        rows=rows,
        dealreg_ms=1000 * statistics.median(dealreg),
        raw_ms=1000 * statistics.median(raw),
        plan=await explain(conn, sent),
    )


ReportKey = tuple[str, str, int]  # report name, scope, days


async def measure_reports(
    database_url: str, ops: Principal, acme_id: uuid.UUID, now: datetime, runs: int
) -> dict[ReportKey, ReportFigures]:
    engine = make_engine(database_url, pool_size=1)
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    figures = {}
    try:
        for report in report_calls(ops, acme_id, now):
            f = await measure_report(engine, conn, report, runs)
            figures[report.name, report.scope_name, report.days] = f
            print(
                f"  {report.name:<17} {report.scope_name:<11} {report.days:>3} d: "
                f"{f.rows:>3} rows, dealreg {f.dealreg_ms:9.2f} ms, raw {f.raw_ms:9.2f} ms; "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
            print(f"      plan: {f.plan}", flush=True)
    finally:
        await conn.close()
        await engine.dispose()
    return figures


# --- one size -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SizeFigures:
    sweep: SweepFigures | None  # None: skipped
    reports: dict[ReportKey, ReportFigures]


async def seed(database_url: str) -> tuple[Principal, uuid.UUID]:
    """The demo; the channel_ops user who reads reports, and Acme's id."""
    subscriptions.install()
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            ops = await principal_for_email(session, CHANNEL_OPS)
            acme_id = await session.scalar(
                select(Organization.id).where(Organization.code == "ACME")
            )
    finally:
        await engine.dispose()
    assert acme_id is not None, "the demo seeds the Acme vendor"
    return ops, acme_id


async def measure_size(
    database_url: str, size: int, args: argparse.Namespace, kept: datetime | None
) -> SizeFigures:
    """One size's figures. `kept`: the instant of a database an earlier --keep run left with its
    reports' clocks loaded (the load and the sweep are skipped)."""
    dsn = asyncpg_dsn(database_url)
    if kept is not None:
        # A new migration may have rebuilt the rollups, leaving a million dead changes.
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute(f"VACUUM (ANALYZE) {_ROLLUPS}")
        finally:
            await conn.close()
        ops, acme_id = await principals(database_url)
        print(f"Reusing the database an earlier --keep run loaded at {kept:%Y-%m-%d %H:%M} UTC")
        report_figures = await measure_reports(database_url, ops, acme_id, kept, args.runs)
        return SizeFigures(sweep=None, reports=report_figures)
    ops, acme_id = await seed(database_url)
    loader = Loader(
        dsn,
        demo_programs={
            "Acme Networks": PROGRAMS[0]["name"],
            "Nordlys Security": PROGRAMS[1]["name"],
        },
        demo_reps=[REP, "rep@fjord.example"],
        approvers_per_vendor=APPROVERS_PER_VENDOR,
    )
    seconds = await loader.grow(size, size, lambda line: print(line, flush=True))
    print(f"Bulk-loaded {size:,} registrations ({seconds:.1f} s with VACUUM ANALYZE)")
    # One instant for the whole size: what is due, and the reports' window, are relative to it.
    now = datetime.now(UTC)
    engine = make_engine(database_url, pool_size=1)
    try:
        policies = await vendor_policies(make_sessionmaker(engine), now)
    finally:
        await engine.dispose()
    sweep_figures = None
    if not args.skip_sweep:
        due = min(args.due, size)
        print(f"\nSweep: {size:,} open clocks, {due:,} due")
        await load_clocks(dsn, policies, size, now, due=due)
        sweep_figures = await measure_sweep(database_url, size, due, now, args.sweep_runs)
        print(f"  plan of its first batch: {sweep_figures.plan}")
    print("\nReports: clocks as decisions left them")
    await load_clocks(dsn, policies, size, now, due=None)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE TABLE bench_sla_reports (now timestamptz)")
        await conn.execute("INSERT INTO bench_sla_reports VALUES ($1)", now)
    finally:
        await conn.close()
    report_figures = await measure_reports(database_url, ops, acme_id, now, args.runs)
    return SizeFigures(sweep=sweep_figures, reports=report_figures)


async def principals(database_url: str) -> tuple[Principal, uuid.UUID]:
    """As `seed` returns them, from a database already seeded."""
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            ops = await principal_for_email(session, CHANNEL_OPS)
            acme_id = await session.scalar(
                select(Organization.id).where(Organization.code == "ACME")
            )
    finally:
        await engine.dispose()
    assert acme_id is not None, "the demo seeds the Acme vendor"
    return ops, acme_id


async def kept_instant(database_url: str) -> datetime | None:
    """The instant of a database a --keep run left with its reports' clocks; None if none."""
    try:
        conn = await asyncpg.connect(asyncpg_dsn(database_url))
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        instant: datetime | None = await conn.fetchval("SELECT now FROM bench_sla_reports")
        return instant
    except asyncpg.UndefinedTableError:
        return None
    finally:
        await conn.close()


@contextlib.contextmanager
def kept_database(server_url: str, size: int) -> Iterator[str]:
    """A database of the size's that outlives the run, created if there is none."""
    name = f"dealreg_bench_sla_{size}"
    with contextlib.suppress(asyncpg.DuplicateDatabaseError):
        asyncio.run(execute_on_maintenance_db(server_url, f'CREATE DATABASE "{name}"'))
    yield on_database(server_url, name)


# --- the tables ---------------------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator else "-"


def print_sweep(results: dict[int, SizeFigures]) -> None:
    print(
        f"\nSweep: sla.service.sweep firing every due threshold, against raw asyncpg taking the "
        f"due clocks FOR UPDATE SKIP LOCKED {_BATCH} at a time and moving each on (median s)"
    )
    header = (
        f"{'open clocks':>11} {'due':>7} {'fired':>7} {'moved':>7} {'dealreg s':>10} "
        f"{'raw s':>8} {'dealreg/raw':>11}"
    )
    print(header)
    print("-" * len(header))
    sweeps = {size: f.sweep for size, f in results.items() if f.sweep is not None}
    if not sweeps:
        return
    for f in (sweeps[size] for size in sorted(sweeps)):
        print(
            f"{f.open:>11,} {f.due:>7,} {f.fired:>7,} {f.moved:>7,} {f.dealreg:>10.3f} "
            f"{f.raw:>8.3f} {ratio(f.dealreg, f.raw):>11}"
        )
    if len(sweeps) > 1:
        small, large = sweeps[min(sweeps)], sweeps[max(sweeps)]
        growth = large.dealreg / small.dealreg
        print(
            f"{short(large.open)} open against {short(small.open)} (goal <= {SWEEP_GOAL:g}x): "
            f"dealreg {growth:.2f}x{' OVER' if growth > SWEEP_GOAL else ''}, "
            f"raw {ratio(large.raw, small.raw)}"
        )


def print_reports(results: dict[int, SizeFigures]) -> None:
    sizes = sorted(results)
    print(
        f"\nReports: median ms of the call (dealreg) and of its SQL on asyncpg (raw); "
        f"! = over the {GOAL_MS:g} ms goal"
    )
    columns = "".join(
        f" | {short(size) + ' rows':>9} {'dealreg':>9} {'raw':>9} {'ratio':>6}" for size in sizes
    )
    header = f"{'report':<17} {'scope':<11} {'days':>4}{columns}"
    print(header)
    print("-" * len(header))
    for key in results[sizes[0]].reports:
        name, scope, days = key
        cells = ""
        for size in sizes:
            f = results[size].reports[key]
            flag = "!" if f.dealreg_ms > GOAL_MS else " "
            cells += (
                f" | {f.rows:>9} {f.dealreg_ms:>8.2f}{flag} {f.raw_ms:>9.2f} "
                f"{ratio(f.dealreg_ms, f.raw_ms):>6}"
            )
        print(f"{name:<17} {scope:<11} {days:>4}{cells}")


async def describe_server(server_url: str) -> str:
    conn = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        version = await conn.fetchval("SHOW server_version")
        settings = [
            f"{name} {await conn.fetchval(f'SHOW {name}')}"
            for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit")
        ]
    finally:
        await conn.close()
    return f"PostgreSQL {version} at {make_url(server_url).render_as_string()}; " + ", ".join(
        settings
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=DEFAULT_SIZES,
        metavar="N",
        help="registrations (each with its clock) to measure at, each on a database of its own "
        f"(default: {' '.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument(
        "--due",
        type=int,
        default=DEFAULT_DUE,
        help=f"clocks with a threshold due when the sweep runs (default: {DEFAULT_DUE})",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each report")
    parser.add_argument("--sweep-runs", type=int, default=3, help="timed runs of each sweep")
    parser.add_argument("--skip-sweep", action="store_true", help="measure the reports only")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each size's database (dealreg_bench_sla_N) with its reports' clocks: the next "
        "run with --keep migrates it and measures the reports again, without loading",
    )
    args = parser.parse_args()
    if min(args.sizes) < 1 or args.due < 1:
        parser.error("--sizes and --due take counts of rows, 1 or more")
    if min(args.runs, args.sweep_runs) < 1:
        parser.error("--runs and --sweep-runs take 1 or more")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    results: dict[int, SizeFigures] = {}
    # A short path: an embedded server puts its Unix socket in here (about 100 bytes at most).
    with (
        tempfile.TemporaryDirectory(prefix="drs", dir="/tmp") as scratch_dir,
        postgres_server(Path(scratch_dir)) as server_url,
    ):
        print(asyncio.run(describe_server(server_url)), flush=True)
        for size in sorted(set(args.sizes)):
            print(f"\n=== {size:,} registrations ===", flush=True)
            database = (
                kept_database(server_url, size) if args.keep else scratch_database(server_url)
            )
            with database as database_url:
                kept = asyncio.run(kept_instant(database_url)) if args.keep else None
                upgrade(database_url)
                results[size] = asyncio.run(measure_size(database_url, size, args, kept))
    print_sweep(results)
    print_reports(results)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
