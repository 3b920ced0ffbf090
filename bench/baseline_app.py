"""The raw baseline of bench/run.py: what each benchmarked request costs at the least.

A bare Litestar app whose handlers run the SQL dealreg's do with raw asyncpg (one pool) and
return the same JSON shapes, without ORM, DI or middleware. It is served by granian with the
settings `dealreg serve` uses, so dealreg's figures can be printed as a ratio of these and
compared across machines.

    BENCH_BASELINE_CONFIG='{…}' PYTHONPATH=bench python bench/baseline_app.py --port 8001

Every handler authenticates its caller as dealreg does: it verifies the bearer token (joserfc,
ES256, dealreg's key, issuer and audience, the same header and claim checks) and acts for the
user it names, after the holder check that refuses a stale token (the user still active, in the
same organization and role, holding the token's scopes, the token issued after
`tokens_valid_after`). That check's user row is the one /v1/me answers with, as dealreg's.

The first scenarios (/v1/me, /v1/programs, POST /v1/organizations) send the holder check and
their route's own statements. The deal and registration routes send every statement dealreg
sends for them, in dealreg's order and as dealreg does (a deal in one transaction, a list's
statements each in a transaction of its own): the holder check, and for a POST the
Idempotency-Key lock, look-up and record (its body sealed as dealreg seals it), the incentive
plans in force, the partner's offers, the SLA clocks of the new registrations, everything
(checked against the statements of a dealreg request). The ratio then shows what dealreg's own
layers (Litestar's DI and guards, SQLAlchemy, the unit of work) cost, not a difference in work.
The rules of a deal are checked as plainly as they can be; the request body is validated by
dealreg's own msgspec types, and customer keys and SLA calendars are computed by its own
functions: the same work, not a copy that could drift. When dealreg's SQL for these routes
changes, this file must follow: check_same_shape catches a changed response, and
tests/bench/test_scenarios.py a request that fails or writes other rows
than dealreg's, not a changed statement.
"""

import argparse
import base64
import hashlib
import json
import os
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import asyncpg
import msgspec
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet
from litestar import Litestar, Request, Response, get, post
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.params import HeaderParameter, Parameter

from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.orgs.models import Role
from dealreg.orgs.programs import AutoApproveRule, ExtraField
from dealreg.registrations import customers
from dealreg.registrations.schemas import Contact, Customer, DealInput, LineInput, Opportunity
from dealreg.registrations.service import OpenQuestion
from dealreg.sealing import Sealer
from dealreg.sla import clocks
from dealreg.sla.models import ClockState, SlaClock, Threshold
from dealreg.sla.service import SlaSummary, summary_of

CONFIG_ENV = "BENCH_BASELINE_CONFIG"


class BaselineConfig(msgspec.Struct, frozen=True, kw_only=True):
    """What bench/run.py hands the baseline, as JSON in `BENCH_BASELINE_CONFIG`."""

    dsn: str  # postgresql://… as asyncpg takes it
    max_connections: int
    # dealreg's signing key (a private JWK file), and the issuer and audience its tokens name.
    signing_key_path: str
    issuer: str
    audience: str


# The token checks of dealreg's auth/tokens.py, written out against joserfc.
ALGORITHM = "ES256"
TOKEN_TYPES = ("at+jwt", "application/at+jwt")
CLOCK_LEEWAY_SECONDS = 30


class Claims(msgspec.Struct, frozen=True):
    iss: str
    sub: uuid.UUID
    aud: str | list[str]
    exp: int
    iat: int
    jti: str
    client_id: str
    scope: str
    roles: list[Role]
    org: uuid.UUID
    org_kind: str
    sub_kind: Literal["user", "client"]
    nbf: int | None = None
    sid: uuid.UUID | None = None


class Caller(msgspec.Struct, frozen=True, kw_only=True):
    """The user a verified token names."""

    id: uuid.UUID
    organization_id: uuid.UUID
    role: Role
    scopes: frozenset[str]
    issued_at: int


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
    employees: int | None
    annual_revenue_band: str | None


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
    registration_discount_bp: int


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
    standard_discount_bp: int
    offer_discount_bp: int
    discount_bp: int
    offer_id: uuid.UUID | None
    approver_id: uuid.UUID | None
    decided_by: str | None
    decided_by_id: uuid.UUID | None
    decided_by_rule: str | None
    decision_code: str | None
    decision_note: str | None
    submitted_at: datetime
    decided_at: datetime | None
    approved_at: datetime | None
    expires_at: datetime | None
    extensions_granted: int
    extension_pending: bool


class RegistrationRow(RegistrationOut, kw_only=True):
    """dealreg's list row: the registration with its clock's summary and open question."""

    sla: SlaSummary | None
    open_question: OpenQuestion | None


class RegistrationList(msgspec.Struct):
    items: list[RegistrationRow]
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
    SELECT id, created_at, updated_at, version, kind, name, code, country, timezone, employees,
           annual_revenue_band
    FROM organizations WHERE id = $1
"""
PROGRAMS_OF_VENDOR = """
    SELECT id, created_at, updated_at, version, vendor_id, name, description, currency,
           protection_days, extension_days, max_extensions, minimum_deal_amount, extra_fields,
           auto_approve_rules, active, registration_discount_bp
    FROM programs WHERE vendor_id = $1 ORDER BY created_at, id LIMIT $2
"""
INSERT_ORGANIZATION = """
    INSERT INTO organizations (id, kind, name, country, code, timezone)
    VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id, created_at, updated_at, version, kind, name, code, country, timezone,
              employees, annual_revenue_band
"""

# What dealreg sends for the deal and registration routes, statement for statement (read from
# PostgreSQL's log of a dealreg request: log_statement = all). Where dealreg's statement has one
# placeholder per item of a list, so have these (see `_params`).
CURRENT_USER = """
    SELECT id, organization_id, email, name, role, active, tokens_valid_after
    FROM users WHERE id = $1
"""
TRY_IDEMPOTENCY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))"
FIND_IDEMPOTENCY_RECORD = """
    SELECT id, caller_id, key, fingerprint, status, headers, body, created_at
    FROM idempotency_records
    WHERE caller_id = $1 AND key = $2 AND created_at > now() - $3::interval
"""
# dealreg's idempotency/repository.py `_UPSERT`: an expired record of the key gives way.
INSERT_IDEMPOTENCY_RECORD = """
    INSERT INTO idempotency_records (id, caller_id, key, fingerprint, status, headers, body)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (caller_id, key) DO UPDATE SET id = EXCLUDED.id,
        fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status,
        headers = EXCLUDED.headers, body = EXCLUDED.body, created_at = EXCLUDED.created_at
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
           programs.registration_discount_bp, products.id AS product_id, products.sku
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
# dealreg's registrations/repository.py `_numbering`: each vendor's next number in its year,
# given to its registration inserted under a provisional one, late in the deal (the counter row
# stays locked until the commit).
NUMBER_REGISTRATIONS = """
    WITH taken AS (
        INSERT INTO registration_counters (vendor_id, year, last)
        SELECT vendor_id, year, 1 FROM unnest($1::uuid[], $2::integer[]) AS w(vendor_id, year)
        ON CONFLICT (vendor_id, year) DO UPDATE SET last = registration_counters.last + 1
        RETURNING registration_counters.vendor_id, registration_counters.last
    )
    UPDATE registrations
    SET number = named.number || lpad(taken.last::text, greatest(6, length(taken.last::text)), '0'),
        updated_at = registrations.updated_at
    FROM unnest($3::uuid[], $4::uuid[], $5::text[]) AS named(id, vendor_id, number), taken
    WHERE registrations.id = named.id AND taken.vendor_id = named.vendor_id
    RETURNING registrations.*
"""
INSERT_DEAL = """
    INSERT INTO deals (id, partner_id, rep_id, submitted_by, customer, contact, title,
                       description, expected_close_date, currency, competitors)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    RETURNING id, partner_id, rep_id, submitted_by, customer, contact, title, description,
              expected_close_date, currency, competitors, created_at, updated_at, version
"""
# The newest version of each program's incentive plan: what a new registration earns by.
PLANS_IN_FORCE = """
    SELECT DISTINCT ON (program_id) program_id, id FROM incentive_plans
    WHERE program_id IN ({programs})
    ORDER BY program_id, version DESC
"""
# The partner's offers holding for each vendor's registration, every vendor of the deal in one
# statement (engagement/offer_repository.py holding_for_vendors): `holding_offers_sql`.
HOLDING_OFFERS = """
    SELECT vendor_id, id, discount_bp FROM partner_offers
    WHERE partner_id = $1 AND revoked_at IS NULL AND valid_until > $2
      AND registrations_used < registrations_allowed AND ({vendors})
    ORDER BY vendor_id, discount_bp DESC, valid_until, created_at, id
"""
# A registration's whole discount, standard and offer together (registrations/vendor_plans.py).
MAX_DISCOUNT_BP = 10_000
INSERT_REGISTRATIONS = """
    INSERT INTO registrations (id, number, deal_id, vendor_id, program_id, partner_id, rep_id,
                               status, amount, currency, customer_name, title,
                               expected_close_date, customer_domain_key, customer_name_key,
                               answers, incentive_plan_id, conflict)
    VALUES {values}
    RETURNING id, number, deal_id, vendor_id, program_id, partner_id, rep_id, status, stage,
              amount, currency, customer_name, title, expected_close_date, customer_domain_key,
              customer_name_key, answers, incentive_plan_id, conflict, standard_discount_bp,
              offer_discount_bp, discount_bp, offer_id, approver_id, decided_by,
              decided_by_id, decided_by_rule, decision_code, decision_note, submitted_at,
              decided_at, approved_at, expires_at, extensions_granted, extension_pending,
              expiry_reminded_for, created_at, updated_at, version
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
    INSERT INTO sla_clocks (registration_id, vendor_id, partner_id, program_id, approver_id,
                            decided, decided_by_id, breached, calendar, target_minutes,
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
# The columns dealreg lists registrations with (registrations/repository.py LIST_COLUMNS: not the
# answers, the customer's match keys nor the plan in force), the vendor's visibility, and its
# keyset order; one row beyond the page says whether another follows.
LIST_REGISTRATIONS = """
    SELECT registrations.id, registrations.number, registrations.deal_id,
           registrations.vendor_id, registrations.program_id, registrations.partner_id,
           registrations.rep_id, registrations.status, registrations.stage, registrations.amount,
           registrations.currency, registrations.customer_name, registrations.title,
           registrations.expected_close_date, registrations.conflict,
           registrations.standard_discount_bp, registrations.offer_discount_bp,
           registrations.offer_id, registrations.discount_bp, registrations.approver_id,
           registrations.decided_by, registrations.decided_by_id, registrations.decided_by_rule,
           registrations.decision_code, registrations.decision_note,
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
# The response headers dealreg's idempotency record keeps (and replays), in its order.
KEPT_HEADERS = ("etag", "content-type")


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/v1/me")
async def me(state: State, request: Request[Any, Any, Any]) -> MeOut:
    caller = _authenticate(state, request)
    # The holder check's row is the user answered with: two round trips, on one connection.
    async with state.pool.acquire() as conn:
        user = await _ensure_current(conn, caller)
        org = await conn.fetchrow(ORGANIZATION_BY_ID, caller.organization_id)
    return MeOut(
        kind="user",
        id=user["id"],
        role=user["role"],
        scopes=sorted(caller.scopes),
        organization=OrganizationOut(**org),
        email=user["email"],
        name=user["name"],
    )


@get("/v1/programs")
async def list_programs(
    state: State,
    request: Request[Any, Any, Any],
    limit: Annotated[int, Parameter(ge=1, le=200)] = 50,
) -> ProgramList:
    caller = _authenticate(state, request)
    # A vendor admin lists its own vendor's programs. One row more than the page tells whether
    # there is a next page, as dealreg's keyset does.
    async with state.pool.acquire() as conn:
        await _ensure_current(conn, caller)
        rows = await conn.fetch(PROGRAMS_OF_VENDOR, caller.organization_id, limit + 1)
    items = [ProgramOut(**row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        # dealreg's cursor: the last row's (created_at, id) as a JSON array, base64url.
        key = msgspec.json.encode((items[-1].created_at, items[-1].id))
        next_cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    return ProgramList(items=items, next_cursor=next_cursor)


@post("/v1/organizations")
async def create_organization(
    state: State, request: Request[Any, Any, Any], data: OrganizationCreate
) -> OrganizationOut:
    caller = _authenticate(state, request)
    # The holder check, then one statement in autocommit: the least a create can cost. The
    # bench sends unique names, so the unique index never fires (a violation would be a 500).
    async with state.pool.acquire() as conn:
        await _ensure_current(conn, caller)
        row = await conn.fetchrow(
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


def holding_offers_sql(vendors: int) -> str:
    """HOLDING_OFFERS for `vendors` vendors: each a vendor id and the SKUs on its registration,
    bound from $3 on."""
    terms = " OR ".join(
        f"(vendor_id = ${3 + 2 * i} AND (skus IS NULL OR skus @> ${4 + 2 * i}::text[]))"
        for i in range(vendors)
    )
    return HOLDING_OFFERS.format(vendors=terms)


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


def _unauthenticated(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail)


def _authenticate(state: State, request: Request[Any, Any, Any]) -> Caller:
    """The user the request's bearer token names, verified as dealreg verifies it."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthenticated("a bearer token is required")
    try:
        decoded = jwt.decode(token.strip(), state.jwks, algorithms=[ALGORITHM])
    except (JoseError, ValueError) as exc:
        raise _unauthenticated("the token is not valid") from exc
    if decoded.header.get("typ", "").lower() not in TOKEN_TYPES:
        raise _unauthenticated("the token is not an access token")
    if decoded.header.get("kid") != state.kid:
        raise _unauthenticated("the token was not signed by this issuer's key")
    try:
        state.claims_registry.validate(decoded.claims)
        claims = msgspec.convert(decoded.claims, Claims)
    except (JoseError, msgspec.ValidationError) as exc:
        raise _unauthenticated("the token is not valid here") from exc
    if len(claims.roles) != 1:
        raise _unauthenticated("the token must carry exactly one role")
    if claims.sub_kind != "user" or claims.sid is not None:
        # dealreg also serves machine clients and checks a sign-in session is live; the bench
        # sends neither, and the baseline does not do that work.
        raise HTTPException(status_code=501, detail="only plain user tokens in the baseline")
    return Caller(
        id=claims.sub,
        organization_id=claims.org,
        role=claims.roles[0],
        scopes=frozenset(claims.scope.split()),
        issued_at=claims.iat,
    )


async def _ensure_current(conn: asyncpg.Connection, caller: Caller) -> asyncpg.Record:
    """dealreg's holder check (auth/service.py ensure_current): the token's user is still active,
    in the same organization and role, still holds the token's scopes, and was not disabled
    since the token was issued. Returns the user's row."""
    user = await conn.fetchrow(CURRENT_USER, caller.id)
    if (
        user is None
        or not user["active"]
        or user["organization_id"] != caller.organization_id
        or user["role"] != caller.role.value
        or not caller.scopes <= ROLE_SCOPES[caller.role]
        or (
            user["tokens_valid_after"] is not None
            and caller.issued_at < int(user["tokens_valid_after"].timestamp())
        )
    ):
        raise _unauthenticated("the holder of this token is no longer current")
    return user


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


# What a list's SLA summaries are worked out from (sla/repository.py summary_rows).
PAGE_CLOCKS = """
    SELECT registration_id, calendar, target_minutes, hard_limit_minutes, state, started_at,
           elapsed_us, running_since, pauses, paused_since, stopped_at, next_threshold,
           next_due_at
    FROM sla_clocks WHERE registration_id = ANY($1::uuid[])
"""
OPEN_QUESTIONS = """
    SELECT DISTINCT ON (registration_id) registration_id, reason AS question, at
    FROM registration_history
    WHERE registration_id = ANY($1::uuid[]) AND to_status = $2
    ORDER BY registration_id, at DESC
"""


def _clock(row: asyncpg.Record) -> SlaClock:
    """A clock row as dealreg's model (its summary is worked out by dealreg's own function)."""
    values = dict(row)
    values["state"] = ClockState(values["state"])
    threshold = values["next_threshold"]
    values["next_threshold"] = Threshold(threshold) if threshold is not None else None
    return SlaClock(**values)


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
        # The holidays of the submission's year and the next are kept with the clock.
        year = r["submitted_at"].year
        calendar = policy.calendar(vendor["timezone"]).with_holidays_frozen((year, year + 1))
        target = policy.minutes(policy.target_days)
        # The first threshold, the reminder, falls due at half the target, in business time.
        reminder = timedelta(microseconds=target // 2 * 60_000_000)
        rows.append(
            (
                r["id"],
                vendor["id"],
                r["partner_id"],
                r["program_id"],
                r["approver_id"],
                False,  # decided
                None,  # decided_by_id
                False,  # breached
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
    standard_discount_bp: int = 0


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
        plan.standard_discount_bp = program["registration_discount_bp"]
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
    conn: asyncpg.Connection, rep: Caller, data: DealInput
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
    program_ids = [plan.program_id for plan in plans.values()]
    in_force = dict(
        await conn.fetch(PLANS_IN_FORCE.format(programs=_params(1, len(program_ids))), *program_ids)
    )
    # The offers that would hold for each registration taking one (room left above its standard
    # discount), in dealreg's one statement; the bench grants none.
    offered = sorted(v for v, plan in plans.items() if plan.standard_discount_bp < MAX_DISCOUNT_BP)
    if offered:
        offer_args = [
            arg
            for vendor_id in offered
            for arg in (vendor_id, sorted({line.sku for _, line in plans[vendor_id].lines}))
        ]
        holding = await conn.fetch(
            holding_offers_sql(len(offered)), rep.organization_id, now, *offer_args
        )
        if holding:
            # dealreg would take a use of the best one; the baseline does not do that work.
            raise HTTPException(status_code=501, detail="offers are not in the baseline")
    registration_ids = {vendor_id: uuid.uuid4() for vendor_id in plans}
    values, args = _values(
        [
            (
                registration_ids[vendor_id],
                f"~{registration_ids[vendor_id].hex}",
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
                in_force.get(plan.program_id),
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
                rep.role.value,
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
    by_vendor = {r["vendor_id"]: r for r in registrations}
    numbering = sorted(by_vendor)
    numbered = {
        row["id"]: row
        for row in await conn.fetch(
            NUMBER_REGISTRATIONS,
            numbering,
            [years[vendor_id] for vendor_id in numbering],
            [by_vendor[vendor_id]["id"] for vendor_id in numbering],
            numbering,
            [f"{vendors[vendor_id]['code']}-{years[vendor_id]}-" for vendor_id in numbering],
        )
    }
    registrations = [numbered[r["id"]] for r in registrations]
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
    idempotency_key: Annotated[str, HeaderParameter(name="Idempotency-Key")],
) -> Response[bytes]:
    rep = _authenticate(state, request)
    body = await request.body()
    fingerprint = _fingerprint(body)
    data = msgspec.json.decode(body, type=DealInput)
    async with state.pool.acquire() as conn, conn.transaction():
        # dealreg's unit of work: the caller's check first, then the key's lock and record.
        await _ensure_current(conn, rep)
        lock = f"idempotency:{rep.id}:{idempotency_key}"
        if not await conn.fetchval(TRY_IDEMPOTENCY_LOCK, lock):
            raise HTTPException(status_code=409, detail="idempotency key in use")
        found = await conn.fetchrow(
            FIND_IDEMPOTENCY_RECORD, rep.id, idempotency_key, IDEMPOTENCY_RETENTION
        )
        if found is not None:
            # The bench sends a fresh key every time; replaying is dealreg's business.
            raise HTTPException(status_code=409, detail="idempotency key already used")
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
        await conn.execute(
            INSERT_IDEMPOTENCY_RECORD,
            uuid.uuid4(),
            rep.id,
            idempotency_key,
            fingerprint,
            201,
            [list(pair) for pair in zip(KEPT_HEADERS, (etag, "application/json"), strict=True)],
            # Sealed to this caller and key, as dealreg keeps it (sealing.py).
            state.sealer.seal(payload, rep.id.bytes + idempotency_key.encode()),
        )
    return Response(payload, status_code=201, media_type="application/json", headers={"ETag": etag})


@get("/v1/registrations")
async def list_registrations(
    state: State,
    request: Request[Any, Any, Any],
    limit: Annotated[int, Parameter(ge=1, le=200)] = 50,
) -> RegistrationList:
    # A vendor approver lists what is addressed to its vendor.
    approver = _authenticate(state, request)
    # Each statement in a transaction of its own, as dealreg reads (api/unit_of_work.py
    # READS_ONLY): no BEGIN and COMMIT.
    async with state.pool.acquire() as conn:
        await _ensure_current(conn, approver)
        rows = await conn.fetch(LIST_REGISTRATIONS, approver.organization_id, limit + 1)
        page = rows[:limit]
        # The rows' clocks and open questions, for the whole page at once, as dealreg reads them.
        clock_rows = await conn.fetch(PAGE_CLOCKS, [row["id"] for row in page])
        waiting = [row["id"] for row in page if row["status"] == "info_requested"]
        asked = await conn.fetch(OPEN_QUESTIONS, waiting, "info_requested") if waiting else []
    now = datetime.now(UTC)
    summaries = {row["registration_id"]: summary_of(_clock(row), now) for row in clock_rows}
    questions = {
        row["registration_id"]: OpenQuestion(row["question"] or "", row["at"]) for row in asked
    }
    items = [
        RegistrationRow(
            **msgspec.structs.asdict(_registration_out(row)),
            sla=summaries.get(row["id"]),
            open_question=questions.get(row["id"]),
        )
        for row in page
    ]
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
    # dealreg's key file, read as auth/keys.py reads it (bench/run.py has it created first).
    with open(config.signing_key_path) as key_file:
        key = ECKey.import_key(json.load(key_file))
    if not key.kid:
        key.ensure_kid()
    claims_registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_LEEWAY_SECONDS,
        iss={"essential": True, "value": config.issuer},
        aud={"essential": True, "value": config.audience},
        exp={"essential": True},
        iat={"essential": True},
        sub={"essential": True},
    )

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
        state=State(
            {
                "config": config,
                "jwks": KeySet([key]),
                "kid": key.kid,
                "claims_registry": claims_registry,
                "sealer": Sealer.from_signing_key(key),
            }
        ),
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
