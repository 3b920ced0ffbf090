"""The vendor's decision on a registration (`approve`, `reject`, `request-info`, `assign`), the
partner's `resubmit`, and `/v1/approvals/queue`: each move is allowed only from where the
state machine allows it and only to the side it belongs to (another tenant's registration is a
404, the wrong side or a missing scope a 403), needs the current If-Match, and writes one history
row and one event; a refused move writes nothing. The queue holds a vendor's open registrations,
most urgent SLA first, with the conflicts between partners linked both ways."""

import asyncio
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import make_sessionmaker
from dealreg.events.models import Event
from dealreg.orgs.models import Organization, Role
from dealreg.registrations.models import RegistrationHistory
from tests.clocks import started_at, sweep
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
from tests.signin import machine_headers

QUEUE = "/v1/approvals/queue"
Headers = dict[str, str]
Json = dict[str, Any]

# A program's questions (`notes` may be left out), and answers to all of them.
QUESTIONS: list[Json] = [
    {"key": "crm_id", "label": "CRM id", "type": "text"},
    {"key": "seats", "label": "Seats", "type": "number"},
    {"key": "segment", "label": "Segment", "type": "choice", "choices": ["smb", "enterprise"]},
    {"key": "notes", "label": "Notes", "type": "text", "required": False},
]
ANSWERS: Json = {"crm_id": "OPP-1234", "seats": 250, "segment": "smb", "notes": "First answer"}
REASONS = (
    "duplicate",
    "existing_direct_opportunity",
    "not_qualified",
    "insufficient_information",
    "partner_not_eligible",
    "other",
)
QUESTION = {"question": "Who is the customer's budget holder?"}
REPLY = {"reply": "The CFO, Dana Levy; the budget is signed off."}


# --- helpers -----------------------------------------------------------------------------------


def url(registration_id: str, *rest: str) -> str:
    return "/".join([REGISTRATIONS, registration_id, *rest])


def new_york(day: int, hour: int) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=ZoneInfo("America/New_York"))


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def register(
    client: httpx.AsyncClient, headers: Headers, setup: VendorSetup, **overrides: Any
) -> str:
    """A one-vendor deal submitted by `headers`; its registration's id."""
    deal = await submit(client, headers, deal_body(line(setup), **overrides))
    (registration,) = deal["registrations"]
    return str(registration["id"])


async def read(client: httpx.AsyncClient, headers: Headers, registration_id: str) -> Json:
    response = await client.get(url(registration_id), headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def act(
    client: httpx.AsyncClient,
    headers: Headers,
    registration_id: str,
    action: str,
    body: Json,
    *,
    version: int,
) -> httpx.Response:
    """POST `body` to the registration's `action` against `version`."""
    return await client.post(
        url(registration_id, action), json=body, headers=headers | if_match(version)
    )


async def done(
    client: httpx.AsyncClient, headers: Headers, registration_id: str, action: str, body: Json
) -> Json:
    """`action` against the current version, which must succeed; the registration it returns."""
    version = (await read(client, headers, registration_id))["version"]
    response = await act(client, headers, registration_id, action, body, version=version)
    assert response.status_code == 200, f"{action}: {response.text}"
    result: Json = response.json()
    return result


async def history_of(
    client: httpx.AsyncClient, headers: Headers, registration_id: str
) -> list[Json]:
    response = await client.get(url(registration_id, "history"), headers=headers)
    assert response.status_code == 200, response.text
    items: list[Json] = response.json()["items"]
    return items


async def events_of(db: AsyncSession, registration_id: str) -> list[Event]:
    stmt = (
        select(Event)
        .where(Event.subject_id == uuid.UUID(registration_id))
        .order_by(Event.created_at, Event.id)
    )
    return list((await db.scalars(stmt)).all())


async def written(db: AsyncSession, registration_id: str) -> tuple[int, int]:
    """How many history rows and events the registration has."""
    rid = uuid.UUID(registration_id)
    return (
        await count_rows(db, RegistrationHistory, RegistrationHistory.registration_id == rid),
        await count_rows(db, Event, Event.subject_id == rid),
    )


async def user_with(factory: Factory, org: Organization, role: Role) -> tuple[str, Headers]:
    """A new user of `org` with `role`: their id and bearer header."""
    user = await factory.user(org, role)
    return str(user.id), {"Authorization": f"Bearer {factory.token(user, org)}"}


async def queued(
    client: httpx.AsyncClient, headers: Headers, params: dict[str, Any] | None = None
) -> list[Json]:
    response = await client.get(QUEUE, params={"limit": 200, **(params or {})}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    items: list[Json] = response.json()["items"]
    return items


def ids(items: Sequence[Json]) -> list[str]:
    return [item["id"] for item in items]


@dataclass
class Scene:
    """A partner's rep registering with a vendor; an approver and an admin of it (both may be
    assigned), with their ids."""

    vendor: VendorSetup
    partner: PartnerSetup
    approver_id: str
    approver: Headers
    other_approver_id: str
    other_approver: Headers


async def scene_of(factory: Factory, **program: Any) -> Scene:
    vendor = await vendor_setup(factory, **program)
    partner = await partner_setup(factory, vendor)
    approver_id, approver = await user_with(factory, vendor.vendor, Role.vendor_approver)
    other_id, other = await user_with(factory, vendor.vendor, Role.vendor_admin)
    return Scene(vendor, partner, approver_id, approver, other_id, other)


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await scene_of(factory)


@dataclass
class World:
    scene: Scene
    callers: dict[str, Headers]


@pytest.fixture
async def world(factory: Factory, scene: Scene) -> World:
    vendor, partner = scene.vendor, scene.partner
    other_partner = await factory.partner()
    await factory.partnership(other_partner, vendor.vendor)
    # A vendor the partner is also enrolled with, and one with no link to it.
    linked = await factory.vendor()
    await factory.partnership(partner.partner, linked)
    stranger = await factory.vendor()
    platform = await factory.platform()
    callers = {
        "owner": partner.rep,
        "same_partner_admin": partner.admin,
        "same_partner_rep": await factory.headers_for(partner.partner, Role.partner_rep),
        "other_partner_rep": await factory.headers_for(other_partner, Role.partner_rep),
        "other_partner_admin": await factory.headers_for(other_partner, Role.partner_admin),
        "vendor_approver": vendor.approver,
        "vendor_admin": await factory.headers_for(vendor.vendor, Role.vendor_admin),
        "vendor_system": await factory.headers_for(vendor.vendor, Role.vendor_system),
        "vendor_channel_ops": await factory.headers_for(vendor.vendor, Role.channel_ops),
        "linked_vendor_approver": await factory.headers_for(linked, Role.vendor_approver),
        "stranger_vendor_admin": await factory.headers_for(stranger, Role.vendor_admin),
        "linked_vendor_channel_ops": await factory.headers_for(linked, Role.channel_ops),
        "platform_channel_ops": await factory.headers_for(platform, Role.channel_ops),
        "platform_admin": await factory.headers_for(platform, Role.platform_admin),
    }
    return World(scene, callers)


# --- approving ---------------------------------------------------------------------------------


async def test_the_approver_approves_a_submitted_registration_for_the_programs_protection_days(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await scene_of(factory, protection_days=45)
    registration_id = await register(client, scene.partner.rep, scene.vendor)

    before = datetime.now(UTC)
    response = await act(
        client, scene.approver, registration_id, "approve", {"note": "Welcome"}, version=1
    )
    after = datetime.now(UTC)
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert (body["id"], body["status"], body["version"]) == (registration_id, "approved", 2)
    assert (body["decision_note"], body["decision_code"]) == ("Welcome", None)
    approved_at = when(body["approved_at"])
    assert before <= approved_at <= after
    assert when(body["decided_at"]) == approved_at
    assert when(body["expires_at"]) - approved_at == timedelta(days=45)
    assert (body["decided_by"], body["decided_by_id"]) == ("user", scene.approver_id)
    # The partner reads the same decision, but not who made it.
    seen = await read(client, scene.partner.rep, registration_id)
    assert {key: seen[key] for key in body} == body | {"decided_by_id": None}

    # Who decided is the vendor's to know (tests/api/test_disclosure.py).
    (submitted, approved) = await history_of(client, scene.approver, registration_id)
    assert submitted["action"] == "submitted"
    assert (approved["action"], approved["actor_id"], approved["actor_role"]) == (
        "approved",
        scene.approver_id,
        "vendor_approver",
    )
    assert (approved["from_status"], approved["to_status"], approved["reason"]) == (
        "submitted",
        "approved",
        "Welcome",
    )
    assert when(approved["data"]["expires_at"]) == when(body["expires_at"])

    event = (await events_of(db, registration_id))[-1]
    assert event.type == "registration.approved"
    assert (event.vendor_id, event.partner_id) == (scene.vendor.vendor.id, scene.partner.partner.id)
    assert (event.data["status"], event.data["from_status"], event.data["reason"]) == (
        "approved",
        "submitted",
        "Welcome",
    )
    assert when(event.data["expires_at"]) == when(body["expires_at"])
    assert await written(db, registration_id) == (2, 2)


@pytest.mark.parametrize("role", [Role.vendor_admin, Role.vendor_system])
async def test_an_admin_or_the_vendors_system_approves_a_registration_in_review(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, factory: Factory, role: Role
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    await done(
        client, scene.approver, registration_id, "assign", {"approver_id": scene.approver_id}
    )
    decider_id, decider = await user_with(factory, scene.vendor.vendor, role)

    response = await act(client, decider, registration_id, "approve", {}, version=2)
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"3"'
    body = response.json()
    assert (body["status"], body["decision_note"]) == ("approved", None)
    # The default protection of a program is 90 days.
    assert when(body["expires_at"]) - when(body["approved_at"]) == timedelta(days=90)
    last = (await history_of(client, decider, registration_id))[-1]
    assert (last["action"], last["actor_id"], last["actor_role"], last["from_status"]) == (
        "approved",
        decider_id,
        role.value,
        "in_review",
    )
    assert [e.type for e in await events_of(db, registration_id)][-1] == "registration.approved"


async def test_two_approvers_deciding_on_the_same_version_cannot_both_win(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    first = await act(client, scene.approver, registration_id, "approve", {}, version=1)
    assert first.status_code == 200, first.text
    rows = await written(db, registration_id)

    second = await act(
        client,
        scene.other_approver,
        registration_id,
        "reject",
        {"reason": "not_qualified"},
        version=1,
    )
    assert_problem(second, 412, "stale-version")
    assert second.headers["etag"] == '"2"'
    current = await read(client, scene.partner.rep, registration_id)
    assert (current["status"], current["version"], current["decision_code"]) == (
        "approved",
        2,
        None,
    )
    assert await written(db, registration_id) == rows


# --- rejecting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", REASONS)
async def test_each_reason_code_rejects_and_the_partner_reads_it(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, reason: str
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    # A note is optional but for `other`; one without a note records the code as the reason.
    note = "The end customer asked us to stop" if reason == "other" else None
    body = {"reason": reason} | ({"note": note} if note else {})

    before = datetime.now(UTC)
    response = await act(client, scene.approver, registration_id, "reject", body, version=1)
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    rejected = response.json()
    assert (rejected["status"], rejected["decision_code"], rejected["decision_note"]) == (
        "rejected",
        reason,
        note,
    )
    assert before <= when(rejected["decided_at"]) <= datetime.now(UTC)
    assert rejected["approved_at"] is rejected["expires_at"] is None

    seen = await read(client, scene.partner.rep, registration_id)
    assert (seen["status"], seen["decision_code"], seen["decision_note"]) == (
        "rejected",
        reason,
        note,
    )
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["actor_id"], last["from_status"], last["to_status"]) == (
        "rejected",
        scene.approver_id,
        "submitted",
        "rejected",
    )
    assert last["reason"] == (note or reason)
    event = (await events_of(db, registration_id))[-1]
    assert event.type == "registration.rejected"
    assert (event.data["status"], event.data["reason_code"]) == ("rejected", reason)
    assert await written(db, registration_id) == (2, 2)


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"reason": "other"}, "/note"),
        ({"reason": "other", "note": ""}, "/note"),
        ({"reason": "other", "note": "   "}, "/note"),
        ({"reason": "too_expensive", "note": "We do not like it"}, "/reason"),
        ({"note": "No reason code"}, "/reason"),
    ],
    ids=[
        "other-without-note",
        "other-with-empty-note",
        "other-with-blank-note",
        "unknown-reason",
        "no-reason",
    ],
)
async def test_a_rejection_without_a_known_reason_or_the_words_for_other_is_a_422(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, body: Json, pointer: str
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await act(client, scene.approver, registration_id, "reject", body, version=1)
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


async def test_the_words_for_other_are_asked_for_only_of_who_may_reject(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    """The note rule is the rejection's own: a caller who may not see the registration still
    gets a 404, the partner a 403, and a decider without If-Match a 428, as for every other
    reason (and as refusing an extension without a reason does)."""
    scene = world.scene
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    rows = await written(db, registration_id)
    path = url(registration_id, "reject")
    body = {"reason": "other"}
    for caller, headers, expected, type_suffix in (
        ("other_partner_rep", world.callers["other_partner_rep"] | if_match(1), 404, None),
        ("owner", scene.partner.rep | if_match(1), 403, "forbidden"),
        ("vendor_approver", scene.approver, 428, "precondition-required"),
    ):
        response = await client.post(path, json=body, headers=headers)
        assert response.status_code == expected, (caller, response.text)
        assert_problem(response, expected, type_suffix or "registration-not-found")
    assert await written(db, registration_id) == rows


async def test_a_rejected_registration_no_longer_claims_the_customer(
    client: httpx.AsyncClient, scene: Scene, factory: Factory
) -> None:
    rival = await partner_setup(factory, scene.vendor)
    customer = deal_body(line(scene.vendor))["customer"]
    first = await register(client, scene.partner.rep, scene.vendor, customer=customer)
    await done(client, scene.approver, first, "reject", {"reason": "insufficient_information"})

    # Neither a duplicate for the same partner nor a conflict for another.
    again = await register(client, scene.partner.rep, scene.vendor, customer=customer)
    other = await register(client, rival.rep, scene.vendor, customer=customer)
    assert (await read(client, scene.approver, again))["conflict"] is False
    later = await read(client, scene.approver, other)
    assert [c["id"] for c in later["conflicts"]] == [again]


# --- asking for information and resubmitting ---------------------------------------------------


async def test_the_vendor_asks_for_information_and_the_registration_waits_on_the_partner(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    response = await act(
        client, scene.approver, registration_id, "request-info", QUESTION, version=1
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert (body["status"], body["version"]) == ("info_requested", 2)
    assert body["decided_at"] is body["approved_at"] is body["expires_at"] is None

    seen = await read(client, scene.partner.rep, registration_id)
    assert seen["status"] == "info_requested"
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["actor_id"], last["reason"]) == (
        "info_requested",
        scene.approver_id,
        QUESTION["question"],
    )
    assert (last["from_status"], last["to_status"]) == ("submitted", "info_requested")
    event = (await events_of(db, registration_id))[-1]
    assert (event.type, event.data["reason"]) == (
        "registration.info_requested",
        QUESTION["question"],
    )


async def test_the_rep_answers_and_the_registration_is_back_in_review(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await scene_of(factory, extra_fields=QUESTIONS)
    vendors = [{"vendor_id": str(scene.vendor.vendor.id), "answers": ANSWERS}]
    registration_id = await register(client, scene.partner.rep, scene.vendor, vendors=vendors)
    await done(client, scene.approver, registration_id, "request-info", QUESTION)

    response = await act(client, scene.partner.rep, registration_id, "resubmit", REPLY, version=2)
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"3"'
    assert (response.json()["status"], response.json()["version"]) == ("in_review", 3)
    # No answers sent: the earlier ones stay.
    assert (await read(client, scene.approver, registration_id))["answers"] == ANSWERS
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["actor_id"], last["actor_role"], last["reason"]) == (
        "resubmitted",
        str(scene.partner.rep_id),
        "partner_rep",
        REPLY["reply"],
    )
    assert (last["from_status"], last["to_status"]) == ("info_requested", "in_review")
    assert last["data"] == {"answers_changed": False}
    event = (await events_of(db, registration_id))[-1]
    assert (event.type, event.data["answers_changed"]) == ("registration.resubmitted", False)


async def test_resubmitted_answers_replace_the_earlier_ones(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await scene_of(factory, extra_fields=QUESTIONS)
    vendors = [{"vendor_id": str(scene.vendor.vendor.id), "answers": ANSWERS}]
    registration_id = await register(client, scene.partner.rep, scene.vendor, vendors=vendors)
    await done(client, scene.approver, registration_id, "request-info", QUESTION)

    # All of them, replacing: `notes` left out is gone.
    corrected = {"crm_id": "OPP-9999", "seats": 12.5, "segment": "enterprise"}
    response = await act(
        client,
        scene.partner.admin,
        registration_id,
        "resubmit",
        REPLY | {"answers": corrected},
        version=2,
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "in_review"
    assert (await read(client, scene.approver, registration_id))["answers"] == corrected
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["actor_role"], last["data"]) == (
        "resubmitted",
        "partner_admin",
        {"answers_changed": True},
    )
    event = (await events_of(db, registration_id))[-1]
    assert (event.type, event.data["answers_changed"]) == ("registration.resubmitted", True)


@pytest.mark.parametrize(
    ("answers", "wrong"),
    [
        (ANSWERS | {"seats": "many"}, ["/answers/seats"]),
        ({"crm_id": "OPP-1", "segment": "smb"}, ["/answers/seats"]),
        (ANSWERS | {"segment": "government"}, ["/answers/segment"]),
        (ANSWERS | {"budget": 1000}, ["/answers/budget"]),
        ({"crm_id": " ", "seats": True}, ["/answers/crm_id", "/answers/seats", "/answers/segment"]),
    ],
    ids=["wrong-type", "required-missing", "not-a-choice", "unknown-key", "several"],
)
async def test_resubmitted_answers_that_break_the_programs_questions_are_a_422(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    answers: Json,
    wrong: list[str],
) -> None:
    scene = await scene_of(factory, extra_fields=QUESTIONS)
    vendors = [{"vendor_id": str(scene.vendor.vendor.id), "answers": ANSWERS}]
    registration_id = await register(client, scene.partner.rep, scene.vendor, vendors=vendors)
    await done(client, scene.approver, registration_id, "request-info", QUESTION)
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await act(
        client,
        scene.partner.rep,
        registration_id,
        "resubmit",
        REPLY | {"answers": answers},
        version=2,
    )
    problem = assert_problem(response, 422, "validation-error")
    errors = problem["errors"]
    assert sorted(error["pointer"] for error in errors) == wrong
    assert {error["vendor_id"] for error in errors} == {str(scene.vendor.vendor.id)}
    after = await read(client, scene.approver, registration_id)
    assert after == before
    assert (after["status"], after["answers"]) == ("info_requested", ANSWERS)
    assert await written(db, registration_id) == rows


# --- assigning ---------------------------------------------------------------------------------


async def test_assigning_a_submitted_registration_starts_its_review(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    assert (await read(client, scene.approver, registration_id))["approver_id"] is None

    response = await act(
        client,
        scene.other_approver,
        registration_id,
        "assign",
        {"approver_id": scene.approver_id},
        version=1,
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert (body["status"], body["approver_id"], body["version"]) == (
        "in_review",
        scene.approver_id,
        2,
    )
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["actor_id"], last["from_status"], last["to_status"]) == (
        "review_started",
        scene.other_approver_id,
        "submitted",
        "in_review",
    )
    assert last["data"] == {"approver_id": scene.approver_id}
    event = (await events_of(db, registration_id))[-1]
    assert (event.type, event.data["approver_id"]) == (
        "registration.review_started",
        scene.approver_id,
    )


@pytest.mark.parametrize("status", ["in_review", "info_requested"])
async def test_reassigning_an_open_registration_keeps_its_status(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, status: str
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    await done(
        client, scene.approver, registration_id, "assign", {"approver_id": scene.approver_id}
    )
    if status == "info_requested":
        await done(client, scene.approver, registration_id, "request-info", QUESTION)
    version = (await read(client, scene.approver, registration_id))["version"]

    response = await act(
        client,
        scene.approver,
        registration_id,
        "assign",
        {"approver_id": scene.other_approver_id},
        version=version,
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == f'"{version + 1}"'
    body = response.json()
    assert (body["status"], body["approver_id"]) == (status, scene.other_approver_id)
    last = (await history_of(client, scene.approver, registration_id))[-1]
    assert (last["action"], last["from_status"], last["to_status"], last["data"]) == (
        "assigned",
        status,
        status,
        {"approver_id": scene.other_approver_id},
    )
    assert (await events_of(db, registration_id))[-1].type == "registration.assigned"


async def test_assigning_the_approver_it_already_has_changes_and_records_nothing(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """Nothing changes, so the version stays and no history row or event claims a change (an
    `registration.assigned` event would notify the approver of a hand-over that did not
    happen, and a delta sync would never see what the history says changed)."""
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    mine = {"approver_id": scene.approver_id}
    await done(client, scene.approver, registration_id, "assign", mine)
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await act(client, scene.approver, registration_id, "assign", mine, version=2)
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


@pytest.mark.parametrize(
    "who",
    [
        "another_vendors_approver",
        "inactive_approver",
        "vendor_channel_ops",
        "vendor_system",
        "partner_rep",
        "nobody",
    ],
)
async def test_only_an_active_approver_or_admin_of_the_vendor_is_assigned(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, factory: Factory, who: str
) -> None:
    vendor = scene.vendor.vendor
    if who == "nobody":
        approver_id = str(uuid.uuid4())
    else:
        org, role, active = {
            "another_vendors_approver": (await factory.vendor(), Role.vendor_approver, True),
            "inactive_approver": (vendor, Role.vendor_approver, False),
            "vendor_channel_ops": (vendor, Role.channel_ops, True),
            "vendor_system": (vendor, Role.vendor_system, True),
            "partner_rep": (scene.partner.partner, Role.partner_rep, True),
        }[who]
        approver_id = str((await factory.user(org, role, active=active)).id)
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await act(
        client, scene.approver, registration_id, "assign", {"approver_id": approver_id}, version=1
    )
    assert_problem(response, 422, "validation-error", pointer="/approver_id")
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


# --- moves the state machine does not allow ----------------------------------------------------

APPROVER = "<approver>"
# (who, action, body) steps: "vendor" is the scene's approver, "rep" the registering rep.
Step = tuple[str, str, Json]
APPROVE: Step = ("vendor", "approve", {})
REJECT: Step = ("vendor", "reject", {"reason": "not_qualified"})
ASK: Step = ("vendor", "request-info", QUESTION)
ANSWER: Step = ("rep", "resubmit", REPLY)
ASSIGN: Step = ("vendor", "assign", {"approver_id": APPROVER})
WITHDRAW: Step = ("rep", "withdraw", {})


@pytest.mark.parametrize(
    ("steps", "refused", "status"),
    [
        pytest.param([APPROVE], APPROVE, "approved", id="approve-twice"),
        pytest.param([APPROVE], REJECT, "approved", id="reject-after-approve"),
        pytest.param([REJECT], APPROVE, "rejected", id="approve-after-reject"),
        pytest.param([REJECT], REJECT, "rejected", id="reject-twice"),
        pytest.param([APPROVE], ASK, "approved", id="request-info-after-approve"),
        pytest.param([ASK], ASK, "info_requested", id="request-info-on-info-requested"),
        pytest.param([ASK], APPROVE, "info_requested", id="approve-while-info-requested"),
        pytest.param([], ANSWER, "submitted", id="resubmit-from-submitted"),
        pytest.param([ASSIGN], ANSWER, "in_review", id="resubmit-from-in-review"),
        pytest.param([ASK, ANSWER], ANSWER, "in_review", id="resubmit-twice"),
        pytest.param([APPROVE], ANSWER, "approved", id="resubmit-after-approve"),
        pytest.param([WITHDRAW], APPROVE, "withdrawn", id="approve-withdrawn"),
        pytest.param([WITHDRAW], REJECT, "withdrawn", id="reject-withdrawn"),
        pytest.param([WITHDRAW], ASK, "withdrawn", id="request-info-on-withdrawn"),
        pytest.param([APPROVE], ASSIGN, "approved", id="assign-approved"),
        pytest.param([REJECT], ASSIGN, "rejected", id="assign-rejected"),
        pytest.param([WITHDRAW], ASSIGN, "withdrawn", id="assign-withdrawn"),
    ],
)
async def test_a_move_the_state_machine_forbids_is_a_409_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    steps: list[Step],
    refused: Step,
    status: str,
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    callers = {"vendor": scene.approver, "rep": scene.partner.rep}

    def body_of(body: Json) -> Json:
        return {k: scene.approver_id if v == APPROVER else v for k, v in body.items()}

    for who, action, body in steps:
        await done(client, callers[who], registration_id, action, body_of(body))
    before = await read(client, scene.approver, registration_id)
    assert before["status"] == status
    rows = await written(db, registration_id)

    who, action, body = refused
    response = await act(
        client, callers[who], registration_id, action, body_of(body), version=before["version"]
    )
    problem = assert_problem(response, 409, "illegal-transition")
    assert problem["registration_status"] == status
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


@pytest.mark.parametrize("action", ["resubmit", "assign"])
async def test_an_illegal_move_is_a_409_before_its_body_is_judged(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, action: str
) -> None:
    """A move the state machine forbids is refused as such, whatever the body says: a partner is
    not asked to correct answers it could not resubmit anyway, nor a vendor to pick another
    approver for a decided registration (extensions likewise check the state before the days)."""
    scene = await scene_of(factory, extra_fields=QUESTIONS)
    vendors = [{"vendor_id": str(scene.vendor.vendor.id), "answers": ANSWERS}]
    registration_id = await register(client, scene.partner.rep, scene.vendor, vendors=vendors)
    if action == "resubmit":
        headers, body = scene.partner.rep, REPLY | {"answers": {"seats": "many"}}
    else:
        await done(client, scene.approver, registration_id, "approve", {})
        stranger = await factory.user(await factory.vendor(), Role.vendor_approver)
        headers, body = scene.approver, {"approver_id": str(stranger.id)}
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await act(client, headers, registration_id, action, body, version=before["version"])
    assert response.status_code == 409, response.text
    assert_problem(response, 409, "illegal-transition")
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


# --- who may do what ---------------------------------------------------------------------------


VENDOR_SIDE = (200, 200, 200, 200, 403)
PARTNER_SIDE = (403, 403, 403, 403, 200)
HIDDEN = (404,) * 5
NO_SCOPE = (403,) * 5
# (approve, reject, request-info, assign, resubmit): 404 for what the caller cannot see, then 403
# for a missing write scope or the wrong side of the registration.
ACTS = {
    "owner": PARTNER_SIDE,
    "same_partner_admin": PARTNER_SIDE,
    "same_partner_rep": HIDDEN,
    "other_partner_rep": HIDDEN,
    "other_partner_admin": HIDDEN,
    "vendor_approver": VENDOR_SIDE,
    "vendor_admin": VENDOR_SIDE,
    "vendor_system": VENDOR_SIDE,
    "vendor_channel_ops": NO_SCOPE,
    "linked_vendor_approver": HIDDEN,
    "stranger_vendor_admin": HIDDEN,
    "linked_vendor_channel_ops": NO_SCOPE,
    "platform_channel_ops": NO_SCOPE,
    "platform_admin": NO_SCOPE,
}
REFUSALS = {403: "forbidden", 404: "registration-not-found"}


@pytest.mark.parametrize("caller", list(ACTS))
async def test_who_may_decide_and_who_may_resubmit(
    client: httpx.AsyncClient, db: AsyncSession, world: World, caller: str
) -> None:
    scene = world.scene
    owner = scene.partner.rep
    waiting = await register(client, owner, scene.vendor)
    await done(client, scene.approver, waiting, "request-info", QUESTION)
    attempts = [
        ("approve", await register(client, owner, scene.vendor), {"note": "Fine"}),
        ("reject", await register(client, owner, scene.vendor), {"reason": "duplicate"}),
        ("request-info", await register(client, owner, scene.vendor), QUESTION),
        (
            "assign",
            await register(client, owner, scene.vendor),
            {"approver_id": scene.approver_id},
        ),
        ("resubmit", waiting, REPLY),
    ]
    headers = world.callers[caller]
    for (action, registration_id, body), expected in zip(attempts, ACTS[caller], strict=True):
        before = await read(client, scene.partner.admin, registration_id)
        rows = await written(db, registration_id)
        response = await act(
            client, headers, registration_id, action, body, version=before["version"]
        )
        after = await read(client, scene.partner.admin, registration_id)
        if expected == 200:
            assert response.status_code == 200, f"{action}: {response.text}"
            assert after["version"] == before["version"] + 1, action
            assert await written(db, registration_id) == (rows[0] + 1, rows[1] + 1), action
        else:
            assert_problem(response, expected, REFUSALS[expected])
            assert after == before, action
            assert await written(db, registration_id) == rows, action


@pytest.mark.parametrize("action", ["approve", "reject", "request-info", "assign", "resubmit"])
async def test_an_unknown_registration_is_a_404_even_without_if_match(
    client: httpx.AsyncClient, scene: Scene, action: str
) -> None:
    headers = scene.partner.rep if action == "resubmit" else scene.approver
    body = {
        "approve": {},
        "reject": {"reason": "duplicate"},
        "request-info": QUESTION,
        "assign": {"approver_id": scene.approver_id},
        "resubmit": REPLY,
    }[action]
    response = await client.post(url(str(uuid.uuid4()), action), json=body, headers=headers)
    assert_problem(response, 404, "registration-not-found")


@pytest.mark.parametrize(
    ("precondition", "status", "type_suffix"),
    [({}, 428, "precondition-required"), ({"If-Match": '"7"'}, 412, "stale-version")],
    ids=["missing", "stale"],
)
@pytest.mark.parametrize("action", ["approve", "reject", "request-info", "assign", "resubmit"])
async def test_every_move_needs_the_current_if_match(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    action: str,
    precondition: Headers,
    status: int,
    type_suffix: str,
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    headers, body = {
        "approve": (scene.approver, {}),
        "reject": (scene.approver, {"reason": "duplicate"}),
        "request-info": (scene.approver, QUESTION),
        "assign": (scene.approver, {"approver_id": scene.approver_id}),
        "resubmit": (scene.partner.rep, REPLY),
    }[action]
    if action == "resubmit":
        await done(client, scene.approver, registration_id, "request-info", QUESTION)
    before = await read(client, scene.approver, registration_id)
    rows = await written(db, registration_id)

    response = await client.post(
        url(registration_id, action), json=body, headers=headers | precondition
    )
    assert_problem(response, status, type_suffix)
    if status == 412:
        assert response.headers["etag"] == f'"{before["version"]}"'
    assert await read(client, scene.approver, registration_id) == before
    assert await written(db, registration_id) == rows


# --- the whole way, and after the decision -----------------------------------------------------


async def test_a_registration_goes_the_whole_way_with_one_history_row_and_event_per_move(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner.rep, scene.vendor)
    moves = [
        (scene.other_approver, "assign", {"approver_id": scene.approver_id}, "in_review"),
        (scene.approver, "request-info", QUESTION, "info_requested"),
        (scene.partner.rep, "resubmit", REPLY, "in_review"),
        (scene.approver, "assign", {"approver_id": scene.other_approver_id}, "in_review"),
        (scene.other_approver, "approve", {"note": "Go"}, "approved"),
    ]
    for version, (headers, action, body, status) in enumerate(moves, 1):
        response = await act(client, headers, registration_id, action, body, version=version)
        assert response.status_code == 200, f"{action}: {response.text}"
        assert response.headers["etag"] == f'"{version + 1}"'
        assert response.json()["status"] == status

    actions = [
        "submitted",
        "review_started",
        "info_requested",
        "resubmitted",
        "assigned",
        "approved",
    ]
    for headers in (scene.partner.rep, scene.approver):
        rows = await history_of(client, headers, registration_id)
        assert [row["action"] for row in rows] == actions
        assert [row["to_status"] for row in rows] == [
            "submitted",
            "in_review",
            "info_requested",
            "in_review",
            "in_review",
            "approved",
        ]
    assert [event.type for event in await events_of(db, registration_id)] == [
        f"registration.{action}" for action in actions
    ]
    final = await read(client, scene.approver, registration_id)
    assert (final["approver_id"], final["version"]) == (scene.other_approver_id, 6)


async def test_after_an_approval_over_http_the_stage_and_extensions_work(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    scene = await scene_of(factory, protection_days=60, extension_days=20)
    rep = scene.partner.rep
    registration_id = await register(client, rep, scene.vendor)
    approved = await done(client, scene.approver, registration_id, "approve", {})
    expires_at = when(approved["expires_at"])

    staged = await done(client, rep, registration_id, "stage", {"stage": "qualified"})
    assert (staged["status"], staged["stage"]) == ("approved", "qualified")

    response = await act(
        client,
        rep,
        registration_id,
        "extensions",
        {"days": 15, "reason": "Procurement moved"},
        version=staged["version"],
    )
    assert response.status_code == 201, response.text
    extension_id = response.json()["extension"]["id"]
    version = response.json()["registration"]["version"]
    granted = await client.post(
        url(registration_id, "extensions", extension_id, "decision"),
        json={"decision": "grant"},
        headers=scene.approver | if_match(version),
    )
    assert granted.status_code == 200, granted.text
    extended = granted.json()["registration"]
    assert when(extended["expires_at"]) - expires_at == timedelta(days=15)
    assert extended["extensions_granted"] == 1

    won = await done(client, scene.approver, registration_id, "stage", {"stage": "closed_won"})
    assert (won["status"], won["stage"]) == ("won", "closed_won")
    assert [row["action"] for row in await history_of(client, rep, registration_id)] == [
        "submitted",
        "approved",
        "stage_changed",
        "extension_requested",
        "extension_granted",
        "won",
    ]
    # A closed registration takes no decision any more.
    late = await act(
        client, scene.approver, registration_id, "reject", {"reason": "duplicate"}, version=6
    )
    assert_problem(late, 409, "illegal-transition")


async def test_racing_decisions_on_one_version_decide_once(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """Decisions sent at the same moment against the same version, each committing for real:
    one wins, the others learn the registration has moved on, and one decision is recorded."""
    vendor = await vendor_setup(committed)
    partner = await partner_setup(committed, vendor)
    deciders = [await committed.headers_for(vendor.vendor, Role.vendor_approver) for _ in range(6)]
    await committed.db.commit()
    registration_id = await register(committing_client, partner.rep, vendor)
    bodies: list[tuple[str, Json]] = [
        ("approve", {}),
        ("reject", {"reason": "duplicate"}),
        ("request-info", QUESTION),
    ] * 2

    responses = await asyncio.gather(
        *(
            act(committing_client, headers, registration_id, action, body, version=1)
            for headers, (action, body) in zip(deciders, bodies, strict=True)
        )
    )

    statuses = Counter(response.status_code for response in responses)
    assert statuses == {200: 1, 412: 5}, [r.text for r in responses]
    (winner,) = [r.json() for r in responses if r.status_code == 200]
    current = await read(committing_client, partner.rep, registration_id)
    assert (current["status"], current["version"]) == (winner["status"], 2)
    history = await history_of(committing_client, partner.rep, registration_id)
    assert [row["to_status"] for row in history] == ["submitted", winner["status"]]
    async with make_sessionmaker(committing_engine)() as session:
        assert await written(session, registration_id) == (2, 2)


# --- the queue ---------------------------------------------------------------------------------


async def test_the_queue_holds_the_vendors_open_registrations_most_urgent_first(
    client: httpx.AsyncClient, scene: Scene, factory: Factory
) -> None:
    rep = scene.partner.rep
    other_vendor = await vendor_setup(factory)
    await factory.partnership(scene.partner.partner, other_vendor.vendor)
    rival = await partner_setup(factory, scene.vendor)
    named = {
        name: await register(client, headers, scene.vendor)
        for name, headers in (
            ("submitted", rep),
            ("approved", rep),
            ("in_review", rival.rep),
            ("rejected", rep),
            ("info_requested", rep),
            ("withdrawn", rep),
            ("resubmitted", rival.rep),
        )
    }
    elsewhere = await register(client, rep, other_vendor)
    assign = {"approver_id": scene.approver_id}
    await done(client, scene.approver, named["approved"], "approve", {})
    await done(client, scene.approver, named["in_review"], "assign", assign)
    await done(client, scene.approver, named["rejected"], "reject", {"reason": "duplicate"})
    await done(client, scene.approver, named["info_requested"], "request-info", QUESTION)
    await done(client, rep, named["withdrawn"], "withdraw", {})
    await done(client, scene.approver, named["resubmitted"], "request-info", QUESTION)
    await done(client, rival.rep, named["resubmitted"], "resubmit", REPLY)

    # Running clocks by their next threshold (in office hours the order of submission, the
    # resubmitted one's paused span moving its threshold later still; after hours all fall due at
    # the next opening, and the ids break the tie); the clock waiting on the partner comes last.
    running = [named[n] for n in ("submitted", "in_review", "resubmitted")]
    due = {}
    for registration_id in running:
        clock = await client.get(url(registration_id, "sla"), headers=scene.approver)
        assert clock.status_code == 200, clock.text
        due[registration_id] = datetime.fromisoformat(clock.json()["next_due_at"])
    expected = [*sorted(running, key=lambda r: (due[r], r)), named["info_requested"]]
    for headers in (
        scene.approver,
        scene.other_approver,
        await factory.headers_for(scene.vendor.vendor, Role.vendor_system),
        await factory.headers_for(scene.vendor.vendor, Role.channel_ops),
    ):
        items = await queued(client, headers)
        assert ids(items) == expected
    assert ids(await queued(client, other_vendor.approver)) == [elsewhere]

    # Each entry is the registration as its detail shows it, with its (here no) conflicts, its
    # clock's summary and the question it waits on (tests/api/test_registration_rows.py).
    for item in await queued(client, scene.approver):
        detail = await read(client, scene.approver, item["id"])
        shown = {key: item.pop(key) for key in ("conflicts", "sla", "open_question")}
        assert item == {key: detail[key] for key in item}
        assert shown["conflicts"] == []


async def test_the_queue_puts_breached_first_then_at_risk_then_by_threshold_and_paused_last(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, factory: Factory
) -> None:
    """One of each SLA state. Started on days of March 2025 in New York (Monday to Friday
    09:00-17:00, 8, 16 and 32 business hours), all swept at Tuesday March 11, 12:00."""
    rep = scene.partner.rep
    named = {
        name: await register(client, rep, scene.vendor)
        for name in ("on_track", "paused", "reminded", "at_risk", "breached_new", "breached_old")
    }
    for name, started in [
        ("breached_old", new_york(3, 10)),  # breached Friday March 7, 10:00
        ("breached_new", new_york(4, 10)),  # breached Monday March 10, 10:00
        ("at_risk", new_york(7, 10)),  # at risk Tuesday March 11, 10:00
        ("reminded", new_york(10, 10)),  # reminded Tuesday March 11, 10:00
    ]:
        await started_at(db, named[name], started)
    await sweep(db, new_york(11, 12))
    await done(client, scene.approver, named["paused"], "request-info", QUESTION)

    order = ["breached_old", "breached_new", "at_risk", "reminded", "on_track", "paused"]
    items = await queued(client, scene.approver)
    assert ids(items) == [named[name] for name in order]
    page = await client.get(QUEUE, params={"limit": 2}, headers=scene.approver)
    rest = await client.get(
        QUEUE, params={"limit": 10, "cursor": page.json()["next_cursor"]}, headers=scene.approver
    )
    assert ids(page.json()["items"]) + ids(rest.json()["items"]) == ids(items)

    by_state = await queued(client, scene.approver, {"sla_state": ["at_risk", "breached"]})
    assert ids(by_state) == [named[name] for name in order[:3]]
    # The filter (in SQL) and each row's `sla.state` (in Python) say the same of every one.
    for item in items:
        state = item["sla"]["state"]
        assert item["id"] in ids(await queued(client, scene.approver, {"sla_state": state}))
    await done(
        client, scene.approver, named["reminded"], "assign", {"approver_id": scene.approver_id}
    )
    assert ids(await queued(client, scene.approver, {"assigned": "me"})) == [named["reminded"]]
    unassigned = await queued(client, scene.approver, {"assigned": "nobody"})
    assert named["reminded"] not in ids(unassigned)
    assert len(unassigned) == 5
    other_program = await factory.program(scene.vendor.vendor)
    assert await queued(client, scene.approver, {"program_id": str(other_program.id)}) == []


async def test_the_queue_refuses_filters_that_contradict_or_do_not_apply(
    client: httpx.AsyncClient, scene: Scene, factory: Factory
) -> None:
    both = {"assigned": "me", "approver_id": scene.approver_id}
    assert_problem(await client.get(QUEUE, params=both, headers=scene.approver), 422)
    admin = await factory.headers_for(scene.vendor.vendor, Role.vendor_admin)
    system = await machine_headers(client, admin)
    assert_problem(await client.get(QUEUE, params={"assigned": "me"}, headers=system), 403)
    for bad in ({"assigned": "everyone"}, {"sla_state": "late"}):
        assert_problem(await client.get(QUEUE, params=bad, headers=scene.approver), 400)


async def test_the_queue_filters_by_the_assigned_approver(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    rep = scene.partner.rep
    first, second, third, fourth = [await register(client, rep, scene.vendor) for _ in range(4)]
    mine = {"approver_id": scene.approver_id}
    await done(client, scene.approver, first, "assign", mine)
    await done(client, scene.approver, second, "assign", {"approver_id": scene.other_approver_id})
    await done(client, scene.approver, third, "assign", mine)
    await done(client, scene.approver, third, "request-info", QUESTION)
    await done(client, scene.approver, fourth, "assign", mine)
    await done(client, scene.approver, fourth, "approve", {})

    # Sets: equally urgent ones (all due at the next opening, when registered after hours) come
    # in the order of their ids, not of their registration.
    assert sorted(ids(await queued(client, scene.approver, mine))) == sorted([first, third])
    others = {"approver_id": scene.other_approver_id}
    assert ids(await queued(client, scene.approver, others)) == [second]
    assert await queued(client, scene.approver, {"approver_id": str(uuid.uuid4())}) == []
    # Moving it to another approver moves it in the queue.
    await done(client, scene.approver, first, "assign", others)
    assert ids(await queued(client, scene.approver, mine)) == [third]
    assert sorted(ids(await queued(client, scene.approver, others))) == sorted([first, second])


async def test_the_queue_pages_by_cursor_showing_each_registration_once(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    created = [await register(client, scene.partner.rep, scene.vendor) for _ in range(5)]
    pages: list[list[str]] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        response = await client.get(QUEUE, params=params, headers=scene.approver)
        assert response.status_code == 200, response.text
        pages.append(ids(response.json()["items"]))
        assert len(pages) <= 10, "the cursor never ran out"
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
        params["cursor"] = cursor
    assert [len(page) for page in pages] == [2, 2, 1]
    # Each once; equally urgent ones (registered after hours) come in the order of their ids.
    assert sorted(rid for page in pages for rid in page) == sorted(created)


async def test_the_queue_links_conflicting_registrations_both_ways(
    client: httpx.AsyncClient, scene: Scene, factory: Factory
) -> None:
    seller, vendor = scene.partner, scene.vendor
    rival = await partner_setup(factory, vendor)
    body = deal_body(line(vendor))
    earlier = await register(client, seller.rep, vendor, customer=body["customer"])
    unrelated = await register(client, seller.rep, vendor)
    later = await register(client, rival.rep, vendor, customer=body["customer"])
    numbers = {rid: (await read(client, seller.admin, rid))["number"] for rid in (earlier,)}
    numbers[later] = (await read(client, rival.admin, later))["number"]

    def links(items: list[Json]) -> dict[str, list[tuple[str, str, str, str]]]:
        return {
            item["id"]: [
                (c["id"], c["number"], c["partner_id"], c["status"]) for c in item["conflicts"]
            ]
            for item in items
        }

    items = await queued(client, scene.approver)
    assert sorted(ids(items)) == sorted([earlier, unrelated, later])
    assert links(items) == {
        earlier: [(later, numbers[later], str(rival.partner.id), "submitted")],
        unrelated: [],
        later: [(earlier, numbers[earlier], str(seller.partner.id), "submitted")],
    }
    assert {item["id"]: item["conflict"] for item in items} == {
        earlier: False,
        unrelated: False,
        later: True,
    }

    # Once the earlier one is approved it leaves the queue; the later one still shows it, decided.
    await done(client, scene.approver, earlier, "approve", {})
    items = await queued(client, scene.approver)
    assert links(items) == {
        unrelated: [],
        later: [(earlier, numbers[earlier], str(seller.partner.id), "approved")],
    }


async def test_a_decided_registration_leaves_the_queue(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    rep = scene.partner.rep
    approved, rejected, asked = [await register(client, rep, scene.vendor) for _ in range(3)]
    # Sets: equally urgent ones (registered after hours) come in the order of their ids.
    assert sorted(ids(await queued(client, scene.approver))) == sorted([approved, rejected, asked])

    await done(client, scene.approver, approved, "approve", {})
    assert sorted(ids(await queued(client, scene.approver))) == sorted([rejected, asked])
    await done(client, scene.approver, rejected, "reject", {"reason": "other", "note": "No"})
    # Waiting on the partner is still open.
    await done(client, scene.approver, asked, "request-info", QUESTION)
    assert ids(await queued(client, scene.approver)) == [asked]
    await done(client, rep, asked, "resubmit", REPLY)
    assert ids(await queued(client, scene.approver)) == [asked]
    await done(client, scene.approver, asked, "reject", {"reason": "not_qualified"})
    assert await queued(client, scene.approver) == []


QUEUE_READERS = {
    "vendor_approver": 200,
    "vendor_admin": 200,
    "vendor_system": 200,
    "vendor_channel_ops": 200,
    "owner": 403,
    "same_partner_admin": 403,
    "platform_channel_ops": 403,
    "platform_admin": 403,
}


@pytest.mark.parametrize("caller", list(QUEUE_READERS))
async def test_the_queue_is_for_the_vendor_only(
    client: httpx.AsyncClient, world: World, caller: str
) -> None:
    registration_id = await register(client, world.scene.partner.rep, world.scene.vendor)
    response = await client.get(QUEUE, headers=world.callers[caller])
    if QUEUE_READERS[caller] == 200:
        assert response.status_code == 200, response.text
        assert ids(response.json()["items"]) == [registration_id]
    else:
        assert_problem(response, 403, "forbidden")
