"""Reading the earnings ledger: a registration's entries, a rep's totals, and the entries an
organization may see.

An entry's status is derived when read, never stored (the ledger is append-only):
- in a payout: `paid` or `in_payout`, by the payout's status;
- an earning reversed before it went into a payout, and that reversal: `reversed` (the pair
  cancels out and is never paid);
- otherwise `approved`: owed, and taken by the next payout. A reversal of an earning that was
  already in a payout is such a deduction.

Being derived, a status cannot disagree with the rows, whatever order a payout and a clawback
commit in.
"""

import enum
import uuid
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from dealreg.incentives.models import Earning, Entry, Payout, PayoutItem, PayoutStatus
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageKey, PageRequest, by_key, cut
from dealreg.registrations import service as registrations
from dealreg.registrations.models import Deal, Registration


class EarningStatus(enum.StrEnum):
    approved = "approved"
    in_payout = "in_payout"
    paid = "paid"
    reversed = "reversed"


class EarningView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    registration_id: uuid.UUID
    number: str
    deal_id: uuid.UUID
    rep_id: uuid.UUID
    partner_id: uuid.UUID
    vendor_id: uuid.UUID
    plan_id: uuid.UUID
    milestone: Milestone
    entry: Entry
    amount: int
    currency: str
    reverses_id: uuid.UUID | None
    reason: str | None
    status: EarningStatus
    payout_id: uuid.UUID | None
    earned_at: datetime


_reversal = aliased(Earning)
_original_item = aliased(PayoutItem)


def status_of() -> ColumnElement[str]:
    reversed_ = select(_reversal.id).where(_reversal.reverses_id == Earning.id).exists()
    original_paid_out = (
        select(_original_item.earning_id)
        .where(_original_item.earning_id == Earning.reverses_id)
        .exists()
    )
    return case(
        (Payout.status == PayoutStatus.paid, literal(EarningStatus.paid.value)),
        (PayoutItem.payout_id.is_not(None), literal(EarningStatus.in_payout.value)),
        (
            (Earning.entry == Entry.earning) & reversed_,
            literal(EarningStatus.reversed.value),
        ),
        (
            (Earning.entry == Entry.reversal) & ~original_paid_out,
            literal(EarningStatus.reversed.value),
        ),
        else_=literal(EarningStatus.approved.value),
    )


def entries_query() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Earning,
            Registration.number,
            Registration.deal_id,
            status_of().label("status"),
            PayoutItem.payout_id,
        )
        .join(Registration, Registration.id == Earning.registration_id)
        .outerjoin(PayoutItem, PayoutItem.earning_id == Earning.id)
        .outerjoin(Payout, Payout.id == PayoutItem.payout_id)
    )


def view(row: Any) -> EarningView:
    earning: Earning = row.Earning
    return EarningView(
        id=earning.id,
        registration_id=earning.registration_id,
        number=row.number,
        deal_id=row.deal_id,
        rep_id=earning.rep_id,
        partner_id=earning.partner_id,
        vendor_id=earning.vendor_id,
        plan_id=earning.plan_id,
        milestone=earning.milestone,
        entry=earning.entry,
        amount=earning.amount,
        currency=earning.currency,
        reverses_id=earning.reverses_id,
        reason=earning.reason,
        status=EarningStatus(row.status),
        payout_id=row.payout_id,
        earned_at=earning.earned_at,
    )


def visible(actor: Principal) -> ColumnElement[bool]:
    """The entries `actor` may read: a rep's own; a partner's admin, its reps'; a vendor's
    staff, its own vendor's; the platform, all."""
    if actor.org_kind is OrgKind.platform:
        return literal(True)
    if actor.org_kind is OrgKind.vendor:
        return Earning.vendor_id == actor.organization_id
    if actor.role is Role.partner_rep:
        return Earning.rep_id == actor.subject_id
    return Earning.partner_id == actor.organization_id


async def of_registration(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID, page: PageRequest
) -> Page[EarningView]:
    """The registration's entries, oldest first (404 for a registration the caller cannot see)."""
    registration = await registrations.get_registration(session, actor, registration_id)
    stmt = entries_query().where(Earning.registration_id == registration.id, visible(actor))
    stmt = by_key(stmt, Earning.earned_at, Earning.id, page)
    rows = [view(row) for row in await session.execute(stmt)]
    return cut(rows, page, lambda entry: (entry.earned_at, entry.id))


async def entries(
    session: AsyncSession,
    actor: Principal,
    page: PageRequest,
    *,
    rep_id: uuid.UUID | None = None,
    vendor_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
    status: EarningStatus | None = None,
) -> Page[EarningView]:
    """The entries the caller may see, newest first, narrowed by the filters."""
    stmt = entries_query().where(visible(actor))
    for column, value in (
        (Earning.rep_id, rep_id),
        (Earning.vendor_id, vendor_id),
        (Earning.partner_id, partner_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if status is not None:
        stmt = stmt.where(status_of() == status.value)
    stmt = by_key(stmt, Earning.earned_at, Earning.id, page, newest_first=True)
    rows = [view(row) for row in await session.execute(stmt)]
    return cut(rows, page, lambda entry: (entry.earned_at, entry.id))


class Total(msgspec.Struct, frozen=True, kw_only=True):
    status: EarningStatus
    currency: str
    amount: int
    entries: int


async def totals(
    session: AsyncSession, actor: Principal, rep_id: uuid.UUID, *, since: datetime | None = None
) -> list[Total]:
    """The rep's sums by status and currency (of the entries earned `since`, when given). `reversed` sums the earnings clawed back before
    they were paid (their reversals, which cancel them, are left out of the sum)."""
    status = status_of()
    counted = case(
        ((status == EarningStatus.reversed.value) & (Earning.entry == Entry.reversal), 0),
        else_=Earning.amount,
    )
    stmt = (
        entries_query()
        .with_only_columns(
            status.label("status"),
            Earning.currency,
            func.sum(counted).label("amount"),
            func.count().label("entries"),
        )
        .where(
            Earning.rep_id == rep_id,
            visible(actor),
            *([Earning.earned_at >= since] if since is not None else []),
        )
        .group_by(status, Earning.currency)
        .order_by(Earning.currency, status)
    )
    return [
        Total(
            status=EarningStatus(row.status),
            currency=row.currency,
            amount=int(row.amount),
            entries=row.entries,
        )
        for row in await session.execute(stmt)
    ]


class Amount(msgspec.Struct, frozen=True):
    currency: str
    amount: int


class DealEarnings(msgspec.Struct, frozen=True, kw_only=True):
    """What one deal has earned its rep so far: net per currency, and every entry."""

    deal_id: uuid.UUID
    title: str
    customer_name: str
    last_earned_at: datetime
    net: list[Amount]
    entries: list[EarningView]


async def by_deal(
    session: AsyncSession, actor: Principal, rep_id: uuid.UUID, page: PageRequest
) -> Page[DealEarnings]:
    """The rep's deals that have earned, the most recently earning first, with their entries."""
    last = func.max(Earning.earned_at)
    stmt = (
        select(Registration.deal_id, last.label("last"))
        .join(Earning, Earning.registration_id == Registration.id)
        .where(Earning.rep_id == rep_id, visible(actor))
        .group_by(Registration.deal_id)
    )
    if page.after is not None:
        stmt = stmt.having(
            func.row(last, Registration.deal_id)
            < func.row(literal(page.after.at), literal(page.after.id))
        )
    heads = (
        await session.execute(
            stmt.order_by(last.desc(), Registration.deal_id.desc()).limit(page.limit + 1)
        )
    ).all()
    shown = heads[: page.limit]
    deal_ids = [head.deal_id for head in shown]
    rows = await session.execute(
        entries_query()
        .add_columns(Deal.title, Deal.customer)
        .join(Deal, Deal.id == Registration.deal_id)
        .where(Registration.deal_id.in_(deal_ids), Earning.rep_id == rep_id, visible(actor))
        .order_by(Earning.earned_at.desc(), Earning.id.desc())
    )
    grouped: dict[uuid.UUID, list[Any]] = {deal_id: [] for deal_id in deal_ids}
    for row in rows:
        grouped[row.deal_id].append(row)
    items = []
    for head in shown:
        deal_rows = grouped[head.deal_id]
        net: dict[str, int] = {}
        for row in deal_rows:
            net[row.Earning.currency] = net.get(row.Earning.currency, 0) + row.Earning.amount
        items.append(
            DealEarnings(
                deal_id=head.deal_id,
                title=deal_rows[0].title,
                customer_name=deal_rows[0].customer["legal_name"],
                last_earned_at=head.last,
                net=[Amount(currency, amount) for currency, amount in sorted(net.items())],
                entries=[view(row) for row in deal_rows],
            )
        )
    more = len(heads) > page.limit
    return Page(
        items=items, next_key=PageKey(at=shown[-1].last, id=shown[-1].deal_id) if more else None
    )
