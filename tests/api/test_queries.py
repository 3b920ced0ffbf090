"""Strict queries: a query parameter the operation does not take is a 400 problem naming it, on
every route (API lists, reports, the report page); the parameters an operation takes, its own and
its dependencies', under the names clients send, still work, repeated or not."""

from typing import Any

import httpx
import pytest

from dealreg.orgs.models import Role
from tests.clocks import register
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import assert_oauth_problem, assert_problem

REGISTRATIONS = "/v1/registrations"


@pytest.fixture
async def setup(client: httpx.AsyncClient, factory: Factory) -> tuple[VendorSetup, PartnerSetup]:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    await register(client, partner, vendor)
    await register(client, partner, vendor)
    return vendor, partner


def unknown_parameters(response: httpx.Response) -> list[str]:
    body = assert_problem(response, 400, "invalid-parameter")
    assert all(error["location"] == "query" for error in body["errors"]), body
    return [error["parameter"] for error in body["errors"]]


async def test_a_misspelt_filter_is_a_400_naming_it_and_what_the_list_takes(
    client: httpx.AsyncClient, setup: tuple[VendorSetup, PartnerSetup]
) -> None:
    _, partner = setup
    response = await client.get(REGISTRATIONS, params={"staus": "approved"}, headers=partner.admin)
    assert unknown_parameters(response) == ["staus"]
    (error,) = response.json()["errors"]
    assert "'staus'" in error["detail"]
    # What the list does take, its dependencies' parameters (paging) included.
    for taken in ("status", "vendor_id", "limit", "cursor", "updated_since"):
        assert taken in error["detail"], error


async def test_every_unknown_parameter_is_named_once_beside_known_ones(
    client: httpx.AsyncClient, setup: tuple[VendorSetup, PartnerSetup]
) -> None:
    _, partner = setup
    query = "limit=1&staus=approved&Status=approved&staus=rejected&flag"
    response = await client.get(f"{REGISTRATIONS}?{query}", headers=partner.admin)
    assert unknown_parameters(response) == ["staus", "Status", "flag"]


async def test_known_parameters_still_filter_and_page(
    client: httpx.AsyncClient, setup: tuple[VendorSetup, PartnerSetup]
) -> None:
    vendor, partner = setup
    params: dict[str, Any] = {"status": "submitted", "vendor_id": str(vendor.vendor.id), "limit": 1}
    response = await client.get(REGISTRATIONS, params=params, headers=partner.admin)
    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) == 1
    assert response.json()["next_cursor"]
    none = await client.get(REGISTRATIONS, params={"status": "approved"}, headers=partner.admin)
    assert none.status_code == 200, none.text
    assert none.json()["items"] == []


async def test_a_repeated_known_parameter_is_not_refused_as_unknown(
    client: httpx.AsyncClient, setup: tuple[VendorSetup, PartnerSetup]
) -> None:
    _, partner = setup
    response = await client.get(
        f"{REGISTRATIONS}?status=submitted&status=submitted&limit=1&limit=1",
        headers=partner.admin,
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["items"]) == 1


async def test_an_unknown_parameter_on_an_item_read_is_refused(
    client: httpx.AsyncClient, setup: tuple[VendorSetup, PartnerSetup]
) -> None:
    vendor, partner = setup
    registration = await register(client, partner, vendor)
    response = await client.get(
        f"{REGISTRATIONS}/{registration}", params={"expand": "sla"}, headers=partner.admin
    )
    assert unknown_parameters(response) == ["expand"]


async def test_the_sla_report_refuses_a_misspelt_period(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    known = await client.get(
        "/v1/reports/sla", params={"from": "2026-01-01", "to": "2026-01-31"}, headers=ops
    )
    assert known.status_code == 200, known.text
    response = await client.get(
        "/v1/reports/sla", params={"from": "2026-01-01", "until": "2026-01-31"}, headers=ops
    )
    assert unknown_parameters(response) == ["until"]


async def test_the_report_page_refuses_an_unknown_parameter_as_a_page(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    response = await client.get("/reports/sla", params={"vendor": "acme"}, headers=ops)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<code>vendor</code>" in response.text


async def test_authentication_comes_first(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get(REGISTRATIONS, params={"staus": "x"}), 401, "unauthenticated")


async def test_the_token_endpoint_ignores_parameters_it_does_not_know(
    client: httpx.AsyncClient,
) -> None:
    # RFC 6749 §3.2, its declared exception: the request is judged on what it does carry.
    response = await client.post(
        "/v1/oauth/token?audience=x", data={"grant_type": "client_credentials"}
    )
    assert_oauth_problem(response, 401, "invalid_client")


async def test_a_preflight_is_not_judged_by_the_query_of_the_request_it_asks_about(
    client: httpx.AsyncClient,
) -> None:
    response = await client.options(f"{REGISTRATIONS}?status=submitted&anything=1")
    assert response.status_code == 204, response.text
