"""Every error is an RFC 9457 problem: malformed bodies, wrong types, oversize bodies, unknown
routes and methods, and crashes, which never show internals."""

from sqlalchemy import func, select

from dealreg.orgs.models import Organization, Role
from tests.factories import Factory

PROBLEM = "application/problem+json"


async def _platform_admin(factory: Factory) -> dict[str, str]:
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


async def _organization_count(db) -> int:
    return await db.scalar(select(func.count()).select_from(Organization))


async def test_malformed_json_is_a_400_problem_and_writes_nothing(client, factory, db) -> None:
    headers = await _platform_admin(factory)
    before = await _organization_count(db)
    response = await client.post(
        "/v1/organizations",
        content=b'{"kind": "partner", "name": ',
        headers=headers | {"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("/malformed-body")
    assert await _organization_count(db) == before


async def test_wrong_types_are_a_422_problem_with_field_pointers(client, factory, db) -> None:
    headers = await _platform_admin(factory)
    before = await _organization_count(db)
    response = await client.post(
        "/v1/organizations",
        json={"kind": "partner", "name": 42, "country": "US"},
        headers=headers,
    )
    assert response.status_code == 422
    body = response.json()
    assert response.headers["content-type"] == PROBLEM
    assert body["type"].endswith("/validation-error")
    assert body["errors"][0]["pointer"] == "/name"
    assert await _organization_count(db) == before


async def test_a_body_over_one_megabyte_is_a_413_problem(client, factory, db) -> None:
    headers = await _platform_admin(factory)
    before = await _organization_count(db)
    huge = b'{"kind": "partner", "country": "US", "name": "' + b"x" * 1_100_000 + b'"}'
    response = await client.post(
        "/v1/organizations", content=huge, headers=headers | {"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"].endswith("/payload-too-large")
    assert await _organization_count(db) == before


async def test_unknown_route_and_wrong_method_are_problems(client) -> None:
    missing = await client.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    assert missing.json()["type"].endswith("/not-found")

    wrong_method = await client.delete("/health")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["content-type"] == PROBLEM
    assert wrong_method.json()["type"].endswith("/method-not-allowed")


async def test_every_response_carries_a_request_id(client) -> None:
    made = await client.get("/health")
    assert len(made.headers["x-request-id"]) == 32

    echoed = await client.get("/v1/me", headers={"X-Request-ID": "phone-retry-7"})
    assert echoed.status_code == 401
    assert echoed.headers["x-request-id"] == "phone-retry-7"

    unsafe = await client.get("/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["x-request-id"] != "bad id\twith spaces"

    unrouted = await client.get("/nowhere")
    assert unrouted.headers["x-request-id"]


async def test_large_responses_are_gzipped_for_clients_that_accept_it(client) -> None:
    response = await client.get("/docs/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    small = await client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers
    # httpx decompressed it: the body is the document.
    assert response.json()["openapi"].startswith("3.1")
