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


async def test_a_missing_field_is_pointed_at(client, factory) -> None:
    headers = await _platform_admin(factory)
    response = await client.post(
        "/v1/organizations", json={"kind": "partner", "country": "US"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"detail": "This field is required.", "code": "required", "pointer": "/name"}
    ]


async def test_an_empty_body_says_a_body_is_required(client, factory) -> None:
    headers = await _platform_admin(factory)
    response = await client.post(
        "/v1/organizations", content=b"", headers=headers | {"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"detail": "A JSON body is required.", "code": "required", "pointer": ""}
    ]


async def test_a_body_that_is_not_json_is_a_415(client, factory, db) -> None:
    headers = await _platform_admin(factory)
    before = await _organization_count(db)
    response = await client.post(
        "/v1/organizations", content=b"name=x", headers=headers | {"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.json()["type"].endswith("/unsupported-media-type")
    assert await _organization_count(db) == before


async def test_text_with_a_nul_character_is_a_field_error_not_a_crash(client, factory, db) -> None:
    headers = await _platform_admin(factory)
    before = await _organization_count(db)
    response = await client.post(
        "/v1/organizations",
        json={"kind": "partner", "name": "Nul\u0000Corp", "country": "US"},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/name"
    assert await _organization_count(db) == before

    vendor = await factory.vendor()
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    field = {"key": "q", "label": "Question\u0000", "type": "text"}
    program = await client.post(
        "/v1/programs",
        json={"name": "P", "currency": "USD", "extra_fields": [field]},
        headers=admin,
    )
    assert program.status_code == 422
    assert program.json()["errors"][0]["pointer"] == "/extra_fields/0/label"
