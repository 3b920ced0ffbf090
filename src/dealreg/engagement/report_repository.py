"""All SQL of the partner report (partner_report.py): one grouped query per figure, each over
one vendor's rows, each answering one row per partner."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask, CallTaskState, PartnerEngagement
from dealreg.orgs.models import Organization, Partnership, Program
from dealreg.registrations.models import Registration, RegistrationHistory, RegistrationStatus


async def partnerships(session: AsyncSession, vendor_id: uuid.UUID) -> Sequence[Any]:
    stmt = (
        select(
            Partnership.id.label("partnership_id"),
            Partnership.version.label("partnership_version"),
            Partnership.partner_id,
            Organization.name.label("partner_name"),
            Partnership.tier,
            Partnership.status,
            Partnership.owner_id,
            Organization.employees,
            Organization.annual_revenue_band,
        )
        .join(Organization, Organization.id == Partnership.partner_id)
        .where(Partnership.vendor_id == vendor_id)
    )
    return (await session.execute(stmt)).all()


async def main_currency(session: AsyncSession, vendor_id: uuid.UUID) -> str | None:
    """The currency of the vendor's oldest active program."""
    stmt = (
        select(Program.currency)
        .where(Program.vendor_id == vendor_id, Program.active.is_(True))
        .order_by(Program.created_at, Program.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def registrations(
    session: AsyncSession, vendor_id: uuid.UUID, *, since: datetime, now: datetime
) -> Sequence[Any]:
    """Per partner: its last registration's instant up to `now` and how many it submitted
    after `since`."""
    stmt = (
        select(
            Registration.partner_id,
            func.max(Registration.submitted_at).label("last_at"),
            func.count().filter(Registration.submitted_at > since).label("recent"),
        )
        .where(Registration.vendor_id == vendor_id, Registration.submitted_at <= now)
        .group_by(Registration.partner_id)
    )
    return (await session.execute(stmt)).all()


async def wins(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    since: datetime,
    now: datetime,
    currency: str | None,
) -> Sequence[Any]:
    """Per partner: its last win's instant up to `now` (when history recorded the move to won),
    and the amount in `currency` of those won after `since`."""
    recent = RegistrationHistory.at > since
    stmt = (
        select(
            Registration.partner_id,
            func.max(RegistrationHistory.at).label("last_at"),
            func.coalesce(
                func.sum(Registration.amount).filter(recent, Registration.currency == currency),
                0,
            ).label("amount"),
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
            RegistrationHistory.at <= now,
        )
        .group_by(Registration.partner_id)
    )
    return (await session.execute(stmt)).all()


async def engagement_scores(
    session: AsyncSession, vendor_id: uuid.UUID, *, now: datetime, window: timedelta
) -> dict[uuid.UUID, int]:
    """Per partner: its engagement score as of `now` (repository.score's window)."""
    stmt = (
        select(PartnerEngagement.partner_id, func.sum(PartnerEngagement.points))
        .where(
            PartnerEngagement.vendor_id == vendor_id,
            PartnerEngagement.occurred_at > now - window,
            PartnerEngagement.occurred_at <= now,
        )
        .group_by(PartnerEngagement.partner_id)
    )
    return {partner_id: int(points) for partner_id, points in await session.execute(stmt)}


async def open_tasks(session: AsyncSession, vendor_id: uuid.UUID) -> dict[uuid.UUID, int]:
    stmt = (
        select(CallTask.partner_id, func.count())
        .where(CallTask.vendor_id == vendor_id, CallTask.state != CallTaskState.closed)
        .group_by(CallTask.partner_id)
    )
    return {partner_id: int(count) for partner_id, count in await session.execute(stmt)}
