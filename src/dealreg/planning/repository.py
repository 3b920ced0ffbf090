"""All of the planning package's SQL."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Numeric, and_, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Partnership
from dealreg.planning.models import PartnerPlan, PlanningSettings
from dealreg.registrations.models import (
    Registration,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)


async def stored_settings(session: AsyncSession, vendor_id: uuid.UUID) -> PlanningSettings | None:
    stmt = select(PlanningSettings).where(PlanningSettings.vendor_id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


async def settings_of(
    session: AsyncSession, vendor_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, PlanningSettings]:
    stmt = select(PlanningSettings).where(PlanningSettings.vendor_id.in_(vendor_ids))
    return {row.vendor_id: row for row in await session.scalars(stmt)}


async def has_plans(session: AsyncSession, vendor_id: uuid.UUID) -> bool:
    stmt = select(PartnerPlan.id).where(PartnerPlan.vendor_id == vendor_id).limit(1)
    return (await session.scalar(stmt)) is not None


async def plan_of(
    session: AsyncSession, partnership_id: uuid.UUID, quarter: str, *, lock: bool = False
) -> PartnerPlan | None:
    stmt = select(PartnerPlan).where(
        PartnerPlan.partnership_id == partnership_id, PartnerPlan.quarter == quarter
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def plans_of(session: AsyncSession, partnership_id: uuid.UUID) -> Sequence[PartnerPlan]:
    stmt = (
        select(PartnerPlan)
        .where(PartnerPlan.partnership_id == partnership_id)
        .order_by(PartnerPlan.quarter)
    )
    return (await session.scalars(stmt)).all()


async def vendors(session: AsyncSession, vendor_ids: Sequence[uuid.UUID]) -> Sequence[Organization]:
    stmt = select(Organization).where(Organization.id.in_(vendor_ids))
    return (await session.scalars(stmt)).all()


async def partnerships_with_plans(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID | None, quarter: str
) -> Sequence[Any]:
    """Every partnership of the vendor (or the one with `partner_id`), its partner's name, and
    its plan for `quarter` when there is one."""
    partner = Organization.__table__.alias("partner")
    stmt = (
        select(
            Partnership.id.label("partnership_id"),
            Partnership.partner_id,
            partner.c.name.label("partner_name"),
            PartnerPlan.status,
            PartnerPlan.amount,
            PartnerPlan.currency,
        )
        .join(partner, partner.c.id == Partnership.partner_id)
        .outerjoin(
            PartnerPlan,
            and_(PartnerPlan.partnership_id == Partnership.id, PartnerPlan.quarter == quarter),
        )
        .where(Partnership.vendor_id == vendor_id)
        .order_by(partner.c.name, Partnership.id)
    )
    if partner_id is not None:
        stmt = stmt.where(Partnership.partner_id == partner_id)
    return (await session.execute(stmt)).all()


async def open_pipeline(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID | None,
    *,
    starts_on: date,
    ends_before: date,
    percents: dict[SalesStage, int],
) -> Sequence[Any]:
    """Per partner and currency: the approved (open) registrations expected to close in
    `[starts_on, ends_before)`, their count, their amount, and their amount times the stage's
    probability in percent (a registration with no stage reported yet is `qualified`)."""
    percent = case(
        *(
            (Registration.stage == stage, percents[stage])
            for stage in (SalesStage.proposal, SalesStage.negotiation)
        ),
        else_=percents[SalesStage.qualified],
    )
    stmt = (
        select(
            Registration.partner_id,
            Registration.currency,
            func.count().label("count"),
            func.sum(Registration.amount).label("amount"),
            func.sum(cast(Registration.amount, Numeric) * percent).label("weighted"),
        )
        .where(
            Registration.vendor_id == vendor_id,
            Registration.status == RegistrationStatus.approved,
            Registration.expected_close_date >= starts_on,
            Registration.expected_close_date < ends_before,
        )
        .group_by(Registration.partner_id, Registration.currency)
    )
    if partner_id is not None:
        stmt = stmt.where(Registration.partner_id == partner_id)
    rows: Sequence[Any] = (await session.execute(stmt)).all()
    return rows


async def won(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID | None,
    *,
    start: datetime,
    end: datetime,
) -> Sequence[Any]:
    """Per partner and currency: the registrations won in `[start, end)` (the instant their
    history records the move to won), their count and amount."""
    stmt = (
        select(
            Registration.partner_id,
            Registration.currency,
            func.count().label("count"),
            func.sum(Registration.amount).label("amount"),
        )
        .join(
            RegistrationHistory,
            and_(
                RegistrationHistory.registration_id == Registration.id,
                RegistrationHistory.to_status == RegistrationStatus.won,
            ),
        )
        .where(
            Registration.vendor_id == vendor_id,
            Registration.status == RegistrationStatus.won,
            RegistrationHistory.at >= start,
            RegistrationHistory.at < end,
        )
        .group_by(Registration.partner_id, Registration.currency)
    )
    if partner_id is not None:
        stmt = stmt.where(Registration.partner_id == partner_id)
    return (await session.execute(stmt)).all()


async def partner_vendor_ids(
    session: AsyncSession, partner_id: uuid.UUID, vendor_id: uuid.UUID | None
) -> Sequence[uuid.UUID]:
    """The vendors the partner is enrolled with (or `vendor_id`, if it is one of them)."""
    stmt = select(Partnership.vendor_id).where(Partnership.partner_id == partner_id)
    if vendor_id is not None:
        stmt = stmt.where(Partnership.vendor_id == vendor_id)
    return (await session.scalars(stmt)).all()
