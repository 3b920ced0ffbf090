"""Jobs end to end on a real Redis and a real Dramatiq worker: a committed job runs once, a
rolled-back one never, a Redis outage delays jobs without losing them or failing the API, and
two schedulers enqueue each periodic slot once."""

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import dramatiq
import httpx
import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.db import make_sessionmaker, transaction
from dealreg.orgs.models import Role
from dealreg.outbox.jobs import enqueue
from dealreg.outbox.models import OutboxMessage
from dealreg.worker.broker import LoopSessions, close_broker, declare_actors, make_broker
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.relay import Relay
from dealreg.worker.runtime import Background
from dealreg.worker.scheduler import Periodic, run_scheduler
from tests.factories import Factory
from tests.servers import PrivateRedis
from tests.worker.conftest import RECORD_HIT, TICK, hits

REDIS_URL = os.environ.get("DEALREG_TEST_REDIS_URL")
pytestmark = [
    pytest.mark.skipif(not REDIS_URL, reason="DEALREG_TEST_REDIS_URL is not set"),
    pytest.mark.slow,
]


async def eventually(check: Callable[[], object], *, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():  # type: ignore[misc]
            return
        await asyncio.sleep(0.1)
    raise AssertionError("not reached in time")


def _url(engine: AsyncEngine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
async def background(hits_table: AsyncEngine, shared_redis_url: str) -> AsyncIterator[Background]:
    work = Background(_url(hits_table), shared_redis_url, worker_threads=2, with_scheduler=False)
    work.start()
    yield work
    await asyncio.to_thread(work.stop)


@pytest.mark.usefixtures("background")
async def test_a_committed_job_runs_once_and_a_rolled_back_one_never(
    hits_table: AsyncEngine,
) -> None:
    sessionmaker = make_sessionmaker(hits_table)

    async def rolled_back() -> None:
        async with transaction(sessionmaker) as session:
            await enqueue(session, RECORD_HIT, marker="rolled-back")
            raise LookupError("the request failed after enqueueing")

    with pytest.raises(LookupError):
        await rolled_back()
    async with transaction(sessionmaker) as session:
        await enqueue(session, RECORD_HIT, marker="committed")

    await eventually(lambda: _ran(hits_table, "committed"))
    await asyncio.sleep(1.0)  # give a second run, or the rolled-back job, time to show up
    assert await hits(hits_table, "committed") == 1
    assert await hits(hits_table, "rolled-back") == 0


async def _ran(engine: AsyncEngine, marker: str) -> bool:
    return await hits(engine, marker) > 0


@pytest.mark.usefixtures("background")
async def test_two_schedulers_run_each_periodic_job_once(hits_table: AsyncEngine) -> None:
    # A period no test run can straddle: exactly one slot is due.
    schedule = [Periodic(TICK.name, every=timedelta(days=3650))]
    stop = asyncio.Event()
    schedulers = [
        asyncio.create_task(run_scheduler(hits_table, stop, schedule=schedule, tick_seconds=0.1))
        for _ in range(2)
    ]
    await eventually(lambda: _ran(hits_table, "tick"))
    await asyncio.sleep(1.0)  # both schedulers keep ticking through the same slot
    stop.set()
    await asyncio.gather(*schedulers)
    assert await hits(hits_table, "tick") == 1


# --- a Redis outage, on a Redis server of the test's own --------------------------------------


async def test_while_redis_is_down_the_api_answers_and_jobs_wait_then_run_once(
    hits_table: AsyncEngine,
    private_redis: PrivateRedis,
    committing_client: httpx.AsyncClient,
    committed: Factory,
) -> None:
    admin = await committed.headers_for(await committed.platform(), Role.platform_admin)
    await committed.db.commit()
    broker = make_broker(private_redis.url)
    sessions = LoopSessions(_url(hits_table))
    declare_actors(broker, load_all_jobs(), sessions)
    worker = dramatiq.Worker(broker, worker_threads=1)
    worker.start()
    sessionmaker = make_sessionmaker(hits_table)
    try:
        private_redis.stop()

        response = await committing_client.post(
            "/v1/organizations",
            json={"kind": "partner", "name": "Made during the outage", "country": "US"},
            headers=admin,
        )
        assert response.status_code == 201
        async with transaction(sessionmaker) as session:
            await enqueue(session, RECORD_HIT, marker="outage")
        with pytest.raises(redis.ConnectionError):
            await Relay(sessionmaker, broker).once()
        async with sessionmaker() as session:
            waiting = await session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.sent_at.is_(None))
            )
        assert waiting == 1

        private_redis.start()
        await eventually(lambda: _relayed(sessionmaker, broker))
        await eventually(lambda: _ran(hits_table, "outage"))
        await asyncio.sleep(0.5)
        assert await hits(hits_table, "outage") == 1
    finally:
        if private_redis.process is None:
            private_redis.start()
        await asyncio.to_thread(worker.stop)
        close_broker(broker)


async def _relayed(sessionmaker: async_sessionmaker[AsyncSession], broker: dramatiq.Broker) -> bool:
    try:
        await Relay(sessionmaker, broker).once()
    except redis.ConnectionError:
        return False
    return True


async def test_jobs_relayed_to_a_redis_that_then_lost_everything_still_run_once(
    hits_table: AsyncEngine, private_redis: PrivateRedis
) -> None:
    sessionmaker = make_sessionmaker(hits_table)
    async with transaction(sessionmaker) as session:
        for _ in range(30):
            await enqueue(session, RECORD_HIT, marker="lost")
    broker = make_broker(private_redis.url)
    try:
        assert await Relay(sessionmaker, broker).once() == 30  # in Redis; no worker runs them yet
    finally:
        close_broker(broker)
    private_redis.stop()  # a Redis without persistence: its restart keeps nothing
    private_redis.start()

    work = Background(_url(hits_table), private_redis.url, worker_threads=2, with_scheduler=False)
    work.start()
    try:
        await eventually(lambda: _hit(hits_table, "lost", 30), seconds=30)
        await asyncio.sleep(1.0)  # nothing runs twice
        assert await hits(hits_table, "lost") == 30
    finally:
        await asyncio.to_thread(work.stop)


async def _hit(engine: AsyncEngine, marker: str, times: int) -> bool:
    return await hits(engine, marker) >= times
