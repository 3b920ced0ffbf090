"""All SQL of deals and registrations.

Reads are scoped to what the caller may see (another tenant's row is never loaded). The hot paths
(submitting a deal, listing registrations) are Core statements with few round trips, read
straight into rows; the rules that need objects load ORM entities.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
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

from dealreg.db import as_columns, contains_text, table_of, unnested
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
from dealreg.pagination import Page, PageRequest, fetch_page
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
)

# --- visibility --------------------------------------------------------------------------------


def _sees_all_of_partner(actor: Principal) -> bool:
    return actor.role is Role.partner_admin


# Which registrations a caller sees, by what it is: the branch `visibility` takes.
SeenAs = Literal["all", "vendor", "partner", "rep", "client"]


def seen_as(actor: Principal) -> SeenAs:
    if actor.is_platform:
        return "all"
    if actor.org_kind is OrgKind.vendor:
        return "vendor"
    if _sees_all_of_partner(actor):
        return "partner"
    return "rep" if actor.kind == "user" else "client"


def visibility(
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
    return visibility(seen_as(actor), Registration, Deal, actor.organization_id, actor.subject_id)


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
