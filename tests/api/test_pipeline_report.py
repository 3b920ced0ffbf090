"""`GET /v1/reports/pipeline`: every figure against values worked by hand on a known data set,
in each vendor's fiscal calendar, across currencies, as JSON and as CSV, and what each caller
may see of it.

The data set (quarter `2028-Q3`):

Vendor V: fiscal year from July, so 2028-Q3 is 1 January to 31 March 2028 (New York time);
total pipeline 300%, risk-adjusted 150%; stages qualified 10%, proposal 40%, negotiation 70%.

- Partner A, plan USD 1,000,000 accepted. Approved, closing in the quarter: 100,000 (no stage:
  qualified, 10%), 200,000 (proposal, 40%, closing on the quarter's last day), 300,005
  (negotiation, 70%, closing on its first day). Not counted: 50,000 closing 1 April; 70,000 only
  submitted; 90,000 in EUR (numbered as another currency). Won 400,000 at 00:30 on 1 January
  in New York; not 1,000 won at 23:30 on 31 December in New York (already 1 January in UTC).
  Registered 600,005; risk-adjusted (1,000,000 + 8,000,000 + 21,000,350) / 100 = 300,003.5,
  rounded half up 300,004; targets 3,000,000 and 1,500,000; performance 0.4; short of both.
- Partner B, plan EUR 100,000 proposed. Approved EUR 400,000 in negotiation: registered 400,000,
  risk-adjusted 280,000, targets 300,000 and 150,000: no flags. A USD 10,000 one is numbered.
- Partner C, no plan: one approved USD 5,000, numbered; `no_plan`.

Vendor W: the defaults (calendar fiscal year, 200% and 100%, 25/50/75), so 2028-Q3 is July to
September 2028. Partner A, plan USD 50,000: approved 20,000 closing 1 August, no stage (25%):
registered 20,000, risk-adjusted 5,000, targets 100,000 and 50,000. Not counted: 30,000 closing
in February (V's quarter, not W's).
"""

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Product, Role
from dealreg.registrations import states
from dealreg.registrations.changes import record
from dealreg.registrations.models import (
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)
from tests.deals import approve, deal_body
from tests.factories import Factory
from tests.problems import assert_problem, if_match

REPORT = "/v1/reports/pipeline"
QUARTER = "2028-Q3"
NEW_YORK = ZoneInfo("America/New_York")


@dataclass
class Vendor:
    org: Organization
    admin: dict[str, str]
    approver: dict[str, str]
    products: dict[str, Product]


@dataclass
class DataSet:
    v: Vendor
    w: Vendor
    partners: dict[str, Organization]
    admins: dict[str, dict[str, str]]
    reps: dict[str, dict[str, str]]


async def _vendor(factory: Factory, currencies: tuple[str, ...]) -> Vendor:
    org = await factory.vendor()
    products = {}
    for currency in currencies:
        program = await factory.program(org, currency=currency)
        products[currency] = await factory.product(program)
    return Vendor(
        org,
        await factory.headers_for(org, Role.vendor_admin),
        await factory.headers_for(org, Role.vendor_approver),
        products,
    )


async def _registration(
    client: httpx.AsyncClient,
    db: AsyncSession,
    rep: dict[str, str],
    vendor: Vendor,
    currency: str,
    amount: int,
    close: str,
    *,
    approved: bool = True,
    stage: SalesStage | None = None,
    won_at: datetime | None = None,
) -> None:
    body = deal_body(
        {
            "vendor_id": str(vendor.org.id),
            "sku": vendor.products[currency].sku,
            "quantity": 1,
            "unit_price": amount,
        }
    )
    body["opportunity"] |= {"currency": currency, "expected_close_date": close}
    response = await client.post("/v1/deals", json=body, headers=rep)
    assert response.status_code == 201, response.text
    (registration_id,) = (r["id"] for r in response.json()["registrations"])
    if not approved:
        return
    registration = await approve(db, registration_id)
    for step in [stage] if stage else []:
        await record(db, None, registration, states.report_stage(registration, step, note=None))
    if won_at is not None:
        change = states.report_stage(registration, SalesStage.closed_won, note=None)
        await record(db, None, registration, change)
        # The win as if reported at `won_at`: history takes the database's clock.
        await db.execute(
            update(RegistrationHistory)
            .where(
                RegistrationHistory.registration_id == registration.id,
                RegistrationHistory.to_status == RegistrationStatus.won,
            )
            .values(at=won_at)
        )
    await db.flush()


@pytest.fixture
async def data(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> DataSet:
    v = await _vendor(factory, ("USD", "EUR"))
    w = await _vendor(factory, ("USD",))
    settings = await client.put(
        f"/v1/vendors/{v.org.id}/plan-settings",
        json={
            "fiscal_year_start_month": 7,
            "total_pipeline_percent": 300,
            "risk_adjusted_pipeline_percent": 150,
            "stage_probabilities": {"qualified": 10, "proposal": 40, "negotiation": 70},
        },
        headers=v.admin,
    )
    assert settings.status_code == 200, settings.text
    partners, admins, reps, ships = {}, {}, {}, {}
    for name in "ABC":
        partner = await factory.partner(name=f"Partner {name} {uuid.uuid4().hex[:6]}")
        partners[name] = partner
        ships[name, "v"] = await factory.partnership(partner, v.org)
        admins[name] = await factory.headers_for(partner, Role.partner_admin)
        reps[name] = await factory.headers_for(partner, Role.partner_rep)
    ships["A", "w"] = await factory.partnership(partners["A"], w.org)

    async def plan(
        key: tuple[str, str], amount: int, currency: str, accepter: Vendor | None
    ) -> None:
        url = f"/v1/partnerships/{ships[key].id}/plans/{QUARTER}"
        put = await client.put(
            url, json={"amount": amount, "currency": currency}, headers=admins[key[0]]
        )
        assert put.status_code == 200, put.text
        if accepter is not None:
            accepted = await client.post(url + "/accept", headers=accepter.approver | if_match(1))
            assert accepted.status_code == 200, accepted.text

    await plan(("A", "v"), 1_000_000, "USD", v)
    await plan(("B", "v"), 100_000, "EUR", None)
    await plan(("A", "w"), 50_000, "USD", w)

    a, b, c = reps["A"], reps["B"], reps["C"]
    await _registration(client, db, a, v, "USD", 100_000, "2028-02-10")
    await _registration(client, db, a, v, "USD", 200_000, "2028-03-31", stage=SalesStage.proposal)
    await _registration(
        client, db, a, v, "USD", 300_005, "2028-01-01", stage=SalesStage.negotiation
    )
    await _registration(client, db, a, v, "USD", 50_000, "2028-04-01", stage=SalesStage.negotiation)
    await _registration(client, db, a, v, "USD", 70_000, "2028-02-10", approved=False)
    await _registration(client, db, a, v, "EUR", 90_000, "2028-02-10")
    await _registration(
        client,
        db,
        a,
        v,
        "USD",
        400_000,
        "2028-06-01",
        won_at=datetime(2028, 1, 1, 0, 30, tzinfo=NEW_YORK),
    )
    await _registration(
        client,
        db,
        a,
        v,
        "USD",
        1_000,
        "2028-02-01",
        won_at=datetime(2027, 12, 31, 23, 30, tzinfo=NEW_YORK),
    )
    await _registration(
        client, db, b, v, "EUR", 400_000, "2028-02-01", stage=SalesStage.negotiation
    )
    await _registration(client, db, b, v, "USD", 10_000, "2028-02-01")
    await _registration(client, db, c, v, "USD", 5_000, "2028-02-01")
    await _registration(client, db, a, w, "USD", 20_000, "2028-08-01")
    await _registration(client, db, a, w, "USD", 30_000, "2028-02-10")
    return DataSet(v, w, partners, admins, reps)


def _expected(data: DataSet) -> dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]]:
    v, w, p = data.v.org.id, data.w.org.id, data.partners
    in_v = {"quarter": QUARTER, "first_day": "2028-01-01", "last_day": "2028-03-31"}
    in_w = {"quarter": QUARTER, "first_day": "2028-07-01", "last_day": "2028-09-30"}
    return {
        (v, p["A"].id): in_v
        | {
            "plan_status": "accepted",
            "currency": "USD",
            "plan": 1_000_000,
            "total_pipeline_target": 3_000_000,
            "risk_adjusted_pipeline_target": 1_500_000,
            "registered_pipeline": 600_005,
            "registered_count": 3,
            "risk_adjusted_pipeline": 300_004,
            "won": 400_000,
            "won_count": 1,
            "performance_to_plan": 0.4,
            "other_currency_registrations": 1,
            "flags": ["below_total_target", "below_risk_adjusted_target"],
        },
        (v, p["B"].id): in_v
        | {
            "plan_status": "proposed",
            "currency": "EUR",
            "plan": 100_000,
            "total_pipeline_target": 300_000,
            "risk_adjusted_pipeline_target": 150_000,
            "registered_pipeline": 400_000,
            "registered_count": 1,
            "risk_adjusted_pipeline": 280_000,
            "won": 0,
            "won_count": 0,
            "performance_to_plan": 0.0,
            "other_currency_registrations": 1,
            "flags": [],
        },
        (v, p["C"].id): in_v
        | {
            "plan_status": None,
            "currency": None,
            "plan": None,
            "total_pipeline_target": None,
            "risk_adjusted_pipeline_target": None,
            "registered_pipeline": None,
            "registered_count": 0,
            "risk_adjusted_pipeline": None,
            "won": None,
            "won_count": 0,
            "performance_to_plan": None,
            "other_currency_registrations": 1,
            "flags": ["no_plan"],
        },
        (w, p["A"].id): in_w
        | {
            "plan_status": "accepted",
            "currency": "USD",
            "plan": 50_000,
            "total_pipeline_target": 100_000,
            "risk_adjusted_pipeline_target": 50_000,
            "registered_pipeline": 20_000,
            "registered_count": 1,
            "risk_adjusted_pipeline": 5_000,
            "won": 0,
            "won_count": 0,
            "performance_to_plan": 0.0,
            "other_currency_registrations": 0,
            "flags": ["below_total_target", "below_risk_adjusted_target"],
        },
    }


_FIGURES = [
    "quarter",
    "first_day",
    "last_day",
    "plan_status",
    "currency",
    "plan",
    "total_pipeline_target",
    "risk_adjusted_pipeline_target",
    "registered_pipeline",
    "registered_count",
    "risk_adjusted_pipeline",
    "won",
    "won_count",
    "performance_to_plan",
    "other_currency_registrations",
    "flags",
]


def _rows(response: httpx.Response) -> dict[tuple[uuid.UUID, uuid.UUID], dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.json()["quarter"] == QUARTER
    return {
        (uuid.UUID(row["vendor_id"]), uuid.UUID(row["partner_id"])): {k: row[k] for k in _FIGURES}
        for row in response.json()["rows"]
    }


async def test_the_vendor_sees_every_partners_figures_as_worked_by_hand(
    client: httpx.AsyncClient, data: DataSet
) -> None:
    response = await client.get(REPORT, params={"quarter": QUARTER}, headers=data.v.admin)

    expected = _expected(data)
    assert _rows(response) == {key: expected[key] for key in expected if key[0] == data.v.org.id}
    names = {row["partner_name"] for row in response.json()["rows"]}
    assert names == {data.partners[name].name for name in "ABC"}


async def test_a_partner_sees_its_own_lines_each_in_its_vendors_calendar(
    client: httpx.AsyncClient, data: DataSet
) -> None:
    expected = _expected(data)
    a = await client.get(REPORT, params={"quarter": QUARTER}, headers=data.admins["A"])
    assert _rows(a) == {key: expected[key] for key in expected if key[1] == data.partners["A"].id}

    b = await client.get(REPORT, params={"quarter": QUARTER}, headers=data.admins["B"])
    assert _rows(b) == {
        (data.v.org.id, data.partners["B"].id): expected[data.v.org.id, data.partners["B"].id]
    }

    one = await client.get(
        REPORT,
        params={"quarter": QUARTER, "vendor_id": str(data.w.org.id)},
        headers=data.admins["A"],
    )
    assert list(_rows(one)) == [(data.w.org.id, data.partners["A"].id)]


async def test_nobody_sees_another_partners_or_vendors_lines(
    client: httpx.AsyncClient, factory: Factory, data: DataSet
) -> None:
    params = {"quarter": QUARTER}
    # W sees A's line with W only: not A's plan with V.
    w = await client.get(REPORT, params=params, headers=data.w.admin)
    assert list(_rows(w)) == [(data.w.org.id, data.partners["A"].id)]
    # A partner naming another partner, a vendor naming another vendor: no such thing.
    assert_problem(
        await client.get(
            REPORT,
            params=params | {"partner_id": str(data.partners["A"].id)},
            headers=data.admins["B"],
        ),
        404,
    )
    assert_problem(
        await client.get(
            REPORT, params=params | {"vendor_id": str(data.v.org.id)}, headers=data.w.admin
        ),
        404,
    )
    # A vendor the partner is not enrolled with: no lines.
    none = await client.get(
        REPORT, params=params | {"vendor_id": str(data.w.org.id)}, headers=data.admins["B"]
    )
    assert _rows(none) == {}
    # A rep has no part in the partner's plan.
    assert_problem(await client.get(REPORT, params=params, headers=data.reps["A"]), 403)


async def test_channel_ops_name_the_vendor(
    client: httpx.AsyncClient, factory: Factory, data: DataSet
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    body = assert_problem(await client.get(REPORT, params={"quarter": QUARTER}, headers=ops), 422)
    assert [e["parameter"] for e in body["errors"]] == ["vendor_id"]
    one = await client.get(
        REPORT,
        params={
            "quarter": QUARTER,
            "vendor_id": str(data.v.org.id),
            "partner_id": str(data.partners["B"].id),
        },
        headers=ops,
    )
    assert list(_rows(one)) == [(data.v.org.id, data.partners["B"].id)]


async def test_the_report_as_csv_carries_the_same_figures(
    client: httpx.AsyncClient, data: DataSet
) -> None:
    response = await client.get(
        REPORT, params={"quarter": QUARTER, "format": "csv"}, headers=data.v.admin
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert f'filename="pipeline-{QUARTER}.csv"' in response.headers["content-disposition"]
    rows = {row["partner_id"]: row for row in csv.DictReader(io.StringIO(response.text))}
    a = rows[str(data.partners["A"].id)]
    assert (a["plan"], a["registered_pipeline"], a["risk_adjusted_pipeline"], a["won"]) == (
        "1000000",
        "600005",
        "300004",
        "400000",
    )
    assert a["flags"] == "below_total_target;below_risk_adjusted_target"
    c = rows[str(data.partners["C"].id)]
    assert (c["plan"], c["flags"]) == ("", "no_plan")


@pytest.mark.parametrize("quarter", ["2028-Q5", "2028", "Q3-2028", "2028-Q3 ", ""])
async def test_a_bad_quarter_is_a_problem_naming_it(
    client: httpx.AsyncClient, factory: Factory, quarter: str
) -> None:
    admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)

    body = assert_problem(await client.get(REPORT, params={"quarter": quarter}, headers=admin), 422)
    assert [e["parameter"] for e in body["errors"]] == ["quarter"]
