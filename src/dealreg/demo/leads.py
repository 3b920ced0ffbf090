"""The demo's leads: Acme's, for its partners, one in every state of a lead's life."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import principal_for_email
from dealreg.leads import service as leads
from dealreg.leads.models import Disposition, LeadRejection
from dealreg.orgs.models import Organization
from dealreg.preconditions import IfMatch
from dealreg.registrations.schemas import Contact, Customer, Opportunity

# Acme's leads for its partners, one in every state: customer, partner, the rep it is given to,
# what happens to it, business hours to accept and to first touch (set after the fact: the demo
# happens in an instant), campaign.
LEAD_STAGES: list[tuple[str, str, str | None, list[str], float | None, float | None, str]] = [
    ("Alpine Ski House", "Northwind IT", None, ["draft"], None, None, "Spring webinar"),
    ("Bellows College", "Northwind IT", None, [], None, None, "Spring webinar"),
    ("Contoso Pharmaceuticals", "Northwind IT", "rep", [], None, None, "Trade show"),
    # A second one waiting for the rep: the app's walk accepts one and rejects the other.
    ("Blue Yonder Airlines", "Northwind IT", "rep", [], None, None, "Spring webinar"),
    ("A. Datum", "Northwind IT", "rep", ["accept"], 3, None, "Spring webinar"),
    ("Edgewise Media", "Northwind IT", "rep", ["accept", "late"], 9, None, "Trade show"),
    (
        "Fabrikam Labs",
        "Fjord Solutions",
        "fjord",
        ["reject:not_my_territory"],
        None,
        None,
        "Trade show",
    ),
    (
        "Graphic Design Institute",
        "Northwind IT",
        None,
        ["reject:existing_customer"],
        None,
        None,
        "Spring webinar",
    ),
    ("Humongous Insurance", "Fjord Solutions", None, ["recall"], None, None, "Trade show"),
    (
        "Ivy Trading",
        "Northwind IT",
        "rep",
        ["accept", "first_touch", "follow_up"],
        2,
        4,
        "Spring webinar",
    ),
    (
        "Jolly Logistics",
        "Northwind IT",
        "rep",
        ["accept", "first_touch", "qualified"],
        5,
        1,
        "Trade show",
    ),
    (
        "Kestrel Energy",
        "Northwind IT",
        "rep",
        ["accept", "first_touch", "convert"],
        1,
        2,
        "Spring webinar",
    ),
    (
        "Lakeshore Retail",
        "Northwind IT",
        "rep",
        ["accept", "first_touch", "won"],
        4,
        6,
        "Spring webinar",
    ),
    (
        "Margie's Travel",
        "Northwind IT",
        "rep",
        ["accept", "first_touch", "lost"],
        12,
        3,
        "Trade show",
    ),
    (
        "Nod Publishers",
        "Fjord Solutions",
        "fjord",
        ["accept", "first_touch", "no_decision"],
        7,
        8,
        "Trade show",
    ),
]


async def seed_leads(session: AsyncSession, orgs: dict[str, Organization]) -> None:
    """LEAD_STAGES, moved through their lives by the services as their people would, and the
    lead sweep run past the deadlines of those left too long."""
    approver = await principal_for_email(session, "approver@acme.example")
    people = {
        "rep": await principal_for_email(session, "rep@northwind.example"),
        "fjord": await principal_for_email(session, "rep@fjord.example"),
    }
    admins = {"Northwind IT": await principal_for_email(session, "admin@northwind.example")}
    any_version = IfMatch(versions=None)
    now = datetime.now(UTC)
    for customer, partner, rep, steps, accept_hours, touch_hours, campaign in LEAD_STAGES:
        domain = customer.lower().replace(" ", "-").replace("'", "").replace(".", "") + ".example"
        held = steps[:1] == ["draft"]
        lead = await leads.create_lead(
            session,
            approver,
            leads.LeadInput(
                partner_id=orgs[partner].id,
                customer=Customer(legal_name=customer, domain=domain, country="US"),
                contact=Contact(name="Jordan Prospect", email=f"jordan@{domain}"),
                rep_id=people[rep].subject_id if rep else None,
                skus=["ACME-FW-100"],
                interest="Asked for a firewall demo",
                campaign=campaign,
                source="webinar" if "webinar" in campaign else "event",
                score=4 if held else 20,
                forward=not held,
            ),
        )
        worker = people[rep] if rep else admins.get(partner)
        for step in steps:
            if step == "accept" and worker is not None:
                await leads.accept(session, worker, lead.id, if_match=any_version)
            elif step.startswith("reject:") and worker is not None:
                reason = LeadRejection(step.removeprefix("reject:"))
                await leads.reject(
                    session, worker, lead.id, reason=reason, note=None, if_match=any_version
                )
            elif step == "recall":
                lead.accept_due_at = now - timedelta(minutes=1)
            elif step == "late":
                lead.first_touch_due_at = now - timedelta(minutes=1)
            elif step == "convert" and worker is not None:
                await leads.convert(
                    session,
                    worker,
                    lead.id,
                    leads.ConversionInput(
                        opportunity=Opportunity(
                            title="Firewall demo turned refresh",
                            expected_close_date=now.date() + timedelta(days=60),
                            currency="USD",
                        ),
                        lines=[leads.ConversionLine("ACME-FW-100", 6, 450_000)],
                        answers={"use_case": "branch"},
                    ),
                    if_match=any_version,
                )
            elif step in Disposition.__members__ and worker is not None:
                await leads.report_disposition(
                    session,
                    worker,
                    lead.id,
                    leads.DispositionInput(
                        type=Disposition(step),
                        lost_reason="chose a cheaper offer" if step == "lost" else None,
                    ),
                    if_match=any_version,
                )
        if accept_hours is not None:
            lead.accept_business_us = int(accept_hours * 3_600_000_000)
        if touch_hours is not None:
            lead.first_touch_business_us = int(touch_hours * 3_600_000_000)
    await session.flush()
    await leads.sweep(session, now=now)
