"""Conditional requests: strong ETags on reads, 304 for a current copy, If-Match on changes so a
stale update never overwrites a newer one."""

import asyncio

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.orgs.models import Organization, Role
from tests.factories import Factory
from tests.problems import assert_problem, if_match


@pytest.fixture
async def admin(factory: Factory) -> dict[str, str]:
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


async def test_a_read_sends_a_strong_etag_and_a_current_copy_is_304(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory
) -> None:
    vendor = await factory.vendor()
    url = f"/v1/organizations/{vendor.id}"
    first = await client.get(url, headers=admin)
    assert first.headers["etag"] == '"1"'

    cached = await client.get(url, headers=admin | {"If-None-Match": '"1"'})
    assert cached.status_code == 304
    assert cached.content == b""
    assert cached.headers["etag"] == '"1"'

    # A weak copy of the same version matches too: If-None-Match compares weakly.
    weak = await client.get(url, headers=admin | {"If-None-Match": 'W/"1", "7"'})
    assert weak.status_code == 304

    stale = await client.get(url, headers=admin | {"If-None-Match": '"0"'})
    assert stale.status_code == 200
    assert stale.json()["id"] == str(vendor.id)


@pytest.mark.parametrize(
    "path", ["/v1/organizations/{vendor}", "/v1/programs/{program}", "/v1/partnerships/{link}"]
)
async def test_every_single_read_is_tagged(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, path: str
) -> None:
    vendor = await factory.vendor()
    program = await factory.program(vendor)
    link = await factory.partnership(await factory.partner(), vendor)
    url = path.format(vendor=vendor.id, program=program.id, link=link.id)
    response = await client.get(url, headers=admin)
    assert response.headers["etag"] == f'"{response.json()["version"]}"'


async def test_a_patch_without_if_match_is_428_and_changes_nothing(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    response = await client.patch(
        f"/v1/organizations/{vendor.id}", json={"name": "Unguarded"}, headers=admin
    )
    assert_problem(response, 428, "precondition-required")
    await db.refresh(vendor)
    assert vendor.name != "Unguarded"


async def test_a_stale_if_match_is_412_and_a_current_one_succeeds_with_a_new_etag(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    url = f"/v1/organizations/{vendor.id}"
    updated = await client.patch(url, json={"name": "First"}, headers=admin | if_match(1))
    assert updated.status_code == 200
    assert updated.headers["etag"] == '"2"'

    stale = await client.patch(url, json={"name": "Lost update"}, headers=admin | if_match(1))
    problem = assert_problem(stale, 412, "stale-version")
    assert "version 2" in problem["detail"]
    assert stale.headers["etag"] == '"2"'
    await db.refresh(vendor)
    assert vendor.name == "First"


@pytest.mark.parametrize(
    ("header", "status"),
    [("*", 200), ('"9", "1"', 200), ('W/"1"', 412), ("1", 412), ('"one"', 412)],
)
async def test_if_match_forms(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, header: str, status: int
) -> None:
    vendor = await factory.vendor()
    response = await client.patch(
        f"/v1/organizations/{vendor.id}",
        json={"country": "SE"},
        headers=admin | {"If-Match": header},
    )
    assert response.status_code == status, response.text


@pytest.mark.parametrize("header", [None, '"3"', 'W/"1"', "garbage"])
async def test_a_missing_resource_is_404_before_any_precondition(
    client: httpx.AsyncClient, admin: dict[str, str], header: str | None
) -> None:
    headers = admin | ({"If-Match": header} if header else {})
    response = await client.patch(
        "/v1/organizations/00000000-0000-4000-8000-000000000000",
        json={"name": "X"},
        headers=headers,
    )
    assert_problem(response, 404, "organization-not-found")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/organizations", {"kind": "partner", "name": "Tagged Partner", "country": "US"}),
        ("/v1/programs", {"name": "Tagged Program", "currency": "USD"}),
    ],
)
async def test_a_create_sends_the_etag_a_first_patch_needs(
    client: httpx.AsyncClient, factory: Factory, path: str, body: dict[str, str]
) -> None:
    vendor = await factory.vendor()
    role = Role.platform_admin if path == "/v1/organizations" else Role.vendor_admin
    org = await factory.platform() if role is Role.platform_admin else vendor
    response = await client.post(path, json=body, headers=await factory.headers_for(org, role))
    assert response.status_code == 201
    assert response.headers["etag"] == '"1"'


async def test_a_hundred_concurrent_updates_of_one_version_let_exactly_one_win(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    admin = await committed.headers_for(await committed.platform(), Role.platform_admin)
    vendor = await committed.vendor()
    await committed.db.commit()
    url = f"/v1/organizations/{vendor.id}"

    responses = await asyncio.gather(
        *(
            committing_client.patch(url, json={"name": f"Writer {i}"}, headers=admin | if_match(1))
            for i in range(100)
        )
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [412] * 99
    winner = next(r for r in responses if r.status_code == 200).json()
    assert all(
        r.json()["type"].endswith("/stale-version") for r in responses if r.status_code == 412
    )
    async with committing_engine.connect() as conn:
        row = (
            await conn.execute(
                select(Organization.name, Organization.version).where(Organization.id == vendor.id)
            )
        ).one()
    assert (row.name, row.version) == (winner["name"], 2)
