"""`GET /v1/reports/partners` and its page (`/reports/partners`): RFM figures, quintile scores and
segments on a known data set, against values worked by hand; filters, sort, CSV; the page's
segments, RFM grid and call tasks; and who may read them.

The data set: vendor V (programs in USD and EUR), six partners; each registration is
(submitted N days ago, won M days ago with an amount):
- A (gold): 2; 10, won 5 days ago, USD 100,000; 40.     Three webinars: score 30, a call task.
- B (silver): 5; 400, won 30 days ago, USD 300,000.
- C (registered): 100; 200.
- D (registered): 500, won 450 days ago, USD 50,000 (outside the year: monetary 0).
- E (community): none.
- F (community): 20, won 10 days ago, EUR 80,000 (not USD: monetary 0).

n = 6; a score is 1 + 5 x (partners strictly worse) // 6.
- Recency, days 2 (A), 5 (B), 20 (F), 100 (C), 500 (D), never (E): 5 worse 5, 4 worse 4,
  3 worse 3, 2 worse 2, 1 worse 1, none worse 1.
- Frequency, 3 (A), 2 (C), 1 (B, F), 0 (D, E): A 5, C 4, B and F 2 (two worse), D and E 1.
- Monetary, 300,000 (B), 100,000 (A), 0 for the rest: B 5, A 4, the rest 1.
- Segments: A R5 F5 M4, F+M 9: champions. B R4 F2 M5, 7: loyal. F R3 F2 M1: needs attention.
  C R2 F4 M1, 5: hibernating. D and E R1: lost.
"""

import csv
import io
import re
import uuid
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Role, Tier
from tests.engagement.helpers import engagement
from tests.engagement.report_helpers import register
from tests.factories import Factory
from tests.problems import assert_problem
from tests.report_pages import assert_page

REPORT = "/v1/reports/partners"
PAGE = "/reports/partners"
# (submitted days ago, (won days ago, amount) or None), and the currency, per partner.
REGISTRATIONS: dict[str, list[tuple[int, tuple[int, int] | None]]] = {
    "A": [(2, None), (10, (5, 100_000)), (40, None)],
    "B": [(5, None), (400, (30, 300_000))],
    "C": [(100, None), (200, None)],
    "D": [(500, (450, 50_000))],
    "E": [],
    "F": [(20, (10, 80_000))],
}
TIERS = {
    "A": Tier.gold,
    "B": Tier.silver,
    "C": Tier.registered,
    "D": Tier.registered,
    "E": Tier.community,
    "F": Tier.community,
}
# name: (days since registration, since win, registrations, won USD, R, F, M, segment)
EXPECTED = {
    "A": (2, 5, 3, 100_000, 5, 5, 4, "champions"),
    "B": (5, 30, 1, 300_000, 4, 2, 5, "loyal"),
    "C": (100, None, 2, 0, 2, 4, 1, "hibernating"),
    "D": (500, 450, 0, 0, 1, 1, 1, "lost"),
    "E": (None, None, 0, 0, 1, 1, 1, "lost"),
    "F": (20, 10, 1, 0, 3, 2, 1, "needs_attention"),
}


@dataclass
class DataSet:
    vendor: Organization
    admin: dict[str, str]
    approver: dict[str, str]
    partners: dict[str, Organization]


@pytest.fixture
async def data(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> DataSet:
    vendor = await factory.vendor()
    usd = await factory.product(await factory.program(vendor, currency="USD"))
    eur = await factory.product(await factory.program(vendor, currency="EUR"))
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    partners = {}
    for name, made in REGISTRATIONS.items():
        partner = await factory.partner(name=f"{name} Partner {uuid.uuid4().hex[:6]}")
        partners[name] = partner
        await factory.partnership(partner, vendor, tier=TIERS[name])
        rep = await factory.headers_for(partner, Role.partner_rep)
        currency, product = ("EUR", eur) if name == "F" else ("USD", usd)
        for submitted, won in made:
            await register(client, db, rep, product, vendor, currency, submitted, won)
    webinars = {"engagements": [engagement() for _ in range(3)]}
    posted = await client.post(
        f"/v1/partners/{partners['A'].id}/engagements", json=webinars, headers=admin
    )
    assert posted.status_code == 200, posted.text
    approver = await factory.headers_for(vendor, Role.vendor_approver)
    return DataSet(vendor, admin, approver, partners)


def _figures(row: dict[str, object]) -> tuple[object, ...]:
    return tuple(
        row[key]
        for key in (
            "days_since_registration",
            "days_since_win",
            "registrations_12m",
            "won_amount_12m",
            "recency_score",
            "frequency_score",
            "monetary_score",
            "segment",
        )
    )


def _names(data: DataSet, rows: list[dict[str, object]]) -> list[str]:
    names = {str(partner.id): name for name, partner in data.partners.items()}
    return [names[str(row["partner_id"])] for row in rows]


async def test_rfm_figures_scores_and_segments_match_the_hand_worked_values(
    client: httpx.AsyncClient, data: DataSet
) -> None:
    response = await client.get(REPORT, headers=data.approver)

    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["vendor_id"], report["currency"]) == (str(data.vendor.id), "USD")
    rows = dict(zip(_names(data, report["rows"]), report["rows"], strict=True))
    assert {name: _figures(row) for name, row in rows.items()} == EXPECTED
    assert (rows["A"]["engagement_score"], rows["A"]["open_call_tasks"]) == (30, 1)
    assert (rows["B"]["engagement_score"], rows["B"]["open_call_tasks"]) == (0, 0)
    assert rows["A"]["tier"] == "gold"
    # By segment (the default), champions first; the two lost partners by name.
    assert _names(data, report["rows"]) == ["A", "B", "F", "C", "D", "E"]


async def test_filters_sort_and_csv(client: httpx.AsyncClient, data: DataSet) -> None:
    lost = await client.get(REPORT, params={"segment": "lost"}, headers=data.admin)
    assert _names(data, lost.json()["rows"]) == ["D", "E"]
    several = await client.get(
        REPORT, params=[("tier", "community"), ("tier", "gold")], headers=data.admin
    )
    # By segment: champions, needs attention, lost.
    assert _names(data, several.json()["rows"]) == ["A", "F", "E"]
    by_money = await client.get(REPORT, params={"sort": "-won_amount_12m"}, headers=data.admin)
    assert _names(data, by_money.json()["rows"]) == ["B", "A", "C", "D", "E", "F"]
    # Never registered: last, whichever the direction.
    by_recency = await client.get(
        REPORT, params={"sort": "-days_since_registration"}, headers=data.admin
    )
    assert _names(data, by_recency.json()["rows"]) == ["D", "C", "F", "B", "A", "E"]
    in_eur = await client.get(REPORT, params={"currency": "EUR"}, headers=data.admin)
    eur = dict(zip(_names(data, in_eur.json()["rows"]), in_eur.json()["rows"], strict=True))
    assert (eur["F"]["won_amount_12m"], eur["F"]["monetary_score"]) == (80_000, 5)

    response = await client.get(REPORT, params={"format": "csv"}, headers=data.admin)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(response.text)))
    assert [line["segment"] for line in lines] == [
        "champions",
        "loyal",
        "needs_attention",
        "hibernating",
        "lost",
        "lost",
    ]
    assert lines[0]["won_amount_12m"] == "100000"


async def test_bad_parameters_are_refused(client: httpx.AsyncClient, data: DataSet) -> None:
    for params in ({"sort": "nonsense"}, {"segment": "vip"}, {"tier": "diamond"}):
        assert_problem(await client.get(REPORT, params=params, headers=data.admin), 400)


async def test_a_vendor_sees_its_partners_only_and_a_partner_nothing(
    client: httpx.AsyncClient, factory: Factory, data: DataSet
) -> None:
    other = await factory.vendor()
    other_admin = await factory.headers_for(other, Role.vendor_admin)
    theirs = await client.get(REPORT, headers=other_admin)
    assert theirs.json()["rows"] == []
    asked = await client.get(REPORT, params={"vendor_id": str(data.vendor.id)}, headers=other_admin)
    assert_problem(asked, 404)
    partner_admin = await factory.headers_for(data.partners["A"], Role.partner_admin)
    assert_problem(await client.get(REPORT, headers=partner_admin), 403)

    platform = await factory.headers_for(await factory.platform(), Role.platform_admin)
    assert_problem(await client.get(REPORT, headers=platform), 422)
    named = await client.get(REPORT, params={"vendor_id": str(data.vendor.id)}, headers=platform)
    assert len(named.json()["rows"]) == 6


async def test_the_page_shows_segments_the_rfm_grid_engagement_and_call_tasks(
    client: httpx.AsyncClient, factory: Factory, data: DataSet
) -> None:
    html = assert_page(await client.get(PAGE, headers=data.approver), 200)

    assert f"Partners of {data.vendor.name}" in html
    assert re.search(r"<b>6</b><span>partners</span>", html)
    assert re.search(r"<b>1</b><span>champions</span>", html)
    assert re.search(r"<b>1</b><span>open call tasks</span>", html)
    segments = dict(re.findall(r'<td class="text">([a-z ]+)</td><td>(\d+)</td>', html))
    assert segments == {
        "champions": "1",
        "loyal": "1",
        "promising": "0",
        "needs attention": "1",
        "at risk": "0",
        "hibernating": "1",
        "lost": "2",
    }
    # The grid's top row is recency 5: A, with frequency 5, the fullest cells darkest.
    grid = html[html.index('id="rfm-grid"') : html.index('id="engagement"')]
    rows = re.findall(r"<tr><th>(\d)</th>(.*?)</tr>", grid)
    cells = {r: re.findall(r"<td[^>]*>(\d+)</td>", tds) for r, tds in rows}
    assert cells == {
        "5": ["0", "0", "0", "0", "1"],
        "4": ["0", "1", "0", "0", "0"],
        "3": ["0", "1", "0", "0", "0"],
        "2": ["0", "0", "0", "1", "0"],
        "1": ["2", "0", "0", "0", "0"],
    }
    assert '<td class="heat5">2</td>' in grid
    assert data.partners["A"].name in html[html.index('id="call-tasks"') :]
    assert "No candidate now." in html

    partner_admin = await factory.headers_for(data.partners["A"], Role.partner_admin)
    assert_page(await client.get(PAGE, headers=partner_admin), 403)
    other = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    named = await client.get(PAGE, params={"vendor_id": str(data.vendor.id)}, headers=other)
    assert_page(named, 404)
