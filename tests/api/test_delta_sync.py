"""Delta sync with `updated_since` and the cursor: a client that keeps polling with its cursor
sees every change exactly once, even when transactions commit out of order."""

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker
from dealreg.orgs.models import Organization, OrgKind, Role
from tests.factories import Factory
from tests.problems import assert_problem, if_match

ORGS = "/v1/organizations"
EPOCH = "2000-01-01T00:00:00Z"


async def poll(
    client: httpx.AsyncClient, headers: dict[str, str], cursor: str | None
) -> tuple[list[dict[str, object]], str]:
    params = {"kind": "partner", "limit": "2"}
    params |= {"cursor": cursor} if cursor else {"updated_since": EPOCH}
    response = await client.get(ORGS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"], "a delta page always carries a cursor"
    return body["items"], body["next_cursor"]


async def drain(
    client: httpx.AsyncClient, headers: dict[str, str], cursor: str | None
) -> tuple[list[dict[str, object]], str]:
    seen: list[dict[str, object]] = []
    while True:
        items, cursor = await poll(client, headers, cursor)
        seen += items
        if not items:
            return seen, cursor


async def test_changes_come_oldest_first_and_a_cursor_resumes_after_them(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    first, second, third = [await factory.partner() for _ in range(3)]

    seen, cursor = await drain(client, admin, None)
    assert [item["id"] for item in seen] == [str(first.id), str(second.id), str(third.id)]

    nothing, same = await poll(client, admin, cursor)
    assert (nothing, same) == ([], cursor)

    patched = await client.patch(
        f"{ORGS}/{first.id}", json={"country": "DK"}, headers=admin | if_match(1)
    )
    assert patched.status_code == 200
    changed, _ = await drain(client, admin, cursor)
    assert [(item["id"], item["country"]) for item in changed] == [(str(first.id), "DK")]


async def test_updated_since_skips_older_changes(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    await factory.partner()
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    response = await client.get(
        ORGS, params={"kind": "partner", "updated_since": future}, headers=admin
    )
    assert response.json()["items"] == []
    assert response.json()["next_cursor"]


async def test_a_creation_cursor_cannot_continue_a_delta_sync(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    for _ in range(3):
        await factory.partner()
    page = (await client.get(ORGS, params={"limit": "1"}, headers=admin)).json()
    response = await client.get(
        ORGS, params={"cursor": page["next_cursor"], "updated_since": EPOCH}, headers=admin
    )
    assert_problem(response, 400, "invalid-cursor")


@pytest.fixture
async def admin(committed: Factory) -> dict[str, str]:
    headers = await committed.headers_for(await committed.platform(), Role.platform_admin)
    await committed.db.commit()
    return headers


def _partner(name: str) -> Organization:
    return Organization(kind=OrgKind.partner, name=name, country="US")


async def test_a_row_committed_late_is_not_skipped(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, admin: dict[str, str]
) -> None:
    async with make_sessionmaker(committing_engine)() as slow:
        # Stamped first, committed last: the case that loses rows with a plain timestamp cursor.
        slow.add(_partner("Slow writer"))
        await slow.flush()
        fast = await committing_client.post(
            ORGS, json={"kind": "partner", "name": "Fast writer", "country": "US"}, headers=admin
        )
        assert fast.status_code == 201

        held_back, cursor = await poll(committing_client, admin, None)
        assert held_back == []
        await slow.commit()

    seen, _ = await drain(committing_client, admin, cursor)
    assert [item["name"] for item in seen] == ["Slow writer", "Fast writer"]


async def test_polling_during_concurrent_writes_misses_nothing_and_repeats_nothing(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, admin: dict[str, str]
) -> None:
    sessionmaker = make_sessionmaker(committing_engine)
    rng = random.Random(7)  # noqa: S311 - test timing, not security
    written: list[str] = []

    async def writer(n: int) -> None:
        await asyncio.sleep(rng.random() / 20)
        async with sessionmaker() as session:
            name = f"Concurrent {n} {uuid.uuid4().hex[:6]}"
            session.add(_partner(name))
            await session.flush()
            await asyncio.sleep(rng.random() / 10)  # hold the transaction open a while
            await session.commit()
            written.append(name)

    seen: list[str] = []
    writers = asyncio.gather(*(writer(n) for n in range(40)))
    cursor = None
    while not writers.done():
        items, cursor = await poll(committing_client, admin, cursor)
        seen += [str(item["name"]) for item in items]
        await asyncio.sleep(0.005)
    await writers
    rest, _ = await drain(committing_client, admin, cursor)
    seen += [str(item["name"]) for item in rest]

    assert sorted(seen) == sorted(written)
    assert len(seen) == len(set(seen)) == 40
