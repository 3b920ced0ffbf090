"""Auto-approval rules of a program: the vendor admin sets them; a registration that meets one is
approved at submission, recorded as decided by the rule, and its approval clock stops."""

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role, Tier
from dealreg.sla.models import ClockState, SlaClock
from tests.deals import (
    REGISTRATIONS,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, if_match

# line() prices 10 units at 150_000 minor units: 1_500_000 per line.
LINE_AMOUNT = 1_500_000


async def set_rules(
    client: httpx.AsyncClient, setup: VendorSetup, headers: dict[str, str], rules: list[Any]
) -> httpx.Response:
    url = f"/v1/programs/{setup.program.id}/auto-approve-rules"
    current = await client.get(f"/v1/programs/{setup.program.id}", headers=headers)
    return await client.put(
        url, json={"rules": rules}, headers=headers | if_match(current.json()["version"])
    )


@pytest.fixture
async def acme(factory: Factory) -> VendorSetup:
    return await vendor_setup(factory)


@pytest.fixture
async def acme_admin(factory: Factory, acme: VendorSetup) -> dict[str, str]:
    return await factory.headers_for(acme.vendor, Role.vendor_admin)


async def test_the_vendor_admin_sets_rules_with_if_match(
    client: httpx.AsyncClient, acme: VendorSetup, acme_admin: dict[str, str]
) -> None:
    response = await set_rules(client, acme, acme_admin, [{"tiers": ["gold"], "max_amount": 5}])
    assert response.status_code == 200, response.text
    assert response.json()["auto_approve_rules"] == [
        {"tiers": ["gold"], "max_amount": 5, "skus": None}
    ]
    assert response.headers["ETag"] == f'"{response.json()["version"]}"'

    url = f"/v1/programs/{acme.program.id}/auto-approve-rules"
    missing = await client.put(url, json={"rules": []}, headers=acme_admin)
    assert_problem(missing, 428)
    stale = await client.put(url, json={"rules": []}, headers=acme_admin | if_match(1))
    assert_problem(stale, 412)


async def test_an_approver_may_not_set_rules(client: httpx.AsyncClient, acme: VendorSetup) -> None:
    response = await set_rules(client, acme, acme.approver, [{}])
    assert_problem(response, 403)


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param({"tiers": []}, id="no-tiers"),
        pytest.param({"tiers": ["diamond"]}, id="unknown-tier"),
        pytest.param({"max_amount": -1}, id="negative-amount"),
        pytest.param({"color": "red"}, id="unknown-condition"),
    ],
)
async def test_a_malformed_rule_is_refused(
    client: httpx.AsyncClient, acme: VendorSetup, acme_admin: dict[str, str], rule: dict[str, Any]
) -> None:
    response = await set_rules(client, acme, acme_admin, [rule])
    assert_problem(response, 422, "validation-error")


async def test_a_matching_registration_is_approved_at_submission_by_the_rule(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    acme_admin: dict[str, str],
) -> None:
    nordlys = await vendor_setup(factory)
    rules = [{"tiers": ["gold", "platinum"], "max_amount": LINE_AMOUNT}]
    assert (await set_rules(client, acme, acme_admin, rules)).status_code == 200
    partner = await partner_setup(factory, acme, nordlys)

    deal = await submit(client, partner.rep, deal_body(line(acme), line(nordlys)))

    by_vendor = {r["vendor_id"]: r for r in deal["registrations"]}
    approved, other = by_vendor[str(acme.vendor.id)], by_vendor[str(nordlys.vendor.id)]
    assert approved["status"] == "approved"
    assert approved["approved_at"] is not None
    assert approved["expires_at"] is not None
    assert other["status"] == "submitted"
    history = await client.get(f"{REGISTRATIONS}/{approved['id']}/history", headers=partner.rep)
    actions = [(h["action"], h["actor_id"], h["data"]) for h in history.json()["items"]]
    assert actions[-1] == ("approved", None, {"rule": "auto_approve", "index": 0})
    clock = await db.get_one(SlaClock, approved["id"])
    assert clock.state is ClockState.stopped
    read = await client.get(f"{REGISTRATIONS}/{approved['id']}", headers=partner.rep)
    assert read.headers["ETag"] == f'"{approved["version"]}"'


@pytest.mark.parametrize(
    "rule",
    [
        pytest.param({"tiers": ["platinum"]}, id="tier-not-listed"),
        pytest.param({"max_amount": LINE_AMOUNT - 1}, id="amount-over-max"),
        pytest.param({"skus": ["SOMETHING-ELSE"]}, id="product-not-listed"),
    ],
)
async def test_a_registration_missing_a_condition_waits_for_the_vendor(
    client: httpx.AsyncClient,
    factory: Factory,
    acme: VendorSetup,
    acme_admin: dict[str, str],
    rule: dict[str, Any],
) -> None:
    assert (await set_rules(client, acme, acme_admin, [rule])).status_code == 200
    partner = await partner_setup(factory, acme)  # a gold partner

    deal = await submit(client, partner.rep, deal_body(line(acme)))

    assert deal["registrations"][0]["status"] == "submitted"


async def test_the_tier_is_the_partners_with_this_vendor(
    client: httpx.AsyncClient,
    factory: Factory,
    acme: VendorSetup,
    acme_admin: dict[str, str],
) -> None:
    assert (await set_rules(client, acme, acme_admin, [{"tiers": ["silver"]}])).status_code == 200
    silver = await factory.partner()
    await factory.partnership(silver, acme.vendor, tier=Tier.silver)
    rep = await factory.headers_for(silver, Role.partner_rep)

    deal = await submit(client, rep, deal_body(line(acme)))

    assert deal["registrations"][0]["status"] == "approved"


async def test_a_conflicting_registration_is_left_to_the_vendor_whatever_the_rules(
    client: httpx.AsyncClient,
    factory: Factory,
    acme: VendorSetup,
    acme_admin: dict[str, str],
) -> None:
    first, second = await partner_setup(factory, acme), await partner_setup(factory, acme)
    body = deal_body(line(acme))
    await submit(client, first.rep, body)
    assert (await set_rules(client, acme, acme_admin, [{}])).status_code == 200

    deal = await submit(client, second.rep, body)

    [registration] = deal["registrations"]
    assert (registration["conflict"], registration["status"]) == (True, "submitted")


async def test_a_vendor_in_a_country_without_known_holidays_still_takes_deals(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    setup = await vendor_setup(factory)
    setup.vendor.country = "XX"  # a well-formed code the holidays package does not know
    await db.flush()
    partner = await partner_setup(factory, setup)

    deal = await submit(client, partner.rep, deal_body(line(setup)))

    clock = await db.get_one(SlaClock, deal["registrations"][0]["id"])
    assert clock.calendar["country"] is None
