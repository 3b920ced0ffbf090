"""The headers every answer carries: nothing sniffed, nothing kept but a read meant to be
revalidated by its ETag, no server banner (through granian itself), and the pages' own
Content-Security-Policy (Swagger UI's is tested in test_docs.py)."""

from typing import Any

import httpx
import pytest

from dealreg.orgs.models import Role
from tests.factories import Factory

Headers = dict[str, str]


@pytest.fixture
async def admin(factory: Factory) -> Headers:
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


async def answers(client: httpx.AsyncClient, admin: Headers) -> dict[str, httpx.Response]:
    """One answer of each kind: reads, writes, refusals, public routes, unknown routes."""
    created = await client.post(
        "/v1/organizations",
        json={"kind": "partner", "name": "Headers Partner", "country": "NO"},
        headers=admin | {"Idempotency-Key": "headers-1"},
    )
    org = f"/v1/organizations/{created.json()['id']}"
    return {
        "created": created,
        "replayed": await client.post(
            "/v1/organizations",
            json={"kind": "partner", "name": "Headers Partner", "country": "NO"},
            headers=admin | {"Idempotency-Key": "headers-1"},
        ),
        "list": await client.get("/v1/organizations", headers=admin),
        "me": await client.get("/v1/me", headers=admin),
        "bad body": await client.post("/v1/organizations", json={"kind": 1}, headers=admin),
        "bad token": await client.get("/v1/me", headers={"Authorization": "Bearer nope"}),
        "no token": await client.get("/v1/me"),
        "not found": await client.get(f"{org}x", headers=admin),
        "no route": await client.get("/v1/nothing-here", headers=admin),
        "token": await client.post(
            "/v1/oauth/token",
            data={"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"},
        ),
        "health": await client.get("/health"),
        "spec": await client.get("/docs/openapi.json"),
        "docs": await client.get("/docs"),
        "page": await client.get("/reports/sla"),
    }


async def test_every_answer_says_nosniff_once(client: httpx.AsyncClient, admin: Headers) -> None:
    for name, response in (await answers(client, admin)).items():
        assert response.headers.get_list("x-content-type-options") == ["nosniff"], name


async def test_nothing_is_kept_but_a_read_meant_to_be_revalidated(
    client: httpx.AsyncClient, admin: Headers
) -> None:
    seen = await answers(client, admin)
    assert seen["replayed"].headers["idempotent-replayed"] == "true"
    for name, response in seen.items():
        assert response.headers.get_list("cache-control") == ["no-store"], name

    org = f"/v1/organizations/{seen['created'].json()['id']}"
    read = await client.get(org, headers=admin)
    assert read.headers["etag"] == '"1"'
    assert read.headers.get_list("cache-control") == ["private, no-cache"]
    unchanged = await client.get(org, headers=admin | {"If-None-Match": '"1"'})
    assert unchanged.status_code == 304
    assert unchanged.headers.get_list("cache-control") == ["private, no-cache"]


async def test_the_pages_keep_their_own_policy(client: httpx.AsyncClient) -> None:
    # Unsigned, /reports/sla redirects to the sign-in page: the page every browser may see.
    page = await client.get("/reports/signed-out")
    (policy,) = page.headers.get_list("content-security-policy")
    assert "style-src 'sha256-" in policy
    assert page.headers.get_list("cache-control") == ["no-store"]


async def test_granian_names_no_server(live_url: str, factory: Factory) -> None:
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    async with httpx.AsyncClient(base_url=live_url) as live:
        seen: list[Any] = [
            await live.get("/v1/me", headers=headers),
            await live.get("/v1/me"),
            await live.get("/nothing-here"),
            await live.get("/docs"),
        ]
    for response in seen:
        assert response.headers.get("server", "") == "", response.headers
        assert response.headers["x-content-type-options"] == "nosniff"
