"""The raw baseline of bench/run.py: what each benchmarked request costs at the least.

A bare Litestar app whose handlers run the SQL dealreg's do with raw asyncpg (one pool) and
return the same JSON shapes, without token checks, ORM or middleware. It is served by granian
with the settings `dealreg serve` uses, so dealreg's figures can be printed as a ratio of these
and compared across machines.

    BENCH_BASELINE_CONFIG='{…}' PYTHONPATH=bench python bench/baseline_app.py --port 8001

With no tokens to read, the handlers act for the users and vendor named in the configuration.

The first scenarios (/v1/me, /v1/programs, POST /v1/organizations) send only their route's own
statements. The deal and registration routes send every statement dealreg sends for them, in
dealreg's order and in one transaction as dealreg does: the look-up of the caller that refuses a
stale token, and for a POST the Idempotency-Key lock, look-up and record, the SLA clocks of the
new registrations, everything (checked against PostgreSQL's log, `log_statement = all`, of a
dealreg request; only the pool's pre-ping is dealreg's alone). The ratio then shows what
dealreg's own layers (Litestar's DI and guards, SQLAlchemy, the unit of work) cost, not a
difference in work. The rules of a deal are checked as plainly as they can be; the request body
is validated by dealreg's own msgspec types, and customer keys and SLA calendars are computed by
its own functions: the same work, not a copy that could drift. When dealreg's SQL for these
routes changes, this file must follow (check_same_shape catches a changed response, not a
changed statement).
"""

import argparse
import base64
import hashlib
import os
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import asyncpg
import msgspec
from litestar import Litestar, Request, Response, get, post
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.params import Parameter

from dealreg.orgs.service import AutoApproveRule, ExtraField
from dealreg.registrations import customers
from dealreg.registrations.schemas import Contact, Customer, DealInput, LineInput, Opportunity
from dealreg.sla import clocks

CONFIG_ENV = "BENCH_BASELINE_CONFIG"


class Holder(msgspec.Struct, frozen=True, kw_only=True):
    """A user a token would name: who dealreg checks is still there, in the same role."""

    id: uuid.UUID
    organization_id: uuid.UUID
    role: str


class BaselineConfig(msgspec.Struct, frozen=True, kw_only=True):
    """What bench/run.py hands the baseline, as JSON in `BENCH_BASELINE_CONFIG`."""

    dsn: str  # postgresql://… as asyncpg takes it
    max_connections: int
    # /v1/me answers for this user (dealreg reads them from the token).
    user_id: uuid.UUID
    organization_id: uuid.UUID
    scopes: list[str]
    # /v1/programs lists this vendor's programs (dealreg's vendor admin sees only its own).
    vendor_id: uuid.UUID
    # POST /v1/deals registers deals as this partner rep; GET /v1/registrations lists what is
    # addressed to this vendor approver's organization.
    rep: Holder
    approver: Holder


# The response shapes of dealreg's api/ modules, field for field.
class OrganizationOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    kind: str
    name: str
    code: str | None
    country: str
    timezone: str | None


class MeOut(msgspec.Struct, kw_only=True):
    kind: Literal["user", "client"]
    id: uuid.UUID
    role: str
    scopes: list[str]
    organization: OrganizationOut
    email: str | None = None
    name: str | None = None


class ProgramOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    vendor_id: uuid.UUID
    name: str
    description: str
    currency: str
    protection_days: int
    extension_days: int
    max_extensions: int
    minimum_deal_amount: int
    extra_fields: list[dict[str, Any]]
    auto_approve_rules: list[dict[str, Any]]
    active: bool


class ProgramList(msgspec.Struct):
    items: list[ProgramOut]
    next_cursor: str | None


class RegistrationOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    number: str
    deal_id: uuid.UUID
    vendor_id: uuid.UUID
    program_id: uuid.UUID
    partner_id: uuid.UUID
    rep_id: uuid.UUID
    status: str
    stage: str | None
    amount: int
    currency: str
    customer_name: str
    title: str
    expected_close_date: date
    conflict: bool
    approver_id: uuid.UUID | None
    decision_code: str | None
    decision_note: str | None
    submitted_at: datetime
    decided_at: datetime | None
    approved_at: datetime | None
    expires_at: datetime | None
    extensions_granted: int
    extension_pending: bool


class RegistrationList(msgspec.Struct):
    items: list[RegistrationOut]
    next_cursor: str | None


class LineOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    registration_id: uuid.UUID
    vendor_id: uuid.UUID
    product_id: uuid.UUID
    sku: str
    quantity: int
    unit_price: int
    amount: int


class DealOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    partner_id: uuid.UUID
    rep_id: uuid.UUID
    customer: Customer
    contact: Contact
    opportunity: Opportunity
    lines: list[LineOut]
    registrations: list[RegistrationOut]


# Validated like dealreg's body, so both servers pay for the same checks.
class OrganizationCreate(msgspec.Struct, forbid_unknown_fields=True):
    kind: Literal["vendor", "partner", "platform"]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    country: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    code: Annotated[str, msgspec.Meta(pattern=r"^[A-Z][A-Z0-9]{1,11}$")] | None = None
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None


# Statements are spelled out, not assembled: each reads as the query PostgreSQL receives.
ORGANIZATION_BY_ID = """
    SELECT id, created_at, updated_at, version, kind, name, code, country, timezone
    FROM organizations WHERE id = $1
"""
USER_BY_ID = "SELECT id, email, name, role FROM users WHERE id = $1"
PROGRAMS_OF_VENDOR = """
    SELECT id, created_at, updated_at, version, vendor_id, name, description, currency,
           protection_days, extension_days, max_extensions, minimum_deal_amount, extra_fields,
           auto_approve_rules, active
    FROM programs WHERE vendor_id = $1 ORDER BY created_at, id LIMIT $2
"""
INSERT_ORGANIZATION = """
    INSERT INTO organizations (id, kind, name, country, code, timezone)
    VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id, created_at, updated_at, version, kind, name, code, country, timezone
"""

# What dealreg sends for the deal and registration routes, statement for statement (read from
# PostgreSQL's log of a dealreg request: log_statement = all). Where dealreg's statement has one
# placeholder per item of a list, so have these (see `_params`).
CURRENT_USER = """
    SELECT id, organization_id, email, name, role, active, created_at, updated_at, version
    FROM users WHERE id = $1
"""
TRY_IDEMPOTENCY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))"
FIND_IDEMPOTENCY_RECORD = """
    SELECT id, caller_id, key, fingerprint, status, headers, body, created_at
    FROM idempotency_records
    WHERE caller_id = $1 AND key = $2 AND created_at > now() - $3::interval
"""
DELETE_IDEMPOTENCY_RECORD = "DELETE FROM idempotency_records WHERE caller_id = $1 AND key = $2"
INSERT_IDEMPOTENCY_RECORD = """
    INSERT INTO idempotency_records (id, caller_id, key, fingerprint, status, headers, body)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    RETURNING created_at
"""
VENDORS_OF_PARTNER = """
    SELECT o.id, o.name, o.code, o.timezone, p.status AS partnership_status, p.tier
    FROM organizations o
    LEFT OUTER JOIN partnerships p ON p.vendor_id = o.id AND p.partner_id = $1
    WHERE o.id IN ({vendors}) AND o.kind = 'vendor'
"""
CATALOGUE = """
    SELECT programs.id AS program_id, programs.vendor_id, programs.name AS program_name,
           programs.currency, programs.minimum_deal_amount, programs.extra_fields,
           programs.auto_approve_rules, programs.protection_days,
           products.id AS product_id, products.sku
    FROM programs
    LEFT OUTER JOIN products ON products.program_id = programs.id AND products.active IS true
        AND products.sku IN ({skus})
    WHERE programs.vendor_id IN ({vendors}) AND programs.active IS true
"""
LOCK_CUSTOMERS = """
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
    FROM (SELECT DISTINCT k FROM unnest($1::text[]) AS k ORDER BY k) AS s
"""
# One of these per vendor of the deal, joined by OR: `claims_sql`.
CLAIM = """
    registrations.vendor_id = ${vendor} AND (registrations.customer_domain_key = ${domain}
        OR registrations.customer_domain_key IS NULL AND registrations.customer_name_key = ${name})
    AND EXISTS (SELECT * FROM deal_lines WHERE deal_lines.registration_id = registrations.id
        AND deal_lines.product_id IN ({products}))
"""
CLAIMS_ON = """
    SELECT registrations.id, registrations.number, registrations.vendor_id,
           registrations.partner_id, registrations.status
    FROM registrations
    WHERE registrations.status IN ($1, $2, $3, $4) AND ({claims})
    ORDER BY registrations.created_at
"""
ACTIVE = ("submitted", "in_review", "info_requested", "approved")
NEXT_NUMBERS = """
    INSERT INTO registration_counters (vendor_id, year, last) VALUES {values}
    ON CONFLICT (vendor_id, year) DO UPDATE SET last = registration_counters.last + 1
    RETURNING registration_counters.vendor_id, registration_counters.last
"""
INSERT_DEAL = """
    INSERT INTO deals (id, partner_id, rep_id, submitted_by, customer, contact, title,
                       description, expected_close_date, currency, competitors)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id, partner_id, rep_id, submitted_by, customer, contact, title, description,
              expected_close_date, currency, competitors, created_at, updated_at, version
"""
INSERT_REGISTRATIONS = """
    INSERT INTO registrations (id, number, deal_id, vendor_id, program_id, partner_id, rep_id,
                               status, amount, currency, customer_name, title,
                               expected_close_date, customer_domain_key, customer_name_key,
                               answers, conflict)
    VALUES {values}
    RETURNING id, number, deal_id, vendor_id, program_id, partner_id, rep_id, status, stage,
              amount, currency, customer_name, title, expected_close_date, customer_domain_key,
              customer_name_key, answers, conflict, approver_id, decision_code, decision_note,
              submitted_at, decided_at, approved_at, expires_at, extensions_granted,
              extension_pending, expiry_reminded_for, created_at, updated_at, version
"""
# The SLA clock of each new registration (dealreg's sla/clocks.py start_clocks).
CLOCK_VENDORS = """
    SELECT id, kind, name, code, country, timezone, created_at, updated_at, version
    FROM organizations WHERE id IN ({vendors})
"""
SLA_POLICIES = """
    SELECT id, vendor_id, program_id, working_hours, closed_dates, holiday_country,
           holiday_subdivision, target_days, hard_limit_days, breach_action, escalation_email,
           created_at, updated_at, version
    FROM sla_policies WHERE vendor_id IN ({vendors})
"""
INSERT_CLOCKS = """
    INSERT INTO sla_clocks (registration_id, vendor_id, calendar, target_minutes,
                            hard_limit_minutes, breach_action, escalation_email, state,
                            started_at, elapsed_us, running_since, pauses, paused_since,
                            stopped_at, next_threshold, next_due_at)
    VALUES {values}
    RETURNING updated_at, registration_id
"""
INSERT_LINES = """
    INSERT INTO deal_lines (id, deal_id, registration_id, position, vendor_id, product_id, sku,
                            quantity, unit_price, amount)
    VALUES {values}
"""
INSERT_HISTORY = """
    INSERT INTO registration_history (id, registration_id, action, actor_id, actor_role,
                                      from_status, to_status, from_stage, to_stage, reason, data)
    VALUES {values}
"""
INSERT_EVENTS = """
    INSERT INTO events (id, type, subject_id, vendor_id, partner_id, data) VALUES {values}
"""
# The columns dealreg lists registrations with (all but expiry_reminded_for), the vendor's
# visibility, and its keyset order; one row beyond the page says whether another follows.
LIST_REGISTRATIONS = """
    SELECT registrations.id, registrations.number, registrations.deal_id,
           registrations.vendor_id, registrations.program_id, registrations.partner_id,
           registrations.rep_id, registrations.status, registrations.stage, registrations.amount,
           registrations.currency, registrations.customer_name, registrations.title,
           registrations.expected_close_date, registrations.customer_domain_key,
           registrations.customer_name_key, registrations.answers, registrations.conflict,
           registrations.approver_id, registrations.decision_code, registrations.decision_note,
           registrations.submitted_at, registrations.decided_at, registrations.approved_at,
           registrations.expires_at, registrations.extensions_granted,
           registrations.extension_pending, registrations.created_at, registrations.updated_at,
           registrations.version
    FROM registrations
    WHERE registrations.vendor_id = $1
    ORDER BY registrations.created_at, registrations.id
    LIMIT $2
"""
IDEMPOTENCY_RETENTION = timedelta(hours=24)
# The response headers dealreg's idempotency record keeps (and replays).
KEPT_HEADERS = ("content-type", "etag")


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/v1/me")
async def me(state: State) -> MeOut:
    config: BaselineConfig = state.config
    # dealreg's two round trips, on one connection.
    async with state.pool.acquire() as conn:
        org = await conn.fetchrow(ORGANIZATION_BY_ID, config.organization_id)
        user = await conn.fetchrow(USER_BY_ID, config.user_id)
    return MeOut(
        kind="user",
        id=user["id"],
        role=user["role"],
        scopes=config.scopes,
        organization=OrganizationOut(**org),
        email=user["email"],
        name=user["name"],
    )


@get("/v1/programs")
async def list_programs(
    state: State, limit: Annotated[int, Parameter(ge=1, le=200)] = 50
) -> ProgramList:
    config: BaselineConfig = state.config
    # One row more than the page tells whether there is a next page, as dealreg's keyset does.
    rows = await state.pool.fetch(PROGRAMS_OF_VENDOR, config.vendor_id, limit + 1)
    items = [ProgramOut(**row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        # dealreg's cursor: the last row's (created_at, id) as a JSON array, base64url.
        key = msgspec.json.encode((items[-1].created_at, items[-1].id))
        next_cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    return ProgramList(items=items, next_cursor=next_cursor)


@post("/v1/organizations")
async def create_organization(state: State, data: OrganizationCreate) -> OrganizationOut:
    # One statement in autocommit: the least a create can cost. The bench sends unique names, so
    # the unique index never fires (a violation would be a 500 here).
    row = await state.pool.fetchrow(
        INSERT_ORGANIZATION,
        uuid.uuid4(),
        data.kind,
        data.name,
        data.country,
        data.code,
        data.timezone,
    )
    return OrganizationOut(**row)


# --- deals and registrations ---------------------------------------------------------------------


def _params(start: int, count: int) -> str:
    """`$start, …`: one placeholder per item, as SQLAlchemy expands a list."""
    return ", ".join(f"${i}" for i in range(start, start + count))


def _values(rows: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """A multi-row VALUES list and its flat arguments, as SQLAlchemy's insert().values(rows)."""
    width = len(rows[0])
    groups = [f"({_params(1 + i * width, width)})" for i in range(len(rows))]
    return ", ".join(groups), [value for row in rows for value in row]


def claims_sql(claims: list[tuple[uuid.UUID, str | None, str, list[uuid.UUID]]]) -> str:
    """dealreg's look-up of the active registrations a new deal's (vendor, domain key, name key,
    products) claims conflict with: `$1…$4` the active statuses, then each claim's values."""
    parts, n = [], len(ACTIVE) + 1
    for _, _, _, products in claims:
        parts.append(
            CLAIM.replace("${vendor}", f"${n}")
            .replace("${domain}", f"${n + 1}")
            .replace("${name}", f"${n + 2}")
            .replace("{products}", _params(n + 3, len(products)))
        )
        n += 3 + len(products)
    return CLAIMS_ON.replace("{claims}", " OR ".join(parts))


def _unprocessable(detail: str) -> HTTPException:
    return HTTPException(status_code=422, detail=detail)


async def _ensure_current(conn: asyncpg.Connection, holder: Holder) -> None:
    user = await conn.fetchrow(CURRENT_USER, holder.id)
    if (
        user is None
        or not user["active"]
        or user["organization_id"] != holder.organization_id
        or user["role"] != holder.role
    ):
        raise HTTPException(status_code=401, detail="stale token")


def _check_answers(fields: list[ExtraField], answers: dict[str, Any]) -> None:
    """dealreg's checks of answers, in short: the bench sends only valid ones."""
    known = {field.key for field in fields}
    if any(key not in known for key in answers):
        raise _unprocessable("an answer to no question")
    for field in fields:
        value = answers.get(field.key)
        if value is None:
            if field.required:
                raise _unprocessable(f"{field.key} is required")
        elif field.type == "choice" and value not in (field.choices or []):
            raise _unprocessable(f"{field.key} takes one of its choices")
        elif field.type == "number" and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise _unprocessable(f"{field.key} takes a number")


def _fingerprint(body: bytes) -> str:
    # dealreg's: method, path and query, then the body as canonical JSON.
    canonical = msgspec.json.encode(msgspec.json.decode(body), order="sorted")
    return hashlib.sha256(b"POST /v1/deals?\n" + canonical).hexdigest()


def _registration_out(row: asyncpg.Record) -> RegistrationOut:
    return msgspec.convert(dict(row), RegistrationOut)


async def _start_clocks(
    conn: asyncpg.Connection, vendor_ids: list[uuid.UUID], registrations: list[asyncpg.Record]
) -> None:
    """dealreg's start_clocks: each registration's SLA clock, on its vendor's policy (the
    program's, if it has one; the default one of the vendor's country, if neither has)."""
    ids = _params(1, len(vendor_ids))
    vendors = {
        row["id"]: row for row in await conn.fetch(CLOCK_VENDORS.format(vendors=ids), *vendor_ids)
    }
    stored = {
        (row["vendor_id"], row["program_id"]): clocks.Policy.of_row(SimpleNamespace(**row))
        for row in await conn.fetch(SLA_POLICIES.format(vendors=ids), *vendor_ids)
    }
    rows = []
    for r in registrations:
        vendor = vendors[r["vendor_id"]]
        policy = (
            stored.get((vendor["id"], r["program_id"]))
            or stored.get((vendor["id"], None))
            or clocks.default_policy(vendor["country"])
        )
        calendar = policy.calendar(vendor["timezone"])
        target = policy.minutes(policy.target_days)
        # The first threshold, the reminder, falls due at half the target, in business time.
        reminder = timedelta(microseconds=target // 2 * 60_000_000)
        rows.append(
            (
                r["id"],
                vendor["id"],
                msgspec.to_builtins(calendar),
                target,
                policy.minutes(policy.hard_limit_days),
                policy.breach_action.value,
                policy.escalation_email,
                "running",
                r["submitted_at"],
                0,  # elapsed_us
                r["submitted_at"],  # running_since
                [],  # pauses
                None,  # paused_since
                None,  # stopped_at
                "reminder",
                calendar.add(r["submitted_at"], reminder),
            )
        )
    values, args = _values(rows)
    await conn.fetch(INSERT_CLOCKS.format(values=values), *args)


class _Plan(msgspec.Struct, kw_only=True):
    lines: list[tuple[int, LineInput]]
    program_id: uuid.UUID | None = None
    products: dict[str, uuid.UUID] = msgspec.field(default_factory=dict)
    amount: int = 0
    answers: dict[str, Any] = msgspec.field(default_factory=dict)


def _apply_programs(
    data: DealInput, plans: dict[uuid.UUID, _Plan], catalogue: list[asyncpg.Record]
) -> None:
    by_program: dict[uuid.UUID, list[asyncpg.Record]] = {}
    for row in catalogue:
        by_program.setdefault(row["program_id"], []).append(row)
    answers = {entry.vendor_id: entry.answers for entry in data.vendors}
    for vendor_id, plan in plans.items():
        wanted = {line.sku for _, line in plan.lines}
        fits = [
            rows
            for rows in by_program.values()
            if rows[0]["vendor_id"] == vendor_id and wanted <= {r["sku"] for r in rows if r["sku"]}
        ]
        if len(fits) != 1:
            raise _unprocessable("no single program has these products")
        program = fits[0][0]
        plan.program_id = program["program_id"]
        plan.products = {r["sku"]: r["product_id"] for r in fits[0]}
        plan.amount = sum(line.quantity * line.unit_price for _, line in plan.lines)
        if program["currency"] != data.opportunity.currency:
            raise _unprocessable("another currency")
        if plan.amount < program["minimum_deal_amount"]:
            raise _unprocessable("under the program's minimum")
        plan.answers = dict(answers.get(vendor_id, {}))
        _check_answers(msgspec.convert(program["extra_fields"], list[ExtraField]), plan.answers)
        if msgspec.convert(program["auto_approve_rules"], list[AutoApproveRule]):
            # dealreg would approve a matching registration at once; the bench's programs
            # have no rules, and the baseline does not do that work.
            raise HTTPException(status_code=501, detail="auto-approval is not in the baseline")


async def _submit(
    conn: asyncpg.Connection, rep: Holder, data: DealInput
) -> tuple[asyncpg.Record, list[LineOut], list[asyncpg.Record]]:
    """dealreg's submit_deal for a deal that passes: its statements, in its order."""
    now = datetime.now(UTC)
    if data.opportunity.expected_close_date <= now.date():
        raise _unprocessable("the close date has passed")
    plans: dict[uuid.UUID, _Plan] = {}
    for i, line in enumerate(data.lines):
        plans.setdefault(line.vendor_id, _Plan(lines=[])).lines.append((i, line))
    vendor_ids = list(plans)
    vendors = {
        row["id"]: row
        for row in await conn.fetch(
            VENDORS_OF_PARTNER.format(vendors=_params(2, len(vendor_ids))),
            rep.organization_id,
            *vendor_ids,
        )
    }
    if any(v not in vendors or vendors[v]["partnership_status"] != "active" for v in vendor_ids):
        raise _unprocessable("a vendor you are not enrolled with")
    skus = list(dict.fromkeys(line.sku for line in data.lines))
    catalogue = await conn.fetch(
        CATALOGUE.format(
            skus=_params(1, len(skus)), vendors=_params(1 + len(skus), len(vendor_ids))
        ),
        *skus,
        *vendor_ids,
    )
    _apply_programs(data, plans, catalogue)

    domain_key = (
        customers.registrable_domain(data.customer.domain) if data.customer.domain else None
    )
    name_key = customers.name_key(data.customer.legal_name, data.customer.country)
    lock_keys = [f"{v}|n|{name_key}" for v in vendor_ids]
    if domain_key is not None:
        lock_keys += [f"{v}|d|{domain_key}" for v in vendor_ids]
    await conn.execute(LOCK_CUSTOMERS, sorted(set(lock_keys)))
    claims = [
        (vendor_id, domain_key, name_key, list(dict.fromkeys(plan.products.values())))
        for vendor_id, plan in plans.items()
    ]
    claim_args = [arg for c in claims for arg in (c[0], c[1], c[2], *c[3])]
    if any(
        row["partner_id"] == rep.organization_id
        for row in await conn.fetch(claims_sql(claims), *ACTIVE, *claim_args)
    ):
        raise HTTPException(status_code=409, detail="duplicate registration")

    years = {
        vendor_id: now.astimezone(ZoneInfo(vendors[vendor_id]["timezone"])).year
        for vendor_id in vendor_ids
    }
    values, args = _values([(vendor_id, year, 1) for vendor_id, year in years.items()])
    numbers = {
        row["vendor_id"]: row["last"]
        for row in await conn.fetch(NEXT_NUMBERS.format(values=values), *args)
    }
    deal = await conn.fetchrow(
        INSERT_DEAL,
        uuid.uuid4(),
        rep.organization_id,
        rep.id,
        rep.id,
        msgspec.to_builtins(data.customer),
        msgspec.to_builtins(data.contact),
        data.opportunity.title,
        data.opportunity.description,
        data.opportunity.expected_close_date,
        data.opportunity.currency,
        data.opportunity.competitors,
    )
    values, args = _values(
        [
            (
                uuid.uuid4(),
                f"{vendors[vendor_id]['code']}-{years[vendor_id]}-{numbers[vendor_id]:06d}",
                deal["id"],
                vendor_id,
                plan.program_id,
                rep.organization_id,
                rep.id,
                "submitted",
                plan.amount,
                data.opportunity.currency,
                data.customer.legal_name,
                data.opportunity.title,
                data.opportunity.expected_close_date,
                domain_key,
                name_key,
                plan.answers,
                False,
            )
            for vendor_id, plan in plans.items()
        ]
    )
    registrations = await conn.fetch(INSERT_REGISTRATIONS.format(values=values), *args)
    await _start_clocks(conn, vendor_ids, registrations)
    by_vendor = {r["vendor_id"]: r for r in registrations}
    lines = [
        LineOut(
            id=uuid.uuid4(),
            registration_id=by_vendor[vendor_id]["id"],
            vendor_id=vendor_id,
            product_id=plan.products[line.sku],
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.quantity * line.unit_price,
        )
        for vendor_id, plan in plans.items()
        for _, line in plan.lines
    ]
    positions = [i for plan in plans.values() for i, _ in plan.lines]
    values, args = _values(
        [
            (
                line.id,
                deal["id"],
                line.registration_id,
                position,
                line.vendor_id,
                line.product_id,
                line.sku,
                line.quantity,
                line.unit_price,
                line.amount,
            )
            for line, position in zip(lines, positions, strict=True)
        ]
    )
    await conn.execute(INSERT_LINES.format(values=values), *args)
    values, args = _values(
        [
            (
                uuid.uuid4(),
                r["id"],
                "submitted",
                rep.id,
                rep.role,
                None,  # from_status
                "submitted",
                None,  # from_stage
                None,  # to_stage
                None,  # reason
                {},
            )
            for r in registrations
        ]
    )
    await conn.execute(INSERT_HISTORY.format(values=values), *args)
    values, args = _values(
        [
            (
                uuid.uuid4(),
                "registration.submitted",
                r["id"],
                r["vendor_id"],
                r["partner_id"],
                {
                    "registration_id": str(r["id"]),
                    "number": r["number"],
                    "deal_id": str(r["deal_id"]),
                    "status": r["status"],
                    "stage": r["stage"],
                    "conflict": r["conflict"],
                    "conflicts_with": [],
                },
            )
            for r in registrations
        ]
    )
    await conn.execute(INSERT_EVENTS.format(values=values), *args)
    ordered = [line for _, line in sorted(zip(positions, lines, strict=True))]
    return deal, ordered, registrations


@post("/v1/deals", status_code=201)
async def create_deal(
    state: State,
    request: Request[Any, Any, Any],
    idempotency_key: Annotated[str, Parameter(header="Idempotency-Key")],
) -> Response[bytes]:
    config: BaselineConfig = state.config
    rep = config.rep
    body = await request.body()
    fingerprint = _fingerprint(body)
    data = msgspec.json.decode(body, type=DealInput)
    async with state.pool.acquire() as conn, conn.transaction():
        # dealreg's unit of work: the key's lock and record first, then the caller's check.
        lock = f"idempotency:{rep.id}:{idempotency_key}"
        if not await conn.fetchval(TRY_IDEMPOTENCY_LOCK, lock):
            raise HTTPException(status_code=409, detail="idempotency key in use")
        found = await conn.fetchrow(
            FIND_IDEMPOTENCY_RECORD, rep.id, idempotency_key, IDEMPOTENCY_RETENTION
        )
        if found is not None:
            # The bench sends a fresh key every time; replaying is dealreg's business.
            raise HTTPException(status_code=409, detail="idempotency key already used")
        await _ensure_current(conn, rep)
        deal, lines, registrations = await _submit(conn, rep, data)
        out = DealOut(
            id=deal["id"],
            created_at=deal["created_at"],
            updated_at=deal["updated_at"],
            version=deal["version"],
            partner_id=deal["partner_id"],
            rep_id=deal["rep_id"],
            customer=msgspec.convert(deal["customer"], Customer),
            contact=msgspec.convert(deal["contact"], Contact),
            opportunity=Opportunity(
                title=deal["title"],
                expected_close_date=deal["expected_close_date"],
                currency=deal["currency"],
                description=deal["description"],
                competitors=list(deal["competitors"]),
            ),
            lines=lines,
            registrations=[_registration_out(r) for r in registrations],
        )
        payload = msgspec.json.encode(out)
        etag = f'"{deal["version"] + sum(r["version"] for r in registrations)}"'
        # The response is kept, as dealreg keeps it, in the transaction of the work.
        await conn.execute(DELETE_IDEMPOTENCY_RECORD, rep.id, idempotency_key)
        await conn.fetchrow(
            INSERT_IDEMPOTENCY_RECORD,
            uuid.uuid4(),
            rep.id,
            idempotency_key,
            fingerprint,
            201,
            [list(pair) for pair in zip(KEPT_HEADERS, ("application/json", etag), strict=True)],
            payload,
        )
    return Response(payload, status_code=201, media_type="application/json", headers={"ETag": etag})


@get("/v1/registrations")
async def list_registrations(
    state: State, limit: Annotated[int, Parameter(ge=1, le=200)] = 50
) -> RegistrationList:
    config: BaselineConfig = state.config
    async with state.pool.acquire() as conn, conn.transaction():
        await _ensure_current(conn, config.approver)
        rows = await conn.fetch(LIST_REGISTRATIONS, config.approver.organization_id, limit + 1)
    items = [_registration_out(row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        # dealreg's cursor: [created_at, id, by_change] of the last row, JSON, base64url.
        key = msgspec.json.encode((items[-1].created_at, items[-1].id, False))
        next_cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    return RegistrationList(items=items, next_cursor=next_cursor)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # asyncpg hands jsonb over as text; decode it, as SQLAlchemy does for dealreg.
    await conn.set_type_codec(
        "jsonb",
        schema="pg_catalog",
        encoder=lambda value: msgspec.json.encode(value).decode(),
        decoder=msgspec.json.decode,
    )


async def _keep_session(conn: asyncpg.Connection) -> None:
    """No reset query on release: asyncpg's default (`SELECT pg_advisory_unlock_all(); CLOSE
    ALL; UNLISTEN *; RESET ALL`) is a round trip per request that SQLAlchemy's pool, which only
    rolls back an open transaction, does not make. The handlers leave nothing to reset: no
    session locks, cursors, LISTEN or SET."""


def create_app() -> Litestar:
    """The factory granian calls in its worker; the configuration is read there, not at import."""
    config = msgspec.json.decode(os.environ[CONFIG_ENV], type=BaselineConfig)

    async def open_pool(app: Litestar) -> None:
        app.state.pool = await asyncpg.create_pool(
            config.dsn,
            min_size=1,
            max_size=config.max_connections,
            init=_init_connection,
            reset=_keep_session,
        )

    async def close_pool(app: Litestar) -> None:
        await app.state.pool.close()

    return Litestar(
        route_handlers=[
            health,
            me,
            list_programs,
            create_organization,
            create_deal,
            list_registrations,
        ],
        # The same compression as dealreg's app, so a client sending Accept-Encoding: gzip
        # costs both servers the same.
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024),
        openapi_config=None,
        state=State({"config": config}),
        on_startup=[open_pool],
        on_shutdown=[close_pool],
        debug=False,
    )


if __name__ == "__main__":
    from granian import Granian
    from granian.constants import Interfaces

    parser = argparse.ArgumentParser(description="Serve the raw baseline on granian.")
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    # The arguments `dealreg serve` gives granian (src/dealreg/cli.py), one worker.
    Granian(
        target="baseline_app:create_app",
        factory=True,
        interface=Interfaces.ASGI,
        address="127.0.0.1",
        port=port,
        workers=1,
        log_access=False,
    ).serve()
