"""Size segments and coverage (issue #23): partners' size facts, a vendor's segment thresholds
and coverage motions, the partnership's named owner, and call tasks routed by them: to the named
owner of a partner whose segment is covered by one, else to the channel team's queue."""

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.coverage import Coverage, Motion, SegmentThreshold, SizeSegment
from dealreg.orgs.models import Organization, Partnership, RevenueBand, Role, User
from tests.engagement.helpers import Scene, cross, make_scene
from tests.factories import Factory
from tests.problems import assert_problem, if_match

COVERAGE = "/v1/vendors/{}/partner-coverage"
REPORT = "/v1/reports/partners"


@pytest.mark.parametrize(
    ("employees", "band", "expected"),
    [
        (None, None, SizeSegment.long_tail),
        (99, RevenueBand.from_1m_to_10m, SizeSegment.long_tail),
        (100, None, SizeSegment.growth),
        (5, RevenueBand.from_10m_to_50m, SizeSegment.growth),
        (999, RevenueBand.from_50m_to_250m, SizeSegment.growth),
        (1000, None, SizeSegment.strategic),
        (None, RevenueBand.over_1b, SizeSegment.strategic),
    ],
)
def test_a_partner_meeting_either_minimum_is_in_the_segment(
    employees: int | None, band: RevenueBand | None, expected: SizeSegment
) -> None:
    assert Coverage().segment_of(employees, band) is expected


def test_a_null_minimum_is_never_met() -> None:
    coverage = Coverage(
        strategic=SegmentThreshold(min_revenue_band=RevenueBand.over_1b, motion=Motion.named_owner),
        growth=SegmentThreshold(min_employees=10, motion=Motion.inside_team),
    )
    assert coverage.segment_of(1_000_000, None) is SizeSegment.growth
    assert coverage.segment_of(None, RevenueBand.from_250m_to_1b) is SizeSegment.long_tail


async def _partner_of_size(
    db: AsyncSession, scene: Scene, employees: int | None, owner: User | None
) -> None:
    await db.execute(
        update(Organization).where(Organization.id == scene.partner.id).values(employees=employees)
    )
    await db.execute(
        update(Partnership)
        .where(Partnership.partner_id == scene.partner.id)
        .values(owner_id=owner.id if owner else None)
    )
    await db.flush()


async def test_a_strategic_partners_task_goes_to_its_named_owner(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await make_scene(factory)
    await _partner_of_size(db, scene, 5000, scene.approver)

    task = await cross(client, scene)

    assert task["owner_id"] == str(scene.approver.id)
    mine = await client.get(
        "/v1/call-tasks", params={"owner": "me"}, headers=scene.approver_headers
    )
    assert [t["id"] for t in mine.json()["items"]] == [task["id"]]


@pytest.mark.parametrize(
    ("employees", "owner_active"),
    [
        (200, True),  # growth: the inside team
        (None, True),  # long tail: digital, so the inside team takes the call
        (5000, False),  # strategic, but its owner is disabled
    ],
)
async def test_every_other_task_goes_to_the_channel_teams_queue(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    employees: int | None,
    owner_active: bool,
) -> None:
    scene = await make_scene(factory)
    await _partner_of_size(db, scene, employees, scene.approver)
    scene.approver.active = owner_active
    await db.flush()

    task = await cross(client, scene)

    assert task["owner_id"] is None


async def test_a_vendor_sets_its_segments_and_motions_with_if_match(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await make_scene(factory)
    url = COVERAGE.format(scene.vendor.id)
    defaults = await client.get(url, headers=scene.approver_headers)
    assert defaults.status_code == 200, defaults.text
    assert (defaults.json()["stored"], defaults.json()["long_tail_motion"]) == (False, "digital")
    assert defaults.json()["strategic"] == {
        "min_employees": 1000,
        "min_revenue_band": "250m_1b",
        "motion": "named_owner",
    }
    body = {
        "strategic": {"min_employees": 50, "motion": "named_owner"},
        "growth": {"min_employees": 10, "motion": "named_owner"},
        "long_tail_motion": "inside_team",
    }

    assert_problem(await client.put(url, json=body, headers=scene.approver_headers), 403)
    created = await client.put(url, json=body, headers=scene.admin_headers)
    assert created.status_code == 200, created.text
    assert (created.json()["stored"], created.json()["version"]) == (True, 1)
    assert_problem(await client.put(url, json=body, headers=scene.admin_headers), 428)
    stale = scene.admin_headers | if_match(2)
    assert_problem(await client.put(url, json=body, headers=stale), 412)
    upside_down = body | {"growth": {"min_employees": 100, "motion": "inside_team"}}
    refused = await client.put(url, json=upside_down, headers=scene.admin_headers | if_match(1))
    assert_problem(refused, 422, pointer="/growth/min_employees")

    # Growth is covered by a named owner now: a 20-person partner's task goes to its owner.
    await _partner_of_size(db, scene, 20, scene.approver)
    task = await cross(client, scene)
    assert task["owner_id"] == str(scene.approver.id)

    other = await make_scene(factory)
    assert_problem(await client.get(url, headers=other.admin_headers), 404)
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    assert_problem(await client.get(url, headers=partner_admin), 403)


async def test_size_facts_are_a_partners_and_set_by_the_platform(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    scene = await make_scene(factory)
    platform = await factory.headers_for(await factory.platform(), Role.platform_admin)
    url = f"/v1/organizations/{scene.partner.id}"
    current = (await client.get(url, headers=platform)).json()
    assert (current["employees"], current["annual_revenue_band"]) == (None, None)

    sized = await client.patch(
        url,
        json={"employees": 250, "annual_revenue_band": "10m_50m"},
        headers=platform | if_match(current["version"]),
    )
    assert sized.status_code == 200, sized.text
    assert (sized.json()["employees"], sized.json()["annual_revenue_band"]) == (250, "10m_50m")

    vendor_url = f"/v1/organizations/{scene.vendor.id}"
    vendor = (await client.get(vendor_url, headers=platform)).json()
    refused = await client.patch(
        vendor_url, json={"employees": 10}, headers=platform | if_match(vendor["version"])
    )
    assert_problem(refused, 422, pointer="/employees")
    bad_band = await client.patch(
        url, json={"annual_revenue_band": "huge"}, headers=platform | if_match(2)
    )
    assert_problem(bad_band, 422, pointer="/annual_revenue_band")


async def test_a_size_fact_is_cleared_by_null_and_kept_when_left_out(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    scene = await make_scene(factory)
    platform = await factory.headers_for(await factory.platform(), Role.platform_admin)
    url = f"/v1/organizations/{scene.partner.id}"
    sized = await client.patch(
        url,
        json={"employees": 250, "annual_revenue_band": "10m_50m"},
        headers=platform | if_match((await client.get(url, headers=platform)).json()["version"]),
    )
    version = sized.json()["version"]

    # A stale version clears nothing.
    stale = await client.patch(url, json={"employees": None}, headers=platform | if_match(1))
    assert_problem(stale, 412)
    assert (await client.get(url, headers=platform)).json()["employees"] == 250
    # A renaming leaves both facts as they are.
    renamed = await client.patch(
        url, json={"name": "Renamed Partner"}, headers=platform | if_match(version)
    )
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["employees"], renamed.json()["annual_revenue_band"]) == (250, "10m_50m")
    cleared = await client.patch(
        url, json={"employees": None}, headers=platform | if_match(renamed.json()["version"])
    )
    assert cleared.status_code == 200, cleared.text
    assert (cleared.json()["employees"], cleared.json()["annual_revenue_band"]) == (None, "10m_50m")
    both = await client.patch(
        url,
        json={"annual_revenue_band": None},
        headers=platform | if_match(cleared.json()["version"]),
    )
    assert (both.json()["employees"], both.json()["annual_revenue_band"]) == (None, None)
    # Only the platform sets them, null or not.
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    refused = await client.patch(
        url, json={"employees": None}, headers=partner_admin | if_match(both.json()["version"])
    )
    assert_problem(refused, 403)
    # A vendor has no size facts: clearing one is no change.
    vendor_url = f"/v1/organizations/{scene.vendor.id}"
    vendor = (await client.get(vendor_url, headers=platform)).json()
    unchanged = await client.patch(
        vendor_url, json={"employees": None}, headers=platform | if_match(vendor["version"])
    )
    assert unchanged.status_code == 200, unchanged.text
    assert unchanged.json()["employees"] is None


async def test_a_partnerships_owner_is_one_of_the_vendors_channel_team(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    scene = await make_scene(factory)
    (partnership,) = (await client.get("/v1/partnerships", headers=scene.admin_headers)).json()[
        "items"
    ]
    url = f"/v1/partnerships/{partnership['id']}"
    system = await factory.user(scene.vendor, Role.vendor_system)
    partner_rep = await factory.user(scene.partner, Role.partner_rep)
    for wrong in (system, partner_rep):
        refused = await client.patch(
            url,
            json={"owner_id": str(wrong.id)},
            headers=scene.admin_headers | if_match(partnership["version"]),
        )
        assert_problem(refused, 422, pointer="/owner_id")

    named = await client.patch(
        url,
        json={"owner_id": str(scene.approver.id)},
        headers=scene.admin_headers | if_match(partnership["version"]),
    )
    assert named.status_code == 200, named.text
    assert named.json()["owner_id"] == str(scene.approver.id)
    # The partner does not learn which of the vendor's people owns it.
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    seen = await client.get(url, headers=partner_admin)
    assert seen.json()["owner_id"] is None

    # The partner report by owner and by size.
    mine = await client.get(
        REPORT, params={"owner_id": str(scene.approver.id)}, headers=scene.admin_headers
    )
    assert [row["partner_id"] for row in mine.json()["rows"]] == [str(scene.partner.id)]
    assert mine.json()["rows"][0]["size_segment"] == "long_tail"
    strategic = await client.get(REPORT, params={"size": "strategic"}, headers=scene.admin_headers)
    assert strategic.json()["rows"] == []
    cleared = await client.patch(
        url,
        json={"owner_id": None},
        headers=scene.admin_headers | if_match(named.json()["version"]),
    )
    assert cleared.json()["owner_id"] is None
