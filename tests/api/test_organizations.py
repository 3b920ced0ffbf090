"""`/v1/organizations` and their users: who may create and change them, who sees which, and every
refusal as a problem that leaves the database as it was."""

import asyncio
import time
import uuid
from typing import Any

import httpx
import msgspec
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, OrgKind, Role, User
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match, pointers

ORGS = "/v1/organizations"


def users_of(org: Organization) -> str:
    return f"{ORGS}/{org.id}/users"


def vendor_body(**overrides: Any) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:6].upper()
    body = {
        "kind": "vendor",
        "name": f"Acme {suffix}",
        "country": "NO",
        "code": f"A{suffix}",
        "timezone": "Europe/Oslo",
    }
    return body | overrides


def user_body(role: Role, /, **overrides: Any) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:8]
    return {"email": f"person-{suffix}@example.test", "name": "Pat", "role": role.value} | overrides


async def named(db: AsyncSession, name: str) -> int:
    """Organizations whose name matches `name` case-insensitively."""
    return await count_rows(db, Organization, func.lower(Organization.name) == name.lower())


async def stored(db: AsyncSession, org: Organization) -> dict[str, Any]:
    """The organization's row as the database has it now (not the session's cached copy)."""
    stmt = select(
        Organization.name,
        Organization.country,
        Organization.code,
        Organization.timezone,
        Organization.version,
    ).where(Organization.id == org.id)
    return dict((await db.execute(stmt)).one()._mapping)


@pytest.fixture
async def admin(factory: Factory) -> dict[str, str]:
    """A platform administrator's bearer header."""
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


# Each non-platform-admin role, in an organization of a kind it fits.
OTHER_ROLES = [
    ("partner", Role.partner_rep),
    ("partner", Role.partner_admin),
    ("vendor", Role.vendor_approver),
    ("vendor", Role.vendor_admin),
    ("vendor", Role.vendor_system),
    ("vendor", Role.channel_ops),
    ("platform", Role.channel_ops),
]


# --- create ------------------------------------------------------------------------------------


async def test_platform_admin_creates_a_vendor(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    body = vendor_body()
    response = await client.post(ORGS, json=body, headers=admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert {k: created[k] for k in body} == body
    assert created["version"] == 1
    row = await db.get(Organization, uuid.UUID(created["id"]))
    assert row is not None
    assert (row.kind, row.name, row.code) == (OrgKind.vendor, body["name"], body["code"])

    read = await client.get(f"{ORGS}/{created['id']}", headers=admin)
    assert read.status_code == 200
    assert read.json() == created


async def test_platform_admin_creates_a_partner_without_code_or_time_zone(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    body = {"kind": "partner", "name": f"Northwind {uuid.uuid4().hex[:6]}", "country": "GB"}
    response = await client.post(ORGS, json=body, headers=admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["kind"] == "partner"
    assert created["code"] is None
    assert created["timezone"] is None


@pytest.mark.parametrize(("kind", "role"), OTHER_ROLES)
async def test_only_a_platform_admin_creates_organizations(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, kind: str, role: Role
) -> None:
    headers = await factory.headers_for(await getattr(factory, kind)(), role)
    body = vendor_body()
    assert_problem(await client.post(ORGS, json=body, headers=headers), 403, "forbidden")
    assert await named(db, body["name"]) == 0


async def test_creating_without_a_token_is_unauthenticated(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    body = vendor_body()
    assert_problem(await client.post(ORGS, json=body), 401, "unauthenticated")
    assert await named(db, body["name"]) == 0


@pytest.mark.parametrize("missing", ["code", "timezone"])
async def test_a_vendor_needs_a_code_and_a_time_zone(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession, missing: str
) -> None:
    body = vendor_body()
    del body[missing]
    response = await client.post(ORGS, json=body, headers=admin)
    assert_problem(response, 422, "validation-error", pointer=f"/{missing}")
    assert await named(db, body["name"]) == 0


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("timezone", "Mars/Olympus_Mons", 422),
        ("timezone", "", 422),
        ("country", "no", 422),
        ("country", "NOR", 422),
        ("code", "acme", 422),
        ("code", "A", 422),
        ("code", "1ACME", 422),
        ("code", "ACMEACMEACMEA", 422),
        ("name", "", 422),
        ("name", "x" * 201, 422),
        ("name", 42, 422),
        ("name", "Acme\r\nBcc: someone@example.com", 422),
        ("name", "Acme\tCorp", 422),
        ("name", "Acme\u2028Corp", 422),
        ("kind", "reseller", 422),
        ("country", None, 422),
    ],
)
async def test_invalid_fields_are_named_by_pointer(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    db: AsyncSession,
    field: str,
    value: Any,
    status: int,
) -> None:
    before = await count_rows(db, Organization)
    response = await client.post(ORGS, json=vendor_body(**{field: value}), headers=admin)
    assert_problem(response, status, "validation-error", pointer=f"/{field}")
    assert await count_rows(db, Organization) == before


async def test_an_unknown_field_is_refused(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    body = vendor_body(website="https://acme.example")
    problem = assert_problem(
        await client.post(ORGS, json=body, headers=admin), 422, "validation-error"
    )
    assert problem["errors"], problem
    assert "website" in str(problem["errors"])
    assert await named(db, body["name"]) == 0


async def test_an_unknown_field_is_pointed_at_in_the_body(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    problem = assert_problem(
        await client.post(ORGS, json=vendor_body(website="x"), headers=admin), 422
    )
    assert pointers(problem) == ["/website"], problem


async def test_a_malformed_body_is_a_400_problem(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    before = await count_rows(db, Organization)
    response = await client.post(
        ORGS,
        content=b'{"kind": "vendor", "name": "Half',
        headers=admin | {"Content-Type": "application/json"},
    )
    assert_problem(response, 400, "malformed-body")
    assert await count_rows(db, Organization) == before


async def test_a_duplicate_name_differing_only_in_case_conflicts(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    existing = await factory.vendor()
    body = vendor_body(name=existing.name.upper())
    response = await client.post(ORGS, json=body, headers=admin)
    assert_problem(response, 409, "duplicate-organization")
    assert await named(db, existing.name) == 1
    assert await count_rows(db, Organization, Organization.code == body["code"]) == 0


async def test_a_duplicate_code_conflicts(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    existing = await factory.vendor()
    body = vendor_body(code=existing.code)
    response = await client.post(ORGS, json=body, headers=admin)
    assert_problem(response, 409, "duplicate-organization")
    assert await named(db, body["name"]) == 0


# --- read and list -----------------------------------------------------------------------------


async def test_an_unknown_organization_is_not_found(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get(f"{ORGS}/{uuid.uuid4()}", headers=admin)
    assert_problem(response, 404, "organization-not-found")


async def test_a_path_that_is_not_a_uuid_is_a_problem(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get(f"{ORGS}/not-a-uuid", headers=admin)
    assert response.status_code in (400, 404)
    assert_problem(response, response.status_code)


async def test_a_vendor_reads_itself_and_its_partners_but_no_other_organization(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor, other_vendor = await factory.vendor(), await factory.vendor()
    partner, stranger = await factory.partner(), await factory.partner()
    await factory.partnership(partner, vendor)
    headers = await factory.headers_for(vendor, Role.vendor_admin)

    for visible in (vendor, partner):
        response = await client.get(f"{ORGS}/{visible.id}", headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["name"] == visible.name
    for hidden in (other_vendor, stranger):
        response = await client.get(f"{ORGS}/{hidden.id}", headers=headers)
        assert_problem(response, 404, "organization-not-found")


async def test_a_partner_reads_the_vendors_it_is_enrolled_with_only(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    partner, enrolled, other = (
        await factory.partner(),
        await factory.vendor(),
        await factory.vendor(),
    )
    await factory.partnership(partner, enrolled)
    headers = await factory.headers_for(partner, Role.partner_rep)
    assert (await client.get(f"{ORGS}/{enrolled.id}", headers=headers)).status_code == 200
    assert_problem(
        await client.get(f"{ORGS}/{other.id}", headers=headers), 404, "organization-not-found"
    )


async def test_the_list_holds_what_the_caller_may_see(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor, other_vendor = await factory.vendor(), await factory.vendor()
    partner, stranger = await factory.partner(), await factory.partner()
    await factory.partnership(partner, vendor)
    headers = await factory.headers_for(vendor, Role.vendor_approver)

    response = await client.get(ORGS, headers=headers)
    assert response.status_code == 200, response.text
    assert {o["id"] for o in response.json()["items"]} == {str(vendor.id), str(partner.id)}
    assert response.json()["next_cursor"] is None

    partners_only = await client.get(ORGS, params={"kind": "partner"}, headers=headers)
    assert [o["id"] for o in partners_only.json()["items"]] == [str(partner.id)]

    admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    everything = await client.get(ORGS, params={"limit": 200}, headers=admin)
    seen = {o["id"] for o in everything.json()["items"]}
    assert {str(o.id) for o in (vendor, other_vendor, partner, stranger)} <= seen


@pytest.mark.parametrize(
    ("params", "type_suffix"),
    [
        ({"limit": 0}, "invalid-parameter"),
        ({"limit": 201}, "invalid-parameter"),
        ({"limit": "many"}, "invalid-parameter"),
        ({"kind": "reseller"}, "invalid-parameter"),
        ({"cursor": "not-a-cursor"}, "invalid-cursor"),
    ],
)
async def test_bad_list_parameters_are_400_problems(
    client: httpx.AsyncClient, admin: dict[str, str], params: dict[str, Any], type_suffix: str
) -> None:
    assert_problem(await client.get(ORGS, params=params, headers=admin), 400, type_suffix)


async def test_a_bad_query_parameter_is_named_plainly(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get(ORGS, params={"limit": 0}, headers=admin)
    problem = assert_problem(response, 400, "invalid-parameter")
    named = [error.get("parameter") or error.get("pointer") or "" for error in problem["errors"]]
    assert any(name.endswith("limit") for name in named), problem
    assert "ParamType" not in response.text


# --- update ------------------------------------------------------------------------------------


async def test_patch_changes_the_given_fields_keeps_the_others_and_bumps_the_version(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor(country="US", timezone="America/New_York")
    new_name = f"Renamed {uuid.uuid4().hex[:6]}"
    response = await client.patch(
        f"{ORGS}/{vendor.id}", json={"name": new_name, "country": "CA"}, headers=admin | if_match(1)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == new_name
    assert body["country"] == "CA"
    assert body["code"] == vendor.code
    assert body["timezone"] == "America/New_York"
    assert body["version"] == 2
    assert await stored(db, vendor) == {
        "name": new_name,
        "country": "CA",
        "code": vendor.code,
        "timezone": "America/New_York",
        "version": 2,
    }

    again = await client.patch(
        f"{ORGS}/{vendor.id}", json={"timezone": "America/Toronto"}, headers=admin | if_match(2)
    )
    assert again.status_code == 200, again.text
    assert again.json()["version"] == 3
    assert again.json()["name"] == new_name
    assert again.json()["timezone"] == "America/Toronto"


async def test_an_empty_patch_changes_nothing(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    before = await stored(db, vendor)
    response = await client.patch(
        f"{ORGS}/{vendor.id}", json={}, headers=admin | if_match(before["version"])
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == before["version"]
    assert await stored(db, vendor) == before


@pytest.mark.parametrize(("kind", "role"), OTHER_ROLES)
async def test_only_a_platform_admin_patches_organizations(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, kind: str, role: Role
) -> None:
    org = await getattr(factory, kind)()
    headers = await factory.headers_for(org, role)
    before = await stored(db, org)
    response = await client.patch(
        f"{ORGS}/{org.id}", json={"name": "Mine now"}, headers=headers | if_match(before["version"])
    )
    assert_problem(response, 403, "forbidden")
    assert await stored(db, org) == before


@pytest.mark.parametrize(
    ("patch", "status", "type_suffix", "pointer"),
    [
        ({"timezone": "Europe/Atlantis"}, 422, "validation-error", "/timezone"),
        ({"country": "usa"}, 422, "validation-error", "/country"),
        ({"code": "lower"}, 422, "validation-error", "/code"),
        ({"name": None}, 422, "validation-error", "/name"),
        ({"version": 7}, 422, "validation-error", None),
    ],
)
async def test_an_invalid_patch_changes_nothing(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    factory: Factory,
    db: AsyncSession,
    patch: dict[str, Any],
    status: int,
    type_suffix: str,
    pointer: str | None,
) -> None:
    vendor = await factory.vendor()
    before = await stored(db, vendor)
    response = await client.patch(
        f"{ORGS}/{vendor.id}", json=patch, headers=admin | if_match(before["version"])
    )
    assert_problem(response, status, type_suffix, pointer=pointer)
    assert await stored(db, vendor) == before


@pytest.mark.parametrize("field", ["name", "code"])
async def test_a_patch_onto_another_organizations_name_or_code_conflicts(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession, field: str
) -> None:
    vendor, other = await factory.vendor(), await factory.vendor()
    before = await stored(db, vendor)
    taken = getattr(other, field).lower() if field == "name" else other.code
    response = await client.patch(
        f"{ORGS}/{vendor.id}", json={field: taken}, headers=admin | if_match(before["version"])
    )
    assert_problem(response, 409, "duplicate-organization")
    assert await stored(db, vendor) == before


async def test_patching_an_unknown_organization_is_not_found(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.patch(f"{ORGS}/{uuid.uuid4()}", json={"name": "X"}, headers=admin)
    assert_problem(response, 404, "organization-not-found")


# --- users -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("vendor", Role.vendor_approver),
        ("vendor", Role.vendor_admin),
        ("partner", Role.partner_rep),
        ("platform", Role.channel_ops),
    ],
)
async def test_a_platform_admin_adds_users_anywhere(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    factory: Factory,
    db: AsyncSession,
    kind: str,
    role: Role,
) -> None:
    org = await getattr(factory, kind)()
    body = user_body(role)
    response = await client.post(users_of(org), json=body, headers=admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["organization_id"] == str(org.id)
    assert (created["email"], created["role"], created["active"]) == (body["email"], role, True)
    assert await count_rows(db, User, User.email == body["email"], User.organization_id == org.id)


async def test_a_partner_admin_adds_a_rep_to_its_partner_with_a_normalised_email(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partner = await factory.partner()
    headers = await factory.headers_for(partner, Role.partner_admin)
    body = user_body(Role.partner_rep, email="Rob.Rep@Northwind.TEST")
    response = await client.post(users_of(partner), json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["email"] == "rob.rep@northwind.test"
    assert response.json()["role"] == "partner_rep"
    assert await count_rows(db, User, User.email == "rob.rep@northwind.test") == 1


@pytest.mark.parametrize(
    ("kind", "admin_role", "role"),
    [
        ("partner", Role.partner_admin, Role.vendor_admin),
        ("partner", Role.partner_admin, Role.vendor_approver),
        ("partner", Role.partner_admin, Role.platform_admin),
        ("vendor", Role.vendor_admin, Role.partner_rep),
        ("vendor", Role.vendor_admin, Role.platform_admin),
    ],
)
async def test_a_role_that_does_not_fit_the_organization_is_invalid(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    kind: str,
    admin_role: Role,
    role: Role,
) -> None:
    org = await getattr(factory, kind)()
    headers = await factory.headers_for(org, admin_role)
    body = user_body(role)
    response = await client.post(users_of(org), json=body, headers=headers)
    assert_problem(response, 422, "validation-error", pointer="/role")
    assert await count_rows(db, User, User.email == body["email"]) == 0


async def test_a_platform_admin_cannot_add_a_role_that_does_not_fit_either(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory, db: AsyncSession
) -> None:
    partner = await factory.partner()
    body = user_body(Role.vendor_admin)
    response = await client.post(users_of(partner), json=body, headers=admin)
    assert_problem(response, 422, "validation-error", pointer="/role")
    assert await count_rows(db, User, User.email == body["email"]) == 0


async def test_an_admin_cannot_add_users_to_a_counterparty(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partner, vendor = await factory.partner(), await factory.vendor()
    await factory.partnership(partner, vendor)
    cases = [
        (await factory.headers_for(partner, Role.partner_admin), vendor, Role.vendor_admin),
        (await factory.headers_for(vendor, Role.vendor_admin), partner, Role.partner_rep),
    ]
    for headers, target, role in cases:
        body = user_body(role)
        response = await client.post(users_of(target), json=body, headers=headers)
        # As for reading its users: a counterparty's staff is not the caller's to see.
        assert_problem(response, 404, "organization-not-found")
        assert await count_rows(db, User, User.email == body["email"]) == 0


async def test_an_admin_cannot_add_users_to_an_unrelated_organization(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partner, stranger = await factory.partner(), await factory.partner()
    headers = await factory.headers_for(partner, Role.partner_admin)
    body = user_body(Role.partner_rep)
    response = await client.post(users_of(stranger), json=body, headers=headers)
    assert_problem(response, 404, "organization-not-found")
    assert await count_rows(db, User, User.email == body["email"]) == 0


@pytest.mark.parametrize(
    ("kind", "role"),
    [("partner", Role.partner_rep), ("vendor", Role.vendor_approver), ("vendor", Role.channel_ops)],
)
async def test_non_admins_cannot_add_users(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, kind: str, role: Role
) -> None:
    org = await getattr(factory, kind)()
    headers = await factory.headers_for(org, role)
    body = user_body(role)
    assert_problem(await client.post(users_of(org), json=body, headers=headers), 403, "forbidden")
    assert await count_rows(db, User, User.email == body["email"]) == 0


async def test_a_duplicate_email_differing_only_in_case_conflicts(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    partner, other = await factory.partner(), await factory.partner()
    existing = await factory.user(other, Role.partner_rep, email="dup@example.test")
    headers = await factory.headers_for(partner, Role.partner_admin)
    body = user_body(Role.partner_rep, email="DUP@Example.Test")
    response = await client.post(users_of(partner), json=body, headers=headers)
    assert_problem(response, 409, "duplicate-user")
    assert await count_rows(db, User, func.lower(User.email) == "dup@example.test") == 1
    assert await count_rows(db, User, User.organization_id == partner.id) == 1  # the admin only
    assert existing.organization_id == other.id


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"email": "not-an-email"}, "/email"),
        ({"email": "a@b"}, "/email"),
        ({"email": "a,b@example.com"}, "/email"),
        ({"email": "victim@example.com,a@example.com"}, "/email"),
        ({"email": "a\r\nb@example.com"}, "/email"),
        ({"name": "Casey\nJones"}, "/name"),
        ({"role": "superuser"}, "/role"),
        ({"name": ""}, "/name"),
        ({"team": "north"}, None),
    ],
)
async def test_an_invalid_user_is_refused(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    factory: Factory,
    db: AsyncSession,
    overrides: dict[str, Any],
    pointer: str | None,
) -> None:
    partner = await factory.partner()
    body = user_body(Role.partner_rep, **overrides)
    response = await client.post(users_of(partner), json=body, headers=admin)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert problem["errors"]
    assert await count_rows(db, User, User.organization_id == partner.id) == 0


async def test_adding_a_user_to_an_unknown_organization_is_not_found(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    body = user_body(Role.partner_rep)
    response = await client.post(f"{ORGS}/{uuid.uuid4()}/users", json=body, headers=admin)
    assert_problem(response, 404, "organization-not-found")
    assert await count_rows(db, User, User.email == body["email"]) == 0


async def test_members_list_their_own_organizations_users(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    partner = await factory.partner()
    rep = await factory.user(partner, Role.partner_rep)
    headers = await factory.headers_for(partner, Role.partner_admin)
    response = await client.get(users_of(partner), headers=headers)
    assert response.status_code == 200, response.text
    emails = [u["email"] for u in response.json()["items"]]
    assert rep.email in emails
    assert len(emails) == 2


async def test_the_users_of_another_organization_are_not_found(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor, partner, stranger = (
        await factory.vendor(),
        await factory.partner(),
        await factory.vendor(),
    )
    await factory.partnership(partner, vendor)
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    for other in (
        partner,
        stranger,
    ):  # a counterparty's staff are no more visible than a stranger's
        response = await client.get(users_of(other), headers=headers)
        assert_problem(response, 404, "organization-not-found")


async def test_a_platform_admin_lists_any_organizations_users_page_by_page(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory
) -> None:
    vendor = await factory.vendor()
    made = {(await factory.user(vendor, Role.vendor_approver)).email for _ in range(3)}
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        response = await client.get(users_of(vendor), params=params, headers=admin)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= 2
        seen += [u["email"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made)


@pytest.mark.parametrize(
    ("params", "type_suffix"),
    [({"limit": 0}, "invalid-parameter"), ({"cursor": "%%%"}, "invalid-cursor")],
)
async def test_bad_user_list_parameters_are_400_problems(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    factory: Factory,
    params: dict[str, Any],
    type_suffix: str,
) -> None:
    vendor = await factory.vendor()
    response = await client.get(users_of(vendor), params=params, headers=admin)
    assert_problem(response, 400, type_suffix)


async def test_vendor_system_is_a_machine_role_no_person_holds(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    body = user_body(Role.vendor_system)
    response = await client.post(users_of(vendor), json=body, headers=headers)
    assert_problem(response, 422, "validation-error", pointer="/role")
    assert await count_rows(db, User, User.email == body["email"]) == 0


# --- disabling users ---------------------------------------------------------------------------


def user_url(org: Organization, user: User) -> str:
    return f"{users_of(org)}/{user.id}"


def bearer(factory: Factory, user: User, org: Organization) -> dict[str, str]:
    return {"Authorization": f"Bearer {factory.token(user, org)}"}


async def next_second() -> None:
    """Until the clock has passed into the next whole second: tokens say when they were issued
    in whole seconds, and one issued in the second of the change is kept."""
    await asyncio.sleep(1.01 - time.time() % 1)


async def test_an_admin_disables_a_user_whose_tokens_are_refused_at_once(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    approver = await factory.user(vendor, Role.vendor_approver)
    token = bearer(factory, approver, vendor)
    assert (await client.get("/v1/me", headers=token)).status_code == 200

    await next_second()
    off = await client.patch(
        user_url(vendor, approver), json={"active": False}, headers=admin | if_match(1)
    )
    assert off.status_code == 200, off.text
    assert (off.json()["active"], off.json()["version"]) == (False, 2)
    assert off.headers["etag"] == '"2"'
    assert_problem(await client.get("/v1/me", headers=token), 401, "unauthenticated")
    listed = await client.get(users_of(vendor), headers=admin)
    assert {u["id"]: u["active"] for u in listed.json()["items"]}[str(approver.id)] is False

    # Enabled again, the user signs in anew: a token from before the disabling stays refused.
    on = await client.patch(
        user_url(vendor, approver), json={"active": True}, headers=admin | if_match(2)
    )
    assert on.json()["active"] is True
    assert_problem(await client.get("/v1/me", headers=token), 401, "unauthenticated")
    await db.refresh(approver)
    assert (await client.get("/v1/me", headers=bearer(factory, approver, vendor))).is_success


async def test_a_platform_admin_disables_a_partner_user_and_renames_one(
    client: httpx.AsyncClient, admin: dict[str, str], factory: Factory
) -> None:
    partner = await factory.partner()
    rep = await factory.user(partner, Role.partner_rep)
    response = await client.patch(
        user_url(partner, rep), json={"active": False, "name": "Rob"}, headers=admin | if_match(1)
    )
    assert response.status_code == 200, response.text
    assert (response.json()["active"], response.json()["name"]) == (False, "Rob")
    assert_problem(await client.get("/v1/me", headers=bearer(factory, rep, partner)), 401)


async def test_another_tenants_user_is_not_found(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    other = await factory.vendor()
    stranger = await factory.user(other, Role.vendor_approver)
    # Named under its own organization, or smuggled under the admin's own.
    for url in (user_url(other, stranger), f"{users_of(vendor)}/{stranger.id}"):
        response = await client.patch(url, json={"active": False}, headers=admin | if_match(1))
        assert_problem(response, 404)
    missing = await client.patch(
        f"{users_of(vendor)}/{uuid.uuid4()}", json={"active": False}, headers=admin | if_match(1)
    )
    assert_problem(missing, 404, "user-not-found")
    await db.refresh(stranger)
    assert (stranger.active, stranger.version) == (True, 1)


@pytest.mark.parametrize("role", [Role.partner_rep])
async def test_a_non_admin_cannot_disable_anyone(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, role: Role
) -> None:
    partner = await factory.partner()
    colleague = await factory.user(partner, Role.partner_rep)
    headers = await factory.headers_for(partner, role)
    response = await client.patch(
        user_url(partner, colleague), json={"active": False}, headers=headers | if_match(1)
    )
    assert_problem(response, 403, "forbidden")
    await db.refresh(colleague)
    assert colleague.active is True


async def test_an_admin_cannot_disable_themselves(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    """Nobody locks themselves out by mistake; another admin (or the platform) can."""
    partner = await factory.partner()
    me = await factory.user(partner, Role.partner_admin)
    headers = bearer(factory, me, partner)
    response = await client.patch(
        user_url(partner, me), json={"active": False}, headers=headers | if_match(1)
    )
    assert_problem(response, 409, "cannot-disable-yourself")
    await db.refresh(me)
    assert me.active is True
    renamed = await client.patch(
        user_url(partner, me), json={"name": "Me"}, headers=headers | if_match(1)
    )
    assert renamed.status_code == 200, renamed.text


@pytest.mark.parametrize(
    ("body", "headers", "status", "type_suffix", "pointer"),
    [
        ({"active": False}, {}, 428, "precondition-required", None),
        ({"active": False}, {"If-Match": '"7"'}, 412, "stale-version", None),
        ({"active": "no"}, {"If-Match": '"1"'}, 422, "validation-error", "/active"),
        ({"name": ""}, {"If-Match": '"1"'}, 422, "validation-error", "/name"),
        # A role is not changed here: disable the user and add one with the other role.
        ({"role": "partner_admin"}, {"If-Match": '"1"'}, 422, "validation-error", None),
    ],
)
async def test_a_bad_user_change_is_a_problem_and_changes_nothing(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    factory: Factory,
    db: AsyncSession,
    body: dict[str, Any],
    headers: dict[str, str],
    status: int,
    type_suffix: str,
    pointer: str | None,
) -> None:
    partner = await factory.partner()
    rep = await factory.user(partner, Role.partner_rep, name="Pat")
    response = await client.patch(user_url(partner, rep), json=body, headers=admin | headers)
    assert_problem(response, status, type_suffix, pointer=pointer)
    await db.refresh(rep)
    assert (rep.active, rep.name, rep.version) == (True, "Pat", 1)


async def test_a_user_token_holding_a_scope_the_role_no_longer_grants_is_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """A role's scopes can shrink in an upgrade: a token minted before holds what it lost."""
    vendor = await factory.vendor()
    approver = await factory.user(vendor, Role.vendor_approver)
    principal = factory.principal(approver, vendor)
    wider = msgspec.structs.replace(principal, scopes=principal.scopes | {"payouts:write"})
    headers = {"Authorization": f"Bearer {factory.tokens.mint(wider)}"}
    assert_problem(await client.get("/v1/me", headers=headers), 401, "unauthenticated")
    assert (await client.get("/v1/me", headers=bearer(factory, approver, vendor))).is_success
