"""The demo's deals: two reps registering the same customer (a conflict for Acme's approver),
Acme registrations at every stage of the approval SLA, and at every incentive milestone."""

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.approvals import service as approvals
from dealreg.approvals.service import RejectionReason
from dealreg.auth.service import principal_for_email
from dealreg.incentives import service as incentives
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch
from dealreg.registrations.models import Registration, SalesStage
from dealreg.registrations.schemas import (
    Contact,
    Customer,
    DealInput,
    LineInput,
    Opportunity,
    VendorInput,
)
from dealreg.registrations.service import report_stage
from dealreg.registrations.submission import submit_deal
from dealreg.sla import clocks
from dealreg.sla import service as sla
from dealreg.sla.models import SlaClock


def demo_deal(customer: str, domain: str, lines: list[LineInput], **answers: Any) -> DealInput:
    today = datetime.now(UTC).date()
    return DealInput(
        customer=Customer(legal_name=customer, domain=domain, country="US", city="Boston"),
        contact=Contact(name="Casey Buyer", email=f"casey@{domain}"),
        opportunity=Opportunity(
            title="Network and endpoint security refresh",
            expected_close_date=today + timedelta(days=75),
            currency="USD",
            competitors=["Other Networks"],
        ),
        lines=lines,
        vendors=[
            VendorInput(vendor_id=line.vendor_id, answers=answers[line.sku])
            for line in lines
            if line.sku in answers
        ],
    )


async def seed_deals(session: AsyncSession, orgs: dict[str, Organization]) -> None:
    """A deal of Northwind's rep for Acme and Nordlys, and Fjord's rep registering the same
    customer at Acme: Acme's approver sees the conflict."""
    acme, nordlys = orgs["Acme Networks"].id, orgs["Nordlys Security"].id
    firewall = LineInput(vendor_id=acme, sku="ACME-FW-500", quantity=4, unit_price=1_250_000)
    edr = LineInput(vendor_id=nordlys, sku="NRD-EDR-ENT", quantity=800, unit_price=4_500)
    answers = {"ACME-FW-500": {"use_case": "perimeter"}, "NRD-EDR-ENT": {"endpoints": 800}}
    rob = await principal_for_email(session, "rep@northwind.example")
    frida = await principal_for_email(session, "rep@fjord.example")
    await submit_deal(
        session,
        rob,
        demo_deal("Contoso Health, Inc.", "contoso-health.com", [firewall, edr], **answers),
    )
    await submit_deal(
        session,
        frida,
        demo_deal("Contoso Health", "www.contoso-health.com", [firewall], **answers),
    )
    await _seed_sla_stages(session, rob, firewall, answers)
    await _seed_earnings(session, rob, firewall, answers)


# Acme registrations at every stage of the approval SLA (2 and 4 business days: 16 and 32 business
# hours; the reminder at 8): customer, business hours on the clock (by now, or by the decision),
# what the vendor did, and for a decision, how many weeks ago.
SLA_STAGES: list[tuple[str, int, str | None, int]] = [
    ("Fabrikam Retail", 0, None, 0),
    ("Tailspin Toys", 10, None, 0),
    ("Wingtip Travel", 18, None, 0),
    ("Litware Labs", 34, None, 0),
    ("Adventure Works", 6, "request_info", 0),
    ("Northwind Traders", 3, "approve", 1),
    ("Proseware", 12, "approve", 2),
    ("Woodgrove Bank", 26, "approve", 3),
    ("Fourth Coffee", 40, "reject", 4),
]


async def _seed_sla_stages(
    session: AsyncSession, rep: Principal, line: LineInput, answers: dict[str, Any]
) -> None:
    """Registrations whose clocks ran SLA_STAGES' business hours, replayed through the vendor's
    calendar: each submitted that long before now or before its decision (whose instant it is
    given), the sweep run at each decision and at the end. Every clock, firing and breach is
    then what the real instants make of it, and recomputes from its own fields."""
    now = datetime.now(UTC)
    approver = await principal_for_email(session, "approver@acme.example")
    decisions: list[tuple[datetime, Registration, str]] = []
    questions = []
    for customer, hours, decision, weeks in SLA_STAGES:
        domain = customer.lower().replace(" ", "-") + ".example"
        submitted = await submit_deal(session, rep, demo_deal(customer, domain, [line], **answers))
        registration = await session.get_one(Registration, submitted.registrations[0].id)
        clock = await session.get_one(SlaClock, registration.id)
        calendar = clocks.calendar_of(clock)
        decided = now - timedelta(weeks=weeks) if decision in ("approve", "reject") else now
        start = calendar.subtract(decided, timedelta(hours=hours))
        registration.submitted_at = clock.started_at = clock.running_since = start
        clock.elapsed_us = 0
        clocks.schedule(clock, calendar)
        if decision in ("approve", "reject"):
            decisions.append((decided, registration, decision))
        elif decision == "request_info":
            questions.append(registration.id)
    await session.flush()
    any_version = IfMatch(versions=None)
    for decided, registration, decision in sorted(decisions, key=lambda item: item[0]):
        await _sweep_until(session, decided)
        if decision == "approve":
            await approvals.approve(
                session, approver, registration.id, if_match=any_version, note=None, at=decided
            )
        else:
            await approvals.reject(
                session,
                approver,
                registration.id,
                if_match=any_version,
                reason=RejectionReason.existing_direct_opportunity,
                note=None,
                at=decided,
            )
    await _sweep_until(session, now)
    for registration_id in questions:
        await approvals.request_info(
            session,
            approver,
            registration_id,
            if_match=any_version,
            question="Who signs the purchase order?",
        )


async def _sweep_until(session: AsyncSession, until: datetime) -> None:
    """The sweep at each instant a threshold fell due up to `until`, as the minutely sweep would
    have run it: each firing, and each breach, dated when it fell due."""
    while True:
        due = await session.scalar(
            select(func.min(SlaClock.next_due_at)).where(SlaClock.next_due_at <= until)
        )
        if due is None:
            return
        await sla.sweep(session, now=due)


# Approved Acme registrations of Northwind's rep, one at each milestone.
EARNING_STAGES: list[tuple[str, SalesStage | None]] = [
    ("Relecloud", None),
    ("Trey Research", SalesStage.proposal),
    ("Lucerne Publishing", SalesStage.negotiation),
    ("Coho Winery", SalesStage.closed_won),
]


async def _seed_earnings(
    session: AsyncSession, rep: Principal, line: LineInput, answers: dict[str, Any]
) -> None:
    """Registrations approved and moved to each milestone, settled as the job would: the rep's
    ledger has an earning at every milestone."""
    approver = await principal_for_email(session, "approver@acme.example")
    any_version = IfMatch(versions=None)
    for customer, stage in EARNING_STAGES:
        domain = customer.lower().replace(" ", "-") + ".example"
        submitted = await submit_deal(session, rep, demo_deal(customer, domain, [line], **answers))
        registration_id = submitted.registrations[0].id
        await approvals.approve(session, approver, registration_id, if_match=any_version, note=None)
        if stage is not None:
            await report_stage(
                session, rep, registration_id, if_match=any_version, stage=stage, note=None
            )
        await incentives.settle(session, registration_id)
