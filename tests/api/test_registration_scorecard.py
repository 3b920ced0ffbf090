"""`GET /v1/reports/registrations`: the deal registration scorecard's every figure against
values worked by hand, by rep, partner and program, and who sees which lines.

The data set (one vendor, a USD program paying 1,000 at registration and 5,000 at close, and an
EUR program):

- rep R1 of partner A: 100,000 approved after 2 business hours (open); 300,000 after 4 h and
  500,001 after 10 h, both won; 50,000 after 6 h, lost; 20,000 rejected after 1 h
  (`not_qualified`); 10,000 not decided; and EUR 90,000 not decided. The ledger: 1,000 for each
  of the four approved, 5,000 for each win, 14,000 in all; the 6,000 of the 300,000 paid.
- rep R2 of partner A: 30,000 rejected after 3 h (`not_qualified`), 40,000 after 5 h
  (`duplicate`).
- rep R3 of partner B: 70,000 approved after 8 h (open), 1,000 earned.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.incentives.models import Earning, Payout, PayoutItem, PayoutStatus
from dealreg.orgs.models import Organization, Product, Program, Role
from dealreg.planning import fiscal
from tests.clocks import act, ran_for
from tests.deals import deal_body, submit
from tests.factories import Factory
from tests.incentives.helpers import Settle, create_plan, fixed, plan_body

REPORT = "/v1/reports/registrations"


@dataclass
class Books:
    vendor: Organization
    vendor_admin: dict[str, str]
    usd: Program
    partners: dict[str, Organization]
    reps: dict[str, dict[str, str]]
    rep_ids: dict[str, uuid.UUID]
    admins: dict[str, dict[str, str]]


async def _deal(
    client: httpx.AsyncClient,
    rep: dict[str, str],
    vendor: Organization,
    product: Product,
    amount: int,
    currency: str = "USD",
) -> str:
    body = deal_body(
        {"vendor_id": str(vendor.id), "sku": product.sku, "quantity": 1, "unit_price": amount}
    )
    body["opportunity"]["currency"] = currency
    (registration,) = (await submit(client, rep, body))["registrations"]
    return str(registration["id"])


@pytest.fixture
async def books(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, settle: Settle
) -> Books:
    vendor = await factory.vendor()
    usd = await factory.program(vendor, currency="USD")
    eur = await factory.program(vendor, currency="EUR")
    usd_product, eur_product = await factory.product(usd), await factory.product(eur)
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    approver = await factory.headers_for(vendor, Role.vendor_approver)
    await create_plan(
        client, admin, usd, **plan_body(2000, {"registration": fixed(1_000), "close": fixed(5_000)})
    )
    partners, reps, rep_ids, admins = {}, {}, {}, {}
    for name, rep_names in (("A", ("R1", "R2")), ("B", ("R3",))):
        partner = await factory.partner(name=f"Partner {name} {uuid.uuid4().hex[:6]}")
        partners[name] = partner
        await factory.partnership(partner, vendor)
        admins[name] = await factory.headers_for(partner, Role.partner_admin)
        for rep_name in rep_names:
            user = await factory.user(partner, Role.partner_rep, name=f"Rep {rep_name}")
            rep_ids[rep_name] = user.id
            reps[rep_name] = {"Authorization": f"Bearer {factory.token(user, partner)}"}

    async def decided(rep: str, amount: int, hours: float, reject: str | None = None) -> str:
        """A registration of `rep`'s, decided after `hours` of business time: approved, or
        rejected for `reject`."""
        registration_id = await _deal(client, reps[rep], vendor, usd_product, amount)
        await ran_for(db, registration_id, timedelta(hours=hours))
        await db.flush()
        if reject is None:
            await act(client, approver, registration_id, "approve", {})
        else:
            await act(client, approver, registration_id, "reject", {"reason": reject})
        return registration_id

    async def stage(rep: str, registration_id: str, to: str) -> None:
        await act(client, reps[rep], registration_id, "stage", {"stage": to})

    x1 = await decided("R1", 100_000, 2)
    x2 = await decided("R1", 300_000, 4)
    await stage("R1", x2, "closed_won")
    x3 = await decided("R1", 500_001, 10)
    await stage("R1", x3, "closed_won")
    x4 = await decided("R1", 50_000, 6)
    await stage("R1", x4, "closed_lost")
    await decided("R1", 20_000, 1, reject="not_qualified")
    await _deal(client, reps["R1"], vendor, usd_product, 10_000)
    await _deal(client, reps["R1"], vendor, eur_product, 90_000, "EUR")
    await decided("R2", 30_000, 3, reject="not_qualified")
    await decided("R2", 40_000, 5, reject="duplicate")
    y1 = await decided("R3", 70_000, 8)
    for registration_id in (x1, x2, x3, x4, y1):
        await settle(registration_id)
    # The 300,000's ledger, paid.
    payout = Payout(
        vendor_id=vendor.id,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        status=PayoutStatus.paid,
    )
    db.add(payout)
    await db.flush()
    paid = await db.scalars(select(Earning.id).where(Earning.registration_id == uuid.UUID(x2)))
    db.add_all([PayoutItem(earning_id=earning_id, payout_id=payout.id) for earning_id in paid])
    await db.flush()
    return Books(vendor, admin, usd, partners, reps, rep_ids, admins)


def _empty(currency: str) -> dict[str, Any]:
    return {
        "currency": currency,
        "submitted": 0,
        "approved": 0,
        "rejected": 0,
        "rejected_by_reason": {},
        "approval_rate": None,
        "median_hours_to_decision": None,
        "registered_pipeline": 0,
        "won": 0,
        "lost": 0,
        "win_rate": None,
        "won_amount": 0,
        "average_deal_size": None,
        "incentives_earned": 0,
        "incentives_paid": 0,
    }


R1 = {
    "currency": "USD",
    "submitted": 6,
    "approved": 4,
    "rejected": 1,
    "rejected_by_reason": {"not_qualified": 1},
    "approval_rate": 0.8,
    "median_hours_to_decision": 4.0,
    "registered_pipeline": 100_000,
    "won": 2,
    "lost": 1,
    "win_rate": 0.6667,
    "won_amount": 800_001,
    "average_deal_size": 400_001,
    "incentives_earned": 14_000,
    "incentives_paid": 6_000,
}
R1_EUR = _empty("EUR") | {"submitted": 1}
R2 = _empty("USD") | {
    "submitted": 2,
    "rejected": 2,
    "rejected_by_reason": {"duplicate": 1, "not_qualified": 1},
    "approval_rate": 0.0,
    "median_hours_to_decision": 4.0,
}
R3 = _empty("USD") | {
    "submitted": 1,
    "approved": 1,
    "approval_rate": 1.0,
    "median_hours_to_decision": 8.0,
    "registered_pipeline": 70_000,
    "incentives_earned": 1_000,
}
A = R1 | {
    "submitted": 8,
    "rejected": 3,
    "rejected_by_reason": {"duplicate": 1, "not_qualified": 2},
    "approval_rate": 0.5714,
}


def _lines(response: httpx.Response) -> dict[tuple[str, str], dict[str, Any]]:
    assert response.status_code == 200, response.text
    return {
        (row["group_id"], row["currency"]): {
            k: v for k, v in row.items() if k not in ("group", "group_id", "label")
        }
        for row in response.json()["rows"]
    }


async def test_by_rep_every_figure_as_worked_by_hand(
    client: httpx.AsyncClient, books: Books
) -> None:
    response = await client.get(REPORT, params={"group_by": "rep"}, headers=books.vendor_admin)

    ids = {name: str(rep_id) for name, rep_id in books.rep_ids.items()}
    assert _lines(response) == {
        (ids["R1"], "USD"): R1,
        (ids["R1"], "EUR"): R1_EUR,
        (ids["R2"], "USD"): R2,
        (ids["R3"], "USD"): R3,
    }
    assert {row["label"] for row in response.json()["rows"]} == {"Rep R1", "Rep R2", "Rep R3"}


async def test_by_partner_and_by_program(client: httpx.AsyncClient, books: Books) -> None:
    by_partner = await client.get(
        REPORT, params={"group_by": "partner"}, headers=books.vendor_admin
    )
    a, b = str(books.partners["A"].id), str(books.partners["B"].id)
    assert _lines(by_partner) == {(a, "USD"): A, (a, "EUR"): R1_EUR, (b, "USD"): R3}

    by_program = await client.get(
        REPORT, params={"group_by": "program"}, headers=books.vendor_admin
    )
    usd = _lines(by_program)[str(books.usd.id), "USD"]
    # Decided after 1, 2, 3, 4, 5, 6, 8 and 10 hours: the median is between 4 and 5.
    assert usd == A | {
        "submitted": 9,
        "approved": 5,
        "approval_rate": 0.625,
        "median_hours_to_decision": 4.5,
        "registered_pipeline": 170_000,
        "incentives_earned": 15_000,
    }


async def test_a_rep_sees_their_own_line_and_an_admin_their_reps(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    ids = {name: str(rep_id) for name, rep_id in books.rep_ids.items()}
    own = await client.get(REPORT, params={"group_by": "rep"}, headers=books.reps["R1"])
    assert _lines(own) == {(ids["R1"], "USD"): R1, (ids["R1"], "EUR"): R1_EUR}
    # By partner, the rep's line is theirs alone, not their partner's.
    mine = await client.get(REPORT, params={"group_by": "partner"}, headers=books.reps["R2"])
    assert _lines(mine) == {(str(books.partners["A"].id), "USD"): R2}

    admin = await client.get(REPORT, params={"group_by": "rep"}, headers=books.admins["A"])
    assert set(_lines(admin)) == {(ids["R1"], "USD"), (ids["R1"], "EUR"), (ids["R2"], "USD")}

    other = await client.get(
        REPORT,
        params={"partner_id": str(books.partners["A"].id)},
        headers=books.admins["B"],
    )
    assert other.status_code == 404, other.text
    outsider = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    assert _lines(await client.get(REPORT, headers=outsider)) == {}
    named = await client.get(REPORT, params={"vendor_id": str(books.vendor.id)}, headers=outsider)
    assert named.status_code == 404, named.text


async def test_the_scorecard_as_csv(client: httpx.AsyncClient, books: Books) -> None:
    response = await client.get(
        REPORT, params={"group_by": "partner", "format": "csv"}, headers=books.vendor_admin
    )

    assert response.status_code == 200, response.text
    header, *lines = response.text.splitlines()
    assert header.split(",")[:5] == ["group", "group_id", "label", "currency", "submitted"]
    a = next(line for line in lines if str(books.partners["A"].id) in line and ",USD," in line)
    assert ",duplicate:1;not_qualified:2," in a
    assert ",800001,400001,14000,6000" in a


# --- by fiscal quarter ----------------------------------------------------------------------------


async def test_a_fiscal_quarter_instead_of_from_and_to(
    client: httpx.AsyncClient, books: Books
) -> None:
    # A fiscal year starting in November: the quarter is the vendor's, on its wall clock.
    await client.put(
        f"/v1/vendors/{books.vendor.id}/plan-settings",
        json={"fiscal_year_start_month": 11},
        headers=books.vendor_admin,
    )
    now = fiscal.quarter_at(datetime.now(UTC), 11, books.vendor.timezone or "")
    first_day = now.start(11)

    response = await client.get(
        REPORT, params={"group_by": "partner", "quarter": now.label}, headers=books.vendor_admin
    )

    a, b = str(books.partners["A"].id), str(books.partners["B"].id)
    assert _lines(response) == {(a, "USD"): A, (a, "EUR"): R1_EUR, (b, "USD"): R3}
    body = response.json()
    assert (body["start"], body["end"], body["quarter"]) == (
        first_day.isoformat(),
        (now.end(11) - timedelta(days=1)).isoformat(),
        now.label,
    )
    before = await client.get(
        REPORT, params={"quarter": now.previous().label}, headers=books.vendor_admin
    )
    assert _lines(before) == {}
    # A partner names the vendor whose calendar it is; its own line only.
    named = await client.get(
        REPORT,
        params={"quarter": now.label, "vendor_id": str(books.vendor.id)},
        headers=books.admins["B"],
    )
    assert _lines(named) == {(b, "USD"): R3}


async def test_a_bad_fiscal_quarter_is_refused(
    client: httpx.AsyncClient, factory: Factory, books: Books
) -> None:
    both = await client.get(
        REPORT, params={"quarter": "2027-Q1", "from": "2026-01-01"}, headers=books.vendor_admin
    )
    assert both.status_code == 422, both.text
    assert [e["parameter"] for e in both.json()["errors"]] == ["from"]
    unnamed = await client.get(REPORT, params={"quarter": "2027-Q1"}, headers=books.admins["A"])
    assert [e["parameter"] for e in unnamed.json()["errors"]] == ["vendor_id"]
    bad = await client.get(REPORT, params={"quarter": "2027-Q5"}, headers=books.vendor_admin)
    assert [e["parameter"] for e in bad.json()["errors"]] == ["quarter"]
    # A vendor the partner is not enrolled with: as if there were none.
    elsewhere = await client.get(
        REPORT,
        params={"quarter": "2027-Q1", "vendor_id": str((await factory.vendor()).id)},
        headers=books.admins["A"],
    )
    assert elsewhere.status_code == 404, elsewhere.text
