"""`/v1/deals`: a partner's rep registers a deal once and each vendor on it gets a registration of
its own; every vendor's rules are checked first and a refused deal writes nothing; a customer
another partner already claims is a conflict, one the partner itself claims a duplicate; each
reader sees only what is theirs to see."""

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Base
from dealreg.events.models import Event
from dealreg.orgs.models import PartnershipStatus, Role
from dealreg.registrations.models import (
    Deal,
    DealLine,
    Registration,
    RegistrationConflict,
    RegistrationHistory,
)
from tests.deals import (
    DEALS,
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    close_date,
    deal_body,
    line,
    partner_setup,
    set_at,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match, pointers

Headers = dict[str, str]
Json = dict[str, Any]
# An edit of a request body, for parametrized tests.
Change = Callable[[Json], None]

# Everything a submitted deal writes.
WRITTEN: tuple[type[Base], ...] = (
    Deal,
    Registration,
    DealLine,
    RegistrationHistory,
    Event,
    RegistrationConflict,
)

# A program's questions of every type (`notes` may be left out), and answers to all of them.
QUESTIONS: list[Json] = [
    {"key": "crm_id", "label": "CRM id", "type": "text"},
    {"key": "seats", "label": "Seats", "type": "number"},
    {"key": "renewal", "label": "Renewal", "type": "boolean"},
    {"key": "decision_date", "label": "Decision date", "type": "date"},
    {"key": "segment", "label": "Segment", "type": "choice", "choices": ["smb", "enterprise"]},
    {"key": "notes", "label": "Notes", "type": "text", "required": False},
]
ANSWERS: Json = {
    "crm_id": "OPP-1234",
    "seats": 250,
    "renewal": False,
    "decision_date": "2030-01-15",
    "segment": "enterprise",
}


# --- helpers -----------------------------------------------------------------------------------


async def written(db: AsyncSession) -> dict[str, int]:
    return {model.__name__: await count_rows(db, model) for model in WRITTEN}


def deal_url(deal: Json) -> str:
    return f"{DEALS}/{deal['id']}"


def registration_url(registration: Json) -> str:
    return f"{REGISTRATIONS}/{registration['id']}"


def of_vendor(deal: Json, setup: VendorSetup) -> Json:
    """The registration of `deal` addressed to `setup`'s vendor."""
    registrations: list[Json] = deal["registrations"]
    [registration] = [r for r in registrations if r["vendor_id"] == str(setup.vendor.id)]
    return registration


def number_of(setup: VendorSetup, sequence: int) -> str:
    assert setup.vendor.timezone is not None, "a vendor has a time zone"
    year = datetime.now(ZoneInfo(setup.vendor.timezone)).year
    return f"{setup.vendor.code}-{year}-{sequence:06d}"


def vendor_entry(setup: VendorSetup, **fields: Any) -> Json:
    return {"vendor_id": str(setup.vendor.id)} | fields


def errors_at(problem: Json, pointer: str) -> list[Json]:
    return [error for error in problem["errors"] if error.get("pointer") == pointer]


def earliest_today() -> str:
    """Today where the day ends last (UTC-12): a close date is in the future if it is later."""
    return datetime.now(timezone(timedelta(hours=-12))).date().isoformat()


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


async def read(client: httpx.AsyncClient, url: str, headers: Headers) -> Json:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    headers: Headers,
    body: Json,
    *expected: str,
    status: int = 422,
    type_suffix: str = "invalid-deal",
) -> Json:
    """POST `body`: refused with `status`, an error at each `expected` pointer, nothing written."""
    before = await written(db)
    response = await client.post(DEALS, json=body, headers=headers)
    problem = assert_problem(response, status, type_suffix)
    for pointer in expected:
        assert pointer in pointers(problem), problem
    assert await written(db) == before
    return problem


async def withdraw(client: httpx.AsyncClient, headers: Headers, registration: Json) -> Json:
    response = await client.post(
        f"{registration_url(registration)}/withdraw",
        json={"reason": "Customer went another way"},
        headers=headers | if_match(registration["version"]),
    )
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
async def acme(factory: Factory) -> VendorSetup:
    return await vendor_setup(factory)


@pytest.fixture
async def nordlys(factory: Factory) -> VendorSetup:
    return await vendor_setup(factory)


@pytest.fixture
async def seller(factory: Factory, acme: VendorSetup, nordlys: VendorSetup) -> PartnerSetup:
    """A partner enrolled with both vendors, with a rep and an admin."""
    return await partner_setup(factory, acme, nordlys)


@pytest.fixture
async def rival(factory: Factory, acme: VendorSetup, nordlys: VendorSetup) -> PartnerSetup:
    """Another partner enrolled with the same vendors."""
    return await partner_setup(factory, acme, nordlys)


@pytest.fixture
async def two_vendor_deal(
    client: httpx.AsyncClient, acme: VendorSetup, nordlys: VendorSetup, seller: PartnerSetup
) -> Json:
    """A deal of the seller's rep: two lines for Acme, one for Nordlys."""
    body = deal_body(
        line(acme, 0, quantity=2, unit_price=100_000),
        line(nordlys, 0, quantity=5, unit_price=20_000),
        line(acme, 1, quantity=1, unit_price=7_500),
    )
    return await submit(client, seller.rep, body)


# --- submitting --------------------------------------------------------------------------------


async def test_a_deal_for_two_vendors_becomes_a_registration_at_each(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(
        line(acme, 0, quantity=2, unit_price=100_000),
        line(nordlys, 0, quantity=5, unit_price=20_000),
        line(acme, 1, quantity=1, unit_price=7_500),
    )
    response = await client.post(DEALS, json=body, headers=seller.rep)
    assert response.status_code == 201, response.text
    deal = response.json()
    assert response.headers["etag"]
    assert (deal["partner_id"], deal["rep_id"]) == (str(seller.partner.id), str(seller.rep_id))
    assert deal["customer"]["legal_name"] == body["customer"]["legal_name"]
    assert deal["opportunity"]["currency"] == "USD"
    assert [(ln["sku"], ln["amount"]) for ln in deal["lines"]] == [
        (acme.products[0].sku, 200_000),
        (nordlys.products[0].sku, 100_000),
        (acme.products[1].sku, 7_500),
    ]

    assert len(deal["registrations"]) == 2
    for setup, amount in ((acme, 207_500), (nordlys, 100_000)):
        registration = of_vendor(deal, setup)
        assert registration["number"] == number_of(setup, 1)
        assert registration["status"] == "submitted"
        assert registration["stage"] is None
        assert (registration["amount"], registration["currency"]) == (amount, "USD")
        assert registration["program_id"] == str(setup.program.id)
        assert registration["deal_id"] == deal["id"]
        assert registration["conflict"] is False
        own_lines = [ln for ln in deal["lines"] if ln["vendor_id"] == str(setup.vendor.id)]
        assert {ln["registration_id"] for ln in own_lines} == {registration["id"]}

        registration_id = uuid.UUID(registration["id"])
        history = RegistrationHistory.registration_id == registration_id
        assert await count_rows(db, RegistrationHistory, history) == 1
        submitted = RegistrationHistory.action == "submitted"
        assert await count_rows(db, RegistrationHistory, history, submitted) == 1
        events = (Event.subject_id == registration_id, Event.type == "registration.submitted")
        assert await count_rows(db, Event, *events) == 1
        assert await count_rows(db, Event, *events, Event.vendor_id == setup.vendor.id) == 1

    assert await count_rows(db, Deal, Deal.id == uuid.UUID(deal["id"])) == 1
    assert await count_rows(db, DealLine, DealLine.deal_id == uuid.UUID(deal["id"])) == 3


async def test_the_submitting_rep_reads_the_deal_back_as_it_was_answered(
    client: httpx.AsyncClient, seller: PartnerSetup, two_vendor_deal: Json
) -> None:
    response = await client.get(deal_url(two_vendor_deal), headers=seller.rep)
    assert response.status_code == 200, response.text
    assert response.json() == two_vendor_deal


async def test_the_etag_of_a_submission_is_that_of_the_deal_read_back(
    client: httpx.AsyncClient, acme: VendorSetup, nordlys: VendorSetup, seller: PartnerSetup
) -> None:
    created = await client.post(
        DEALS, json=deal_body(line(acme), line(nordlys)), headers=seller.rep
    )
    assert created.status_code == 201, created.text
    url = deal_url(created.json())
    etag = created.headers["etag"]
    assert (await client.get(url, headers=seller.rep)).headers["etag"] == etag
    cached = await client.get(url, headers=seller.rep | {"If-None-Match": etag})
    assert cached.status_code == 304


async def test_registration_numbers_run_per_vendor(
    client: httpx.AsyncClient,
    factory: Factory,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    rival: PartnerSetup,
) -> None:
    first = await submit(client, seller.rep, deal_body(line(acme), line(nordlys)))
    second = await submit(client, seller.rep, deal_body(line(acme)))
    # Numbers belong to the vendor, not to the partner that submits.
    third = await submit(client, rival.rep, deal_body(line(nordlys), line(acme)))
    assert [of_vendor(d, acme)["number"] for d in (first, second, third)] == [
        number_of(acme, n) for n in (1, 2, 3)
    ]
    assert [of_vendor(d, nordlys)["number"] for d in (first, third)] == [
        number_of(nordlys, n) for n in (1, 2)
    ]


# --- who sees a deal ---------------------------------------------------------------------------


async def test_each_vendor_sees_only_its_own_lines_and_registration(
    client: httpx.AsyncClient, acme: VendorSetup, nordlys: VendorSetup, two_vendor_deal: Json
) -> None:
    for setup, skus in (
        (acme, [acme.products[0].sku, acme.products[1].sku]),
        (nordlys, [nordlys.products[0].sku]),
    ):
        seen = await read(client, deal_url(two_vendor_deal), setup.approver)
        assert [ln["sku"] for ln in seen["lines"]] == skus
        assert {ln["vendor_id"] for ln in seen["lines"]} == {str(setup.vendor.id)}
        assert seen["registrations"] == [of_vendor(two_vendor_deal, setup)]
        assert seen["customer"] == two_vendor_deal["customer"]
    # Nor does one read the other's registration directly.
    response = await client.get(
        registration_url(of_vendor(two_vendor_deal, nordlys)), headers=acme.approver
    )
    assert_problem(response, 404, "registration-not-found")


async def test_a_vendor_with_no_line_on_the_deal_does_not_find_it(
    client: httpx.AsyncClient, factory: Factory, seller: PartnerSetup, two_vendor_deal: Json
) -> None:
    # Even one the partner is enrolled with.
    bystander = await vendor_setup(factory)
    await factory.partnership(seller.partner, bystander.vendor)
    response = await client.get(deal_url(two_vendor_deal), headers=bystander.approver)
    assert_problem(response, 404, "deal-not-found")


async def test_another_partner_does_not_find_the_deal(
    client: httpx.AsyncClient, rival: PartnerSetup, two_vendor_deal: Json
) -> None:
    for headers in (rival.rep, rival.admin):
        response = await client.get(deal_url(two_vendor_deal), headers=headers)
        assert_problem(response, 404, "deal-not-found")


async def test_another_rep_of_the_partner_does_not_find_it_but_the_partner_admin_does(
    client: httpx.AsyncClient, factory: Factory, seller: PartnerSetup, two_vendor_deal: Json
) -> None:
    colleague = await factory.headers_for(seller.partner, Role.partner_rep)
    response = await client.get(deal_url(two_vendor_deal), headers=colleague)
    assert_problem(response, 404, "deal-not-found")

    seen = await read(client, deal_url(two_vendor_deal), seller.admin)
    assert seen == two_vendor_deal


async def test_platform_channel_ops_sees_the_whole_deal(
    client: httpx.AsyncClient, factory: Factory, two_vendor_deal: Json
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    seen = await read(client, deal_url(two_vendor_deal), ops)
    assert seen["lines"] == two_vendor_deal["lines"]
    assert len(seen["registrations"]) == 2
    listed = await read(client, DEALS, ops)
    assert two_vendor_deal["id"] in [d["id"] for d in listed["items"]]


async def test_a_platform_admin_has_no_scope_for_deals(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    two_vendor_deal: Json,
) -> None:
    admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    assert_problem(await client.get(deal_url(two_vendor_deal), headers=admin), 403, "forbidden")
    assert_problem(await client.get(DEALS, headers=admin), 403, "forbidden")
    await refused(client, db, admin, deal_body(line(acme)), status=403, type_suffix="forbidden")


# --- who may submit ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_admin, Role.vendor_system])
async def test_a_vendor_does_not_submit_deals(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, acme: VendorSetup, role: Role
) -> None:
    headers = await factory.headers_for(acme.vendor, role)
    await refused(client, db, headers, deal_body(line(acme)), status=403, type_suffix="forbidden")


async def test_a_partner_admin_submits_a_deal_for_a_rep_of_the_partner(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup
) -> None:
    body = deal_body(line(acme), rep_id=str(seller.rep_id))
    deal = await submit(client, seller.admin, body)
    assert deal["rep_id"] == str(seller.rep_id)
    assert of_vendor(deal, acme)["rep_id"] == str(seller.rep_id)
    # The deal is the rep's now: they see it, as the admin who sent it does.
    assert (await read(client, deal_url(deal), seller.rep))["id"] == deal["id"]
    assert (await read(client, deal_url(deal), seller.admin))["id"] == deal["id"]


async def test_a_rep_does_not_submit_for_another_rep(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
) -> None:
    colleague = await factory.user(seller.partner, Role.partner_rep)
    body = deal_body(line(acme), rep_id=str(colleague.id))
    await refused(client, db, seller.rep, body, "/rep_id")


async def test_a_partner_admin_cannot_name_a_user_of_another_organization(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
    rival: PartnerSetup,
) -> None:
    for outsider in (
        rival.rep_id,
        (await factory.user(acme.vendor, Role.vendor_approver)).id,
        (await factory.user(seller.partner, Role.partner_rep, active=False)).id,
        uuid.uuid4(),
    ):
        body = deal_body(line(acme), rep_id=str(outsider))
        await refused(client, db, seller.admin, body, "/rep_id")


# --- the vendors' rules ------------------------------------------------------------------------


async def test_a_vendor_the_partner_is_not_enrolled_with_is_refused_alike_whether_it_exists(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
) -> None:
    stranger = await vendor_setup(factory)
    missing = uuid.uuid4()
    said = []
    for vendor_id, sku in (
        (str(stranger.vendor.id), stranger.products[0].sku),
        (str(missing), "X"),
    ):
        body = deal_body(line(acme), {**line(acme, 1), "vendor_id": vendor_id, "sku": sku})
        problem = await refused(client, db, seller.rep, body, "/lines/1/vendor_id")
        [error] = errors_at(problem, "/lines/1/vendor_id")
        said.append((error["detail"].replace(vendor_id, "<id>"), sorted(error)))
    assert said[0] == said[1]
    assert await count_rows(db, Registration, Registration.vendor_id == acme.vendor.id) == 0


async def test_a_suspended_partnership_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
) -> None:
    paused = await vendor_setup(factory)
    await factory.partnership(seller.partner, paused.vendor, status=PartnershipStatus.suspended)
    body = deal_body(line(acme), line(paused))
    problem = await refused(client, db, seller.rep, body, "/lines/1/vendor_id")
    [error] = errors_at(problem, "/lines/1/vendor_id")
    assert error["vendor_id"] == str(paused.vendor.id)


async def test_an_unknown_sku_is_refused_naming_the_vendor(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(line(acme), line(nordlys, sku="NO-SUCH-SKU"))
    problem = await refused(client, db, seller.rep, body, "/lines/1/sku")
    [error] = errors_at(problem, "/lines/1/sku")
    assert error["vendor_id"] == str(nordlys.vendor.id)
    assert await count_rows(db, Registration, Registration.vendor_id == acme.vendor.id) == 0


async def test_a_sku_of_another_vendor_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(line(nordlys), line(acme, sku=nordlys.products[1].sku))
    problem = await refused(client, db, seller.rep, body, "/lines/1/sku")
    assert errors_at(problem, "/lines/1/sku")[0]["vendor_id"] == str(acme.vendor.id)


async def test_an_inactive_product_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    acme.products[1].active = False
    await db.flush()
    body = deal_body(line(nordlys), line(acme, 0), line(acme, 1))
    problem = await refused(client, db, seller.rep, body, "/lines/2/sku")
    assert "/lines/1/sku" not in pointers(problem)


async def test_a_deal_in_another_currency_than_a_vendors_program_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
) -> None:
    kroner = await vendor_setup(factory, currency="NOK")
    await factory.partnership(seller.partner, kroner.vendor)
    body = deal_body(line(acme), line(kroner))
    problem = await refused(client, db, seller.rep, body, "/opportunity/currency")
    [error] = errors_at(problem, "/opportunity/currency")
    assert error["vendor_id"] == str(kroner.vendor.id)


async def test_a_vendors_minimum_applies_to_its_own_lines(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, acme: VendorSetup
) -> None:
    picky = await vendor_setup(factory, minimum_deal_amount=1_000_000)
    seller = await partner_setup(factory, acme, picky)
    # The deal is large, but the picky vendor's own lines are not.
    small = deal_body(
        line(acme, quantity=100, unit_price=1_000_000), line(picky, quantity=9, unit_price=100_000)
    )
    problem = await refused(client, db, seller.rep, small, "/lines")
    [error] = errors_at(problem, "/lines")
    assert error["vendor_id"] == str(picky.vendor.id)

    enough = deal_body(line(acme), line(picky, quantity=10, unit_price=100_000))
    assert of_vendor(await submit(client, seller.rep, enough), picky)["amount"] == 1_000_000


async def test_lines_totalling_more_than_an_amount_can_hold_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, acme: VendorSetup, seller: PartnerSetup
) -> None:
    # Each value is within the schema's bounds; their product is not.
    huge = line(acme, quantity=1_000_000, unit_price=10**15)
    await refused(client, db, seller.rep, deal_body(huge), "/lines")


# --- extra fields ------------------------------------------------------------------------------


@pytest.fixture
async def asking(factory: Factory, seller: PartnerSetup) -> VendorSetup:
    """A vendor whose program asks a question of every type, enrolled with the seller."""
    setup = await vendor_setup(factory, extra_fields=QUESTIONS)
    await factory.partnership(seller.partner, setup.vendor)
    return setup


async def test_answers_to_a_programs_questions_are_kept_on_its_registration(
    client: httpx.AsyncClient, acme: VendorSetup, asking: VendorSetup, seller: PartnerSetup
) -> None:
    answers = ANSWERS | {"seats": 12.5}
    body = deal_body(line(acme), line(asking), vendors=[vendor_entry(asking, answers=answers)])
    deal = await submit(client, seller.rep, body)
    detail = await read(client, registration_url(of_vendor(deal, asking)), asking.approver)
    assert detail["answers"] == answers
    assert (await read(client, registration_url(of_vendor(deal, acme)), acme.approver))[
        "answers"
    ] == {}


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"crm_id": None}, "crm_id"),
        ({"segment": None}, "segment"),
        ({"crm_id": 1234}, "crm_id"),
        ({"crm_id": "   "}, "crm_id"),
        ({"seats": "250"}, "seats"),
        ({"seats": True}, "seats"),
        ({"renewal": "yes"}, "renewal"),
        ({"renewal": 1}, "renewal"),
        ({"decision_date": "15/01/2030"}, "decision_date"),
        ({"decision_date": "2030-02-30"}, "decision_date"),
        ({"decision_date": 20300115}, "decision_date"),
        ({"segment": "mid-market"}, "segment"),
        ({"segment": "Enterprise"}, "segment"),
        ({"colour": "red"}, "colour"),
    ],
)
async def test_an_answer_that_breaks_a_question_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    asking: VendorSetup,
    seller: PartnerSetup,
    changes: Json,
    key: str,
) -> None:
    # None removes the answer.
    answers = {k: v for k, v in (ANSWERS | changes).items() if v is not None}
    entry = vendor_entry(asking, answers=answers)
    body = deal_body(line(acme), line(asking), vendors=[entry])
    problem = await refused(client, db, seller.rep, body, f"/vendors/0/answers/{key}")
    [error] = errors_at(problem, f"/vendors/0/answers/{key}")
    assert error["vendor_id"] == str(asking.vendor.id)
    assert len(problem["errors"]) == 1, problem


async def test_a_program_with_required_questions_needs_an_entry_for_its_vendor(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    asking: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(line(acme), line(asking))
    problem = await refused(client, db, seller.rep, body, "/vendors")
    assert {e.get("vendor_id") for e in problem["errors"]} == {str(asking.vendor.id)}


async def test_answers_for_a_vendor_not_on_the_deal_are_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    asking: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(line(acme), vendors=[vendor_entry(asking, answers=ANSWERS)])
    await refused(client, db, seller.rep, body, "/vendors/0/vendor_id")


async def test_a_vendor_listed_twice_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    asking: VendorSetup,
    seller: PartnerSetup,
) -> None:
    entry = vendor_entry(asking, answers=ANSWERS)
    body = deal_body(line(acme), line(asking), vendors=[entry, entry])
    await refused(client, db, seller.rep, body, "/vendors/1/vendor_id")


# --- the deal's own fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "expected_close_date",
    [
        pytest.param(earliest_today, id="today"),
        pytest.param(lambda: close_date(-1), id="yesterday"),
        pytest.param(lambda: close_date(-400), id="last-year"),
        pytest.param(lambda: close_date(5 * 366 + 2), id="beyond-five-years"),
    ],
)
async def test_a_close_date_not_in_the_coming_five_years_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    expected_close_date: Callable[[], str],
) -> None:
    body = deal_body(line(acme), line(nordlys))
    body["opportunity"]["expected_close_date"] = expected_close_date()
    await refused(client, db, seller.rep, body, "/opportunity/expected_close_date")


async def test_a_close_date_a_day_past_five_years_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
) -> None:
    # Five years on from today where the day ends last: the same day five years later.
    in_five_years = years_after(date.fromisoformat(earliest_today()), 5)
    body = deal_body(line(acme))
    body["opportunity"]["expected_close_date"] = (in_five_years + timedelta(days=1)).isoformat()
    await refused(client, db, seller.rep, body, "/opportunity/expected_close_date")


async def test_a_close_date_within_five_years_is_accepted(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup
) -> None:
    for days in (1, 5 * 365):
        body = deal_body(line(acme))
        body["opportunity"]["expected_close_date"] = close_date(days)
        deal = await submit(client, seller.rep, body)
        assert deal["opportunity"]["expected_close_date"] == close_date(days)


@pytest.mark.parametrize("domain", ["co.uk", "com", "not a domain", "https://-bad-.com/", "a..b"])
async def test_a_customer_domain_that_is_not_a_companys_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    domain: str,
) -> None:
    body = deal_body(line(acme), line(nordlys))
    body["customer"]["domain"] = domain
    await refused(client, db, seller.rep, body, "/customer/domain")


async def test_a_program_id_that_is_not_the_vendors_active_program_is_refused(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    retired = await factory.program(acme.vendor, active=False)
    for program_id in (retired.id, nordlys.program.id, uuid.uuid4()):
        entry = vendor_entry(acme, program_id=str(program_id))
        body = deal_body(line(nordlys), line(acme), vendors=[entry])
        problem = await refused(client, db, seller.rep, body, "/vendors/0/program_id")
        [error] = errors_at(problem, "/vendors/0/program_id")
        assert error["vendor_id"] == str(acme.vendor.id)


async def test_a_vendor_with_two_programs_offering_the_sku_needs_the_program_named(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, seller: PartnerSetup
) -> None:
    twice = await vendor_setup(factory)
    await factory.partnership(seller.partner, twice.vendor)
    second = await factory.program(twice.vendor)
    await factory.product(second, sku=twice.products[0].sku)

    unnamed = deal_body(line(twice))
    await refused(client, db, seller.rep, unnamed, "/vendors")
    vague = deal_body(line(twice), vendors=[vendor_entry(twice)])
    await refused(client, db, seller.rep, vague, "/vendors/0/program_id")

    for program in (second, twice.program):
        named = deal_body(line(twice), vendors=[vendor_entry(twice, program_id=str(program.id))])
        deal = await submit(client, seller.rep, named)
        assert of_vendor(deal, twice)["program_id"] == str(program.id)


async def test_one_vendors_products_from_different_programs_need_separate_deals(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, seller: PartnerSetup
) -> None:
    split = await vendor_setup(factory)
    await factory.partnership(seller.partner, split.vendor)
    elsewhere = await factory.product(await factory.program(split.vendor))
    body = deal_body(line(split), {**line(split), "sku": elsewhere.sku})
    problem = await refused(client, db, seller.rep, body, "/lines")
    assert errors_at(problem, "/lines")[0]["vendor_id"] == str(split.vendor.id)


async def test_every_broken_rule_is_reported_in_one_refusal(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    body = deal_body(
        line(acme),
        line(nordlys, sku="NO-SUCH-SKU"),
        vendors=[vendor_entry(acme, answers={"colour": "red"})],
    )
    body["opportunity"]["expected_close_date"] = close_date(-1)
    body["customer"]["domain"] = "co.uk"
    problem = await refused(
        client,
        db,
        seller.rep,
        body,
        "/lines/1/sku",
        "/vendors/0/answers/colour",
        "/opportunity/expected_close_date",
        "/customer/domain",
    )
    assert len(problem["errors"]) == 4, problem


def _without(path: tuple[str, ...]) -> Change:
    def change(body: Json) -> None:
        for key in path[:-1]:
            body = body[key]
        del body[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        pytest.param(_without(("customer",)), "/customer", id="no-customer"),
        pytest.param(_without(("lines",)), "/lines", id="no-lines"),
        pytest.param(set_at(("lines",), []), "/lines", id="empty-lines"),
        pytest.param(set_at(("lines", 0, "quantity"), 0), "/lines/0/quantity", id="quantity-0"),
        pytest.param(set_at(("lines", 0, "unit_price"), -1), "/lines/0/unit_price", id="price<0"),
        pytest.param(set_at(("lines", 0, "vendor_id"), "acme"), "/lines/0/vendor_id", id="vendor"),
        pytest.param(set_at(("discount",), 5), "/discount", id="unknown-field"),
        pytest.param(set_at(("customer", "vat"), "NO1"), "/customer/vat", id="unknown-nested"),
        pytest.param(
            set_at(("opportunity", "title"), "Fire\x00wall"), "/opportunity/title", id="nul"
        ),
        pytest.param(set_at(("customer", "country"), "usa"), "/customer/country", id="country"),
        pytest.param(set_at(("opportunity", "currency"), "usd"), "/opportunity/currency", id="ccy"),
    ],
)
async def test_a_body_that_does_not_match_the_schema_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
    change: Change,
    pointer: str,
) -> None:
    body = deal_body(line(acme), line(acme, 1))
    change(body)
    await refused(client, db, seller.rep, body, pointer, type_suffix="validation-error")


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        pytest.param(
            set_at(("customer", "domain"), "https://customer-n.com/\x00"),
            "/customer/domain",
            id="domain-path",
        ),
        pytest.param(
            set_at(("contact", "email"), "casey\x00@customer-n.com"), "/contact/email", id="email"
        ),
    ],
)
async def test_a_nul_in_any_text_is_refused_naming_the_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    seller: PartnerSetup,
    change: Change,
    pointer: str,
) -> None:
    # PostgreSQL stores no NUL in text or jsonb. One the schema lets through is refused by the
    # database, a 422 that cannot say which field: the schema must name it.
    body = deal_body(line(acme))
    change(body)
    before = await written(db)
    response = await client.post(DEALS, json=body, headers=seller.rep)
    assert_problem(response, 422, pointer=pointer)
    assert await written(db) == before


# --- conflicts and duplicates ------------------------------------------------------------------


def customer(name: str, country: str = "US", domain: str | None = None) -> Json:
    fields = {"legal_name": name, "country": country}
    return fields | ({"domain": domain} if domain else {})


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            customer("Customer X Inc.", domain="customer-x.com"),
            customer("Customer-X Holdings", domain="https://www.Customer-x.com/about"),
            id="same-domain",
        ),
        pytest.param(customer("Acme, Inc."), customer("ACME Incorporated"), id="same-name"),
        pytest.param(
            customer("Acme, Inc.", domain="acme.example"),
            customer("ACME Incorporated"),
            id="name-when-one-has-no-domain",
        ),
    ],
)
async def test_another_partner_registering_the_same_customer_is_a_conflict(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    rival: PartnerSetup,
    first: Json,
    second: Json,
) -> None:
    earlier = of_vendor(
        await submit(client, seller.rep, deal_body(line(acme), customer=first)), acme
    )
    # The same product among others, and a vendor the earlier deal does not involve.
    body = deal_body(line(acme, 1), line(acme, 0), line(nordlys), customer=second)
    later_deal = await submit(client, rival.rep, body)
    later = of_vendor(later_deal, acme)
    assert later["conflict"] is True
    assert of_vendor(later_deal, nordlys)["conflict"] is False
    link = RegistrationConflict.registration_id == uuid.UUID(later["id"])
    assert await count_rows(db, RegistrationConflict, link) == 1
    submitted = await db.scalar(
        select(Event).where(
            Event.subject_id == uuid.UUID(later["id"]), Event.type == "registration.submitted"
        )
    )
    assert submitted is not None
    assert submitted.data["conflict"] is True
    assert "conflicts_with" not in submitted.data  # the partner is told of no one else's
    # The vendor alone hears which registrations it conflicts with.
    detected = await db.scalar(
        select(Event).where(
            Event.subject_id == uuid.UUID(later["id"]),
            Event.type == "registration.conflict_detected",
        )
    )
    assert detected is not None
    assert (detected.vendor_id, detected.partner_id) == (acme.vendor.id, None)
    assert detected.data["conflicts_with"] == [earlier["id"]]

    seen = await read(client, registration_url(later), acme.approver)
    assert [(c["id"], c["number"], c["partner_id"], c["status"]) for c in seen["conflicts"]] == [
        (earlier["id"], earlier["number"], str(seller.partner.id), "submitted")
    ]
    # The earlier one shows the link too.
    seen_earlier = await read(client, registration_url(earlier), acme.approver)
    assert [c["id"] for c in seen_earlier["conflicts"]] == [later["id"]]
    # Neither partner learns of the other.
    assert "conflicts" not in await read(client, registration_url(later), rival.rep)
    assert "conflicts" not in await read(client, registration_url(earlier), seller.admin)


async def test_a_different_product_of_the_same_vendor_is_no_conflict(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup, rival: PartnerSetup
) -> None:
    same = customer("Customer Y Inc.", domain="customer-y.com")
    await submit(client, seller.rep, deal_body(line(acme, 0), customer=same))
    later = await submit(client, rival.rep, deal_body(line(acme, 1), customer=same))
    assert of_vendor(later, acme)["conflict"] is False
    assert (await read(client, registration_url(of_vendor(later, acme)), acme.approver))[
        "conflicts"
    ] == []


async def test_the_same_name_in_another_country_is_no_conflict(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup, rival: PartnerSetup
) -> None:
    await submit(client, seller.rep, deal_body(line(acme), customer=customer("Acme, Inc.")))
    body = deal_body(line(acme), customer=customer("ACME Incorporated", "CA"))
    assert of_vendor(await submit(client, rival.rep, body), acme)["conflict"] is False


async def test_the_same_customer_at_another_vendor_is_no_conflict(
    client: httpx.AsyncClient,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    rival: PartnerSetup,
) -> None:
    same = customer("Customer Z Inc.", domain="customer-z.com")
    await submit(client, seller.rep, deal_body(line(acme), customer=same))
    later = await submit(client, rival.rep, deal_body(line(nordlys), customer=same))
    assert of_vendor(later, nordlys)["conflict"] is False


async def test_a_withdrawn_registration_is_no_conflict(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup, rival: PartnerSetup
) -> None:
    same = customer("Customer W Inc.", domain="customer-w.com")
    earlier = await submit(client, seller.rep, deal_body(line(acme), customer=same))
    assert (await withdraw(client, seller.rep, of_vendor(earlier, acme)))["status"] == "withdrawn"
    later = await submit(client, rival.rep, deal_body(line(acme), customer=same))
    assert of_vendor(later, acme)["conflict"] is False


async def test_the_same_partner_again_is_a_duplicate_and_nothing_is_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    same = customer("Customer D Inc.", domain="customer-d.com")
    first = of_vendor(await submit(client, seller.rep, deal_body(line(acme), customer=same)), acme)
    # Written differently, by the partner admin, and with a vendor the first deal did not have.
    again = customer("CUSTOMER D, INC.", domain="http://sales.customer-d.com")
    body = deal_body(line(nordlys), line(acme, 1), line(acme, 0), customer=again)
    before = await written(db)
    response = await client.post(DEALS, json=body, headers=seller.admin)
    problem = assert_problem(response, 409, "duplicate-registration")
    assert (problem["registration_id"], problem["number"]) == (first["id"], first["number"])
    assert response.headers["location"] == registration_url(first)
    assert await written(db) == before
    assert await count_rows(db, Registration, Registration.vendor_id == nordlys.vendor.id) == 0


async def test_the_same_partner_may_register_again_once_it_withdrew(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup
) -> None:
    same = customer("Customer R Inc.", domain="customer-r.com")
    first = of_vendor(await submit(client, seller.rep, deal_body(line(acme), customer=same)), acme)
    await withdraw(client, seller.rep, first)
    again = of_vendor(await submit(client, seller.rep, deal_body(line(acme), customer=same)), acme)
    assert again["number"] == number_of(acme, 2)
    assert again["conflict"] is False


# --- idempotency -------------------------------------------------------------------------------


async def test_a_retried_submission_is_replayed_not_registered_twice(
    client: httpx.AsyncClient,
    db: AsyncSession,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
) -> None:
    headers = seller.rep | {"Idempotency-Key": f"deal-{uuid.uuid4()}"}
    body = deal_body(line(acme), line(nordlys))
    first = await client.post(DEALS, json=body, headers=headers)
    assert first.status_code == 201, first.text
    again = await client.post(DEALS, json=body, headers=headers)
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert await count_rows(db, Deal, Deal.partner_id == seller.partner.id) == 1
    assert await count_rows(db, Registration, Registration.partner_id == seller.partner.id) == 2


# --- lists -------------------------------------------------------------------------------------


async def listed(client: httpx.AsyncClient, headers: Headers, **params: Any) -> list[str]:
    response = await client.get(DEALS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return [deal["id"] for deal in response.json()["items"]]


async def test_the_list_holds_only_the_deals_the_caller_may_see(
    client: httpx.AsyncClient,
    factory: Factory,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    rival: PartnerSetup,
) -> None:
    both = await submit(client, seller.rep, deal_body(line(acme), line(nordlys)))
    acme_only = await submit(client, seller.rep, deal_body(line(acme)))
    colleague_user = await factory.user(seller.partner, Role.partner_rep)
    colleague = {"Authorization": f"Bearer {factory.token(colleague_user, seller.partner)}"}
    colleagues = await submit(client, colleague, deal_body(line(nordlys)))
    rivals = await submit(client, rival.rep, deal_body(line(acme)))

    assert set(await listed(client, seller.rep)) == {both["id"], acme_only["id"]}
    assert set(await listed(client, colleague)) == {colleagues["id"]}
    assert set(await listed(client, seller.admin)) == {
        both["id"],
        acme_only["id"],
        colleagues["id"],
    }
    assert set(await listed(client, rival.admin)) == {rivals["id"]}
    assert set(await listed(client, acme.approver)) == {both["id"], acme_only["id"], rivals["id"]}
    assert set(await listed(client, nordlys.approver)) == {both["id"], colleagues["id"]}

    # In a list too a vendor sees only its own part of a deal.
    response = await client.get(DEALS, headers=nordlys.approver)
    [seen] = [d for d in response.json()["items"] if d["id"] == both["id"]]
    assert [ln["vendor_id"] for ln in seen["lines"]] == [str(nordlys.vendor.id)]
    assert seen["registrations"] == [of_vendor(both, nordlys)]


async def test_the_list_pages_by_cursor(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup
) -> None:
    ids = {(await submit(client, seller.rep, deal_body(line(acme))))["id"] for _ in range(5)}
    pages: list[list[str]] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        response = await client.get(DEALS, params=params, headers=seller.rep)
        assert response.status_code == 200, response.text
        pages.append([deal["id"] for deal in response.json()["items"]])
        assert len(pages) <= 10, "the cursor never ran out"
        if response.json()["next_cursor"] is None:
            break
        params["cursor"] = response.json()["next_cursor"]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert {deal_id for page in pages for deal_id in page} == ids


async def test_the_list_filters_by_rep(
    client: httpx.AsyncClient, factory: Factory, acme: VendorSetup, seller: PartnerSetup
) -> None:
    other_rep = await factory.user(seller.partner, Role.partner_rep)
    mine = await submit(client, seller.rep, deal_body(line(acme)))
    sent_for_me = await submit(
        client, seller.admin, deal_body(line(acme), rep_id=str(seller.rep_id))
    )
    theirs = await submit(client, seller.admin, deal_body(line(acme), rep_id=str(other_rep.id)))

    assert set(await listed(client, seller.admin, rep_id=str(seller.rep_id))) == {
        mine["id"],
        sent_for_me["id"],
    }
    assert await listed(client, seller.admin, rep_id=str(other_rep.id)) == [theirs["id"]]
    # A rep filtering by another rep still sees nothing of theirs.
    assert await listed(client, seller.rep, rep_id=str(other_rep.id)) == []


# --- ETags -------------------------------------------------------------------------------------


async def test_a_deal_has_an_etag_and_an_unchanged_one_is_not_sent_again(
    client: httpx.AsyncClient, acme: VendorSetup, seller: PartnerSetup, two_vendor_deal: Json
) -> None:
    response = await client.get(deal_url(two_vendor_deal), headers=seller.rep)
    etag = response.headers["etag"]
    assert etag.startswith('"')

    again = await client.get(
        deal_url(two_vendor_deal), headers=seller.rep | {"If-None-Match": etag}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag

    stale = await client.get(
        deal_url(two_vendor_deal), headers=seller.rep | {"If-None-Match": '"0"'}
    )
    assert stale.status_code == 200


async def test_the_deals_etag_changes_when_one_of_its_registrations_does(
    client: httpx.AsyncClient,
    acme: VendorSetup,
    nordlys: VendorSetup,
    seller: PartnerSetup,
    two_vendor_deal: Json,
) -> None:
    url = deal_url(two_vendor_deal)
    before = (await client.get(url, headers=seller.rep)).headers["etag"]
    acme_before = (await client.get(url, headers=acme.approver)).headers["etag"]

    await withdraw(client, seller.rep, of_vendor(two_vendor_deal, acme))

    response = await client.get(url, headers=seller.rep | {"If-None-Match": before})
    assert response.status_code == 200
    assert response.headers["etag"] != before
    assert of_vendor(response.json(), acme)["status"] == "withdrawn"
    assert of_vendor(response.json(), nordlys)["status"] == "submitted"
    # The vendor whose registration changed gets the new state too.
    seen = await client.get(url, headers=acme.approver | {"If-None-Match": acme_before})
    assert seen.status_code == 200
    assert seen.json()["registrations"][0]["status"] == "withdrawn"


async def test_a_rep_duplicating_a_colleagues_registration_is_refused_without_pointing_at_it(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    acme = await vendor_setup(factory)
    partner = await partner_setup(factory, acme)
    colleague = await factory.headers_for(partner.partner, Role.partner_rep)
    body = deal_body(line(acme))
    await submit(client, partner.rep, body)
    before = await count_rows(db, Registration)

    response = await client.post(DEALS, json=body, headers=colleague)

    problem = assert_problem(response, 409, "duplicate-registration")
    # The colleague may not read it: no id, number or Location to follow to a 404.
    assert "registration_id" not in problem
    assert "number" not in problem
    assert "location" not in response.headers
    assert await count_rows(db, Registration) == before
    admin_try = await client.post(DEALS, json=body, headers=partner.admin)
    assert "registration_id" in assert_problem(admin_try, 409, "duplicate-registration")
