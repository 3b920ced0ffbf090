"""The Dramatiq broker and the actors of every registered job.

Actors are declared on a broker built from the settings at start-up, never at import: importing a
jobs module registers a plain function and touches no broker.
"""

import asyncio
import time
import uuid
import weakref
from typing import TYPE_CHECKING, Any, cast

import dramatiq
import redis
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import AsyncIO, CurrentMessage, Middleware
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.metrics import JOB_RETRIES, JOB_SECONDS, JOBS
from dealreg.outbox import repository
from dealreg.outbox.jobs import Job
from dealreg.tracing import instrument_engine, job_span

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider


def make_broker(
    redis_url: str | None,
    *,
    heartbeat_timeout_ms: int = 60_000,
    maintenance_chance: int = 1000,
) -> dramatiq.Broker:
    """Redis when configured; otherwise Dramatiq's in-memory broker, for one process. A Redis
    worker that dies holding messages has them redelivered once its heartbeat is older than
    `heartbeat_timeout_ms`, noticed by `maintenance_chance` commands in a million of another."""
    broker: dramatiq.Broker
    if redis_url:
        # Bounded waits: an unreachable Redis must fail a relay pass, not hang it (and its locks).
        client = redis.Redis.from_url(
            redis_url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30
        )
        broker = RedisBroker(  # type: ignore[no-untyped-call]  # untyped upstream
            client=client,
            heartbeat_timeout=heartbeat_timeout_ms,
            maintenance_chance=maintenance_chance,
        )
    else:
        broker = StubBroker()
    broker.add_middleware(AsyncIO())
    broker.add_middleware(CurrentMessage())
    return broker


# A key of the broker's own store, made when absent: while it has the value a message was sent
# under, the store still has what it was sent.
_EPOCH_KEY = "dealreg:broker-epoch"
# The in-memory broker's store is its process: one epoch for each broker's life.
_memory_epochs: "weakref.WeakKeyDictionary[dramatiq.Broker, str]" = weakref.WeakKeyDictionary()


def broker_epoch(broker: dramatiq.Broker) -> str:
    """Which life of the broker's store this is. It changes when the store loses its data (a
    Redis restarted without persistence, flushed, or failed over to an empty replica), and with
    it every message it held: what was sent under an older epoch must be sent again."""
    if not isinstance(broker, RedisBroker):
        return _memory_epochs.setdefault(broker, uuid.uuid4().hex)
    client = broker.client
    value = cast("bytes | None", client.get(_EPOCH_KEY))
    if value is None:
        fresh = uuid.uuid4().hex
        if client.set(_EPOCH_KEY, fresh, nx=True):
            return fresh
        value = cast("bytes", client.get(_EPOCH_KEY))  # another relay made it first
    return value.decode()


def close_broker(broker: dramatiq.Broker) -> None:
    """Close `broker` and its Redis connections (RedisBroker.close leaves its client's pool
    open, and its sockets would linger until the process ends)."""
    broker.close()
    if isinstance(broker, RedisBroker):
        broker.client.close()


class LoopSessions:
    """A sessionmaker per event loop: asyncpg connections belong to the loop that opened them,
    and Dramatiq runs async actors on a loop thread of its own."""

    def __init__(
        self,
        database_url: str,
        pool_size: int = 5,
        tracer_provider: "TracerProvider | None" = None,
    ) -> None:
        self.database_url = database_url
        self.pool_size = pool_size
        self.tracer_provider = tracer_provider
        self._engines: dict[asyncio.AbstractEventLoop, AsyncEngine] = {}

    def engine(self) -> AsyncEngine:
        loop = asyncio.get_running_loop()
        engine = self._engines.get(loop)
        if engine is None:
            engine = self._engines[loop] = make_engine(
                self.database_url, pool_size=self.pool_size, metrics_name="jobs"
            )
            instrument_engine(engine, self.tracer_provider)
        return engine

    def __call__(self) -> async_sessionmaker[AsyncSession]:
        return make_sessionmaker(self.engine())

    async def dispose(self) -> None:
        """Close the current loop's engine (each loop closes its own)."""
        engine = self._engines.pop(asyncio.get_running_loop(), None)
        if engine is not None:
            await engine.dispose()


class _CloseSessions(Middleware):
    """Closes the actors' database connections on their own loop when the worker stops (after
    its threads are done, before the AsyncIO middleware stops that loop)."""

    def __init__(self, sessions: LoopSessions) -> None:
        self.sessions = sessions

    def after_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is not None:
            loop_thread.run_coroutine(self.sessions.dispose())


def declare_actors(
    broker: dramatiq.Broker, jobs: dict[str, Job], sessions: LoopSessions
) -> dict[str, dramatiq.Actor[Any, Any]]:
    broker.add_middleware(_CloseSessions(sessions), after=AsyncIO)
    return {name: _declare(broker, spec, sessions) for name, spec in jobs.items()}


def _declare(
    broker: dramatiq.Broker, spec: Job, sessions: LoopSessions
) -> dramatiq.Actor[Any, Any]:
    async def run(**values: Any) -> None:
        message = CurrentMessage.get_current_message()
        if message is None:
            raise RuntimeError("jobs run only as Dramatiq messages")
        if message.options.get("retries"):
            JOB_RETRIES.labels(spec.name).inc()
        started = time.perf_counter()
        outcome = "failed"
        try:
            with job_span(sessions.tracer_provider, spec.name):
                await _run_once(spec, sessions, uuid.UUID(message.message_id), values)
            outcome = "ok"
        finally:
            JOBS.labels(spec.name, outcome).inc()
            JOB_SECONDS.labels(spec.name).observe(time.perf_counter() - started)

    run.__name__ = spec.name
    return dramatiq.Actor(
        run,
        broker=broker,
        actor_name=spec.name,
        queue_name=spec.queue,
        priority=0,
        options={
            "max_retries": spec.max_retries,
            "min_backoff": spec.min_backoff_ms,
            "max_backoff": spec.max_backoff_ms,
        },
    )


async def _run_once(
    spec: Job, sessions: LoopSessions, message_id: uuid.UUID, values: dict[str, Any]
) -> None:
    if spec.own_transactions:
        # Its work commits as it goes and is safe to repeat; the run is recorded once done. A
        # copy of a message whose run is recorded (the outbox sent it again) does nothing.
        async with sessions()() as session:
            if await repository.has_run(session, message_id):
                return
        await spec.fn(sessions(), **values)
        async with transaction(sessions()) as session:
            if spec.record_run:
                await repository.start_run(session, message_id, spec.name)
            await repository.mark_done(session, message_id)
        return
    async with transaction(sessions()) as session:
        if await repository.start_run(session, message_id, spec.name):
            await spec.fn(session, **values)
        await repository.mark_done(session, message_id)
