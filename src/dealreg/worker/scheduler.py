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
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import database_now, make_sessionmaker, transaction
from dealreg.loops import sleep_or_stop
from dealreg.outbox import repository
from dealreg.outbox.jobs import REGISTRY, enqueue

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
    Periodic("mail.prune", timedelta(hours=1)),
    Periodic("auth.prune_resets", timedelta(hours=1)),
    # Hourly rather than daily: protection ends within the hour it lapses, at no real cost (the
    # sweep reads a partial index of the approved registrations).
    Periodic("registrations.expire", timedelta(hours=1)),
    # Thresholds are due at any minute of business time; a sweep finds only what is due.
    Periodic("sla.sweep", timedelta(minutes=1)),
    # Readers add what is pending, so a late fold costs a report time, never correctness.
    Periodic("sla.fold_rollups", timedelta(minutes=1)),
    # Each vendor's digest goes out in the hour its wall clock reads 08:00.
    Periodic("notifications.sla_digest", timedelta(hours=1)),
    # Lead deadlines, in business time like the approval SLA's: recalls and late first touches.
    Periodic("leads.sweep", timedelta(minutes=1)),
    Periodic("leads.fold_rollups", timedelta(minutes=1)),
    # Webhook retries come due a minute after a failure and later.
    Periodic("webhooks.retry", timedelta(minutes=1)),
    Periodic("events.prune", timedelta(hours=1)),
    Periodic("auth.prune", timedelta(hours=1)),
]


def slot_of(now: datetime, every: timedelta) -> datetime:
    """The start of the period `now` falls in (periods counted from a fixed epoch)."""
    return _EPOCH + ((now - _EPOCH) // every) * every


async def enqueue_due(engine: AsyncEngine, schedule: list[Periodic]) -> list[str]:
    """Enqueue every periodic job whose current slot nobody has claimed; return their names."""
    enqueued = []
    async with transaction(make_sessionmaker(engine)) as session:
        now = await database_now(session)
        for periodic in schedule:
            if await repository.claim_slot(session, periodic.job, slot_of(now, periodic.every)):
                await enqueue(session, REGISTRY[periodic.job])
                enqueued.append(periodic.job)
    return enqueued


async def run_scheduler(
    engine: AsyncEngine,
    stop: asyncio.Event,
    *,
    schedule: list[Periodic] = SCHEDULE,
    tick_seconds: float = 5.0,
) -> None:
    while not stop.is_set():
        try:
            await _lead_while_possible(engine, stop, schedule, tick_seconds)
        except Exception:  # lost the database, or a tick failed: start over, leading afresh
            log.warning("scheduler stopped leading; retrying", exc_info=True)
            await sleep_or_stop(stop, tick_seconds)


async def _lead_while_possible(
    engine: AsyncEngine, stop: asyncio.Event, schedule: list[Periodic], tick_seconds: float
) -> None:
    async with engine.connect() as leader:
        try:
            while not stop.is_set() and not await repository.try_lead(leader, LEADER_LOCK):
                await sleep_or_stop(stop, tick_seconds)
            if stop.is_set():
                return
            log.info("scheduler leads")
            while not stop.is_set():
                await repository.still_connected(leader)
                due = await enqueue_due(engine, schedule)
                if due:
                    log.info("periodic jobs enqueued", jobs=due)
                await sleep_or_stop(stop, tick_seconds)
        finally:
            # The lock lives as long as this connection: never hand it back to the pool.
            await leader.invalidate()
