"""Fixtures shared by the incentive API tests (plans, earnings, cancellation, preview) and the\nreport pages' tests."""

import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.incentives import service
from dealreg.incentives.models import Earning
from tests.factories import Factory
from tests.incentives.helpers import Enrolment, Settle, enrol
from tests.report_pages import Scene, make_scene


@pytest.fixture
def settle(sessionmaker: async_sessionmaker[AsyncSession]) -> Settle:
    """The settle job as a worker runs it: in a transaction of its own (a savepoint of the
    test's transaction, released), so it reads registrations as the requests left them."""

    async def run(registration_id: str) -> list[Earning]:
        async with sessionmaker() as session:
            rows = await service.settle(session, uuid.UUID(registration_id))
            await session.commit()
        return rows

    return run


@pytest.fixture
async def enrolment(client: httpx.AsyncClient, factory: Factory) -> Enrolment:
    return await enrol(client, factory)


@pytest.fixture
async def scene(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Scene:
    return await make_scene(client, db, factory)
