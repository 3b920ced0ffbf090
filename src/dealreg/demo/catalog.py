"""Who and what the demo has: its organizations, partnerships, programs and users, and the
incentive plan of Acme's program."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import principal_for_email
from dealreg.incentives import service as incentives
from dealreg.incentives.models import IncentivePlan
from dealreg.incentives.terms import Milestone, Pay
from dealreg.orgs.models import (
    Organization,
    OrgKind,
    Partnership,
    Product,
    Program,
    Role,
    Tier,
    User,
)

ORGANIZATIONS: list[dict[str, Any]] = [
    {"kind": OrgKind.platform, "name": "dealreg Platform", "country": "US"},
    {
        "kind": OrgKind.vendor,
        "name": "Acme Networks",
        "code": "ACME",
        "country": "US",
        "timezone": "America/New_York",
    },
    {
        "kind": OrgKind.vendor,
        "name": "Nordlys Security",
        "code": "NORDLYS",
        "country": "NO",
        "timezone": "Europe/Oslo",
    },
    {"kind": OrgKind.partner, "name": "Northwind IT", "country": "US"},
    {"kind": OrgKind.partner, "name": "Fjord Solutions", "country": "NO"},
    # The long tail: small, new to Acme's program (demo/long_tail.py).
    {
        "kind": OrgKind.partner,
        "name": "Lakeview Tech",
        "country": "US",
        "employees": 12,
        "annual_revenue_band": "1m_10m",
    },
]

PARTNERSHIPS = [
    ("Northwind IT", "Acme Networks", Tier.gold),
    ("Northwind IT", "Nordlys Security", Tier.registered),
    ("Fjord Solutions", "Acme Networks", Tier.silver),
    ("Fjord Solutions", "Nordlys Security", Tier.platinum),
    ("Lakeview Tech", "Acme Networks", Tier.community),
]

PROGRAMS: list[dict[str, Any]] = [
    {
        "vendor": "Acme Networks",
        "name": "Acme Partner Deal Registration",
        "currency": "USD",
        "minimum_deal_amount": 1_000_000,
        # Two points of discount on every approved registration (an offer adds to them).
        "registration_discount_bp": 200,
        "extra_fields": [
            {
                "key": "use_case",
                "label": "Primary use case",
                "type": "choice",
                "required": True,
                "choices": ["perimeter", "branch", "data_center", "cloud"],
                "help": "",
            },
            {
                "key": "incumbent_vendor",
                "label": "Incumbent vendor",
                "type": "text",
                "required": False,
                "choices": None,
                "help": "",
            },
        ],
        "products": [
            ("ACME-FW-100", "Acme Firewall 100"),
            ("ACME-FW-500", "Acme Firewall 500"),
            ("ACME-SDWAN-EDGE", "Acme SD-WAN Edge"),
            ("ACME-CARE-1Y", "Acme Care, 1 year"),
        ],
    },
    {
        "vendor": "Nordlys Security",
        "name": "Nordlys Secure Partner Program",
        # Priced in USD like Acme's, so one demo deal can carry both vendors: a deal has one
        # currency and each program registers deals in its own.
        "currency": "USD",
        "minimum_deal_amount": 500_000,
        "extra_fields": [
            {
                "key": "endpoints",
                "label": "Number of endpoints",
                "type": "number",
                "required": True,
                "choices": None,
                "help": "",
            },
        ],
        "products": [
            ("NRD-EDR-ENT", "Nordlys EDR Enterprise"),
            ("NRD-SIEM-CLOUD", "Nordlys SIEM Cloud"),
            ("NRD-MDR-247", "Nordlys MDR 24/7"),
        ],
    },
]

USERS = [
    ("admin@platform.example", "Pat Platform", Role.platform_admin, "dealreg Platform"),
    ("ops@platform.example", "Olive Ops", Role.channel_ops, "dealreg Platform"),
    ("admin@acme.example", "Ada Acme", Role.vendor_admin, "Acme Networks"),
    ("approver@acme.example", "Abe Approver", Role.vendor_approver, "Acme Networks"),
    ("admin@nordlys.example", "Nora Nordlys", Role.vendor_admin, "Nordlys Security"),
    ("approver@nordlys.example", "Nils Approver", Role.vendor_approver, "Nordlys Security"),
    ("admin@northwind.example", "Nina Northwind", Role.partner_admin, "Northwind IT"),
    ("rep@northwind.example", "Rob Rep", Role.partner_rep, "Northwind IT"),
    ("rep2@northwind.example", "Rita Rep", Role.partner_rep, "Northwind IT"),
    ("rep@fjord.example", "Frida Fjord", Role.partner_rep, "Fjord Solutions"),
    ("rep@lakeview.example", "Lena Lakeview", Role.partner_rep, "Lakeview Tech"),
]


async def _org(session: AsyncSession, spec: dict[str, Any]) -> Organization:
    org = await session.scalar(
        select(Organization).where(func.lower(Organization.name) == spec["name"].lower())
    )
    if org is None:
        org = Organization(**spec)
        session.add(org)
        await session.flush()
    return org


async def seed_catalog(session: AsyncSession) -> dict[str, Organization]:
    """The organizations, partnerships, programs, users and Acme's incentive plan, each made
    unless it exists: the organizations by name."""
    orgs = {spec["name"]: await _org(session, spec) for spec in ORGANIZATIONS}
    for partner, vendor, tier in PARTNERSHIPS:
        exists = await session.scalar(
            select(Partnership.id).where(
                Partnership.partner_id == orgs[partner].id, Partnership.vendor_id == orgs[vendor].id
            )
        )
        if exists is None:
            session.add(
                Partnership(partner_id=orgs[partner].id, vendor_id=orgs[vendor].id, tier=tier)
            )
    for spec in PROGRAMS:
        vendor_id = orgs[spec["vendor"]].id
        program = await session.scalar(
            select(Program).where(Program.vendor_id == vendor_id, Program.name == spec["name"])
        )
        if program is None:
            program = Program(
                vendor_id=vendor_id,
                name=spec["name"],
                currency=spec["currency"],
                minimum_deal_amount=spec["minimum_deal_amount"],
                registration_discount_bp=spec.get("registration_discount_bp", 0),
                extra_fields=spec["extra_fields"],
            )
            session.add(program)
            await session.flush()
            session.add_all(
                Product(program_id=program.id, sku=sku, name=name) for sku, name in spec["products"]
            )
    for email, name, role, org_name in USERS:
        if await session.scalar(select(User.id).where(User.email == email)) is None:
            session.add(User(organization_id=orgs[org_name].id, email=email, name=name, role=role))
    await session.flush()
    await _seed_incentive_plan(session, orgs["Acme Networks"].id)
    return orgs


# Acme pays its partners' reps from registration on: a quarter of the deal margin (20 % of the
# amount) when it approves, fixed sums at proposal and negotiation, half the margin at close.
ACME_PLAN = incentives.PlanIn(
    margin_rate_bp=2000,
    pays=[
        Pay(milestone=Milestone.registration, margin_share_bp=2500),
        Pay(milestone=Milestone.proposal, fixed=25_000),
        Pay(milestone=Milestone.negotiation, fixed=50_000),
        Pay(milestone=Milestone.close, margin_share_bp=5000),
    ],
    per_deal_cap=2_000_000,
    tier_multipliers_bp={Tier.gold: 11_000, Tier.platinum: 12_500},
    clawback_days=90,
    note="Demo plan: paid at every milestone",
)


async def _seed_incentive_plan(session: AsyncSession, vendor_id: Any) -> None:
    program = await session.scalar(
        select(Program).where(Program.vendor_id == vendor_id).order_by(Program.created_at).limit(1)
    )
    if program is None or await session.scalar(
        select(IncentivePlan.id).where(IncentivePlan.program_id == program.id)
    ):
        return
    admin = await principal_for_email(session, "admin@acme.example")
    await incentives.create_plan(session, admin, program.id, ACME_PLAN)
