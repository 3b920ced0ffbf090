"""A clock's copies of what the SLA reports read of its registration (models.SlaClock: program,
approver, decided, who decided, breached) agree with the registration and its breach after every kind of
change: submission, assignment and reassignment, a question and its answer, approval, rejection,
withdrawal, approval by a program's rule at submission, a breach, approval by the breach rule,
and any sequence of these (a property test over sequences of actions, legal or not).
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import case, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role
from dealreg.registrations.models import Registration
from dealreg.sla.models import SlaBreach, SlaClock
from dealreg.sla.repository import sla_state
from dealreg.sla.service import state_of
from tests.clocks import act, attempt, forget, register, sweep
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.signin import machine_headers

Headers = dict[str, str]
Json = dict[str, Any]

# Every threshold of a clock started now is due by then: a sweep at it breaches what runs.
LONG_AFTER = datetime(2035, 1, 1, tzinfo=UTC)
QUESTION = {"question": "Who holds the customer's budget?"}
REPLY = {"reply": "The CFO; it is signed off."}


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    admin: Headers
    approvers: list[uuid.UUID]


async def scene_of(factory: Factory, **program: Any) -> Scene:
    setup = await vendor_setup(factory, **program)
    partner = await partner_setup(factory, setup)
    admin = await factory.headers_for(setup.vendor, Role.vendor_admin)
    approvers = [(await factory.user(setup.vendor, Role.vendor_approver)).id for _ in range(2)]
    return Scene(setup, partner, admin, approvers)


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await scene_of(factory)


async def disagreeing(db: AsyncSession) -> list[uuid.UUID]:
    """The registrations whose clock's copies differ from what the registration and its breach
    say."""
    await db.flush()
    stmt = (
        select(SlaClock.registration_id)
        .join(Registration, Registration.id == SlaClock.registration_id)
        .outerjoin(SlaBreach, SlaBreach.registration_id == Registration.id)
        .where(
            or_(
                SlaClock.partner_id.is_distinct_from(Registration.partner_id),
                SlaClock.program_id.is_distinct_from(Registration.program_id),
                SlaClock.approver_id.is_distinct_from(Registration.approver_id),
                SlaClock.decided.is_distinct_from(Registration.decided_at.is_not(None)),
                # Who asked for information is kept on the registration; the clock keeps who
                # approved or rejected.
                SlaClock.decided_by_id.is_distinct_from(
                    case((Registration.decided_at.is_not(None), Registration.decided_by_id))
                ),
                SlaClock.breached.is_distinct_from(SlaBreach.id.is_not(None)),
            )
        )
    )
    return list((await db.scalars(stmt)).all())


async def states_disagreeing(db: AsyncSession) -> list[uuid.UUID]:
    """The clocks whose state in SQL (the queue's filter) differs from the one their rows show."""
    await db.flush()
    forget(db)
    rows = (await db.execute(select(SlaClock, sla_state().label("in_sql")))).all()
    return [clock.registration_id for clock, in_sql in rows if in_sql != state_of(clock).value]


async def copies(db: AsyncSession, registration_id: str) -> tuple[Any, ...]:
    """The clock's (program, approver, decided, breached), once they agree with the
    registration."""
    assert await disagreeing(db) == []
    forget(db)
    clock = await db.get_one(SlaClock, uuid.UUID(registration_id))
    return clock.program_id, clock.approver_id, clock.decided, clock.breached


async def assign(
    client: httpx.AsyncClient, scene: Scene, registration_id: str, approver_id: uuid.UUID
) -> None:
    body = {"approver_id": str(approver_id)}
    await act(client, scene.admin, registration_id, "assign", body)


async def test_a_submitted_registrations_clock_has_its_program_and_nothing_else_yet(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)

    assert await copies(db, registration_id) == (scene.vendor.program.id, None, False, False)


async def test_the_clock_follows_each_assignment_to_an_approver(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    first, second = scene.approvers
    registration_id = await register(client, scene.partner, scene.vendor)

    await assign(client, scene, registration_id, first)
    assert (await copies(db, registration_id))[1] == first

    await assign(client, scene, registration_id, second)
    assert (await copies(db, registration_id))[1] == second


@pytest.mark.parametrize(
    ("moves", "decided"),
    [
        ([("approve", {})], True),
        ([("reject", {"reason": "not_qualified"})], True),
        ([("request-info", QUESTION), ("resubmit", REPLY)], False),
        ([("request-info", QUESTION), ("resubmit", REPLY), ("approve", {})], True),
        ([("withdraw", {})], False),
    ],
    ids=["approved", "rejected", "answered", "answered-then-approved", "withdrawn"],
)
async def test_a_decision_and_only_a_decision_marks_the_clock_decided(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    moves: list[tuple[str, Json]],
    decided: bool,
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    await assign(client, scene, registration_id, scene.approvers[0])
    approver = scene.vendor.approver
    for action, body in moves:
        headers = scene.partner.rep if action in ("resubmit", "withdraw") else approver
        await act(client, headers, registration_id, action, body)

    assert (await copies(db, registration_id))[2:] == (decided, False)


async def test_approval_by_the_programs_rule_at_submission_marks_the_clock_decided(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await scene_of(factory, auto_approve_rules=[{}])
    registration_id = await register(client, scene.partner, scene.vendor)

    assert (await copies(db, registration_id))[2:] == (True, False)


async def test_a_breach_marks_the_clock_breached_and_a_later_decision_decided(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)

    await sweep(db, LONG_AFTER)
    assert (await copies(db, registration_id))[2:] == (False, True)

    await act(client, scene.vendor.approver, registration_id, "approve", {})
    assert (await copies(db, registration_id))[2:] == (True, True)


async def test_approval_by_the_breach_rule_marks_the_clock_breached_and_decided(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    response = await client.put(
        f"/v1/vendors/{scene.vendor.vendor.id}/sla-policy",
        json={"breach_action": "auto_approve"},
        headers=scene.admin,
    )
    assert response.status_code == 200, response.text
    registration_id = await register(client, scene.partner, scene.vendor)

    await sweep(db, LONG_AFTER)

    assert (await copies(db, registration_id))[2:] == (True, True)


async def decider(
    client: httpx.AsyncClient, headers: Headers, registration_id: str
) -> tuple[Any, Any, Any]:
    response = await client.get(f"/v1/registrations/{registration_id}", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["decided_by"], body["decided_by_id"], body["decided_by_rule"]


async def test_who_asked_and_who_decided_is_kept_and_hidden_from_the_partner(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, factory: Factory
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    assert await decider(client, scene.admin, registration_id) == (None, None, None)
    admin = await factory.user(scene.vendor.vendor, Role.vendor_admin)
    asker = {"Authorization": f"Bearer {factory.token(admin, scene.vendor.vendor)}"}

    await act(client, asker, registration_id, "request-info", QUESTION)
    assert await decider(client, scene.admin, registration_id) == ("user", str(admin.id), None)
    await act(client, scene.partner.rep, registration_id, "resubmit", REPLY)
    await act(client, scene.vendor.approver, registration_id, "approve", {})

    approver = (await client.get("/v1/me", headers=scene.vendor.approver)).json()["id"]
    assert await decider(client, scene.admin, registration_id) == ("user", approver, None)
    # The partner learns that a person of the vendor's decided, never who.
    assert await decider(client, scene.partner.rep, registration_id) == ("user", None, None)
    forget(db)
    clock = await db.get_one(SlaClock, uuid.UUID(registration_id))
    assert str(clock.decided_by_id) == approver


async def test_the_vendors_system_decides_as_a_client(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    system = await machine_headers(client, scene.admin)
    client_id = (await client.get("/v1/me", headers=system)).json()["id"]
    registration_id = await register(client, scene.partner, scene.vendor)

    await act(client, system, registration_id, "reject", {"reason": "not_qualified"})

    assert await decider(client, scene.admin, registration_id) == ("client", client_id, None)
    assert await decider(client, scene.partner.rep, registration_id) == ("client", None, None)


async def test_a_rule_decides_by_name(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    by_program = await scene_of(factory, auto_approve_rules=[{}])
    at_submission = await register(client, by_program.partner, by_program.vendor)
    assert await decider(client, by_program.admin, at_submission) == (
        "rule",
        None,
        "auto_approve",
    )

    scene = await scene_of(factory)
    response = await client.put(
        f"/v1/vendors/{scene.vendor.vendor.id}/sla-policy",
        json={"breach_action": "auto_approve"},
        headers=scene.admin,
    )
    assert response.status_code == 200, response.text
    at_breach = await register(client, scene.partner, scene.vendor)
    await sweep(db, LONG_AFTER)
    assert await decider(client, scene.admin, at_breach) == ("rule", None, "sla_breach")


ACTIONS = ["assign", "reassign", "request-info", "resubmit", "approve", "reject", "withdraw"]


@settings(
    max_examples=25,
    deadline=None,
    # The scene is shared by the examples: each adds a registration of its own to it, and every
    # clock in it must agree after every step.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.sampled_from([*ACTIONS, "sweep"]), max_size=6))
async def test_after_any_sequence_of_actions_every_clock_agrees_with_its_registration(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, steps: list[str]
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    for step in steps:
        if step == "sweep":
            await sweep(db, LONG_AFTER)
        elif step in ("assign", "reassign"):
            body = {"approver_id": str(scene.approvers[step == "reassign"])}
            await attempt(client, scene.admin, registration_id, "assign", body)
        else:
            # Moves the registration's status does not allow are refused, and change nothing.
            headers, body = {
                "request-info": (scene.vendor.approver, QUESTION),
                "resubmit": (scene.partner.rep, REPLY),
                "approve": (scene.vendor.approver, {}),
                "reject": (scene.vendor.approver, {"reason": "not_qualified"}),
                "withdraw": (scene.partner.rep, {}),
            }[step]
            await attempt(client, headers, registration_id, step, body)
        assert await disagreeing(db) == [], steps
        assert await states_disagreeing(db) == [], steps
