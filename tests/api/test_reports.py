"""`/v1/reports/sla` and `/v1/reports/sla/breaches`: exact figures over a hand-built scenario whose
business hours to decision are set on the clocks before each decision, grouped by vendor,
program, approver and ISO week; the date range, inclusive of `to` and in UTC days; who may read
which vendor; the breached registrations in breach order, paged and as CSV; refused parameters.

The scenario's figures are worked out by hand, percentiles as PostgreSQL's `percentile_cont`
(linear interpolation between the two nearest ranks: position p x (n - 1)), not by the code
under test. Clocks are steered through `db`: a decided registration's clock gets its elapsed
business time and a `running_since` far in the future, so the decision (over HTTP, now) adds
nothing to it; open registrations are started on known instants in New York and swept with an
injected clock (the default policy: Monday to Friday 09:00-17:00, 2 and 4 business days).
"""

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Role, User
from dealreg.sla import rollups
from dealreg.sla.models import SlaBreach, SlaClock, Threshold
from tests.clocks import (
    HOUR,
    TICK,
    act,
    decided_after,
    ran_for,
    register,
    started_at,
    submitted_on,
    sweep,
)
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    partner_setup,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem

Headers = dict[str, str]
Json = dict[str, Any]

REPORT = "/v1/reports/sla"
BREACHES = "/v1/reports/sla/breaches"
NEW_YORK = ZoneInfo("America/New_York")
MARCH: Json = {"from": "2025-03-01", "to": "2025-03-31"}
SUMMARY_FIELDS = [
    "group",
    "group_id",
    "label",
    "submitted",
    "decided",
    "median_hours_to_decision",
    "p90_hours_to_decision",
    "median_wall_clock_hours_to_decision",
    "p90_wall_clock_hours_to_decision",
    "decided_within_target",
    "breaches",
    "open_at_risk",
]
BREACH_FIELDS = [
    "id",
    "registration_id",
    "number",
    "customer_name",
    "vendor_id",
    "vendor_name",
    "partner_id",
    "partner_name",
    "program_id",
    "program_name",
    "approver_id",
    "approver_name",
    "submitted_at",
    "due_at",
    "breached_at",
    "hours_overdue",
    "action",
    "status",
]


def new_york(day: int, hour: int, *, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=NEW_YORK)


def utc(day: int, hour: int, *, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


# Started Monday 2025-03-03 10:00 in New York: 32 business hours later is Friday 10:00.
MONDAY = new_york(3, 10)
BREACH_AT = new_york(7, 10)


# --- helpers -----------------------------------------------------------------------------------


async def get_report(client: httpx.AsyncClient, headers: Headers, **params: Any) -> Json:
    response = await client.get(REPORT, params=params, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: Json = response.json()
    return body


async def get_breaches(client: httpx.AsyncClient, headers: Headers, **params: Any) -> Json:
    response = await client.get(BREACHES, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


def row(
    group: str,
    group_id: uuid.UUID | None,
    label: str,
    submitted: int,
    decided: int,
    median: float | None,
    p90: float | None,
    within: float | None,
    breaches: int,
    open_at_risk: int,
    *,
    wall: tuple[float | None, float | None],
) -> Json:
    """A report row; `wall` is its median and 90th percentile in wall-clock hours."""
    return {
        "group": group,
        "group_id": str(group_id) if group_id else None,
        "label": label,
        "submitted": submitted,
        "decided": decided,
        "median_hours_to_decision": median,
        "p90_hours_to_decision": p90,
        "median_wall_clock_hours_to_decision": wall[0],
        "p90_wall_clock_hours_to_decision": wall[1],
        "decided_within_target": within,
        "breaches": breaches,
        "open_at_risk": open_at_risk,
    }


def week(monday: str, decided: int, within: float | None) -> Json:
    """A week of the within-target trend."""
    return {"week": monday, "decided": decided, "decided_within_target": within}


def by_group_id(report: Json) -> dict[str | None, Json]:
    rows = {item["group_id"]: item for item in report["rows"]}
    assert len(rows) == len(report["rows"]), report
    return rows


def csv_rows(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv"), response.headers
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment"), disposition
    assert ".csv" in disposition, disposition
    return list(csv.reader(io.StringIO(response.text)))


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def all_pages(
    client: httpx.AsyncClient, headers: Headers, limit: int, **params: Any
) -> list[list[str]]:
    """Follow `next_cursor` from the first page until it is null; the breach ids of each page."""
    pages: list[list[str]] = []
    query: Json = {"limit": limit} | params
    while True:
        page = await get_breaches(client, headers, **query)
        pages.append([item["id"] for item in page["items"]])
        assert len(pages) <= 20, "the cursor never ran out"
        if page["next_cursor"] is None:
            return pages
        query["cursor"] = page["next_cursor"]


# --- the scenario ------------------------------------------------------------------------------


@dataclass
class Scenario:
    vendor: VendorSetup
    second_program: VendorSetup
    other: VendorSetup
    partner: PartnerSetup
    admin: Headers
    ops: Headers
    alice: User
    bob: User
    ids: dict[str, str]


@pytest.fixture(scope="module")
async def scenario(
    module_client: httpx.AsyncClient, module_db: AsyncSession, module_factory: Factory
) -> Scenario:
    """One vendor, two programs, eight registrations submitted in March 2025:

    name    submitted (UTC)   program  assigned  outcome
    d2      Mon 03-03 15:00   first    alice     approved by alice after 2 business hours
    d10     Tue 03-04 15:00   first    alice     approved by alice after 10
    d16     Mon 03-10 15:00   first    bob       rejected by bob after 16 (the target exactly)
    d20     Mon 03-10 16:00   second   bob       approved by bob after 20
    d40     Tue 03-11 15:00   second   -         rejected by Ada, an admin, after 40
    breach  Mon 03-03 (W10)   first    alice     open, breached by the sweep of Fri 03-07 10:00
    risk    Wed 03-05 (W10)   first    -         open, at_risk fired by that sweep
    fresh   Thu 03-06 (W10)   first    -         open, only its reminder fired

    and another vendor's registration (Tue 03-04 12:00), approved after 4 business hours.

    Their wall-clock hours to decision, worked on New York's calendar (09:00-17:00, EST to
    03-08, EDT from 03-09): d2 2 (Mon 10:00-12:00); d10 26 (Tue 10:00 to Wed 12:00); d16 48 (Mon
    11:00 to Wed 11:00); d20 52 (Mon 12:00 to Wed 16:00); d40 168 (Tue 11:00 to the next Tue
    11:00: 6 + 8 x 4 + 2 business hours); the other vendor's 6 (Tue 07:00, before opening, to
    13:00). W10 is d2 and d10 (and the open ones), W11 d16, d20 and d40.

    Built once for the module (tests/conftest.py, "a scene built once per module").
    """
    client, db, factory = module_client, module_db, module_factory
    vendor = await vendor_setup(factory)
    program = await factory.program(vendor.vendor)
    second = VendorSetup(vendor.vendor, program, [await factory.product(program)])
    other = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor, other)
    ada = await factory.user(vendor.vendor, Role.vendor_admin, name="Ada Admin")
    admin = {"Authorization": f"Bearer {factory.token(ada, vendor.vendor)}"}
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)
    alice = await factory.user(vendor.vendor, Role.vendor_approver, name="Alice Approver")
    bob = await factory.user(vendor.vendor, Role.vendor_approver, name="Bob Approver")

    ids: dict[str, str] = {}
    for name in ("d2", "d10", "d16", "breach", "risk", "fresh"):
        ids[name] = await register(client, partner, vendor)
    for name in ("d20", "d40"):
        ids[name] = await register(client, partner, second)
    ids["other"] = await register(client, partner, other)

    for name, approver in [
        ("d2", alice),
        ("d10", alice),
        ("breach", alice),
        ("d16", bob),
        ("d20", bob),
    ]:
        await act(client, admin, ids[name], "assign", {"approver_id": str(approver.id)})

    for name, submitted in [
        ("d2", utc(3, 15)),
        ("d10", utc(4, 15)),
        ("d16", utc(10, 15)),
        ("d20", utc(10, 16)),
        ("d40", utc(11, 15)),
        ("other", utc(4, 12)),
    ]:
        await submitted_on(db, ids[name], submitted)
    by_alice = {"Authorization": f"Bearer {factory.token(alice, vendor.vendor)}"}
    by_bob = {"Authorization": f"Bearer {factory.token(bob, vendor.vendor)}"}
    await decided_after(client, db, by_alice, ids["d2"], 2, wall=2)
    await decided_after(client, db, by_alice, ids["d10"], 10, wall=26)
    await decided_after(client, db, by_bob, ids["d16"], 16, reject=True, wall=48)
    await decided_after(client, db, by_bob, ids["d20"], 20, wall=52)
    await decided_after(client, db, admin, ids["d40"], 40, reject=True, wall=168)
    other_admin = await factory.headers_for(other.vendor, Role.vendor_admin)
    await decided_after(client, db, other_admin, ids["other"], 4, wall=6)

    await started_at(db, ids["breach"], MONDAY)
    await started_at(db, ids["risk"], new_york(5, 10))
    await started_at(db, ids["fresh"], new_york(6, 10))
    await sweep(db, BREACH_AT)
    return Scenario(vendor, second, other, partner, admin, ops, alice, bob, ids)


async def test_the_scenario_is_what_the_figures_below_assume(
    db: AsyncSession, scenario: Scenario
) -> None:
    """Guards the arrangement, so a failing figure below is the report's fault."""
    elapsed = {
        name: (await db.get_one(SlaClock, uuid.UUID(rid))).elapsed_us / (HOUR / TICK)
        for name, rid in scenario.ids.items()
        if name.startswith("d") or name == "other"
    }
    assert elapsed == {"d2": 2, "d10": 10, "d16": 16, "d20": 20, "d40": 40, "other": 4}
    wall = {}
    for name, rid in scenario.ids.items():
        clock = await db.get_one(SlaClock, uuid.UUID(rid))
        if clock.stopped_at is not None:
            wall[name] = (clock.stopped_at - clock.started_at) / HOUR
    assert wall == {"d2": 2, "d10": 26, "d16": 48, "d20": 52, "d40": 168, "other": 6}
    next_threshold = {
        name: (await db.get_one(SlaClock, uuid.UUID(scenario.ids[name]))).next_threshold
        for name in ("breach", "risk", "fresh")
    }
    assert next_threshold == {
        "breach": None,
        "risk": Threshold.breached,
        "fresh": Threshold.at_risk,
    }
    breached = await db.scalars(
        select(SlaBreach.registration_id).where(
            SlaBreach.vendor_id.in_([scenario.vendor.vendor.id, scenario.other.vendor.id])
        )
    )
    assert list(breached) == [uuid.UUID(scenario.ids["breach"])]


# --- figures -----------------------------------------------------------------------------------


async def test_a_vendors_row_has_exact_percentiles_share_breaches_and_open_at_risk(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    """Decided after 2, 10, 16, 20 and 40 business hours: the median is 16; the 90th
    percentile lies at rank 0.9 x 4 = 3.6, 20 + 0.6 x (40 - 20) = 32; three of five within the
    16-hour target (16 itself included); one breach; open past the target: the breached one
    and the one at risk (the one that only had its reminder is not). In wall-clock hours, 2,
    26, 48, 52 and 168: the median 48, the 90th percentile 52 + 0.6 x (168 - 52) = 121.6."""
    vendor = scenario.vendor.vendor
    report = await get_report(
        client, scenario.ops, vendor_id=str(vendor.id), group_by="vendor", **MARCH
    )

    assert report == {
        "start": "2025-03-01",
        "end": "2025-03-31",
        "group_by": "vendor",
        "rows": [
            row("vendor", vendor.id, vendor.name, 8, 5, 16.0, 32.0, 0.6, 1, 2, wall=(48.0, 121.6))
        ],
        # Every week holding a day of March, by its Monday: W10 decided 2 and 10, both within
        # the 16-hour target; W11 16 (within), 20 and 40 (not): one of three.
        "within_target_by_week": [
            week("2025-02-24", 0, None),
            week("2025-03-03", 2, 1.0),
            week("2025-03-10", 3, 0.3333),
            week("2025-03-17", 0, None),
            week("2025-03-24", 0, None),
            week("2025-03-31", 0, None),
        ],
    }


async def test_grouped_by_program_each_program_has_its_own_figures_and_name(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    first, second = scenario.vendor.program, scenario.second_program.program
    report = await get_report(client, scenario.admin, group_by="program", **MARCH)

    assert report["group_by"] == "program"
    # first: decided 2, 10, 16 (p90 at rank 1.8: 10 + 0.8 x 6); second: 20 and 40 (rank 0.9).
    assert by_group_id(report) == {
        str(first.id): row(
            "program", first.id, first.name, 6, 3, 10.0, 14.8, 1.0, 1, 2, wall=(26.0, 43.6)
        ),
        str(second.id): row(
            "program", second.id, second.name, 2, 2, 30.0, 38.0, 0.0, 0, 0, wall=(110.0, 156.4)
        ),
    }


async def test_grouped_by_approver_each_row_is_who_decided(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    alice, bob = scenario.alice, scenario.bob
    report = await get_report(client, scenario.admin, group_by="approver", **MARCH)

    ada = next(item for item in report["rows"] if item["label"] == "Ada Admin")
    assert by_group_id(report) == {
        # 2 and 10 (p90: 2 + 0.9 x 8).
        str(alice.id): row(
            "approver", alice.id, "Alice Approver", 2, 2, 6.0, 9.2, 1.0, 0, 0, wall=(14.0, 23.6)
        ),
        # 16 and 20 (p90: 16 + 0.9 x 4); 20 is past the target.
        str(bob.id): row(
            "approver", bob.id, "Bob Approver", 2, 2, 18.0, 19.6, 0.5, 0, 0, wall=(50.0, 51.6)
        ),
        ada["group_id"]: row(
            "approver",
            uuid.UUID(ada["group_id"]),
            "Ada Admin",
            1,
            1,
            40.0,
            40.0,
            0.0,
            0,
            0,
            wall=(168.0, 168.0),
        ),
        # The breached one and the one at risk are open past their target.
        None: row("approver", None, "(undecided)", 3, 0, None, None, None, 1, 2, wall=(None, None)),
    }


async def test_grouped_by_partner_a_row_holds_the_partners_registrations(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    partner = scenario.partner.partner
    report = await get_report(client, scenario.admin, group_by="partner", **MARCH)

    # The vendor's eight, as in its own row: the other vendor's is not the admin's to count.
    assert report["rows"] == [
        row("partner", partner.id, partner.name, 8, 5, 16.0, 32.0, 0.6, 1, 2, wall=(48.0, 121.6))
    ]


async def test_grouped_by_assignee_the_unassigned_are_a_group_of_their_own(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    alice, bob = scenario.alice, scenario.bob
    report = await get_report(client, scenario.admin, group_by="assignee", **MARCH)

    assert by_group_id(report) == {
        # 2 and 10 (p90: 2 + 0.9 x 8); the breached one, open past its target.
        str(alice.id): row(
            "assignee", alice.id, "Alice Approver", 3, 2, 6.0, 9.2, 1.0, 1, 1, wall=(14.0, 23.6)
        ),
        # 16 and 20 (p90: 16 + 0.9 x 4); 20 is past the target.
        str(bob.id): row(
            "assignee", bob.id, "Bob Approver", 2, 2, 18.0, 19.6, 0.5, 0, 0, wall=(50.0, 51.6)
        ),
        None: row(
            "assignee", None, "(unassigned)", 3, 1, 40.0, 40.0, 0.0, 0, 1, wall=(168.0, 168.0)
        ),
    }


async def test_grouped_by_week_rows_are_iso_weeks_in_order(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    report = await get_report(client, scenario.admin, group_by="week", **MARCH)

    assert report["rows"] == [
        # 2 and 10; the three open ones.
        row("week", None, "2025-W10", 5, 2, 6.0, 9.2, 1.0, 1, 2, wall=(14.0, 23.6)),
        # 16, 20, 40: p90 at rank 1.8, 20 + 0.8 x 20; one of three within the target.
        row("week", None, "2025-W11", 3, 3, 20.0, 36.0, 0.3333, 0, 0, wall=(52.0, 144.8)),
    ]


async def test_weeks_are_utc_iso_weeks_across_a_year_end(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    """Sunday 2024-12-29 23:59:59 UTC is in 2024-W52; Monday 2024-12-30 00:00 UTC is already in
    ISO year 2025, week 1, as is Sunday 2025-01-05."""
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    instants = [
        datetime(2024, 12, 29, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 12, 30, tzinfo=UTC),
        datetime(2025, 1, 5, 12, tzinfo=UTC),
    ]
    for instant in instants:
        await submitted_on(db, await register(client, partner, vendor), instant)

    report = await get_report(
        client, admin, group_by="week", **{"from": "2024-12-01", "to": "2025-01-31"}
    )

    assert [(r["label"], r["submitted"]) for r in report["rows"]] == [
        ("2024-W52", 1),
        ("2025-W01", 2),
    ]


async def test_a_group_with_nothing_decided_has_no_times_and_no_share(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    await submitted_on(db, await register(client, partner, vendor), utc(4, 12))

    report = await get_report(client, admin, **MARCH)

    assert report["rows"] == [
        row(
            "vendor",
            vendor.vendor.id,
            vendor.vendor.name,
            1,
            0,
            None,
            None,
            None,
            0,
            0,
            wall=(None, None),
        )
    ]


async def test_a_withdrawn_registration_is_submitted_but_not_decided(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    withdrawn = await register(client, partner, vendor)
    decided = await register(client, partner, vendor)
    for registration_id in (withdrawn, decided):
        await submitted_on(db, registration_id, utc(4, 12))
    await ran_for(db, withdrawn, 3 * HOUR)
    await db.flush()
    await act(client, partner.rep, withdrawn, "withdraw", {"reason": "the customer went away"})
    # Submitted Tuesday 07:00 in New York: 5 business hours later is 14:00, 7 wall-clock hours.
    await decided_after(client, db, admin, decided, 5, wall=7)

    report = await get_report(client, admin, **MARCH)

    assert report["rows"] == [
        row(
            "vendor",
            vendor.vendor.id,
            vendor.vendor.name,
            2,
            1,
            5.0,
            5.0,
            1.0,
            0,
            0,
            wall=(7.0, 7.0),
        )
    ]


async def test_approved_by_the_breach_rule_counts_as_decided_at_the_hard_limit_and_a_breach(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    response = await client.put(
        f"/v1/vendors/{vendor.vendor.id}/sla-policy",
        json={"holiday_country": "US", "breach_action": "auto_approve"},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    registration_id = await register(client, partner, vendor)
    await started_at(db, registration_id, MONDAY)

    await sweep(db, BREACH_AT)

    report = await get_report(client, admin, **MARCH)
    assert report["rows"] == [
        row(
            "vendor",
            vendor.vendor.id,
            vendor.vendor.name,
            1,
            1,
            32.0,
            32.0,
            0.0,
            1,
            0,
            wall=(96.0, 96.0),
        )
    ]
    (breach,) = (await get_breaches(client, admin, **MARCH))["items"]
    assert (breach["registration_id"], breach["action"], breach["status"]) == (
        registration_id,
        "auto_approve",
        "approved",
    )


# --- filters and dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        # Only the second program's: 20 and 40.
        ("program", ((2, 2, 30.0, 38.0, 0.0, 0, 0), (110.0, 156.4))),
        # Only alice's: 2 and 10, and the breached one.
        ("approver", ((3, 2, 6.0, 9.2, 1.0, 1, 1), (14.0, 23.6))),
    ],
)
async def test_a_filter_narrows_the_registrations_counted(
    client: httpx.AsyncClient,
    scenario: Scenario,
    filter_: str,
    expected: tuple[tuple[Any, ...], tuple[float, float]],
) -> None:
    params = (
        {"program_id": str(scenario.second_program.program.id)}
        if filter_ == "program"
        else {"approver_id": str(scenario.alice.id)}
    )
    report = await get_report(client, scenario.admin, **params, **MARCH)

    vendor = scenario.vendor.vendor
    assert report["rows"] == [row("vendor", vendor.id, vendor.name, *expected[0], wall=expected[1])]


async def test_filters_apply_to_the_breach_list_too(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    second = await get_breaches(
        client, scenario.ops, program_id=str(scenario.second_program.program.id), **MARCH
    )
    alices = await get_breaches(client, scenario.ops, approver_id=str(scenario.alice.id), **MARCH)

    assert second["items"] == []
    assert [item["registration_id"] for item in alices["items"]] == [scenario.ids["breach"]]


async def test_the_range_is_whole_utc_days_from_from_to_to_inclusive(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    edges = {
        "before": datetime(2025, 2, 28, 23, 59, 59, 999_999, tzinfo=UTC),
        "first": datetime(2025, 3, 1, tzinfo=UTC),
        "last": datetime(2025, 3, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        "after": datetime(2025, 4, 1, tzinfo=UTC),
    }
    for instant in edges.values():
        await submitted_on(db, await register(client, partner, vendor), instant)

    async def submitted(start: str, end: str) -> int:
        report = await get_report(client, admin, **{"from": start, "to": end})
        return sum(r["submitted"] for r in report["rows"])

    assert await submitted("2025-03-01", "2025-03-31") == 2
    assert await submitted("2025-03-31", "2025-03-31") == 1
    assert await submitted("2025-04-01", "2025-04-01") == 1
    assert await submitted("2025-02-28", "2025-02-28") == 1
    assert await submitted("2025-02-28", "2025-04-01") == 4


async def test_without_dates_the_report_covers_the_last_90_days_to_today(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    today = datetime.now(UTC).date()
    first = today - timedelta(days=89)
    await register(client, partner, vendor)  # submitted now
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    await submitted_on(db, await register(client, partner, vendor), start)
    await submitted_on(db, await register(client, partner, vendor), start - TICK)

    report = await get_report(client, admin)

    assert (report["start"], report["end"]) == (first.isoformat(), today.isoformat())
    assert [r["submitted"] for r in report["rows"]] == [2]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2023-01-01", "2024-12-31"), ("2025-01-01", "2026-12-31"), ("2024-03-01", "2026-02-28")],
)
async def test_a_range_of_two_years_is_accepted(
    client: httpx.AsyncClient, factory: Factory, start: str, end: str
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)

    report = await get_report(client, ops, **{"from": start, "to": end})

    assert (report["start"], report["end"]) == (start, end)


@pytest.mark.parametrize("path", [REPORT, BREACHES])
@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2023-01-01", "2026-01-01"),
        # Two years and a day, in a span with a leap day and in one without.
        ("2023-01-01", "2025-01-01"),
        ("2025-01-01", "2027-01-01"),
    ],
)
async def test_a_range_of_more_than_two_years_is_a_422_on_from(
    client: httpx.AsyncClient, factory: Factory, path: str, start: str, end: str
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)

    response = await client.get(path, params={"from": start, "to": end}, headers=ops)

    problem = assert_problem(response, 422, "validation-error")
    assert [(e.get("parameter"), e.get("location")) for e in problem["errors"]] == [
        ("from", "query")
    ]


@pytest.mark.parametrize("path", [REPORT, BREACHES])
async def test_from_after_to_is_a_422_on_from(
    client: httpx.AsyncClient, factory: Factory, path: str
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)

    response = await client.get(
        path, params={"from": "2025-03-02", "to": "2025-03-01"}, headers=ops
    )

    problem = assert_problem(response, 422, "validation-error")
    assert [(e.get("parameter"), e.get("location")) for e in problem["errors"]] == [
        ("from", "query")
    ]


@pytest.mark.parametrize(
    ("path", "params", "type_suffix"),
    [
        (REPORT, {"group_by": "month"}, "invalid-parameter"),
        (REPORT, {"from": "2025-02-30"}, "invalid-parameter"),
        (REPORT, {"to": "yesterday"}, "invalid-parameter"),
        (REPORT, {"format": "xml"}, "invalid-parameter"),
        (REPORT, {"vendor_id": "acme"}, "invalid-parameter"),
        (BREACHES, {"approver_id": "42"}, "invalid-parameter"),
        (BREACHES, {"limit": 0}, "invalid-parameter"),
        (BREACHES, {"limit": 201}, "invalid-parameter"),
        (BREACHES, {"cursor": "not-a-cursor"}, "invalid-cursor"),
    ],
)
async def test_bad_parameters_are_400_problems(
    client: httpx.AsyncClient,
    factory: Factory,
    path: str,
    params: Json,
    type_suffix: str,
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)

    response = await client.get(path, params=params, headers=ops)

    body = assert_problem(response, 400, type_suffix)
    assert "Traceback" not in response.text
    if type_suffix == "invalid-parameter":
        # By the name the client sent, though `from` and `to` are `start` and `end` in Python.
        assert [error["parameter"] for error in body["errors"]] == list(params), body


# --- who sees what -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.channel_ops, Role.platform_admin])
async def test_the_platform_sees_every_vendor(
    client: httpx.AsyncClient, factory: Factory, scenario: Scenario, role: Role
) -> None:
    platform = await factory.platform()
    headers = await factory.headers_for(platform, role)
    vendor, other = scenario.vendor.vendor, scenario.other.vendor

    report = await get_report(client, headers, **MARCH)

    assert by_group_id(report) == {
        str(vendor.id): row(
            "vendor", vendor.id, vendor.name, 8, 5, 16.0, 32.0, 0.6, 1, 2, wall=(48.0, 121.6)
        ),
        str(other.id): row(
            "vendor", other.id, other.name, 1, 1, 4.0, 4.0, 1.0, 0, 0, wall=(6.0, 6.0)
        ),
    }
    named = await get_report(client, headers, vendor_id=str(other.id), **MARCH)
    assert [r["group_id"] for r in named["rows"]] == [str(other.id)]


@pytest.mark.parametrize("role", [Role.vendor_admin, Role.channel_ops])
async def test_a_vendors_staff_see_their_own_vendor_only(
    client: httpx.AsyncClient, factory: Factory, scenario: Scenario, role: Role
) -> None:
    other = scenario.other.vendor
    headers = await factory.headers_for(other, role)

    unnamed = await get_report(client, headers, **MARCH)
    named = await get_report(client, headers, vendor_id=str(other.id), **MARCH)

    expected = [row("vendor", other.id, other.name, 1, 1, 4.0, 4.0, 1.0, 0, 0, wall=(6.0, 6.0))]
    assert unnamed["rows"] == named["rows"] == expected
    # The scenario vendor's breach is not theirs.
    assert (await get_breaches(client, headers, **MARCH))["items"] == []


@pytest.mark.parametrize("role", [Role.vendor_admin, Role.channel_ops])
@pytest.mark.parametrize("path", [REPORT, BREACHES])
async def test_a_vendor_named_by_another_vendors_staff_is_not_found(
    client: httpx.AsyncClient, factory: Factory, scenario: Scenario, role: Role, path: str
) -> None:
    headers = await factory.headers_for(scenario.other.vendor, role)

    response = await client.get(
        path, params={"vendor_id": str(scenario.vendor.vendor.id), **MARCH}, headers=headers
    )

    assert_problem(response, 404, "not-found")


async def test_another_vendors_program_or_approver_shows_a_vendor_nothing(
    client: httpx.AsyncClient, factory: Factory, scenario: Scenario
) -> None:
    headers = await factory.headers_for(scenario.other.vendor, Role.vendor_admin)

    by_program = await get_report(
        client, headers, program_id=str(scenario.vendor.program.id), **MARCH
    )
    by_approver = await get_breaches(client, headers, approver_id=str(scenario.alice.id), **MARCH)

    assert by_program["rows"] == []
    assert by_approver["items"] == []


@pytest.mark.parametrize(
    "role", [Role.partner_rep, Role.partner_admin, Role.vendor_approver, Role.vendor_system]
)
@pytest.mark.parametrize("path", [REPORT, BREACHES])
async def test_roles_without_the_reports_scope_are_refused(
    client: httpx.AsyncClient, factory: Factory, scenario: Scenario, role: Role, path: str
) -> None:
    org: Organization = (
        scenario.partner.partner if role.value.startswith("partner") else scenario.vendor.vendor
    )
    headers = await factory.headers_for(org, role)

    response = await client.get(path, params=MARCH, headers=headers)

    assert_problem(response, 403, "forbidden")


@pytest.mark.parametrize("path", [REPORT, BREACHES])
async def test_without_a_token_the_reports_are_401(client: httpx.AsyncClient, path: str) -> None:
    assert_problem(await client.get(path, params=MARCH), 401, "unauthenticated")


# --- the breach list ---------------------------------------------------------------------------


async def test_a_breach_names_its_registration_due_and_breach_instants_and_action(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    page = await get_breaches(client, scenario.admin, **MARCH)

    (item,) = page["items"]
    assert page["next_cursor"] is None
    assert sorted(item) == sorted(BREACH_FIELDS)
    rid = scenario.ids["breach"]
    detail = await client.get(f"{REGISTRATIONS}/{rid}", headers=scenario.admin)
    assert detail.status_code == 200, detail.text
    plain = {
        key: item[key]
        for key in BREACH_FIELDS
        if not key.endswith("_at") and key not in ("id", "hours_overdue")
    }
    assert plain == {
        "registration_id": rid,
        "number": detail.json()["number"],
        "customer_name": detail.json()["customer_name"],
        "vendor_id": str(scenario.vendor.vendor.id),
        "vendor_name": scenario.vendor.vendor.name,
        "partner_id": str(scenario.partner.partner.id),
        "partner_name": scenario.partner.partner.name,
        "program_id": str(scenario.vendor.program.id),
        "program_name": scenario.vendor.program.name,
        "approver_id": str(scenario.alice.id),
        "approver_name": "Alice Approver",
        "action": "none",
        "status": "in_review",
    }
    assert when(item["submitted_at"]) == MONDAY
    assert when(item["due_at"]) == when(item["breached_at"]) == BREACH_AT
    # Open: overdue until now, in wall-clock hours.
    overdue = (datetime.now(UTC) - BREACH_AT) / timedelta(hours=1)
    # Rounded to the hundredth.
    assert overdue - 1 < item["hours_overdue"] <= overdue + 0.01


@dataclass
class Breached:
    ops: Headers
    first: str
    tied: list[str]
    outside: str


@pytest.fixture
async def breached(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Breached:
    """Four breaches: one submitted in February (outside MARCH); one breached by the sweep of
    Friday 03-07 10:00; two by a sweep on 03-20, at the same instant (ordered by breach id)."""
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)
    outside, first, tied_a, tied_b = [await register(client, partner, vendor) for _ in range(4)]
    await started_at(db, outside, new_york(24, 10, month=2))
    await started_at(db, first, MONDAY)
    await started_at(db, tied_a, new_york(4, 10))
    await started_at(db, tied_b, new_york(4, 11))
    await sweep(db, BREACH_AT)
    await sweep(db, new_york(20, 10))
    breach_ids = {
        str(registration_id): str(breach_id)
        for breach_id, registration_id in await db.execute(
            select(SlaBreach.id, SlaBreach.registration_id).where(
                SlaBreach.vendor_id == vendor.vendor.id
            )
        )
    }
    assert len(breach_ids) == 4
    tied = sorted([breach_ids[tied_a], breach_ids[tied_b]], key=uuid.UUID)
    return Breached(ops, breach_ids[first], tied, breach_ids[outside])


async def test_breaches_come_in_breach_order_then_by_id(
    client: httpx.AsyncClient, breached: Breached
) -> None:
    page = await get_breaches(client, breached.ops, **MARCH)

    assert [item["id"] for item in page["items"]] == [breached.first, *breached.tied]
    assert page["next_cursor"] is None
    instants = [when(item["breached_at"]) for item in page["items"]]
    assert instants == [BREACH_AT, new_york(20, 10), new_york(20, 10)]


@pytest.mark.parametrize(
    ("limit", "pages"), [(1, [[0], [1], [2]]), (2, [[0, 1], [2]]), (3, [[0, 1, 2]])]
)
async def test_breach_pages_follow_the_cursor_through_ties_without_gaps_or_repeats(
    client: httpx.AsyncClient, breached: Breached, limit: int, pages: list[list[int]]
) -> None:
    ordered = [breached.first, *breached.tied]

    got = await all_pages(client, breached.ops, limit, **MARCH)

    assert got == [[ordered[i] for i in page] for page in pages]


async def test_the_breach_list_covers_registrations_submitted_in_the_range(
    client: httpx.AsyncClient, breached: Breached
) -> None:
    february = await get_breaches(
        client, breached.ops, **{"from": "2025-02-01", "to": "2025-02-28"}
    )
    both = await get_breaches(client, breached.ops, **{"from": "2025-02-01", "to": "2025-03-31"})

    assert [item["id"] for item in february["items"]] == [breached.outside]
    assert {item["id"] for item in both["items"]} == {
        breached.outside,
        breached.first,
        *breached.tied,
    }


@pytest.mark.parametrize("ask", ["format", "accept"])
async def test_breaches_as_csv_have_a_header_and_one_line_per_breach_in_the_same_order(
    client: httpx.AsyncClient, breached: Breached, ask: str
) -> None:
    json_items = (await get_breaches(client, breached.ops, **MARCH))["items"]
    params: Json = {**MARCH, "limit": 1}
    headers = dict(breached.ops)
    if ask == "format":
        params["format"] = "csv"
    else:
        headers["Accept"] = "text/csv"

    response = await client.get(BREACHES, params=params, headers=headers)

    header, *lines = csv_rows(response)
    assert header == BREACH_FIELDS
    assert "sla-breaches.csv" in response.headers["content-disposition"]
    # No paging in a file: every breach of the range, whatever `limit` says.
    assert [dict(zip(header, cells, strict=True))["id"] for cells in lines] == [
        item["id"] for item in json_items
    ]
    for cells, item in zip(lines, json_items, strict=True):
        as_csv = dict(zip(header, cells, strict=True))
        for key in ("registration_id", "number", "vendor_id", "program_id", "action", "status"):
            assert as_csv[key] == item[key]
        assert when(as_csv["breached_at"]) == when(item["breached_at"])
        assert as_csv["approver_id"] == ""  # nobody was assigned: an empty cell


async def test_an_empty_breach_list_as_csv_is_the_header_alone(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)

    response = await client.get(
        BREACHES, params={"from": "2001-01-01", "to": "2001-01-31", "format": "csv"}, headers=ops
    )

    assert csv_rows(response) == [BREACH_FIELDS]


# --- the summary as CSV ------------------------------------------------------------------------


def _number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


@pytest.mark.parametrize("ask", ["format", "accept"])
async def test_the_summary_as_csv_holds_the_same_rows_and_numbers_as_json(
    client: httpx.AsyncClient, scenario: Scenario, ask: str
) -> None:
    report = await get_report(client, scenario.admin, group_by="approver", **MARCH)
    params: Json = {**MARCH, "group_by": "approver"}
    headers = dict(scenario.admin)
    if ask == "format":
        params["format"] = "csv"
    else:
        headers["Accept"] = "text/csv"

    response = await client.get(REPORT, params=params, headers=headers)

    header, *lines = csv_rows(response)
    assert header == SUMMARY_FIELDS
    assert "sla-approver.csv" in response.headers["content-disposition"]
    assert len(lines) == len(report["rows"]) == 4
    for cells, item in zip(lines, report["rows"], strict=True):
        as_csv = dict(zip(header, cells, strict=True))
        assert (as_csv["group"], as_csv["group_id"] or None, as_csv["label"]) == (
            item["group"],
            item["group_id"],
            item["label"],
        )
        for key in SUMMARY_FIELDS[3:]:
            assert _number(as_csv[key]) == item[key], key


async def test_format_json_wins_over_an_accept_header_asking_for_csv(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    response = await client.get(
        REPORT,
        params={**MARCH, "format": "json"},
        headers=scenario.admin | {"Accept": "text/csv"},
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["rows"][0]["submitted"] == 8


async def test_an_accept_header_preferring_json_over_csv_gets_json(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    """RFC 9110 quality values: CSV is acceptable here, JSON preferred."""
    response = await client.get(
        REPORT,
        params=MARCH,
        headers=scenario.admin | {"Accept": "application/json, text/csv;q=0.5"},
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]


async def test_a_report_of_an_empty_range_has_no_rows(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)
    empty = {"from": "2001-01-01", "to": "2001-01-31"}

    report = await get_report(client, ops, **empty)
    response = await client.get(REPORT, params={**empty, "format": "csv"}, headers=ops)

    assert report == {
        "start": "2001-01-01",
        "end": "2001-01-31",
        "group_by": "vendor",
        "rows": [],
        # 2001-01-01 is a Monday: five weeks, none with a decision.
        "within_target_by_week": [
            week(monday, 0, None)
            for monday in ("2001-01-01", "2001-01-08", "2001-01-15", "2001-01-22", "2001-01-29")
        ],
    }
    assert csv_rows(response) == [SUMMARY_FIELDS]


# --- the at-risk view ---------------------------------------------------------------------------

AT_RISK = "/v1/reports/sla/at-risk"


async def test_the_at_risk_view_lists_breached_then_at_risk_with_owner_and_overdue_hours(
    client: httpx.AsyncClient, scenario: Scenario, factory: Factory
) -> None:
    vendor = scenario.vendor.vendor
    vendor_ops = await factory.headers_for(vendor, Role.channel_ops)
    pages = {
        "platform ops": await client.get(
            AT_RISK, params={"vendor_id": str(vendor.id)}, headers=scenario.ops
        ),
        "vendor admin": await client.get(AT_RISK, headers=scenario.admin),
        "vendor ops": await client.get(AT_RISK, headers=vendor_ops),
    }

    breach, risk = scenario.ids["breach"], scenario.ids["risk"]
    for who, page in pages.items():
        assert page.status_code == 200, (who, page.text)
        assert [item["registration_id"] for item in page.json()["items"]] == [breach, risk], who
    first, second = pages["vendor admin"].json()["items"]
    assert (first["sla_state"], first["approver_name"], first["waiting_on_partner"]) == (
        "breached",
        "Alice Approver",
        False,
    )
    assert (second["sla_state"], second["approver_id"]) == ("at_risk", None)
    assert when(first["due_at"]) == BREACH_AT
    # At risk since its target: 16 business hours after Wednesday 10:00 is Friday 10:00.
    assert when(second["due_at"]) == new_york(7, 10)
    overdue = (datetime.now(UTC) - BREACH_AT) / timedelta(hours=1)
    # Rounded to the hundredth.
    assert overdue - 1 < first["hours_overdue"] <= overdue + 0.01
    assert first["link"] == f"/v1/registrations/{breach}"
    assert (first["vendor_name"], first["partner_name"]) == (
        vendor.name,
        scenario.partner.partner.name,
    )
    everyone = await client.get(AT_RISK, params={"limit": 200}, headers=scenario.ops)
    listed = [item["registration_id"] for item in everyone.json()["items"]]
    assert {breach, risk} <= set(listed)


async def test_the_at_risk_view_pages_and_comes_as_csv(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    page = await client.get(AT_RISK, params={"limit": 1}, headers=scenario.admin)
    rest = await client.get(
        AT_RISK, params={"cursor": page.json()["next_cursor"]}, headers=scenario.admin
    )
    assert [i["registration_id"] for i in page.json()["items"] + rest.json()["items"]] == [
        scenario.ids["breach"],
        scenario.ids["risk"],
    ]
    assert rest.json()["next_cursor"] is None

    csv = await client.get(AT_RISK, params={"format": "csv"}, headers=scenario.admin)
    header, *lines = csv_rows(csv)
    assert "sla-at-risk.csv" in csv.headers["content-disposition"]
    assert header[:2] == ["registration_id", "number"]
    assert [line[0] for line in lines] == [scenario.ids["breach"], scenario.ids["risk"]]


async def test_the_at_risk_view_is_the_vendors_own_and_not_the_partners(
    client: httpx.AsyncClient, scenario: Scenario, factory: Factory
) -> None:
    other_admin = await factory.headers_for(scenario.other.vendor, Role.vendor_admin)
    assert (await client.get(AT_RISK, headers=other_admin)).json()["items"] == []
    mine = {"vendor_id": str(scenario.vendor.vendor.id)}
    assert_problem(await client.get(AT_RISK, params=mine, headers=other_admin), 404)
    partner_admin = await factory.headers_for(scenario.partner.partner, Role.partner_admin)
    assert_problem(await client.get(AT_RISK, headers=partner_admin), 403)
    approver = await factory.headers_for(scenario.vendor.vendor, Role.vendor_approver)
    assert_problem(await client.get(AT_RISK, headers=approver), 403)


# --- reports over more than a quarter -----------------------------------------------------------

# 2025-01-01 is a Wednesday and 2025-06-30 a Monday: whole weeks from 01-06 to 06-29 read the
# rollups, the days before and after the clocks. 2025-03-05 is a Wednesday: W10's first two days
# (d2 and d10, submitted on them) are out, its other days are an edge.
LONG_RANGES = [
    ({"from": "2025-01-01", "to": "2025-06-30"}, MARCH),
    ({"from": "2025-03-05", "to": "2025-06-30"}, {"from": "2025-03-05", "to": "2025-03-31"}),
]
APPROXIMATE = {"approximate": True, "max_relative_error": 0.01, "max_error_minutes": 15.0}
PERCENTILES = [
    "median_hours_to_decision",
    "p90_hours_to_decision",
    "median_wall_clock_hours_to_decision",
    "p90_wall_clock_hours_to_decision",
]


def within_stated_error(long: float | None, exact: float | None) -> bool:
    """Both rounded to hundredths of an hour, hence the 0.01 beside the stated bound."""
    if exact is None or long is None:
        return long is exact
    return abs(long - exact) <= max(0.01 * exact, 0.25) + 0.01


def assert_same_but_percentiles(approximate: list[Json], exact: list[Json]) -> None:
    """The same rows and counts, the percentiles within the stated error."""
    assert [r["label"] for r in approximate] == [r["label"] for r in exact]
    for got, want in zip(approximate, exact, strict=True):
        assert {k: v for k, v in got.items() if k not in PERCENTILES} == {
            k: v for k, v in want.items() if k not in PERCENTILES
        }
        for name in PERCENTILES:
            assert within_stated_error(got[name], want[name]), (name, got[name], want[name])


@pytest.mark.parametrize("folded", [False, True], ids=["pending", "folded"])
@pytest.mark.parametrize(("long", "short"), LONG_RANGES, ids=["whole-weeks", "edges"])
@pytest.mark.parametrize("group_by", ["vendor", "program", "approver", "assignee", "week"])
async def test_over_more_than_a_quarter_counts_are_exact_and_percentiles_within_the_stated_error(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scenario: Scenario,
    group_by: str,
    long: Json,
    short: Json,
    folded: bool,
) -> None:
    """The scenario's registrations all fall in March: over a half year the figures are those of
    the exact report over March (or its part in the range), read from the rollups, pending
    changes added or folded into the cells."""
    if folded:
        await rollups.fold(db)
        await db.flush()
    params = {"vendor_id": str(scenario.vendor.vendor.id), "group_by": group_by}

    exact = await get_report(client, scenario.ops, **params, **short)
    approximate = await get_report(client, scenario.ops, **params, **long)

    assert "percentile_error" not in exact
    assert approximate["percentile_error"] == APPROXIMATE
    assert_same_but_percentiles(approximate["rows"], exact["rows"])
    weeks = {w["week"]: w for w in approximate["within_target_by_week"]}
    assert all(weeks[w["week"]] == w for w in exact["within_target_by_week"][1:])


@pytest.mark.parametrize(("long", "short"), LONG_RANGES, ids=["whole-months", "edges"])
async def test_over_more_than_a_quarter_by_partner_across_vendors_the_partners_cells_answer(
    client: httpx.AsyncClient, db: AsyncSession, scenario: Scenario, long: Json, short: Json
) -> None:
    """The partners' cells are monthly: from 2025-01-01 March is a whole month of them, from
    2025-03-05 an edge read from the clocks."""
    await rollups.fold(db)
    await db.flush()

    exact = await get_report(client, scenario.ops, group_by="partner", **short)
    approximate = await get_report(client, scenario.ops, group_by="partner", **long)

    assert approximate["percentile_error"] == APPROXIMATE
    assert_same_but_percentiles(approximate["rows"], exact["rows"])


async def test_over_more_than_a_quarter_by_partner_for_one_vendor_the_report_stays_exact(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    params = {"vendor_id": str(scenario.vendor.vendor.id), "group_by": "partner"}

    exact = await get_report(client, scenario.ops, **params, **MARCH)
    long = await get_report(client, scenario.ops, **params, **LONG_RANGES[0][0])

    assert "percentile_error" not in long
    assert long["rows"] == exact["rows"]


async def test_a_quarter_of_92_days_is_exact_and_93_days_are_not(
    client: httpx.AsyncClient, scenario: Scenario
) -> None:
    quarter = await get_report(client, scenario.ops, **{"from": "2025-01-01", "to": "2025-04-02"})
    longer = await get_report(client, scenario.ops, **{"from": "2025-01-01", "to": "2025-04-03"})

    assert "percentile_error" not in quarter
    assert longer["percentile_error"] == APPROXIMATE
    assert_same_but_percentiles(longer["rows"], quarter["rows"])
