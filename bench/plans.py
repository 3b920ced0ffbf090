"""Partner plans benchmark (issue #24): the pipeline-to-plan report and the deal registration
scorecard over many partners and registrations, each against the very SQL it sent, run on raw
asyncpg in the same run (bench/statements.py).

    python bench/plans.py [--partners N] [--registrations N] [--runs N] [--keep]

On a fresh database (created on `DEALREG_BENCH_DATABASE_URL`'s server, else the local PostgreSQL
on 127.0.0.1:5432 if it answers, else an embedded one), migrated and seeded with the demo, it
bulk-loads `--registrations` (default 1,000,000) registrations spread over the past year across
`--partners` (default 10,000) partners and 16 vendors (bench/bulk.py), each with its approval
clock (bench/sla.py's loading: decided ones stopped, with their business time). Then what these
reports read beyond that:

- every partner enrolled with Acme (tiers spread evenly) with an accepted plan for Acme's current
  fiscal quarter, so the pipeline report has a line per partner: 10,000 lines;
- a history row for each won registration, at its win (the report counts wins by that instant);
- the rep's ledger: a registration milestone for every registration once approved, a close
  milestone for every won one, where the vendor has an incentive plan (Acme and Nordlys).

Measured, each as the median of `--runs` runs after one uncounted run (goal: 500 ms):
- the pipeline for Acme's current quarter, as Acme's vendor admin (all its partners), and for one
  partner;
- the scorecard for the same quarter's days by partner, rep and program, channel-wide (as channel
  ops) and for Acme (as its admin).

With `--keep` the loaded database is kept under a name of its sizes and a later `--keep` run of the
same sizes reuses it, migrated to head (loading 1 M takes many minutes; a change to a report's SQL
or indexes is measured in one). The registrations are spread around the day of the load: reuse it
within the same fiscal quarter.
"""

import argparse
import asyncio
import signal
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg
from bulk import Loader
from run import REP, asyncpg_dsn, exit_on_sigterm, postgres_server, scratch_database, short
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from statements import Call, Figures, measure

from dealreg import scorecards
from dealreg.auth.service import principal_for_email
from dealreg.db import make_engine, make_sessionmaker
from dealreg.demo.catalog import PROGRAMS
from dealreg.migrations import upgrade
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from dealreg.planning import fiscal
from dealreg.planning import reports as pipeline
from dealreg.planning.service import DEFAULTS
from sla import CHANNEL_OPS, describe_server, load_clocks, seed, vendor_policies

GOAL_MS = 500.0
ACME_ADMIN = "admin@acme.example"
NORTHWIND = "Northwind IT"

_PARTNERSHIPS_SQL = """
    INSERT INTO partnerships (id, partner_id, vendor_id, tier)
    SELECT gen_random_uuid(), o.id, $1,
           (enum_range(NULL::tier))[1 + (hashtext(o.id::text) & 1023) % 5]
    FROM organizations o
    WHERE o.kind = 'partner'
    ON CONFLICT (partner_id, vendor_id) DO NOTHING
"""
# $1 vendor, $2 quarter, $3 first day, $4 day after the last, $5 the vendor's admin, $6 currency.
_PLANS_SQL = """
    INSERT INTO partner_plans (id, partnership_id, vendor_id, partner_id, quarter, starts_on,
                               ends_before, amount, currency, status, proposed_by, proposed_at,
                               accepted_by, accepted_at)
    SELECT gen_random_uuid(), p.id, p.vendor_id, p.partner_id, $2, $3, $4,
           5000000 + (hashtext(p.id::text) & 1023) * 100000, $6, 'accepted', $5, now(), $5, now()
    FROM partnerships p
    WHERE p.vendor_id = $1
    ON CONFLICT (partnership_id, quarter) DO NOTHING
"""
# Won 30 to 75 days after the decision, and never in the future.
_WINS_SQL = """
    INSERT INTO registration_history (id, registration_id, at, action, from_status, to_status)
    SELECT gen_random_uuid(), r.id,
           least(r.decided_at + (30 + hashtext(r.number) & 31) * interval '1 day 10 hours', now()),
           'won', 'approved', 'won'
    FROM registrations r
    WHERE r.status = 'won' AND r.number LIKE 'BULK-%'
"""
_LEDGER_SQL = """
    INSERT INTO earnings (id, registration_id, plan_id, rep_id, partner_id, vendor_id, milestone,
                          entry, amount, currency, earned_at)
    SELECT gen_random_uuid(), r.id, ip.id, r.rep_id, r.partner_id, r.vendor_id, m.milestone,
           'earning', r.amount / m.divisor, r.currency, r.approved_at
    FROM registrations r
    JOIN LATERAL (
        SELECT id FROM incentive_plans WHERE vendor_id = r.vendor_id ORDER BY version LIMIT 1
    ) ip ON true
    CROSS JOIN (VALUES ('registration'::milestone, 100), ('close'::milestone, 50)) AS m (milestone, divisor)
    WHERE r.approved_at IS NOT NULL AND r.number LIKE 'BULK-%'
      AND (m.milestone = 'registration' OR r.status = 'won')
"""


async def load_plans(
    dsn: str, acme_id: uuid.UUID, admin: Principal, quarter: fiscal.Quarter, start_month: int
) -> None:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SET synchronous_commit = off")
        currency = await conn.fetchval(
            "SELECT currency FROM programs WHERE vendor_id = $1 AND name = $2",
            acme_id,
            PROGRAMS[0]["name"],
        )
        async with conn.transaction():
            await conn.execute(_PARTNERSHIPS_SQL, acme_id)
            await conn.execute(
                _PLANS_SQL,
                acme_id,
                quarter.label,
                quarter.start(start_month),
                quarter.end(start_month),
                admin.subject_id,
                currency,
            )
            await conn.execute(_WINS_SQL)
            await conn.execute(_LEDGER_SQL)
        await conn.execute(
            "VACUUM (ANALYZE) partnerships, partner_plans, registration_history, earnings"
        )
        counts = await conn.fetchrow(
            """SELECT (SELECT count(*) FROM partner_plans WHERE vendor_id = $1) AS plans,
                      (SELECT count(*) FROM registration_history) AS history,
                      (SELECT count(*) FROM earnings) AS earnings""",
            acme_id,
        )
    finally:
        await conn.close()
    print(
        f"  {counts['plans']:,} plans of Acme for {quarter.label}, {counts['history']:,} history "
        f"rows, {counts['earnings']:,} earnings ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )


def calls(
    ops: Principal,
    admin: Principal,
    partner_id: uuid.UUID | None,
    quarter: fiscal.Quarter,
    start_month: int,
    today: date,
) -> list[tuple[str, Call]]:
    first_day = quarter.start(start_month)
    last_day = min(quarter.end(start_month) - timedelta(days=1), today)

    def pipeline_of(partner_id: uuid.UUID | None) -> Call:
        async def call(session: AsyncSession) -> int:
            scope = await pipeline.scope_of(
                session, admin, quarter=quarter.label, vendor_id=None, partner_id=partner_id
            )
            return len(await pipeline.pipeline(session, scope))

        return call

    def scorecard_of(actor: Principal, group_by: scorecards.ScorecardGroupBy) -> Call:
        async def call(session: AsyncSession) -> int:
            scope = await scorecards.scope_of(
                session,
                actor,
                start=first_day,
                end=last_day,
                quarter=None,
                vendor_id=None,
                partner_id=None,
                today=today,
            )
            return len(await scorecards.summary(session, scope, group_by))

        return call

    named: list[tuple[str, Call]] = [
        ("pipeline, Acme, every partner", pipeline_of(None)),
        ("pipeline, Acme, one partner", pipeline_of(partner_id)),
    ]
    for who, actor in (("channel-wide", ops), ("Acme", admin)):
        named += [
            (f"scorecard by {group_by.value}, {who}", scorecard_of(actor, group_by))
            for group_by in scorecards.ScorecardGroupBy
        ]
    return named


# Set on the kept database once everything is loaded: a load cut short is not reused.
LOADED = "dealreg bench/plans.py: loaded"


async def is_loaded(dsn: str) -> bool:
    conn = await asyncpg.connect(dsn)
    try:
        comment = await conn.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
            " WHERE datname = current_database()"
        )
    finally:
        await conn.close()
    return bool(comment == LOADED)


async def mark_loaded(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        name = await conn.fetchval("SELECT current_database()")
        await conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{LOADED}'")
    finally:
        await conn.close()


async def measure_all(database_url: str, registrations: int, partners: int, runs: int) -> None:
    dsn = asyncpg_dsn(database_url)
    if await is_loaded(dsn):
        print("Reusing the loaded database", flush=True)
        await measure_loaded(database_url, runs)
        return
    ops, acme_id = await seed(database_url)
    loader = Loader(
        dsn,
        demo_programs={
            "Acme Networks": PROGRAMS[0]["name"],
            "Nordlys Security": PROGRAMS[1]["name"],
        },
        demo_reps=[REP, "rep@fjord.example"],
        partners=partners,
    )
    seconds = await loader.grow(registrations, registrations, lambda line: print(line, flush=True))
    print(f"Bulk-loaded {registrations:,} registrations ({seconds:.1f} s with VACUUM ANALYZE)")
    now = datetime.now(UTC)
    engine = make_engine(database_url, pool_size=1)
    try:
        policies = await vendor_policies(make_sessionmaker(engine), now)
        await load_clocks(dsn, policies, registrations, now, due=None)
        async with make_sessionmaker(engine)() as session:
            admin = await principal_for_email(session, ACME_ADMIN)
            northwind = await session.scalar(
                select(Organization.id).where(Organization.name == NORTHWIND)
            )
        start_month = DEFAULTS.fiscal_year_start_month
        quarter = fiscal.quarter_of(now.date(), start_month)
        await load_plans(dsn, acme_id, admin, quarter, start_month)
        await mark_loaded(dsn)
        await measure_calls(engine, dsn, ops, admin, northwind, quarter, start_month, now, runs)
    finally:
        await engine.dispose()


async def measure_loaded(database_url: str, runs: int) -> None:
    now = datetime.now(UTC)
    engine = make_engine(database_url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            ops = await principal_for_email(session, CHANNEL_OPS)
            admin = await principal_for_email(session, ACME_ADMIN)
            northwind = await session.scalar(
                select(Organization.id).where(Organization.name == NORTHWIND)
            )
        start_month = DEFAULTS.fiscal_year_start_month
        quarter = fiscal.quarter_of(now.date(), start_month)
        dsn = asyncpg_dsn(database_url)
        await measure_calls(engine, dsn, ops, admin, northwind, quarter, start_month, now, runs)
    finally:
        await engine.dispose()


async def measure_calls(
    engine: AsyncEngine,
    dsn: str,
    ops: Principal,
    admin: Principal,
    partner_id: uuid.UUID | None,
    quarter: fiscal.Quarter,
    start_month: int,
    now: datetime,
    runs: int,
) -> None:
    conn = await asyncpg.connect(dsn)
    results: list[tuple[str, Figures]] = []
    try:
        for name, call in calls(ops, admin, partner_id, quarter, start_month, now.date()):
            figures = await measure(engine, conn, call, runs)
            results.append((name, figures))
            print(
                f"  {name:<34} {figures.rows:>6,} rows, {figures.statements} statements: "
                f"dealreg {figures.dealreg_ms:8.1f} ms, raw {figures.raw_ms:8.1f} ms",
                flush=True,
            )
            for plan in figures.plans:
                print(f"      plan: {plan}", flush=True)
    finally:
        await conn.close()
    print(f"\n{'report':<34} {'dealreg ms':>10} {'raw ms':>8} {'ratio':>6}  goal {GOAL_MS:.0f} ms")
    for name, f in results:
        verdict = "ok" if f.dealreg_ms <= GOAL_MS else "OVER"
        print(f"{name:<34} {f.dealreg_ms:>10.1f} {f.raw_ms:>8.1f} {f.ratio:>5.2f}x  {verdict}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=1_000_000)
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each report")
    parser.add_argument(
        "--keep", action="store_true", help="keep the loaded database, or reuse the one kept"
    )
    args = parser.parse_args()
    if min(args.registrations, args.partners, args.runs) < 1:
        parser.error("--registrations, --partners and --runs take 1 or more")
    return args


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with (
        tempfile.TemporaryDirectory(prefix="drp", dir="/tmp") as scratch_dir,
        postgres_server(Path(scratch_dir)) as server_url,
    ):
        print(asyncio.run(describe_server(server_url)), flush=True)
        print(
            f"\n=== {short(args.registrations)} registrations, {args.partners:,} partners ===",
            flush=True,
        )
        kept = f"dealreg_bench_plans_{args.registrations}_{args.partners}" if args.keep else None
        with scratch_database(server_url, kept) as database_url:
            upgrade(database_url)
            asyncio.run(measure_all(database_url, args.registrations, args.partners, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
