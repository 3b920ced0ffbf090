"""The outbox relay: publishes due outbox rows to the broker; the outbox stays the truth until
each job's run is recorded.

- A row is due when written. Once sent it stays pending, due again `resend_after` later (then
  twice as long each time), until the actor that runs it marks it done in the job's own
  transaction. A message the broker dropped is so sent again; a second copy of one it did not
  drop finds the run record and does nothing (the actor wrapper), so sending twice is harmless
  and losing is not possible.
- A broker that lost everything (a Redis restarted without persistence, flushed, or failed over
  to an empty replica) is noticed at once rather than after `resend_after`: each send records the
  broker's epoch (broker.py), and rows sent under an epoch the broker no longer has are due again.
- A row of a job this version lacks (written by a newer version during a rolling deploy) is
  parked for `park_for`, logged once per job, and left for a relay that knows it; it never stands
  in front of the rows behind it.
- Rows are locked while being sent, with SKIP LOCKED: relays side by side share the work. If the
  broker is down, the transaction rolls back and the rows wait for the next pass; if the process
  dies between the broker accepting a message and the commit, the message is sent again.
"""

import asyncio
import time
import uuid
from datetime import timedelta

import dramatiq
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.db import transaction
from dealreg.loops import run_passes
from dealreg.outbox import repository
from dealreg.outbox.jobs import REGISTRY
from dealreg.outbox.models import OutboxMessage
from dealreg.worker.broker import broker_epoch

BATCH = 100
RESEND_AFTER = timedelta(minutes=15)
PARK_FOR = timedelta(minutes=1)
log = structlog.get_logger("dealreg.relay")


class Relay:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        broker: dramatiq.Broker,
        *,
        batch: int = BATCH,
        resend_after: timedelta = RESEND_AFTER,
        park_for: timedelta = PARK_FOR,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.broker = broker
        self.batch = batch
        self.resend_after = resend_after
        self.park_for = park_for
        # The broker epoch of the last pass: None at start, so the first pass looks for lost rows.
        self._epoch: str | None = None
        self._unknown_jobs: set[str] = set()

    async def once(self) -> int:
        """Send one batch of due rows; return how many rows it handled (sent or parked). Broker
        errors propagate, and then nothing is marked."""
        # The broker client blocks; keep the loop free for the scheduler's heartbeats.
        epoch = await asyncio.to_thread(broker_epoch, self.broker)
        async with transaction(self.sessionmaker) as session:
            if epoch != self._epoch:
                lost = await repository.due_again_if_lost(session, epoch)
                if lost:
                    log.warning("the broker lost messages it was sent; sending again", rows=lost)
            rows = await repository.claim_due(session, self.batch)
            sent: list[uuid.UUID] = []
            parked: list[uuid.UUID] = []
            for row in rows:
                if row.job in REGISTRY:
                    await asyncio.to_thread(self.broker.enqueue, _message(row))
                    sent.append(row.id)
                else:
                    parked.append(row.id)
                    self._unknown(row.job)
            if sent:
                await repository.mark_sent(session, sent, epoch, self.resend_after)
            if parked:
                await repository.postpone(session, parked, self.park_for)
        self._epoch = epoch
        return len(rows)

    async def run(self, stop: asyncio.Event) -> None:
        async def one_pass() -> bool:
            return await self.once() >= self.batch

        await run_passes(stop, one_pass, what="relay", log=log, idle_seconds=0.2)

    def _unknown(self, job: str) -> None:
        if job not in self._unknown_jobs:
            self._unknown_jobs.add(job)
            log.error(
                "outbox rows of a job this version lacks are left for a version that has it",
                job=job,
                retry_every_seconds=self.park_for.total_seconds(),
            )


def _message(row: OutboxMessage) -> dramatiq.Message[None]:
    spec = REGISTRY[row.job]
    return dramatiq.Message(
        queue_name=spec.queue,
        actor_name=spec.name,
        args=(),
        kwargs=row.payload,
        options={},
        message_id=str(row.id),
        message_timestamp=int(time.time() * 1000),
    )
