"""The scheduler of periodic jobs.

Only one scheduler acts at a time: the one holding a PostgreSQL advisory lock on a connection it
keeps open (if it dies, its connection closes and another takes over). Each due slot of a periodic
job is claimed in `scheduled_runs` (unique per job and slot) and enqueued through the outbox in the
same transaction, so even two acting schedulers could not enqueue a slot twice.

Timers of the domain (SLA thresholds, recalls) are rows with a due time that a periodic sweep job
picks with FOR UPDATE SKIP LOCKED; the scheduler only runs the sweeps.
"""

import asyncio
from datetime import UTC, datetime, timedelta

import msgspec
import structlog
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dealreg.db import make_sessionmaker, transaction
from dealreg.worker import repository
from dealreg.worker.jobs import REGISTRY, enqueue
from dealreg.worker.loops import sleep_or_stop

# Any constant shared by all dealreg schedulers of an installation.
LEADER_LOCK = 0x6465616C726567  # "dealreg"
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

log = structlog.get_logger("dealreg.scheduler")


class Periodic(msgspec.Struct, frozen=True):
    job: str
    every: timedelta


SCHEDULE = [
    Periodic("idempotency.cleanup", timedelta(hours=1)),
    Periodic("worker.prune", timedelta(hours=1)),
]


def slot_of(now: datetime, every: timedelta) -> datetime:
    """The start of the period `now` falls in (periods counted from a fixed epoch)."""
    return _EPOCH + ((now - _EPOCH) // every) * every


async def enqueue_due(engine: AsyncEngine, schedule: list[Periodic]) -> list[str]:
    """Enqueue every periodic job whose current slot nobody has claimed; return their names."""
    enqueued = []
    async with transaction(make_sessionmaker(engine)) as session:
        now = (await session.execute(select(func.now()))).scalar_one()
        for periodic in schedule:
            if await repository.claim_slot(session, periodic.job, slot_of(now, periodic.every)):
                await enqueue(session, REGISTRY[periodic.job])
                enqueued.append(periodic.job)
    return enqueued


async def _try_lead(conn: AsyncConnection) -> bool:
    acquired = await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": LEADER_LOCK})
    await conn.commit()
    return bool(acquired)


async def run_scheduler(
    engine: AsyncEngine,
    stop: asyncio.Event,
    *,
    schedule: list[Periodic] = SCHEDULE,
    tick_seconds: float = 5.0,
) -> None:
    while not stop.is_set():
        try:
            async with engine.connect() as leader:
                while not stop.is_set() and not await _try_lead(leader):
                    await sleep_or_stop(stop, tick_seconds)
                log.info("scheduler leads")
                while not stop.is_set():
                    # A query on the leader connection proves the lock is still ours.
                    await leader.execute(text("SELECT 1"))
                    await leader.commit()
                    due = await enqueue_due(engine, schedule)
                    if due:
                        log.info("periodic jobs enqueued", jobs=due)
                    await sleep_or_stop(stop, tick_seconds)
        except Exception:  # lost the database: start over, and lead again only with the lock
            log.warning("scheduler lost its connection; retrying", exc_info=True)
            await sleep_or_stop(stop, tick_seconds)
