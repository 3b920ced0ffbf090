"""`POST /v1/registrations/{id}/cancel` (issue #7): the vendor ends an approved registration's
protection for cause. The cancellation is recorded (history, event), enqueues the settle job when
the registration earns by a plan, and that job reverses what the rep earned on it, within the
plan's clawback window of the approval only. It needs the current If-Match and a reason, and is
the vendor's alone: a partner is refused, another vendor does not find the registration."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.events.models import Event
from dealreg.orgs.models import Role
from dealreg.outbox.models import OutboxMessage
from dealreg.registrations.models import RegistrationHistory
from tests.clocks import act, attempt
from tests.deals import REGISTRATIONS, approve, caller_in, without_registrations_write
from tests.factories import Factory
from tests.incentives.helpers import (
    PAID,
    Enrolment,
    Headers,
    Json,
    Settle,
    assert_clawed_back,
    ledger_of,
    settle_jobs_for,
)
from tests.problems import assert_problem, count_rows, if_match

REASON = "The customer bought direct from the vendor"


def url(registration_id: str, *rest: str) -> str:
    return "/".join([REGISTRATIONS, registration_id, *rest])


async def read(client: httpx.AsyncClient, headers: Headers, registration_id: str) -> Json:
    response = await client.get(url(registration_id), headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


async def cancel(
    client: httpx.AsyncClient,
    headers: Headers,
    registration_id: str,
    body: Json | None = None,
    *,
    version: int | None = None,
) -> httpx.Response:
    """Cancel with `body` (a reason by default), against `version` (the current one by default)."""
    if version is None:
        version = (await read(client, headers, registration_id))["version"]
    return await client.post(
        url(registration_id, "cancel"),
        json={"reason": REASON} if body is None else body,
        headers=headers | if_match(version),
    )


async def footprint(db: AsyncSession, registration_id: str) -> tuple[int, int, int]:
    """What a refused cancellation must leave as it was: the registration's history rows and
    events, and the jobs enqueued."""
    rid = uuid.UUID(registration_id)
    return (
        await count_rows(db, RegistrationHistory, RegistrationHistory.registration_id == rid),
        await count_rows(db, Event, Event.subject_id == rid),
        await count_rows(db, OutboxMessage),
    )


# --- cancelling --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_admin, Role.vendor_system])
async def test_the_vendor_cancels_an_approved_registration_and_the_rep_loses_its_earnings(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    enrolment: Enrolment,
    settle: Settle,
    role: Role,
) -> None:
    vendor, partner = enrolment.vendor, enrolment.partner
    plan = await enrolment.plan()
    registration_id = await enrolment.approved("proposal")
    earnings = await settle(registration_id)
    assert len(earnings) == 2
    jobs = len(await settle_jobs_for(db, registration_id))
    user = await factory.user(vendor.vendor, role)
    headers = {"Authorization": f"Bearer {factory.token(user, vendor.vendor)}"}
    version = (await read(client, headers, registration_id))["version"]

    response = await cancel(client, headers, registration_id, version=version)

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == f'"{version + 1}"'
    body = response.json()
    assert (body["id"], body["status"], body["stage"], body["version"]) == (
        registration_id,
        "cancelled",
        "proposal",
        version + 1,
    )
    assert (await read(client, partner.rep, registration_id))["status"] == "cancelled"

    # The partner reads that the vendor cancelled and why, not who (tests/api/test_disclosure).
    history = await client.get(url(registration_id, "history"), headers=partner.rep)
    last = history.json()["items"][-1]
    assert {key: last[key] for key in ("action", "actor_id", "actor_role", "reason")} == {
        "action": "cancelled",
        "actor_id": None,
        "actor_role": role.value,
        "reason": REASON,
    }
    history = await client.get(url(registration_id, "history"), headers=headers)
    assert history.json()["items"][-1]["actor_id"] == str(user.id)
    assert (last["from_status"], last["to_status"]) == ("approved", "cancelled")
    assert (last["from_stage"], last["to_stage"]) == ("proposal", "proposal")

    (event,) = await db.scalars(
        select(Event).where(
            Event.subject_id == uuid.UUID(registration_id), Event.type == "registration.cancelled"
        )
    )
    assert (event.vendor_id, event.partner_id) == (vendor.vendor.id, partner.partner.id)
    assert (event.data["status"], event.data["from_status"], event.data["reason"]) == (
        "cancelled",
        "approved",
        REASON,
    )

    # The cancellation enqueued a settle, which claws back every earning, once.
    enqueued = await settle_jobs_for(db, registration_id)
    assert len(enqueued) == jobs + 1
    assert {message.payload["registration_id"] for message in enqueued} == {registration_id}
    reversals = await settle(registration_id)
    assert_clawed_back(earnings, reversals, "clawback: cancelled for cause")
    assert {row.plan_id for row in reversals} == {uuid.UUID(plan["id"])}
    assert await settle(registration_id) == []
    ledger = await ledger_of(db, registration_id)
    assert len(ledger) == 4
    assert sum(amount for _, _, amount in ledger) == 0
    entries = await client.get(url(registration_id, "earnings"), headers=partner.rep)
    assert {entry["status"] for entry in entries.json()["items"]} == {"reversed"}


@pytest.mark.parametrize(
    ("approved_days_ago", "clawed_back"),
    [(4, True), (6, False)],
    ids=["within-the-window", "after-the-window"],
)
async def test_a_cancellation_claws_back_only_within_the_plans_window_of_the_approval(
    client: httpx.AsyncClient,
    db: AsyncSession,
    enrolment: Enrolment,
    settle: Settle,
    approved_days_ago: int,
    clawed_back: bool,
) -> None:
    await enrolment.plan(clawback_days=5)
    registration_id = await enrolment.registered()
    await approve(db, registration_id, at=datetime.now(UTC) - timedelta(days=approved_days_ago))
    assert len(await settle(registration_id)) == 1
    jobs = len(await settle_jobs_for(db, registration_id))

    response = await cancel(client, enrolment.vendor.approver, registration_id)

    assert response.status_code == 200, response.text
    assert len(await settle_jobs_for(db, registration_id)) == jobs + 1
    reversals = await settle(registration_id)
    earned = ("registration", "earning", PAID["registration"])
    if clawed_back:
        assert len(reversals) == 1
        assert await ledger_of(db, registration_id) == [
            earned,
            ("registration", "reversal", -PAID["registration"]),
        ]
    else:
        assert reversals == []
        assert await ledger_of(db, registration_id) == [earned]


async def test_a_registration_without_a_plan_is_cancelled_with_nothing_to_settle(
    client: httpx.AsyncClient, db: AsyncSession, enrolment: Enrolment
) -> None:
    registration_id = await enrolment.approved()
    response = await cancel(client, enrolment.vendor.approver, registration_id)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"
    assert await settle_jobs_for(db, registration_id) == []


async def test_cancelling_refuses_the_extension_waiting_for_the_vendor(
    client: httpx.AsyncClient, enrolment: Enrolment
) -> None:
    rep = enrolment.partner.rep
    registration_id = await enrolment.approved()
    asking = {"days": 10, "reason": "The board meets next quarter"}
    asked = await attempt(client, rep, registration_id, "extensions", asking)
    assert asked.status_code == 201, asked.text
    assert asked.json()["registration"]["extension_pending"] is True

    response = await cancel(client, enrolment.vendor.approver, registration_id)

    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["extension_pending"]) == (
        "cancelled",
        False,
    )
    extensions = await client.get(url(registration_id, "extensions"), headers=rep)
    (extension,) = extensions.json()["items"]
    assert (extension["status"], extension["decision_reason"]) == (
        "refused",
        "registration cancelled",
    )
    assert extension["decided_at"] is not None
    assert extension["granted_days"] is None


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status", "type_suffix"),
    [({}, 428, "precondition-required"), ({"If-Match": '"1"'}, 412, "stale-version")],
    ids=["missing", "stale"],
)
async def test_a_cancellation_needs_the_current_if_match(
    client: httpx.AsyncClient,
    db: AsyncSession,
    enrolment: Enrolment,
    headers: Headers,
    status: int,
    type_suffix: str,
) -> None:
    approver = enrolment.vendor.approver
    await enrolment.plan()
    registration_id = await enrolment.approved()
    current = await read(client, approver, registration_id)
    before = await footprint(db, registration_id)

    response = await client.post(
        url(registration_id, "cancel"), json={"reason": REASON}, headers=approver | headers
    )

    assert_problem(response, status, type_suffix)
    if status == 412:
        assert response.headers["etag"] == f'"{current["version"]}"'
    after = await read(client, approver, registration_id)
    assert (after["status"], after["version"]) == ("approved", current["version"])
    assert await footprint(db, registration_id) == before


async def rejected(enrolment: Enrolment) -> str:
    registration_id = await enrolment.registered()
    await act(
        enrolment.client,
        enrolment.vendor.approver,
        registration_id,
        "reject",
        {"reason": "not_qualified"},
    )
    return registration_id


async def won(enrolment: Enrolment) -> str:
    return await enrolment.approved("closed_won")


async def cancelled(enrolment: Enrolment) -> str:
    registration_id = await enrolment.approved()
    response = await cancel(enrolment.client, enrolment.vendor.approver, registration_id)
    assert response.status_code == 200, response.text
    return registration_id


@pytest.mark.parametrize(
    ("arrange", "status"),
    [
        (Enrolment.registered, "submitted"),
        (rejected, "rejected"),
        (won, "won"),
        (cancelled, "cancelled"),
    ],
    ids=["submitted", "rejected", "won", "cancelled"],
)
async def test_only_an_approved_registration_is_cancelled(
    client: httpx.AsyncClient,
    db: AsyncSession,
    enrolment: Enrolment,
    arrange: Callable[[Enrolment], Awaitable[str]],
    status: str,
) -> None:
    approver = enrolment.vendor.approver
    await enrolment.plan()
    registration_id = await arrange(enrolment)
    before = await footprint(db, registration_id)
    current = await read(client, approver, registration_id)

    response = await cancel(client, approver, registration_id, version=current["version"])

    problem = assert_problem(response, 409, "illegal-transition")
    assert problem["registration_status"] == status
    assert await read(client, approver, registration_id) == current
    assert await footprint(db, registration_id) == before


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": ""}, {"reason": None}, {"reason": "x" * 2001}, {"reason": "Fraud\x00"}],
    ids=["missing", "empty", "null", "too-long", "nul"],
)
async def test_a_cancellation_needs_a_reason(
    client: httpx.AsyncClient, db: AsyncSession, enrolment: Enrolment, body: Json
) -> None:
    approver = enrolment.vendor.approver
    registration_id = await enrolment.approved()
    before = await footprint(db, registration_id)
    response = await cancel(client, approver, registration_id, body)
    assert_problem(response, 422, "validation-error", pointer="/reason")
    assert (await read(client, approver, registration_id))["status"] == "approved"
    assert await footprint(db, registration_id) == before


async def test_an_unknown_field_in_a_cancellation_is_refused(
    client: httpx.AsyncClient, enrolment: Enrolment
) -> None:
    registration_id = await enrolment.approved()
    body = {"reason": REASON, "claw_back": False}
    response = await cancel(client, enrolment.vendor.approver, registration_id, body)
    assert_problem(response, 422, "validation-error", pointer="/claw_back")


@pytest.mark.parametrize("side", ["rep", "admin"])
async def test_the_partner_does_not_cancel_its_own_registration(
    client: httpx.AsyncClient, db: AsyncSession, enrolment: Enrolment, side: str
) -> None:
    partner = enrolment.partner
    registration_id = await enrolment.approved()
    before = await footprint(db, registration_id)
    headers = partner.rep if side == "rep" else partner.admin
    response = await cancel(client, headers, registration_id)
    assert_problem(response, 403, "forbidden")
    assert (await read(client, partner.rep, registration_id))["status"] == "approved"
    assert await footprint(db, registration_id) == before


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_admin])
async def test_another_vendor_does_not_find_the_registration(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, enrolment: Enrolment, role: Role
) -> None:
    partner = enrolment.partner
    registration_id = await enrolment.approved()
    version = (await read(client, partner.rep, registration_id))["version"]
    before = await footprint(db, registration_id)
    # Even a vendor the partner is enrolled with.
    other = await factory.vendor()
    await factory.partnership(partner.partner, other)
    headers = await factory.headers_for(other, role)
    response = await cancel(client, headers, registration_id, version=version)
    assert_problem(response, 404, "registration-not-found")
    assert await footprint(db, registration_id) == before

    unknown = await cancel(client, enrolment.vendor.approver, str(uuid.uuid4()), version=1)
    assert_problem(unknown, 404, "registration-not-found")


@without_registrations_write
async def test_a_caller_without_the_registrations_write_scope_does_not_cancel(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    enrolment: Enrolment,
    org_kind: str,
    role: Role,
) -> None:
    registration_id = await enrolment.approved()
    version = (await read(client, enrolment.partner.rep, registration_id))["version"]
    before = await footprint(db, registration_id)
    headers = await caller_in(factory, enrolment.vendor, org_kind, role)
    response = await cancel(client, headers, registration_id, version=version)
    assert_problem(response, 403, "forbidden")
    assert 'scope="registrations:write"' in response.headers["www-authenticate"]
    assert await footprint(db, registration_id) == before


async def test_a_stage_reported_after_the_cancellation_is_refused(
    client: httpx.AsyncClient, enrolment: Enrolment
) -> None:
    registration_id = await cancelled(enrolment)
    response = await attempt(
        client, enrolment.partner.rep, registration_id, "stage", {"stage": "proposal"}
    )
    assert_problem(response, 409, "illegal-transition")
