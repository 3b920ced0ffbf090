"""`/v1/programs` and their product catalogues: a vendor admin builds them, vendors see their own,
partners see those of the vendors they are actively enrolled with, and lists page by keyset."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, PartnershipStatus, Product, Program, Role
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, pointers

PROGRAMS = "/v1/programs"


def at(program: Program) -> str:
    return f"{PROGRAMS}/{program.id}"


def products_of(program: Program) -> str:
    return f"{PROGRAMS}/{program.id}/products"


def program_body(**overrides: Any) -> dict[str, Any]:
    return {"name": f"Partner Advantage {uuid.uuid4().hex[:6]}", "currency": "EUR"} | overrides


def text_field(key: str, **overrides: Any) -> dict[str, Any]:
    return {"key": key, "label": key.replace("_", " ").title(), "type": "text"} | overrides


async def programs_of(db: AsyncSession, vendor: Organization) -> int:
    return await count_rows(db, Program, Program.vendor_id == vendor.id)


async def products_in(db: AsyncSession, program: Program) -> int:
    return await count_rows(db, Product, Product.program_id == program.id)


async def all_pages(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], limit: int
) -> list[list[str]]:
    """Follow `next_cursor` from the first page until it is null; the ids of each page."""
    pages: list[list[str]] = []
    params: dict[str, Any] = {"limit": limit}
    while True:
        response = await client.get(url, params=params, headers=headers)
        assert response.status_code == 200, response.text
        pages.append([item["id"] for item in response.json()["items"]])
        assert len(pages) <= 100, "the cursor never ran out"
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return pages
        params["cursor"] = cursor


@pytest.fixture
async def vendor(factory: Factory) -> Organization:
    return await factory.vendor()


@pytest.fixture
async def vendor_admin(factory: Factory, vendor: Organization) -> dict[str, str]:
    return await factory.headers_for(vendor, Role.vendor_admin)


# --- create ------------------------------------------------------------------------------------


async def test_a_vendor_admin_creates_a_program_for_its_vendor_with_defaults(
    client: httpx.AsyncClient,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    body = program_body()
    response = await client.post(PROGRAMS, json=body, headers=vendor_admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["vendor_id"] == str(vendor.id)
    assert {k: created[k] for k in body} == body
    assert created["description"] == ""
    assert (created["protection_days"], created["extension_days"]) == (90, 30)
    assert (created["max_extensions"], created["minimum_deal_amount"]) == (1, 0)
    assert (created["extra_fields"], created["active"], created["version"]) == ([], True, 1)
    assert await count_rows(db, Program, Program.id == uuid.UUID(created["id"])) == 1

    read = await client.get(f"{PROGRAMS}/{created['id']}", headers=vendor_admin)
    assert read.status_code == 200
    assert read.json() == created


async def test_a_program_keeps_its_terms_and_extra_fields(
    client: httpx.AsyncClient, vendor_admin: dict[str, str]
) -> None:
    extra_fields = [
        text_field("crm_id", required=False, help="Your CRM's opportunity id"),
        {"key": "segment", "label": "Segment", "type": "choice", "choices": ["smb", "enterprise"]},
        {"key": "seats", "label": "Seats", "type": "number"},
    ]
    body = program_body(
        description="Registered deals get 15% off list.",
        protection_days=120,
        extension_days=60,
        max_extensions=0,
        minimum_deal_amount=500_000,
        extra_fields=extra_fields,
    )
    response = await client.post(PROGRAMS, json=body, headers=vendor_admin)
    assert response.status_code == 201, response.text
    created = response.json()
    for key in ("description", "protection_days", "extension_days", "max_extensions"):
        assert created[key] == body[key]
    assert created["minimum_deal_amount"] == 500_000
    assert [f["key"] for f in created["extra_fields"]] == ["crm_id", "segment", "seats"]
    assert created["extra_fields"][0]["required"] is False
    assert created["extra_fields"][0]["help"] == "Your CRM's opportunity id"
    # A bare choice is kept as a value that is its own label.
    assert created["extra_fields"][1]["choices"] == [
        {"value": "smb", "label": "smb"},
        {"value": "enterprise", "label": "enterprise"},
    ]
    assert created["extra_fields"][2]["required"] is True

    read = await client.get(f"{PROGRAMS}/{created['id']}", headers=vendor_admin)
    assert read.json()["extra_fields"] == created["extra_fields"]


async def test_a_platform_admin_creates_a_program_for_a_named_vendor(
    client: httpx.AsyncClient, factory: Factory, vendor: Organization, db: AsyncSession
) -> None:
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    body = program_body(vendor_id=str(vendor.id))
    response = await client.post(PROGRAMS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["vendor_id"] == str(vendor.id)
    assert await programs_of(db, vendor) == 1


async def test_a_platform_admin_must_name_a_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    partner = await factory.partner()
    before = await count_rows(db, Program)
    for vendor_id in (None, str(partner.id), str(uuid.uuid4())):
        response = await client.post(
            PROGRAMS, json=program_body(vendor_id=vendor_id), headers=headers
        )
        assert_problem(response, 422, "validation-error", pointer="/vendor_id")
    assert await count_rows(db, Program) == before


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("partner", Role.partner_rep),
        ("partner", Role.partner_admin),
        ("vendor", Role.vendor_approver),
        ("vendor", Role.vendor_system),
        ("vendor", Role.channel_ops),
    ],
)
async def test_only_admins_create_programs(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    db: AsyncSession,
    kind: str,
    role: Role,
) -> None:
    caller = vendor if kind == "vendor" else await factory.partner()
    if kind == "partner":
        await factory.partnership(caller, vendor)
    headers = await factory.headers_for(caller, role)
    body = program_body(vendor_id=str(vendor.id))
    assert_problem(await client.post(PROGRAMS, json=body, headers=headers), 403, "forbidden")
    assert await programs_of(db, vendor) == 0


async def test_a_vendor_admin_cannot_create_a_program_for_another_vendor(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    other = await factory.vendor()
    body = program_body(vendor_id=str(other.id))
    # Another vendor is not the caller's to see: "no such vendor", never a 403 that tells it exists.
    response = await client.post(PROGRAMS, json=body, headers=vendor_admin)
    assert_problem(response, 422, "validation-error", pointer="/vendor_id")
    assert await programs_of(db, other) == 0
    assert await programs_of(db, vendor) == 0


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"currency": "eur"}, "/currency"),
        ({"currency": "EURO"}, "/currency"),
        ({"currency": 978}, "/currency"),
        ({"name": ""}, "/name"),
        ({"protection_days": 0}, "/protection_days"),
        ({"protection_days": "ninety"}, "/protection_days"),
        ({"extension_days": 366}, "/extension_days"),
        ({"max_extensions": -1}, "/max_extensions"),
        ({"minimum_deal_amount": -1}, "/minimum_deal_amount"),
        ({"minimum_deal_amount": 10.5}, "/minimum_deal_amount"),
        ({"vendor_id": "acme"}, "/vendor_id"),
        ({"extra_fields": {"key": "crm_id"}}, "/extra_fields"),
        ({"extra_fields": [text_field("CRM id")]}, "/extra_fields/0/key"),
        ({"extra_fields": [text_field("crm_id", type="url")]}, "/extra_fields/0/type"),
        ({"extra_fields": [text_field("crm_id", label="")]}, "/extra_fields/0/label"),
        ({"extra_fields": [text_field("crm_id", colour="red")]}, None),
        ({"region": "EMEA"}, None),
    ],
)
async def test_an_invalid_program_is_refused(
    client: httpx.AsyncClient,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
    overrides: dict[str, Any],
    pointer: str | None,
) -> None:
    response = await client.post(PROGRAMS, json=program_body(**overrides), headers=vendor_admin)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert problem["errors"]
    assert await programs_of(db, vendor) == 0


@pytest.mark.parametrize(
    ("extra_fields", "pointer"),
    [
        ([text_field("crm_id"), text_field("crm_id")], "/extra_fields/1/key"),
        ([text_field("a"), text_field("b"), text_field("a")], "/extra_fields/2/key"),
        ([text_field("segment", type="choice")], "/extra_fields/0/choices"),
        ([text_field("segment", type="choice", choices=[])], "/extra_fields/0/choices"),
        ([text_field("segment", type="choice", choices=["x", "x"])], "/extra_fields/0/choices"),
        ([text_field("a"), text_field("b", choices=["x"])], "/extra_fields/1/choices"),
        ([text_field("seats", type="number", choices=["1"])], "/extra_fields/0/choices"),
    ],
)
async def test_extra_fields_that_break_a_rule_are_refused(
    client: httpx.AsyncClient,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
    extra_fields: list[dict[str, Any]],
    pointer: str,
) -> None:
    body = program_body(extra_fields=extra_fields)
    response = await client.post(PROGRAMS, json=body, headers=vendor_admin)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert pointers(problem) == [pointer]
    assert await programs_of(db, vendor) == 0


async def test_a_duplicate_name_at_the_same_vendor_conflicts(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    existing = await factory.program(vendor)
    body = program_body(name=existing.name)
    response = await client.post(PROGRAMS, json=body, headers=vendor_admin)
    assert_problem(response, 409, "duplicate-program")
    assert await programs_of(db, vendor) == 1

    other = await factory.vendor()
    other_admin = await factory.headers_for(other, Role.vendor_admin)
    response = await client.post(PROGRAMS, json=body, headers=other_admin)
    assert response.status_code == 201, response.text
    assert await programs_of(db, other) == 1


async def test_a_malformed_body_is_a_400_problem(
    client: httpx.AsyncClient, vendor: Organization, vendor_admin: dict[str, str], db: AsyncSession
) -> None:
    response = await client.post(
        PROGRAMS,
        content=b'{"name": "Half", "currency": "EUR",',
        headers=vendor_admin | {"Content-Type": "application/json"},
    )
    assert_problem(response, 400, "malformed-body")
    assert await programs_of(db, vendor) == 0


# --- read, list and tenancy --------------------------------------------------------------------


async def test_a_vendor_sees_its_own_programs_only(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    own = await factory.program(vendor)
    other_vendor = await factory.vendor()
    theirs = await factory.program(other_vendor)
    await factory.product(theirs)

    assert (await client.get(at(own), headers=vendor_admin)).status_code == 200
    for response in (
        await client.get(at(theirs), headers=vendor_admin),
        await client.get(products_of(theirs), headers=vendor_admin),
        await client.post(
            products_of(theirs), json={"sku": "SNEAKY-1", "name": "Sneaky"}, headers=vendor_admin
        ),
    ):
        assert_problem(response, 404, "program-not-found")
    assert await products_in(db, theirs) == 1

    for params in ({}, {"vendor_id": str(other_vendor.id)}):
        response = await client.get(PROGRAMS, params=params, headers=vendor_admin)
        assert response.status_code == 200, response.text
        expected = [str(own.id)] if not params else []
        assert [p["id"] for p in response.json()["items"]] == expected


async def test_every_role_of_a_vendor_reads_its_programs(
    client: httpx.AsyncClient, factory: Factory, vendor: Organization
) -> None:
    program = await factory.program(vendor)
    for role in (Role.vendor_approver, Role.vendor_system, Role.channel_ops):
        headers = await factory.headers_for(vendor, role)
        response = await client.get(at(program), headers=headers)
        assert response.status_code == 200, (role, response.text)


async def test_a_partner_sees_programs_of_actively_enrolled_vendors_only(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    partner = await factory.partner()
    enrolled, suspended, stranger = [await factory.vendor() for _ in range(3)]
    await factory.partnership(partner, enrolled)
    await factory.partnership(partner, suspended, status=PartnershipStatus.suspended)
    visible = await factory.program(enrolled)
    retired = await factory.program(enrolled, active=False)
    hidden = [await factory.program(suspended), await factory.program(stranger), retired]
    product = await factory.product(visible)
    rep = await factory.headers_for(partner, Role.partner_rep)

    response = await client.get(PROGRAMS, headers=rep)
    assert response.status_code == 200, response.text
    assert [p["id"] for p in response.json()["items"]] == [str(visible.id)]
    assert (await client.get(at(visible), headers=rep)).status_code == 200
    products = await client.get(products_of(visible), headers=rep)
    assert [p["sku"] for p in products.json()["items"]] == [product.sku]
    for program in hidden:
        assert_problem(await client.get(at(program), headers=rep), 404, "program-not-found")
        response = await client.get(products_of(program), headers=rep)
        assert_problem(response, 404, "program-not-found")


async def test_an_unknown_program_is_not_found(
    client: httpx.AsyncClient, vendor_admin: dict[str, str]
) -> None:
    for url in (f"{PROGRAMS}/{uuid.uuid4()}", f"{PROGRAMS}/{uuid.uuid4()}/products"):
        assert_problem(await client.get(url, headers=vendor_admin), 404, "program-not-found")
    response = await client.get(f"{PROGRAMS}/partner-advantage", headers=vendor_admin)
    assert response.status_code in (400, 404)
    assert_problem(response, response.status_code)


async def test_pages_hold_every_program_once_in_creation_order(
    client: httpx.AsyncClient, factory: Factory, vendor: Organization, vendor_admin: dict[str, str]
) -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    made = [
        await factory.program(vendor, name=f"Program {i}", created_at=start + timedelta(minutes=i))
        for i in range(5)
    ]
    pages = await all_pages(client, PROGRAMS, vendor_admin, limit=2)
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [item for page in pages for item in page] == [str(p.id) for p in made]


async def test_pages_hold_programs_created_in_one_instant_exactly_once(
    client: httpx.AsyncClient, vendor_admin: dict[str, str]
) -> None:
    # Created through the API in the test's one transaction, so they share `created_at`: the
    # id breaks the tie, and no row may repeat or go missing across page boundaries.
    made = []
    for _ in range(5):
        response = await client.post(PROGRAMS, json=program_body(), headers=vendor_admin)
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
    pages = await all_pages(client, PROGRAMS, vendor_admin, limit=2)
    seen = [item for page in pages for item in page]
    assert sorted(seen) == sorted(made)
    assert len(seen) == len(set(seen))
    whole = await client.get(PROGRAMS, headers=vendor_admin)
    assert [p["id"] for p in whole.json()["items"]] == seen
    assert whole.json()["next_cursor"] is None


async def test_a_full_last_page_still_ends_the_list(
    client: httpx.AsyncClient, factory: Factory, vendor: Organization, vendor_admin: dict[str, str]
) -> None:
    for _ in range(4):
        await factory.program(vendor)
    pages = await all_pages(client, PROGRAMS, vendor_admin, limit=2)
    assert [len(page) for page in pages] == [2, 2]


@pytest.mark.parametrize(
    ("params", "type_suffix"),
    [
        ({"limit": 0}, "invalid-parameter"),
        ({"limit": 201}, "invalid-parameter"),
        ({"limit": -5}, "invalid-parameter"),
        ({"cursor": "garbage!"}, "invalid-cursor"),
        ({"cursor": "e30"}, "invalid-cursor"),  # base64 of "{}": valid JSON, not a key
        ({"cursor": "x" * 201}, "invalid-parameter"),
    ],
)
async def test_bad_list_parameters_are_400_problems(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    params: dict[str, Any],
    type_suffix: str,
) -> None:
    program = await factory.program(vendor)
    for url in (PROGRAMS, products_of(program)):
        response = await client.get(url, params=params, headers=vendor_admin)
        assert_problem(response, 400, type_suffix)


async def test_a_vendor_filter_that_is_not_a_uuid_is_a_400_problem(
    client: httpx.AsyncClient, vendor_admin: dict[str, str]
) -> None:
    response = await client.get(PROGRAMS, params={"vendor_id": "acme"}, headers=vendor_admin)
    assert_problem(response, 400, "invalid-parameter")


async def test_the_largest_page_is_accepted(
    client: httpx.AsyncClient, vendor_admin: dict[str, str]
) -> None:
    for limit in (1, 200):
        response = await client.get(PROGRAMS, params={"limit": limit}, headers=vendor_admin)
        assert response.status_code == 200, response.text


# --- products ----------------------------------------------------------------------------------


async def test_a_vendor_admin_adds_products_and_lists_them_in_order(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    program = await factory.program(vendor)
    response = await client.post(
        products_of(program),
        json={"sku": "ACME-FW-100", "name": "Firewall 100"},
        headers=vendor_admin,
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["program_id"] == str(program.id)
    assert (created["sku"], created["name"], created["active"]) == (
        "ACME-FW-100",
        "Firewall 100",
        True,
    )
    assert await products_in(db, program) == 1

    start = datetime(2030, 1, 1, tzinfo=UTC)
    later = [
        await factory.product(program, created_at=start + timedelta(seconds=i)) for i in range(3)
    ]
    pages = await all_pages(client, products_of(program), vendor_admin, limit=2)
    assert [item for page in pages for item in page] == [created["id"]] + [str(p.id) for p in later]


async def test_a_product_may_carry_a_list_price_in_its_programs_currency(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
) -> None:
    program = await factory.program(vendor)
    price = {"amount": 1_250_000, "currency": "USD"}
    priced = {"sku": "FW-200", "name": "Firewall 200", "list_price": price}
    response = await client.post(products_of(program), json=priced, headers=vendor_admin)
    assert response.status_code == 201, response.text
    assert response.json()["list_price"] == {"amount": 1_250_000, "currency": "USD"}
    unpriced = {"sku": "FW-300", "name": "Firewall 300"}
    response = await client.post(products_of(program), json=unpriced, headers=vendor_admin)
    assert response.status_code == 201, response.text
    assert response.json()["list_price"] is None

    listed = await client.get(products_of(program), headers=vendor_admin)
    assert {p["sku"]: p["list_price"] for p in listed.json()["items"]} == {
        "FW-200": {"amount": 1_250_000, "currency": "USD"},
        "FW-300": None,
    }


async def test_a_platform_admin_adds_products_to_any_program(
    client: httpx.AsyncClient, factory: Factory, vendor: Organization, db: AsyncSession
) -> None:
    program = await factory.program(vendor)
    headers = await factory.headers_for(await factory.platform(), Role.platform_admin)
    body = {"sku": "X1", "name": "X one"}
    response = await client.post(products_of(program), json=body, headers=headers)
    assert response.status_code == 201, response.text
    assert await products_in(db, program) == 1


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("partner", Role.partner_rep),
        ("partner", Role.partner_admin),
        ("vendor", Role.vendor_approver),
        ("vendor", Role.channel_ops),
    ],
)
async def test_only_admins_add_products(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    db: AsyncSession,
    kind: str,
    role: Role,
) -> None:
    program = await factory.program(vendor)
    caller = vendor if kind == "vendor" else await factory.partner()
    if kind == "partner":
        await factory.partnership(caller, vendor)
    headers = await factory.headers_for(caller, role)
    body = {"sku": "ACME-1", "name": "One"}
    response = await client.post(products_of(program), json=body, headers=headers)
    assert_problem(response, 403, "forbidden")
    assert await products_in(db, program) == 0


async def test_a_duplicate_sku_in_one_program_conflicts(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    program, other_program = await factory.program(vendor), await factory.program(vendor)
    existing = await factory.product(program, sku="ACME-FW-100")
    body = {"sku": existing.sku, "name": "Again"}
    response = await client.post(products_of(program), json=body, headers=vendor_admin)
    assert_problem(response, 409, "duplicate-product")
    assert await products_in(db, program) == 1

    response = await client.post(products_of(other_program), json=body, headers=vendor_admin)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"sku": "-FW", "name": "Leading dash"}, "/sku"),
        ({"sku": "FW 100", "name": "Blank inside"}, "/sku"),
        ({"sku": "", "name": "Empty"}, "/sku"),
        ({"sku": "A" * 65, "name": "Too long"}, "/sku"),
        ({"sku": 100, "name": "Number"}, "/sku"),
        ({"sku": "FW-100", "name": ""}, "/name"),
        ({"sku": "FW-100"}, None),
        ({"sku": "FW-100", "name": "Extra", "price": 10}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": -1, "currency": "USD"}}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": 1.5, "currency": "USD"}}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": 10**16, "currency": "USD"}}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": 100, "currency": "usd"}}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": 100}}, None),
        ({"sku": "FW-100", "name": "N", "list_price": 100}, None),
        ({"sku": "FW-100", "name": "N", "list_price": {"amount": 100, "currency": "EUR"}}, None),
    ],
)
async def test_an_invalid_product_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
    body: dict[str, Any],
    pointer: str | None,
) -> None:
    program = await factory.program(vendor)
    response = await client.post(products_of(program), json=body, headers=vendor_admin)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert problem["errors"]
    assert await products_in(db, program) == 0


async def test_a_malformed_product_body_is_a_400_problem(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: Organization,
    vendor_admin: dict[str, str],
    db: AsyncSession,
) -> None:
    program = await factory.program(vendor)
    response = await client.post(
        products_of(program),
        content=b"sku=FW-100&name=Firewall",
        headers=vendor_admin | {"Content-Type": "application/json"},
    )
    assert_problem(response, 400, "malformed-body")
    assert await products_in(db, program) == 0


async def test_adding_a_product_to_an_unknown_program_is_not_found(
    client: httpx.AsyncClient, vendor_admin: dict[str, str], db: AsyncSession
) -> None:
    program_id = uuid.uuid4()
    response = await client.post(
        f"{PROGRAMS}/{program_id}/products", json={"sku": "X1", "name": "X"}, headers=vendor_admin
    )
    assert_problem(response, 404, "program-not-found")
    assert await count_rows(db, Product, Product.program_id == program_id) == 0
