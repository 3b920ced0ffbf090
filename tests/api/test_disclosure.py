"""A partner learns what the vendor decided and why, never which of the vendor's people did it:
not from a registration (its approver), a deal, the history, the extensions, the event feed or a
lead's history and engagements. The vendor still sees them all. (Webhooks: tests/webhooks.)"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from dealreg.orgs.models import Role, User
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
from tests.problems import if_match

Json = dict[str, Any]
Headers = dict[str, str]


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    vendor_admin: Headers
    vendor_admin_id: uuid.UUID
    approver: Headers
    approver_id: uuid.UUID
    registration_id: str
    deal_id: str
    # The answer to the rep's extension request.
    asked: Json


async def user_with(factory: Factory, setup: VendorSetup, role: Role) -> tuple[User, Headers]:
    user = await factory.user(setup.vendor, role)
    return user, {"Authorization": f"Bearer {factory.token(user, setup.vendor)}"}


async def post(
    client: httpx.AsyncClient, headers: Headers, registration_id: str, action: str, body: Json
) -> Json:
    """`action` on the registration against its current version."""
    url = f"{REGISTRATIONS}/{registration_id}"
    version = (await client.get(url, headers=headers)).json()["version"]
    response = await client.post(f"{url}/{action}", json=body, headers=headers | if_match(version))
    assert response.status_code in (200, 201), f"{action}: {response.text}"
    result: Json = response.json()
    return result


@pytest.fixture
async def scene(client: httpx.AsyncClient, factory: Factory) -> Scene:
    """A registration the vendor's admin assigned to an approver, who approved it and granted
    the extension the partner's rep asked for."""
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin_user, admin = await user_with(factory, vendor, Role.vendor_admin)
    approver_user, approver = await user_with(factory, vendor, Role.vendor_approver)
    deal = await submit(client, partner.rep, deal_body(line(vendor)))
    registration_id = deal["registrations"][0]["id"]
    await post(client, admin, registration_id, "assign", {"approver_id": str(approver_user.id)})
    await post(client, approver, registration_id, "approve", {})
    asked = await post(
        client, partner.rep, registration_id, "extensions", {"days": 10, "reason": "Slipped"}
    )
    await post(
        client,
        approver,
        registration_id,
        f"extensions/{asked['extension']['id']}/decision",
        {"decision": "grant"},
    )
    return Scene(
        vendor,
        partner,
        admin,
        admin_user.id,
        approver,
        approver_user.id,
        registration_id,
        deal["id"],
        asked,
    )


async def get(client: httpx.AsyncClient, headers: Headers, path: str, **params: Any) -> Json:
    response = await client.get(path, headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


@pytest.mark.parametrize("field", ["approver_id", "decided_by_id"])
async def test_a_registration_names_its_approver_and_decider_to_the_vendor_only(
    client: httpx.AsyncClient, scene: Scene, field: str
) -> None:
    url = f"{REGISTRATIONS}/{scene.registration_id}"
    approver = str(scene.approver_id)
    for headers in (scene.partner.rep, scene.partner.admin):
        read = await get(client, headers, url)
        assert (read["status"], read["decided_by"], read[field]) == ("approved", "user", None)
        listed = await get(client, headers, REGISTRATIONS)
        assert [r[field] for r in listed["items"]] == [None]
        deal = await get(client, headers, f"{DEALS}/{scene.deal_id}")
        assert [r[field] for r in deal["registrations"]] == [None]
        deals = await get(client, headers, DEALS)
        assert [r[field] for d in deals["items"] for r in d["registrations"]] == [None]
    assert (await get(client, scene.vendor_admin, url))[field] == approver
    listed = await get(client, scene.vendor_admin, REGISTRATIONS)
    assert [r[field] for r in listed["items"]] == [approver]
    deal = await get(client, scene.vendor_admin, f"{DEALS}/{scene.deal_id}")
    assert [r[field] for r in deal["registrations"]] == [approver]


async def test_a_partners_own_change_answers_without_the_approver(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    reported = await post(
        client, scene.partner.rep, scene.registration_id, "stage", {"stage": "proposal"}
    )
    assert reported["approver_id"] is None
    assert scene.asked["registration"]["approver_id"] is None


async def test_the_history_says_what_the_vendor_did_but_not_who(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    path = f"{REGISTRATIONS}/{scene.registration_id}/history"
    partner = {e["action"]: e for e in (await get(client, scene.partner.rep, path))["items"]}
    vendor = {e["action"]: e for e in (await get(client, scene.vendor_admin, path))["items"]}
    assert (
        set(partner)
        == set(vendor)
        >= {
            "submitted",
            "review_started",
            "approved",
            "extension_requested",
            "extension_granted",
        }
    )
    # The partner's own people stay named to it; the vendor's acts show by their role alone.
    assert partner["submitted"]["actor_id"] == str(scene.partner.rep_id)
    assert partner["extension_requested"]["actor_id"] == str(scene.partner.rep_id)
    for action, role in (
        ("review_started", "vendor_admin"),
        ("approved", "vendor_approver"),
        ("extension_granted", "vendor_approver"),
    ):
        assert (partner[action]["actor_id"], partner[action]["actor_role"]) == (None, role)
    assert "approver_id" not in partner["review_started"]["data"]
    assert partner["extension_granted"]["data"] == vendor["extension_granted"]["data"]

    assert vendor["review_started"]["actor_id"] == str(scene.vendor_admin_id)
    assert vendor["review_started"]["data"]["approver_id"] == str(scene.approver_id)
    assert vendor["approved"]["actor_id"] == str(scene.approver_id)
    assert vendor["submitted"]["actor_id"] == str(scene.partner.rep_id)


async def test_an_extension_says_it_was_granted_but_not_by_whom(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    path = f"{REGISTRATIONS}/{scene.registration_id}/extensions"
    (seen,) = (await get(client, scene.partner.rep, path))["items"]
    assert (seen["status"], seen["decided_by"]) == ("granted", None)
    assert seen["requested_by"] == str(scene.partner.rep_id)
    (own,) = (await get(client, scene.vendor_admin, path))["items"]
    assert own["decided_by"] == str(scene.approver_id)


async def test_the_partners_event_feed_leaves_the_vendors_people_out(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    params = {"types": "registration.*"}
    partner = {
        e["type"]: e["details"]
        for e in (await get(client, scene.partner.admin, "/v1/events", **params))["items"]
    }
    vendor = {
        e["type"]: e["details"]
        for e in (await get(client, scene.vendor_admin, "/v1/events", **params))["items"]
    }
    assert "registration.review_started" in partner
    assert "approver_id" not in partner["registration.review_started"]
    assert vendor["registration.review_started"]["approver_id"] == str(scene.approver_id)
    # Otherwise both sides are told the same.
    assert partner["registration.approved"] == vendor["registration.approved"]


async def test_a_leads_history_and_engagements_leave_the_vendors_people_out(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    _, approver = await user_with(factory, vendor, Role.vendor_approver)
    created = await client.post(
        "/v1/leads",
        json={
            "partner_id": str(partner.partner.id),
            "customer": {"legal_name": f"Prospect {uuid.uuid4().hex[:6]} AB", "country": "SE"},
            "contact": {"name": "Robin Prospect"},
            "score": 0,
            "forward": False,
        },
        headers=approver,
    )
    assert created.status_code == 201, created.text
    lead = created.json()
    url = f"/v1/leads/{lead['id']}"
    engaged = await client.post(
        f"{url}/engagements",
        json={
            "engagements": [
                {
                    "type": "webinar",
                    "occurred_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
                }
            ]
        },
        headers=approver | if_match(lead["version"]),
    )
    assert engaged.status_code == 200, engaged.text
    forwarded = await client.post(
        f"{url}/forward", json={}, headers=approver | if_match(engaged.json()["lead"]["version"])
    )
    assert forwarded.status_code == 200, forwarded.text
    accepted = await client.post(
        f"{url}/accept", json={}, headers=partner.admin | if_match(forwarded.json()["version"])
    )
    assert accepted.status_code == 200, accepted.text

    history = (await get(client, partner.admin, f"{url}/history"))["items"]
    by_action = {e["action"]: e for e in history}
    assert by_action["forwarded"]["actor_id"] is None
    assert by_action["forwarded"]["actor_role"] == "vendor_approver"
    assert by_action["accepted"]["actor_role"] == "partner_admin"
    assert by_action["accepted"]["actor_id"] is not None
    (engagement,) = (await get(client, partner.admin, f"{url}/engagements"))["items"]
    assert engagement["recorded_by"] is None

    history = (await get(client, approver, f"{url}/history"))["items"]
    assert {e["action"]: e for e in history}["forwarded"]["actor_id"] is not None
    (engagement,) = (await get(client, approver, f"{url}/engagements"))["items"]
    assert engagement["recorded_by"] is not None
