"""`/v1/vendors/{id}/plan-settings` and `/v1/partnerships/{id}/plans/{quarter}`: the vendor sets
its fiscal calendar, indexes and stage probabilities; the partner's admin proposes a plan per
fiscal quarter, the vendor accepts it; every change is made against its ETag; nobody outside
the partnership sees its plans."""

from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Partnership, Role, User
from dealreg.planning.models import PartnerPlan, PlanningSettings
from tests.factories import Factory
from tests.problems import assert_problem, if_match


@dataclass
class Parties:
    vendor: Organization
    partner: Organization
    partnership: Partnership
    vendor_admin: dict[str, str]
    approver: dict[str, str]
    approver_user: User
    partner_admin: dict[str, str]
    partner_admin_user: User
    rep: dict[str, str]


def bearer(factory: Factory, user: User, org: Organization) -> dict[str, str]:
    return {"Authorization": f"Bearer {factory.token(user, org)}"}


@pytest.fixture
async def parties(factory: Factory) -> Parties:
    vendor = await factory.vendor()
    partner = await factory.partner()
    partnership = await factory.partnership(partner, vendor)
    approver = await factory.user(vendor, Role.vendor_approver)
    admin = await factory.user(partner, Role.partner_admin)
    return Parties(
        vendor=vendor,
        partner=partner,
        partnership=partnership,
        vendor_admin=await factory.headers_for(vendor, Role.vendor_admin),
        approver=bearer(factory, approver, vendor),
        approver_user=approver,
        partner_admin=bearer(factory, admin, partner),
        partner_admin_user=admin,
        rep=await factory.headers_for(partner, Role.partner_rep),
    )


def settings_url(vendor: Organization) -> str:
    return f"/v1/vendors/{vendor.id}/plan-settings"


def plan_url(parties: Parties, quarter: str = "2027-Q1") -> str:
    return f"/v1/partnerships/{parties.partnership.id}/plans/{quarter}"


async def count(db: AsyncSession, model: type[PartnerPlan] | type[PlanningSettings]) -> int:
    return (await db.scalar(select(func.count()).select_from(model))) or 0


# --- settings ------------------------------------------------------------------------------------


async def test_a_vendor_without_settings_reads_the_documented_defaults(
    client: httpx.AsyncClient, parties: Parties
) -> None:
    response = await client.get(settings_url(parties.vendor), headers=parties.approver)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"0"'
    assert response.json() == {
        "vendor_id": str(parties.vendor.id),
        "stored": False,
        "version": 0,
        "fiscal_year_start_month": 1,
        "total_pipeline_percent": 200,
        "risk_adjusted_pipeline_percent": 100,
        "stage_probabilities": {"qualified": 25, "proposal": 50, "negotiation": 75},
    }


async def test_the_vendor_admin_sets_the_settings_against_their_etag(
    client: httpx.AsyncClient, db: AsyncSession, parties: Parties
) -> None:
    url = settings_url(parties.vendor)
    body = {
        "fiscal_year_start_month": 7,
        "total_pipeline_percent": 300,
        "stage_probabilities": {"qualified": 10, "proposal": 40, "negotiation": 70},
    }
    created = await client.put(url, json=body, headers=parties.vendor_admin)
    assert (created.status_code, created.headers["etag"]) == (200, '"1"'), created.text
    assert created.json()["risk_adjusted_pipeline_percent"] == 100  # left out: the default

    assert_problem(await client.put(url, json=body, headers=parties.vendor_admin), 428)
    assert_problem(
        await client.put(
            url,
            json=body | {"total_pipeline_percent": 250},
            headers=parties.vendor_admin | if_match(0),
        ),
        412,
    )
    again = await client.put(url, json=body, headers=parties.vendor_admin | if_match(1))
    assert again.headers["etag"] == '"1"'  # the same settings: nothing changed

    read = await client.get(url, headers=parties.vendor_admin | {"If-None-Match": '"1"'})
    assert read.status_code == 304
    assert await count(db, PlanningSettings) == 1


async def test_settings_are_the_vendors_own(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, parties: Parties
) -> None:
    url = settings_url(parties.vendor)
    other_vendor = await factory.headers_for(await factory.vendor(), Role.vendor_admin)

    for headers in (parties.partner_admin, other_vendor):
        assert_problem(await client.get(url, headers=headers), 404)
    assert_problem(await client.put(url, json={}, headers=other_vendor), 404)
    # The vendor's approver reads them but does not set them.
    assert_problem(await client.put(url, json={}, headers=parties.approver), 403)
    assert_problem(await client.get(url, headers=parties.rep), 403)  # no plans:read scope
    assert await count(db, PlanningSettings) == 0


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"fiscal_year_start_month": 13}, "/fiscal_year_start_month"),
        ({"fiscal_year_start_month": 0}, "/fiscal_year_start_month"),
        ({"total_pipeline_percent": 0}, "/total_pipeline_percent"),
        ({"stage_probabilities": {"proposal": 101}}, "/stage_probabilities/proposal"),
        ({"stage_probabilities": {"won": 100}}, "/stage_probabilities/won"),
    ],
)
async def test_bad_settings_are_refused_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    parties: Parties,
    body: dict[str, object],
    pointer: str,
) -> None:
    response = await client.put(
        settings_url(parties.vendor), json=body, headers=parties.vendor_admin
    )

    assert_problem(response, 422, pointer=pointer)
    assert await count(db, PlanningSettings) == 0


async def test_the_fiscal_year_start_stays_once_there_are_plans(
    client: httpx.AsyncClient, parties: Parties
) -> None:
    url = settings_url(parties.vendor)
    await client.put(url, json={"fiscal_year_start_month": 4}, headers=parties.vendor_admin)
    await client.put(
        plan_url(parties), json={"amount": 1000, "currency": "USD"}, headers=parties.partner_admin
    )

    moved = await client.put(
        url, json={"fiscal_year_start_month": 7}, headers=parties.vendor_admin | if_match(1)
    )
    body = assert_problem(moved, 409, "fiscal-year-start-locked")
    assert body["fiscal_year_start_month"] == 4
    # The indexes may still change.
    changed = await client.put(
        url,
        json={"fiscal_year_start_month": 4, "total_pipeline_percent": 250},
        headers=parties.vendor_admin | if_match(1),
    )
    assert changed.status_code == 200, changed.text


# --- plans ---------------------------------------------------------------------------------------


async def test_the_partner_proposes_and_the_vendor_accepts_both_recorded(
    client: httpx.AsyncClient, parties: Parties
) -> None:
    await client.put(
        settings_url(parties.vendor),
        json={"fiscal_year_start_month": 7},
        headers=parties.vendor_admin,
    )
    proposed = await client.put(
        plan_url(parties),
        json={"amount": 5_000_000, "currency": "USD"},
        headers=parties.partner_admin,
    )
    assert (proposed.status_code, proposed.headers["etag"]) == (200, '"1"'), proposed.text
    plan = proposed.json()
    assert plan["status"] == "proposed"
    assert plan["proposed_by"] == str(parties.partner_admin_user.id)
    assert plan["accepted_by"] is plan["accepted_at"] is None
    # Fiscal 2027 of a July start: July 2026 to June 2027.
    assert (plan["first_day"], plan["last_day"]) == ("2026-07-01", "2026-09-30")

    accepted = await client.post(
        plan_url(parties) + "/accept", headers=parties.approver | if_match(1)
    )
    assert (accepted.status_code, accepted.headers["etag"]) == (200, '"2"'), accepted.text
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["accepted_by"] == str(parties.approver_user.id)
    assert accepted.json()["accepted_at"] is not None

    read = await client.get(plan_url(parties), headers=parties.vendor_admin)
    assert read.json() == accepted.json()
    assert read.headers["etag"] == '"2"'


async def test_a_change_after_acceptance_goes_back_to_proposed(
    client: httpx.AsyncClient, parties: Parties
) -> None:
    url = plan_url(parties)
    body = {"amount": 5_000_000, "currency": "USD"}
    await client.put(url, json=body, headers=parties.partner_admin)
    await client.post(url + "/accept", headers=parties.approver | if_match(1))

    same = await client.put(url, json=body, headers=parties.partner_admin | if_match(2))
    assert (same.headers["etag"], same.json()["status"]) == ('"2"', "accepted")

    changed = await client.put(
        url,
        json={"amount": 6_000_000, "currency": "USD"},
        headers=parties.partner_admin | if_match(2),
    )
    assert changed.headers["etag"] == '"3"'
    assert changed.json()["status"] == "proposed"
    assert changed.json()["accepted_by"] is changed.json()["accepted_at"] is None

    again = await client.post(url + "/accept", headers=parties.vendor_admin | if_match(3))
    assert again.json()["status"] == "accepted"


async def test_plan_changes_are_made_against_their_etag(
    client: httpx.AsyncClient, db: AsyncSession, parties: Parties
) -> None:
    url = plan_url(parties)
    body = {"amount": 100, "currency": "USD"}
    # If-Match on create names the version of nothing stored, 0.
    assert_problem(
        await client.put(url, json=body, headers=parties.partner_admin | if_match(1)), 412
    )
    assert await count(db, PartnerPlan) == 0
    await client.put(url, json=body, headers=parties.partner_admin | if_match(0))

    changed = {"amount": 200, "currency": "USD"}
    assert_problem(await client.put(url, json=changed, headers=parties.partner_admin), 428)
    assert_problem(
        await client.put(url, json=changed, headers=parties.partner_admin | if_match(7)), 412
    )
    assert_problem(await client.post(url + "/accept", headers=parties.approver), 428)
    assert_problem(await client.post(url + "/accept", headers=parties.approver | if_match(7)), 412)
    read = await client.get(url, headers=parties.partner_admin)
    assert (read.json()["amount"], read.json()["status"]) == (100, "proposed")


async def test_each_side_does_its_own_part_only(
    client: httpx.AsyncClient, db: AsyncSession, parties: Parties
) -> None:
    url = plan_url(parties)
    body = {"amount": 100, "currency": "USD"}
    for headers in (parties.vendor_admin, parties.approver):
        assert_problem(await client.put(url, json=body, headers=headers), 403)
    assert_problem(await client.put(url, json=body, headers=parties.rep), 403)
    assert await count(db, PartnerPlan) == 0

    await client.put(url, json=body, headers=parties.partner_admin)
    assert_problem(
        await client.post(url + "/accept", headers=parties.partner_admin | if_match(1)), 403
    )
    assert (await client.get(url, headers=parties.partner_admin)).json()["status"] == "proposed"


async def test_nobody_outside_the_partnership_sees_or_touches_its_plans(
    client: httpx.AsyncClient, factory: Factory, parties: Parties
) -> None:
    url = plan_url(parties)
    await client.put(url, json={"amount": 100, "currency": "USD"}, headers=parties.partner_admin)
    other_partner = await factory.partner()
    # Another partner of the same vendor, and another vendor of the same partner.
    await factory.partnership(other_partner, parties.vendor)
    other_vendor = await factory.vendor()
    await factory.partnership(parties.partner, other_vendor)
    outsiders = [
        await factory.headers_for(other_partner, Role.partner_admin),
        await factory.headers_for(other_vendor, Role.vendor_admin),
    ]

    for headers in outsiders:
        assert_problem(await client.get(url, headers=headers), 404)
        assert_problem(await client.get(url.rsplit("/", 1)[0], headers=headers), 404)
        assert_problem(
            await client.put(url, json={"amount": 1, "currency": "USD"}, headers=headers), 404
        )
        assert_problem(await client.post(url + "/accept", headers=headers | if_match(1)), 404)


async def test_a_partnerships_plans_are_listed_by_quarter(
    client: httpx.AsyncClient, parties: Parties
) -> None:
    for quarter in ("2027-Q3", "2026-Q4", "2027-Q1"):
        await client.put(
            plan_url(parties, quarter),
            json={"amount": 1, "currency": "EUR"},
            headers=parties.partner_admin,
        )

    listed = await client.get(plan_url(parties).rsplit("/", 1)[0], headers=parties.vendor_admin)

    assert [plan["quarter"] for plan in listed.json()["items"]] == ["2026-Q4", "2027-Q1", "2027-Q3"]


@pytest.mark.parametrize("quarter", ["2027-Q5", "2027Q1", "27-Q1", "2027-q1", "0000-Q1"])
async def test_a_bad_quarter_is_a_problem_naming_it_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, parties: Parties, quarter: str
) -> None:
    url = plan_url(parties, quarter)

    put = await client.put(
        url, json={"amount": 1, "currency": "USD"}, headers=parties.partner_admin
    )
    body = assert_problem(put, 422)
    assert [(e["parameter"], e["location"]) for e in body["errors"]] == [("quarter", "path")]
    assert_problem(await client.get(url, headers=parties.partner_admin), 422)
    assert await count(db, PartnerPlan) == 0


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"amount": -1, "currency": "USD"}, "/amount"),
        ({"amount": 1, "currency": "usd"}, "/currency"),
        ({"amount": 1}, "/currency"),
        ({"amount": 1.5, "currency": "USD"}, "/amount"),
    ],
)
async def test_a_bad_plan_is_refused_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    parties: Parties,
    body: dict[str, object],
    pointer: str,
) -> None:
    response = await client.put(plan_url(parties), json=body, headers=parties.partner_admin)

    assert_problem(response, 422, pointer=pointer)
    assert await count(db, PartnerPlan) == 0
