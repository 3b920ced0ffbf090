"""Payouts: a vendor batches the approved, unpaid ledger entries earned in a period and pays them.

A payout is made at once (`building`) and filled by a job, so a batch of any size never holds a
request open. The job takes every entry then `approved` (see ledger.py) of the vendor earned in
the period in one INSERT ... SELECT and marks the payout `ready`, in one transaction: killed half
way, it leaves nothing, and its redelivery starts again. An entry is in one payout at most (the
primary key of payout_items), so two payouts built at once split the entries between them.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import msgspec
from sqlalchemy import func, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.dates import years_after
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.incentives import ledger
from dealreg.incentives.ledger import EarningStatus, EarningView
from dealreg.incentives.models import Earning, Payout, PayoutItem, PayoutStatus
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.outbox.jobs import enqueue, job
from dealreg.pagination import Page, PageRequest, by_key, cut
from dealreg.preconditions import IfMatch


class PayoutNotFound(NotFound):
    type, title = "payout-not-found", "Payout not found"


class PayoutNotReady(Conflict):
    type, title = "payout-not-ready", "The payout cannot be paid now"


class CurrencyTotal(msgspec.Struct, frozen=True):
    currency: str
    amount: int
    entries: int


def _vendor_of(actor: Principal, vendor_id: uuid.UUID | None) -> uuid.UUID:
    """The vendor a payout is for: a vendor's own; any named one for the platform's admin."""
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise Forbidden("A vendor makes payouts of its own earnings only.")
        return actor.organization_id
    if actor.role is not Role.platform_admin:
        raise Forbidden("Payouts are made by the vendor.")
    if vendor_id is None:
        detail = "name the vendor whose earnings to pay"
        raise InvalidInput(
            detail, errors=[field_error("required", pointer="/vendor_id", detail=detail)]
        )
    return vendor_id


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """[start, end] in whole UTC days, checked: ordered, at most a year."""
    if start > end:
        detail = "`period_start` is after `period_end`"
        error = field_error("maximum", pointer="/period_start", detail=detail, maximum=str(end))
        raise InvalidInput(detail, errors=[error])
    if end >= years_after(start, 1):
        detail = "a payout covers at most a year"
        latest = years_after(start, 1) - timedelta(days=1)
        error = field_error("maximum", pointer="/period_end", detail=detail, maximum=str(latest))
        raise InvalidInput(detail, errors=[error])
    return (
        datetime.combine(start, time(), tzinfo=UTC),
        datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC),
    )


async def create(
    session: AsyncSession,
    actor: Principal,
    *,
    vendor_id: uuid.UUID | None,
    start: date,
    end: date,
) -> Payout:
    """A payout of the vendor's period, `building`; the job fills it."""
    vendor = _vendor_of(actor, vendor_id)
    _period(start, end)
    exists = select(Organization.id).where(
        Organization.id == vendor, Organization.kind == OrgKind.vendor
    )
    if await session.scalar(exists) is None:
        detail = f"{vendor} is not a vendor"
        raise InvalidInput(
            detail, errors=[field_error("not_found", pointer="/vendor_id", detail=detail)]
        )
    payout = Payout(
        vendor_id=vendor,
        period_start=start,
        period_end=end,
        status=PayoutStatus.building,
        created_by=actor.subject_id if actor.kind == "user" else None,
    )
    session.add(payout)
    await session.flush()
    await enqueue(session, build_job, payout_id=str(payout.id))
    return payout


async def build(session: AsyncSession, payout_id: uuid.UUID) -> int:
    """Fill a `building` payout and make it `ready`; how many entries it took. Run again, it
    finds the payout ready and does nothing."""
    payout = await session.scalar(select(Payout).where(Payout.id == payout_id).with_for_update())
    if payout is None or payout.status is not PayoutStatus.building:
        return 0
    start, end = _period(payout.period_start, payout.period_end)
    approved = (
        ledger.entries_query()
        .with_only_columns(Earning.id, literal(payout.id))
        .where(
            Earning.vendor_id == payout.vendor_id,
            Earning.earned_at >= start,
            Earning.earned_at < end,
            ledger.status_of() == EarningStatus.approved.value,
        )
    )
    result = await session.execute(
        pg_insert(PayoutItem)
        .from_select(["earning_id", "payout_id"], approved)
        .on_conflict_do_nothing()
    )
    payout.status = PayoutStatus.ready
    await session.flush()
    return result.rowcount  # type: ignore[attr-defined, no-any-return]


@job("incentives.build_payout")
async def build_job(session: AsyncSession, payout_id: str) -> None:
    await build(session, uuid.UUID(payout_id))


def _visible(actor: Principal) -> Any:
    if actor.org_kind is OrgKind.platform:
        return literal(True)
    if actor.org_kind is OrgKind.vendor:
        return Payout.vendor_id == actor.organization_id
    return literal(False)


async def get(
    session: AsyncSession, actor: Principal, payout_id: uuid.UUID, *, for_update: bool = False
) -> Payout:
    stmt = select(Payout).where(Payout.id == payout_id, _visible(actor))
    payout = await session.scalar(stmt.with_for_update() if for_update else stmt)
    if payout is None:
        raise PayoutNotFound(f"No payout {payout_id}.")
    return payout


async def totals(session: AsyncSession, payout_id: uuid.UUID) -> list[CurrencyTotal]:
    stmt = (
        select(
            Earning.currency,
            func.sum(Earning.amount).label("amount"),
            func.count().label("entries"),
        )
        .join(PayoutItem, PayoutItem.earning_id == Earning.id)
        .where(PayoutItem.payout_id == payout_id)
        .group_by(Earning.currency)
        .order_by(Earning.currency)
    )
    return [
        CurrencyTotal(currency=row.currency, amount=int(row.amount), entries=row.entries)
        for row in await session.execute(stmt)
    ]


async def list_payouts(session: AsyncSession, actor: Principal, page: PageRequest) -> Page[Payout]:
    stmt = by_key(
        select(Payout).where(_visible(actor)), Payout.created_at, Payout.id, page, newest_first=True
    )
    rows = (await session.scalars(stmt)).all()
    return cut(rows, page, lambda payout: (payout.created_at, payout.id))


def _items(payout_id: uuid.UUID) -> Any:
    return ledger.entries_query().where(PayoutItem.payout_id == payout_id)


async def items(
    session: AsyncSession, actor: Principal, payout_id: uuid.UUID, page: PageRequest
) -> Page[EarningView]:
    """The payout's entries, in the order they were earned."""
    payout = await get(session, actor, payout_id)
    stmt = by_key(_items(payout.id), Earning.earned_at, Earning.id, page)
    rows = [ledger.view(row) for row in await session.execute(stmt)]
    return cut(rows, page, lambda entry: (entry.earned_at, entry.id))


async def all_items(
    session: AsyncSession, actor: Principal, payout_id: uuid.UUID
) -> AsyncIterator[EarningView]:
    """Every entry of the payout, streamed from the database (for CSV)."""
    payout = await get(session, actor, payout_id)
    stmt = _items(payout.id).order_by(Earning.earned_at, Earning.id)
    async for row in await session.stream(stmt):
        yield ledger.view(row)


async def mark_paid(
    session: AsyncSession,
    actor: Principal,
    payout_id: uuid.UUID,
    *,
    if_match: IfMatch,
    reference: str | None,
) -> Payout:
    """A `ready` payout, now paid: its entries are `paid` from here on."""
    payout = await get(session, actor, payout_id, for_update=True)
    _vendor_of(actor, payout.vendor_id)
    if_match.check(payout.version)
    if payout.status is not PayoutStatus.ready:
        raise PayoutNotReady(
            f"The payout is {payout.status.value}; only a ready payout is paid.",
            extra={"payout_status": payout.status.value},
        )
    payout.status = PayoutStatus.paid
    payout.paid_at = datetime.now(UTC)
    payout.paid_reference = reference
    await session.flush()
    return payout
