"""Jobs at the first two levels: the service writes the outbox row (or, rolled back, nothing);
the actor does the job's work when a message arrives, once per message."""

import asyncio
import sys
import uuid
from datetime import UTC, datetime, timedelta

import dramatiq
import pytest
import structlog
from dramatiq.brokers.stub import StubBroker
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from structlog.testing import capture_logs

from dealreg.db import make_sessionmaker, transaction
from dealreg.outbox.jobs import enqueue
from dealreg.outbox.models import OutboxMessage
from dealreg.outbox.repository import mark_done, try_lead
from dealreg.worker.broker import LoopSessions, declare_actors, make_broker
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.relay import BATCH, Relay
from dealreg.worker.scheduler import (
    LEADER_LOCK,
    SCHEDULE,
    Periodic,
    _lead_while_possible,
    enqueue_due,
    slot_of,
)
from tests.worker.conftest import RECORD_HIT, RECORD_OWN_HIT, hits


async def test_enqueue_writes_an_outbox_row_in_the_callers_transaction(db: AsyncSession) -> None:
    message = await enqueue(db, RECORD_HIT, marker="m1")
    stored = await db.get(OutboxMessage, message.id)
    assert stored is not None
    assert (stored.job, stored.payload, stored.sent_at) == (
        "tests.record_hit",
        {"marker": "m1"},
        None,
    )


async def test_enqueue_refuses_values_a_message_cannot_carry(db: AsyncSession) -> None:
    with pytest.raises(TypeError):
        await enqueue(db, RECORD_HIT, marker=object())


async def test_a_rolled_back_enqueue_leaves_nothing(committing_engine: AsyncEngine) -> None:
    sessionmaker = make_sessionmaker(committing_engine)

    async def failing_request() -> None:
        async with transaction(sessionmaker) as session:
            await enqueue(session, RECORD_HIT, marker="never")
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        await failing_request()
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.fixture
def stub_broker(migrated_scratch: str) -> tuple[dramatiq.Broker, LoopSessions]:
    broker = make_broker(None)
    sessions = LoopSessions(migrated_scratch)
    declare_actors(broker, load_all_jobs(), sessions)
    return broker, sessions


@pytest.fixture
def migrated_scratch(hits_table: AsyncEngine) -> str:
    return hits_table.url.render_as_string(hide_password=False)


async def drain(broker: dramatiq.Broker, *, threads: int) -> None:
    """Run every message waiting on the stub broker with `threads` worker threads."""
    worker = dramatiq.Worker(broker, worker_threads=threads)
    worker.start()
    try:
        await asyncio.to_thread(broker.join, RECORD_HIT.queue, fail_fast=True)
        await asyncio.to_thread(worker.join)
    finally:
        worker.stop()


async def test_the_relay_publishes_committed_rows_once_and_the_actor_runs_each_once(
    hits_table: AsyncEngine, stub_broker: tuple[StubBroker, LoopSessions]
) -> None:
    broker, _ = stub_broker
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        await enqueue(session, RECORD_HIT, marker="relayed")

    assert await Relay(sessionmaker, broker).once() == 1
    assert await Relay(sessionmaker, broker).once() == 0  # marked sent: not published twice

    await drain(broker, threads=1)
    assert await hits(hits_table, "relayed") == 1


async def test_a_redelivered_message_does_nothing_the_second_time(
    hits_table: AsyncEngine, stub_broker: tuple[StubBroker, LoopSessions]
) -> None:
    broker, _ = stub_broker
    message = dramatiq.Message(
        queue_name=RECORD_HIT.queue,
        actor_name=RECORD_HIT.name,
        args=(),
        kwargs={"marker": "twice"},
        options={},
        message_id=str(uuid.uuid4()),
    )
    broker.enqueue(message)
    broker.enqueue(message)  # at-least-once delivery: the same message again
    await drain(broker, threads=2)
    assert await hits(hits_table, "twice") == 1


async def test_a_copy_of_a_job_with_its_own_transactions_does_nothing_once_it_has_run(
    hits_table: AsyncEngine, stub_broker: tuple[StubBroker, LoopSessions]
) -> None:
    """The outbox sends a message again when its run was not recorded in time; once it is, the
    work (a mail, a webhook) must not happen a second time."""
    broker, _ = stub_broker
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        row = await enqueue(session, RECORD_OWN_HIT, marker="own")
    assert await Relay(sessionmaker, broker).once() == 1
    await drain(broker, threads=1)
    broker.enqueue(  # the same message again, as a resend or a redelivery brings it
        dramatiq.Message(
            queue_name=RECORD_OWN_HIT.queue,
            actor_name=RECORD_OWN_HIT.name,
            args=(),
            kwargs={"marker": "own"},
            options={},
            message_id=str(row.id),
        )
    )
    await drain(broker, threads=1)
    assert await hits(hits_table, "own") == 1


async def test_a_failing_broker_leaves_rows_for_the_next_pass(hits_table: AsyncEngine) -> None:
    class Down(StubBroker):
        def enqueue(self, message: object, *, delay: object = None) -> object:
            raise ConnectionError("broker is away")

    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        await enqueue(session, RECORD_HIT, marker="later")
    with pytest.raises(ConnectionError):
        await Relay(sessionmaker, Down()).once()
    async with sessionmaker() as session:
        unsent = await session.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        )
    assert unsent == 1


# Periods no test run can straddle: exactly one slot of each is due.
DECADE = timedelta(days=3650)
LONG_SCHEDULE = [Periodic(p.job, DECADE) for p in SCHEDULE]


async def test_two_schedulers_enqueue_each_periodic_slot_once(
    committing_engine: AsyncEngine,
) -> None:
    load_all_jobs()
    results = await asyncio.gather(
        enqueue_due(committing_engine, LONG_SCHEDULE), enqueue_due(committing_engine, LONG_SCHEDULE)
    )
    assert sorted(results[0] + results[1]) == sorted(p.job for p in SCHEDULE)
    assert await enqueue_due(committing_engine, LONG_SCHEDULE) == []  # same slot: claimed
    async with make_sessionmaker(committing_engine)() as session:
        queued = await session.scalars(select(OutboxMessage.job))
        assert sorted(queued) == sorted(p.job for p in SCHEDULE)


async def test_a_failing_tick_gives_up_the_leadership(committing_engine: AsyncEngine) -> None:
    broken = [Periodic("no.such.job", DECADE)]
    with pytest.raises(KeyError):
        await _lead_while_possible(committing_engine, asyncio.Event(), broken, tick_seconds=0.01)
    # Another scheduler can lead now: the failed one's connection, and its lock, are gone.
    async with committing_engine.connect() as other:
        assert await try_lead(other, LEADER_LOCK)
        await other.invalidate()


async def test_enqueue_checks_the_values_against_the_job(db: AsyncSession) -> None:
    with pytest.raises(TypeError):
        await enqueue(db, RECORD_HIT, markr="typo")
    with pytest.raises(TypeError):
        await enqueue(db, RECORD_HIT)


async def test_rows_of_a_job_this_version_lacks_are_parked_out_of_the_way_and_logged_once(
    hits_table: AsyncEngine,
    stub_broker: tuple[StubBroker, LoopSessions],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rolling deploy: a newer API wrote 120 rows of a job this worker does not know, before 43
    it does. The known ones go out at once; the others wait, unsent, for a newer relay."""
    broker, _ = stub_broker
    # A logger not used yet: one used before the last app was built keeps the processors of the
    # logging set up then (structlog caches them on first use), not those capture_logs replaces.
    monkeypatch.setattr(sys.modules[Relay.__module__], "log", structlog.get_logger("dealreg.relay"))
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        session.add_all(OutboxMessage(job="from.a.newer.version", payload={}) for _ in range(120))
        await session.flush()
        for _ in range(43):
            await enqueue(session, RECORD_HIT, marker="behind")
    relay = Relay(sessionmaker, broker)
    with capture_logs() as logs:
        while await relay.once() == BATCH:
            pass
        assert await relay.once() == 0  # the parked rows are not due again yet
    assert len(broker.queues[RECORD_HIT.queue].queue) == 43
    assert [entry["job"] for entry in logs if entry["log_level"] == "error"] == [
        "from.a.newer.version"
    ]
    async with sessionmaker() as session:
        parked = (
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.job == "from.a.newer.version")
            )
        ).all()
        now = await session.scalar(select(func.now()))
    assert len(parked) == 120
    assert all(row.sent_at is None and row.due_at > now for row in parked)


async def test_a_sent_message_not_run_in_time_is_sent_again_and_a_run_one_never(
    hits_table: AsyncEngine, stub_broker: tuple[StubBroker, LoopSessions]
) -> None:
    broker, _ = stub_broker
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        lost = await enqueue(session, RECORD_HIT, marker="lost")
        ran = await enqueue(session, RECORD_HIT, marker="ran")
    relay = Relay(sessionmaker, broker, resend_after=timedelta(milliseconds=300))
    assert await relay.once() == 2
    broker.flush_all()  # the broker drops both messages...
    async with transaction(sessionmaker) as session:
        await mark_done(session, ran.id)  # ...after one of them had run
    assert await relay.once() == 0  # not due yet
    await asyncio.sleep(0.4)
    assert await relay.once() == 1
    [encoded] = broker.queues[RECORD_HIT.queue].queue
    assert uuid.UUID(dramatiq.Message.decode(encoded).message_id) == lost.id
    async with sessionmaker() as session:
        row = await session.get(OutboxMessage, lost.id)
    assert row is not None
    assert row.sends == 2
    # The next send waits twice as long: a job that keeps failing is retried ever more seldom.
    assert row.sent_at is not None
    assert row.due_at - row.sent_at == timedelta(milliseconds=600)


def test_slots_are_whole_periods() -> None:
    every = timedelta(hours=1)
    assert slot_of(datetime(2026, 11, 23, 15, 59, 59, tzinfo=UTC), every) == datetime(
        2026, 11, 23, 15, tzinfo=UTC
    )
    assert slot_of(datetime(2026, 11, 23, 16, tzinfo=UTC), every) == datetime(
        2026, 11, 23, 16, tzinfo=UTC
    )


async def test_a_traced_job_run_is_a_span_holding_its_statements(
    hits_table: AsyncEngine, migrated_scratch: str
) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    broker = make_broker(None)
    declare_actors(
        broker, load_all_jobs(), LoopSessions(migrated_scratch, tracer_provider=provider)
    )
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        await enqueue(session, RECORD_HIT, marker="traced")
    assert await Relay(sessionmaker, broker).once() == 1
    await drain(broker, threads=1)
    provider.shutdown()
    spans = exporter.get_finished_spans()
    [run] = [span for span in spans if span.name == "job tests.record_hit"]
    inside = [s for s in spans if s.parent is not None and s.parent.span_id == run.context.span_id]
    assert any("test_job_hits" in str((s.attributes or {}).get("db.statement")) for s in inside)
