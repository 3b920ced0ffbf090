"""`/v1/partnerships`: a vendor enrols partners, each party sees only its own enrolments, and a
suspension takes the vendor's programs out of the partner's sight."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Partnership, PartnershipStatus, Role, Tier
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

PARTNERSHIPS = "/v1/partnerships"


def at(partnership: Partnership) -> str:
    return f"{PARTNERSHIPS}/{partnership.id}"


async def enrolments(db: AsyncSession, partner: Organization, vendor: Organization) -> int:
    return await count_rows(
        db, Partnership, Partnership.partner_id == partner.id, Partnership.vendor_id == vendor.id
    )


async def stored(db: AsyncSession, partnership: Partnership) -> tuple[str, str, int]:
    """(tier, status, version) as the database has them now."""
    stmt = select(Partnership.tier, Partnership.status, Partnership.version).where(
        Partnership.id == partnership.id
    )
    tier, status, version = (await db.execute(stmt)).one()
    return tier.value, status.value, version


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> set[str]:
    response = await client.get(PARTNERSHIPS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {p["id"] for p in response.json()["items"]}


def ids(*rows: Partnership) -> set[str]:
    return {str(row.id) for row in rows}


# --- create ------------------------------------------------------------------------------------


async def test_a_vendor_admin_enrols_a_partner_with_its_own_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    response = await client.post(
        PARTNERSHIPS, json={"partner_id": str(partner.id), "tier": "silver"}, headers=headers
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["vendor_id"] == str(vendor.id)
    assert created["partner_id"] == str(partner.id)
    assert (created["tier"], created["status"], created["version"]) == ("silver", "active", 1)
    assert (created["vendor_name"], created["partner_name"]) == (vendor.name, partner.name)
    assert await enrolments(db, partner, vendor) == 1

    partner_view = await factory.headers_for(partner, Role.partner_rep)
    read = await client.get(f"{PARTNERSHIPS}/{created['id']}", headers=partner_view)
    assert read.status_code == 200, read.text
    assert read.json() == created


async def test_a_partnership_may_start_suspended(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    body = {"partner_id": str(partner.id), "tier": "community", "status": "suspended"}
    response = await client.post(PARTNERSHIPS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert (response.json()["tier"], response.json()["status"]) == ("community", "suspended")


async def test_a_platform_admin_enrols_a_partner_with_a_named_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    body = {"partner_id": str(partner.id), "vendor_id": str(vendor.id), "tier": "gold"}
    response = await client.post(PARTNERSHIPS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["vendor_id"] == str(vendor.id)
    assert await enrolments(db, partner, vendor) == 1


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("partner", Role.partner_admin),
        ("partner", Role.partner_rep),
        ("vendor", Role.vendor_approver),
        ("vendor", Role.vendor_system),
        ("vendor", Role.channel_ops),
    ],
)
async def test_only_admins_enrol_partners(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, kind: str, role: Role
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    caller = vendor if kind == "vendor" else partner
    headers = await factory.headers_for(caller, role)
    body = {"partner_id": str(partner.id), "vendor_id": str(vendor.id), "tier": "gold"}
    assert_problem(await client.post(PARTNERSHIPS, json=body, headers=headers), 403, "forbidden")
    assert await enrolments(db, partner, vendor) == 0


async def test_a_vendor_admin_cannot_enrol_partners_with_another_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, other_vendor, partner = (
        await factory.vendor(),
        await factory.vendor(),
        await factory.partner(),
    )
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    body = {"partner_id": str(partner.id), "vendor_id": str(other_vendor.id), "tier": "gold"}
    # Another vendor is not the caller's to see: "no such vendor", never a 403 that tells it exists.
    response = await client.post(PARTNERSHIPS, json=body, headers=headers)
    assert_problem(response, 422, "validation-error", pointer="/vendor_id")
    assert await enrolments(db, partner, other_vendor) == 0
    assert await enrolments(db, partner, vendor) == 0


async def test_a_platform_admin_must_name_a_vendor_that_is_a_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partner, not_a_vendor = await factory.partner(), await factory.partner()
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    for vendor_id in (None, str(not_a_vendor.id), str(uuid.uuid4())):
        body = {"partner_id": str(partner.id), "tier": "gold", "vendor_id": vendor_id}
        response = await client.post(PARTNERSHIPS, json=body, headers=headers)
        assert_problem(response, 422, "validation-error", pointer="/vendor_id")
    assert await count_rows(db, Partnership, Partnership.partner_id == partner.id) == 0


async def test_the_partner_must_be_a_partner(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, other_vendor = await factory.vendor(), await factory.vendor()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    for partner_id in (other_vendor.id, vendor.id, uuid.uuid4()):
        body = {"partner_id": str(partner_id), "tier": "gold"}
        response = await client.post(PARTNERSHIPS, json=body, headers=headers)
        assert_problem(response, 422, "validation-error", pointer="/partner_id")
    assert await count_rows(db, Partnership, Partnership.vendor_id == vendor.id) == 0


async def test_enrolling_twice_conflicts(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    existing = await factory.partnership(partner, vendor)
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    body = {"partner_id": str(partner.id), "tier": "platinum"}
    response = await client.post(PARTNERSHIPS, json=body, headers=headers)
    assert_problem(response, 409, "duplicate-partnership")
    assert await enrolments(db, partner, vendor) == 1
    assert await stored(db, existing) == ("gold", "active", 1)


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"tier": "diamond"}, "/tier"),
        ({"tier": None}, "/tier"),
        ({"status": "paused"}, "/status"),
        ({"partner_id": "northwind"}, "/partner_id"),
        ({"partner_id": 7}, "/partner_id"),
        ({"discount": 10}, None),
    ],
)
async def test_an_invalid_enrolment_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    overrides: dict[str, Any],
    pointer: str | None,
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    body = {"partner_id": str(partner.id), "tier": "gold"} | overrides
    response = await client.post(PARTNERSHIPS, json=body, headers=headers)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert problem["errors"]
    assert await count_rows(db, Partnership, Partnership.vendor_id == vendor.id) == 0


async def test_a_malformed_body_is_a_400_problem(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    response = await client.post(
        PARTNERSHIPS,
        content=b"{'partner_id': nope}",
        headers=headers | {"Content-Type": "application/json"},
    )
    assert_problem(response, 400, "malformed-body")
    assert await count_rows(db, Partnership, Partnership.vendor_id == vendor.id) == 0


# --- read and list -----------------------------------------------------------------------------


async def test_each_party_sees_its_own_partnerships_only(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor_a, vendor_b = await factory.vendor(), await factory.vendor()
    partner_1, partner_2 = await factory.partner(), await factory.partner()
    p1_a = await factory.partnership(partner_1, vendor_a)
    p1_b = await factory.partnership(partner_1, vendor_b)
    p2_a = await factory.partnership(partner_2, vendor_a)

    partner_1_rep = await factory.headers_for(partner_1, Role.partner_rep)
    assert await listed(client, partner_1_rep) == ids(p1_a, p1_b)
    assert_problem(await client.get(at(p2_a), headers=partner_1_rep), 404, "partnership-not-found")

    vendor_b_admin = await factory.headers_for(vendor_b, Role.vendor_admin)
    assert await listed(client, vendor_b_admin) == ids(p1_b)
    for hidden in (p1_a, p2_a):
        response = await client.get(at(hidden), headers=vendor_b_admin)
        assert_problem(response, 404, "partnership-not-found")

    vendor_a_approver = await factory.headers_for(vendor_a, Role.vendor_approver)
    assert await listed(client, vendor_a_approver) == ids(p1_a, p2_a)
    assert (await client.get(at(p2_a), headers=vendor_a_approver)).status_code == 200

    # A filter naming someone else's rows narrows; it never widens.
    assert await listed(client, partner_1_rep, partner_id=str(partner_2.id)) == set()
    assert await listed(client, vendor_b_admin, vendor_id=str(vendor_a.id)) == set()


async def test_both_parties_read_each_others_names_on_every_row(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    partner = await factory.partner()
    vendors = [await factory.vendor() for _ in range(3)]
    for vendor in vendors:
        await factory.partnership(partner, vendor)
    headers = await factory.headers_for(partner, Role.partner_rep)

    response = await client.get(PARTNERSHIPS, headers=headers)

    assert response.status_code == 200, response.text
    assert {(p["vendor_name"], p["partner_name"]) for p in response.json()["items"]} == {
        (vendor.name, partner.name) for vendor in vendors
    }
    vendor_view = await factory.headers_for(vendors[0], Role.vendor_admin)
    (row,) = (await client.get(PARTNERSHIPS, headers=vendor_view)).json()["items"]
    assert (row["vendor_name"], row["partner_name"]) == (vendors[0].name, partner.name)


async def test_the_list_filters_by_vendor_partner_and_status(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await factory.vendor()
    partner_1, partner_2 = await factory.partner(), await factory.partner()
    active = await factory.partnership(partner_1, vendor)
    suspended = await factory.partnership(partner_2, vendor, status=PartnershipStatus.suspended)
    headers = await factory.headers_for(vendor, Role.vendor_admin)

    assert await listed(client, headers, status=PartnershipStatus.suspended) == ids(suspended)
    assert await listed(client, headers, status="active") == ids(active)
    assert await listed(client, headers, partner_id=str(partner_2.id)) == ids(suspended)
    assert await listed(client, headers, vendor_id=str(vendor.id)) == ids(active, suspended)


async def test_an_unknown_partnership_is_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    response = await client.get(f"{PARTNERSHIPS}/{uuid.uuid4()}", headers=headers)
    assert_problem(response, 404, "partnership-not-found")
    response = await client.get(f"{PARTNERSHIPS}/12345", headers=headers)
    assert response.status_code in (400, 404)
    assert_problem(response, response.status_code)


async def test_the_list_pages_through_every_partnership_once(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await factory.vendor()
    made = [await factory.partnership(await factory.partner(), vendor) for _ in range(5)]
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 2}
    for _ in range(len(made)):
        response = await client.get(PARTNERSHIPS, params=params, headers=headers)
        assert response.status_code == 200, response.text
        seen += [p["id"] for p in response.json()["items"]]
        if response.json()["next_cursor"] is None:
            break
        params["cursor"] = response.json()["next_cursor"]
    assert len(seen) == len(made)
    assert set(seen) == ids(*made)


@pytest.mark.parametrize(
    ("params", "type_suffix"),
    [
        ({"limit": 0}, "invalid-parameter"),
        ({"limit": 201}, "invalid-parameter"),
        ({"status": "paused"}, "invalid-parameter"),
        ({"vendor_id": "acme"}, "invalid-parameter"),
        ({"cursor": "bm90IGEgY3Vyc29y"}, "invalid-cursor"),
    ],
)
async def test_bad_list_parameters_are_400_problems(
    client: httpx.AsyncClient, factory: Factory, params: dict[str, Any], type_suffix: str
) -> None:
    headers = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    assert_problem(await client.get(PARTNERSHIPS, params=params, headers=headers), 400, type_suffix)


# --- update ------------------------------------------------------------------------------------


async def test_a_vendor_admin_changes_the_tier_and_the_version_grows(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    partnership = await factory.partnership(partner, vendor, tier=Tier.registered)
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    response = await client.patch(
        at(partnership), json={"tier": "platinum"}, headers=headers | if_match(1)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["tier"], body["status"], body["version"]) == ("platinum", "active", 2)
    assert await stored(db, partnership) == ("platinum", "active", 2)


async def test_suspending_a_partnership_hides_the_vendors_programs_from_the_partner(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    partnership = await factory.partnership(partner, vendor)
    program = await factory.program(vendor)
    rep = await factory.headers_for(partner, Role.partner_rep)
    program_url = f"/v1/programs/{program.id}"

    assert (await client.get(program_url, headers=rep)).status_code == 200
    visible = await client.get("/v1/programs", headers=rep)
    assert [p["id"] for p in visible.json()["items"]] == [str(program.id)]

    headers = await factory.headers_for(vendor, Role.vendor_admin)
    response = await client.patch(
        at(partnership), json={"status": "suspended"}, headers=headers | if_match(1)
    )
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["tier"]) == ("suspended", "gold")
    assert await stored(db, partnership) == ("gold", "suspended", 2)

    assert_problem(await client.get(program_url, headers=rep), 404, "program-not-found")
    hidden = await client.get("/v1/programs", headers=rep)
    assert hidden.json()["items"] == []
    # The partner still sees the (suspended) partnership itself.
    assert await listed(client, rep) == ids(partnership)

    reactivated = await client.patch(
        at(partnership), json={"status": "active"}, headers=headers | if_match(2)
    )
    assert reactivated.json()["version"] == 3
    assert (await client.get(program_url, headers=rep)).status_code == 200


async def test_a_platform_admin_patches_any_partnership(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partnership = await factory.partnership(await factory.partner(), await factory.vendor())
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    response = await client.patch(
        at(partnership),
        json={"tier": "silver", "status": "suspended"},
        headers=headers | if_match(1),
    )
    assert response.status_code == 200, response.text
    assert await stored(db, partnership) == ("silver", "suspended", 2)


@pytest.mark.parametrize(
    ("who", "role", "status", "type_suffix"),
    [
        ("partner", Role.partner_admin, 403, "forbidden"),
        ("partner", Role.partner_rep, 403, "forbidden"),
        ("vendor", Role.vendor_approver, 403, "forbidden"),
        ("other_vendor", Role.vendor_admin, 404, "partnership-not-found"),
        ("vendor", Role.channel_ops, 403, "forbidden"),
    ],
)
async def test_only_the_vendors_admin_patches_its_partnerships(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    who: str,
    role: Role,
    status: int,
    type_suffix: str,
) -> None:
    vendor, partner = await factory.vendor(), await factory.partner()
    partnership = await factory.partnership(partner, vendor)
    orgs = {
        "partner": partner,
        "vendor": vendor,
        "other_vendor": await factory.vendor(),
    }
    headers = await factory.headers_for(orgs[who], role)
    response = await client.patch(
        at(partnership), json={"status": "suspended"}, headers=headers | if_match(1)
    )
    assert_problem(response, status, type_suffix)
    assert await stored(db, partnership) == ("gold", "active", 1)


@pytest.mark.parametrize(
    ("patch", "pointer"),
    [
        ({"status": "paused"}, "/status"),
        ({"tier": "diamond"}, "/tier"),
        ({"tier": None}, "/tier"),
        ({"vendor_id": str(uuid.uuid4())}, None),
    ],
)
async def test_an_invalid_patch_changes_nothing(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    patch: dict[str, Any],
    pointer: str | None,
) -> None:
    vendor = await factory.vendor()
    partnership = await factory.partnership(await factory.partner(), vendor)
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    response = await client.patch(at(partnership), json=patch, headers=headers | if_match(1))
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await stored(db, partnership) == ("gold", "active", 1)


async def test_patching_an_unknown_partnership_is_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await client.patch(
        f"{PARTNERSHIPS}/{uuid.uuid4()}", json={"tier": "gold"}, headers=headers
    )
    assert_problem(response, 404, "partnership-not-found")
