"""All SQL of deals and registrations.

Reads are scoped to what the caller may see (another tenant's row is never loaded). The hot paths
(submitting a deal, listing registrations) are Core statements with few round trips, read
straight into rows; the rules that need objects load ORM entities.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Literal, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    Update,
    and_,
    any_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID, distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import as_columns, contains_pattern, contains_text, table_of, unnested
from dealreg.orgs.models import (
    Organization,
    OrgKind,
    Partnership,
    Product,
    Program,
    Role,
    User,
)
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, fetch_page, horizon, page_of
from dealreg.registrations.models import (
    ACTIVE,
    Deal,
    DealLine,
    ExtensionRequest,
    ExtensionStatus,
    Registration,
    RegistrationConflict,
    RegistrationCounter,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)

# --- visibility --------------------------------------------------------------------------------


def _sees_all_of_partner(actor: Principal) -> bool:
    return actor.role is Role.partner_admin


# Which registrations a caller sees, by what it is: the branch `_visibility` takes.
SeenAs = Literal["all", "vendor", "partner", "rep", "client"]


def _seen_as(actor: Principal) -> SeenAs:
    if actor.is_platform:
        return "all"
    if actor.org_kind is OrgKind.vendor:
        return "vendor"
    if _sees_all_of_partner(actor):
        return "partner"
    return "rep" if actor.kind == "user" else "client"


def _visibility(
    seen_as: SeenAs, registrations: Any, deals: Any, org: Any, subject: Any
) -> ColumnElement[bool]:
    """`visible_registrations` over `registrations` and `deals` (the mapped classes, or their
    tables' columns), comparing with `org` and `subject` (values, or bound parameters)."""
    if seen_as == "all":
        return true()
    if seen_as == "vendor":
        return registrations.vendor_id == org  # type: ignore[no-any-return]
    own = registrations.partner_id == org
    if seen_as == "partner":
        return own  # type: ignore[no-any-return]
    if seen_as == "rep":
        return and_(own, registrations.rep_id == subject)
    sent = select(deals.id).where(deals.submitted_by == subject)
    return and_(own, registrations.deal_id.in_(sent))


def visible_registrations(actor: Principal) -> ColumnElement[bool]:
    """A vendor sees what is addressed to it; a partner admin all of its partner's; a rep their
    own (a partner's rep-level machine client, the deals it sent); the platform everything."""
    return _visibility(_seen_as(actor), Registration, Deal, actor.organization_id, actor.subject_id)


def visible_deals(actor: Principal) -> ColumnElement[bool]:
    if actor.is_platform:
        return true()
    if actor.org_kind is OrgKind.vendor:
        return exists().where(
            Registration.deal_id == Deal.id, Registration.vendor_id == actor.organization_id
        )
    own = Deal.partner_id == actor.organization_id
    if _sees_all_of_partner(actor):
        return own
    if actor.kind == "user":
        return and_(own, Deal.rep_id == actor.subject_id)
    return and_(own, Deal.submitted_by == actor.subject_id)


def visible_lines(actor: Principal) -> ColumnElement[bool]:
    """Lines of a visible deal a caller may read: a vendor never sees another vendor's."""
    if actor.org_kind is OrgKind.vendor:
        return DealLine.vendor_id == actor.organization_id
    return true()


# --- submitting --------------------------------------------------------------------------------


async def vendors_of_partner(
    session: AsyncSession, partner_id: uuid.UUID, vendor_ids: Iterable[uuid.UUID]
) -> Sequence[Any]:
    """The named organizations that are vendors, with the partner's enrolment with each (null
    status when there is none)."""
    stmt = (
        select(
            Organization.id,
            Organization.name,
            Organization.code,
            Organization.timezone,
            Partnership.status.label("partnership_status"),
            Partnership.tier,
        )
        .outerjoin(
            Partnership,
            and_(Partnership.vendor_id == Organization.id, Partnership.partner_id == partner_id),
        )
        .where(Organization.id.in_(list(vendor_ids)), Organization.kind == OrgKind.vendor)
    )
    return (await session.execute(stmt)).all()


async def catalogue(
    session: AsyncSession, vendor_ids: Iterable[uuid.UUID], skus: Iterable[str]
) -> Sequence[Any]:
    """Every active program of the vendors with its terms, once per active product of it with
    one of `skus` (once with a null product when it has none of them)."""
    stmt = (
        select(
            Program.id.label("program_id"),
            Program.vendor_id,
            Program.name.label("program_name"),
            Program.currency,
            Program.minimum_deal_amount,
            Program.extra_fields,
            Program.auto_approve_rules,
            Program.protection_days,
            Program.registration_discount_bp,
            Product.id.label("product_id"),
            Product.sku,
        )
        .outerjoin(
            Product,
            and_(
                Product.program_id == Program.id,
                Product.active.is_(True),
                Product.sku.in_(list(skus)),
            ),
        )
        .where(Program.vendor_id.in_(list(vendor_ids)), Program.active.is_(True))
    )
    return (await session.execute(stmt)).all()


async def partner_user(
    session: AsyncSession, partner_id: uuid.UUID, user_id: uuid.UUID
) -> User | None:
    stmt = select(User).where(
        User.id == user_id,
        User.organization_id == partner_id,
        User.active.is_(True),
        User.role.in_((Role.partner_rep, Role.partner_admin)),
    )
    return (await session.scalars(stmt)).one_or_none()


async def lock_customers(session: AsyncSession, keys: Iterable[str]) -> None:
    """Serialise submissions for the same customer at the same vendor until the transaction
    ends, so two racing duplicates cannot both miss each other. Locks are taken in one order,
    so two transactions wanting the same ones cannot deadlock."""
    await session.execute(
        text(
            "SELECT pg_advisory_xact_lock(hashtextextended(k, 0))"
            " FROM (SELECT DISTINCT k FROM unnest(CAST(:keys AS text[])) AS k ORDER BY k) AS s"
        ),
        {"keys": sorted(set(keys))},
    )


class CustomerClaim:
    """What a new registration claims: a customer at a vendor, for some products."""

    def __init__(
        self,
        vendor_id: uuid.UUID,
        domain_key: str | None,
        name_key: str,
        product_ids: Iterable[uuid.UUID],
    ) -> None:
        self.vendor_id = vendor_id
        self.domain_key = domain_key
        self.name_key = name_key
        self.product_ids = list(product_ids)

    def matches(self) -> ColumnElement[bool]:
        # The same customer: the same registrable domain when both sides know it; otherwise the
        # same normalised name in the same country.
        same_name = Registration.customer_name_key == self.name_key
        if self.domain_key is not None:
            same_customer = or_(
                Registration.customer_domain_key == self.domain_key,
                and_(Registration.customer_domain_key.is_(None), same_name),
            )
        else:
            same_customer = same_name
        overlapping = exists().where(
            DealLine.registration_id == Registration.id,
            DealLine.product_id.in_(self.product_ids),
        )
        return and_(Registration.vendor_id == self.vendor_id, same_customer, overlapping)


async def claims_on(session: AsyncSession, claims: Sequence[CustomerClaim]) -> Sequence[Any]:
    """The active registrations that already claim what `claims` claim."""
    if not claims:
        return []
    stmt = select(
        Registration.id,
        Registration.number,
        Registration.vendor_id,
        Registration.partner_id,
        Registration.rep_id,
        Registration.status,
    ).where(Registration.status.in_(ACTIVE), or_(*(claim.matches() for claim in claims)))
    return (await session.execute(stmt.order_by(Registration.created_at))).all()


def provisional_number(registration_id: uuid.UUID) -> str:
    """What a registration is numbered until `number` gives it its vendor's next (unique, and
    never seen outside the transaction that inserted it)."""
    return f"~{registration_id.hex}"


def _numbering() -> Update:
    """Take the next number of each vendor in its year and give it to its new registration, in
    one statement: the counter row stays locked until the transaction ends (numbers run without
    gaps or repeats), so every other deal of the vendor waits from here to the commit. Counter
    rows are locked in the order given (vendor order), so two deals naming the same vendors in
    another order cannot deadlock."""
    counters = table_of(RegistrationCounter)
    registrations = table_of(Registration)
    wanted = unnested(counters, ["vendor_id", "year"])
    taken = (
        pg_insert(counters)
        .from_select(["vendor_id", "year", "last"], wanted.add_columns(literal(1)))
        .on_conflict_do_update(
            index_elements=[counters.c.vendor_id, counters.c.year],
            set_={"last": counters.c.last + 1},
        )
        .returning(counters.c.vendor_id, counters.c.last)
        .cte("taken")
    )
    # The number's prefix (vendor code and year) per registration; the serial at least 6 digits.
    named = unnested(registrations, ["id", "vendor_id", "number"]).subquery("named")
    serial = cast(taken.c.last, Text)
    return (
        update(registrations)
        .add_cte(taken)
        .where(
            registrations.c.id == named.c.id,
            taken.c.vendor_id == named.c.vendor_id,
        )
        # Numbered as part of its creation, not changed: `updated_at` stays its creation's.
        .values(
            number=named.c.number + func.lpad(serial, func.greatest(6, func.length(serial)), "0"),
            updated_at=registrations.c.updated_at,
        )
        .returning(*registrations.c)
    )


_NUMBERING = _numbering()


async def number(
    session: AsyncSession,
    registrations: Sequence[Any],
    prefixes: dict[uuid.UUID, str],
    years: dict[uuid.UUID, int],
) -> Sequence[Any]:
    """Give each new registration (one per vendor, inserted with its provisional number) the
    next number of its vendor in the vendor's year of `years`: its vendor's prefix of `prefixes`
    and the serial. Every column of each, as stored, in no particular order."""
    by_vendor = sorted(registrations, key=lambda r: r.vendor_id)
    params = as_columns(
        [{"vendor_id": r.vendor_id, "year": years[r.vendor_id]} for r in by_vendor]
    ) | as_columns(
        [{"id": r.id, "vendor_id": r.vendor_id, "number": prefixes[r.vendor_id]} for r in by_vendor]
    )
    return (await session.execute(_NUMBERING, params)).all()


# --- reading -----------------------------------------------------------------------------------

REGISTRATION_COLUMNS = [
    column for column in table_of(Registration).c if column.key not in {"expiry_reminded_for"}
]
# What a list shows of each (registrations/responses.py RegistrationOut): not the answers, a
# JSON document decoded for every row, nor the customer's match keys or the plan in force.
LIST_COLUMNS = [
    column
    for column in REGISTRATION_COLUMNS
    if column.key
    not in {"answers", "customer_domain_key", "customer_name_key", "incentive_plan_id"}
]


async def get_deal(session: AsyncSession, actor: Principal, deal_id: uuid.UUID) -> Deal | None:
    stmt = select(Deal).where(Deal.id == deal_id, visible_deals(actor))
    return (await session.scalars(stmt)).one_or_none()


async def lines_of_deals(
    session: AsyncSession, actor: Principal, deal_ids: Sequence[uuid.UUID]
) -> Sequence[Any]:
    stmt = (
        select(table_of(DealLine))
        .where(DealLine.deal_id.in_(deal_ids), visible_lines(actor))
        .order_by(DealLine.deal_id, DealLine.position)
    )
    return (await session.execute(stmt)).all()


async def registrations_of_deals(
    session: AsyncSession, actor: Principal, deal_ids: Sequence[uuid.UUID]
) -> Sequence[Any]:
    stmt = (
        select(*REGISTRATION_COLUMNS)
        .where(Registration.deal_id.in_(deal_ids), visible_registrations(actor))
        .order_by(Registration.created_at, Registration.id)
    )
    return (await session.execute(stmt)).all()


async def list_deals(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID | None,
    rep_id: uuid.UUID | None,
    search: str | None,
    page: PageRequest,
) -> Page[Deal]:
    stmt = select(Deal).where(visible_deals(actor))
    if search is not None:
        stmt = stmt.where(contains_text(search, Deal.title))
    if partner_id is not None:
        stmt = stmt.where(Deal.partner_id == partner_id)
    if rep_id is not None:
        stmt = stmt.where(Deal.rep_id == rep_id)
    return await fetch_page(session, stmt, Deal, page)


async def get_registration(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID, *, for_update: bool
) -> Registration | None:
    stmt = select(Registration).where(
        Registration.id == registration_id, visible_registrations(actor)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Registration)
    return (await session.scalars(stmt)).one_or_none()


class _ListShape(NamedTuple):
    """What a registrations list's statement looks like, whatever the values it compares with."""

    seen_as: SeenAs
    search: bool
    statuses: bool
    filters: tuple[str, ...]  # the columns compared for equality, by name
    expiring: bool
    after: bool  # continues after a page's key
    by_change: bool  # in the order of change (a delta sync)
    since: bool  # a delta sync's first page


@cache
def _list_statement(shape: _ListShape) -> tuple[Select[Any], frozenset[str]]:
    """The statement of every list of `shape`, built once with bound parameters
    (`list_registrations` gives their values), and the names of those parameters: building it
    per request with the ORM's attributes, and running it through the ORM, was a tenth of a
    list's CPU (issue #22). The same clauses as visible_registrations and pagination.paginate."""
    stmt = _build_list_statement(shape)
    return stmt, frozenset(stmt.compile().params)


def _build_list_statement(shape: _ListShape) -> Select[Any]:
    c, deals = table_of(Registration).c, table_of(Deal).c
    stmt = select(*LIST_COLUMNS).where(
        _visibility(shape.seen_as, c, deals, bindparam("org"), bindparam("subject"))
    )
    if shape.search:
        stmt = stmt.where(
            or_(
                *(
                    column.ilike(bindparam("pattern"), escape="\\")
                    for column in (c.number, c.customer_name)
                )
            )
        )
    if shape.statuses:
        stmt = stmt.where(c.status.in_(bindparam("statuses", expanding=True)))
    for name in shape.filters:
        stmt = stmt.where(c[name] == bindparam(name))
    if shape.expiring:
        stmt = stmt.where(
            c.status == RegistrationStatus.approved, c.expires_at < bindparam("expiring_before")
        )
    at = c.updated_at if shape.by_change else c.created_at
    if shape.after:
        stmt = stmt.where(
            or_(
                at > bindparam("after_at"),
                and_(at == bindparam("after_at"), c.id > bindparam("after_id")),
            )
        )
    elif shape.since:
        stmt = stmt.where(at > bindparam("since"))
    if shape.by_change:
        stmt = stmt.where(at < bindparam("horizon"))
    return stmt.order_by(at, c.id).limit(bindparam("limit"))


async def list_registrations(
    session: AsyncSession,
    actor: Principal,
    *,
    statuses: Sequence[RegistrationStatus],
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    rep_id: uuid.UUID | None,
    stage: SalesStage | None,
    expiring_before: datetime | None,
    search: str | None,
    page: PageRequest,
) -> Page[Any]:
    filters = {
        "vendor_id": vendor_id,
        "partner_id": partner_id,
        "rep_id": rep_id,
        "stage": stage,
    }
    values: dict[str, Any] = {
        "limit": page.limit + 1,
        **{name: value for name, value in filters.items() if value is not None},
    }
    if search is not None:
        values["pattern"] = contains_pattern(search)
    if statuses:
        values["statuses"] = list(statuses)
    if expiring_before is not None:
        values["expiring_before"] = expiring_before
    if page.after is not None:
        values["after_at"], values["after_id"] = page.after.at, page.after.id
    elif page.updated_since is not None:
        values["since"] = page.updated_since
    if page.by_change:
        values["horizon"] = await horizon(session)
    shape = _ListShape(
        seen_as=_seen_as(actor),
        search=search is not None,
        statuses=bool(statuses),
        filters=tuple(name for name, value in filters.items() if value is not None),
        expiring=expiring_before is not None,
        after=page.after is not None,
        by_change=page.by_change,
        since=page.updated_since is not None,
    )
    stmt, parameters = _list_statement(shape)
    # A value the statement does not bind would be dropped without a word: a filter given a
    # value here but no clause in its shape would list everything it should have narrowed.
    if not values.keys() <= parameters:
        raise RuntimeError(f"list parameters without a clause: {values.keys() - parameters}")
    # Who is asking: bound where the caller's kind of visibility compares with them.
    values |= {"org": actor.organization_id, "subject": actor.subject_id}
    rows = (await session.execute(stmt, values)).all()
    return page_of(rows, page)


async def lines_of_registration(session: AsyncSession, registration_id: uuid.UUID) -> Sequence[Any]:
    stmt = (
        select(table_of(DealLine))
        .where(DealLine.registration_id == registration_id)
        .order_by(DealLine.position)
    )
    return (await session.execute(stmt)).all()


async def conflicts_of_many(
    session: AsyncSession, registration_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Any]]:
    """The registrations linked as conflicts to each of `registration_ids`, either way round."""
    if not registration_ids:
        return {}
    link = RegistrationConflict
    stmt = (
        select(
            link.registration_id.label("of"),
            Registration.id,
            Registration.number,
            Registration.partner_id,
            Registration.status,
            Registration.submitted_at,
        )
        .join(link, link.other_id == Registration.id)
        .where(link.registration_id.in_(registration_ids))
        .union_all(
            select(
                link.other_id.label("of"),
                Registration.id,
                Registration.number,
                Registration.partner_id,
                Registration.status,
                Registration.submitted_at,
            )
            .join(link, link.registration_id == Registration.id)
            .where(link.other_id.in_(registration_ids))
        )
    )
    found: dict[uuid.UUID, list[Any]] = {}
    for row in (await session.execute(stmt)).all():
        found.setdefault(row.of, []).append(row)
    for rows in found.values():
        rows.sort(key=lambda row: row.submitted_at)
    return found


async def history_of(
    session: AsyncSession, registration_id: uuid.UUID
) -> Sequence[RegistrationHistory]:
    stmt = (
        select(RegistrationHistory)
        .where(RegistrationHistory.registration_id == registration_id)
        .order_by(RegistrationHistory.at, RegistrationHistory.id)
    )
    return (await session.scalars(stmt)).all()


# A list's open questions, by a statement built once with the page's ids as one array parameter
# (`= ANY`): an IN list is rendered anew for each page (issue #22).
_history = table_of(RegistrationHistory)
_OPEN_QUESTIONS = (
    select(_history.c.registration_id, _history.c.reason.label("question"), _history.c.at)
    .where(
        _history.c.registration_id == any_(bindparam("ids", type_=ARRAY(UUID(as_uuid=True)))),
        _history.c.to_status == RegistrationStatus.info_requested,
    )
    .ext(distinct_on(_history.c.registration_id))
    .order_by(_history.c.registration_id, _history.c.at.desc())
)


async def open_questions(
    session: AsyncSession, registration_ids: Sequence[uuid.UUID]
) -> Sequence[Any]:
    """The vendor's latest question to each of `registration_ids` (its move to info_requested):
    one row per registration that was ever asked one."""
    return (await session.execute(_OPEN_QUESTIONS, {"ids": list(registration_ids)})).all()


async def program_terms(session: AsyncSession, program_id: uuid.UUID) -> Program:
    # A registration's program is never deleted (the foreign key restricts it).
    return (await session.scalars(select(Program).where(Program.id == program_id))).one()


async def extension_requests(
    session: AsyncSession, registration_id: uuid.UUID
) -> Sequence[ExtensionRequest]:
    stmt = (
        select(ExtensionRequest)
        .where(ExtensionRequest.registration_id == registration_id)
        .order_by(ExtensionRequest.created_at)
    )
    return (await session.scalars(stmt)).all()


async def pending_extension(
    session: AsyncSession, registration_id: uuid.UUID
) -> ExtensionRequest | None:
    stmt = select(ExtensionRequest).where(
        ExtensionRequest.registration_id == registration_id,
        ExtensionRequest.status == ExtensionStatus.pending,
    )
    return (await session.scalars(stmt)).one_or_none()


async def get_extension_request(
    session: AsyncSession, registration_id: uuid.UUID, request_id: uuid.UUID
) -> ExtensionRequest | None:
    stmt = select(ExtensionRequest).where(
        ExtensionRequest.id == request_id, ExtensionRequest.registration_id == registration_id
    )
    return (await session.scalars(stmt)).one_or_none()


# --- expiry ------------------------------------------------------------------------------------


async def lapsed(session: AsyncSession, now: datetime, limit: int) -> Sequence[Registration]:
    """Approved registrations whose protection has run out, locked; ones another job holds are
    skipped (it is expiring them)."""
    stmt = (
        select(Registration)
        .where(Registration.status == RegistrationStatus.approved, Registration.expires_at <= now)
        .order_by(Registration.expires_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def due_expiry_reminders(
    session: AsyncSession, before: datetime, limit: int
) -> Sequence[Any]:
    """Approved registrations expiring before `before` whose current protection period has not
    had its reminder, locked as `lapsed` locks."""
    stmt = (
        select(
            Registration.id,
            Registration.number,
            Registration.vendor_id,
            Registration.partner_id,
            Registration.rep_id,
            Registration.expires_at,
        )
        .where(
            Registration.status == RegistrationStatus.approved,
            Registration.expires_at < before,
            Registration.expiry_reminded_for.is_distinct_from(Registration.expires_at),
        )
        .order_by(Registration.expires_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.execute(stmt)).all()


async def mark_reminded(session: AsyncSession, reminded: dict[uuid.UUID, datetime]) -> None:
    # Not a change the owner made or can see: the version and updated_at stay as they are.
    for registration_id, expires_at in reminded.items():
        await session.execute(
            update(table_of(Registration))
            .where(Registration.id == registration_id)
            .values(expiry_reminded_for=expires_at, updated_at=Registration.updated_at)
        )
