"""`/v1/reports/leads`: figures over a hand-built set of leads, worked out by hand (medians as
PostgreSQL's `percentile_cont`), grouped by partner, campaign and rep; flags beyond the bounds;
who may read whose figures; the date range; CSV.

The leads are moved through their lives over HTTP like anyone's; only the business hours to
accept and to first touch, which real requests made a moment apart would leave at zero, are set
through `db` afterwards.
"""

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.leads.models import Lead
from dealreg.orgs.models import Role
from tests.api.test_leads import Scene, act, conversion, create, lead_body, sweep, when
from tests.deals import PartnerSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem

REPORT = "/v1/reports/leads"
HOUR_US = 3_600_000_000
Json = dict[str, Any]


@dataclass
class World:
    a: Scene
    b: PartnerSetup
    leads: dict[str, str]


async def hours(db: AsyncSession, lead_id: str, accept: float, touch: float | None = None) -> None:
    values: Json = {"accept_business_us": int(accept * HOUR_US)}
    if touch is not None:
        values["first_touch_business_us"] = int(touch * HOUR_US)
    await db.execute(update(Lead).where(Lead.id == uuid.UUID(lead_id)).values(**values))


@pytest.fixture(scope="module")
async def world(
    module_client: httpx.AsyncClient, module_db: AsyncSession, module_factory: Factory
) -> World:
    """Partner A: six leads of campaign Spring; partner B: three of Autumn (see the module).
    Built once for the module (tests/conftest.py, "a scene built once per module")."""
    client, db, factory = module_client, module_db, module_factory
    vendor = await vendor_setup(factory)
    a = await partner_setup(factory, vendor)
    b = await partner_setup(factory, vendor)
    scene_a = Scene(vendor, a, await factory.headers_for(vendor.vendor, Role.vendor_admin))
    scene_b = Scene(vendor, b, scene_a.vendor_admin)
    rep = {"rep_id": str(a.rep_id)}
    leads: dict[str, str] = {}
    for name, scene, extra in [
        ("a1", scene_a, rep),
        ("a2", scene_a, rep),
        ("a3", scene_a, {}),
        ("a4", scene_a, {}),
        ("a5", scene_a, {}),
        ("a6", scene_a, {}),
        ("b1", scene_b, {}),
        ("b2", scene_b, {}),
        ("b3", scene_b, {}),
    ]:
        campaign = "Spring" if scene is scene_a else "Autumn"
        leads[name] = (await create(client, scene, campaign=campaign, **extra))["id"]

    async def dispose(headers: dict[str, str], name: str, kind: str, **body: Any) -> None:
        await act(client, headers, leads[name], "dispositions", {"type": kind} | body)

    for name in ("a1", "a2"):
        await act(client, a.rep, leads[name], "accept", {})
        await dispose(a.rep, name, "first_touch")
    await dispose(a.rep, "a1", "qualified")
    await act(client, a.rep, leads["a1"], "convert", conversion(scene_a))
    await dispose(a.rep, "a1", "won")
    await dispose(a.rep, "a2", "lost", lost_reason="went with a competitor")
    await act(client, a.admin, leads["a3"], "accept", {})
    await act(client, a.admin, leads["a4"], "reject", {"reason": "not_my_territory"})
    await act(client, a.admin, leads["a5"], "reject", {"reason": "other", "note": "too small"})
    await act(client, b.admin, leads["b1"], "accept", {})
    await dispose(b.admin, "b1", "first_touch")
    await dispose(b.admin, "b1", "no_decision")
    await act(client, b.admin, leads["b2"], "reject", {"reason": "no_capacity"})
    # a6 is never answered: the sweep recalls it at its deadline. b3 waits on: its deadline is
    # moved out first, since leads forwarded after hours share one (the next openings').
    await db.execute(
        update(Lead)
        .where(Lead.id == uuid.UUID(leads["b3"]))
        .values(accept_due_at=datetime.now(UTC) + timedelta(days=30))
    )
    a6 = await db.get_one(Lead, uuid.UUID(leads["a6"]))
    assert a6.accept_due_at is not None
    await sweep(db, a6.accept_due_at)
    await hours(db, leads["a1"], 2, 1)
    await hours(db, leads["a2"], 4, 3)
    await hours(db, leads["a3"], 9)
    await hours(db, leads["b1"], 6, 5)
    await db.flush()
    return World(scene_a, b, leads)


def figures(row: Json) -> Json:
    return {k: v for k, v in row.items() if k not in ("group", "group_id", "label")}


A_FIGURES = {
    "forwarded": 6,
    "pending": 0,
    "accepted": 3,
    "rejected": 2,
    "rejected_not_my_territory": 1,
    "rejected_no_capacity": 0,
    "rejected_not_qualified": 0,
    "rejected_existing_customer": 0,
    "rejected_duplicate": 0,
    "rejected_other": 1,
    "recalled": 1,
    # Over the six answered: three accepted, two rejected, one recalled.
    "acceptance_rate": 0.5,
    "reject_rate": 0.3333,
    "median_hours_to_accept": 4.0,  # of 2, 4 and 9
    "median_hours_to_first_touch": 2.0,  # of 1 and 3
    "first_touch_overdue": 0,
    "converted": 1,
    "conversion_rate": 0.3333,  # one of three accepted
    "won": 1,
    "lost": 1,
    "no_decision": 0,
    "win_rate": 0.5,  # of the two closed
    "no_decision_rate": 0.0,
    "flags": [],
}
B_FIGURES = {
    "forwarded": 3,
    "pending": 1,
    "accepted": 1,
    "rejected": 1,
    "rejected_not_my_territory": 0,
    "rejected_no_capacity": 1,
    "rejected_not_qualified": 0,
    "rejected_existing_customer": 0,
    "rejected_duplicate": 0,
    "rejected_other": 0,
    "recalled": 0,
    "acceptance_rate": 0.5,
    "reject_rate": 0.5,
    "median_hours_to_accept": 6.0,
    "median_hours_to_first_touch": 5.0,
    "first_touch_overdue": 0,
    "converted": 0,
    "conversion_rate": 0.0,
    "won": 0,
    "lost": 0,
    "no_decision": 1,
    "win_rate": 0.0,
    "no_decision_rate": 1.0,
    "flags": [],
}


async def report(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> Json:
    response = await client.get(REPORT, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def test_the_vendors_report_by_partner_matches_the_hand_worked_figures(
    client: httpx.AsyncClient, world: World
) -> None:
    body = await report(client, world.a.vendor_admin)
    assert body["group_by"] == "partner"
    assert body["bounds"] == {"max_reject_rate": 0.5, "min_win_rate": 0.2, "min_sample": 5}
    rows = {row["group_id"]: row for row in body["rows"]}
    assert set(rows) == {str(world.a.partner.partner.id), str(world.b.partner.id)}
    assert figures(rows[str(world.a.partner.partner.id)]) == A_FIGURES
    assert figures(rows[str(world.b.partner.id)]) == B_FIGURES
    assert rows[str(world.b.partner.id)]["label"] == world.b.partner.name


async def test_partners_and_campaigns_beyond_the_bounds_are_flagged(
    client: httpx.AsyncClient, world: World
) -> None:
    bounds = {"max_reject_rate": 0.4, "min_win_rate": 0.25, "min_sample": 1}
    by_partner = await report(client, world.a.vendor_admin, **bounds)
    flags = {row["group_id"]: row["flags"] for row in by_partner["rows"]}
    assert flags == {
        str(world.a.partner.partner.id): [],
        str(world.b.partner.id): ["high_reject_rate", "low_win_rate"],
    }
    # B has answered two leads and closed one: too few for the default sample of five.
    fewer = await report(client, world.a.vendor_admin, max_reject_rate=0.4, min_sample=2)
    assert {row["group_id"]: row["flags"] for row in fewer["rows"]} == {
        str(world.a.partner.partner.id): [],
        str(world.b.partner.id): ["high_reject_rate"],
    }
    by_campaign = await report(client, world.a.vendor_admin, group_by="campaign", **bounds)
    assert [(row["label"], row["flags"]) for row in by_campaign["rows"]] == [
        ("Autumn", ["high_rejection"]),
        ("Spring", []),
    ]
    assert figures(by_campaign["rows"][1]) == A_FIGURES


async def test_a_partner_reads_its_own_figures_and_a_rep_their_own(
    client: httpx.AsyncClient, world: World
) -> None:
    admin = await report(client, world.a.partner.admin)
    assert [row["group_id"] for row in admin["rows"]] == [str(world.a.partner.partner.id)]
    assert figures(admin["rows"][0]) == A_FIGURES
    other = await client.get(
        REPORT, params={"partner_id": str(world.b.partner.id)}, headers=world.a.partner.admin
    )
    assert_problem(other, 404)
    rep = await report(client, world.a.partner.rep, group_by="rep")
    (row,) = rep["rows"]
    assert row["group_id"] == str(world.a.partner.rep_id)
    assert (row["forwarded"], row["won"], row["lost"]) == (2, 1, 1)


async def test_another_vendor_reads_nothing_of_these_leads(
    client: httpx.AsyncClient, factory: Factory, world: World
) -> None:
    other = await vendor_setup(factory)
    assert (await report(client, other.approver))["rows"] == []
    refused = await client.get(
        REPORT, params={"vendor_id": str(world.a.vendor.vendor.id)}, headers=other.approver
    )
    assert_problem(refused, 404)


async def test_channel_ops_read_every_vendor_and_may_narrow_to_one(
    client: httpx.AsyncClient, factory: Factory, world: World
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    narrowed = await report(client, ops, vendor_id=str(world.a.vendor.vendor.id), campaign="Spring")
    assert [figures(row) for row in narrowed["rows"]] == [A_FIGURES]


async def test_the_range_counts_leads_by_the_day_they_were_forwarded(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    old = datetime.now(UTC) - timedelta(days=200)
    await db.execute(
        update(Lead).where(Lead.id == uuid.UUID(world.leads["b2"])).values(forwarded_at=old)
    )
    await db.flush()
    recent = await report(client, world.a.vendor_admin, partner_id=str(world.b.partner.id))
    assert recent["rows"][0]["forwarded"] == 2
    day = old.date().isoformat()
    that_day = await report(
        client, world.a.vendor_admin, partner_id=str(world.b.partner.id), to=day, **{"from": day}
    )
    assert [(row["forwarded"], row["rejected"]) for row in that_day["rows"]] == [(1, 1)]
    backwards = await client.get(
        REPORT, params={"from": "2026-02-01", "to": "2026-01-01"}, headers=world.a.vendor_admin
    )
    assert_problem(backwards, 422)


async def test_the_report_as_csv_has_a_column_per_figure(
    client: httpx.AsyncClient, world: World
) -> None:
    response = await client.get(
        REPORT,
        params={"max_reject_rate": 0.4, "min_win_rate": 0.25, "min_sample": 1},
        headers=world.a.vendor_admin | {"Accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    by_id = {row["group_id"]: row for row in rows}
    b = by_id[str(world.b.partner.id)]
    assert b["flags"] == "high_reject_rate;low_win_rate"
    assert (b["forwarded"], b["reject_rate"], b["median_hours_to_accept"]) == ("3", "0.5", "6.0")
    assert by_id[str(world.a.partner.partner.id)]["flags"] == ""


@pytest.mark.parametrize(
    "params",
    [
        {"group_by": "vendor"},
        {"max_reject_rate": 1.5},
        {"min_sample": 0},
        {"from": "yesterday"},
    ],
)
async def test_a_refused_parameter_is_named(
    client: httpx.AsyncClient, world: World, params: Json
) -> None:
    response = await client.get(REPORT, params=params, headers=world.a.vendor_admin)
    body = assert_problem(response, 400, "invalid-parameter")
    (name,) = params
    assert name in [error.get("parameter") for error in body["errors"]]


async def test_a_lead_created_but_not_forwarded_counts_nowhere(
    client: httpx.AsyncClient, world: World
) -> None:
    held = await client.post(
        "/v1/leads",
        json=lead_body(world.a, score=0, forward=False),
        headers=world.a.vendor.approver,
    )
    assert held.status_code == 201, held.text
    body = await report(client, world.a.vendor_admin, partner_id=str(world.a.partner.partner.id))
    assert body["rows"][0]["forwarded"] == 6
    assert when(held.json()["created_at"]) <= datetime.now(UTC)
