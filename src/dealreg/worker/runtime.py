"""Background work of one process: Dramatiq worker threads, the outbox relay and the scheduler.

`dealreg worker` runs it on Redis. `dealreg serve` without `DEALREG_REDIS_URL` runs it beside the
API on Dramatiq's in-memory broker, so the one-command demo does everything; messages then live
only in that process, which is why production sets a Redis URL.
"""

import asyncio
import threading
from datetime import timedelta
from typing import TYPE_CHECKING

import dramatiq
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg import subscriptions
from dealreg.loops import run_passes
from dealreg.metrics import (
    OUTBOX_OLDEST_SECONDS,
    OUTBOX_PENDING,
    SLA_SWEEP_LAG_SECONDS,
)
from dealreg.outbox import repository
from dealreg.sla.repository import sweep_lag_seconds
from dealreg.webhook_payloads import resource_for
from dealreg.webhooks import tasks as webhooks
from dealreg.worker.broker import LoopSessions, close_broker, declare_actors, make_broker
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.relay import RESEND_AFTER, Relay
from dealreg.worker.scheduler import run_scheduler

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

log = structlog.get_logger("dealreg.worker")
# Often enough for an alert to fire within a minute; one cheap read of two indexes each time.
BACKLOG_EVERY_SECONDS = 15.0


class Background:
    def __init__(
        self,
        database_url: str,
        redis_url: str | None,
        *,
        worker_threads: int = 4,
        with_scheduler: bool = True,
        heartbeat_timeout_ms: int = 60_000,
        maintenance_chance: int = 1000,
        webhooks_allow_private: bool = False,
        outbox_resend_after: timedelta = RESEND_AFTER,
        tracer_provider: "TracerProvider | None" = None,
    ) -> None:
        webhooks.configure(webhooks.Sender(allow_private=webhooks_allow_private))
        # Each worker thread may hold a connection, and the relay and scheduler one each.
        self.sessions = LoopSessions(
            database_url, pool_size=worker_threads + 2, tracer_provider=tracer_provider
        )
        self.broker = make_broker(
            redis_url,
            heartbeat_timeout_ms=heartbeat_timeout_ms,
            maintenance_chance=maintenance_chance,
        )
        # Jobs change registrations too (expiry, the SLA sweep): what follows a change follows.
        subscriptions.install()
        declare_actors(self.broker, load_all_jobs(), self.sessions)
        # An idle consumer looks for new messages this often (milliseconds; Dramatiq's default is
        # a second): a webhook is due at the receiver within about two seconds of its change.
        self.worker = dramatiq.Worker(
            self.broker, worker_threads=worker_threads, worker_timeout=100
        )
        self.with_scheduler = with_scheduler
        self.outbox_resend_after = outbox_resend_after
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run_loops, name="dealreg-relay", daemon=True)

    def start(self) -> None:
        self.worker.start()
        self._thread.start()
        if not self._ready.wait(timeout=10):
            raise RuntimeError("the relay and scheduler did not start")
        log.info("background work started", broker=type(self.broker).__name__)

    def stop(self) -> None:
        if self._thread.is_alive() and self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(timeout=30)
        # Jobs under way get this long to finish; Dramatiq redelivers the others later.
        self.worker.stop(timeout=30_000)
        close_broker(self.broker)

    def _run_loops(self) -> None:
        asyncio.run(self._loops())

    async def _loops(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._ready.set()
        sessionmaker = self.sessions()
        tasks = [
            Relay(sessionmaker, self.broker, resend_after=self.outbox_resend_after).run(self._stop),
            webhooks.run_dispatcher(sessionmaker, self._stop, resource_for),
        ]
        if self.with_scheduler:
            tasks.append(run_scheduler(self.sessions.engine(), self._stop))
        tasks.append(observe_backlog(sessionmaker, self._stop))
        try:
            await asyncio.gather(*tasks)
        finally:
            await self.sessions.dispose()


async def observe_backlog(
    sessionmaker: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    *,
    every_seconds: float = BACKLOG_EVERY_SECONDS,
) -> None:
    """Keep the backlog gauges current: outbox rows whose job has not run, and the SLA sweep's
    lag (every worker process reports; the exposition keeps the largest)."""

    async def one_pass() -> bool:
        async with sessionmaker() as session:
            outbox = await repository.backlog(session)
            lag = await sweep_lag_seconds(session)
        OUTBOX_PENDING.labels("unsent").set(outbox.unsent)
        OUTBOX_PENDING.labels("sent").set(outbox.sent)
        OUTBOX_OLDEST_SECONDS.set(outbox.oldest_seconds)
        SLA_SWEEP_LAG_SECONDS.set(lag)
        return False

    await run_passes(stop, one_pass, what="backlog", log=log, idle_seconds=every_seconds)
