"""Mail for the SLA's thresholds: a reminder (half the target), at risk (the target) and breached
(the hard limit) go to the registration's assigned approver, or to every active approver and
admin of the vendor while it has none; at risk, and a breach the policy escalates, also to the
escalation contact. Each threshold fires once (its firing row is unique), and its mail is written
by one job enqueued in that same transaction: one mail per threshold and recipient.

Nobody is chased for a registration that was decided or withdrawn before the job ran; a breach
is told anyway, as it stays on the record."""

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.mail import tasks as mail
from dealreg.mail.letters import Mail
from dealreg.mail.service import send_later
from dealreg.orgs.models import Organization, Role, User
from dealreg.outbox.jobs import enqueue_all, job
from dealreg.registrations.models import Registration
from dealreg.sla import clocks
from dealreg.sla.events import ThresholdsFired
from dealreg.sla.models import BreachAction, ClockState, SlaClock, Threshold

_DECIDERS = (Role.vendor_approver, Role.vendor_admin)
_HEADLINES = {
    Threshold.reminder: "Reminder: {number} awaits your decision",
    Threshold.at_risk: "At risk: {number} is past its approval target",
    Threshold.breached: "Breached: {number} passed its hard limit undecided",
}


def registration_link(site_url: str, registration_id: uuid.UUID) -> str:
    return f"{site_url.rstrip('/')}/v1/registrations/{registration_id}"


async def on_thresholds(event: ThresholdsFired) -> None:
    """Have each threshold's mail written once the firings commit."""
    await enqueue_all(
        event.session,
        mail_threshold,
        [
            {
                "registration_id": str(fired.registration_id),
                "threshold": fired.threshold.value,
                "due_at": fired.due_at.isoformat(),
            }
            for fired in event.fired
        ],
    )


@job("notifications.sla_threshold")
async def mail_threshold(
    session: AsyncSession, registration_id: str, threshold: str, due_at: str
) -> None:
    fired = Threshold(threshold)
    registration = await session.get(Registration, uuid.UUID(registration_id))
    clock = await session.get(SlaClock, uuid.UUID(registration_id))
    if registration is None or clock is None:
        return
    if clock.state is ClockState.stopped and fired is not Threshold.breached:
        return
    recipients = await _deciders(session, registration)
    escalates = fired is Threshold.at_risk or clock.breach_action is BreachAction.escalate
    if clock.escalation_email and escalates and fired is not Threshold.reminder:
        recipients.append(clock.escalation_email)
    setup = mail.outbound()
    partner = await session.get_one(Organization, registration.partner_id)
    subject = _HEADLINES[fired].format(number=registration.number)
    text = _text(
        registration, clock, partner, fired, datetime.fromisoformat(due_at), setup.site_url
    )
    for address in dict.fromkeys(recipients):
        await send_later(session, setup.sealer, Mail(to=address, subject=subject, text=text))


async def _deciders(session: AsyncSession, registration: Registration) -> list[str]:
    """The assigned approver while active; else the vendor's active approvers and admins."""
    if registration.approver_id is not None:
        approver = await session.get(User, registration.approver_id)
        if approver is not None and approver.active:
            return [approver.email]
    stmt = (
        select(User.email)
        .where(
            User.organization_id == registration.vendor_id,
            User.active,
            User.role.in_(_DECIDERS),
        )
        .order_by(User.email)
    )
    return list(await session.scalars(stmt))


def _text(
    registration: Registration,
    clock: SlaClock,
    partner: Organization,
    fired: Threshold,
    due_at: datetime,
    site_url: str,
) -> str:
    calendar = clocks.calendar_of(clock)
    target = clocks.threshold_at(clock, Threshold.at_risk, calendar)
    hard_limit = clocks.threshold_at(clock, Threshold.breached, calendar)
    what = {
        Threshold.reminder: "Half of its approval target has passed.",
        Threshold.at_risk: "It has passed its approval target; decide before the hard limit.",
        Threshold.breached: "It passed its hard limit without a decision: an SLA breach.",
    }[fired]
    lines = [
        f"{registration.number}: {registration.title}",
        f"Customer: {registration.customer_name}",
        f"Partner: {partner.name}",
        f"Submitted: {registration.submitted_at:%Y-%m-%d %H:%M} UTC",
        "",
        what,
        f"Due: {due_at:%Y-%m-%d %H:%M} UTC",
    ]
    if target is not None and hard_limit is not None:
        lines.append(
            f"Target: {target:%Y-%m-%d %H:%M} UTC · hard limit: {hard_limit:%Y-%m-%d %H:%M} UTC"
        )
    lines += ["", f"Open it: {registration_link(site_url, registration.id)}", ""]
    return "\n".join(lines)
