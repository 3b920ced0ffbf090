"""`q` where a person searches: registrations by number or customer, deals by title, leads by
customer or contact. Case-insensitive, trimmed, literal (`%` and `_` are themselves), within what
the caller may see; a `q` too long or with control characters is a 400 problem."""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from dealreg.orgs.models import Role
from tests.api.test_leads import LEADS
from tests.api.test_leads import Scene as LeadScene
from tests.api.test_leads import create as create_lead
from tests.deals import (
    DEALS,
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem

Headers = dict[str, str]
Json = dict[str, Any]


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    return Scene(vendor, await partner_setup(factory, vendor))


async def register(
    client: httpx.AsyncClient, scene: Scene, customer: str, title: str = "Firewall refresh"
) -> Json:
    body = deal_body(line(scene.vendor))
    body["customer"]["legal_name"] = customer
    body["opportunity"]["title"] = title
    deal = await submit(client, scene.partner.rep, body)
    registration: Json = deal["registrations"][0]
    return registration


async def found(client: httpx.AsyncClient, url: str, headers: Headers, q: str) -> list[str]:
    response = await client.get(url, params={"q": q, "limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_registrations_are_found_by_number_or_customer_ignoring_case_and_blanks(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    acme = await register(client, scene, "Acme Anvils Inc.")
    globex = await register(client, scene, "Globex Corporation")
    rep = scene.partner.rep

    assert await found(client, REGISTRATIONS, rep, "anvil") == [acme["id"]]
    assert await found(client, REGISTRATIONS, rep, "  GLOBEX ") == [globex["id"]]
    assert await found(client, REGISTRATIONS, rep, globex["number"].lower()) == [globex["id"]]
    assert await found(client, REGISTRATIONS, rep, "Initech") == []
    # Blanks search nothing: every registration.
    assert await found(client, REGISTRATIONS, rep, "   ") == [acme["id"], globex["id"]]
    vendor_side = await found(client, REGISTRATIONS, scene.vendor.approver, "acme")
    assert vendor_side == [acme["id"]]


async def test_percent_and_underscore_are_searched_for_literally(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    percent = await register(client, scene, "100% Uptime Ltd")
    underscore = await register(client, scene, "Under_Score LLC")
    await register(client, scene, "Underscore Plain LLC")
    await register(client, scene, "Backslash Widgets")
    rep = scene.partner.rep

    assert await found(client, REGISTRATIONS, rep, "%") == [percent["id"]]
    assert await found(client, REGISTRATIONS, rep, "under_") == [underscore["id"]]
    assert await found(client, REGISTRATIONS, rep, "\\") == []


async def test_another_tenants_matching_rows_are_never_found(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    mine = await register(client, scene, "Shared Name Holdings")
    rival = Scene(scene.vendor, await partner_setup(factory, scene.vendor))
    await register(client, rival, "Shared Name Holdings")
    colleague = await factory.headers_for(scene.partner.partner, Role.partner_rep)

    assert await found(client, REGISTRATIONS, scene.partner.rep, "shared name") == [mine["id"]]
    assert await found(client, REGISTRATIONS, colleague, "shared name") == []
    assert await found(client, DEALS, scene.partner.rep, "firewall") == [mine["deal_id"]]


async def test_deals_are_found_by_title(client: httpx.AsyncClient, scene: Scene) -> None:
    switches = await register(client, scene, "Initech", title="Core switch upgrade")
    await register(client, scene, "Umbrella", title="Firewall refresh")

    for headers in (scene.partner.rep, scene.partner.admin):
        assert await found(client, DEALS, headers, "SWITCH") == [switches["deal_id"]]
    # A customer's name is not a deal's title.
    assert await found(client, DEALS, scene.partner.rep, "Initech") == []


async def test_leads_are_found_by_customer_or_contact(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    scene = LeadScene(vendor, partner, await factory.headers_for(vendor.vendor, Role.vendor_admin))
    northwind = await create_lead(
        client,
        scene,
        customer={"legal_name": "Northwind Traders", "country": "SE"},
        contact={"name": "Nancy Davolio", "email": "nancy@northwind.example"},
    )
    contoso = await create_lead(
        client,
        scene,
        customer={"legal_name": "Contoso AB", "country": "SE"},
        contact={"name": "Andrew Fuller", "email": "andrew@contoso.example"},
    )

    for headers in (vendor.approver, partner.admin):
        assert await found(client, LEADS, headers, "northwind") == [northwind["id"]]
        assert await found(client, LEADS, headers, "FULLER") == [contoso["id"]]
        assert await found(client, LEADS, headers, "nancy@") == [northwind["id"]]
        assert await found(client, LEADS, headers, "Tailspin") == []


@pytest.mark.parametrize("url", [REGISTRATIONS, DEALS, LEADS])
@pytest.mark.parametrize("q", ["x" * 101, "tab\there", "line\nbreak", "nul\x00", "del\x7f"])
async def test_a_bad_q_is_a_400_problem(
    client: httpx.AsyncClient, scene: Scene, url: str, q: str
) -> None:
    headers = scene.vendor.approver if url == LEADS else scene.partner.rep

    response = await client.get(url, params={"q": q}, headers=headers)

    assert_problem(response, 400)


async def test_the_longest_q_is_accepted(client: httpx.AsyncClient, scene: Scene) -> None:
    assert await found(client, REGISTRATIONS, scene.partner.rep, "x" * 100) == []
