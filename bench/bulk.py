"""Bulk-loads registrations, with their deals, for bench/run.py's large-table runs.

Rows are made by PostgreSQL itself (`INSERT … SELECT … FROM generate_series`), a chunk per
statement, so a million registrations take a few minutes on a small machine and no client time.
Ids, numbers and customers derive from the row's serial `i`, so a deal and its registration
agree without a join, and growing the table from 10k to 1M rows only adds rows `10k+1 … 1M`.

How rows are spread, as a busy marketplace would have them:
- vendors: Acme (the benchmarked one) gets 20 % of registrations, Nordlys 10 %, and 14 bench
  vendors 5 % each; partners: Northwind, Fjord and 98 bench partners (or `partners`), evenly,
  each through its own rep. Which vendor and partner a row gets is a hash of `i`, so they are independent.
- statuses: mostly approved (expired once their 92 days of protection are over) and open ones,
  some rejected, a few won, lost or withdrawn; protection dates and stages where the schema's
  checks want them, and the expiry reminder marked as sent where it would have been. So
  dealreg's hourly expiry job, which `dealreg serve` runs, finds nothing to do mid-measurement.
- created_at: evenly over the year (or `span`) before the load began, in the order of `i`, as rows arrive in
  a live table (older rows first in the heap). Only registrations and deals are loaded: nothing
  else references them, and lines, history and events would not change what is measured.
- approvers: none by default. With `approvers_per_vendor`, every vendor gets that many approvers
  and each registration past `submitted` is assigned one of its vendor's (bench/sla.py reports
  by approver); a submitted one waits unassigned.
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

BENCH_VENDORS = 14
BENCH_PARTNERS = 98
# Of every 100 registrations, this many go to each vendor (the bench vendors share the rest).
ACME_SHARE = 20
NORDLYS_SHARE = 10
SLOTS = 100
CHUNK = 200_000
SPAN = timedelta(days=365)

_VENDOR_SQL = """
    INSERT INTO organizations (id, kind, name, code, country, timezone)
    SELECT gen_random_uuid(), 'vendor', format('Bench Vendor %s', v), format('BV%s', v), 'US',
           'America/Chicago'
    FROM generate_series(1, $1) AS v
    RETURNING id
"""
_PROGRAM_SQL = """
    INSERT INTO programs (id, vendor_id, name, currency)
    SELECT gen_random_uuid(), vendor_id, 'Bench Vendor Program', 'USD'
    FROM unnest($1::uuid[]) AS vendor_id
    RETURNING id, vendor_id
"""
_PARTNER_SQL = """
    INSERT INTO organizations (id, kind, name, country)
    SELECT gen_random_uuid(), 'partner', format('Bench Partner %s', p), 'US'
    FROM generate_series(1, $1) AS p
    RETURNING id, name
"""
_REP_SQL = """
    INSERT INTO users (id, organization_id, email, name, role)
    SELECT gen_random_uuid(), partner_id, format('rep%s@bench-partner.example', n), 'Bench Rep',
           'partner_rep'
    FROM unnest($1::uuid[]) WITH ORDINALITY AS p (partner_id, n)
    RETURNING id, organization_id
"""
_APPROVER_SQL = """
    INSERT INTO users (id, organization_id, email, name, role)
    SELECT gen_random_uuid(), vendor_id, format('approver%s.%s@bench-vendor.example', n, a),
           format('Bench Approver %s', a), 'vendor_approver'
    FROM unnest($1::uuid[]) WITH ORDINALITY AS v (vendor_id, n), generate_series(1, $2) AS a
    RETURNING id, organization_id
"""
_DEMO_SQL = """
    SELECT o.name, o.id AS vendor_id, p.id AS program_id, p.currency
    FROM organizations o JOIN programs p ON p.vendor_id = o.id
    WHERE o.name IN ('Acme Networks', 'Nordlys Security') AND p.name = $1
"""
_DEMO_REPS_SQL = """
    SELECT u.organization_id, u.id FROM users u WHERE u.email = ANY($1::text[])
"""

# $1 first i, $2 last i, $3 epoch of i = 0, $4 seconds between rows; $5/$6 partner and rep of
# each partner slot. `k` is the row's partner slot (0-based).
_DEALS_SQL = """
    INSERT INTO deals (id, partner_id, rep_id, submitted_by, customer, contact, title,
                       description, expected_close_date, currency, competitors, created_at,
                       updated_at)
    SELECT md5('bench-deal-' || i)::uuid, ($5::uuid[])[k + 1], ($6::uuid[])[k + 1],
           ($6::uuid[])[k + 1],
           jsonb_build_object('legal_name', 'Bulk Customer ' || i, 'country', 'US',
                              'domain', 'bulk-' || i || '.example'),
           jsonb_build_object('name', 'Buyer ' || i, 'email', 'buyer@bulk-' || i || '.example'),
           'Bulk opportunity ' || i, '', (at + interval '120 days')::date, 'USD', '{}', at, at
    FROM (
        SELECT i, to_timestamp($3 + i * $4) AS at,
               ((hashint8extended(i, 2) % cardinality($5::uuid[])) + cardinality($5::uuid[]))
                   % cardinality($5::uuid[]) AS k
        FROM generate_series($1::bigint, $2::bigint) AS i
    ) AS g
"""
# As _DEALS_SQL, with $7/$8/$9 the vendor, program and currency of each of the 100 vendor slots,
# and $10 the approvers of each slot ($11 of them a slot: `a` of slot `v` is at `v * $11 + a + 1`;
# an empty array leaves every row unassigned).
_REGISTRATIONS_SQL = """
    INSERT INTO registrations (id, number, deal_id, vendor_id, program_id, partner_id, rep_id,
                               status, stage, amount, currency, customer_name, title,
                               expected_close_date, customer_domain_key, customer_name_key,
                               answers, submitted_at, decided_at, approved_at, expires_at,
                               expiry_reminded_for, approver_id, created_at, updated_at)
    SELECT md5('bench-registration-' || i)::uuid, 'BULK-' || lpad(i::text, 9, '0'),
           md5('bench-deal-' || i)::uuid, ($7::uuid[])[v + 1], ($8::uuid[])[v + 1],
           ($5::uuid[])[k + 1], ($6::uuid[])[k + 1], status::registrationstatus,
           CASE status WHEN 'won' THEN 'closed_won' WHEN 'lost' THEN 'closed_lost'
                WHEN 'approved' THEN (ARRAY[NULL, 'qualified', 'proposal'])[1 + i % 3]
           END::salesstage,
           100000 + (i % 997) * 25000, ($9::text[])[v + 1], 'Bulk Customer ' || i,
           'Bulk opportunity ' || i, (at + interval '120 days')::date,
           'bulk-' || i || '.example', 'bulk customer ' || i || '|US',
           jsonb_build_object('use_case', (ARRAY['perimeter', 'branch', 'data_center', 'cloud'])
                                          [1 + i % 4]),
           at,
           CASE WHEN status NOT IN ('submitted', 'in_review', 'info_requested', 'withdrawn')
                THEN at + interval '2 days' END,
           CASE WHEN status IN ('approved', 'won', 'lost', 'expired')
                THEN at + interval '2 days' END,
           CASE WHEN status IN ('approved', 'won', 'lost', 'expired')
                THEN at + interval '92 days' END,
           CASE WHEN status = 'approved' AND at + interval '92 days' < now() + interval '14 days'
                THEN at + interval '92 days' END,
           CASE WHEN status <> 'submitted'
                THEN ($10::uuid[])[v * $11::int + i % greatest($11::int, 1) + 1] END,
           at, at
    FROM (
        SELECT i, at, k, v,
               CASE WHEN s < 15 THEN 'submitted' WHEN s < 25 THEN 'in_review'
                    WHEN s < 30 THEN 'info_requested'
                    -- Protection lasts 92 days here: the expiry job has expired older ones.
                    WHEN s < 70 AND at + interval '92 days' <= now() THEN 'expired'
                    WHEN s < 70 THEN 'approved'
                    WHEN s < 80 THEN 'rejected' WHEN s < 88 THEN 'won' WHEN s < 93 THEN 'lost'
                    WHEN s < 98 THEN 'expired' ELSE 'withdrawn'
               END AS status
        FROM (
            SELECT i, to_timestamp($3 + i * $4) AS at,
                   ((hashint8extended(i, 2) % cardinality($5::uuid[]))
                       + cardinality($5::uuid[])) % cardinality($5::uuid[]) AS k,
                   ((hashint8extended(i, 1) % 100) + 100) % 100 AS v,
                   ((hashint8extended(i, 3) % 100) + 100) % 100 AS s
            FROM generate_series($1::bigint, $2::bigint) AS i
        ) AS h
    ) AS g
"""


@dataclass(frozen=True)
class Layout:
    """Who the rows are spread over: a vendor, program and currency per vendor slot, a partner
    and rep per partner slot."""

    vendors: list[uuid.UUID]
    programs: list[uuid.UUID]
    currencies: list[str]
    partners: list[uuid.UUID]
    reps: list[uuid.UUID]
    approvers: list[uuid.UUID]  # `approvers_per_vendor` per vendor slot, one slot after another


class Loader:
    """Grows the registrations table to a number of bulk rows; one per benchmark run."""

    def __init__(
        self,
        dsn: str,
        demo_programs: dict[str, str],
        demo_reps: list[str],
        approvers_per_vendor: int = 0,
        partners: int = BENCH_PARTNERS,
        span: timedelta = SPAN,
    ) -> None:
        self.dsn = dsn
        self.partners = partners
        self.span = span
        self.demo_programs = demo_programs  # vendor name -> the program its rows are under
        self.demo_reps = demo_reps
        self.approvers_per_vendor = approvers_per_vendor
        self.loaded = 0
        self.layout: Layout | None = None
        self.epoch = 0.0
        self.step = 0.0

    async def grow(self, target: int, largest: int, progress: Callable[[str], None]) -> float:
        """Load rows `loaded+1 … target` (`largest` is the last target, which sets the spacing
        in time); vacuum and analyze. Returns the seconds it took."""
        started = time.perf_counter()
        conn = await asyncpg.connect(self.dsn)
        try:
            # A bench database is thrown away: losing the last commits in a crash costs nothing.
            await conn.execute("SET synchronous_commit = off")
            if self.layout is None:
                self.layout = await self._layout(conn)
                now = datetime.now().timestamp()  # noqa: DTZ005 - an epoch, zone-free
                self.epoch = now - self.span.total_seconds()
                self.step = self.span.total_seconds() / max(largest, 1)
            layout = self.layout
            while self.loaded < target:
                first, last = self.loaded + 1, min(target, self.loaded + CHUNK)
                common = (first, last, self.epoch, self.step, layout.partners, layout.reps)
                async with conn.transaction():
                    await conn.execute(_DEALS_SQL, *common)
                    await conn.execute(
                        _REGISTRATIONS_SQL,
                        *common,
                        layout.vendors,
                        layout.programs,
                        layout.currencies,
                        layout.approvers,
                        self.approvers_per_vendor,
                    )
                self.loaded = last
                progress(f"  {last:>9,} registrations ({time.perf_counter() - started:.0f} s)")
            # Autovacuum would otherwise wake in the middle of a measurement after a big load.
            await conn.execute("VACUUM (ANALYZE) deals, registrations")
        finally:
            await conn.close()
        return time.perf_counter() - started

    async def _layout(self, conn: asyncpg.Connection) -> Layout:
        async with conn.transaction():
            vendor_ids = [r["id"] for r in await conn.fetch(_VENDOR_SQL, BENCH_VENDORS)]
            programs = {r["vendor_id"]: r["id"] for r in await conn.fetch(_PROGRAM_SQL, vendor_ids)}
            partner_ids = [r["id"] for r in await conn.fetch(_PARTNER_SQL, self.partners)]
            reps = {r["organization_id"]: r["id"] for r in await conn.fetch(_REP_SQL, partner_ids)}
            demo = {}
            for name, program in self.demo_programs.items():
                rows = await conn.fetch(_DEMO_SQL, program)
                demo.update({r["name"]: r for r in rows if r["name"] == name})
            for r in await conn.fetch(_DEMO_REPS_SQL, self.demo_reps):
                reps[r["organization_id"]] = r["id"]
            approvers: dict[uuid.UUID, list[uuid.UUID]] = {}
            if self.approvers_per_vendor:
                every_vendor = [*vendor_ids, *(r["vendor_id"] for r in demo.values())]
                for r in await conn.fetch(_APPROVER_SQL, every_vendor, self.approvers_per_vendor):
                    approvers.setdefault(r["organization_id"], []).append(r["id"])
        acme, nordlys = demo["Acme Networks"], demo["Nordlys Security"]
        slots = [acme] * ACME_SHARE + [nordlys] * NORDLYS_SHARE
        per_bench_vendor = (SLOTS - len(slots)) // BENCH_VENDORS
        vendor_slots = [(r["vendor_id"], r["program_id"], r["currency"]) for r in slots]
        vendor_slots += [
            (vendor_id, programs[vendor_id], "USD")
            for vendor_id in vendor_ids
            for _ in range(per_bench_vendor)
        ]
        assert len(vendor_slots) == SLOTS, "the vendor shares add up to 100"
        partners = sorted(reps)
        return Layout(
            vendors=[s[0] for s in vendor_slots],
            programs=[s[1] for s in vendor_slots],
            currencies=[s[2] for s in vendor_slots],
            partners=partners,
            reps=[reps[p] for p in partners],
            approvers=[a for s in vendor_slots for a in approvers.get(s[0], [])],
        )
