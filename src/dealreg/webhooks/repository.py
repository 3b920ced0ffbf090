"""All SQL of webhooks. An endpoint and its deliveries are read within the organization that owns
them, so another tenant's row is never loaded; callers turn "not found" into a 404."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Row, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.events.models import Event
from dealreg.orgs.models import Organization, OrgKind
from dealreg.pagination import Page, PageRequest, by_key, cut
from dealreg.webhooks.models import (
    DeliveryStatus,
    DispatchCursor,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

# --- endpoints ---------------------------------------------------------------------------------


async def endpoint_of(
    session: AsyncSession,
    organization_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> WebhookEndpoint | None:
    stmt = select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id, WebhookEndpoint.organization_id == organization_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def endpoints_of(
    session: AsyncSession, organization_id: uuid.UUID
) -> Sequence[WebhookEndpoint]:
    stmt = select(WebhookEndpoint).where(WebhookEndpoint.organization_id == organization_id)
    order = (WebhookEndpoint.created_at, WebhookEndpoint.id)
    return (await session.scalars(stmt.order_by(*order))).all()


async def enabled_endpoints(
    session: AsyncSession, organization_ids: Iterable[uuid.UUID]
) -> Sequence[WebhookEndpoint]:
    stmt = select(WebhookEndpoint).where(
        WebhookEndpoint.organization_id.in_(organization_ids), WebhookEndpoint.enabled.is_(True)
    )
    return (await session.scalars(stmt)).all()


# --- dispatching -------------------------------------------------------------------------------


async def lock_dispatch_cursor(session: AsyncSession) -> DispatchCursor | None:
    """The dispatcher's cursor, locked; None while another dispatcher holds it (it is not waited
    for)."""
    stmt = select(DispatchCursor).where(DispatchCursor.id == 1).with_for_update(skip_locked=True)
    return (await session.scalars(stmt)).one_or_none()


async def events_after(
    session: AsyncSession, cursor: DispatchCursor, until: datetime, limit: int
) -> Sequence[Event]:
    """The events after `cursor` and before `until`, in the order they were written."""
    stmt = (
        select(Event)
        .where(
            func.row(Event.created_at, Event.id)
            > func.row(literal(cursor.at), literal(cursor.event_id)),
            Event.created_at < until,
        )
        .order_by(Event.created_at, Event.id)
        .limit(limit)
    )
    return (await session.scalars(stmt)).all()


# --- attempts ----------------------------------------------------------------------------------


async def claimable(
    session: AsyncSession, delivery_id: uuid.UUID, lease: datetime, now: datetime
) -> Row[WebhookDelivery, WebhookEndpoint, Event, OrgKind] | None:
    """The delivery, locked without waiting, with its endpoint, its event and the kind of the
    receiving organization: if it is pending under `lease` (or a lease that ran out) to an enabled
    endpoint, else None."""
    stmt = (
        select(WebhookDelivery, WebhookEndpoint, Event, Organization.kind)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .join(Event, Event.id == WebhookDelivery.event_id)
        .join(Organization, Organization.id == WebhookEndpoint.organization_id)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == DeliveryStatus.pending,
            or_(WebhookDelivery.next_attempt_at == lease, WebhookDelivery.next_attempt_at <= now),
            WebhookEndpoint.enabled.is_(True),
        )
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    return (await session.execute(stmt)).one_or_none()


async def lease_due(
    session: AsyncSession, now: datetime, lease: datetime, limit: int
) -> list[uuid.UUID]:
    """Lease until `lease` the pending deliveries of enabled endpoints whose next attempt has
    come, skipping those another sweep has locked: their ids."""
    chosen = (
        select(WebhookDelivery.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(
            WebhookDelivery.status == DeliveryStatus.pending,
            WebhookDelivery.next_attempt_at <= now,
            WebhookEndpoint.enabled.is_(True),
        )
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    rows = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(chosen.scalar_subquery()))
        .values(next_attempt_at=lease)
        .returning(WebhookDelivery.id)
    )
    return list(rows.scalars())


# --- the delivery log --------------------------------------------------------------------------


async def deliveries_of(
    session: AsyncSession, endpoint_id: uuid.UUID, page: PageRequest
) -> Page[WebhookDelivery]:
    """The endpoint's deliveries, newest first."""
    stmt = by_key(
        select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id),
        WebhookDelivery.created_at,
        WebhookDelivery.id,
        page,
        newest_first=True,
    )
    rows = list((await session.scalars(stmt)).all())
    return cut(rows, page, lambda d: (d.created_at, d.id))


async def delivery_of(
    session: AsyncSession,
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> WebhookDelivery | None:
    stmt = select(WebhookDelivery).where(
        WebhookDelivery.id == delivery_id, WebhookDelivery.endpoint_id == endpoint_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def attempts_of(session: AsyncSession, delivery_id: uuid.UUID) -> Sequence[WebhookAttempt]:
    stmt = (
        select(WebhookAttempt)
        .where(WebhookAttempt.delivery_id == delivery_id)
        .order_by(WebhookAttempt.at, WebhookAttempt.id)
    )
    return (await session.scalars(stmt)).all()
