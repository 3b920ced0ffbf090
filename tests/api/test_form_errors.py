"""Errors a form can show: every invalid field of a body in one 422, each with a JSON Pointer, a
stable code, the limits it broke (`params`) and a message in the language the client asked for;
the vendor's extra questions offer their choices with labels."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role
from dealreg.registrations.models import Deal
from dealreg.validation import MAX_ISSUES
from tests.deals import (
    DEALS,
    PartnerSetup,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows

Json = dict[str, Any]
PROGRAMS = "/v1/programs"


@pytest.fixture
async def vendor(factory: Factory) -> VendorSetup:
    return await vendor_setup(factory)


@pytest.fixture
async def seller(factory: Factory, vendor: VendorSetup) -> PartnerSetup:
    return await partner_setup(factory, vendor)


async def refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    seller: PartnerSetup,
    body: Json,
    *,
    language: str | None = None,
    type_suffix: str = "validation-error",
) -> httpx.Response:
    """POST the deal `body`: a 422 problem, and no deal written."""
    before = await count_rows(db, Deal)
    headers = seller.rep | ({"Accept-Language": language} if language else {})
    response = await client.post(DEALS, json=body, headers=headers)
    assert_problem(response, 422, type_suffix)
    assert await count_rows(db, Deal) == before
    return response


def coded(response: httpx.Response) -> dict[str, tuple[str, Json]]:
    """The problem's errors by pointer: each one's code and params."""
    errors: list[Json] = response.json()["errors"]
    for error in errors:
        assert error["detail"].strip(), error
    return {error["pointer"]: (error["code"], error.get("params", {})) for error in errors}


async def test_a_deal_with_five_broken_fields_gets_five_coded_errors_in_one_422(
    client: httpx.AsyncClient, db: AsyncSession, vendor: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(vendor, quantity=0))
    body["customer"] |= {"country": "usa", "size": "huge"}
    body["contact"]["name"] = ""
    body["opportunity"]["title"] = "x" * 201
    response = await refused(client, db, seller, body)
    assert response.headers["content-language"] == "en"
    assert coded(response) == {
        "/customer/country": ("pattern", {"pattern": "^[A-Z]{2}$"}),
        "/customer/size": (
            "enum",
            {"allowed": ["1-49", "1000-4999", "250-999", "50-249", "5000+"]},
        ),
        "/contact/name": ("too_short", {"min_length": 1}),
        "/opportunity/title": ("too_long", {"max_length": 200}),
        "/lines/0/quantity": ("minimum", {"minimum": 1}),
    }
    details = {error["pointer"]: error["detail"] for error in response.json()["errors"]}
    assert details["/opportunity/title"] == "At most 200 characters."
    assert details["/customer/size"] == "Choose one of: 1-49, 1000-4999, 250-999, 50-249, 5000+."


@pytest.mark.parametrize(
    ("path", "value", "pointer", "code", "params"),
    [
        pytest.param(
            ("customer", "colour"), "red", "/customer/colour", "unknown_field", {}, id="unknown"
        ),
        pytest.param(
            ("lines", 0, "quantity"),
            "ten",
            "/lines/0/quantity",
            "type",
            {"expected": ["integer"]},
            id="type",
        ),
        pytest.param(
            ("lines", 0, "unit_price"),
            10**16,
            "/lines/0/unit_price",
            "maximum",
            {"maximum": 10**15},
            id="maximum",
        ),
        pytest.param(
            ("opportunity", "expected_close_date"),
            "2030-13-01",
            "/opportunity/expected_close_date",
            "format",
            {"format": "date"},
            id="date",
        ),
        pytest.param(
            ("lines", 0, "vendor_id"),
            "nope",
            "/lines/0/vendor_id",
            "format",
            {"format": "uuid"},
            id="uuid",
        ),
        pytest.param(("lines",), [], "/lines", "too_few", {"min_items": 1}, id="too-few"),
        pytest.param(
            ("opportunity", "competitors"),
            ["x"] * 21,
            "/opportunity/competitors",
            "too_many",
            {"max_items": 20},
            id="too-many",
        ),
        pytest.param(
            ("contact", "email"), "casey", "/contact/email", "pattern", None, id="nullable-pattern"
        ),
        pytest.param(
            ("customer", "city"),
            7,
            "/customer/city",
            "type",
            {"expected": ["null", "string"]},
            id="nullable-type",
        ),
    ],
)
async def test_each_code_names_the_field_and_its_limit(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    seller: PartnerSetup,
    path: tuple[Any, ...],
    value: Any,
    pointer: str,
    code: str,
    params: Json | None,
) -> None:
    body = deal_body(line(vendor))
    target: Any = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    errors = coded(await refused(client, db, seller, body))
    assert list(errors) == [pointer]
    assert errors[pointer][0] == code
    if params is not None:
        assert errors[pointer][1] == params
    else:
        assert set(errors[pointer][1]) == {"pattern"}


async def test_a_missing_field_is_required(
    client: httpx.AsyncClient, db: AsyncSession, vendor: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(vendor))
    del body["customer"]["legal_name"]
    del body["opportunity"]
    errors = coded(await refused(client, db, seller, body))
    assert errors == {"/customer/legal_name": ("required", {}), "/opportunity": ("required", {})}


async def test_the_errors_of_one_body_stop_at_the_cap(
    client: httpx.AsyncClient, db: AsyncSession, vendor: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(vendor))
    body["customer"] |= {f"extra_{i}": i for i in range(MAX_ISSUES + 10)}
    response = await refused(client, db, seller, body)
    assert len(response.json()["errors"]) == MAX_ISSUES


async def test_romanian_is_answered_in_romanian(
    client: httpx.AsyncClient, db: AsyncSession, vendor: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(vendor, quantity=0))
    body["opportunity"]["title"] = "x" * 201
    body["customer"]["colour"] = "red"
    response = await refused(client, db, seller, body, language="ro-RO, en;q=0.5")
    assert response.headers["content-language"] == "ro"
    problem = response.json()
    assert problem["title"] == "Cererea nu este validă"
    assert problem["detail"] == "Corpul cererii nu corespunde schemei."
    details = {error["pointer"]: (error["code"], error["detail"]) for error in problem["errors"]}
    assert details == {
        "/opportunity/title": ("too_long", "Cel mult 200 de caractere."),
        "/lines/0/quantity": ("minimum", "Cel puțin 1."),
        "/customer/colour": ("unknown_field", "Acest câmp nu este acceptat aici."),
    }


@pytest.mark.parametrize(
    ("accept_language", "answered"),
    [
        pytest.param(None, "en", id="absent"),
        pytest.param("de-DE, fr;q=0.8", "en", id="unknown"),
        pytest.param("en;q=0.3, ro;q=0.9", "ro", id="weighted"),
        pytest.param("ro;q=0, en", "en", id="refused"),
        pytest.param("*", "en", id="any"),
        pytest.param("ro;q=x, en", "en", id="malformed"),
    ],
)
async def test_accept_language_picks_a_shipped_language_else_english(
    client: httpx.AsyncClient, accept_language: str | None, answered: str
) -> None:
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = await client.get("/v1/registrations", headers=headers)
    problem = assert_problem(response, 401, "unauthenticated")
    assert response.headers["content-language"] == answered
    english = answered == "en"
    assert problem["title"] == ("Authentication required" if english else "Autentificare necesară")
    assert problem["detail"] == (
        "A bearer access token is required."
        if english
        else "Este necesar un token de acces de tip bearer."
    )


async def test_a_rule_of_the_vendor_is_coded_and_told_in_romanian(
    client: httpx.AsyncClient, db: AsyncSession, vendor: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(vendor, sku="NO-SUCH-SKU"))
    response = await refused(client, db, seller, body, language="ro", type_suffix="invalid-deal")
    problem = response.json()
    assert problem["title"] == "Oportunitatea nu respectă regulile furnizorilor"
    [error] = problem["errors"]
    assert error["code"] == "not_in_catalogue"
    assert error["params"] == {"value": "NO-SUCH-SKU"}
    assert error["detail"] == "NO-SUCH-SKU nu este în catalog."
    assert error["vendor_id"] == str(vendor.vendor.id)

    english = await refused(client, db, seller, body, type_suffix="invalid-deal")
    # In English, the rule's own words, which name the vendor.
    assert vendor.vendor.name in english.json()["errors"][0]["detail"]


async def test_an_unknown_query_parameter_is_coded_with_what_the_operation_takes(
    client: httpx.AsyncClient, seller: PartnerSetup
) -> None:
    response = await client.get("/v1/registrations", params={"staus": "x"}, headers=seller.rep)
    [error] = assert_problem(response, 400, "invalid-parameter")["errors"]
    assert error["code"] == "unknown_field"
    assert "status" in error["params"]["allowed"]


async def test_a_query_parameter_of_the_wrong_type_is_coded(
    client: httpx.AsyncClient, seller: PartnerSetup
) -> None:
    response = await client.get("/v1/registrations", params={"limit": "many"}, headers=seller.rep)
    [error] = assert_problem(response, 400, "invalid-parameter")["errors"]
    assert (error["parameter"], error["code"]) == ("limit", "type")
    assert error["params"] == {"expected": ["integer"]}


# --- extra questions -----------------------------------------------------------------------------


async def test_choices_carry_labels_and_an_answer_is_a_value(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    vendor = await factory.vendor()
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    segment = {
        "key": "segment",
        "label": "Segment",
        "type": "choice",
        "choices": [{"value": "smb", "label": "Small business"}, "enterprise"],
    }
    body = {
        "name": f"Advantage {uuid.uuid4().hex[:6]}",
        "currency": "USD",
        "extra_fields": [segment],
    }
    created = await client.post(PROGRAMS, json=body, headers=admin)
    assert created.status_code == 201, created.text
    program = created.json()
    assert program["extra_fields"][0]["choices"] == [
        {"value": "smb", "label": "Small business"},
        {"value": "enterprise", "label": "enterprise"},
    ]
    read = await client.get(f"{PROGRAMS}/{program['id']}", headers=admin)
    assert read.json()["extra_fields"] == program["extra_fields"]

    product = await client.post(
        f"{PROGRAMS}/{program['id']}/products",
        json={"sku": f"SKU-{uuid.uuid4().hex[:6]}", "name": "Firewall"},
        headers=admin,
    )
    assert product.status_code == 201, product.text
    seller = await partner_setup(factory)
    await factory.partnership(seller.partner, vendor)
    lines = [
        {
            "vendor_id": str(vendor.id),
            "sku": product.json()["sku"],
            "quantity": 1,
            "unit_price": 100_000,
        }
    ]
    answered = deal_body(
        *lines, vendors=[{"vendor_id": str(vendor.id), "answers": {"segment": "Small business"}}]
    )
    response = await refused(client, db, seller, answered, type_suffix="invalid-deal")
    [error] = response.json()["errors"]
    assert error["pointer"] == "/vendors/0/answers/segment"
    assert (error["code"], error["params"]) == ("enum", {"allowed": ["smb", "enterprise"]})

    answered["vendors"][0]["answers"]["segment"] = "smb"
    accepted = await client.post(DEALS, json=answered, headers=seller.rep)
    assert accepted.status_code == 201, accepted.text


async def test_answers_to_extra_questions_are_coded(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    questions = [
        {"key": "crm_id", "label": "CRM id", "type": "text"},
        {"key": "seats", "label": "Seats", "type": "number"},
        {"key": "renewal", "label": "Renewal", "type": "boolean"},
        {"key": "decided", "label": "Decided", "type": "date"},
    ]
    vendor = await vendor_setup(factory, extra_fields=questions)
    seller = await partner_setup(factory, vendor)
    answers = {"seats": "many", "renewal": "yes", "decided": "soon", "colour": "red"}
    body = deal_body(
        line(vendor), vendors=[{"vendor_id": str(vendor.vendor.id), "answers": answers}]
    )
    errors = coded(await refused(client, db, seller, body, type_suffix="invalid-deal"))
    base = "/vendors/0/answers"
    assert errors == {
        f"{base}/colour": ("unknown_field", {}),
        f"{base}/crm_id": ("required", {}),
        f"{base}/seats": ("type", {"expected": ["number"]}),
        f"{base}/renewal": ("type", {"expected": ["boolean"]}),
        f"{base}/decided": ("format", {"format": "date"}),
    }


async def test_a_problem_answered_before_the_route_speaks_the_language_too(
    client: httpx.AsyncClient, db: AsyncSession, seller: PartnerSetup
) -> None:
    before = await count_rows(db, Deal)
    huge = b'{"customer": {"legal_name": "' + b"x" * 1_100_000 + b'"}}'
    headers = seller.rep | {"Content-Type": "application/json", "Accept-Language": "ro"}
    response = await client.post(DEALS, content=huge, headers=headers)
    problem = assert_problem(response, 413, "payload-too-large")
    assert response.headers["content-language"] == "ro"
    assert problem["title"] == "Corpul cererii este prea mare"
    assert await count_rows(db, Deal) == before
