"""All SQL of the event log: the rows every domain adds, in the transaction that made them happen,
and the feed that reads them back."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import insert_columns, insert_rows
from dealreg.events.models import Event
from dealreg.events.types import is_known
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.pagination import PageKey


def event_row(
    type_: str,
    subject_id: uuid.UUID,
    *,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    if not is_known(type_):
        # Subscriptions are checked against the catalogue: a type beyond it would reach nobody.
        raise ValueError(f"{type_!r} is not in the catalogue of event types (events/types.py)")
    return {
        "id": uuid.uuid4(),
        "type": type_,
        "subject_id": subject_id,
        "vendor_id": vendor_id,
        "partner_id": partner_id,
        "data": data,
    }


async def add_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await insert_rows(session, Event, rows)


async def add_event_page(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """`add_events` for hundreds of rows at once (a page of the SLA sweep's)."""
    await insert_columns(session, Event, rows)


def visible_events(actor: Principal) -> ColumnElement[bool]:
    """An organization's events: a vendor those of registrations and leads addressed to it, a
    partner its own; the platform every one."""
    if actor.is_platform:
        return true()
    if actor.org_kind is OrgKind.vendor:
        return Event.vendor_id == actor.organization_id
    return Event.partner_id == actor.organization_id


def _of_types(types: list[str]) -> ColumnElement[bool]:
    exact = [t for t in types if not t.endswith(".*")]
    prefixes = [t.removesuffix("*") for t in types if t.endswith(".*")]
    conditions: list[ColumnElement[bool]] = [Event.type.in_(exact)] if exact else []
    conditions += [Event.type.startswith(prefix, autoescape=True) for prefix in prefixes]
    return or_(*conditions)


async def events_between(
    session: AsyncSession,
    actor: Principal,
    *,
    oldest: datetime,
    until: datetime,
    after: PageKey | None,
    types: list[str],
    limit: int,
) -> list[Event]:
    """The caller's events written from `oldest` to before `until`, after `after`, oldest first."""
    stmt = select(Event).where(
        visible_events(actor), Event.created_at >= oldest, Event.created_at < until
    )
    if after is not None:
        stmt = stmt.where(
            func.row(Event.created_at, Event.id) > func.row(literal(after.at), literal(after.id))
        )
    if types:
        stmt = stmt.where(_of_types(types))
    return list(
        (await session.scalars(stmt.order_by(Event.created_at, Event.id).limit(limit))).all()
    )


async def delete_before(session: AsyncSession, *, before: datetime, batch: int) -> int:
    """Delete up to `batch` of the events written before `before` (and with them their webhook
    deliveries); how many."""
    oldest = select(Event.id).where(Event.created_at < before).limit(batch)
    result = await session.execute(delete(Event).where(Event.id.in_(oldest.scalar_subquery())))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
