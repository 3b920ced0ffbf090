"""`GET /v1/partnerships/{id}/qbr` and its page: each section is its own report's figures for
this partnership and quarter (the reports' own tests work those out by hand); nobody outside the
partnership reads it; the page shows the figures a person needs.

The data set, in the vendor's current fiscal quarter (a calendar year, New York): partner A's
plan of USD 1,000,000, accepted; two registrations of A's (USD 150,000 approved, closing on the
quarter's last day, no stage: risk-adjusted at 25%; USD 80,000 waiting); one lead forwarded to A
and accepted; A assessed on two attributes. Partner B of the same vendor: an approved
registration of USD 500,000, in none of A's figures.
"""

import re
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Partnership, Role
from dealreg.planning import fiscal
from tests.api.test_leads import Scene, act, create
from tests.deals import (
    PartnerSetup,
    VendorSetup,
    approve,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, if_match
from tests.report_pages import assert_page

CHROMIUM = shutil.which("chromium")


@dataclass
class Review:
    vendor: VendorSetup
    a: PartnerSetup
    b: PartnerSetup
    line_a: Partnership
    quarter: fiscal.Quarter
    admin: dict[str, str]


def qbr_url(review: Review, quarter: str | None = None) -> str:
    url = f"/v1/partnerships/{review.line_a.id}/qbr"
    return url if quarter is None else f"{url}?quarter={quarter}"


def page_url(review: Review, quarter: str) -> str:
    return f"/reports/partnerships/{review.line_a.id}/qbr?quarter={quarter}"


async def _registration(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    partner: PartnerSetup,
    amount: int,
    close: str,
    *,
    approved: bool,
) -> None:
    body = deal_body(line(vendor, quantity=1, unit_price=amount))
    body["opportunity"]["expected_close_date"] = close
    (registration,) = (await submit(client, partner.rep, body))["registrations"]
    if approved:
        await approve(db, registration["id"])


@pytest.fixture
async def review(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Review:
    vendor = await vendor_setup(factory)
    a, b = await partner_setup(factory, vendor), await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    line_a = (
        await db.scalars(select(Partnership).where(Partnership.partner_id == a.partner.id))
    ).one()
    quarter = fiscal.quarter_at(datetime.now(UTC), 1, vendor.vendor.timezone or "")
    last_day = (quarter.end(1) - timedelta(days=1)).isoformat()

    plan = f"/v1/partnerships/{line_a.id}/plans/{quarter.label}"
    proposed = await client.put(
        plan, json={"amount": 1_000_000, "currency": "USD"}, headers=a.admin
    )
    assert proposed.status_code == 200, proposed.text
    accepted = await client.post(f"{plan}/accept", headers=vendor.approver | if_match(1))
    assert accepted.status_code == 200, accepted.text
    await _registration(client, db, vendor, a, 150_000, last_day, approved=True)
    await _registration(client, db, vendor, a, 80_000, last_day, approved=False)
    await _registration(client, db, vendor, b, 500_000, last_day, approved=True)
    lead = await create(client, Scene(vendor, a, admin))
    await act(client, a.admin, lead["id"], "accept", {})

    template = [
        {"key": "pipeline", "name": "Pipeline coverage", "group": "sales", "weight": 3},
        {"key": "certifications", "name": "Certified engineers", "group": "technical", "weight": 1},
    ]
    await client.put(
        f"/v1/vendors/{vendor.vendor.id}/capability-template",
        json={"attributes": template},
        headers=admin,
    )
    assessed = await client.put(
        f"/v1/partnerships/{line_a.id}/assessments/{quarter.label}",
        json={
            "scores": [
                {"attribute": "pipeline", "score": 70, "goal": 80},
                {"attribute": "certifications", "score": 50},
            ],
            "note": "Good pipeline discipline",
            "goal": "Certify two more engineers",
        },
        headers=vendor.approver,
    )
    assert assessed.status_code == 200, assessed.text
    return Review(vendor, a, b, line_a, quarter, admin)


async def _get(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> Any:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_each_section_is_its_reports_figures_for_the_partnership(
    client: httpx.AsyncClient, review: Review
) -> None:
    label, partner_id = review.quarter.label, str(review.a.partner.id)
    body = await _get(client, qbr_url(review, label), review.vendor.approver)

    assert (body["quarter"], body["partner_id"], body["tier"]) == (label, partner_id, "gold")
    assert body["first_day"] == review.quarter.start(1).isoformat()
    pipeline = await _get(
        client,
        f"/v1/reports/pipeline?quarter={label}&partner_id={partner_id}",
        review.vendor.approver,
    )
    assert body["pipeline"] == pipeline["rows"][0]
    assert (
        body["pipeline"]["plan"],
        body["pipeline"]["registered_pipeline"],
        body["pipeline"]["risk_adjusted_pipeline"],
        body["pipeline"]["plan_status"],
    ) == (1_000_000, 150_000, 37_500, "accepted")
    scorecard = await _get(
        client,
        f"/v1/reports/registrations?quarter={label}&partner_id={partner_id}",
        review.vendor.approver,
    )
    assert body["registrations"] == scorecard["rows"]
    (usd,) = body["registrations"]
    assert (usd["submitted"], usd["approved"], usd["registered_pipeline"]) == (2, 1, 150_000)
    (rep,) = body["registrations_by_rep"]
    assert rep["group_id"] == str(review.a.rep_id)
    # The vendor's SLA toward A alone: B's registration is not in it.
    assert body["sla"]["submitted"] == 2
    assert (body["leads"]["forwarded"], body["leads"]["accepted"]) == (1, 1)
    capabilities = body["capabilities"]
    # (70 x 3 + 50 x 1) / 4 = 65.
    assert (capabilities["overall"]["score"], capabilities["goal"]) == (
        65.0,
        "Certify two more engineers",
    )


async def test_the_current_quarter_when_none_is_named(
    client: httpx.AsyncClient, review: Review
) -> None:
    body = await _get(client, qbr_url(review), review.a.admin)

    assert body["quarter"] == review.quarter.label
    assert body["pipeline"]["plan"] == 1_000_000


async def test_a_quarter_without_anything_has_empty_sections(
    client: httpx.AsyncClient, review: Review
) -> None:
    body = await _get(client, qbr_url(review, review.quarter.next().label), review.a.admin)

    assert body["pipeline"]["flags"] == ["no_plan"]
    assert (body["registrations"], body["leads"], body["capabilities"]) == ([], None, None)
    assert body["sla"]["submitted"] == 0


async def test_nobody_outside_the_partnership_reads_its_qbr(
    client: httpx.AsyncClient, factory: Factory, review: Review
) -> None:
    url = qbr_url(review, review.quarter.label)

    # Another partner of the vendor and another vendor: as if there were none (404).
    assert_problem(await client.get(url, headers=review.b.admin), 404)
    other = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    assert_problem(await client.get(url, headers=other), 404)
    # A rep has no part in the partner's plan (no plans:read).
    assert_problem(await client.get(url, headers=review.a.rep), 403)
    assert_problem(await client.get(qbr_url(review, "2027-Q9"), headers=review.a.admin), 422)
    assert_problem(
        await client.get(f"/v1/partnerships/{uuid.uuid4()}/qbr", headers=review.a.admin), 404
    )


async def test_the_page_shows_the_review(client: httpx.AsyncClient, review: Review) -> None:
    response = await client.get(page_url(review, review.quarter.label), headers=review.a.admin)

    text = assert_page(response, 200)
    assert review.a.partner.name in text
    # Minor units, as a person reads them: the plan, the registered and risk-adjusted pipeline.
    assert "amounts in USD" in text
    assert ">10,000<" in text
    assert ">1,500<" in text
    assert ">375<" in text
    assert "Good pipeline discipline" in text
    assert "@media print" in text


async def test_the_page_refuses_as_the_api_does(client: httpx.AsyncClient, review: Review) -> None:
    label = review.quarter.label

    assert_page(await client.get(page_url(review, label), headers=review.b.admin), 404)
    assert_page(await client.get(page_url(review, label), headers=review.a.rep), 403)
    # Unsigned: off to sign in, the quarter kept for the way back.
    unsigned = await client.get(page_url(review, label))
    assert unsigned.status_code == 303


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
async def test_the_page_reads_on_a_phone_and_prints_on_a4(live_url: str, review: Review) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            context = await browser.new_context(extra_http_headers=review.a.admin)
            page = await context.new_page()
            # A phone and a laptop: no table hides a column behind a sideways scroll.
            for width in (390, 1024):
                await page.set_viewport_size({"width": width, "height": 844})
                answer = await page.goto(f"{live_url}{page_url(review, review.quarter.label)}")
                assert answer is not None
                assert answer.status == 200
                assert await page.evaluate("document.documentElement.scrollWidth") <= width
                hidden = await page.evaluate(
                    "[...document.querySelectorAll('.table')]"
                    ".filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.innerText)"
                )
                assert hidden == [], width
            pdf = await page.pdf(format="A4", print_background=True)
        finally:
            await browser.close()
    # The data set's review on one or two A4 pages (595 x 842 points).
    pages = re.findall(rb"/MediaBox\s*\[\s*0 0 (\d+)[.\d]* (\d+)", pdf)
    assert 1 <= len(pages) <= 2, pages
    assert {(int(w), int(h)) for w, h in pages} == {(595, 842)}
