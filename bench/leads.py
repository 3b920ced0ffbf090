"""Lead report benchmark: `dealreg.leads.reports.summary` over up to a million leads, against raw
asyncpg running the very statements dealreg sent, in the same run.

    python bench/leads.py [--sizes N [N ...]] [--runs N]

For each size in `--sizes` (default 10000 1000000) in turn, on a fresh database (created on
`DEALREG_BENCH_DATABASE_URL`'s server, else the local PostgreSQL on 127.0.0.1:5432 if it answers,
else an embedded one) migrated and seeded with the demo, it bulk-loads that many leads in SQL
(`INSERT … SELECT … FROM generate_series`, `CHUNK` rows a statement, the indexes no constraint
owns dropped meanwhile and built again after), then VACUUM ANALYZE. The demo's own handful of
Acme leads stay in the table.

How the leads are spread, as a busy marketplace would have them:
- vendors: Acme (the benchmarked one) gets 20 % of the leads, Nordlys 4 %, and 19 bench vendors
  4 % each; partners: Northwind, Fjord and 98 bench partners, evenly, each partnered with every
  vendor. Which vendor and partner a lead gets is a hash of its serial `i`, so they are
  independent. Each lead carries its vendor's lead SLA (calendar, accept and first-touch
  minutes) as forwarding copies it in.
- forwarded_at: evenly over the 365 days before the load, in the order of `i` (older rows first
  in the heap, as a live table has them); created up to a day before.
- statuses: 10 % still forwarded (pending), 15 % rejected (a reason code each, a note for
  `other`), 5 % recalled, 70 % accepted. Of the accepted: 40 % still open (a quarter of them
  not yet touched, half of those overdue), 20 % won, 20 % lost, 20 % no decision; 40 % converted
  (registration_id left null: the report counts converted_at). Business time to accept is
  5 minutes … 6 hours, to first touch 10 minutes … 4 hours; instants that would fall after the
  load are clamped to it.
- campaigns: one of 30, or none (1 in 11); reps: one of three users of the partner, or none
  (half the leads never accepted, 5 % of the accepted ones).

Every LeadGroupBy runs channel-wide (the demo's channel_ops user's scope) and for Acme alone, over
90 and 365 days. The baseline runs on asyncpg the very statements dealreg sent (captured from its
engine). Goal: at most 500 ms. Times are medians of `--runs` runs (default 5) after one
uncounted run; dealreg's time as a ratio of the baseline's is the figure to compare across
machines. Each report's plan is summarised as it is measured, and the full EXPLAIN (ANALYZE,
BUFFERS) of Acme's 90-day partner report at the largest size is printed at the end. Each
size's database is dropped once measured, also on failure. The default sizes take about 7
minutes on 2 cores, half of it loading the million leads.
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import msgspec
from run import (
    asyncpg_dsn,
    execute_on_maintenance_db,
    exit_on_sigterm,
    on_database,
    postgres_server,
    scratch_database,
    short,
)
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg import subscriptions
from dealreg.auth.service import principal_for_email
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.leads import reports
from dealreg.leads.rules import DEFAULT_ACCEPT_DAYS, DEFAULT_FIRST_TOUCH_DAYS
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from dealreg.sla import clocks
from sla import Statement, captured, describe_server, explain

DEFAULT_SIZES = [10_000, 1_000_000]
CHANNEL_OPS = "ops@platform.example"
WINDOWS = (90, 365)
GOAL_MS = 500.0
BOUNDS = reports.Bounds()
CHUNK = 200_000
SPAN = timedelta(days=365)
SLOTS = 100  # vendor slots: a lead's vendor is slot hash(i) % SLOTS
ACME_SHARE = 20
NORDLYS_SHARE = 4
BENCH_VENDORS = 19  # 4 slots each
BENCH_PARTNERS = 98
REPS_PER_PARTNER = 3
# The demo's vendors, their admin (who creates their leads) and a SKU of theirs; the demo's
# partners and the users of theirs who work leads (repeated to REPS_PER_PARTNER).
DEMO_VENDORS = {
    "Acme Networks": ("admin@acme.example", "ACME-FW-500"),
    "Nordlys Security": ("admin@nordlys.example", "NRD-EDR-ENT"),
}
DEMO_PARTNERS = {
    "Northwind IT": ["rep@northwind.example", "rep2@northwind.example", "admin@northwind.example"],
    "Fjord Solutions": ["rep@fjord.example"] * REPS_PER_PARTNER,
}

# --- loading ------------------------------------------------------------------------------------

_VENDOR_SQL = """
    INSERT INTO organizations (id, kind, name, code, country, timezone)
    SELECT gen_random_uuid(), 'vendor', format('Lead Bench Vendor %s', v), format('LBV%s', v),
           'US', 'America/Chicago'
    FROM generate_series(1, $1) AS v
    RETURNING id
"""
_VENDOR_ADMIN_SQL = """
    INSERT INTO users (id, organization_id, email, name, role)
    SELECT gen_random_uuid(), vendor_id, format('admin%s@lead-bench-vendor.example', n),
           'Lead Bench Admin', 'vendor_admin'
    FROM unnest($1::uuid[]) WITH ORDINALITY AS v (vendor_id, n)
    RETURNING id, organization_id
"""
_PARTNER_SQL = """
    INSERT INTO organizations (id, kind, name, country)
    SELECT gen_random_uuid(), 'partner', format('Lead Bench Partner %s', p), 'US'
    FROM generate_series(1, $1) AS p
    RETURNING id
"""
_REP_SQL = """
    INSERT INTO users (id, organization_id, email, name, role)
    SELECT gen_random_uuid(), partner_id, format('rep%s.%s@lead-bench-partner.example', n, r),
           format('Lead Bench Rep %s.%s', n, r), 'partner_rep'
    FROM unnest($1::uuid[]) WITH ORDINALITY AS p (partner_id, n), generate_series(1, $2) AS r
    RETURNING id, organization_id
"""
_PARTNERSHIP_SQL = """
    INSERT INTO partnerships (id, partner_id, vendor_id, tier)
    SELECT gen_random_uuid(), p, v,
           (ARRAY['registered', 'silver', 'gold', 'platinum'])[1 + abs(hashtext(p::text || v::text)) % 4]::tier
    FROM unnest($1::uuid[]) AS p, unnest($2::uuid[]) AS v
    ON CONFLICT (partner_id, vendor_id) DO NOTHING
"""
_DEMO_ORGS_SQL = "SELECT id, name FROM organizations WHERE name = ANY($1::text[])"
_DEMO_USERS_SQL = "SELECT id, email FROM users WHERE email = ANY($1::text[])"

# Leads $1 … $2 (their serial `i`); $3 the epoch of i = 0, $4 seconds between rows, $5 the load's
# instant (nothing happens after it). Per vendor slot: $6 vendor, $7 creator, $8 calendar, $9 and
# $10 accept and first-touch minutes, $11 a SKU. Per partner slot: $12 partner; $13 its reps,
# $14 a slot (rep `r` of slot `k` at `k * $14 + r + 1`).
# Hashes of `i`: v vendor slot, k partner slot, s status (forwarded < 10 ≤ rejected < 25 ≤
# recalled < 30 ≤ accepted), d what happened after acceptance, r rep, c campaign, the business
# times to accept and to first touch, the rejection reason, when a closed lead closed.
_LEADS_SQL = """
    INSERT INTO leads (id, vendor_id, partner_id, rep_id, created_by, status, customer, contact,
                       customer_name, skus, interest, campaign, source, score, notes, calendar,
                       accept_minutes, first_touch_minutes, forwarded_at, accept_due_at,
                       accepted_at, accept_business_us, rejected_at, reject_code, reject_note,
                       recalled_at, first_touch_due_at, first_touch_at, first_touch_business_us,
                       first_touch_overdue, disposition, disposition_at, qualified_at,
                       converted_at, closed_at, lost_reason, created_at, updated_at)
    SELECT md5('bench-lead-' || i)::uuid, ($6::uuid[])[v + 1], ($12::uuid[])[k + 1],
           CASE WHEN (s < 30 AND r < 50) OR (s >= 30 AND r < 5) THEN NULL
                ELSE ($13::uuid[])[k * $14::int + r % $14::int + 1] END,
           ($7::uuid[])[v + 1], status::leadstatus,
           jsonb_build_object('legal_name', 'Lead Customer ' || i, 'country', 'US',
                              'domain', 'lead-' || i || '.example'),
           jsonb_build_object('name', 'Prospect ' || i, 'email', 'prospect@lead-' || i || '.example'),
           'Lead Customer ' || i, ARRAY[($11::text[])[v + 1]], 'Wants a quote for a refresh',
           CASE WHEN c < 3 THEN NULL ELSE 'Campaign ' || lpad((c - 2)::text, 2, '0') END,
           (ARRAY['web', 'event', 'webinar', 'paid_search'])[1 + i % 4], 40 + i % 61, '',
           ($8::jsonb[])[v + 1], ($9::int[])[v + 1], ($10::int[])[v + 1],
           fwd, fwd + interval '2 days',
           acc, CASE WHEN acc IS NOT NULL THEN accept_us END,
           CASE WHEN status = 'rejected' THEN answered END,
           (CASE WHEN status = 'rejected'
                 THEN (ARRAY['not_my_territory', 'no_capacity', 'not_qualified',
                             'existing_customer', 'duplicate', 'other'])[1 + reason] END)::leadrejection,
           CASE WHEN status = 'rejected' AND reason = 5 THEN 'Outside what we sell' END,
           CASE WHEN status = 'recalled' THEN least(fwd + interval '2 days', $5) END,
           CASE WHEN acc IS NOT NULL THEN acc + interval '3 days' END,
           ft, CASE WHEN ft IS NOT NULL THEN touch_us END,
           acc IS NOT NULL AND d < 5,
           disposition::disposition,
           CASE disposition WHEN 'first_touch' THEN ft
                            WHEN 'follow_up' THEN least(ft + interval '2 days', $5)
                            WHEN 'converted' THEN converted ELSE closed END,
           qualified, converted, closed,
           CASE WHEN status = 'lost' THEN 'Chose a competitor' END,
           fwd - make_interval(secs => created_before),
           greatest(fwd, acc, CASE WHEN status IN ('rejected', 'recalled') THEN answered END, ft,
                    qualified, converted, closed)
    FROM (
        SELECT h.*,
               CASE WHEN qualifies THEN least(ft + interval '1 day', $5) END AS qualified,
               CASE WHEN converts THEN least(ft + interval '3 days', $5) END AS converted,
               CASE WHEN status IN ('won', 'lost', 'no_decision')
                    THEN least(ft + interval '5 days' + make_interval(secs => close_after), $5)
               END AS closed
        FROM (
            SELECT g.*, CASE WHEN acc IS NOT NULL AND d >= 10
                             THEN least(acc + touch_us * interval '1.5 microseconds', $5)
                        END AS ft
            FROM (
                SELECT f.*,
                       CASE WHEN s < 10 THEN 'forwarded' WHEN s < 25 THEN 'rejected'
                            WHEN s < 30 THEN 'recalled' WHEN d < 40 THEN 'accepted'
                            WHEN d < 60 THEN 'won' WHEN d < 80 THEN 'lost' ELSE 'no_decision'
                       END AS status,
                       CASE WHEN s < 30 OR d < 10 THEN NULL WHEN d < 20 THEN 'first_touch'
                            WHEN d < 30 THEN 'follow_up' WHEN d < 40 THEN 'converted'
                            WHEN d < 60 THEN 'won' WHEN d < 80 THEN 'lost' ELSE 'no_decision'
                       END AS disposition,
                       least(fwd + accept_us * interval '1.5 microseconds', $5) AS answered,
                       CASE WHEN s >= 30
                            THEN least(fwd + accept_us * interval '1.5 microseconds', $5)
                       END AS acc,
                       s >= 30 AND ((d >= 30 AND d < 70) OR (d >= 80 AND d < 90)) AS qualifies,
                       s >= 30 AND d >= 30 AND d < 70 AS converts
                FROM (
                    SELECT i, to_timestamp($3 + i * $4) AS fwd,
                           ((hashint8extended(i, 1) % 100) + 100) % 100 AS v,
                           ((hashint8extended(i, 2) % cardinality($12::uuid[]))
                               + cardinality($12::uuid[])) % cardinality($12::uuid[]) AS k,
                           ((hashint8extended(i, 3) % 100) + 100) % 100 AS s,
                           ((hashint8extended(i, 4) % 100) + 100) % 100 AS d,
                           ((hashint8extended(i, 5) % 100) + 100) % 100 AS r,
                           ((hashint8extended(i, 6) % 33) + 33) % 33 AS c,
                           300000000 + ((hashint8extended(i, 7) % 21300000000)
                                        + 21300000000) % 21300000000 AS accept_us,
                           600000000 + ((hashint8extended(i, 8) % 14400000000)
                                        + 14400000000) % 14400000000 AS touch_us,
                           ((hashint8extended(i, 9) % 6) + 6) % 6 AS reason,
                           ((hashint8extended(i, 10) % 5184000) + 5184000) % 5184000 AS close_after,
                           ((hashint8extended(i, 11) % 86400) + 86400) % 86400 AS created_before
                    FROM generate_series($1::bigint, $2::bigint) AS i
                ) AS f
            ) AS g
        ) AS h
    ) AS x
"""
# The indexes of leads that no constraint owns: dropped for the load and built again after it,
# from their own definitions (a sorted build is several times faster than a million inserts).
_SECONDARY_INDEXES_SQL = """
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = 'leads'
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'leads'::regclass)
    ORDER BY indexname
"""
_SPREAD_SQL = """
    SELECT count(*) AS leads,
           count(*) FILTER (WHERE status = 'forwarded') AS pending,
           count(*) FILTER (WHERE status = 'rejected') AS rejected,
           count(*) FILTER (WHERE status = 'recalled') AS recalled,
           count(*) FILTER (WHERE accepted_at IS NOT NULL) AS accepted,
           count(*) FILTER (WHERE status IN ('won', 'lost', 'no_decision')) AS closed,
           count(*) FILTER (WHERE converted_at IS NOT NULL) AS converted,
           count(*) FILTER (WHERE vendor_id = $1) AS acme,
           pg_size_pretty(pg_table_size('leads')) AS heap,
           pg_size_pretty(pg_indexes_size('leads')) AS indexes
    FROM leads
"""


@dataclass(frozen=True)
class Layout:
    """Who the leads are spread over: per vendor slot its vendor, the user who creates its
    leads, its lead SLA and a SKU; per partner slot its partner, and its reps."""

    vendors: list[uuid.UUID]
    creators: list[uuid.UUID]
    calendars: list[str]  # JSON
    accept_minutes: list[int]
    first_touch_minutes: list[int]
    skus: list[str]
    partners: list[uuid.UUID]
    reps: list[uuid.UUID]  # REPS_PER_PARTNER per partner slot


@dataclass(frozen=True)
class VendorSla:
    calendar: str  # JSON, as forwarding copies it into a lead
    accept_minutes: int
    first_touch_minutes: int


async def organizations(conn: asyncpg.Connection) -> tuple[list[Any], list[Any]]:
    """Create the bench vendors (each with an admin) and partners (each with its reps) and
    partner everyone with everyone. Returns the vendor slots as (vendor, creator, SKU) and the
    partner slots as (partner, reps)."""
    names = [*DEMO_VENDORS, *DEMO_PARTNERS]
    emails = [admin for admin, _ in DEMO_VENDORS.values()]
    emails += [e for reps in DEMO_PARTNERS.values() for e in reps]
    async with conn.transaction():
        demo_orgs = {r["name"]: r["id"] for r in await conn.fetch(_DEMO_ORGS_SQL, names)}
        demo_users = {r["email"]: r["id"] for r in await conn.fetch(_DEMO_USERS_SQL, emails)}
        vendor_ids = [r["id"] for r in await conn.fetch(_VENDOR_SQL, BENCH_VENDORS)]
        admins = {
            r["organization_id"]: r["id"] for r in await conn.fetch(_VENDOR_ADMIN_SQL, vendor_ids)
        }
        partner_ids = [r["id"] for r in await conn.fetch(_PARTNER_SQL, BENCH_PARTNERS)]
        reps: dict[uuid.UUID, list[uuid.UUID]] = {}
        for r in await conn.fetch(_REP_SQL, partner_ids, REPS_PER_PARTNER):
            reps.setdefault(r["organization_id"], []).append(r["id"])
        for name, emails_of in DEMO_PARTNERS.items():
            reps[demo_orgs[name]] = [demo_users[e] for e in emails_of]
        every_vendor = [*vendor_ids, *(demo_orgs[name] for name in DEMO_VENDORS)]
        await conn.execute(_PARTNERSHIP_SQL, sorted(reps), every_vendor)
    acme, nordlys = (
        (demo_orgs[name], demo_users[admin], sku) for name, (admin, sku) in DEMO_VENDORS.items()
    )
    vendor_slots = [acme] * ACME_SHARE + [nordlys] * NORDLYS_SHARE
    per_bench_vendor = (SLOTS - len(vendor_slots)) // BENCH_VENDORS
    vendor_slots += [
        (vendor_id, admins[vendor_id], f"LBV{n}-APPLIANCE")
        for n, vendor_id in enumerate(vendor_ids, 1)
        for _ in range(per_bench_vendor)
    ]
    assert len(vendor_slots) == SLOTS, "the vendor shares add up to 100"
    partner_slots = [(p, reps[p]) for p in sorted(reps)]
    assert len(partner_slots) == BENCH_PARTNERS + len(DEMO_PARTNERS)
    assert all(len(r) == REPS_PER_PARTNER for _, r in partner_slots)
    return vendor_slots, partner_slots


async def vendor_slas(
    sessionmaker: async_sessionmaker[AsyncSession], vendor_ids: list[uuid.UUID]
) -> dict[uuid.UUID, VendorSla]:
    """Each vendor's lead SLA as forwarding copies it into a lead: the calendar of its approval
    SLA, and the default lead policy's days in business minutes."""
    async with sessionmaker() as session:
        vendors, policies = await clocks.policies_for(session, vendor_ids)
    slas = {}
    for vendor_id, vendor in vendors.items():
        policy = clocks.policy_of(policies, vendor, None)
        assert vendor.timezone is not None
        calendar = msgspec.to_builtins(policy.calendar(vendor.timezone))
        slas[vendor_id] = VendorSla(
            calendar=json.dumps(calendar),
            accept_minutes=policy.minutes(DEFAULT_ACCEPT_DAYS),
            first_touch_minutes=policy.minutes(DEFAULT_FIRST_TOUCH_DAYS),
        )
    return slas


async def load_leads(database_url: str, size: int, acme_id: uuid.UUID) -> float:
    """Lay out vendors and partners, load `size` leads and VACUUM ANALYZE; the seconds it took."""
    started = time.perf_counter()
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    engine = make_engine(database_url, pool_size=1)
    try:
        # A bench database is thrown away: losing the last commits in a crash costs nothing.
        await conn.execute("SET synchronous_commit = off")
        vendor_slots, partner_slots = await organizations(conn)
        slas = await vendor_slas(make_sessionmaker(engine), sorted({v for v, _, _ in vendor_slots}))
        layout = Layout(
            vendors=[v for v, _, _ in vendor_slots],
            creators=[c for _, c, _ in vendor_slots],
            calendars=[slas[v].calendar for v, _, _ in vendor_slots],
            accept_minutes=[slas[v].accept_minutes for v, _, _ in vendor_slots],
            first_touch_minutes=[slas[v].first_touch_minutes for v, _, _ in vendor_slots],
            skus=[sku for _, _, sku in vendor_slots],
            partners=[p for p, _ in partner_slots],
            reps=[rep for _, reps in partner_slots for rep in reps],
        )
        indexes = await conn.fetch(_SECONDARY_INDEXES_SQL)
        for index in indexes:
            await conn.execute(f'DROP INDEX "{index["indexname"]}"')
        now = datetime.now(UTC)
        epoch = (now - SPAN).timestamp()
        step = SPAN.total_seconds() / size
        for first in range(1, size + 1, CHUNK):
            last = min(size, first + CHUNK - 1)
            await conn.execute(
                _LEADS_SQL,
                first,
                last,
                epoch,
                step,
                now,
                layout.vendors,
                layout.creators,
                layout.calendars,
                layout.accept_minutes,
                layout.first_touch_minutes,
                layout.skus,
                layout.partners,
                layout.reps,
                REPS_PER_PARTNER,
            )
            print(f"  {last:>9,} leads ({time.perf_counter() - started:.0f} s)", flush=True)
        await conn.execute("SET maintenance_work_mem = '256MB'")
        for index in indexes:
            await conn.execute(index["indexdef"])
        print(
            f"  {len(indexes)} indexes built again ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        # The trigger on leads queued a change per lead for the report rollups: the minutely
        # job would fold them; a report meanwhile would add them all up.
        folded = await conn.fetchval("SELECT lead_rollups_fold()")
        print(f"  {folded:,} rollup changes folded ({time.perf_counter() - started:.0f} s)")
        # Autovacuum would otherwise wake in the middle of a measurement after a big load.
        await conn.execute(
            "VACUUM (ANALYZE) leads, organizations, users, partnerships, lead_rollups, "
            "lead_rollup_buckets, lead_rollup_changes"
        )
        seconds = time.perf_counter() - started
        spread = await conn.fetchrow(_SPREAD_SQL, acme_id)
    finally:
        await engine.dispose()
        await conn.close()
    print(
        f"Loaded {spread['leads']:,} leads in {seconds:.1f} s with VACUUM ANALYZE "
        f"(heap {spread['heap']}, indexes {spread['indexes']}): {spread['pending']:,} pending, "
        f"{spread['rejected']:,} rejected, {spread['recalled']:,} recalled, "
        f"{spread['accepted']:,} accepted ({spread['closed']:,} closed, {spread['converted']:,} "
        f"converted); {spread['acme']:,} Acme's",
        flush=True,
    )
    return seconds


# --- the reports --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    group_by: reports.LeadGroupBy
    scope_name: str
    days: int
    scope: reports.Scope


@dataclass(frozen=True)
class ReportFigures:
    rows: int
    leads: int  # forwarded in the scope: the rows' sum
    dealreg_ms: float  # median
    raw_ms: float
    plan: str  # one line


ReportKey = tuple[str, str, int]  # group_by, scope, days


def report_calls(ops: Principal, acme_id: uuid.UUID, today: date) -> list[Report]:
    calls = []
    for group_by in reports.LeadGroupBy:
        for scope_name, vendor_id in (("all vendors", None), ("Acme", acme_id)):
            for days in WINDOWS:
                scope = reports.scope_of(
                    ops,
                    start=today - timedelta(days=days - 1),
                    end=today,
                    vendor_id=vendor_id,
                    partner_id=None,
                    campaign=None,
                    today=today,
                )
                calls.append(Report(group_by, scope_name, days, scope))
    return calls


async def dealreg_report(
    sessionmaker: async_sessionmaker[AsyncSession], report: Report
) -> tuple[float, list[reports.LeadRow]]:
    async with sessionmaker() as session:
        # BEGIN and the pool's ping go out before the clock starts, as the baseline's BEGIN does.
        await session.execute(text("SELECT 1"))
        started = time.perf_counter()
        rows = await reports.summary(session, report.scope, report.group_by, BOUNDS)
        return time.perf_counter() - started, rows


async def raw_report(conn: asyncpg.Connection, statements: list[Statement]) -> tuple[float, int]:
    """The statements dealreg sent for a report (over the rollups: a setting and the medians'
    statement before the report's), timed together; the rows of the last."""
    *before, (sql, arguments) = statements
    async with conn.transaction():
        started = time.perf_counter()
        for earlier, earlier_arguments in before:
            await conn.fetch(earlier, *earlier_arguments)
        rows = await conn.fetch(sql, *arguments)
        return time.perf_counter() - started, len(rows)


async def explain_text(conn: asyncpg.Connection, statement: Statement) -> str:
    sql, arguments = statement
    tr = conn.transaction()
    await tr.start()
    try:
        plan = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *arguments)
    finally:
        await tr.rollback()
    return "\n".join(row[0] for row in plan)


async def measure_report(
    engine: AsyncEngine, conn: asyncpg.Connection, report: Report, runs: int
) -> tuple[ReportFigures, Statement]:
    sessionmaker = make_sessionmaker(engine)
    with captured(engine) as statements:
        _, rows = await dealreg_report(sessionmaker, report)  # the uncounted run
    sent = [s for s in statements if s[0] != "SELECT 1"]
    _, raw_rows = await raw_report(conn, sent)
    if raw_rows != len(rows):
        raise RuntimeError(f"dealreg returned {len(rows)} rows, the same SQL {raw_rows}")
    dealreg, raw = [], []
    for _ in range(runs):
        dealreg.append((await dealreg_report(sessionmaker, report))[0])
        raw.append((await raw_report(conn, sent))[0])
    figures = ReportFigures(
        rows=len(rows),
        leads=sum(row.forwarded for row in rows),
        dealreg_ms=1000 * statistics.median(dealreg),
        raw_ms=1000 * statistics.median(raw),
        plan=await explain(conn, sent),
    )
    return figures, sent[-1]


@dataclass(frozen=True)
class SizeFigures:
    load_seconds: float
    reports: dict[ReportKey, ReportFigures]
    explained: str  # EXPLAIN (ANALYZE, BUFFERS) of Acme's 90-day partner report


async def measure_reports(
    database_url: str, ops: Principal, acme_id: uuid.UUID, runs: int
) -> tuple[dict[ReportKey, ReportFigures], str]:
    engine = make_engine(database_url, pool_size=1)
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    figures = {}
    explained = ""
    try:
        for report in report_calls(ops, acme_id, datetime.now(UTC).date()):
            f, statement = await measure_report(engine, conn, report, runs)
            figures[report.group_by.value, report.scope_name, report.days] = f
            print(
                f"  {report.group_by.value:<8} {report.scope_name:<11} {report.days:>3} d: "
                f"{f.rows:>3} rows over {f.leads:>9,} leads, dealreg {f.dealreg_ms:9.2f} ms, "
                f"raw {f.raw_ms:9.2f} ms\n      plan: {f.plan}",
                flush=True,
            )
            if (report.group_by, report.scope_name, report.days) == (
                reports.LeadGroupBy.partner,
                "Acme",
                90,
            ):
                explained = await explain_text(conn, statement)
    finally:
        await conn.close()
        await engine.dispose()
    return figures, explained


async def seed(database_url: str) -> None:
    """The demo."""
    subscriptions.install()
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
    finally:
        await engine.dispose()


async def readers(database_url: str) -> tuple[Principal, uuid.UUID, bool]:
    """The channel_ops user who reads reports, Acme's id, and whether leads are loaded (a kept
    database's); the demo's if it is seeded, else None for both."""
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            acme_id = await session.scalar(
                select(Organization.id).where(Organization.code == "ACME")
            )
            if acme_id is None:
                return await _seeded(database_url)
            ops = await principal_for_email(session, CHANNEL_OPS)
            loaded = bool(await session.scalar(text("SELECT count(*) > 1000 FROM leads")))
    finally:
        await engine.dispose()
    return ops, acme_id, loaded


async def _seeded(database_url: str) -> tuple[Principal, uuid.UUID, bool]:
    await seed(database_url)
    ops, acme_id, _ = await readers(database_url)
    return ops, acme_id, False


async def measure_size(database_url: str, size: int, runs: int) -> SizeFigures:
    ops, acme_id, loaded = await readers(database_url)
    if loaded:
        print("Reusing the leads an earlier --keep run loaded")
        load_seconds = 0.0
    else:
        load_seconds = await load_leads(database_url, size, acme_id)
    print("\nReports")
    figures, explained = await measure_reports(database_url, ops, acme_id, runs)
    return SizeFigures(load_seconds=load_seconds, reports=figures, explained=explained)


@contextlib.contextmanager
def kept_database(server_url: str, size: int) -> Iterator[str]:
    """A database of the size's that outlives the run, created if there is none."""
    name = f"dealreg_bench_leads_{size}"
    with contextlib.suppress(asyncpg.DuplicateDatabaseError):
        asyncio.run(execute_on_maintenance_db(server_url, f'CREATE DATABASE "{name}"'))
    yield on_database(server_url, name)


# --- the table ----------------------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator else "-"


def print_reports(results: dict[int, SizeFigures]) -> None:
    sizes = sorted(results)
    print(
        f"\nLead reports: median ms of reports.summary (dealreg) and of its SQL on asyncpg (raw); "
        f"goal <= {GOAL_MS:g} ms"
    )
    columns = "".join(
        f" | {short(size) + ' rows':>8} {'leads':>9} {'dealreg':>9} {'raw':>9} {'ratio':>6} "
        f"{'goal':>4}"
        for size in sizes
    )
    header = f"{'group_by':<8} {'scope':<11} {'days':>4}{columns}"
    print(header)
    print("-" * len(header))
    for key in results[sizes[0]].reports:
        group_by, scope, days = key
        cells = ""
        for size in sizes:
            f = results[size].reports[key]
            met = "yes" if f.dealreg_ms <= GOAL_MS else "NO"
            cells += (
                f" | {f.rows:>8} {f.leads:>9,} {f.dealreg_ms:>9.2f} {f.raw_ms:>9.2f} "
                f"{ratio(f.dealreg_ms, f.raw_ms):>6} {met:>4}"
            )
        print(f"{group_by:<8} {scope:<11} {days:>4}{cells}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Load average at the end: {load}")
    print(
        "Load (leads, then VACUUM ANALYZE): "
        + ", ".join(f"{short(size)} in {results[size].load_seconds:.1f} s" for size in sizes)
    )
    largest = sizes[-1]
    print(
        f"\nEXPLAIN (ANALYZE, BUFFERS) of Acme's 90-day partner report at {largest:,} leads:\n"
        + results[largest].explained
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=DEFAULT_SIZES,
        metavar="N",
        help="leads to measure at, each on a database of its own "
        f"(default: {' '.join(map(str, DEFAULT_SIZES))})",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each report")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep each size's database (dealreg_bench_leads_N): the next run with --keep "
        "migrates it and measures the reports again, without loading",
    )
    args = parser.parse_args()
    if min(args.sizes) < 1:
        parser.error("--sizes takes counts of leads, 1 or more")
    if args.runs < 1:
        parser.error("--runs takes 1 or more")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    results: dict[int, SizeFigures] = {}
    # A short path: an embedded server puts its Unix socket in here (about 100 bytes at most).
    with (
        tempfile.TemporaryDirectory(prefix="drl", dir="/tmp") as scratch_dir,
        postgres_server(Path(scratch_dir)) as server_url,
    ):
        print(asyncio.run(describe_server(server_url)), flush=True)
        for size in sorted(set(args.sizes)):
            # Other work on the machine shows in the figures: say how busy it was.
            load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"\n=== {size:,} leads === (load average {load})", flush=True)
            database = (
                kept_database(server_url, size) if args.keep else scratch_database(server_url)
            )
            with database as database_url:
                upgrade(database_url)
                results[size] = asyncio.run(measure_size(database_url, size, args.runs))
    print_reports(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
