"""Long-tail benchmark (issue #23): the partner report, graduation candidates and an engagement
batch of 500 over many partners, engagements and registrations, each against the very SQL it
sent, run on raw asyncpg in the same run (bench/statements.py).

    python bench/partners.py [--partners N] [--registrations N] [--engagements N] [--runs N]
                             [--keep]

On a fresh database (created on `DEALREG_BENCH_DATABASE_URL`'s server, else the local PostgreSQL
on 127.0.0.1:5432 if it answers, else an embedded one), migrated and seeded with the demo, it
bulk-loads `--registrations` (default 1,000,000) registrations spread over the past two years
across `--partners` (default 20,000) partners and 16 vendors (bench/bulk.py). Then what the
partner report reads beyond that, all of it Acme's:

- every partner enrolled with Acme, tiers spread evenly, with size facts (most of them small);
- a history row for each won registration, at its win (wins count by that instant);
- `--engagements` (default 5,000,000) engagements of Acme's partners over the same two years,
  each with a source id, their types as a marketing system would send them (opens the most,
  trade shows the fewest), spread unevenly (a few partners engage a lot, the long tail little);
- each partner's standing against Acme's threshold as its engagements make it, and an open call
  task for one in ten of those above it.

Two years, not one: a vendor's registrations and engagements pile up beyond the 12 months and
the decay window its reports look at, and what lies outside them must not cost the reports.

Measured, each as the median of `--runs` runs after one uncounted run, as Acme's vendor admin:
- the partner report (GET /v1/reports/partners: every partner scored, sorted by segment; goal
  500 ms), with the plan (EXPLAIN ANALYZE, BUFFERS) of each of its SELECTs;
- graduation candidates, and the report and candidates together as the /reports/partners page
  reads them (goal 500 ms);
- an engagement batch of 500 for one partner (POST /v1/partners/{id}/engagements; goal 200 ms),
  for a partner above the threshold already, and for one the batch takes across it (a call task,
  its event and its mail). Both sides roll back, so every run does the same work.

`--keep` keeps the loaded database (named by the sizes) and, run again with the same sizes,
measures on it without loading: migrations added since are applied first, so a new index is
measured in seconds.
"""

import argparse
import asyncio
import contextlib
import os
import signal
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
from bulk import Loader
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
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from statements import Call, Figures, measure

from dealreg import subscriptions
from dealreg.auth.service import principal_for_email
from dealreg.db import make_engine, make_sessionmaker
from dealreg.demo.catalog import PROGRAMS
from dealreg.engagement import graduation, partner_report, service
from dealreg.engagement.models import PartnerEngagementType
from dealreg.engagement.policy import DEFAULT_DECAY_DAYS, DEFAULT_POINTS, DEFAULT_THRESHOLD
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from sla import describe_server, seed

REPORT_GOAL_MS = 500.0
BATCH_GOAL_MS = 200.0
BATCH = 500
SPAN = timedelta(days=730)
ACME_ADMIN = "admin@acme.example"
ENGAGEMENT_CHUNK = 500_000
KEPT_COMMENT = "dealreg bench: loaded"

_PARTNERSHIPS_SQL = """
    INSERT INTO partnerships (id, partner_id, vendor_id, tier)
    SELECT gen_random_uuid(), o.id, $1,
           (enum_range(NULL::tier))[1 + (hashtext(o.id::text) & 1023) % 5]
    FROM organizations o
    WHERE o.kind = 'partner'
    ON CONFLICT (partner_id, vendor_id) DO NOTHING
"""
# Most partners small: half under 20 people, one in fifty past 1,000.
_SIZES_SQL = """
    UPDATE organizations
    SET employees = (ARRAY[5, 12, 40, 150, 600, 2500])[1 + width_bucket(h, ARRAY[0, 50, 80, 93, 98, 99])],
        annual_revenue_band = (ARRAY['under_1m', 'under_1m', '1m_10m', '10m_50m', '50m_250m',
                                     '250m_1b'])[1 + width_bucket(h, ARRAY[0, 50, 80, 93, 98, 99])]
    FROM (SELECT id, (hashtext(id::text) & 1023) % 100 AS h FROM organizations
          WHERE kind = 'partner' AND name LIKE 'Bench Partner %') AS s
    WHERE organizations.id = s.id
"""
# Won 30 to 75 days after the decision, and never in the future (as bench/plans.py has them).
_WINS_SQL = """
    INSERT INTO registration_history (id, registration_id, at, action, from_status, to_status)
    SELECT gen_random_uuid(), r.id,
           least(r.decided_at + (30 + hashtext(r.number) & 31) * interval '1 day 10 hours', now()),
           'won', 'approved', 'won'
    FROM registrations r
    WHERE r.status = 'won' AND r.number LIKE 'BULK-%'
"""
# $1 first i, $2 last i, $3 epoch of i = 0, $4 seconds between rows, $5 Acme, $6 Acme's partners
# (the first the most engaged: a partner slot is n x u^3 for u even in [0, 1)), $7 who recorded
# them, $8 the points of each type in enum order. Types: of every 100, 50 opens, 25 key page
# visits, 17 clicks, 6 webinars, 2 trade shows.
_ENGAGEMENTS_SQL = """
    INSERT INTO partner_engagements (id, vendor_id, partner_id, type, occurred_at, points,
                                     contact_email, campaign, source_id, recorded_by, recorded_at)
    SELECT md5('bench-engagement-' || i)::uuid, $5, ($6::uuid[])[k + 1],
           (enum_range(NULL::partnerengagementtype))[t], at, ($8::int[])[t],
           'contact' || (i % 7) || '@partner.example', 'Bench campaign ' || (i % 40),
           'bench-' || i, $7, at
    FROM (
        SELECT i, at,
               floor(cardinality($6::uuid[])
                     * power((hashint8extended(i, 5) & 1048575) / 1048576.0, 3))::int AS k,
               1 + width_bucket((hashint8extended(i, 6) & 1023) % 100, ARRAY[50, 75, 92, 98]) AS t
        FROM (SELECT i, to_timestamp($3 + i * $4) AS at
              FROM generate_series($1::bigint, $2::bigint) AS i) AS g
    ) AS h
"""
# $1 Acme, $2 its window's start, $3 its threshold.
_STANDINGS_SQL = """
    INSERT INTO partner_engagement_standings (vendor_id, partner_id, above, crossings)
    SELECT $1, p.partner_id, coalesce(s.points, 0) >= $3, (coalesce(s.points, 0) >= $3)::int
    FROM partnerships p
    LEFT JOIN (
        SELECT partner_id, sum(points) AS points FROM partner_engagements
        WHERE vendor_id = $1 AND occurred_at > $2 GROUP BY partner_id
    ) AS s USING (partner_id)
    WHERE p.vendor_id = $1
    ON CONFLICT DO NOTHING
"""
_TASKS_SQL = """
    INSERT INTO call_tasks (id, vendor_id, partner_id, crossing, score, threshold)
    SELECT gen_random_uuid(), vendor_id, partner_id, crossings, $2, $2
    FROM partner_engagement_standings
    WHERE vendor_id = $1 AND above AND (hashtext(partner_id::text) & 1023) % 10 = 0
    ON CONFLICT DO NOTHING
"""


def progress(line: str) -> None:
    print(line, flush=True)


async def load_acme(
    dsn: str, acme_id: uuid.UUID, admin: Principal, engagements: int, now: datetime
) -> None:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SET synchronous_commit = off")
        async with conn.transaction():
            await conn.execute(_PARTNERSHIPS_SQL, acme_id)
            await conn.execute(_SIZES_SQL)
            await conn.execute(_WINS_SQL)
        partners = [
            r["partner_id"]
            for r in await conn.fetch(
                "SELECT partner_id FROM partnerships WHERE vendor_id = $1 ORDER BY partner_id",
                acme_id,
            )
        ]
        points = [DEFAULT_POINTS[t] for t in PartnerEngagementType]
        epoch = now.timestamp() - SPAN.total_seconds()
        step = SPAN.total_seconds() / max(engagements, 1)
        for first in range(1, engagements + 1, ENGAGEMENT_CHUNK):
            last = min(engagements, first + ENGAGEMENT_CHUNK - 1)
            await conn.execute(
                _ENGAGEMENTS_SQL,
                first,
                last,
                epoch,
                step,
                acme_id,
                partners,
                admin.subject_id,
                points,
            )
            progress(f"  {last:>9,} engagements ({time.perf_counter() - started:.0f} s)")
        window_start = now - timedelta(days=DEFAULT_DECAY_DAYS)
        async with conn.transaction():
            await conn.execute(_STANDINGS_SQL, acme_id, window_start, DEFAULT_THRESHOLD)
            await conn.execute(_TASKS_SQL, acme_id, DEFAULT_THRESHOLD)
        await conn.execute(
            "VACUUM (ANALYZE) organizations, partnerships, registration_history,"
            " partner_engagements, partner_engagement_standings, call_tasks"
        )
        counts = await conn.fetchrow(
            """SELECT (SELECT count(*) FROM partnerships WHERE vendor_id = $1) AS partners,
                      (SELECT count(*) FROM registrations WHERE vendor_id = $1) AS registrations,
                      (SELECT count(*) FROM registration_history) AS history,
                      (SELECT count(*) FROM partner_engagement_standings
                       WHERE vendor_id = $1 AND above) AS above,
                      (SELECT count(*) FROM call_tasks WHERE vendor_id = $1) AS tasks""",
            acme_id,
        )
    finally:
        await conn.close()
    progress(
        f"  Acme: {counts['partners']:,} partners, {counts['registrations']:,} registrations, "
        f"{engagements:,} engagements, {counts['above']:,} partners above the threshold, "
        f"{counts['tasks']:,} call tasks; {counts['history']:,} history rows "
        f"({time.perf_counter() - started:.1f} s)"
    )


async def chosen_partners(dsn: str, acme_id: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """A partner above Acme's threshold, and one below it (500 engagements are worth 500
    points at least: the batch takes it across)."""
    conn = await asyncpg.connect(dsn)
    try:
        above = await conn.fetchval(
            "SELECT partner_id FROM partner_engagement_standings WHERE vendor_id = $1 AND above"
            " ORDER BY partner_id LIMIT 1",
            acme_id,
        )
        below = await conn.fetchval(
            "SELECT partner_id FROM partner_engagement_standings WHERE vendor_id = $1"
            " AND NOT above ORDER BY partner_id LIMIT 1",
            acme_id,
        )
    finally:
        await conn.close()
    return above, below


def calls(
    admin: Principal, above: uuid.UUID, below: uuid.UUID, now: datetime
) -> list[tuple[str, Call, float]]:
    async def report(session: AsyncSession) -> int:
        vendor_id = await partner_report.vendor_of(session, admin, None)
        scored = await partner_report.partner_rows(session, vendor_id, currency=None, now=now)
        return len(partner_report.chosen(scored.rows, partner_report.Filters(), "segment"))

    async def candidates(session: AsyncSession) -> int:
        vendor_id = await partner_report.vendor_of(session, admin, None)
        return len(await graduation.candidates(session, vendor_id, now=now))

    async def page(session: AsyncSession) -> int:
        vendor_id = await partner_report.vendor_of(session, admin, None)
        scored = await partner_report.partner_rows(
            session, vendor_id, currency=None, now=now, lookback=graduation.LOOKBACK
        )
        found = await graduation.candidates(session, vendor_id, now=now, scored=scored)
        return len(scored.rows) + len(found)

    def batch(partner_id: uuid.UUID, tag: str) -> Call:
        # Within the last hour, so each counts in the window; ids new to the vendor.
        engagements = [
            service.PartnerEngagementInput(
                type=list(PartnerEngagementType)[i % len(PartnerEngagementType)],
                occurred_at=now - timedelta(seconds=7 * i),
                contact_email=f"contact{i % 7}@partner.example",
                campaign="Bench batch",
                source_id=f"bench-batch-{tag}-{i}",
            )
            for i in range(BATCH)
        ]

        async def call(session: AsyncSession) -> int:
            recorded = await service.record(session, admin, partner_id, engagements, now=now)
            return recorded.accepted

        return call

    return [
        ("partner report, Acme", report, REPORT_GOAL_MS),
        ("graduation candidates, Acme", candidates, REPORT_GOAL_MS),
        ("report + candidates (the page)", page, REPORT_GOAL_MS),
        (f"engagement batch of {BATCH}, above", batch(above, "above"), BATCH_GOAL_MS),
        (f"engagement batch of {BATCH}, crossing", batch(below, "below"), BATCH_GOAL_MS),
    ]


async def measure_calls(
    engine: AsyncEngine,
    dsn: str,
    admin: Principal,
    acme_id: uuid.UUID,
    now: datetime,
    runs: int,
) -> None:
    above, below = await chosen_partners(dsn, acme_id)
    conn = await asyncpg.connect(dsn)
    results: list[tuple[str, Figures, float]] = []
    try:
        for name, call, goal in calls(admin, above, below, now):
            # Every SELECT of the report explained, whatever it took; of the rest, the slow ones.
            explain_from = 0.0 if name.startswith("partner report") else 20.0
            figures = await measure(engine, conn, call, runs, explain_from_ms=explain_from)
            results.append((name, figures, goal))
            progress(
                f"  {name:<38} {figures.rows:>6,} rows, {figures.statements} statements: "
                f"dealreg {figures.dealreg_ms:8.1f} ms, raw {figures.raw_ms:8.1f} ms"
            )
            for plan in figures.plans:
                progress(f"      plan: {plan}")
    finally:
        await conn.close()
    print(f"\n{'call':<38} {'dealreg ms':>10} {'raw ms':>8} {'ratio':>6}  goal")
    for name, f, goal in results:
        verdict = "ok" if f.dealreg_ms <= goal else "OVER"
        print(
            f"{name:<38} {f.dealreg_ms:>10.1f} {f.raw_ms:>8.1f} {f.ratio:>5.2f}x  "
            f"{goal:.0f} ms {verdict}"
        )
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


async def measure_all(database_url: str, args: argparse.Namespace, loaded: bool) -> None:
    dsn = asyncpg_dsn(database_url)
    now = datetime.now(UTC)
    # A crossing mails the partnership's owner: the message bus's subscribers do it.
    subscriptions.install()
    if not loaded:
        await seed(database_url)
        loader = Loader(
            dsn,
            demo_programs={
                "Acme Networks": PROGRAMS[0]["name"],
                "Nordlys Security": PROGRAMS[1]["name"],
            },
            demo_reps=[REP, "rep@fjord.example"],
            partners=args.partners,
            span=SPAN,
        )
        seconds = await loader.grow(args.registrations, args.registrations, progress)
        progress(f"Bulk-loaded {args.registrations:,} registrations ({seconds:.1f} s)")
    engine = make_engine(database_url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            admin = await principal_for_email(session, ACME_ADMIN)
            acme_id = await session.scalar(
                select(Organization.id).where(Organization.code == "ACME")
            )
        assert acme_id is not None, "the demo seeds the Acme vendor"
        if not loaded:
            await load_acme(dsn, acme_id, admin, args.engagements, now)
        await measure_calls(engine, dsn, admin, acme_id, now, args.runs)
    finally:
        await engine.dispose()


@contextlib.contextmanager
def kept_database(server_url: str, name: str) -> Iterator[tuple[str, bool]]:
    """The database `name`, made if missing, never dropped; and whether a run loaded it whole
    (its comment says so)."""

    async def prepare() -> bool:
        conn = await asyncpg.connect(asyncpg_dsn(server_url))
        try:
            if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
                comment = await conn.fetchval(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
                    " WHERE datname = $1",
                    name,
                )
                if comment == KEPT_COMMENT:
                    return True
                # A load that did not finish: start again.
                await conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
            return False
        finally:
            await conn.close()

    loaded = asyncio.run(prepare())
    yield on_database(server_url, name), loaded
    asyncio.run(
        execute_on_maintenance_db(server_url, f"COMMENT ON DATABASE \"{name}\" IS '{KEPT_COMMENT}'")
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--registrations", type=int, default=1_000_000)
    parser.add_argument("--engagements", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each call")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the loaded database, and measure on it when it is there (sizes alike)",
    )
    args = parser.parse_args()
    if min(args.registrations, args.partners, args.engagements, args.runs) < 1:
        parser.error("--partners, --registrations, --engagements and --runs take 1 or more")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with (
        tempfile.TemporaryDirectory(prefix="drl", dir="/tmp") as scratch_dir,
        postgres_server(Path(scratch_dir)) as server_url,
    ):
        print(asyncio.run(describe_server(server_url)), flush=True)
        print(
            f"\n=== {args.partners:,} partners, {short(args.engagements)} engagements, "
            f"{short(args.registrations)} registrations ===",
            flush=True,
        )
        database: contextlib.AbstractContextManager[tuple[str, bool]]
        if args.keep:
            name = f"dealreg_bench_partners_{args.partners}_{args.engagements}_{args.registrations}"
            database = kept_database(server_url, name)
        else:
            database = _fresh(server_url)
        with database as (database_url, loaded):
            upgrade(database_url)
            asyncio.run(measure_all(database_url, args, loaded))
    return 0


@contextlib.contextmanager
def _fresh(server_url: str) -> Iterator[tuple[str, bool]]:
    with scratch_database(server_url) as database_url:
        yield database_url, False


if __name__ == "__main__":
    raise SystemExit(main())
