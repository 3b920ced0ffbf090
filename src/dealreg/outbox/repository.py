"""All SQL of the background machinery: the outbox, job runs and scheduled slots."""

import uuid
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from dealreg.outbox.models import JobRun, OutboxMessage, ScheduledRun


async def claim_due(session: AsyncSession, limit: int) -> list[OutboxMessage]:
    """Rows not yet run whose send is due, longest due first, locked for this transaction; rows
    another relay holds are skipped, so relays running side by side share the work instead of
    sending it twice."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.done_at.is_(None), OutboxMessage.due_at <= func.now())
        .order_by(OutboxMessage.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.scalars(stmt)).all())


# A message not run this long after a send is sent again; each further send waits twice as long
# as the one before, up to 2**_MAX_DOUBLINGS times: a job that keeps failing is retried for ever,
# but seldom, until a fix lets it run.
_MAX_DOUBLINGS = 6


async def mark_sent(
    session: AsyncSession, ids: list[uuid.UUID], epoch: str, resend_after: timedelta
) -> None:
    wait = func.make_interval(
        0, 0, 0, 0, 0, 0,
        resend_after.total_seconds() * func.power(2, func.least(OutboxMessage.sends, _MAX_DOUBLINGS)),
    )  # fmt: skip
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids))
        .values(
            sent_at=func.now(),
            sends=OutboxMessage.sends + 1,
            sent_epoch=epoch,
            due_at=func.now() + wait,
        )
    )


async def postpone(session: AsyncSession, ids: list[uuid.UUID], wait: timedelta) -> None:
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(due_at=func.now() + wait)
    )


async def due_again_if_lost(session: AsyncSession, epoch: str) -> int:
    """Make every sent, not yet run row whose send went to another broker epoch due now (the
    broker lost it); return how many."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.done_at.is_(None),
            OutboxMessage.sent_at.is_not(None),
            OutboxMessage.sent_epoch.is_distinct_from(epoch),
            OutboxMessage.due_at > func.now(),
        )
        .values(due_at=func.now())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


class Backlog(NamedTuple):
    unsent: int
    sent: int
    oldest_seconds: float


async def backlog(session: AsyncSession) -> Backlog:
    """Rows whose job has not run: unsent, sent and not run, and the oldest one's age."""
    pending = OutboxMessage.done_at.is_(None)
    row = (
        await session.execute(
            select(
                func.count().filter(OutboxMessage.sent_at.is_(None)),
                func.count().filter(OutboxMessage.sent_at.is_not(None)),
                func.extract("epoch", func.now() - func.min(OutboxMessage.created_at)),
            ).where(pending)
        )
    ).one()
    return Backlog(int(row[0]), int(row[1]), max(float(row[2] or 0), 0.0))


async def mark_done(session: AsyncSession, message_id: uuid.UUID) -> None:
    """The job of this message has run: its outbox row is never sent again."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.done_at.is_(None))
        .values(done_at=func.now())
    )


async def start_run(session: AsyncSession, message_id: uuid.UUID, job: str) -> bool:
    """Record that this message's job runs in this transaction; False when a run of it already
    committed (or is committing: the insert waits for it, then finds it)."""
    stmt = (
        insert(JobRun)
        .values(message_id=message_id, job=job)
        .on_conflict_do_nothing(index_elements=[JobRun.message_id])
        .returning(JobRun.message_id)
    )
    return (await session.execute(stmt)).first() is not None


async def has_run(session: AsyncSession, message_id: uuid.UUID) -> bool:
    """Whether the run of this message is recorded (its outbox row done, or its run kept)."""
    done = select(OutboxMessage.id).where(
        OutboxMessage.id == message_id, OutboxMessage.done_at.is_not(None)
    )
    ran = select(JobRun.message_id).where(JobRun.message_id == message_id)
    return bool(await session.scalar(select(exists(done) | exists(ran))))


async def claim_slot(session: AsyncSession, job: str, slot: datetime) -> bool:
    """Claim a periodic job's slot; False when some scheduler already has."""
    stmt = (
        insert(ScheduledRun)
        .values(job=job, slot=slot)
        .on_conflict_do_nothing(index_elements=[ScheduledRun.job, ScheduledRun.slot])
        .returning(ScheduledRun.id)
    )
    return (await session.execute(stmt)).first() is not None


async def try_lead(conn: AsyncConnection, key: int) -> bool:
    """Take the session-level advisory lock `key` on `conn`, if nobody holds it."""
    acquired = await conn.scalar(select(func.pg_try_advisory_lock(key)))
    await conn.commit()
    return bool(acquired)


async def still_connected(conn: AsyncConnection) -> None:
    """Fail if `conn` is gone: with it would go the lock it holds."""
    await conn.execute(select(1))
    await conn.commit()


async def prune(session: AsyncSession, keep_for: timedelta) -> None:
    cutoff = func.now() - keep_for
    await session.execute(delete(OutboxMessage).where(OutboxMessage.done_at < cutoff))
    await session.execute(delete(JobRun).where(JobRun.finished_at < cutoff))
    await session.execute(delete(ScheduledRun).where(ScheduledRun.claimed_at < cutoff))
