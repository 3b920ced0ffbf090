"""A job for the tests: it records each run in a table of the test's own database, so a test can
count how often it ran."""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.outbox.jobs import REGISTRY, Job, job


async def _record_hit(session: AsyncSession, marker: str) -> None:
    await session.execute(text("INSERT INTO test_job_hits (marker) VALUES (:m)"), {"m": marker})


RECORD_HIT: Job = REGISTRY.get("tests.record_hit") or job("tests.record_hit", max_retries=3)(
    _record_hit
)


async def _record_own_hit(sessions: async_sessionmaker[AsyncSession], marker: str) -> None:
    async with sessions() as session:
        await _record_hit(session, marker)
        await session.commit()


# A job with transactions of its own, as a call to another server is.
RECORD_OWN_HIT: Job = REGISTRY.get("tests.record_own_hit") or job(
    "tests.record_own_hit", own_transactions=True
)(_record_own_hit)


async def _tick(session: AsyncSession) -> None:
    await _record_hit(session, "tick")


# A job with no values, as periodic jobs are.
TICK: Job = REGISTRY.get("tests.tick") or job("tests.tick")(_tick)


@pytest.fixture
async def hits_table(committing_engine: AsyncEngine) -> AsyncEngine:
    async with committing_engine.begin() as conn:
        await conn.execute(text("CREATE TABLE test_job_hits (marker text NOT NULL)"))
    return committing_engine


async def hits(engine: AsyncEngine, marker: str) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            text("SELECT count(*) FROM test_job_hits WHERE marker = :m"), {"m": marker}
        )
    return int(count or 0)
