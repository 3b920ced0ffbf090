"""`/v1/payouts` (issue #7): a vendor batches the approved, unpaid ledger entries earned in a period
(UTC days, both ends included) into a payout, which a job fills; the payout is read with its totals
per currency, its entries listed (as JSON pages or CSV), and marked paid once ready, after which
its entries read as paid. Only the vendor (its admin or finance system) and the platform's admin
make payouts; channel ops read them; partners have no part in them.

The ledger is append-only, so entries are inserted here with the `earned_at` each test needs,
never moved; the build job is run as a worker runs it, in a transaction of its own."""

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.auth.clients import create_api_client
from dealreg.auth.scopes import READ_PAYOUTS, WRITE_PAYOUTS
from dealreg.incentives import payouts
from dealreg.incentives.models import Earning, Entry, Payout
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import Role
from dealreg.outbox.models import OutboxMessage
from dealreg.registrations.models import Registration
from tests.clocks import register
from tests.deals import (
    PartnerSetup,
    VendorSetup,
    approve,
    deal_body,
    line,
    submit,
)
from tests.factories import Factory
from tests.incentives.helpers import Headers, Json, create_plan, enrol, reversal_of, run_as_worker
from tests.problems import assert_problem, count_rows, if_match

PAYOUTS = "/v1/payouts"
BUILD_JOB = "incentives.build_payout"
MARCH = {"period_start": "2025-03-01", "period_end": "2025-03-31"}
OPENS = datetime(2025, 3, 1, tzinfo=UTC)
CLOSES = datetime(2025, 4, 1, tzinfo=UTC)
TICK = timedelta(microseconds=1)
DAY = timedelta(days=1)
R, P, N, C = Milestone
# What a March payout takes, in the order earned, and its totals.
TAKEN_IN_MARCH = ["first", "kept", "euro", "last"]
MARCH_TOTALS = [
    {"currency": "EUR", "amount": 70_000, "entries": 1},
    {"currency": "USD", "amount": 110_000, "entries": 3},
]


def url(payout_id: str, *rest: str) -> str:
    return "/".join([PAYOUTS, payout_id, *rest])


async def entry(
    db: AsyncSession, registration_id: str, milestone: Milestone, amount: int, at: datetime
) -> Earning:
    """An earning of the registration's rep at `milestone`, earned at `at`."""
    registration = await db.get_one(Registration, uuid.UUID(registration_id))
    assert registration.incentive_plan_id is not None
    row = Earning(
        registration_id=registration.id,
        plan_id=registration.incentive_plan_id,
        rep_id=registration.rep_id,
        partner_id=registration.partner_id,
        vendor_id=registration.vendor_id,
        milestone=milestone,
        entry=Entry.earning,
        amount=amount,
        currency=registration.currency,
        earned_at=at,
    )
    db.add(row)
    await db.flush()
    return row


async def reversal(db: AsyncSession, earning: Earning, at: datetime) -> Earning:
    row = reversal_of(earning, reason="clawback: cancelled for cause", earned_at=at)
    db.add(row)
    await db.flush()
    return row


async def created(client: httpx.AsyncClient, headers: Headers, period: Json = MARCH) -> Json:
    response = await client.post(PAYOUTS, json=period, headers=headers)
    assert response.status_code == 202, response.text
    payout: Json = response.json()
    return payout


async def read(client: httpx.AsyncClient, headers: Headers, payout_id: str) -> Json:
    response = await client.get(url(payout_id), headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


@dataclass
class Books:
    """A vendor (a USD and an EUR program, a plan each) whose gold partner's rep has earned
    around March 2025, and another vendor with an earning in March too."""

    vendor: VendorSetup
    admin: Headers
    partner: PartnerSetup
    other: VendorSetup
    other_admin: Headers
    ops: Headers
    # Entry ids by name:
    #   before, first, last, after: one registration's, earned a microsecond before March, at its
    #     first instant, at its last, and at the first instant of April;
    #   clawed and clawback: an earning of another registration and its reversal, both in March;
    #   kept: that registration's other earning in March;
    #   euro: an earning in EUR in March;
    #   theirs: the other vendor's earning in March.
    entries: dict[str, str]
    # What payouts are made through and built with.
    client: httpx.AsyncClient
    db: AsyncSession
    sessionmaker: async_sessionmaker[AsyncSession]

    def names(self, ids: list[str]) -> list[str]:
        by_id = {entry_id: name for name, entry_id in self.entries.items()}
        return [by_id.get(entry_id, entry_id) for entry_id in ids]

    async def build(self, payout_id: str) -> None:
        """Run the build job the payout's creation enqueued, as a worker runs it."""
        (message,) = await self.db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.job == BUILD_JOB,
                OutboxMessage.payload["payout_id"].astext == payout_id,
            )
        )
        await run_as_worker(self.sessionmaker, message)

    async def built(self, headers: Headers, period: Json = MARCH) -> Json:
        """A payout of `period` made by `headers`, built; as `headers` read it then."""
        payout = await created(self.client, headers, period)
        await self.build(payout["id"])
        return await read(self.client, headers, payout["id"])


@pytest.fixture
async def books(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
) -> Books:
    ours = await enrol(client, factory)
    vendor, admin, partner = ours.vendor, ours.admin, ours.partner
    euro_program = await factory.program(vendor.vendor, currency="EUR")
    euro = VendorSetup(
        vendor.vendor, euro_program, [await factory.product(euro_program)], vendor.approver
    )
    await ours.plan()
    await create_plan(client, admin, euro_program)
    other = await enrol(client, factory)
    await other.plan()
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    one = await ours.registered()
    two = await ours.registered()
    body = deal_body(line(euro))
    body["opportunity"]["currency"] = "EUR"
    (in_euros,) = (await submit(client, partner.rep, body))["registrations"]
    theirs = await other.registered()
    for registration_id in (one, two, in_euros["id"], theirs):
        await approve(db, registration_id)

    rows = {
        "before": await entry(db, one, R, 10_000, OPENS - TICK),
        "first": await entry(db, one, P, 20_000, OPENS),
        "last": await entry(db, one, N, 30_000, CLOSES - TICK),
        "after": await entry(db, one, C, 40_000, CLOSES),
        "clawed": await entry(db, two, R, 50_000, OPENS + 9 * DAY),
        "kept": await entry(db, two, P, 60_000, OPENS + 11 * DAY),
        "euro": await entry(db, in_euros["id"], R, 70_000, OPENS + 14 * DAY),
        "theirs": await entry(db, theirs, R, 80_000, OPENS + 14 * DAY),
    }
    rows["clawback"] = await reversal(db, rows["clawed"], OPENS + 10 * DAY)
    entries = {name: str(row.id) for name, row in rows.items()}
    return Books(
        vendor, admin, partner, other.vendor, other.admin, ops, entries, client, db, sessionmaker
    )


async def items_of(client: httpx.AsyncClient, headers: Headers, payout_id: str) -> list[Json]:
    response = await client.get(url(payout_id, "items"), params={"limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    items: list[Json] = response.json()["items"]
    return items


def ids(items: list[Json]) -> list[str]:
    return [item["id"] for item in items]


async def payouts_written(db: AsyncSession) -> tuple[int, int]:
    """What a refused payout request must leave as it was: the payouts, and the build jobs
    enqueued."""
    return (
        await count_rows(db, Payout),
        await count_rows(db, OutboxMessage, OutboxMessage.job == BUILD_JOB),
    )


# --- making and building -----------------------------------------------------------------------


async def test_a_vendor_admin_batches_the_approved_entries_of_a_period_into_a_payout(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], books: Books
) -> None:
    response = await client.post(PAYOUTS, json=MARCH, headers=books.admin)

    assert response.status_code == 202, response.text
    payout = response.json()
    assert response.headers["location"] == url(payout["id"])
    assert response.headers["etag"] == '"1"'
    assert payout | {"id": None, "created_at": None} == {
        "id": None,
        "vendor_id": str(books.vendor.vendor.id),
        "period_start": "2025-03-01",
        "period_end": "2025-03-31",
        "status": "building",
        "totals": [],
        "paid_at": None,
        "paid_reference": None,
        "created_at": None,
        "version": 1,
    }
    # Nothing is taken before the job runs.
    assert (await read(client, books.admin, payout["id"]))["totals"] == []
    assert await items_of(client, books.admin, payout["id"]) == []

    await books.build(payout["id"])

    ready = await client.get(url(payout["id"]), headers=books.admin)
    assert ready.headers["etag"] == '"2"'
    assert (ready.json()["status"], ready.json()["version"]) == ("ready", 2)
    assert ready.json()["totals"] == MARCH_TOTALS
    items = await items_of(client, books.admin, payout["id"])
    # Neither a microsecond before the period nor the first instant after it; not the pair
    # reversed before any payout took it; not another vendor's.
    assert books.names(ids(items)) == TAKEN_IN_MARCH
    assert {(item["status"], item["payout_id"]) for item in items} == {("in_payout", payout["id"])}
    assert sum(item["amount"] for item in items if item["currency"] == "USD") == 110_000

    # Built again (a redelivered message), it takes nothing more.
    async with sessionmaker() as session:
        assert await payouts.build(session, uuid.UUID(payout["id"])) == 0
        await session.commit()
    assert (await read(client, books.admin, payout["id"]))["totals"] == MARCH_TOTALS


async def test_each_entry_goes_to_the_first_payout_of_the_period_it_was_earned_in(
    client: httpx.AsyncClient, books: Books
) -> None:
    async def taken(period: Json) -> list[str]:
        payout = await books.built(books.admin, period)
        assert payout["status"] == "ready"
        return books.names(ids(await items_of(client, books.admin, payout["id"])))

    february = {"period_start": "2025-02-01", "period_end": "2025-02-28"}
    april = {"period_start": "2025-04-01", "period_end": "2025-04-30"}
    assert await taken(february) == ["before"]
    assert await taken(MARCH) == TAKEN_IN_MARCH
    assert await taken(april) == ["after"]
    # A second payout of a period, or of one overlapping it, finds everything taken.
    assert await taken(MARCH) == []
    assert await taken({"period_start": "2025-01-15", "period_end": "2025-04-15"}) == []
    # The pair reversed before a payout cancels out and is never paid.
    statuses = await client.get(
        "/v1/earnings", params={"status": "reversed", "limit": 200}, headers=books.admin
    )
    assert sorted(books.names(ids(statuses.json()["items"]))) == ["clawback", "clawed"]


async def test_the_other_vendors_payout_takes_only_its_own_entries(
    client: httpx.AsyncClient, books: Books
) -> None:
    theirs = await books.built(books.other_admin)
    assert theirs["totals"] == [{"currency": "USD", "amount": 80_000, "entries": 1}]
    assert books.names(ids(await items_of(client, books.other_admin, theirs["id"]))) == ["theirs"]
    ours = await books.built(books.admin)
    assert ours["totals"] == MARCH_TOTALS


# --- reading -----------------------------------------------------------------------------------


async def test_the_list_shows_the_callers_payouts_newest_first_page_by_page(
    client: httpx.AsyncClient, books: Books
) -> None:
    made = [
        (await created(client, books.admin, period))["id"]
        for period in (
            {"period_start": "2025-01-01", "period_end": "2025-01-31"},
            {"period_start": "2025-02-01", "period_end": "2025-02-28"},
            MARCH,
        )
    ]
    theirs = (await created(client, books.other_admin))["id"]
    newest_first = made[::-1]

    async def listed(headers: Headers, limit: int) -> list[str]:
        seen: list[str] = []
        params: dict[str, Any] = {"limit": limit}
        while True:
            response = await client.get(PAYOUTS, params=params, headers=headers)
            assert response.status_code == 200, response.text
            page = response.json()
            assert len(page["items"]) <= limit
            seen += ids(page["items"])
            assert len(seen) <= 200, "the cursor never ran out"
            if page["next_cursor"] is None:
                return seen
            params["cursor"] = page["next_cursor"]

    for limit in (1, 2, 50):
        assert await listed(books.admin, limit) == newest_first
    assert await listed(books.other_admin, 1) == [theirs]
    # Channel ops see every vendor's payouts, in the same order.
    everyone = await listed(books.ops, 2)
    assert [payout_id for payout_id in everyone if payout_id in {*made, theirs}] == [
        theirs,
        *newest_first,
    ]
    response = await client.get(PAYOUTS, params={"cursor": "not-a-cursor"}, headers=books.admin)
    assert_problem(response, 400, "invalid-cursor")


async def test_a_payout_is_tagged_and_an_unchanged_copy_is_not_sent_again(
    client: httpx.AsyncClient, books: Books
) -> None:
    payout = await created(client, books.admin)
    path = url(payout["id"])
    unchanged = await client.get(path, headers=books.admin | {"If-None-Match": '"1"'})
    assert unchanged.status_code == 304
    assert (unchanged.content, unchanged.headers["etag"]) == (b"", '"1"')

    await books.build(payout["id"])
    changed = await client.get(path, headers=books.admin | {"If-None-Match": '"1"'})
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] == '"2"'
    assert changed.json()["status"] == "ready"
    again = await client.get(path, headers=books.admin | {"If-None-Match": 'W/"2"'})
    assert again.status_code == 304


async def test_the_items_page_in_the_order_earned_and_export_alike_as_csv(
    client: httpx.AsyncClient, db: AsyncSession, books: Books
) -> None:
    # Three entries earned at one instant: the pages must neither skip nor repeat among them.
    registration_id = await register(client, books.partner, books.vendor)
    await approve(db, registration_id)
    tied = [await entry(db, registration_id, m, 1_000, OPENS + 5 * DAY) for m in (R, P, N)]
    payout = await books.built(books.admin)
    path = url(payout["id"], "items")
    items = await items_of(client, books.admin, payout["id"])
    assert books.names(ids(items)) == [
        "first",
        *sorted(str(row.id) for row in tied),
        *TAKEN_IN_MARCH[1:],
    ]

    for limit in (1, 2):
        paged: list[Json] = []
        params: dict[str, Any] = {"limit": limit}
        while True:
            response = await client.get(path, params=params, headers=books.admin)
            assert response.status_code == 200, response.text
            assert len(response.json()["items"]) <= limit
            paged += response.json()["items"]
            assert len(paged) <= len(items), "the cursor never ran out"
            if response.json()["next_cursor"] is None:
                break
            params["cursor"] = response.json()["next_cursor"]
        assert paged == items

    # Every entry as one line under a header of the JSON item's fields, in the same order.
    expected = [list(items[0])] + [
        ["" if value is None else str(value) for value in item.values()] for item in items
    ]
    for params, headers in (
        ({"format": "csv"}, {}),
        ({}, {"Accept": "text/csv"}),
        ({"format": "csv"}, {"Accept": "application/json"}),
    ):
        exported = await client.get(path, params=params, headers=books.admin | headers)
        assert exported.status_code == 200, exported.text
        assert exported.headers["content-type"].startswith("text/csv")
        assert exported.headers["content-disposition"] == (
            f'attachment; filename="payout-{payout["id"]}.csv"'
        )
        assert list(csv.reader(io.StringIO(exported.text))) == expected
    as_json = await client.get(
        path, params={"format": "json"}, headers=books.admin | {"Accept": "text/csv"}
    )
    assert as_json.json()["items"] == items


# --- paying ------------------------------------------------------------------------------------


async def test_a_ready_payout_is_paid_once_against_its_current_version(
    client: httpx.AsyncClient, books: Books
) -> None:
    payout = await created(client, books.admin)
    paid = url(payout["id"], "paid")
    body = {"reference": "Wire 2025-04-02/17"}

    building = await client.post(paid, json=body, headers=books.admin | if_match(1))
    problem = assert_problem(building, 409, "payout-not-ready")
    assert problem["payout_status"] == "building"
    await books.build(payout["id"])
    missing = await client.post(paid, json=body, headers=books.admin)
    assert_problem(missing, 428, "precondition-required")
    stale = await client.post(paid, json=body, headers=books.admin | if_match(1))
    assert_problem(stale, 412, "stale-version")
    assert stale.headers["etag"] == '"2"'
    assert (await read(client, books.admin, payout["id"]))["status"] == "ready"

    response = await client.post(paid, json=body, headers=books.admin | if_match(2))

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"3"'
    out = response.json()
    assert (out["status"], out["version"], out["paid_reference"]) == (
        "paid",
        3,
        "Wire 2025-04-02/17",
    )
    assert datetime.fromisoformat(out["paid_at"]) <= datetime.now(UTC)
    assert out["totals"] == MARCH_TOTALS
    assert await read(client, books.admin, payout["id"]) == out

    twice = await client.post(paid, json=body, headers=books.admin | if_match(3))
    assert assert_problem(twice, 409, "payout-not-ready")["payout_status"] == "paid"
    assert (await read(client, books.admin, payout["id"]))["paid_reference"] == body["reference"]

    # The rep sees those entries paid, and the rest as they were.
    mine = await client.get("/v1/earnings", params={"limit": 200}, headers=books.partner.rep)
    assert mine.status_code == 200, mine.text
    statuses = {
        name: (item["status"], item["payout_id"])
        for name, item in zip(
            books.names(ids(mine.json()["items"])), mine.json()["items"], strict=True
        )
    }
    assert statuses == {
        "before": ("approved", None),
        "first": ("paid", payout["id"]),
        "last": ("paid", payout["id"]),
        "after": ("approved", None),
        "clawed": ("reversed", None),
        "clawback": ("reversed", None),
        "kept": ("paid", payout["id"]),
        "euro": ("paid", payout["id"]),
    }
    totals = await client.get("/v1/me/earnings", headers=books.partner.rep)
    assert {
        (total["status"], total["currency"]): total["amount"] for total in totals.json()["totals"]
    } == {
        ("approved", "USD"): 50_000,
        ("paid", "EUR"): 70_000,
        ("paid", "USD"): 110_000,
        ("reversed", "USD"): 50_000,
    }


async def test_a_clawback_of_a_paid_entry_is_deducted_by_the_next_payout(
    client: httpx.AsyncClient, db: AsyncSession, books: Books
) -> None:
    first = await books.built(books.admin)
    paid = await client.post(url(first["id"], "paid"), json={}, headers=books.admin | if_match(2))
    assert paid.status_code == 200, paid.text
    assert paid.json()["paid_reference"] is None
    earning = await db.get_one(Earning, uuid.UUID(books.entries["first"]))
    deduction = await reversal(db, earning, OPENS + 20 * DAY)

    second = await books.built(books.admin)

    assert second["totals"] == [{"currency": "USD", "amount": -20_000, "entries": 1}]
    (item,) = await items_of(client, books.admin, second["id"])
    assert (item["id"], item["entry"], item["amount"], item["status"]) == (
        str(deduction.id),
        "reversal",
        -20_000,
        "in_payout",
    )
    exported = await client.get(
        url(second["id"], "items"), params={"format": "csv"}, headers=books.admin
    )
    (row,) = csv.DictReader(io.StringIO(exported.text))
    assert (row["amount"], row["reverses_id"]) == ("-20000", books.entries["first"])
    assert (await read(client, books.admin, first["id"]))["totals"] == MARCH_TOTALS


# --- who may do what ---------------------------------------------------------------------------


async def test_another_vendors_admin_does_not_find_the_payout(
    client: httpx.AsyncClient, books: Books
) -> None:
    payout = await books.built(books.admin)
    for path, params in (
        (url(payout["id"]), {}),
        (url(payout["id"], "items"), {}),
        (url(payout["id"], "items"), {"format": "csv"}),
    ):
        response = await client.get(path, params=params, headers=books.other_admin)
        assert_problem(response, 404, "payout-not-found")
    refused = await client.post(
        url(payout["id"], "paid"), json={}, headers=books.other_admin | if_match(2)
    )
    assert_problem(refused, 404, "payout-not-found")
    assert (await read(client, books.admin, payout["id"]))["status"] == "ready"

    unknown = str(uuid.uuid4())
    assert_problem(await client.get(url(unknown), headers=books.admin), 404, "payout-not-found")
    missing = await client.post(url(unknown, "paid"), json={}, headers=books.admin | if_match(1))
    assert_problem(missing, 404, "payout-not-found")


@pytest.mark.parametrize("caller", ["partner_rep", "partner_admin", "vendor_approver"])
async def test_a_caller_without_payout_scopes_is_refused_everything(
    client: httpx.AsyncClient, db: AsyncSession, books: Books, caller: str
) -> None:
    payout = await books.built(books.admin)
    headers = {
        "partner_rep": books.partner.rep,
        "partner_admin": books.partner.admin,
        "vendor_approver": books.vendor.approver,
    }[caller]
    before = await payouts_written(db)
    requests = [
        ("POST", PAYOUTS, MARCH | {"vendor_id": str(books.vendor.vendor.id)}, "payouts:write"),
        ("GET", PAYOUTS, None, "payouts:read"),
        ("GET", url(payout["id"]), None, "payouts:read"),
        ("GET", url(payout["id"], "items"), None, "payouts:read"),
        ("POST", url(payout["id"], "paid"), {}, "payouts:write"),
    ]
    for method, path, body, scope in requests:
        response = await client.request(
            method, path, json=body, headers=headers | if_match(payout["version"])
        )
        assert_problem(response, 403, "forbidden")
        assert f'scope="{scope}"' in response.headers["www-authenticate"]
    assert await payouts_written(db) == before
    assert (await read(client, books.admin, payout["id"]))["status"] == "ready"


async def test_channel_ops_read_every_payout_but_make_and_pay_none(
    client: httpx.AsyncClient, db: AsyncSession, books: Books
) -> None:
    payout = await books.built(books.admin)
    assert await read(client, books.ops, payout["id"]) == payout
    assert books.names(ids(await items_of(client, books.ops, payout["id"]))) == TAKEN_IN_MARCH
    listed = await client.get(PAYOUTS, params={"limit": 200}, headers=books.ops)
    assert payout["id"] in ids(listed.json()["items"])

    before = await payouts_written(db)
    for body in (MARCH, MARCH | {"vendor_id": str(books.vendor.vendor.id)}):
        refused = await client.post(PAYOUTS, json=body, headers=books.ops)
        assert_problem(refused, 403, "forbidden")
    refused = await client.post(
        url(payout["id"], "paid"), json={}, headers=books.ops | if_match(payout["version"])
    )
    assert_problem(refused, 403, "forbidden")
    assert await payouts_written(db) == before
    assert (await read(client, books.admin, payout["id"]))["status"] == "ready"


async def test_the_platform_admin_makes_a_payout_for_the_vendor_it_names(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, books: Books
) -> None:
    platform = await factory.platform()
    admin = await factory.headers_for(platform, Role.platform_admin)
    before = await payouts_written(db)
    for vendor_id in (
        None,
        str(books.partner.partner.id),
        str(platform.id),
        str(uuid.uuid4()),
    ):
        body = MARCH | ({"vendor_id": vendor_id} if vendor_id else {})
        response = await client.post(PAYOUTS, json=body, headers=admin)
        assert_problem(response, 422, "validation-error", pointer="/vendor_id")
    assert await payouts_written(db) == before

    payout = await books.built(admin, MARCH | {"vendor_id": str(books.vendor.vendor.id)})
    assert (payout["vendor_id"], payout["status"]) == (str(books.vendor.vendor.id), "ready")
    assert payout["totals"] == MARCH_TOTALS
    # The vendor reads it as its own.
    assert await read(client, books.admin, payout["id"]) == payout


async def test_a_vendor_makes_payouts_of_its_own_earnings_only(
    client: httpx.AsyncClient, db: AsyncSession, books: Books
) -> None:
    before = await payouts_written(db)
    refused = await client.post(
        PAYOUTS, json=MARCH | {"vendor_id": str(books.other.vendor.id)}, headers=books.admin
    )
    assert_problem(refused, 403, "forbidden")
    assert await payouts_written(db) == before

    own = await created(client, books.admin, MARCH | {"vendor_id": str(books.vendor.vendor.id)})
    assert own["vendor_id"] == str(books.vendor.vendor.id)


async def test_the_vendors_finance_system_makes_and_pays_payouts(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, books: Books
) -> None:
    platform = await factory.platform()
    platform_admin = factory.principal(await factory.user(platform, Role.platform_admin), platform)
    issued = await create_api_client(
        db,
        platform_admin,
        books.vendor.vendor.id,
        name="Finance",
        role=Role.vendor_system,
        scopes=frozenset({READ_PAYOUTS, WRITE_PAYOUTS}),
    )
    token = await client.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": issued.client.client_id,
            "client_secret": issued.secret,
        },
    )
    assert token.status_code == 200, token.text
    finance = {"Authorization": f"Bearer {token.json()['access_token']}"}

    payout = await books.built(finance)
    assert (payout["vendor_id"], payout["totals"]) == (str(books.vendor.vendor.id), MARCH_TOTALS)
    paid = await client.post(
        url(payout["id"], "paid"),
        json={"reference": "SEPA 42"},
        headers=finance | if_match(payout["version"]),
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["status"] == "paid"


# --- bad requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"period_start": "2025-03-02", "period_end": "2025-03-01"}, "/period_start"),
        ({"period_start": "2025-01-01", "period_end": "2026-01-01"}, "/period_end"),
        ({"period_start": "2024-02-29", "period_end": "2025-02-28"}, "/period_end"),
        ({"period_start": "2025-02-30", "period_end": "2025-03-31"}, "/period_start"),
        ({"period_start": "2025-03-01"}, "/period_end"),
        ({"period_end": "2025-03-31"}, "/period_start"),
        (MARCH | {"vendor_id": "acme"}, "/vendor_id"),
        (MARCH | {"note": "Q1"}, "/note"),
    ],
    ids=[
        "start-after-end",
        "over-a-year",
        "over-a-year-from-29-february",
        "no-such-day",
        "no-end",
        "no-start",
        "vendor-not-a-uuid",
        "unknown-field",
    ],
)
async def test_a_bad_payout_request_is_refused_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, books: Books, body: Json, pointer: str
) -> None:
    before = await payouts_written(db)
    response = await client.post(PAYOUTS, json=body, headers=books.admin)
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await payouts_written(db) == before


@pytest.mark.parametrize(
    "period",
    [
        {"period_start": "2025-01-01", "period_end": "2025-12-31"},
        {"period_start": "2024-01-01", "period_end": "2024-12-31"},
        {"period_start": "2025-03-31", "period_end": "2025-03-31"},
    ],
    ids=["a-year", "a-leap-year", "a-day"],
)
async def test_a_payout_covers_a_day_up_to_a_year(
    client: httpx.AsyncClient, books: Books, period: Json
) -> None:
    payout = await created(client, books.admin, period)
    assert (payout["period_start"], payout["period_end"]) == (
        period["period_start"],
        period["period_end"],
    )


async def test_paying_takes_an_optional_reference_and_nothing_else(
    client: httpx.AsyncClient, books: Books
) -> None:
    payout = await books.built(books.admin)
    paid = url(payout["id"], "paid")
    for body, pointer in (
        ({"reference": ""}, "/reference"),
        ({"reference": "x" * 201}, "/reference"),
        ({"reference": "Wire\x00"}, "/reference"),
        ({"amount": 1}, "/amount"),
    ):
        response = await client.post(paid, json=body, headers=books.admin | if_match(2))
        assert_problem(response, 422, "validation-error", pointer=pointer)
    assert (await read(client, books.admin, payout["id"]))["status"] == "ready"
