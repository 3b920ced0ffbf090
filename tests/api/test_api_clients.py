"""`/v1/api-clients`: an organization's admin registers its machine clients, whose tokens do the
vendor's side (decisions from the CRM) or the reseller's (deals from its CRM) within their scopes;
the secret is shown once; another organization's clients are not found; bad input writes nothing."""

import asyncio
import time
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.orgs.models import ApiClient, Organization, Role
from dealreg.registrations.models import Deal, Registration
from tests.deals import (
    DEALS,
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

CLIENTS = "/v1/api-clients"
Json = dict[str, Any]


async def register(client: httpx.AsyncClient, admin: dict[str, str], **body: Any) -> Json:
    response = await client.post(CLIENTS, json={"name": "CRM"} | body, headers=admin)
    assert response.status_code == 201, response.text
    assert response.headers["etag"] == f'"{response.json()["version"]}"'
    created: Json = response.json()
    return created


async def token_of(client: httpx.AsyncClient, created: Json, **form: str) -> httpx.Response:
    return await client.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created["client_id"],
            "client_secret": created["client_secret"],
        }
        | form,
    )


async def bearer_of(client: httpx.AsyncClient, created: Json, **form: str) -> dict[str, str]:
    response = await token_of(client, created, **form)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def vendor_admin(factory: Factory, setup: VendorSetup) -> dict[str, str]:
    return await factory.headers_for(setup.vendor, Role.vendor_admin)


async def submitted(client: httpx.AsyncClient, setup: VendorSetup, partner: PartnerSetup) -> Json:
    response = await client.post(DEALS, json=deal_body(line(setup)), headers=partner.rep)
    assert response.status_code == 201, response.text
    registration: Json = response.json()["registrations"][0]
    return registration


# --- the vendor's system -----------------------------------------------------------------------


async def test_a_vendor_system_client_decides_registrations_from_the_crm(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    created = await register(client, await vendor_admin(factory, setup), name="Acme CRM")
    assert created["role"] == "vendor_system"
    assert created["scopes"] == sorted(ROLE_SCOPES[Role.vendor_system])
    assert created["client_id"].startswith("drc_")
    assert created["client_secret"].startswith("drs_")
    crm = await bearer_of(client, created)

    me = (await client.get("/v1/me", headers=crm)).json()
    assert (me["kind"], me["id"], me["organization"]["id"]) == (
        "client",
        created["id"],
        str(setup.vendor.id),
    )
    registration = await submitted(client, setup, partner)
    approved = await client.post(
        f"{REGISTRATIONS}/{registration['id']}/approve",
        json={},
        headers=crm | if_match(registration["version"]),
    )
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"


async def test_a_vendor_system_token_without_registrations_write_gets_403(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    created = await register(
        client, await vendor_admin(factory, setup), scopes=["registrations:read"]
    )
    registration = await submitted(client, setup, partner)
    reader = await bearer_of(client, created)
    # A client granted more can still ask for less: the token decides, not the client.
    full = await register(client, await vendor_admin(factory, setup))
    narrowed = await bearer_of(client, full, scope="registrations:read")

    for headers in (reader, narrowed):
        assert (
            await client.get(f"{REGISTRATIONS}/{registration['id']}", headers=headers)
        ).is_success
        refused = await client.post(
            f"{REGISTRATIONS}/{registration['id']}/approve",
            json={},
            headers=headers | if_match(registration["version"]),
        )
        body = assert_problem(refused, 403, "forbidden")
        assert "registrations:write" in body["detail"]
    stored = await db.get_one(Registration, registration["id"])
    await db.refresh(stored)
    assert stored.status.value == "submitted"


async def test_a_client_cannot_ask_for_a_scope_it_was_not_granted(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    created = await register(
        client, await vendor_admin(factory, setup), scopes=["registrations:read"]
    )
    response = await token_of(client, created, scope="registrations:write")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


# --- the reseller's CRM ------------------------------------------------------------------------


async def test_a_partner_client_registers_deals_for_its_reps_idempotently(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    created = await register(client, partner.admin, name="Northwind CRM")
    assert created["role"] == "partner_rep"
    crm = await bearer_of(client, created) | {"Idempotency-Key": "opportunity-0042"}
    body = deal_body(line(setup), rep_id=str(partner.rep_id))

    first = await client.post(DEALS, json=body, headers=crm)
    assert first.status_code == 201, first.text
    # The CRM's retry after a lost answer: the same deal, not a second one.
    again = await client.post(DEALS, json=body, headers=crm)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert await count_rows(db, Deal, Deal.partner_id == partner.partner.id) == 1
    deal = first.json()
    assert deal["rep_id"] == str(partner.rep_id)

    # It sees what it sent; the rep sees it as theirs.
    mine = await client.get(f"{DEALS}/{deal['id']}", headers=crm)
    assert mine.status_code == 200
    theirs = await client.get(f"{DEALS}/{deal['id']}", headers=partner.rep)
    assert theirs.status_code == 200


async def test_a_partner_client_must_name_the_rep(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    crm = await bearer_of(client, await register(client, partner.admin))
    response = await client.post(DEALS, json=deal_body(line(setup)), headers=crm)
    assert_problem(response, 422, pointer="/rep_id")
    assert await count_rows(db, Deal, Deal.partner_id == partner.partner.id) == 0


# --- managing clients --------------------------------------------------------------------------


async def test_the_secret_is_shown_only_when_made_and_rotated(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    created = await register(client, admin)
    read = await client.get(f"{CLIENTS}/{created['id']}", headers=admin)
    assert read.status_code == 200
    assert "client_secret" not in read.json()
    listed = (await client.get(CLIENTS, headers=admin)).json()
    assert [c["id"] for c in listed["items"]] == [created["id"]]
    assert "client_secret" not in listed["items"][0]

    rotated = await client.post(
        f"{CLIENTS}/{created['id']}/rotate-secret", headers=admin | if_match(created["version"])
    )
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()
    assert new["client_secret"] != created["client_secret"]
    assert new["client_id"] == created["client_id"]
    old = await token_of(client, created)
    assert old.status_code == 401
    assert old.json()["error"] == "invalid_client"
    assert (await token_of(client, new)).status_code == 200
    stale = await client.post(
        f"{CLIENTS}/{created['id']}/rotate-secret", headers=admin | if_match(created["version"])
    )
    assert_problem(stale, 412, "stale-version")


async def test_disabling_a_client_refuses_its_tokens_at_once(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    created = await register(client, admin)
    crm = await bearer_of(client, created)
    assert (await client.get("/v1/me", headers=crm)).status_code == 200

    disabled = await client.patch(
        f"{CLIENTS}/{created['id']}",
        json={"active": False, "name": "Old CRM"},
        headers=admin | if_match(created["version"]),
    )
    assert disabled.status_code == 200, disabled.text
    assert (disabled.json()["active"], disabled.json()["name"]) == (False, "Old CRM")
    assert_problem(await client.get("/v1/me", headers=crm), 401)
    assert (await token_of(client, created)).status_code == 401

    enabled = await client.patch(
        f"{CLIENTS}/{created['id']}",
        json={"active": True},
        headers=admin | if_match(disabled.json()["version"]),
    )
    assert enabled.status_code == 200
    assert (await client.get("/v1/me", headers=await bearer_of(client, created))).is_success


async def next_second() -> None:
    """Until the clock has passed into the next whole second: tokens say when they were issued
    in whole seconds, and one issued in the second of a rotation is kept."""
    await asyncio.sleep(1.01 - time.time() % 1)


async def test_rotating_or_disabling_refuses_the_tokens_issued_before(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    created = await register(client, admin)
    leaked = await bearer_of(client, created)
    await next_second()
    rotated = await client.post(
        f"{CLIENTS}/{created['id']}/rotate-secret", headers=admin | if_match(created["version"])
    )
    assert_problem(await client.get("/v1/me", headers=leaked), 401)
    fresh = await bearer_of(client, rotated.json())
    assert (await client.get("/v1/me", headers=fresh)).status_code == 200

    # Enabling a disabled client again does not bring back what was issued before.
    await next_second()
    url = f"{CLIENTS}/{created['id']}"
    off = await client.patch(
        url, json={"active": False}, headers=admin | if_match(rotated.json()["version"])
    )
    await client.patch(url, json={"active": True}, headers=admin | if_match(off.json()["version"]))
    assert_problem(await client.get("/v1/me", headers=fresh), 401)
    assert (await client.get("/v1/me", headers=await bearer_of(client, rotated.json()))).is_success


async def test_narrowing_refuses_the_tokens_that_hold_what_was_taken_away(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    created = await register(client, admin)
    broad = await bearer_of(client, created)
    within = await bearer_of(client, created, scope="leads:read")
    changed = await client.patch(
        f"{CLIENTS}/{created['id']}",
        json={"scopes": ["leads:write", "leads:read"]},
        headers=admin | if_match(created["version"]),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["scopes"] == ["leads:read", "leads:write"]
    issued = await token_of(client, created)
    assert issued.json()["scope"] == "leads:read leads:write"
    assert_problem(await client.get("/v1/me", headers=broad), 401)
    assert (await client.get("/v1/me", headers=within)).status_code == 200


async def test_a_platform_admin_registers_a_client_for_a_named_organization(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    platform = await factory.headers_for(await factory.platform(), Role.platform_admin)
    created = await register(client, platform, organization_id=str(setup.vendor.id))
    assert created["organization_id"] == str(setup.vendor.id)
    # Only what the platform holds itself: never the vendor's powers over its deals.
    assert (
        set(created["scopes"]) == ROLE_SCOPES[Role.vendor_system] & ROLE_SCOPES[Role.platform_admin]
    )
    assert "registrations:write" not in created["scopes"]
    refused = await client.post(
        CLIENTS,
        json={
            "name": "Deals",
            "organization_id": str(setup.vendor.id),
            "scopes": ["registrations:write"],
        },
        headers=platform,
    )
    assert "registrations:write" in assert_problem(refused, 403, "forbidden")["detail"]
    listed = await client.get(
        CLIENTS, params={"organization_id": str(setup.vendor.id)}, headers=platform
    )
    assert [c["id"] for c in listed.json()["items"]] == [created["id"]]
    # The platform itself has no machine clients: it reads the feed with its users' tokens.
    refused = await client.post(CLIENTS, json={"name": "Ops"}, headers=platform)
    assert_problem(refused, 422, pointer="/role")


async def test_the_platform_cannot_take_over_a_vendors_client(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    created = await register(client, await vendor_admin(factory, setup))
    platform = await factory.headers_for(await factory.platform(), Role.platform_admin)
    url = f"{CLIENTS}/{created['id']}"
    rotated = await client.post(
        f"{url}/rotate-secret", headers=platform | if_match(created["version"])
    )
    assert "registrations:write" in assert_problem(rotated, 403, "forbidden")["detail"]
    patched = await client.patch(
        url, json={"scopes": ["leads:read"]}, headers=platform | if_match(created["version"])
    )
    assert_problem(patched, 403, "forbidden")
    assert (await token_of(client, created)).status_code == 200


async def test_a_narrowed_client_cannot_mint_or_become_a_broader_one(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    provisioner = await register(
        client,
        partner.admin,
        role="partner_admin",
        scopes=["api_clients:read", "api_clients:write"],
    )
    crm = await bearer_of(client, provisioner)

    minted = await register(client, crm, role="partner_admin")
    assert minted["scopes"] == ["api_clients:read", "api_clients:write"]
    broader = await client.post(
        CLIENTS, json={"name": "CRM", "scopes": ["registrations:write"]}, headers=crm
    )
    assert_problem(broader, 403, "forbidden")
    widened = await client.patch(
        f"{CLIENTS}/{provisioner['id']}",
        json={"scopes": ["api_clients:write", "users:write"]},
        headers=crm | if_match(provisioner["version"]),
    )
    assert_problem(widened, 403, "forbidden")
    stored = await db.get_one(ApiClient, provisioner["id"])
    await db.refresh(stored)
    assert stored.scopes == ["api_clients:read", "api_clients:write"]
    assert await count_rows(db, ApiClient, ApiClient.organization_id == partner.partner.id) == 2


# --- unhappy paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"role": "partner_rep"}, "/role"),
        ({"role": "vendor_admin"}, "/role"),
        ({"scopes": ["registrations:read", "organizations:write"]}, "/scopes"),
        ({"scopes": ["nonsense"]}, "/scopes/0"),
        ({"scopes": []}, "/scopes"),
        ({"name": ""}, "/name"),
        ({"secret": "mine"}, None),
    ],
)
async def test_bad_input_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, body: Json, pointer: str | None
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    response = await client.post(CLIENTS, json={"name": "CRM"} | body, headers=admin)
    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code, pointer=pointer)
    assert await count_rows(db, ApiClient, ApiClient.organization_id == setup.vendor.id) == 0


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.channel_ops])
async def test_only_an_admin_manages_clients(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, role: Role
) -> None:
    setup = await vendor_setup(factory)
    created = await register(client, await vendor_admin(factory, setup))
    staff = await factory.headers_for(setup.vendor, role)
    assert_problem(await client.post(CLIENTS, json={"name": "Mine"}, headers=staff), 403)
    assert_problem(await client.get(CLIENTS, headers=staff), 403)
    assert_problem(await client.get(f"{CLIENTS}/{created['id']}", headers=staff), 403)
    assert await count_rows(db, ApiClient, ApiClient.organization_id == setup.vendor.id) == 1


async def test_a_partner_rep_cannot_register_a_client(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    response = await client.post(CLIENTS, json={"name": "My script"}, headers=partner.rep)
    assert_problem(response, 403, "forbidden")


async def test_another_organizations_clients_are_not_found(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    created = await register(client, await vendor_admin(factory, setup))
    other_vendor: Organization = await factory.vendor()
    other = await factory.headers_for(other_vendor, Role.vendor_admin)
    url = f"{CLIENTS}/{created['id']}"
    assert_problem(await client.get(url, headers=other), 404, "api-client-not-found")
    patched = await client.patch(
        url, json={"active": False}, headers=other | if_match(created["version"])
    )
    assert_problem(patched, 404, "api-client-not-found")
    rotated = await client.post(
        f"{url}/rotate-secret", headers=other | if_match(created["version"])
    )
    assert_problem(rotated, 404, "api-client-not-found")
    foreign = await client.post(
        CLIENTS, json={"name": "Theirs", "organization_id": str(setup.vendor.id)}, headers=other
    )
    assert_problem(foreign, 404, "organization-not-found")
    listed = await client.get(
        CLIENTS, params={"organization_id": str(setup.vendor.id)}, headers=other
    )
    assert_problem(listed, 404, "organization-not-found")
    assert (await token_of(client, created)).status_code == 200
    assert await count_rows(db, ApiClient, ApiClient.organization_id == other_vendor.id) == 0


async def test_a_change_needs_the_current_version(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    setup = await vendor_setup(factory)
    admin = await vendor_admin(factory, setup)
    created = await register(client, admin)
    url = f"{CLIENTS}/{created['id']}"
    assert_problem(await client.patch(url, json={"active": False}, headers=admin), 428)
    await client.patch(url, json={"name": "Renamed"}, headers=admin | if_match(created["version"]))
    stale = await client.patch(
        url, json={"active": False}, headers=admin | if_match(created["version"])
    )
    assert_problem(stale, 412, "stale-version")
    assert (await client.get(url, headers=admin)).json()["active"] is True
