"""The SLA's thresholds mailed to the people who must act, through a real SMTP server: the
assigned approver (or every approver and admin of the vendor while none is assigned), the
escalation contact at risk and at an escalated breach; one mail per threshold and recipient,
however often the sweep runs; nobody chased for a registration decided before the mail went."""

from dataclasses import dataclass
from datetime import UTC

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.orgs.models import Role, User
from tests.clocks import act, register, started_at, sweep
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.mailbox import SITE, Smtp, link_in, mails_to, run_jobs
from tests.sla.test_sweep import AT_RISK_AT, BREACH_AT, MONDAY, REMINDER_AT

JOBS = ("notifications.sla_threshold", "mail.send")
ESCALATIONS = "deal-desk-lead@vendor.example"
SUBJECTS = {
    "reminder": "Reminder: {number} awaits your decision",
    "at_risk": "At risk: {number} is past its approval target",
    "breached": "Breached: {number} passed its hard limit undecided",
}


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    admin: dict[str, str]
    # The vendor's approvers and admins: whom an unassigned registration's mail goes to.
    deciders: list[User]


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.user(vendor.vendor, Role.vendor_admin)
    await factory.user(vendor.vendor, Role.vendor_approver, active=False)
    await factory.user(vendor.vendor, Role.channel_ops)
    deciders = await factory.db.scalars(
        select(User).where(
            User.organization_id == vendor.vendor.id,
            User.active,
            User.role.in_([Role.vendor_approver, Role.vendor_admin]),
        )
    )
    headers = {"Authorization": f"Bearer {factory.token(admin, vendor.vendor)}"}
    return Scene(vendor, partner, headers, list(deciders))


async def number_of(client: httpx.AsyncClient, scene: Scene, registration_id: str) -> str:
    response = await client.get(f"/v1/registrations/{registration_id}", headers=scene.admin)
    assert response.status_code == 200, response.text
    return str(response.json()["number"])


def subjects(smtp: Smtp, address: str) -> list[str]:
    return [str(message["Subject"]) for message in mails_to(smtp, address)]


async def test_an_unassigned_registrations_thresholds_go_to_every_approver_and_admin_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    scene: Scene,
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    number = await number_of(client, scene, registration_id)
    await started_at(db, registration_id, MONDAY)

    await sweep(db, AT_RISK_AT)
    assert await run_jobs(sessionmaker, *JOBS) == 2 + 2 * len(scene.deciders)
    await sweep(db, AT_RISK_AT)
    assert await run_jobs(sessionmaker, *JOBS) == 0

    assert len(scene.deciders) == 2
    for person in scene.deciders:
        assert subjects(to_smtp, person.email) == [
            SUBJECTS["reminder"].format(number=number),
            SUBJECTS["at_risk"].format(number=number),
        ]
    assert {address for e in to_smtp.inbox.received for address in e.rcpt_tos} == {
        person.email for person in scene.deciders
    }
    reminder = mails_to(to_smtp, scene.deciders[0].email)[0]
    assert link_in(reminder) == f"{SITE}/v1/registrations/{registration_id}"
    text = reminder.get_content()
    assert number in text
    assert f"Due: {REMINDER_AT.astimezone(UTC):%Y-%m-%d %H:%M} UTC" in text


async def test_the_assigned_approver_and_the_escalation_contact_are_told(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    scene: Scene,
    factory: Factory,
) -> None:
    policy = await client.put(
        f"/v1/vendors/{scene.vendor.vendor.id}/sla-policy",
        json={"breach_action": "escalate", "escalation_email": ESCALATIONS},
        headers=scene.admin,
    )
    assert policy.status_code == 200, policy.text
    approver = await factory.user(scene.vendor.vendor, Role.vendor_approver)
    registration_id = await register(client, scene.partner, scene.vendor)
    number = await number_of(client, scene, registration_id)
    await act(client, scene.admin, registration_id, "assign", {"approver_id": str(approver.id)})
    await started_at(db, registration_id, MONDAY)

    await sweep(db, BREACH_AT)
    await run_jobs(sessionmaker, *JOBS)

    assert subjects(to_smtp, approver.email) == [
        SUBJECTS[threshold].format(number=number)
        for threshold in ("reminder", "at_risk", "breached")
    ]
    assert subjects(to_smtp, ESCALATIONS) == [
        SUBJECTS[threshold].format(number=number) for threshold in ("at_risk", "breached")
    ]
    for person in scene.deciders:
        assert mails_to(to_smtp, person.email) == []


async def test_nobody_is_chased_for_a_registration_decided_before_the_mail_went(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    scene: Scene,
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    await started_at(db, registration_id, MONDAY)
    await sweep(db, AT_RISK_AT)

    await act(client, scene.admin, registration_id, "approve", {})
    await run_jobs(sessionmaker, *JOBS)

    assert to_smtp.inbox.received == []
