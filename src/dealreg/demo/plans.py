"""The demo's partner plans: Acme's fiscal year (from February), Northwind's plans with Acme for
the quarter before, this one and the next, registrations expected to close this quarter at each
sales stage, and Acme's capability scorecard with Northwind assessed over two quarters (and
Fjord this one), so that Northwind's QBR with Acme shows real figures and their change."""

import uuid
from datetime import timedelta

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.approvals import service as approvals
from dealreg.auth.service import principal_for_email
from dealreg.demo.deals import demo_deal
from dealreg.orgs.models import Organization, Partnership
from dealreg.planning import capabilities, fiscal
from dealreg.planning import service as planning
from dealreg.planning.capabilities import Attribute, ScoreIn
from dealreg.planning.models import CapabilityGroup
from dealreg.preconditions import IfMatch
from dealreg.registrations.models import SalesStage
from dealreg.registrations.schemas import LineInput
from dealreg.registrations.service import report_stage
from dealreg.registrations.submission import submit_deal

_ANY = IfMatch(versions=None)
FISCAL_YEAR_START_MONTH = 2

TEMPLATE = [
    Attribute(key="pipeline", name="Pipeline coverage", group=CapabilityGroup.sales, weight=3),
    Attribute(key="forecast", name="Forecast accuracy", group=CapabilityGroup.sales, weight=2),
    Attribute(
        key="certified", name="Certified engineers", group=CapabilityGroup.technical, weight=3
    ),
    Attribute(key="demo_lab", name="Demo lab", group=CapabilityGroup.technical, weight=1),
    Attribute(key="campaigns", name="Joint campaigns", group=CapabilityGroup.marketing, weight=2),
    Attribute(key="renewals", name="Renewal rate", group=CapabilityGroup.support, weight=2),
    Attribute(
        key="escalations", name="Escalation handling", group=CapabilityGroup.support, weight=1
    ),
]

# Per partner and quarter (-1: the one before, 0: this one): each attribute's score and the
# score aimed at for the quarter after, then the note and the goal.
ASSESSMENTS: list[tuple[str, int, dict[str, tuple[int, int | None]], str, str]] = [
    (
        "Northwind IT",
        -1,
        {
            "pipeline": (62, 75),
            "forecast": (55, 65),
            "certified": (48, 60),
            "demo_lab": (40, None),
            "campaigns": (58, 60),
            "renewals": (80, None),
            "escalations": (70, None),
        },
        "Pipeline thin outside Boston; two engineers certified on the Firewall 500.",
        "Cover the whole quarter's plan twice over; certify two more engineers.",
    ),
    (
        "Northwind IT",
        0,
        {
            "pipeline": (74, 80),
            "forecast": (61, 70),
            "certified": (57, 70),
            "demo_lab": (55, 60),
            "campaigns": (66, 70),
            "renewals": (84, None),
            "escalations": (68, 75),
        },
        "Pipeline grew with three new accounts; the SD-WAN certification is still pending.",
        "SD-WAN certification for the two new engineers; one joint campaign per month.",
    ),
    (
        "Fjord Solutions",
        0,
        {
            "pipeline": (58, None),
            "forecast": (70, None),
            "certified": (81, None),
            "demo_lab": (77, None),
            "campaigns": (45, None),
            "renewals": (72, None),
            "escalations": (80, None),
        },
        "Strong technical bench, little marketing.",
        "Run a first joint campaign.",
    ),
]

# Northwind's plans with Acme, in USD cents, by quarter from this one, and whether accepted.
PLANS = [(-1, 35_000_000, True), (0, 40_000_000, True), (1, 45_000_000, False)]

# Registrations of Northwind's reps expected to close on this quarter's last day: the rep, the
# customer, and the stage reached.
PIPELINE: list[tuple[str, str, SalesStage | None]] = [
    ("rep@northwind.example", "Alpine Ski House", None),
    ("rep@northwind.example", "Bellows College", SalesStage.proposal),
    ("rep2@northwind.example", "Margie's Travel", SalesStage.negotiation),
    ("rep2@northwind.example", "Southridge Video", SalesStage.proposal),
]


async def partnership_of(session: AsyncSession, partner: str, vendor: str) -> Partnership:
    partner_org = Organization.__table__.alias("partner_org")
    vendor_org = Organization.__table__.alias("vendor_org")
    stmt = (
        select(Partnership)
        .join(partner_org, partner_org.c.id == Partnership.partner_id)
        .join(vendor_org, vendor_org.c.id == Partnership.vendor_id)
        .where(partner_org.c.name == partner, vendor_org.c.name == vendor)
    )
    return (await session.scalars(stmt)).one()


def _shift(quarter: fiscal.Quarter, by: int) -> fiscal.Quarter:
    for _ in range(abs(by)):
        quarter = quarter.next() if by > 0 else quarter.previous()
    return quarter


async def seed_plans(session: AsyncSession, orgs: dict[str, Organization]) -> None:
    acme = orgs["Acme Networks"].id
    admin = await principal_for_email(session, "admin@acme.example")
    approver = await principal_for_email(session, "approver@acme.example")
    await planning.put_settings(
        session,
        admin,
        acme,
        msgspec.structs.replace(planning.DEFAULTS, fiscal_year_start_month=FISCAL_YEAR_START_MONTH),
        if_match=_ANY,
    )
    now = await planning.quarter_now(session, acme)
    northwind = await partnership_of(session, "Northwind IT", "Acme Networks")
    nina = await principal_for_email(session, "admin@northwind.example")
    for offset, amount, accepted in PLANS:
        label = _shift(now, offset).label
        await planning.put_plan(
            session, nina, northwind.id, label, amount=amount, currency="USD", if_match=_ANY
        )
        if accepted:
            await planning.accept_plan(session, approver, northwind.id, label, if_match=_ANY)
    await _seed_pipeline(session, acme, now)
    await capabilities.put_template(session, admin, acme, TEMPLATE, if_match=_ANY)
    for partner, offset, scores, note, goal in ASSESSMENTS:
        line = await partnership_of(session, partner, "Acme Networks")
        await capabilities.put_assessment(
            session,
            approver,
            line.id,
            _shift(now, offset).label,
            scores=[ScoreIn(attribute=k, score=s, goal=g) for k, (s, g) in scores.items()],
            note=note,
            goal=goal,
            if_match=_ANY,
        )


async def _seed_pipeline(session: AsyncSession, acme: uuid.UUID, now: fiscal.Quarter) -> None:
    approver = await principal_for_email(session, "approver@acme.example")
    last_day = now.end(FISCAL_YEAR_START_MONTH) - timedelta(days=1)
    line = LineInput(vendor_id=acme, sku="ACME-FW-500", quantity=6, unit_price=1_250_000)
    for email, customer, stage in PIPELINE:
        rep = await principal_for_email(session, email)
        domain = customer.lower().replace(" ", "-").replace("'", "") + ".example"
        deal = demo_deal(customer, domain, [line], **{"ACME-FW-500": {"use_case": "perimeter"}})
        deal = msgspec.structs.replace(
            deal,
            opportunity=msgspec.structs.replace(deal.opportunity, expected_close_date=last_day),
        )
        submitted = await submit_deal(session, rep, deal)
        registration_id = submitted.registrations[0].id
        await approvals.approve(session, approver, registration_id, if_match=_ANY, note=None)
        if stage is not None:
            await report_stage(session, rep, registration_id, if_match=_ANY, stage=stage, note=None)
