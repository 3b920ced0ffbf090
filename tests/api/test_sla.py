"""`/v1/vendors/{id}/sla-policy` and `/v1/registrations/{id}/sla`: a vendor reads the SLA in
force (the defaults until its admin sets one), only its admin (or a platform admin) sets it,
against its ETag when one is given; a program may override its vendor's; an invalid policy is a
422 naming the field and writes nothing. A registration's clock is read by both sides of it, and
by nobody else."""

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.business_time import BusinessCalendar
from dealreg.db import make_sessionmaker
from dealreg.orgs.models import Organization, Program, Role
from dealreg.sla.models import SlaPolicy
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

Headers = dict[str, str]
Json = dict[str, Any]

OFFICE = [{"start": "09:00", "end": "17:00"}]
DEFAULT_WEEK: Json = {
    "monday": OFFICE,
    "tuesday": OFFICE,
    "wednesday": OFFICE,
    "thursday": OFFICE,
    "friday": OFFICE,
    "saturday": [],
    "sunday": [],
}
NO_WEEK: Json = {day: [] for day in DEFAULT_WEEK}
# A policy using every field: a lunch break, a Saturday morning, New York State's holidays.
FULL: Json = {
    "working_hours": DEFAULT_WEEK
    | {
        "monday": [{"start": "08:30", "end": "12:00"}, {"start": "13:00", "end": "17:30"}],
        "saturday": [{"start": "10:00", "end": "14:00"}],
    },
    "closed_dates": ["2026-12-24", "2026-12-31"],
    "holiday_country": "US",
    "holiday_subdivision": "NY",
    "target_days": 1.5,
    "hard_limit_days": 3,
    "breach_action": "escalate",
    "escalation_email": "escalations@vendor.example",
}
QUESTION = {"question": "Who holds the customer's budget?"}


def shift(start: str, end: str = "17:00") -> Json:
    return {"start": start, "end": end}


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    admin: Headers


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    return Scene(vendor, partner, await factory.headers_for(vendor.vendor, Role.vendor_admin))


def policy_url(vendor: Organization) -> str:
    return f"/v1/vendors/{vendor.id}/sla-policy"


def of(program: Program) -> dict[str, str]:
    return {"program_id": str(program.id)}


async def policies(db: AsyncSession) -> int:
    return await count_rows(db, SlaPolicy)


async def read_policy(
    client: httpx.AsyncClient, scene: Scene, params: dict[str, str] | None = None
) -> httpx.Response:
    response = await client.get(
        policy_url(scene.vendor.vendor), params=params or {}, headers=scene.admin
    )
    assert response.status_code == 200, response.text
    return response


async def register(client: httpx.AsyncClient, scene: Scene) -> str:
    deal = await submit(client, scene.partner.rep, deal_body(line(scene.vendor)))
    (registration,) = deal["registrations"]
    return str(registration["id"])


def sla_url(registration_id: str) -> str:
    return f"{REGISTRATIONS}/{registration_id}/sla"


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- reading the policy ------------------------------------------------------------------------


async def test_a_vendor_without_a_policy_reads_the_defaults_with_its_countrys_holidays(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(policy_url(scene.vendor.vendor), headers=scene.vendor.approver)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"0"'
    assert response.json() == {
        "vendor_id": str(scene.vendor.vendor.id),
        "program_id": None,
        "stored": False,
        "version": 0,
        "working_hours": DEFAULT_WEEK,
        "closed_dates": [],
        "holiday_country": "US",
        "holiday_subdivision": None,
        "target_days": 2.0,
        "hard_limit_days": 4.0,
        "breach_action": "none",
        "escalation_email": None,
    }


async def test_a_vendor_abroad_defaults_to_its_own_countrys_holidays(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await factory.vendor(country="DE", timezone="Europe/Berlin")
    admin = await factory.headers_for(vendor, Role.vendor_admin)

    response = await client.get(policy_url(vendor), headers=admin)

    assert response.status_code == 200, response.text
    assert response.json()["holiday_country"] == "DE"


async def test_channel_ops_read_any_vendors_policy_but_not_a_partners(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    assert (await client.get(policy_url(scene.vendor.vendor), headers=ops)).status_code == 200
    assert_problem(await client.get(policy_url(scene.partner.partner), headers=ops), 404)
    unknown = f"/v1/vendors/{uuid.uuid4()}/sla-policy"
    assert_problem(await client.get(unknown, headers=ops), 404)


async def test_nobody_outside_the_vendor_reads_its_policy(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    """An enrolled partner included: the policy names the vendor's internal escalation
    contact; a partner follows its own registrations' clocks instead."""
    other_vendor = await vendor_setup(factory)
    strangers = [
        other_vendor.approver,
        await factory.headers_for(other_vendor.vendor, Role.vendor_admin),
        scene.partner.rep,
        scene.partner.admin,
    ]
    for headers in strangers:
        response = await client.get(policy_url(scene.vendor.vendor), headers=headers)
        assert_problem(response, 404)


async def test_a_current_copy_of_the_policy_is_not_sent_again(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    await client.put(policy_url(scene.vendor.vendor), json=FULL, headers=scene.admin)

    response = await client.get(
        policy_url(scene.vendor.vendor), headers=scene.admin | {"If-None-Match": '"1"'}
    )

    assert response.status_code == 304
    assert response.headers["etag"] == '"1"'


# --- setting the policy ------------------------------------------------------------------------


async def test_the_vendor_admin_creates_the_policy_and_reads_it_back(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    response = await client.put(policy_url(scene.vendor.vendor), json=FULL, headers=scene.admin)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"1"'
    body = response.json()
    assert (body["stored"], body["version"], body["program_id"]) == (True, 1, None)
    assert {key: body[key] for key in FULL} == FULL | {"target_days": 1.5, "hard_limit_days": 3.0}
    read = await read_policy(client, scene)
    assert read.headers["etag"] == '"1"'
    assert read.json() == body
    assert await policies(db) == 1


async def test_a_change_against_a_stale_etag_is_a_412_and_against_the_current_one_applies(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    url = policy_url(scene.vendor.vendor)
    assert (await client.put(url, json=FULL, headers=scene.admin)).status_code == 200
    changed = await client.put(
        url, json=FULL | {"hard_limit_days": 3.5}, headers=scene.admin | if_match(1)
    )
    assert (changed.status_code, changed.headers["etag"]) == (200, '"2"'), changed.text

    stale = await client.put(url, json=FULL | {"target_days": 1}, headers=scene.admin | if_match(1))

    assert_problem(stale, 412, "stale-version")
    assert stale.headers["etag"] == '"2"'
    assert (await read_policy(client, scene)).json()["target_days"] == 1.5

    current = await client.put(
        url, json=FULL | {"target_days": 1}, headers=scene.admin | if_match(2)
    )

    assert current.status_code == 200, current.text
    assert current.headers["etag"] == '"3"'
    assert (current.json()["version"], current.json()["target_days"]) == (3, 1.0)
    assert await policies(db) == 1


async def test_putting_the_same_policy_again_keeps_its_version(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    url = policy_url(scene.vendor.vendor)
    await client.put(url, json=FULL, headers=scene.admin)

    again = await client.put(url, json=FULL, headers=scene.admin | if_match(1))

    assert (again.status_code, again.headers["etag"]) == (200, '"1"'), again.text


async def test_an_if_match_on_create_must_name_the_version_of_nothing_stored(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    url = policy_url(scene.vendor.vendor)

    assert_problem(await client.put(url, json=FULL, headers=scene.admin | if_match(1)), 412)
    assert await policies(db) == 0

    created = await client.put(url, json=FULL, headers=scene.admin | if_match(0))
    assert created.status_code == 200, created.text
    assert created.headers["etag"] == '"1"'


async def test_fields_left_out_of_a_put_take_the_defaults(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    url = policy_url(scene.vendor.vendor)
    created = await client.put(url, json=FULL, headers=scene.admin)

    response = await client.put(
        url, json={"target_days": 3}, headers=scene.admin | {"If-Match": created.headers["etag"]}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["working_hours"] == DEFAULT_WEEK
    assert (body["target_days"], body["hard_limit_days"]) == (3.0, 4.0)
    # PUT replaces the policy: the holidays left out are none, not the country's.
    assert (body["holiday_country"], body["breach_action"]) == (None, "none")


async def test_changing_a_stored_policy_needs_if_match(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    url = policy_url(scene.vendor.vendor)
    assert (await client.put(url, json=FULL, headers=scene.admin)).status_code == 200

    response = await client.put(url, json={"target_days": 3}, headers=scene.admin)

    assert_problem(response, 428)
    assert (await read_policy(client, scene)).json()["target_days"] == FULL["target_days"]


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_system])
async def test_only_the_vendors_admin_sets_its_policy(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene, role: Role
) -> None:
    headers = await factory.headers_for(scene.vendor.vendor, role)

    response = await client.put(policy_url(scene.vendor.vendor), json=FULL, headers=headers)

    assert_problem(response, 403)
    assert await policies(db) == 0


async def test_a_platform_admin_sets_a_vendors_policy_and_channel_ops_may_not(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    platform = await factory.platform()
    ops = await factory.headers_for(platform, Role.channel_ops)
    admin = await factory.headers_for(platform, Role.platform_admin)
    url = policy_url(scene.vendor.vendor)

    assert_problem(await client.put(url, json=FULL, headers=ops), 403)
    assert await policies(db) == 0

    response = await client.put(url, json=FULL, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["vendor_id"] == str(scene.vendor.vendor.id)


async def test_another_vendors_admin_or_a_partner_cannot_set_the_policy(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    other_admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    url = policy_url(scene.vendor.vendor)

    assert_problem(await client.put(url, json=FULL, headers=other_admin), 404)
    assert_problem(await client.put(url, json=FULL, headers=scene.partner.admin), 403)
    assert await policies(db) == 0


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        (
            {"working_hours": DEFAULT_WEEK | {"monday": [shift("17:00", "09:00")]}},
            "/working_hours/monday/0",
        ),
        (
            {"working_hours": DEFAULT_WEEK | {"monday": [shift("09:00", "13:00"), shift("12:00")]}},
            "/working_hours/monday/1",
        ),
        ({"working_hours": NO_WEEK}, "/working_hours"),
        (
            {"working_hours": DEFAULT_WEEK | {"monday": [shift("25:00", "26:00")]}},
            "/working_hours/monday/0/start",
        ),
        (
            {"working_hours": DEFAULT_WEEK | {"friday": [shift("09:00", "9:30")]}},
            "/working_hours/friday/0/end",
        ),
        ({"target_days": 3, "hard_limit_days": 2}, "/hard_limit_days"),
        ({"target_days": 1.3}, "/target_days"),
        ({"target_days": 0}, "/target_days"),
        ({"hard_limit_days": 61}, "/hard_limit_days"),
        ({"holiday_country": "ZZ", "holiday_subdivision": None}, "/holiday_country"),
        ({"holiday_country": "us"}, "/holiday_country"),
        ({"holiday_country": "US", "holiday_subdivision": "XX"}, "/holiday_subdivision"),
        ({"holiday_country": None, "holiday_subdivision": "NY"}, "/holiday_subdivision"),
        ({"closed_dates": ["2026-02-30"]}, "/closed_dates/0"),
        ({"breach_action": "shrug"}, "/breach_action"),
        ({"escalation_email": "not an address"}, "/escalation_email"),
        ({"sla": "fast"}, "/sla"),
    ],
    ids=[
        "end-before-start",
        "overlapping-shifts",
        "no-working-time",
        "hour-25",
        "unpadded-hour",
        "hard-limit-before-target",
        "not-a-quarter-day",
        "zero-target",
        "over-sixty-days",
        "unknown-holiday-country",
        "lowercase-country",
        "unknown-subdivision",
        "subdivision-without-country",
        "impossible-date",
        "unknown-breach-action",
        "bad-email",
        "unknown-field",
    ],
)
async def test_an_invalid_policy_is_a_422_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    change: Json,
    pointer: str,
) -> None:
    response = await client.put(
        policy_url(scene.vendor.vendor), json=FULL | change, headers=scene.admin
    )

    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await policies(db) == 0


@pytest.mark.parametrize(
    ("monday", "pointer", "words"),
    [
        ([shift("17:00", "09:00")], "/working_hours/monday/0", ["17:00", "09:00"]),
        ([shift("09:00", "13:00"), shift("12:00")], "/working_hours/monday/1", ["12:00", "13:00"]),
    ],
    ids=["end-before-start", "overlapping-shifts"],
)
async def test_a_bad_shift_is_pointed_at_by_its_day_and_position_in_the_bodys_own_terms(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    monday: list[Json],
    pointer: str,
    words: list[str],
) -> None:
    """The body speaks of weekdays and HH:MM; so should the error (not of "day 0" and minutes
    after midnight), and the pointer should name the shift, as every other error's does."""
    body = FULL | {"working_hours": DEFAULT_WEEK | {"monday": monday}}

    response = await client.put(policy_url(scene.vendor.vendor), json=body, headers=scene.admin)

    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    (error,) = problem["errors"]
    assert all(word in error["detail"] for word in words), error
    assert await policies(db) == 0


async def test_an_unknown_holiday_country_is_pointed_at_even_when_a_subdivision_is_given(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    body = FULL | {"holiday_country": "ZZ", "holiday_subdivision": "NY"}

    response = await client.put(policy_url(scene.vendor.vendor), json=body, headers=scene.admin)

    assert_problem(response, 422, "validation-error", pointer="/holiday_country")
    assert await policies(db) == 0


async def test_escalating_a_breach_needs_someone_to_escalate_to(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """`escalate` with no escalation contact would send `sla.escalated` events to nobody."""
    body = FULL | {"breach_action": "escalate", "escalation_email": None}

    response = await client.put(policy_url(scene.vendor.vendor), json=body, headers=scene.admin)

    assert_problem(response, 422, "validation-error", pointer="/escalation_email")
    assert await policies(db) == 0


# --- a program's policy ------------------------------------------------------------------------


async def test_a_program_overrides_its_vendors_policy_and_the_others_keep_the_vendors(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    other = await factory.program(scene.vendor.vendor)
    url = policy_url(scene.vendor.vendor)
    assert (await client.put(url, json=FULL, headers=scene.admin)).status_code == 200

    response = await client.put(
        url,
        json={"target_days": 0.5, "hard_limit_days": 1},
        params=of(scene.vendor.program),
        headers=scene.admin,
    )

    assert response.status_code == 200, response.text
    # A program's own policy is tagged with even numbers (twice its version), what it inherits
    # with odd ones: switching from one to the other always changes the tag.
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert (body["program_id"], body["stored"], body["version"]) == (
        str(scene.vendor.program.id),
        True,
        2,
    )
    assert (body["target_days"], body["hard_limit_days"]) == (0.5, 1.0)
    program_read = await read_policy(client, scene, of(scene.vendor.program))
    assert program_read.json() == body
    vendor_read = (await read_policy(client, scene)).json()
    assert (vendor_read["target_days"], vendor_read["version"]) == (1.5, 1)
    inherited = (await read_policy(client, scene, of(other))).json()
    assert (inherited["program_id"], inherited["stored"]) == (str(other.id), False)
    assert {key: inherited[key] for key in FULL} == {key: vendor_read[key] for key in FULL}
    assert await policies(db) == 2


async def test_a_program_without_a_policy_of_its_own_is_not_cached_past_a_vendor_change(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    """What a program without its own policy reads is the vendor's; when the vendor's changes, a
    client holding the earlier ETag must get the new content, not a 304."""
    params = of(scene.vendor.program)
    first = await read_policy(client, scene, params)
    await client.put(policy_url(scene.vendor.vendor), json=FULL, headers=scene.admin)

    again = await client.get(
        policy_url(scene.vendor.vendor),
        params=params,
        headers=scene.admin | {"If-None-Match": first.headers["etag"]},
    )

    assert again.status_code == 200, again.headers
    assert again.json()["target_days"] == 1.5


async def test_a_program_of_another_vendor_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    """A platform admin sees every program: naming another vendor's is a 422 on the parameter.
    A vendor's admin cannot see other vendors' programs at all: a 404."""
    other = await vendor_setup(factory)
    platform_admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    url = policy_url(scene.vendor.vendor)
    params = of(other.program)

    refused = await client.put(url, json=FULL, params=params, headers=platform_admin)
    problem = assert_problem(refused, 422)
    assert [(e.get("parameter"), e.get("location")) for e in problem["errors"]] == [
        ("program_id", "query")
    ]
    assert_problem(await client.get(url, params=params, headers=platform_admin), 422)
    assert_problem(await client.put(url, json=FULL, params=params, headers=scene.admin), 404)
    assert_problem(await client.get(url, params=params, headers=scene.admin), 404)
    assert await policies(db) == 0


async def test_two_admins_creating_the_policy_at_once_do_not_both_win(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    vendor = await committed.vendor()
    admins = [await committed.headers_for(vendor, Role.vendor_admin) for _ in range(4)]
    await committed.db.commit()

    responses = await asyncio.gather(
        *(
            committing_client.put(
                policy_url(vendor),
                json=FULL | {"target_days": 1 + i / 4},
                headers=headers | if_match(0),
            )
            for i, headers in enumerate(admins)
        )
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses[0] == 200, [r.text for r in responses]
    assert set(statuses[1:]) <= {409, 412}, [r.text for r in responses]
    async with make_sessionmaker(committing_engine)() as session:
        assert await count_rows(session, SlaPolicy) == 1


# --- a registration's clock --------------------------------------------------------------------


async def test_both_sides_of_a_registration_read_its_clock(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    for headers in (
        scene.partner.rep,
        scene.partner.admin,
        scene.vendor.approver,
        scene.admin,
        ops,
    ):
        response = await client.get(sla_url(registration_id), headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["registration_id"] == registration_id


async def test_nobody_else_reads_a_registrations_clock(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    other_vendor = await vendor_setup(factory)
    rival = await partner_setup(factory, scene.vendor)
    colleague = await factory.user(scene.partner.partner, Role.partner_rep)
    colleague_headers = {
        "Authorization": f"Bearer {factory.token(colleague, scene.partner.partner)}"
    }

    for headers in (other_vendor.approver, rival.rep, rival.admin, colleague_headers):
        assert_problem(await client.get(sla_url(registration_id), headers=headers), 404)
    assert_problem(await client.get(sla_url(str(uuid.uuid4())), headers=scene.admin), 404)


async def test_the_clock_shows_its_state_targets_and_next_threshold(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    registration_id = await register(client, scene)

    clock = (await client.get(sla_url(registration_id), headers=scene.partner.rep)).json()

    calendar = BusinessCalendar.of("America/New_York", country="US")
    started = when(clock["started_at"])
    hour = 3600
    assert clock["state"] == "running"
    assert (clock["target_seconds"], clock["hard_limit_seconds"]) == (16 * hour, 32 * hour)
    assert clock["next_threshold"] == "reminder"
    assert when(clock["next_due_at"]) == calendar.add(started, timedelta(hours=8))
    assert when(clock["target_at"]) == calendar.add(started, timedelta(hours=16))
    assert when(clock["hard_limit_at"]) == calendar.add(started, timedelta(hours=32))
    assert 0 <= clock["elapsed_seconds"] <= 60
    assert (clock["paused"], clock["fired"], clock["stopped_at"]) == ([], [], None)


async def test_the_clock_shows_a_pause_while_the_partner_is_asked_and_closes_it_on_answer(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    before = datetime.now(UTC)
    asked = await client.post(
        f"{REGISTRATIONS}/{registration_id}/request-info",
        json=QUESTION,
        headers=scene.vendor.approver | if_match(1),
    )
    assert asked.status_code == 200, asked.text

    paused = (await client.get(sla_url(registration_id), headers=scene.partner.rep)).json()

    assert paused["state"] == "paused"
    ((start, end),) = [(p["start"], p["end"]) for p in paused["paused"]]
    assert end is None
    assert before <= when(start) <= datetime.now(UTC)
    assert (paused["next_due_at"], paused["target_at"], paused["hard_limit_at"]) == (
        None,
        None,
        None,
    )
    assert paused["next_threshold"] == "reminder"

    answered = await client.post(
        f"{REGISTRATIONS}/{registration_id}/resubmit",
        json={"reply": "The CFO."},
        headers=scene.partner.rep | if_match(2),
    )
    assert answered.status_code == 200, answered.text

    resumed = (await client.get(sla_url(registration_id), headers=scene.vendor.approver)).json()
    assert resumed["state"] == "running"
    ((again_start, closed_end),) = [(p["start"], p["end"]) for p in resumed["paused"]]
    assert when(again_start) == when(start)
    assert when(closed_end) >= when(start)
    assert resumed["next_due_at"] is not None


async def test_a_clock_unchanged_since_the_copy_is_not_sent_again_and_a_change_is(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    """The tag is weak: a running clock's elapsed seconds move on without changing it."""
    registration_id = await register(client, scene)
    first = await client.get(sla_url(registration_id), headers=scene.partner.rep)
    etag = first.headers["etag"]
    assert etag.startswith('W/"')

    again = await client.get(
        sla_url(registration_id), headers=scene.partner.rep | {"If-None-Match": etag}
    )
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)

    asked = await client.post(
        f"{REGISTRATIONS}/{registration_id}/request-info",
        json=QUESTION,
        headers=scene.vendor.approver | if_match(1),
    )
    assert asked.status_code == 200, asked.text
    changed = await client.get(
        sla_url(registration_id), headers=scene.partner.rep | {"If-None-Match": etag}
    )
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert changed.json()["summary_state"] == "paused"
    other = await client.get(
        sla_url(await register(client, scene)),
        headers=scene.partner.rep | {"If-None-Match": changed.headers["etag"]},
    )
    assert other.status_code == 200
