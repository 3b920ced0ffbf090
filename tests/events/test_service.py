"""Pruning the event log: only events older than the cut go, a batch at a time."""

import uuid
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import database_now
from dealreg.events import service
from dealreg.events.models import Event
from dealreg.events.repository import add_events, event_row
from tests.factories import Factory


async def test_pruning_forgets_only_what_is_older_than_the_cut_a_batch_at_a_time(
    db: AsyncSession, factory: Factory
) -> None:
    vendor = await factory.vendor()
    now = await database_now(db)
    subjects = [uuid.uuid4() for _ in range(5)]

    def row(subject: uuid.UUID, age: timedelta) -> dict[str, object]:
        made = event_row("lead.created", subject, vendor_id=vendor.id, partner_id=None, data={})
        return made | {"created_at": now - age}

    old = [row(subject, service.KEEP_FOR + timedelta(days=1)) for subject in subjects[:3]]
    await add_events(db, old + [row(subject, timedelta(days=1)) for subject in subjects[3:]])
    cut = now - service.KEEP_FOR

    assert await service.prune_batch(db, before=cut, batch=2) == 2
    assert await service.prune_batch(db, before=cut, batch=2) == 1
    assert await service.prune_batch(db, before=cut, batch=2) == 0
    left = await db.scalars(select(Event.subject_id).where(Event.subject_id.in_(subjects)))
    assert set(left) == set(subjects[3:])
    assert (
        await db.scalar(select(func.count()).select_from(Event).where(Event.created_at < cut)) == 0
    )
