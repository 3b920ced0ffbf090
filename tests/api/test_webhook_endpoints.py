"""`/v1/webhook-endpoints`: an organization's admin adds, reads, changes, rotates and deletes its
endpoints; the secret is shown only when made; URLs inside the operator's network are refused
unless the installation allows them; nobody sees another organization's endpoints."""

import json
from typing import Any

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.events.types import EventType
from dealreg.openapi import render_openapi
from dealreg.orgs.models import Role
from dealreg.webhooks import signing
from tests.factories import Factory
from tests.problems import assert_problem, if_match

ENDPOINTS = "/v1/webhook-endpoints"
RECEIVER = "http://127.0.0.1:9/hooks"
Json = dict[str, Any]


async def admin_of_vendor(factory: Factory) -> dict[str, str]:
    return await factory.headers_for(await factory.vendor(), Role.vendor_admin)


async def create(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> Json:
    response = await client.post(ENDPOINTS, json={"url": RECEIVER} | body, headers=headers)
    assert response.status_code == 201, response.text
    created: Json = response.json()
    return created


async def test_an_endpoint_is_made_with_a_secret_shown_once(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    created = await create(
        client, admin, description="CRM", event_types=["registration.*", "lead.accepted"]
    )
    assert created["secret"].startswith(signing.PREFIX)
    assert (created["enabled"], created["event_types"]) == (
        True,
        ["registration.*", "lead.accepted"],
    )
    read = await client.get(f"{ENDPOINTS}/{created['id']}", headers=admin)
    assert read.status_code == 200
    assert "secret" not in read.json()
    listed = await client.get(ENDPOINTS, headers=admin)
    assert [e["id"] for e in listed.json()["items"]] == [created["id"]]
    assert "secret" not in listed.json()["items"][0]


async def test_rotating_keeps_the_old_secret_signing_for_the_overlap(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    created = await create(client, admin)
    rotated = await client.post(
        f"{ENDPOINTS}/{created['id']}/rotate-secret",
        json={"overlap_hours": 2},
        headers=admin | if_match(created["version"]),
    )
    assert rotated.status_code == 200, rotated.text
    body = rotated.json()
    assert body["secret"] != created["secret"]
    assert body["previous_secret_expires_at"] is not None
    stale = await client.post(
        f"{ENDPOINTS}/{created['id']}/rotate-secret",
        json={},
        headers=admin | if_match(created["version"]),
    )
    assert_problem(stale, 412, "stale-version")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("ftp://example.com/hook", "https://"),
        ("https://user:pw@example.com/hook", "credentials"),
        ("https://example.com:99999/hook", "port"),
    ],
)
async def test_a_url_dealreg_will_not_call_is_a_422_on_url(
    client: httpx.AsyncClient, factory: Factory, url: str, why: str
) -> None:
    admin = await admin_of_vendor(factory)
    response = await client.post(ENDPOINTS, json={"url": url}, headers=admin)
    body = assert_problem(response, 422, pointer="/url")
    assert why in body["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://10.1.2.3/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[::1]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[::ffff:169.254.169.254]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[::127.0.0.1]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[::169.254.169.254]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[::ffff:0:127.0.0.1]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[fec0::1]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("http://[64:ff9b::10.0.0.1]/x", "DEALREG_WEBHOOKS_ALLOW_PRIVATE"),
        ("https://no-such-host.invalid/hook", "does not resolve"),
    ],
)
async def test_the_operators_own_network_is_refused_unless_the_installation_allows_it(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    url: str,
    why: str,
) -> None:
    strict: Litestar = create_app(
        msgspec.structs.replace(settings, webhooks_allow_private=False), sessionmaker=sessionmaker
    )
    admin = await admin_of_vendor(factory)
    transport = httpx.ASGITransport(app=strict)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.post(ENDPOINTS, json={"url": url}, headers=admin)
    body = assert_problem(response, 422, pointer="/url")
    assert why in body["errors"][0]["detail"]


async def test_a_change_needs_the_current_version_and_a_delete_removes_it(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    created = await create(client, admin)
    url = f"{ENDPOINTS}/{created['id']}"
    missing = await client.patch(url, json={"enabled": False}, headers=admin)
    assert_problem(missing, 428)
    changed = await client.patch(
        url,
        json={"enabled": False, "event_types": []},
        headers=admin | if_match(created["version"]),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["enabled"] is False
    stale = await client.delete(url, headers=admin | if_match(created["version"]))
    assert_problem(stale, 412)
    gone = await client.delete(url, headers=admin | if_match(changed.json()["version"]))
    assert gone.status_code == 204, gone.text
    assert_problem(await client.get(url, headers=admin), 404, "webhook-endpoint-not-found")


async def test_nobody_sees_another_organizations_endpoints(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    created = await create(client, admin)
    other = await admin_of_vendor(factory)
    response = await client.get(f"{ENDPOINTS}/{created['id']}", headers=other)
    assert_problem(response, 404, "webhook-endpoint-not-found")
    assert (await client.get(ENDPOINTS, headers=other)).json()["items"] == []
    delete = await client.delete(
        f"{ENDPOINTS}/{created['id']}", headers=other | if_match(created["version"])
    )
    assert_problem(delete, 404)


@pytest.mark.parametrize("role", [Role.partner_rep, Role.vendor_approver])
async def test_only_admins_manage_endpoints(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await (factory.partner() if role is Role.partner_rep else factory.vendor())
    headers = await factory.headers_for(org, role)
    assert_problem(await client.post(ENDPOINTS, json={"url": RECEIVER}, headers=headers), 403)


async def test_a_partner_admin_has_endpoints_of_its_own(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    partner = await factory.partner()
    admin = await factory.headers_for(partner, Role.partner_admin)
    created = await create(client, admin, event_types=["lead.*"])
    assert created["event_types"] == ["lead.*"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"url": RECEIVER, "event_types": ["Registration Approved"]}, "/event_types/0"),
        ({"url": RECEIVER, "colour": "blue"}, "/colour"),
        ({"url": "x"}, "/url"),
    ],
)
async def test_a_malformed_endpoint_is_refused(
    client: httpx.AsyncClient, factory: Factory, body: Json, pointer: str
) -> None:
    admin = await admin_of_vendor(factory)
    response = await client.post(ENDPOINTS, json=body, headers=admin)
    assert_problem(response, 422, pointer=pointer)


async def test_a_misspelt_event_type_is_refused_by_name_and_nothing_is_made(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    response = await client.post(
        ENDPOINTS,
        json={"url": RECEIVER, "event_types": ["lead.accepted", "registration.aproved"]},
        headers=admin,
    )
    body = assert_problem(response, 422, "validation-error", pointer="/event_types/1")
    (error,) = body["errors"]
    assert "'registration.aproved'" in error["detail"]
    assert "'registration.approved'" in error["detail"]
    assert "registration.aproved" in body["detail"]
    assert (await client.get(ENDPOINTS, headers=admin)).json()["items"] == []


async def test_a_misspelt_event_type_in_a_change_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await admin_of_vendor(factory)
    created = await create(client, admin, event_types=["registration.approved"])
    response = await client.patch(
        f"{ENDPOINTS}/{created['id']}",
        json={"event_types": ["registration.*", "leads.*", "sla.breached"], "enabled": False},
        headers=admin | if_match(created["version"]),
    )
    assert_problem(response, 422, "validation-error", pointer="/event_types/1")
    read = (await client.get(f"{ENDPOINTS}/{created['id']}", headers=admin)).json()
    assert (read["event_types"], read["enabled"], read["version"]) == (
        ["registration.approved"],
        True,
        created["version"],
    )


@pytest.mark.parametrize(
    ("event_types", "taken"),
    [
        (["registration.*", "sla.*", "lead.*", "webhook_endpoint.*"], True),
        (["nosuch.*"], False),
        (["*"], False),
        (["registration"], False),
        (["registration.approved.*"], False),
    ],
)
async def test_a_wildcard_takes_every_type_of_a_resource_it_names(
    client: httpx.AsyncClient, factory: Factory, event_types: list[str], taken: bool
) -> None:
    admin = await admin_of_vendor(factory)
    response = await client.post(
        ENDPOINTS, json={"url": RECEIVER, "event_types": event_types}, headers=admin
    )
    if taken:
        assert response.status_code == 201, response.text
    else:
        assert_problem(response, 422, "validation-error", pointer="/event_types/0")


def test_the_document_lists_the_event_types_as_an_enum_and_a_webhook_each() -> None:
    document = json.loads(render_openapi())
    schemas = document["components"]["schemas"]
    catalogue = [t.value for t in EventType]
    assert schemas["EventType"]["enum"] == catalogue
    assert sorted(document["webhooks"]) == sorted(catalogue)
    for name in ("EndpointInput", "EndpointPatch"):
        items = schemas[name]["properties"]["event_types"]["items"]
        assert items["enum"] == [
            *catalogue,
            "registration.*",
            "sla.*",
            "lead.*",
            "partner.*",
            "webhook_endpoint.*",
        ]
    approved = document["webhooks"]["registration.approved"]["post"]
    payload = approved["requestBody"]["content"]["application/json"]["schema"]
    assert payload["properties"]["type"]["const"] == "registration.approved"
    assert {"$ref": "#/components/schemas/RegistrationDetail"} in payload["properties"]["data"][
        "oneOf"
    ]
    assert [p["name"] for p in approved["parameters"]] == [
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    ]
