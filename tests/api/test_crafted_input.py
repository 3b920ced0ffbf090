"""Crafted input is a 4xx problem naming what is wrong, never a 500: bodies nested past any use,
days and instants outside the range the API takes (1970-01-01 to 2200-12-31 in UTC, whatever the
offset), a cursor carrying such an instant, and webhook URLs the URL parser or IDNA cannot read.
Each refusal writes nothing."""

import base64
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Base
from dealreg.orgs.models import Role
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem, count_rows

Headers = dict[str, str]


DEEP = b"[" * 1000 + b"]" * 1000
DEEPER = b'{"a":' * 5000 + b"1" + b"}" * 5000
# Decodes, but nests past any schema of the API: refused before anything walks it.
DEEP_ENOUGH = b'{"name":' + b"[" * 40 + b"]" * 40 + b"}"


async def rows(db: AsyncSession) -> dict[str, int]:
    return {
        mapper.class_.__tablename__: await count_rows(db, mapper.class_)
        for mapper in Base.registry.mappers
    }


def errors_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = body["errors"]
    return errors


@pytest.fixture
async def admin(factory: Factory) -> Headers:
    return await factory.headers_for(await factory.vendor(), Role.vendor_admin)


@pytest.mark.parametrize(
    "body", [DEEP, DEEPER, DEEP_ENOUGH], ids=["array-1000", "object-5000", "member-41"]
)
@pytest.mark.parametrize("idempotent", [False, True], ids=["plain", "idempotency-key"])
async def test_a_body_nested_past_any_use_is_a_400_on_the_body(
    client: httpx.AsyncClient, db: AsyncSession, admin: Headers, body: bytes, idempotent: bool
) -> None:
    before = await rows(db)
    headers = admin | {"Content-Type": "application/json"}
    if idempotent:
        headers["Idempotency-Key"] = str(uuid.uuid4())
    response = await client.post("/v1/programs", content=body, headers=headers)
    problem = assert_problem(response, 400, "malformed-body")
    assert "nest" in problem["detail"]
    assert await rows(db) == before


@pytest.mark.parametrize(
    "path", ["/v1/reports/sla", "/v1/reports/sla/breaches", "/v1/reports/leads", "/reports/sla"]
)
@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("to", "9999-12-31"),
        ("to", "0001-01-05"),
        ("from", "0001-01-01"),
        ("from", "1969-12-31"),
        ("to", "2201-01-01"),
    ],
)
async def test_a_report_day_outside_the_range_is_a_400_naming_it(
    client: httpx.AsyncClient, admin: Headers, path: str, parameter: str, value: str
) -> None:
    response = await client.get(path, params={parameter: value}, headers=admin)
    assert response.status_code == 400, response.text
    if path.startswith("/v1"):
        problem = assert_problem(response, 400, "invalid-parameter")
        [error] = errors_of(problem)
        assert (error["parameter"], error["location"]) == (parameter, "query")
        assert "1970-01-01" in error["detail"]
    else:
        assert response.headers["content-type"].startswith("text/html")
        assert parameter in response.text


async def test_the_days_at_the_ranges_edges_are_taken(
    client: httpx.AsyncClient, admin: Headers
) -> None:
    for start, end in [("1970-01-01", "1970-12-31"), ("2200-01-01", "2200-12-31")]:
        response = await client.get(
            "/v1/reports/sla", params={"from": start, "to": end}, headers=admin
        )
        assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("period", "pointer"),
    [
        ({"period_start": "9999-12-01", "period_end": "9999-12-31"}, "/period_start"),
        ({"period_start": "2025-03-01", "period_end": "9999-12-31"}, "/period_end"),
        ({"period_start": "0001-01-01", "period_end": "2025-03-31"}, "/period_start"),
    ],
)
async def test_a_payout_period_outside_the_range_is_a_422_on_its_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    admin: Headers,
    period: dict[str, str],
    pointer: str,
) -> None:
    before = await rows(db)
    response = await client.post("/v1/payouts", json=period, headers=admin)
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await rows(db) == before


# Each names a day inside years 1-9999 whose UTC value is outside them, or one far outside 2200.
FAR_INSTANTS = [
    "0001-01-01T00:00:00+00:01",
    "9999-12-31T23:59:59-00:01",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:30:00+01:00",
    "2201-01-01T00:00:00Z",
    "2200-12-31T23:30:00-01:00",
]


@pytest.mark.parametrize("instant", FAR_INSTANTS)
@pytest.mark.parametrize("parameter", ["updated_since", "expiring_before"])
async def test_an_instant_parameter_outside_the_range_is_a_400_naming_it(
    client: httpx.AsyncClient, admin: Headers, parameter: str, instant: str
) -> None:
    response = await client.get("/v1/registrations", params={parameter: instant}, headers=admin)
    problem = assert_problem(response, 400, "invalid-parameter")
    [error] = errors_of(problem)
    assert (error["parameter"], error["location"]) == (parameter, "query")


async def test_the_instants_at_the_ranges_edges_are_taken(
    client: httpx.AsyncClient, admin: Headers
) -> None:
    for instant in [
        "1970-01-01T00:00:00Z",
        "2200-12-31T23:59:59.999999Z",
        "1970-01-01T01:00:00+01:00",
    ]:
        response = await client.get(
            "/v1/registrations", params={"updated_since": instant}, headers=admin
        )
        assert response.status_code == 200, response.text


async def test_an_instant_without_an_offset_is_still_refused(
    client: httpx.AsyncClient, admin: Headers
) -> None:
    response = await client.get(
        "/v1/registrations", params={"updated_since": "2026-01-01T00:00:00"}, headers=admin
    )
    problem = assert_problem(response, 400, "invalid-parameter")
    assert errors_of(problem)[0]["parameter"] == "updated_since"


@pytest.mark.parametrize("instant", FAR_INSTANTS)
async def test_an_engagement_outside_the_range_is_a_422_on_its_occurred_at(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, instant: str
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    created = await client.post(
        "/v1/leads",
        json={
            "partner_id": str(partner.partner.id),
            "customer": {"legal_name": "Prospect AB", "domain": "prospect.se", "country": "SE"},
            "contact": {"name": "Robin", "email": "robin@prospect.se"},
            "skus": [vendor.products[0].sku],
            "interest": "A firewall",
            "score": 0,
            "forward": False,
        },
        headers=vendor.approver,
    )
    assert created.status_code == 201, created.text
    before = await rows(db)
    now = datetime.now(UTC).isoformat()
    response = await client.post(
        f"/v1/leads/{created.json()['id']}/engagements",
        json={
            "engagements": [
                {"type": "email_open", "occurred_at": now},
                {"type": "site_visit", "occurred_at": instant},
            ]
        },
        headers=vendor.approver,
    )
    assert_problem(response, 422, "validation-error", pointer="/engagements/1/occurred_at")
    assert await rows(db) == before


def cursor_at(at: datetime | str) -> str:
    key = msgspec.json.encode([at, str(uuid.uuid4()), True])
    return base64.urlsafe_b64encode(key).decode().rstrip("=")


@pytest.mark.parametrize(
    "at",
    [
        "0001-01-01T00:00:00+00:01",
        "9999-12-31T23:59:59-00:01",
        datetime(1900, 1, 1, tzinfo=UTC),
        datetime(2300, 1, 1, tzinfo=UTC),
        "2026-01-01T00:00:00",
    ],
)
@pytest.mark.parametrize(
    ("path", "parameter", "params"),
    [
        ("/v1/registrations", "cursor", {"updated_since": "2026-01-01T00:00:00Z"}),
        ("/v1/payouts", "cursor", {}),
        ("/v1/events", "after", {}),
    ],
)
async def test_a_well_formed_cursor_carrying_an_instant_outside_the_range_is_refused(
    client: httpx.AsyncClient,
    admin: Headers,
    at: datetime | str,
    path: str,
    parameter: str,
    params: dict[str, str],
) -> None:
    response = await client.get(path, params={parameter: cursor_at(at)} | params, headers=admin)
    problem = assert_problem(response, 400, "invalid-cursor")
    [error] = errors_of(problem)
    assert (error["parameter"], error["location"]) == (parameter, "query")


async def test_a_cursor_inside_the_range_still_pages(
    client: httpx.AsyncClient, admin: Headers
) -> None:
    at = datetime.now(UTC) - timedelta(days=1)
    response = await client.get(
        "/v1/registrations",
        params={"cursor": cursor_at(at), "updated_since": "2026-01-01T00:00:00Z"},
        headers=admin,
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "url",
    [
        "https://a..example.com/hook",
        "https://.example.com/hook",
        f"https://{'a' * 64}.example.com/hook",
        "https://[::1/hook",
        "https://example.com]/hook",
        "https://[not-an-address]/hook",
        f"https://{'a' * 63}.{'b' * 63}.{'c' * 63}.{'d' * 63}.example/hook",
    ],
)
async def test_a_webhook_url_the_parser_cannot_read_is_a_422_on_url(
    client: httpx.AsyncClient, db: AsyncSession, admin: Headers, url: str
) -> None:
    before = await rows(db)
    response = await client.post("/v1/webhook-endpoints", json={"url": url}, headers=admin)
    assert_problem(response, 422, pointer="/url")
    assert await rows(db) == before
