"""All SQL of partners' offers (offers.py says the rules)."""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask, OfferState, PartnerOffer
from dealreg.pagination import Page, PageRequest, fetch_page
from dealreg.registrations.events import OfferUse


async def task_of(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID, task_id: uuid.UUID
) -> bool:
    stmt = select(CallTask.id).where(
        CallTask.id == task_id, CallTask.vendor_id == vendor_id, CallTask.partner_id == partner_id
    )
    return (await session.execute(stmt)).first() is not None


def _holds(now: datetime) -> ColumnElement[bool]:
    return and_(
        PartnerOffer.revoked_at.is_(None),
        PartnerOffer.valid_until > now,
        PartnerOffer.registrations_used < PartnerOffer.registrations_allowed,
    )


async def holding(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID,
    skus: Sequence[str],
    now: datetime,
) -> list[OfferUse]:
    """The vendor's offers holding for a registration of the partner's with these products,
    best first: the most points, then the one lapsing first, then the oldest."""
    stmt = (
        select(PartnerOffer.id, PartnerOffer.discount_bp)
        .where(
            PartnerOffer.vendor_id == vendor_id,
            PartnerOffer.partner_id == partner_id,
            _holds(now),
            or_(PartnerOffer.skus.is_(None), PartnerOffer.skus.contains(list(skus))),
        )
        .order_by(
            PartnerOffer.discount_bp.desc(),
            PartnerOffer.valid_until,
            PartnerOffer.created_at,
            PartnerOffer.id,
        )
    )
    return [OfferUse(row.id, row.discount_bp) for row in await session.execute(stmt)]


async def holding_for_vendors(
    session: AsyncSession,
    partner_id: uuid.UUID,
    skus_by_vendor: dict[uuid.UUID, frozenset[str]],
    now: datetime,
) -> dict[uuid.UUID, list[OfferUse]]:
    """`holding` for the registrations of one deal at once (vendor id to the SKUs on its
    registration), in one statement rather than one per vendor: vendor id to its offers holding
    for the partner and those products, best first; vendors with none are left out."""
    if not skus_by_vendor:
        return {}
    stmt = (
        select(PartnerOffer.vendor_id, PartnerOffer.id, PartnerOffer.discount_bp)
        .where(
            PartnerOffer.partner_id == partner_id,
            _holds(now),
            or_(
                *(
                    and_(
                        PartnerOffer.vendor_id == vendor_id,
                        or_(
                            PartnerOffer.skus.is_(None),
                            PartnerOffer.skus.contains(sorted(skus_by_vendor[vendor_id])),
                        ),
                    )
                    for vendor_id in sorted(skus_by_vendor)
                )
            ),
        )
        .order_by(
            PartnerOffer.vendor_id,
            PartnerOffer.discount_bp.desc(),
            PartnerOffer.valid_until,
            PartnerOffer.created_at,
            PartnerOffer.id,
        )
    )
    holding_by_vendor: dict[uuid.UUID, list[OfferUse]] = {}
    for row in await session.execute(stmt):
        holding_by_vendor.setdefault(row.vendor_id, []).append(OfferUse(row.id, row.discount_bp))
    return holding_by_vendor


async def take_use(session: AsyncSession, offer_id: uuid.UUID, now: datetime) -> bool:
    """Take one use of the offer if it still holds; whether it did. After waiting for another
    transaction's lock on the row, PostgreSQL re-checks the conditions on its newest version."""
    stmt = (
        update(PartnerOffer)
        .where(PartnerOffer.id == offer_id, _holds(now))
        .values(
            registrations_used=PartnerOffer.registrations_used + 1,
            version=PartnerOffer.version + 1,
            updated_at=func.clock_timestamp(),
        )
        .returning(PartnerOffer.id)
        # The ORM's copy, if loaded, is not this row's truth any more.
        .execution_options(synchronize_session=False)
    )
    return (await session.execute(stmt)).first() is not None


async def offer_for_update(session: AsyncSession, offer_id: uuid.UUID) -> PartnerOffer | None:
    stmt = (
        select(PartnerOffer)
        .where(PartnerOffer.id == offer_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).one_or_none()


def _in_state(state: OfferState, now: datetime) -> ColumnElement[bool]:
    revoked = PartnerOffer.revoked_at.is_not(None)
    used_up = PartnerOffer.registrations_used >= PartnerOffer.registrations_allowed
    expired = PartnerOffer.valid_until <= now
    return {
        OfferState.active: _holds(now),
        OfferState.revoked: revoked,
        OfferState.used_up: and_(~revoked, used_up),
        OfferState.expired: and_(~revoked, ~used_up, expired),
    }[state]


async def list_offers(
    session: AsyncSession,
    *,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    state: OfferState | None,
    now: datetime,
    page: PageRequest,
) -> Page[PartnerOffer]:
    stmt = select(PartnerOffer).where(
        PartnerOffer.vendor_id == vendor_id if vendor_id is not None else true(),
        PartnerOffer.partner_id == partner_id if partner_id is not None else true(),
        _in_state(state, now) if state is not None else true(),
    )
    return await fetch_page(session, stmt, PartnerOffer, page)
