"""The outbox relay: publishes committed outbox rows to the broker and marks them sent.

A row is marked sent in the same transaction that locked it, after the broker accepted it. If the
broker is down, the transaction rolls back and the rows wait for the next pass; if the process
dies between the broker accepting a message and the commit, the message is sent again, which the
actor wrapper's run record makes harmless.
"""

import asyncio
import time

import dramatiq
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.db import transaction
from dealreg.worker import repository
from dealreg.worker.jobs import REGISTRY
from dealreg.worker.loops import run_passes

BATCH = 100
log = structlog.get_logger("dealreg.relay")


async def relay_once(
    sessionmaker: async_sessionmaker[AsyncSession], broker: dramatiq.Broker, *, batch: int = BATCH
) -> int:
    """Publish one batch; return how many were sent. Broker errors propagate (nothing is marked)."""
    async with transaction(sessionmaker) as session:
        rows = await repository.claim_unsent(session, batch)
        sent = []
        for row in rows:
            spec = REGISTRY.get(row.job)
            if spec is None:
                # Written by a newer version (a rolling deploy): left for a relay that knows it.
                log.error(
                    "outbox message for a job this version lacks", job=row.job, id=str(row.id)
                )
                continue
            message: dramatiq.Message[None] = dramatiq.Message(
                queue_name=spec.queue,
                actor_name=spec.name,
                args=(),
                kwargs=row.payload,
                options={},
                message_id=str(row.id),
                message_timestamp=int(time.time() * 1000),
            )
            # The broker client blocks; keep the loop free for the scheduler's heartbeats.
            await asyncio.to_thread(broker.enqueue, message)
            sent.append(row.id)
        if sent:
            await repository.mark_sent(session, sent)
        return len(sent)


async def run_relay(
    sessionmaker: async_sessionmaker[AsyncSession], broker: dramatiq.Broker, stop: asyncio.Event
) -> None:
    async def one_pass() -> bool:
        return await relay_once(sessionmaker, broker) >= BATCH

    await run_passes(stop, one_pass, what="relay", log=log, idle_seconds=0.2)
