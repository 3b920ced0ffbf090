"""The transaction belongs to the edge: a 2xx means the work is committed, and a commit that fails
is a 500 problem with nothing stored, never a quiet 2xx."""

import uuid

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.orgs.models import Organization, Role
from tests.factories import Factory

# Fires at COMMIT, after the handler returned and the flush succeeded: the only way a request's
# work can fail that late, which is what the unit of work must turn into an error.
FAIL_AT_COMMIT = [
    """CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused at commit'; END $$""",
    """CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON organizations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.name LIKE 'Fail At Commit%') EXECUTE FUNCTION test_fail_at_commit()""",
]


@pytest.fixture
async def admin(committed: Factory) -> dict[str, str]:
    headers = await committed.headers_for(await committed.platform(), Role.platform_admin)
    await committed.db.commit()
    return headers


@pytest.fixture
async def fail_at_commit(committing_engine: AsyncEngine) -> None:
    async with committing_engine.begin() as conn:
        for statement in FAIL_AT_COMMIT:
            await conn.execute(text(statement))


async def _stored(engine: AsyncEngine, name: str) -> bool:
    async with engine.connect() as conn:
        found = await conn.scalar(select(Organization.id).where(Organization.name == name))
    return found is not None


async def _create(client: httpx.AsyncClient, admin: dict[str, str], name: str) -> httpx.Response:
    return await client.post(
        "/v1/organizations", json={"kind": "partner", "name": name, "country": "US"}, headers=admin
    )


@pytest.mark.usefixtures("fail_at_commit")
async def test_a_failed_commit_is_a_500_problem_and_stores_nothing(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, admin: dict[str, str]
) -> None:
    name = f"Fail At Commit {uuid.uuid4().hex[:6]}"
    response = await _create(committing_client, admin, name)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/internal-error")
    assert "refused at commit" not in response.text  # no internals leak
    assert not await _stored(committing_engine, name)


@pytest.mark.usefixtures("fail_at_commit")
async def test_a_2xx_means_the_work_is_committed(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, admin: dict[str, str]
) -> None:
    name = f"Committed {uuid.uuid4().hex[:6]}"
    response = await _create(committing_client, admin, name)
    assert response.status_code == 201
    assert await _stored(committing_engine, name)


async def test_no_connection_compiles_plans_just_in_time(engine: AsyncEngine) -> None:
    # A report's plan over many rows costs enough for PostgreSQL to compile it, and compiling
    # took longer than it saved (db.SERVER_SETTINGS).
    async with engine.connect() as conn:
        assert await conn.scalar(text("SHOW jit")) == "off"
