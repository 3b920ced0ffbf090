"""All SQL of partner engagement and call tasks."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import table_of
from dealreg.engagement.models import (
    CallTask,
    CallTaskState,
    PartnerEngagement,
    PartnerEngagementPolicy,
    PartnerEngagementStanding,
)
from dealreg.orgs.models import Partnership
from dealreg.pagination import Page, PageRequest, fetch_page


async def policy_of(session: AsyncSession, vendor_id: uuid.UUID) -> PartnerEngagementPolicy | None:
    stmt = select(PartnerEngagementPolicy).where(PartnerEngagementPolicy.vendor_id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


async def in_partnership(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> bool:
    """Whether the partner is enrolled with the vendor (active or suspended: a suspended
    partner's people still read the vendor's mail)."""
    stmt = select(Partnership.id).where(
        Partnership.vendor_id == vendor_id, Partnership.partner_id == partner_id
    )
    return (await session.execute(stmt)).first() is not None


async def lock_standing(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> PartnerEngagementStanding:
    """The partner's standing with the vendor, made on first use, locked until the transaction
    ends: the posts for one vendor and partner take turns from here on."""
    await session.execute(
        insert(PartnerEngagementStanding)
        .values(vendor_id=vendor_id, partner_id=partner_id)
        .on_conflict_do_nothing()
    )
    stmt = (
        select(PartnerEngagementStanding)
        .where(
            PartnerEngagementStanding.vendor_id == vendor_id,
            PartnerEngagementStanding.partner_id == partner_id,
        )
        .with_for_update()
        # Another post may have changed it since this session first loaded it.
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).one()


async def standing_of(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> PartnerEngagementStanding | None:
    return await session.get(PartnerEngagementStanding, (vendor_id, partner_id))


async def insert_engagements(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Insert `rows`, skipping any whose source id the vendor has sent before (or sent twice in
    `rows`); how many were inserted."""
    if not rows:
        return 0
    table = table_of(PartnerEngagement)
    stmt = (
        insert(table)
        .on_conflict_do_nothing(
            index_elements=[table.c.vendor_id, table.c.source_id],
            index_where=table.c.source_id.is_not(None),
        )
        .returning(table.c.id)
    )
    return len((await session.execute(stmt, rows)).all())


async def score(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID,
    *,
    now: datetime,
    window: timedelta,
) -> int:
    """The points of the partner's engagements with the vendor that happened in the window
    ending at `now`: after `now - window`, up to `now`."""
    stmt = select(func.coalesce(func.sum(PartnerEngagement.points), 0)).where(
        PartnerEngagement.vendor_id == vendor_id,
        PartnerEngagement.partner_id == partner_id,
        PartnerEngagement.occurred_at > now - window,
        PartnerEngagement.occurred_at <= now,
    )
    return int((await session.execute(stmt)).scalar_one())


async def open_tasks_of(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> list[uuid.UUID]:
    stmt = (
        select(CallTask.id)
        .where(
            CallTask.vendor_id == vendor_id,
            CallTask.partner_id == partner_id,
            CallTask.state != CallTaskState.closed,
        )
        .order_by(CallTask.created_at)
    )
    return list((await session.scalars(stmt)).all())


async def list_tasks(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    filters: dict[Any, Any],
    page: PageRequest,
) -> Page[CallTask]:
    stmt: Select[Any] = select(CallTask).where(CallTask.vendor_id == vendor_id)
    for column, value in filters.items():
        if value is not None:
            stmt = stmt.where(column == value)
    return await fetch_page(session, stmt, CallTask, page)


async def task_for_update(session: AsyncSession, task_id: uuid.UUID) -> CallTask | None:
    stmt = (
        select(CallTask)
        .where(CallTask.id == task_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).one_or_none()
