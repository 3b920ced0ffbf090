"""Capability scorecards: the vendor's template, its channel team's assessments per fiscal
quarter, and each partner's score beside the averages of the vendor's partners and of its tier,
worked out by hand on a known data set."""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Partnership, Role, Tier
from dealreg.planning.models import CapabilityAssessment, CapabilityScore, CapabilityTemplate
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

# Weights 3 + 1 + 2 + 2 + 2 = 10; the sales group weighs 4.
TEMPLATE = [
    {"key": "pipeline", "name": "Pipeline coverage", "group": "sales", "weight": 3},
    {"key": "forecasting", "name": "Forecast accuracy", "group": "sales", "weight": 1},
    {"key": "certifications", "name": "Certified engineers", "group": "technical", "weight": 2},
    {"key": "campaigns", "name": "Campaigns run", "group": "marketing", "weight": 2},
    {"key": "renewals", "name": "Renewal rate", "group": "support", "weight": 2},
]
KEYS = [attribute["key"] for attribute in TEMPLATE]


def scored(*values: int, goals: dict[str, int] | None = None) -> dict[str, Any]:
    goals = goals or {}
    return {
        "scores": [
            {"attribute": key, "score": value} | ({"goal": goals[key]} if key in goals else {})
            for key, value in zip(KEYS, values, strict=True)
        ],
        "note": "Strong quarter",
        "goal": "Two more certified engineers",
    }


@dataclass
class Channel:
    vendor: Organization
    admin: dict[str, str]
    approver: dict[str, str]
    # Partnerships: gold_a, gold_b, silver, gold_c; their partners' admins.
    lines: dict[str, Partnership]
    partner_admins: dict[str, dict[str, str]]


def template_url(vendor: Organization) -> str:
    return f"/v1/vendors/{vendor.id}/capability-template"


def assessment_url(partnership: Partnership, quarter: str = "2027-Q1") -> str:
    return f"/v1/partnerships/{partnership.id}/assessments/{quarter}"


@pytest.fixture
async def channel(client: httpx.AsyncClient, factory: Factory) -> Channel:
    vendor = await factory.vendor()
    lines, admins = {}, {}
    for name, tier in (
        ("gold_a", Tier.gold),
        ("gold_b", Tier.gold),
        ("silver", Tier.silver),
        ("gold_c", Tier.gold),
    ):
        partner = await factory.partner()
        lines[name] = await factory.partnership(partner, vendor, tier=tier)
        admins[name] = await factory.headers_for(partner, Role.partner_admin)
    channel = Channel(
        vendor=vendor,
        admin=await factory.headers_for(vendor, Role.vendor_admin),
        approver=await factory.headers_for(vendor, Role.vendor_approver),
        lines=lines,
        partner_admins=admins,
    )
    created = await client.put(
        template_url(vendor), json={"attributes": TEMPLATE}, headers=channel.admin
    )
    assert created.status_code == 200, created.text
    return channel


async def assess(
    client: httpx.AsyncClient, channel: Channel, line: str, body: dict[str, Any], quarter: str
) -> httpx.Response:
    response = await client.put(
        assessment_url(channel.lines[line], quarter), json=body, headers=channel.approver
    )
    assert response.status_code == 200, response.text
    return response


@pytest.fixture
async def assessed(client: httpx.AsyncClient, channel: Channel, factory: Factory) -> Channel:
    """The known data set (the figures below are worked out from it by hand)."""
    # gold_a: 80*3 + 60 + 70*2 + 50*2 + 90*2 = 720 -> 72.0; sales (240 + 60) / 4 = 75.0
    await assess(client, channel, "gold_a", scored(80, 60, 70, 50, 90), "2027-Q1")
    # gold_b: 180 + 40 + 100 + 140 + 110 = 570 -> 57.0; sales 220 / 4 = 55.0
    await assess(client, channel, "gold_b", scored(60, 40, 50, 70, 55), "2027-Q1")
    # silver: 270 + 90 + 170 + 160 + 140 = 830 -> 83.0; sales 360 / 4 = 90.0
    await assess(client, channel, "silver", scored(90, 90, 85, 80, 70), "2027-Q1")
    # gold_c: 123 + 42 + 86 + 88 + 90 = 429 -> 42.9; sales 165 / 4 = 41.25
    await assess(client, channel, "gold_c", scored(41, 42, 43, 44, 45), "2027-Q1")
    # The quarter before, gold_a alone: 210 + 60 + 120 + 100 + 170 = 660 -> 66.0; sales 67.5;
    # goals for 2027-Q1: pipeline 80 (met), certifications 75 (missed).
    await assess(
        client,
        channel,
        "gold_a",
        scored(70, 60, 60, 50, 85, goals={"pipeline": 80, "certifications": 75}),
        "2026-Q4",
    )
    # Another vendor's assessments count in none of this vendor's averages.
    other = await factory.vendor()
    other_admin = await factory.headers_for(other, Role.vendor_admin)
    line = await factory.partnership(await factory.partner(), other, tier=Tier.gold)
    await client.put(template_url(other), json={"attributes": TEMPLATE}, headers=other_admin)
    low = await client.put(assessment_url(line), json=scored(1, 1, 1, 1, 1), headers=other_admin)
    assert low.status_code == 200, low.text
    return channel


def by_key(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


async def test_the_scores_and_averages_are_the_hand_worked_ones(
    client: httpx.AsyncClient, assessed: Channel
) -> None:
    response = await client.get(assessment_url(assessed.lines["gold_a"]), headers=assessed.approver)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["quarter"], body["tier"], body["goal"]) == (
        "2027-Q1",
        "gold",
        "Two more certified engineers",
    )
    assert (body["partners_assessed"], body["partners_in_tier_assessed"]) == (4, 3)
    # Vendor: (72 + 57 + 83 + 42.9) / 4 = 63.725; gold: (72 + 57 + 42.9) / 3 = 57.3.
    assert body["overall"] == {
        "score": 72.0,
        "vendor_average": 63.7,
        "tier_average": 57.3,
        "previous": 66.0,
        "change": 6.0,
    }
    sales = by_key(body["groups"], "group")["sales"]
    # Vendor: (75 + 55 + 90 + 41.25) / 4 = 65.3125; gold: (75 + 55 + 41.25) / 3 = 57.083.
    assert sales == {
        "group": "sales",
        "score": 75.0,
        "vendor_average": 65.3,
        "tier_average": 57.1,
        "previous": 67.5,
        "change": 7.5,
    }
    assert [group["group"] for group in body["groups"]] == [
        "sales",
        "technical",
        "marketing",
        "support",
    ]
    attributes = by_key(body["attributes"], "key")
    assert list(attributes) == KEYS
    pipeline = attributes["pipeline"]
    # Vendor: (80 + 60 + 90 + 41) / 4 = 67.75; gold: (80 + 60 + 41) / 3 = 60.33.
    assert (pipeline["vendor_average"], pipeline["tier_average"]) == (67.8, 60.3)
    assert (pipeline["previous"], pipeline["change"]) == (70.0, 10.0)
    assert (pipeline["previous_goal"], pipeline["goal_met"]) == (80, True)
    certifications = attributes["certifications"]
    assert (certifications["previous_goal"], certifications["goal_met"]) == (75, False)
    assert attributes["campaigns"]["goal_met"] is None


async def test_the_scores_quarter_by_quarter(client: httpx.AsyncClient, assessed: Channel) -> None:
    url = f"/v1/partnerships/{assessed.lines['gold_a'].id}/assessments"

    response = await client.get(url, headers=assessed.partner_admins["gold_a"])

    assert response.status_code == 200, response.text
    assert [(item["quarter"], item["score"]) for item in response.json()["items"]] == [
        ("2026-Q4", 66.0),
        ("2027-Q1", 72.0),
    ]
    assert_problem(await client.get(url, headers=assessed.partner_admins["gold_b"]), 404)


async def test_a_partner_sees_no_average_over_fewer_than_three_partners(
    client: httpx.AsyncClient, assessed: Channel
) -> None:
    url = assessment_url(assessed.lines["silver"])

    as_partner = (await client.get(url, headers=assessed.partner_admins["silver"])).json()
    as_vendor = (await client.get(url, headers=assessed.approver)).json()

    # Alone in its tier: its tier's average would be its own score; with one other partner,
    # the other's.
    assert as_partner["overall"]["tier_average"] is None
    assert as_partner["overall"]["vendor_average"] == 63.7
    assert as_vendor["overall"]["tier_average"] == 83.0
    assert as_vendor["overall"]["change"] is None  # not assessed the quarter before


async def test_a_partner_sees_no_vendor_average_that_would_give_away_the_partners_outside_its_tier(
    client: httpx.AsyncClient, assessed: Channel
) -> None:
    url = assessment_url(assessed.lines["gold_a"])

    body = (await client.get(url, headers=assessed.partner_admins["gold_a"])).json()

    # Four assessed, three gold: 4 x 63.725 - 3 x 57.3 would be the silver partner's 83.0.
    assert (body["overall"]["vendor_average"], body["overall"]["tier_average"]) == (None, 57.3)
    for figure in [*body["groups"], *body["attributes"]]:
        assert figure["vendor_average"] is None or figure["tier_average"] is None, figure
    assert body["assessed_by"] is None
    assert (await client.get(url, headers=assessed.approver)).json()["assessed_by"] is not None


async def test_a_template_change_does_not_move_an_old_score(
    client: httpx.AsyncClient, assessed: Channel
) -> None:
    heavier = [a | {"weight": 10} if a["key"] == "renewals" else a for a in TEMPLATE]
    changed = await client.put(
        template_url(assessed.vendor),
        json={"attributes": heavier},
        headers=assessed.admin | if_match(1),
    )
    assert (changed.status_code, changed.headers["etag"]) == (200, '"2"'), changed.text

    body = (
        await client.get(assessment_url(assessed.lines["gold_a"]), headers=assessed.approver)
    ).json()
    assert (body["overall"]["score"], body["template_version"]) == (72.0, 1)


async def test_the_template_is_changed_against_its_etag(
    client: httpx.AsyncClient, channel: Channel
) -> None:
    url = template_url(channel.vendor)
    body = {"attributes": TEMPLATE[:2]}

    assert_problem(await client.put(url, json=body, headers=channel.admin), 428)
    assert_problem(await client.put(url, json=body, headers=channel.admin | if_match(7)), 412)
    read = await client.get(url, headers=channel.approver)
    assert (read.status_code, read.headers["etag"]) == (200, '"1"')
    assert read.json()["attributes"] == TEMPLATE
    same = await client.put(url, json={"attributes": TEMPLATE}, headers=channel.admin | if_match(1))
    assert same.headers["etag"] == '"1"'  # nothing changed


async def test_an_assessment_is_changed_against_its_etag(
    client: httpx.AsyncClient, channel: Channel
) -> None:
    url = assessment_url(channel.lines["gold_a"])
    first = await assess(client, channel, "gold_a", scored(50, 50, 50, 50, 50), "2027-Q1")
    assert first.headers["etag"] == '"1"'

    again = scored(60, 50, 50, 50, 50)
    assert_problem(await client.put(url, json=again, headers=channel.approver), 428)
    assert_problem(await client.put(url, json=again, headers=channel.approver | if_match(2)), 412)
    changed = await client.put(url, json=again, headers=channel.approver | if_match(1))
    assert (changed.status_code, changed.headers["etag"]) == (200, '"2"'), changed.text
    assert changed.json()["overall"]["score"] == 53.0  # (180 + 50 + 100 + 100 + 100) / 10
    same = await client.put(url, json=again, headers=channel.approver | if_match(2))
    assert same.headers["etag"] == '"2"'  # the same assessment again changes nothing


async def test_nobody_outside_the_partnership_sees_its_scores(
    client: httpx.AsyncClient, factory: Factory, assessed: Channel
) -> None:
    url = assessment_url(assessed.lines["gold_a"])
    other_vendor = await factory.vendor()

    # Another partner of the same vendor, another vendor: as if there were nothing (404).
    for headers in (
        assessed.partner_admins["gold_b"],
        await factory.headers_for(other_vendor, Role.vendor_admin),
    ):
        assert_problem(await client.get(url, headers=headers), 404)
        assert_problem(await client.get(template_url(assessed.vendor), headers=headers), 404)
    assert_problem(
        await client.put(
            url,
            json=scored(1, 1, 1, 1, 1),
            headers=await factory.headers_for(other_vendor, Role.vendor_admin),
        ),
        404,
    )


async def test_only_the_vendors_channel_team_assesses_and_its_admin_defines(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, channel: Channel
) -> None:
    line = channel.lines["gold_a"]
    body = scored(50, 50, 50, 50, 50)
    partner = await db.get_one(Organization, line.partner_id)

    assert_problem(
        await client.put(assessment_url(line), json=body, headers=channel.partner_admins["gold_a"]),
        403,
    )
    rep = await factory.headers_for(partner, Role.partner_rep)
    assert_problem(await client.get(assessment_url(line), headers=rep), 403)  # no plans:read
    assert_problem(
        await client.put(
            template_url(channel.vendor), json={"attributes": TEMPLATE}, headers=channel.approver
        ),
        403,
    )
    assert await count_rows(db, CapabilityAssessment) == 0


async def test_no_assessment_before_a_template(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await factory.vendor()
    line = await factory.partnership(await factory.partner(), vendor)

    response = await client.put(
        assessment_url(line),
        json=scored(50, 50, 50, 50, 50),
        headers=await factory.headers_for(vendor, Role.vendor_approver),
    )

    assert_problem(response, 409, "no-capability-template")
    assert_problem(
        await client.get(
            template_url(vendor), headers=await factory.headers_for(vendor, Role.vendor_admin)
        ),
        404,
        "capability-template-not-found",
    )
    assert await count_rows(db, CapabilityTemplate, CapabilityTemplate.vendor_id == vendor.id) == 0


def _with(body: dict[str, Any], index: int, **change: Any) -> dict[str, Any]:
    scores = [dict(score) for score in body["scores"]]
    scores[index] |= change
    return body | {"scores": scores}


GOOD = scored(50, 50, 50, 50, 50)


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        (_with(GOOD, 0, score=0), "/scores/0/score"),
        (_with(GOOD, 2, score=101), "/scores/2/score"),
        (_with(GOOD, 1, goal=101), "/scores/1/goal"),
        (_with(GOOD, 4, attribute="charisma"), "/scores/4/attribute"),
        (_with(GOOD, 4, attribute="pipeline"), "/scores/4/attribute"),
        (GOOD | {"scores": GOOD["scores"][:4]}, "/scores"),
        (GOOD | {"rating": 5}, "/rating"),
    ],
    ids=["zero", "over-100", "goal-over-100", "unknown", "twice", "missing", "unknown-field"],
)
async def test_bad_scores_are_refused_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    channel: Channel,
    body: dict[str, Any],
    pointer: str,
) -> None:
    response = await client.put(
        assessment_url(channel.lines["gold_a"]), json=body, headers=channel.approver
    )

    assert_problem(response, 422, pointer=pointer)
    assert await count_rows(db, CapabilityAssessment) == 0
    assert await count_rows(db, CapabilityScore) == 0


@pytest.mark.parametrize(
    ("attributes", "pointer"),
    [
        ([], "/attributes"),
        ([TEMPLATE[0] | {"weight": 0}], "/attributes/0/weight"),
        ([TEMPLATE[0] | {"group": "finance"}], "/attributes/0/group"),
        ([TEMPLATE[0] | {"key": "Not a key"}], "/attributes/0/key"),
        ([TEMPLATE[0], TEMPLATE[1] | {"key": "pipeline"}], "/attributes/1/key"),
    ],
    ids=["empty", "weight-0", "unknown-group", "bad-key", "key-twice"],
)
async def test_a_bad_template_is_refused_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    attributes: list[dict[str, Any]],
    pointer: str,
) -> None:
    vendor = await factory.vendor()

    response = await client.put(
        template_url(vendor),
        json={"attributes": attributes},
        headers=await factory.headers_for(vendor, Role.vendor_admin),
    )

    assert_problem(response, 422, pointer=pointer)
    assert await count_rows(db, CapabilityTemplate, CapabilityTemplate.vendor_id == vendor.id) == 0


async def test_a_bad_quarter_is_refused(client: httpx.AsyncClient, channel: Channel) -> None:
    response = await client.put(
        assessment_url(channel.lines["gold_a"], "2027-Q5"), json=GOOD, headers=channel.approver
    )

    assert_problem(response, 422)
