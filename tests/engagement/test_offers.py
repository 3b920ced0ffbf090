"""Offers, "points on the deal" (issue #23): the vendor's channel rep grants a partner extra
discount in basis points, on some products or all, until a time, for a number of registrations.
A registration carries its program's standard discount plus the offer's points, shown to the
partner on the registration and in the incentive preview; each registration takes one use; an
offer used up, lapsed or revoked holds no more. Tenancy and roles: the vendor's team grants and
revokes; a partner reads its own offers without the vendor's internals; nobody else sees them."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import PartnerOffer
from dealreg.orgs.models import Role
from tests.deals import (
    REGISTRATIONS,
    approve,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.engagement.offer_helpers import (
    OFFERS,
    PREVIEW,
    STANDARD_BP,
    Json,
    OfferScene,
    grant,
    offer_body,
    offer_scene,
    offers_url,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match


@pytest.fixture
async def scene(factory: Factory) -> OfferScene:
    return await offer_scene(factory)


async def _register(client: httpx.AsyncClient, scene: OfferScene, product: int = 0) -> Json:
    deal = await submit(client, scene.partner.rep, deal_body(line(scene.vendor, product)))
    registration: Json = deal["registrations"][0]
    return registration


def _discount(row: Json) -> tuple[int, int, int, str | None]:
    return (
        row["standard_discount_bp"],
        row["offer_discount_bp"],
        row["discount_bp"],
        row["offer_id"],
    )


async def _offer(client: httpx.AsyncClient, offer_id: str, headers: dict[str, str]) -> Json:
    response = await client.get(f"{OFFERS}/{offer_id}", headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def test_a_registration_carries_the_standard_discount_plus_the_offer_it_used(
    client: httpx.AsyncClient, db: AsyncSession, scene: OfferScene
) -> None:
    offer = await grant(client, scene, note="said on the call: three points on the next two")
    assert (offer["state"], offer["registrations_used"], offer["skus"]) == ("active", 0, None)

    # Before submitting, the rep sees what the registration would be granted; nothing is used.
    preview = await client.post(
        PREVIEW, json=deal_body(line(scene.vendor)), headers=scene.partner.rep
    )
    assert preview.status_code == 200, preview.text
    assert _discount(preview.json()["vendors"][0]) == (STANDARD_BP, 300, 500, offer["id"])
    assert (await _offer(client, offer["id"], scene.vendor.approver))["registrations_used"] == 0

    first = await _register(client, scene)
    second = await _register(client, scene)
    third = await _register(client, scene)
    assert _discount(first) == _discount(second) == (STANDARD_BP, 300, 500, offer["id"])
    # Two registrations used it up: the third gets the program's discount alone.
    assert _discount(third) == (STANDARD_BP, 0, STANDARD_BP, None)
    used = await _offer(client, offer["id"], scene.vendor.approver)
    assert (used["state"], used["registrations_used"]) == ("used_up", 2)

    # Approved, the registration carries the discount it was granted; its partner sees it.
    await approve(db, first["id"])
    shown = await client.get(f"{REGISTRATIONS}/{first['id']}", headers=scene.partner.rep)
    assert shown.json()["status"] == "approved"
    assert _discount(shown.json()) == (STANDARD_BP, 300, 500, offer["id"])
    listed = await client.get(REGISTRATIONS, headers=scene.partner.admin)
    by_id = {row["id"]: row for row in listed.json()["items"]}
    assert _discount(by_id[third["id"]])[2] == STANDARD_BP
    assert _discount(by_id[first["id"]])[2] == 500


async def test_the_standard_discount_is_set_with_if_match_and_applies_from_then_on(
    client: httpx.AsyncClient, scene: OfferScene
) -> None:
    before = await _register(client, scene)
    url = f"/v1/programs/{scene.vendor.program.id}"
    program = (await client.get(url, headers=scene.admin)).json()
    assert program["registration_discount_bp"] == STANDARD_BP
    body = {"discount_bp": 450}

    assert_problem(
        await client.put(f"{url}/registration-discount", json=body, headers=scene.admin), 428
    )
    stale = scene.admin | if_match(program["version"] + 1)
    assert_problem(await client.put(f"{url}/registration-discount", json=body, headers=stale), 412)
    not_admin = scene.vendor.approver | if_match(program["version"])
    assert_problem(
        await client.put(f"{url}/registration-discount", json=body, headers=not_admin), 403
    )
    bad = await client.put(
        f"{url}/registration-discount",
        json={"discount_bp": 10001},
        headers=scene.admin | if_match(program["version"]),
    )
    assert_problem(bad, 422, pointer="/discount_bp")
    changed = await client.put(
        f"{url}/registration-discount",
        json=body,
        headers=scene.admin | if_match(program["version"]),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["registration_discount_bp"] == 450

    after = await _register(client, scene)
    assert (before["discount_bp"], after["discount_bp"]) == (STANDARD_BP, 450)
    kept = await client.get(f"{REGISTRATIONS}/{before['id']}", headers=scene.partner.rep)
    assert kept.json()["discount_bp"] == STANDARD_BP


async def test_the_whole_discount_stays_within_a_hundred_percent(
    client: httpx.AsyncClient, scene: OfferScene
) -> None:
    url = f"/v1/programs/{scene.vendor.program.id}"

    async def standard(points: int) -> None:
        version = (await client.get(url, headers=scene.admin)).json()["version"]
        response = await client.put(
            f"{url}/registration-discount",
            json={"discount_bp": points},
            headers=scene.admin | if_match(version),
        )
        assert response.status_code == 200, response.text

    offer = await grant(client, scene, discount_bp=3000)
    await standard(9000)
    preview = await client.post(
        PREVIEW, json=deal_body(line(scene.vendor)), headers=scene.partner.rep
    )
    assert _discount(preview.json()["vendors"][0]) == (9000, 1000, 10000, offer["id"])
    assert _discount(await _register(client, scene)) == (9000, 1000, 10000, offer["id"])

    # A whole discount already: the offer's last use is left for a registration it adds to.
    await standard(10000)
    assert _discount(await _register(client, scene)) == (10000, 0, 10000, None)
    assert (await _offer(client, offer["id"], scene.vendor.approver))["registrations_used"] == 1


async def test_an_offer_holds_only_for_registrations_of_its_products(
    client: httpx.AsyncClient, scene: OfferScene
) -> None:
    offer = await grant(client, scene, skus=[scene.vendor.products[0].sku], registrations=5)

    other_product = await _register(client, scene, product=1)
    both = await submit(
        client,
        scene.partner.rep,
        deal_body(line(scene.vendor, 0), line(scene.vendor, 1)),
    )
    its_product = await _register(client, scene, product=0)

    assert other_product["offer_id"] is None
    # Every product on the registration must be one of the offer's.
    assert both["registrations"][0]["offer_id"] is None
    assert its_product["offer_id"] == offer["id"]
    assert (await _offer(client, offer["id"], scene.admin))["registrations_used"] == 1


async def test_the_best_offer_is_used_first_and_lapsed_or_revoked_ones_not_at_all(
    client: httpx.AsyncClient, db: AsyncSession, scene: OfferScene
) -> None:
    small = await grant(client, scene, discount_bp=100, registrations=10)
    soon = await grant(
        client,
        scene,
        discount_bp=400,
        registrations=1,
        valid_until=(datetime.now(UTC) + timedelta(days=1)).isoformat(),
    )
    late = await grant(client, scene, discount_bp=400, registrations=1)
    revoked = await grant(client, scene, discount_bp=900, registrations=10)
    lapsed = await grant(client, scene, discount_bp=800, registrations=10)
    # Lapsed a minute ago: the database's clock is what an offer's holding is compared with.
    await db.execute(
        update(PartnerOffer)
        .where(PartnerOffer.id == uuid.UUID(lapsed["id"]))
        .values(valid_until=datetime.now(UTC) - timedelta(minutes=1))
    )
    response = await client.post(
        f"{OFFERS}/{revoked['id']}/revoke",
        headers=scene.vendor.approver | if_match(revoked["version"]),
    )
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "revoked"

    used = [(await _register(client, scene))["offer_id"] for _ in range(3)]

    # Most points first; of equal points, the one lapsing first; then the smaller one.
    assert used == [soon["id"], late["id"], small["id"]]
    listed = await client.get(OFFERS, params={"state": "active"}, headers=scene.admin)
    assert [o["id"] for o in listed.json()["items"]] == [small["id"]]
    for state, offer in [("expired", lapsed), ("revoked", revoked), ("used_up", soon)]:
        listed = await client.get(OFFERS, params={"state": state}, headers=scene.admin)
        assert offer["id"] in [o["id"] for o in listed.json()["items"]], state


async def test_each_vendor_of_a_deal_gives_its_registration_its_own_best_offer(
    client: httpx.AsyncClient, factory: Factory, scene: OfferScene
) -> None:
    # A second vendor of the same partner: the deal's offers are read for both vendors at once.
    other = await vendor_setup(factory, registration_discount_bp=STANDARD_BP)
    await factory.partnership(scene.partner.partner, other.vendor)
    mine = await grant(client, scene, discount_bp=300, registrations=5)
    theirs = OfferScene(other, scene.partner, scene.admin)
    other_best = await grant(client, theirs, discount_bp=700, registrations=5)
    # Of the second vendor's, one for another product than the deal's: it does not hold.
    await grant(client, theirs, discount_bp=900, skus=[other.products[1].sku])

    deal = await submit(client, scene.partner.rep, deal_body(line(scene.vendor), line(other, 0)))

    by_vendor = {r["vendor_id"]: r for r in deal["registrations"]}
    assert _discount(by_vendor[str(scene.vendor.vendor.id)]) == (
        STANDARD_BP,
        300,
        STANDARD_BP + 300,
        mine["id"],
    )
    assert _discount(by_vendor[str(other.vendor.id)]) == (
        STANDARD_BP,
        700,
        STANDARD_BP + 700,
        other_best["id"],
    )
    assert (await _offer(client, mine["id"], scene.vendor.approver))["registrations_used"] == 1
    assert (await _offer(client, other_best["id"], other.approver))["registrations_used"] == 1


async def test_revoking_needs_if_match_and_happens_once(
    client: httpx.AsyncClient, scene: OfferScene
) -> None:
    offer = await grant(client, scene)
    url = f"{OFFERS}/{offer['id']}/revoke"
    approver = scene.vendor.approver

    assert_problem(await client.post(url, headers=approver), 428)
    assert_problem(await client.post(url, headers=approver | if_match(offer["version"] + 1)), 412)
    done = await client.post(url, headers=approver | if_match(offer["version"]))
    assert done.status_code == 200, done.text
    assert done.json()["revoked_at"] is not None
    again = await client.post(url, headers=approver | if_match(done.json()["version"]))
    assert_problem(again, 409)


async def test_bad_offers_are_refused_whole_and_nothing_is_granted(
    client: httpx.AsyncClient, db: AsyncSession, scene: OfferScene
) -> None:
    url = offers_url(scene.partner.partner.id)
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    body = offer_body(valid_until=past, skus=["NO-SUCH-SKU"], call_task_id=str(uuid.uuid4()))

    problem = assert_problem(await client.post(url, json=body, headers=scene.admin), 422)
    assert {e["pointer"] for e in problem["errors"]} == {
        "/valid_until",
        "/skus/0",
        "/call_task_id",
    }
    for field, value in [("discount_bp", 0), ("discount_bp", 5001), ("registrations", 0)]:
        response = await client.post(url, json=offer_body(**{field: value}), headers=scene.admin)
        assert_problem(response, 422, pointer=f"/{field}")
    assert_problem(await client.post(url, json=offer_body(points=3), headers=scene.admin), 422)
    assert await count_rows(db, PartnerOffer) == 0


async def test_only_the_vendors_channel_team_grants_and_only_to_its_partners(
    client: httpx.AsyncClient, factory: Factory, scene: OfferScene
) -> None:
    url = offers_url(scene.partner.partner.id)
    for role in (Role.vendor_system, Role.channel_ops):
        headers = await factory.headers_for(scene.vendor.vendor, role)
        assert_problem(await client.post(url, json=offer_body(), headers=headers), 403)
    for headers in (scene.partner.admin, scene.partner.rep):
        assert_problem(await client.post(url, json=offer_body(), headers=headers), 403)

    # Another vendor's team: the partner is not enrolled with it.
    other = await offer_scene(factory)
    response = await client.post(url, json=offer_body(), headers=other.vendor.approver)
    assert_problem(response, 404)
    assert_problem(
        await client.post(
            offers_url(uuid.uuid4()), json=offer_body(), headers=scene.vendor.approver
        ),
        404,
    )


async def test_a_partner_reads_its_own_offers_without_the_vendors_internals(
    client: httpx.AsyncClient, factory: Factory, scene: OfferScene
) -> None:
    offer = await grant(client, scene, note="internal: push the renewal")
    other_vendor = await offer_scene(factory)

    mine = await _offer(client, offer["id"], scene.partner.rep)
    assert (mine["discount_bp"], mine["state"]) == (300, "active")
    assert (mine["granted_by"], mine["note"], mine["call_task_id"]) == (None, None, None)
    vendor_view = await _offer(client, offer["id"], scene.vendor.approver)
    assert vendor_view["granted_by"] is not None
    assert vendor_view["note"] == "internal: push the renewal"
    listed = await client.get(OFFERS, headers=scene.partner.admin)
    assert [o["id"] for o in listed.json()["items"]] == [offer["id"]]

    # Another partner of the vendor, and another vendor, see nothing of it.
    stranger = await partner_setup(factory, scene.vendor)
    for headers in (stranger.rep, other_vendor.vendor.approver, other_vendor.admin):
        assert_problem(await client.get(f"{OFFERS}/{offer['id']}", headers=headers), 404)
        assert (await client.get(OFFERS, headers=headers)).json()["items"] == []
        revoke = await client.post(
            f"{OFFERS}/{offer['id']}/revoke", headers=headers | if_match(offer["version"])
        )
        assert revoke.status_code in {403, 404}, revoke.text
    # A partner may not revoke its own offer.
    revoke = await client.post(
        f"{OFFERS}/{offer['id']}/revoke", headers=scene.partner.admin | if_match(offer["version"])
    )
    assert_problem(revoke, 403)


async def test_channel_ops_read_every_offer_and_change_none(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: OfferScene
) -> None:
    offer = await grant(client, scene, note="internal: push the renewal")
    other = await offer_scene(factory)
    elsewhere = await grant(client, other)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    seen = await _offer(client, offer["id"], ops)
    # The platform oversees the vendors: it sees what the vendor sees.
    assert (seen["discount_bp"], seen["note"]) == (300, "internal: push the renewal")
    assert seen["granted_by"] is not None
    listed = await client.get(OFFERS, headers=ops)
    assert listed.status_code == 200, listed.text
    assert {o["id"] for o in listed.json()["items"]} == {offer["id"], elsewhere["id"]}
    narrowed = await client.get(
        OFFERS, params={"vendor_id": str(other.vendor.vendor.id)}, headers=ops
    )
    assert [o["id"] for o in narrowed.json()["items"]] == [elsewhere["id"]]
    by_partner = await client.get(
        OFFERS, params={"partner_id": str(scene.partner.partner.id)}, headers=ops
    )
    assert [o["id"] for o in by_partner.json()["items"]] == [offer["id"]]

    # Read-only: no granting, no revoking.
    granted = await client.post(
        offers_url(scene.partner.partner.id), json=offer_body(), headers=ops
    )
    assert_problem(granted, 403)
    revoke = await client.post(
        f"{OFFERS}/{offer['id']}/revoke", headers=ops | if_match(offer["version"])
    )
    assert_problem(revoke, 403)
    assert await count_rows(db, PartnerOffer) == 2
    assert (await _offer(client, offer["id"], scene.vendor.approver))["state"] == "active"
