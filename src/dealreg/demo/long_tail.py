"""The demo's long tail: Lakeview Tech, a small community partner of Acme, reads Acme's mail and
joins a webinar until its engagement crosses Acme's threshold; the call task it makes is claimed
by Acme's approver, who offers three points on the deal; Lakeview's rep registers a deal that
uses them (Acme's standard two points plus three)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import principal_for_email
from dealreg.demo.deals import demo_deal
from dealreg.engagement import calls, offers, service
from dealreg.engagement.models import CallOutcome, PartnerEngagementType
from dealreg.engagement.offers import OfferInput
from dealreg.engagement.service import PartnerEngagementInput
from dealreg.orgs.models import Organization
from dealreg.preconditions import IfMatch
from dealreg.registrations.schemas import LineInput
from dealreg.registrations.submission import submit_deal

# Five opens, three key pages, two clicks and a webinar: 5 + 9 + 10 + 10 = 34 points, over
# Acme's threshold of 30 (the default).
ENGAGEMENTS = [
    *[(PartnerEngagementType.email_open, 20 - day) for day in range(5)],
    *[(PartnerEngagementType.key_page_visit, 12 - day) for day in range(3)],
    *[(PartnerEngagementType.email_click, 8 - day) for day in range(2)],
    (PartnerEngagementType.webinar, 2),
]


async def seed_long_tail(session: AsyncSession, orgs: dict[str, Organization]) -> None:
    lakeview = orgs["Lakeview Tech"].id
    acme = orgs["Acme Networks"].id
    admin = await principal_for_email(session, "admin@acme.example")
    approver = await principal_for_email(session, "approver@acme.example")
    now = datetime.now(UTC)
    recorded = await service.record(
        session,
        admin,
        lakeview,
        [
            PartnerEngagementInput(
                type=type_,
                occurred_at=now - timedelta(days=days_ago),
                campaign="Spring webinar",
                source_id=f"demo-lakeview-{i}",
            )
            for i, (type_, days_ago) in enumerate(ENGAGEMENTS)
        ],
    )
    task = recorded.task
    if task is None:
        return
    any_version = IfMatch(versions=None)
    await calls.claim(session, approver, task.id, if_match=any_version)
    await calls.log_outcome(
        session,
        approver,
        task.id,
        CallOutcome.opportunity,
        "Evaluating firewalls for a school district; three points if they register it.",
        if_match=any_version,
    )
    await offers.grant(
        session,
        approver,
        lakeview,
        OfferInput(
            discount_bp=300,
            valid_until=now + timedelta(days=30),
            registrations=1,
            skus=["ACME-FW-100"],
            call_task_id=task.id,
            note="Offered on the call: three points on the school district deal.",
        ),
    )
    lena = await principal_for_email(session, "rep@lakeview.example")
    firewall = LineInput(vendor_id=acme, sku="ACME-FW-100", quantity=20, unit_price=65_000)
    await submit_deal(
        session,
        lena,
        demo_deal(
            "Lakeview School District",
            "lakeview-schools.org",
            [firewall],
            **{"ACME-FW-100": {"use_case": "perimeter"}},
        ),
    )
