"""The threshold sweep with an injected clock: reminder (half the target), at_risk (the target)
and breached (the hard limit) fire once each and in order, whatever the sweeps; a clock paused
while the partner answers fires nothing and resumes from the business time it had run; a
decision or a withdrawal stops it for good; the breach actions (`escalate`, `auto_approve`) do
what they say; a policy applies to the clocks started after it. Then, committing for real:
concurrent sweeps share the due clocks and fire every threshold once, and a decision racing a
sweep never leaves a breach recorded after it.

Most clocks here are moved (through `db`) to a start on a known Monday, 2025-03-03 10:00 in New
York, before DST begins on March 9, so the due instants of the default policy (Monday to Friday
09:00-17:00, 2 and 4 business days) are worked out by hand below, not by the calendar under test.
"""

import asyncio
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg import business_time
from dealreg.business_time import BusinessCalendar
from dealreg.db import make_sessionmaker, transaction
from dealreg.events.models import Event
from dealreg.orgs.models import Role
from dealreg.registrations.models import Registration
from dealreg.sla import clocks, service
from dealreg.sla.models import (
    BreachAction,
    ClockState,
    SlaBreach,
    SlaClock,
    SlaFiring,
    Threshold,
)
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.scheduler import SCHEDULE
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
from tests.problems import count_rows, if_match

Headers = dict[str, str]
Json = dict[str, Any]

NEW_YORK = ZoneInfo("America/New_York")
US_CALENDAR = BusinessCalendar.of("America/New_York", country="US")
HOUR = timedelta(hours=1)
TICK = timedelta(microseconds=1)
# The default policy in business time: a business day is eight working hours.
REMINDER, TARGET, HARD_LIMIT = 8 * HOUR, 16 * HOUR, 32 * HOUR


def new_york(day: int, hour: int, minute: int = 0, *, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=NEW_YORK)


MONDAY = new_york(3, 10)
# 8 business hours on: Monday 10-17 (7 h), Tuesday 09-10 (1 h).
REMINDER_AT = new_york(4, 10)
# 16: the rest of Tuesday (7 h), Wednesday 09-10.
AT_RISK_AT = new_york(5, 10)
# 32: the rest of Wednesday (7 h), Thursday (8 h), Friday 09-10.
BREACH_AT = new_york(7, 10)
LATER = datetime(2031, 1, 1, tzinfo=UTC)
ESCALATIONS = "escalations@vendor.example"
SWEEP = "sla.sweep"
QUESTION = {"question": "Who holds the customer's budget?"}
REPLY = {"reply": "The CFO; it is signed off."}


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    admin: Headers
    approver_id: uuid.UUID
    approver: Headers


async def scene_of(factory: Factory, **vendor: Any) -> Scene:
    if vendor:
        org = await factory.vendor(**vendor)
        program = await factory.program(org)
        products = [await factory.product(program) for _ in range(2)]
        setup = VendorSetup(org, program, products)
    else:
        setup = await vendor_setup(factory)
    partner = await partner_setup(factory, setup)
    admin = await factory.headers_for(setup.vendor, Role.vendor_admin)
    approver = await factory.user(setup.vendor, Role.vendor_approver)
    headers = {"Authorization": f"Bearer {factory.token(approver, setup.vendor)}"}
    return Scene(setup, partner, admin, approver.id, headers)


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await scene_of(factory)


# --- helpers -----------------------------------------------------------------------------------


async def register(
    client: httpx.AsyncClient, scene: Scene, setup: VendorSetup | None = None
) -> str:
    """A one-line deal of the scene's rep with `setup` (the scene's vendor); its registration."""
    deal = await submit(client, scene.partner.rep, deal_body(line(setup or scene.vendor)))
    (registration,) = deal["registrations"]
    return str(registration["id"])


def url(registration_id: str, *rest: str) -> str:
    return "/".join([REGISTRATIONS, registration_id, *rest])


async def act(
    client: httpx.AsyncClient, headers: Headers, registration_id: str, action: str, body: Json
) -> Json:
    """`action` against the registration's current version; it must succeed."""
    current = await client.get(url(registration_id), headers=headers)
    assert current.status_code == 200, current.text
    response = await client.post(
        url(registration_id, action),
        json=body,
        headers=headers | if_match(current.json()["version"]),
    )
    assert response.status_code == 200, f"{action}: {response.text}"
    result: Json = response.json()
    return result


async def read(client: httpx.AsyncClient, headers: Headers, registration_id: str) -> Json:
    response = await client.get(url(registration_id), headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def sla_of(client: httpx.AsyncClient, headers: Headers, registration_id: str) -> Json:
    response = await client.get(url(registration_id, "sla"), headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def history_of(
    client: httpx.AsyncClient, headers: Headers, registration_id: str
) -> list[Json]:
    response = await client.get(url(registration_id, "history"), headers=headers)
    assert response.status_code == 200, response.text
    items: list[Json] = response.json()["items"]
    return items


def when(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value)


def _forget(db: AsyncSession) -> None:
    """Drop `db`'s copies of clocks and registrations: the app's requests change them in sessions
    of their own, and the sweep (run in `db`) must work on what the database holds now."""
    for row in list(db.identity_map.values()):
        if isinstance(row, SlaClock | Registration):
            db.expunge(row)


async def clock_of(db: AsyncSession, registration_id: str) -> SlaClock:
    await db.flush()
    _forget(db)
    return await db.get_one(SlaClock, uuid.UUID(registration_id))


async def start_at(db: AsyncSession, registration_id: str, started: datetime) -> SlaClock:
    """The registration's clock, as if it had started at `started` and run ever since."""
    clock = await clock_of(db, registration_id)
    assert clock.state is ClockState.running
    assert clock.next_threshold is Threshold.reminder
    clock.started_at = clock.running_since = started
    clock.elapsed_us = 0
    clocks.schedule(clock, clocks.calendar_of(clock))
    await db.flush()
    return clock


async def sweep(db: AsyncSession, now: datetime) -> int:
    await db.flush()
    _forget(db)
    fired = await service.sweep(db, now=now)
    await db.flush()
    return fired


async def firings_of(db: AsyncSession, registration_id: str) -> list[tuple[Threshold, datetime]]:
    """The thresholds fired for the registration with their due instants, in firing order."""
    stmt = (
        select(SlaFiring)
        .where(SlaFiring.registration_id == uuid.UUID(registration_id))
        .order_by(SlaFiring.due_at, SlaFiring.fired_at)
    )
    return [(f.threshold, f.due_at) for f in await db.scalars(stmt)]


async def sla_events(db: AsyncSession, registration_id: str) -> list[Event]:
    stmt = (
        select(Event)
        .where(Event.subject_id == uuid.UUID(registration_id), Event.type.startswith("sla."))
        .order_by(Event.created_at, Event.id)
    )
    return list((await db.scalars(stmt)).all())


async def breaches(db: AsyncSession, registration_id: str) -> list[SlaBreach]:
    stmt = select(SlaBreach).where(SlaBreach.registration_id == uuid.UUID(registration_id))
    return list((await db.scalars(stmt)).all())


async def put_policy(
    client: httpx.AsyncClient, scene: Scene, body: Json, *, program_id: uuid.UUID | None = None
) -> Json:
    params = {"program_id": str(program_id)} if program_id else {}
    response = await client.put(
        f"/v1/vendors/{scene.vendor.vendor.id}/sla-policy",
        json=body,
        params=params,
        headers=scene.admin,
    )
    assert response.status_code == 200, response.text
    result: Json = response.json()
    return result


# --- the schedule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "reminder"),
    [
        # Friday 16-17 (1 h), no weekend, no Labor Day (September 1), Tuesday 09-16 (7 h).
        (new_york(29, 16, month=8), new_york(2, 16, month=9)),
        # Friday 16-17 EST (1 h); DST begins Sunday March 9; Monday 09-16 EDT (7 h): an hour
        # less of real time between the two than the wall clocks say.
        (new_york(7, 16), new_york(10, 16)),
    ],
    ids=["labor-day", "dst-begins"],
)
async def test_the_schedule_skips_weekends_and_holidays_on_the_vendors_wall_clock(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, started: datetime, reminder: datetime
) -> None:
    registration_id = await register(client, scene)

    await start_at(db, registration_id, started)

    clock = await sla_of(client, scene.partner.rep, registration_id)
    assert when(clock["next_due_at"]) == reminder


async def test_a_vendor_abroad_runs_on_its_own_zone_and_country(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    """German Unity Day, Friday 2025-10-03, closes a German vendor; New York's hours do not
    apply in Berlin."""
    scene = await scene_of(factory, country="DE", timezone="Europe/Berlin")
    registration_id = await register(client, scene)
    berlin = ZoneInfo("Europe/Berlin")

    await start_at(db, registration_id, datetime(2025, 10, 2, 13, tzinfo=berlin))

    # Thursday 13-17 (4 h), Friday closed, the weekend, Monday 09-13 (4 h).
    clock = await sla_of(client, scene.partner.rep, registration_id)
    assert when(clock["next_due_at"]) == datetime(2025, 10, 6, 13, tzinfo=berlin)


async def test_a_clock_keeps_the_holidays_it_started_with(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer `holidays` release that drops (or adds) a holiday moves no running deadline."""
    registration_id = await register(client, scene)
    clock = await clock_of(db, registration_id)
    year = clock.started_at.year
    christmas = date(year, 12, 25)

    monkeypatch.setattr(business_time, "_public_holidays", lambda *_: frozenset())

    calendar = clocks.calendar_of(clock)
    assert sorted(calendar.frozen_holidays) == [year, year + 1]
    assert calendar.is_closed(christmas)
    assert calendar.is_closed(christmas.replace(year=year + 1))


# --- firing once each, in order ----------------------------------------------------------------


async def test_each_threshold_fires_once_at_its_due_instant_in_order(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)
    fired: list[tuple[Threshold, datetime]] = []
    view = await sla_of(client, scene.partner.rep, registration_id)
    assert (view["next_threshold"], when(view["next_due_at"])) == ("reminder", REMINDER_AT)
    assert (when(view["target_at"]), when(view["hard_limit_at"])) == (AT_RISK_AT, BREACH_AT)

    for threshold, due in (
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, BREACH_AT),
    ):
        assert await sweep(db, due - TICK) == 0, threshold
        assert await firings_of(db, registration_id) == fired
        assert await sweep(db, due) == 1, threshold
        fired.append((threshold, due))
        assert await firings_of(db, registration_id) == fired
        # Sweeping the same instant again finds nothing left to do.
        assert await sweep(db, due) == 0, threshold

    assert await sweep(db, LATER) == 0
    assert await firings_of(db, registration_id) == fired
    clock = await sla_of(client, scene.partner.rep, registration_id)
    assert (clock["state"], clock["next_threshold"], clock["next_due_at"]) == (
        "running",
        None,
        None,
    )
    assert [(f["threshold"], when(f["due_at"]), when(f["fired_at"])) for f in clock["fired"]] == [
        ("reminder", REMINDER_AT, REMINDER_AT),
        ("at_risk", AT_RISK_AT, AT_RISK_AT),
        ("breached", BREACH_AT, BREACH_AT),
    ]


async def test_the_clock_explains_itself(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """Every threshold with its business time and instant, the calendar it runs on, and the
    business time run to the microsecond as of a stated instant."""
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)
    await sweep(db, AT_RISK_AT)

    view = await sla_of(client, scene.partner.rep, registration_id)

    thresholds = [
        (t["threshold"], t["after_seconds"], when(t["due_at"]), t["fired_at"])
        for t in view["thresholds"]
    ]
    assert thresholds == [
        ("reminder", 8 * 3600, REMINDER_AT, view["fired"][0]["fired_at"]),
        ("at_risk", 16 * 3600, AT_RISK_AT, view["fired"][1]["fired_at"]),
        ("breached", 32 * 3600, BREACH_AT, None),
    ]
    as_of = when(view["as_of"])
    assert view["elapsed_microseconds"] == US_CALENDAR.elapsed(MONDAY, as_of) // TICK
    calendar = view["calendar"]
    assert (calendar["timezone"], calendar["holiday_country"]) == ("America/New_York", "US")
    assert calendar["working_hours"]["monday"] == [{"start": "09:00", "end": "17:00"}]
    assert calendar["working_hours"]["saturday"] == []
    # Submitted this year: its holidays and next year's are kept with it.
    year = datetime.now(UTC).year
    assert f"{year}-12-25" in calendar["holidays"]
    assert f"{year + 1}-12-25" in calendar["holidays"]


async def test_a_late_sweep_catches_up_on_every_threshold_in_order_and_the_next_fires_none(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)

    assert await sweep(db, LATER) == 3

    assert await firings_of(db, registration_id) == [
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, BREACH_AT),
    ]
    assert [e.type for e in await sla_events(db, registration_id)] == [
        "sla.reminder",
        "sla.at_risk",
        "sla.breached",
    ]
    clock = await sla_of(client, scene.partner.rep, registration_id)
    assert [f["threshold"] for f in clock["fired"]] == ["reminder", "at_risk", "breached"]

    assert await sweep(db, LATER) == 0
    assert await sweep(db, LATER + timedelta(days=3650)) == 0
    assert len(await firings_of(db, registration_id)) == 3
    assert len(await sla_events(db, registration_id)) == 3
    assert len(await breaches(db, registration_id)) == 1


async def test_a_sweep_over_more_due_clocks_than_one_batch_fires_them_all(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "_BATCH", 2)
    registration_ids = [await register(client, scene) for _ in range(5)]
    for registration_id in registration_ids:
        await start_at(db, registration_id, MONDAY)

    assert await sweep(db, AT_RISK_AT) == 10

    for registration_id in registration_ids:
        assert [t for t, _ in await firings_of(db, registration_id)] == [
            Threshold.reminder,
            Threshold.at_risk,
        ]


async def test_a_threshold_already_fired_is_passed_over_and_the_rest_of_its_page_fires(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """A page's firings are claimed in one statement: a threshold whose firing row exists (a
    sweep that went before) is neither fired nor announced again, and the others fire."""
    fired_before, fresh = [await register(client, scene) for _ in range(2)]
    for registration_id in (fired_before, fresh):
        await start_at(db, registration_id, MONDAY)
    db.add(
        SlaFiring(
            registration_id=uuid.UUID(fired_before),
            threshold=Threshold.reminder,
            due_at=REMINDER_AT,
            fired_at=REMINDER_AT,
        )
    )

    assert await sweep(db, AT_RISK_AT) == 3

    for registration_id in (fired_before, fresh):
        assert await firings_of(db, registration_id) == [
            (Threshold.reminder, REMINDER_AT),
            (Threshold.at_risk, AT_RISK_AT),
        ]
        clock = await clock_of(db, registration_id)
        assert (clock.next_threshold, clock.next_due_at) == (Threshold.breached, BREACH_AT)
    assert [e.type for e in await sla_events(db, fired_before)] == ["sla.at_risk"]
    assert [e.type for e in await sla_events(db, fresh)] == ["sla.reminder", "sla.at_risk"]


async def test_threshold_events_name_the_registration_its_vendor_and_approver(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await act(
        client, scene.admin, registration_id, "assign", {"approver_id": str(scene.approver_id)}
    )
    await start_at(db, registration_id, MONDAY)
    number = (await read(client, scene.partner.rep, registration_id))["number"]

    await sweep(db, LATER)

    events = await sla_events(db, registration_id)
    assert [e.type for e in events] == ["sla.reminder", "sla.at_risk", "sla.breached"]
    for event, (threshold, due) in zip(
        events,
        (("reminder", REMINDER_AT), ("at_risk", AT_RISK_AT), ("breached", BREACH_AT)),
        strict=True,
    ):
        assert event.subject_id == uuid.UUID(registration_id)
        assert event.vendor_id == scene.vendor.vendor.id
        assert event.data["registration_id"] == registration_id
        assert event.data["number"] == number
        assert event.data["threshold"] == threshold
        assert when(event.data["due_at"]) == due
        # Kept whole; the partner is shown the breach without them (tests/api/test_disclosure).
        assert event.data["approver_id"] == str(scene.approver_id)
        # No escalation contact in the default policy: nobody to escalate to.
        assert "escalate_to" not in event.data
    assert events[-1].data["action"] == "none"
    # The breach is the partner's business too: it is told.
    assert events[-1].partner_id == scene.partner.partner.id


async def test_reminders_and_escalations_stay_inside_the_vendor(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """The reminder is for the vendor's approver and the escalations for its escalation contact
    (issue #6); an event naming the partner is delivered to the partner, and these carry the
    vendor's internal escalation address, which the partner may not even read in the policy."""
    await put_policy(client, scene, {"breach_action": "escalate", "escalation_email": ESCALATIONS})
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)

    await sweep(db, LATER)

    addressed = {e.type: e.partner_id for e in await sla_events(db, registration_id)}
    assert addressed == {
        "sla.reminder": None,
        "sla.at_risk": None,
        "sla.breached": scene.partner.partner.id,
        "sla.escalated": None,
    }

    # The breach the partner is told of names neither the approver nor the contact.
    feeds = {
        side: {
            e["type"]: e["details"]
            for e in (
                await client.get("/v1/events", params={"types": "sla.*"}, headers=headers)
            ).json()["items"]
        }
        for side, headers in (("partner", scene.partner.admin), ("vendor", scene.admin))
    }
    assert set(feeds["partner"]) == {"sla.breached"}
    assert not {"approver_id", "escalate_to"} & set(feeds["partner"]["sla.breached"])
    assert feeds["vendor"]["sla.breached"]["escalate_to"] == ESCALATIONS
    assert feeds["partner"]["sla.breached"]["action"] == "escalate"


async def test_a_breach_is_recorded_only_at_the_hard_limit_naming_the_parties(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await act(
        client, scene.admin, registration_id, "assign", {"approver_id": str(scene.approver_id)}
    )
    await start_at(db, registration_id, MONDAY)

    assert await sweep(db, BREACH_AT - TICK) == 2
    assert await breaches(db, registration_id) == []

    assert await sweep(db, BREACH_AT) == 1

    (breach,) = await breaches(db, registration_id)
    assert breach.vendor_id == scene.vendor.vendor.id
    assert breach.partner_id == scene.partner.partner.id
    assert breach.program_id == scene.vendor.program.id
    assert breach.approver_id == scene.approver_id
    assert (breach.due_at, breach.breached_at) == (BREACH_AT, BREACH_AT)
    assert breach.action is BreachAction.none
    # The registration itself is left to the vendor: still waiting on a decision.
    assert (await read(client, scene.partner.rep, registration_id))["status"] == "in_review"


# --- pause and resume --------------------------------------------------------------------------


async def test_a_clock_waiting_on_the_partner_fires_nothing_however_late_the_sweep(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)

    await act(client, scene.approver, registration_id, "request-info", QUESTION)

    assert await sweep(db, LATER) == 0
    assert await firings_of(db, registration_id) == []
    assert await sla_events(db, registration_id) == []
    clock = await sla_of(client, scene.partner.rep, registration_id)
    assert clock["state"] == "paused"
    assert (clock["next_due_at"], clock["target_at"], clock["hard_limit_at"]) == (None, None, None)
    assert [pause["end"] for pause in clock["paused"]] == [None]


async def test_resuming_continues_from_the_business_time_already_run(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """Two business hours ran before the question; the days the partner took to answer do not
    count, so the reminder falls six business hours after the answer."""
    registration_id = await register(client, scene)
    await act(client, scene.approver, registration_id, "request-info", QUESTION)
    # As if submitted a week and a half ago and asked about two business hours later.
    started = datetime.now(UTC) - timedelta(days=10)
    asked = US_CALENDAR.add(started, 2 * HOUR)
    clock = await clock_of(db, registration_id)
    assert clock.state is ClockState.paused
    clock.started_at, clock.paused_since, clock.elapsed_us = started, asked, 2 * 3600 * 10**6
    await db.flush()

    await act(client, scene.partner.rep, registration_id, "resubmit", REPLY)

    view = await sla_of(client, scene.partner.rep, registration_id)
    assert view["state"] == "running"
    ((pause_start, pause_end),) = [(when(p["start"]), when(p["end"])) for p in view["paused"]]
    assert pause_start == asked
    answered = pause_end
    due = when(view["next_due_at"])
    assert view["next_threshold"] == "reminder"
    assert due == US_CALENDAR.add(answered, REMINDER - 2 * HOUR)
    # Against the unpaused schedule the reminder moved later by exactly the business time the
    # partner took (days of it), and by nothing else.
    paused_span = US_CALENDAR.elapsed(asked, answered)
    assert paused_span >= TARGET
    assert US_CALENDAR.elapsed(started, due) == REMINDER + paused_span
    assert when(view["target_at"]) == US_CALENDAR.add(answered, TARGET - 2 * HOUR)
    assert when(view["hard_limit_at"]) == US_CALENDAR.add(answered, HARD_LIMIT - 2 * HOUR)
    assert view["elapsed_seconds"] >= 2 * 3600

    assert await sweep(db, due - TICK) == 0
    assert await sweep(db, due) == 1
    assert await firings_of(db, registration_id) == [(Threshold.reminder, due)]


async def test_thresholds_fired_before_a_pause_do_not_fire_again_after_it(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)
    assert await sweep(db, AT_RISK_AT) == 2
    # Asked an hour past the target: the hard limit is not due yet.
    clock = await clock_of(db, registration_id)
    clock.running_since = datetime.now(UTC)
    clock.elapsed_us = (TARGET + HOUR) // TICK
    clocks.schedule(clock, clocks.calendar_of(clock))
    await db.flush()

    await act(client, scene.approver, registration_id, "request-info", QUESTION)
    assert await sweep(db, LATER) == 0
    await act(client, scene.partner.rep, registration_id, "resubmit", REPLY)

    view = await sla_of(client, scene.partner.rep, registration_id)
    assert view["next_threshold"] == "breached"
    assert await sweep(db, LATER) == 1
    assert [t for t, _ in await firings_of(db, registration_id)] == [
        Threshold.reminder,
        Threshold.at_risk,
        Threshold.breached,
    ]
    assert [e.type for e in await sla_events(db, registration_id)] == [
        "sla.reminder",
        "sla.at_risk",
        "sla.breached",
    ]


@pytest.mark.parametrize("breach_action", ["none", "auto_approve"])
async def test_a_question_asked_after_thresholds_fell_due_but_before_the_sweep_fires_them_first(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, breach_action: str
) -> None:
    """The sweep had reached the target when the approver asked, long past the hard limit: the
    breach fires at the question with its true due instant, not hidden until the partner
    answers. The breach rule approves nothing then: the approver is already moving it."""
    await put_policy(client, scene, {"breach_action": breach_action})
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)
    assert await sweep(db, AT_RISK_AT) == 2

    await act(client, scene.approver, registration_id, "request-info", QUESTION)

    assert await firings_of(db, registration_id) == [
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, BREACH_AT),
    ]
    (breach,) = await breaches(db, registration_id)
    assert breach.due_at == BREACH_AT
    assert (await read(client, scene.partner.rep, registration_id))["status"] == "info_requested"
    assert await sweep(db, LATER) == 0

    await act(client, scene.partner.rep, registration_id, "resubmit", REPLY)

    view = await sla_of(client, scene.partner.rep, registration_id)
    assert (view["state"], view["next_threshold"], view["next_due_at"]) == ("running", None, None)
    # Passed before the pause, they keep their instants after it.
    assert (when(view["target_at"]), when(view["hard_limit_at"])) == (AT_RISK_AT, BREACH_AT)
    assert await sweep(db, LATER) == 0
    assert len(await breaches(db, registration_id)) == 1


# --- stopping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "body", "status"),
    [
        ("approve", {}, "approved"),
        ("reject", {"reason": "not_qualified"}, "rejected"),
    ],
)
async def test_a_decision_just_before_the_sweep_leaves_no_breach(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    action: str,
    body: Json,
    status: str,
) -> None:
    """The hard limit passed long ago, but the sweep had only reached the target when the vendor
    decided: the decision stops the clock, and nothing fires after it."""
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)
    assert await sweep(db, AT_RISK_AT) == 2

    decided = await act(client, scene.approver, registration_id, action, body)
    assert decided["status"] == status

    assert await sweep(db, LATER) == 0
    assert await breaches(db, registration_id) == []
    assert [t for t, _ in await firings_of(db, registration_id)] == [
        Threshold.reminder,
        Threshold.at_risk,
    ]
    assert [e.type for e in await sla_events(db, registration_id)] == [
        "sla.reminder",
        "sla.at_risk",
    ]
    view = await sla_of(client, scene.partner.rep, registration_id)
    assert (view["state"], view["next_threshold"], view["next_due_at"]) == ("stopped", None, None)
    assert when(view["stopped_at"]) == when(decided["decided_at"])


async def test_a_decision_before_any_threshold_leaves_no_firing_at_all(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)

    await act(client, scene.approver, registration_id, "approve", {})

    assert await sweep(db, LATER) == 0
    assert await firings_of(db, registration_id) == []
    assert await count_rows(db, SlaBreach, SlaBreach.vendor_id == scene.vendor.vendor.id) == 0


async def test_a_withdrawal_fires_what_fell_due_and_stops_the_clock(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)

    withdrawn = await act(client, scene.partner.rep, registration_id, "withdraw", {})

    fired = [
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, BREACH_AT),
    ]
    assert await firings_of(db, registration_id) == fired
    assert len(await breaches(db, registration_id)) == 1
    assert await sweep(db, LATER) == 0
    assert await firings_of(db, registration_id) == fired
    view = await sla_of(client, scene.partner.rep, registration_id)
    assert (view["state"], view["next_due_at"]) == ("stopped", None)
    assert withdrawn["status"] == "withdrawn"
    # Stopped with the business time it had run (Monday 10:00 until now: past the hard limit).
    assert view["elapsed_seconds"] == US_CALENDAR.elapsed(MONDAY, when(view["stopped_at"])) // (
        timedelta(seconds=1)
    )


async def test_a_clock_paused_past_its_hard_limit_records_the_breach_when_withdrawn(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """A clock paused with thresholds passed and unfired (before thresholds fired at a pause):
    the withdrawal fires them at the instants its running time reached them."""
    registration_id = await register(client, scene)
    await act(client, scene.approver, registration_id, "request-info", QUESTION)
    clock = await clock_of(db, registration_id)
    ran = HARD_LIMIT + HOUR
    clock.started_at, clock.elapsed_us = MONDAY, ran // TICK
    clock.paused_since = US_CALENDAR.add(MONDAY, ran)
    await db.flush()

    await act(client, scene.partner.rep, registration_id, "withdraw", {})

    assert await firings_of(db, registration_id) == [
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, BREACH_AT),
    ]
    (breach,) = await breaches(db, registration_id)
    assert breach.due_at == BREACH_AT
    assert (await sla_of(client, scene.partner.rep, registration_id))["state"] == "stopped"


async def test_a_withdrawal_while_waiting_on_the_partner_closes_the_pause(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await act(client, scene.approver, registration_id, "request-info", QUESTION)

    await act(client, scene.partner.rep, registration_id, "withdraw", {})

    view = await sla_of(client, scene.partner.rep, registration_id)
    assert view["state"] == "stopped"
    ((start, end),) = [(p["start"], p["end"]) for p in view["paused"]]
    assert when(end) == when(view["stopped_at"])
    assert when(start) <= when(end)
    assert await sweep(db, LATER) == 0


# --- breach actions ----------------------------------------------------------------------------


async def test_the_auto_approve_action_approves_the_registration_at_the_hard_limit(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    await put_policy(client, scene, {"breach_action": "auto_approve"})
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)

    assert await sweep(db, BREACH_AT - TICK) == 2
    assert (await read(client, scene.partner.rep, registration_id))["status"] == "submitted"

    assert await sweep(db, BREACH_AT) == 1

    registration = await read(client, scene.partner.rep, registration_id)
    assert registration["status"] == "approved"
    assert when(registration["decided_at"]) == BREACH_AT
    assert when(registration["expires_at"]) == BREACH_AT + timedelta(
        days=scene.vendor.program.protection_days
    )
    last = (await history_of(client, scene.partner.rep, registration_id))[-1]
    assert (last["action"], last["from_status"], last["to_status"]) == (
        "approved",
        "submitted",
        "approved",
    )
    assert (last["actor_id"], last["actor_role"]) == (None, None)
    assert last["data"]["rule"] == "sla_breach"
    (breach,) = await breaches(db, registration_id)
    assert breach.action is BreachAction.auto_approve
    events = await db.scalars(
        select(Event.type)
        .where(Event.subject_id == uuid.UUID(registration_id))
        .order_by(Event.created_at, Event.id)
    )
    assert list(events)[-2:] == ["sla.breached", "registration.approved"]
    view = await sla_of(client, scene.partner.rep, registration_id)
    assert (view["state"], when(view["stopped_at"])) == ("stopped", BREACH_AT)

    assert await sweep(db, LATER) == 0
    assert (await read(client, scene.partner.rep, registration_id))["version"] == registration[
        "version"
    ]


async def test_the_escalate_action_sends_the_breach_to_the_escalation_contact(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    await put_policy(client, scene, {"breach_action": "escalate", "escalation_email": ESCALATIONS})
    registration_id = await register(client, scene)
    await start_at(db, registration_id, MONDAY)

    assert await sweep(db, LATER) == 3

    events = await sla_events(db, registration_id)
    assert [e.type for e in events] == [
        "sla.reminder",
        "sla.at_risk",
        "sla.breached",
        "sla.escalated",
    ]
    reminder, at_risk, breached, escalated = events
    assert "escalate_to" not in reminder.data
    assert at_risk.data["escalate_to"] == ESCALATIONS
    # The breach is the partner's to read too, shown to it without the contact (disclosure.py).
    assert (breached.data["action"], breached.data["escalate_to"]) == ("escalate", ESCALATIONS)
    assert escalated.data["escalate_to"] == ESCALATIONS
    # An escalation is the vendor's business; the partner hears of the breach itself.
    assert (escalated.vendor_id, escalated.partner_id) == (scene.vendor.vendor.id, None)
    assert (breached.vendor_id, breached.partner_id) == (
        scene.vendor.vendor.id,
        scene.partner.partner.id,
    )
    (breach,) = await breaches(db, registration_id)
    assert breach.action is BreachAction.escalate
    assert (await read(client, scene.partner.rep, registration_id))["status"] == "submitted"


# --- policies ----------------------------------------------------------------------------------


async def test_a_policy_change_applies_only_to_clocks_started_after_it(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    before = await register(client, scene)
    await put_policy(
        client, scene, {"target_days": 0.5, "hard_limit_days": 1, "breach_action": "auto_approve"}
    )
    after = await register(client, scene)
    for registration_id in (before, after):
        await start_at(db, registration_id, MONDAY)

    old = await sla_of(client, scene.partner.rep, before)
    new = await sla_of(client, scene.partner.rep, after)
    assert (old["target_seconds"], old["hard_limit_seconds"]) == (16 * 3600, 32 * 3600)
    assert (new["target_seconds"], new["hard_limit_seconds"]) == (4 * 3600, 8 * 3600)
    assert when(new["hard_limit_at"]) == REMINDER_AT

    # Tuesday 10:00: the new clock's hard limit, the old one's reminder.
    assert await sweep(db, REMINDER_AT) == 4

    assert await firings_of(db, after) == [
        (Threshold.reminder, new_york(3, 12)),
        (Threshold.at_risk, new_york(3, 14)),
        (Threshold.breached, REMINDER_AT),
    ]
    assert await firings_of(db, before) == [(Threshold.reminder, REMINDER_AT)]
    assert (await read(client, scene.partner.rep, after))["status"] == "approved"
    assert (await read(client, scene.partner.rep, before))["status"] == "submitted"
    assert await sweep(db, LATER) == 2
    # The old clock kept the old breach action too.
    (breach,) = await breaches(db, before)
    assert breach.action is BreachAction.none
    assert (await read(client, scene.partner.rep, before))["status"] == "submitted"


async def test_a_programs_policy_overrides_the_vendors_for_that_program_only(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    """The program's target and hard limit are the same day, so at_risk and breached fall due
    together and fire in order; another program of the vendor keeps the vendor's policy."""
    other = await factory.program(scene.vendor.vendor)
    other_setup = VendorSetup(scene.vendor.vendor, other, [await factory.product(other)])
    await put_policy(
        client,
        scene,
        {"target_days": 1, "hard_limit_days": 1, "closed_dates": ["2025-03-04"]},
        program_id=scene.vendor.program.id,
    )
    overridden = await register(client, scene)
    default = await register(client, scene, other_setup)
    for registration_id in (overridden, default):
        await start_at(db, registration_id, MONDAY)

    # 4 h: Monday 14:00; 8 h: Monday 10-17, Tuesday closed, Wednesday 09-10.
    assert await sweep(db, AT_RISK_AT) == 5

    assert await firings_of(db, overridden) == [
        (Threshold.reminder, new_york(3, 14)),
        (Threshold.at_risk, AT_RISK_AT),
        (Threshold.breached, AT_RISK_AT),
    ]
    assert [e.type for e in await sla_events(db, overridden)] == [
        "sla.reminder",
        "sla.at_risk",
        "sla.breached",
    ]
    assert await firings_of(db, default) == [
        (Threshold.reminder, REMINDER_AT),
        (Threshold.at_risk, AT_RISK_AT),
    ]


# --- the job ----------------------------------------------------------------------------------


def test_the_sweep_job_is_registered_and_scheduled_every_minute() -> None:
    assert SWEEP in load_all_jobs()
    (periodic,) = [p for p in SCHEDULE if p.job == SWEEP]
    assert periodic.every == timedelta(minutes=1)


async def test_the_sweep_job_fires_what_is_due_by_the_databases_clock(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    overdue, fresh = await register(client, scene), await register(client, scene)
    await start_at(db, overdue, MONDAY)
    await db.flush()
    _forget(db)

    await load_all_jobs()[SWEEP].fn(db)

    assert [t for t, _ in await firings_of(db, overdue)] == [
        Threshold.reminder,
        Threshold.at_risk,
        Threshold.breached,
    ]
    assert await firings_of(db, fresh) == []


# --- committing for real -----------------------------------------------------------------------


async def _due_registrations(
    committing_client: httpx.AsyncClient, committed: Factory, count: int
) -> tuple[Scene, list[str]]:
    scene = await scene_of(committed)
    await committed.db.commit()
    ids = [await register(committing_client, scene) for _ in range(count)]
    return scene, ids


async def _start_all_at(engine: AsyncEngine, ids: list[str], started: datetime) -> None:
    async with transaction(make_sessionmaker(engine)) as session:
        for registration_id in ids:
            clock = await session.get_one(SlaClock, uuid.UUID(registration_id))
            clock.started_at = clock.running_since = started
            clock.elapsed_us = 0
            clocks.schedule(clock, clocks.calendar_of(clock))


async def _committed_sweep(engine: AsyncEngine, now: datetime | None) -> int:
    async with transaction(make_sessionmaker(engine)) as session:
        return await service.sweep(session, now=now)


@pytest.mark.parametrize("batch", [None, 3])
async def test_four_concurrent_sweeps_fire_every_threshold_exactly_once(
    committing_client: httpx.AsyncClient,
    committing_engine: AsyncEngine,
    committed: Factory,
    monkeypatch: pytest.MonkeyPatch,
    batch: int | None,
) -> None:
    """With small batches the sweeps interleave on the same due rows instead of one taking all."""
    if batch is not None:
        monkeypatch.setattr(service, "_BATCH", batch)
    _, ids = await _due_registrations(committing_client, committed, 40)
    await _start_all_at(committing_engine, ids, MONDAY)

    fired = await asyncio.gather(*(_committed_sweep(committing_engine, LATER) for _ in range(4)))

    assert sum(fired) == 3 * 40
    async with make_sessionmaker(committing_engine)() as session:
        firings = Counter(
            (row.registration_id, row.threshold)
            for row in await session.execute(select(SlaFiring.registration_id, SlaFiring.threshold))
        )
        assert len(firings) == 3 * 40
        assert set(firings.values()) == {1}
        events = Counter(
            (row.subject_id, row.type)
            for row in await session.execute(
                select(Event.subject_id, Event.type).where(Event.type.startswith("sla."))
            )
        )
        assert len(events) == 3 * 40
        assert set(events.values()) == {1}
        assert await count_rows(session, SlaBreach) == 40
        assert {str(r) for r in await session.scalars(select(SlaBreach.registration_id))} == set(
            ids
        )
    assert await _committed_sweep(committing_engine, LATER) == 0


async def _overdue(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> tuple[Scene, list[str]]:
    """Thirty registrations whose clocks are past their hard limit in real time."""
    scene, ids = await _due_registrations(committing_client, committed, 30)
    await _start_all_at(committing_engine, ids, datetime.now(UTC) - timedelta(days=30))
    return scene, ids


async def _decide(client: httpx.AsyncClient, scene: Scene, registration_id: str) -> httpx.Response:
    current = await read(client, scene.approver, registration_id)
    return await client.post(
        url(registration_id, "approve"),
        json={},
        headers=scene.approver | if_match(current["version"]),
    )


def _deadlocked(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == "40P01"


async def _sweep_until_done(engine: AsyncEngine) -> int:
    """A sweep on the database's clock, retried as the worker retries a failed job."""
    for _ in range(10):
        try:
            return await _committed_sweep(engine, None)
        except DBAPIError as exc:
            if not _deadlocked(exc):
                raise
    raise AssertionError("the sweep deadlocked ten times running")


async def test_decisions_racing_sweeps_neither_deadlock_nor_fail(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """A decision and a sweep both lock the registration and its clock; whatever the timing,
    the approver's decision succeeds and the sweep completes."""
    scene, ids = await _overdue(committing_client, committing_engine, committed)

    outcomes = await asyncio.gather(
        *(_decide(committing_client, scene, registration_id) for registration_id in ids),
        *(_committed_sweep(committing_engine, None) for _ in range(2)),
        return_exceptions=True,
    )

    decisions, sweeps = outcomes[: len(ids)], outcomes[len(ids) :]
    assert [repr(s) for s in sweeps if isinstance(s, BaseException)] == []
    assert [
        d.text if isinstance(d, httpx.Response) else repr(d)
        for d in decisions
        if not isinstance(d, httpx.Response) or d.status_code != 200
    ] == []


async def test_a_decision_racing_a_sweep_never_leaves_a_breach_after_it(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """A third of the registrations are decided before any sweep starts: they never breach. The
    rest are decided while two sweeps on the database's clock run (retried, as the worker does,
    if they fail): a breach may be recorded only before the decision, never after it."""
    scene, ids = await _overdue(committing_client, committing_engine, committed)
    early, racing = ids[:10], ids[10:]
    for registration_id in early:
        await act(committing_client, scene.approver, registration_id, "approve", {})

    await asyncio.gather(
        *(_decide(committing_client, scene, registration_id) for registration_id in racing),
        *(_sweep_until_done(committing_engine) for _ in range(2)),
    )
    await _sweep_until_done(committing_engine)

    keys = [uuid.UUID(registration_id) for registration_id in ids]
    async with make_sessionmaker(committing_engine)() as session:
        decided_at = {
            str(row.id): row.decided_at
            for row in await session.execute(
                select(Registration.id, Registration.decided_at).where(Registration.id.in_(keys))
            )
        }
        breached_at = {
            str(row.registration_id): row.breached_at
            for row in await session.execute(
                select(SlaBreach.registration_id, SlaBreach.breached_at)
            )
        }
        fired_early = await count_rows(
            session, SlaFiring, SlaFiring.registration_id.in_([uuid.UUID(i) for i in early])
        )
        running = await count_rows(session, SlaClock, SlaClock.state != ClockState.stopped)
    assert fired_early == 0
    assert set(breached_at) <= set(racing)
    after_decision = {
        registration_id: (at, decided_at[registration_id])
        for registration_id, at in breached_at.items()
        if decided_at[registration_id] is not None and at >= decided_at[registration_id]
    }
    assert after_decision == {}
    # Every registration is decided or breached (a failed decision leaves its clock running).
    undecided = [i for i in ids if decided_at[i] is None]
    assert set(undecided) <= set(breached_at)
    assert running == len(undecided)
