"""The transaction belongs to the edge: a 2xx means the work is committed, and a commit that fails
is a 500 problem with nothing stored, never a quiet 2xx."""

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.app import create_app
from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.auth.tokens import Principal, TokenService
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from dealreg.orgs.models import Organization, OrgKind, Role

# Fires at COMMIT, after the handler returned and the flush succeeded: the only way a request's
# work can fail that late, which is what the transaction dependency must turn into an error.
FAIL_AT_COMMIT = [
    """CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused at commit'; END $$""",
    """CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON organizations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.name LIKE 'Fail At Commit%') EXECUTE FUNCTION test_fail_at_commit()""",
]


@pytest.fixture
async def committing_client(
    engine: AsyncEngine, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """The app on a real engine: its requests commit for real (no enclosing test transaction)."""
    app = create_app(settings, sessionmaker=make_sessionmaker(engine))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        yield client


@pytest.fixture
async def fail_at_commit(engine: AsyncEngine) -> AsyncIterator[None]:
    async with engine.begin() as conn:
        for statement in FAIL_AT_COMMIT:
            await conn.execute(text(statement))
    yield
    async with engine.begin() as conn:
        await conn.execute(text("DROP TRIGGER test_fail_at_commit ON organizations"))
        await conn.execute(text("DROP FUNCTION test_fail_at_commit()"))
        await conn.execute(delete(Organization).where(Organization.name.like("Committed %")))


def _platform_admin_headers(tokens: TokenService) -> dict[str, str]:
    principal = Principal(
        kind="user",
        subject_id=uuid.uuid4(),
        organization_id=uuid.uuid4(),
        org_kind=OrgKind.platform,
        role=Role.platform_admin,
        scopes=ROLE_SCOPES[Role.platform_admin],
        client_id="tests",
    )
    return {"Authorization": f"Bearer {tokens.mint(principal)}"}


async def _stored(engine: AsyncEngine, name: str) -> bool:
    async with engine.connect() as conn:
        found = await conn.scalar(select(Organization.id).where(Organization.name == name))
    return found is not None


@pytest.mark.usefixtures("fail_at_commit")
async def test_a_failed_commit_is_a_500_problem_and_stores_nothing(
    committing_client: httpx.AsyncClient, engine: AsyncEngine, tokens: TokenService
) -> None:
    name = f"Fail At Commit {uuid.uuid4().hex[:6]}"
    response = await committing_client.post(
        "/v1/organizations",
        json={"kind": "partner", "name": name, "country": "US"},
        headers=_platform_admin_headers(tokens),
    )
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/internal-error")
    assert "refused at commit" not in response.text  # no internals leak
    assert not await _stored(engine, name)


@pytest.mark.usefixtures("fail_at_commit")
async def test_a_2xx_means_the_work_is_committed(
    committing_client: httpx.AsyncClient, engine: AsyncEngine, tokens: TokenService
) -> None:
    name = f"Committed {uuid.uuid4().hex[:6]}"
    response = await committing_client.post(
        "/v1/organizations",
        json={"kind": "partner", "name": name, "country": "US"},
        headers=_platform_admin_headers(tokens),
    )
    assert response.status_code == 201
    assert await _stored(engine, name)
