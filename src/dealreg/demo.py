"""Demo data for `dealreg serve --demo`, and user tokens for the demo, scripts and tests.

Seeding is idempotent: every row is looked up by its natural key first, so a second run changes
nothing and prints fresh tokens for the same users (and a fresh secret for Acme's CRM client).
"""

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.approvals import service as approvals
from dealreg.approvals.service import RejectionReason
from dealreg.auth.scopes import READ_PAYOUTS, ROLE_SCOPES, WRITE_PAYOUTS
from dealreg.auth.service import UnknownUser, principal_for_email
from dealreg.auth.tokens import Principal, TokenService
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo_sign_in import APP_CLIENT_ID, seed_sign_in, try_it
from dealreg.incentives import service as incentives
from dealreg.incentives.models import IncentivePlan
from dealreg.incentives.terms import Milestone, Pay
from dealreg.leads import service as leads
from dealreg.leads.models import Disposition, LeadRejection
from dealreg.orgs.clients import IssuedClient, create_api_client, rotate_client_secret
from dealreg.orgs.models import (
    ApiClient,
    Organization,
    OrgKind,
    Partnership,
    Product,
    Program,
    Role,
    Tier,
    User,
)
from dealreg.registrations.models import Deal, Registration, SalesStage
from dealreg.registrations.service import (
    Contact,
    Customer,
    DealInput,
    LineInput,
    Opportunity,
    VendorInput,
    report_stage,
    submit_deal,
)
from dealreg.sla import clocks
from dealreg.sla import service as sla
from dealreg.sla.models import SlaClock
from dealreg.versioning import IfMatch

DEMO_TOKEN_TTL = 24 * 3600

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
]

PARTNERSHIPS = [
    ("Northwind IT", "Acme Networks", Tier.gold),
    ("Northwind IT", "Nordlys Security", Tier.registered),
    ("Fjord Solutions", "Acme Networks", Tier.silver),
    ("Fjord Solutions", "Nordlys Security", Tier.platinum),
]

PROGRAMS: list[dict[str, Any]] = [
    {
        "vendor": "Acme Networks",
        "name": "Acme Partner Deal Registration",
        "currency": "USD",
        "minimum_deal_amount": 1_000_000,
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


async def seed_demo(session: AsyncSession) -> None:
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
    if await session.scalar(select(Deal.id).limit(1)) is None:
        await _seed_deals(session, orgs)


def _demo_deal(customer: str, domain: str, lines: list[LineInput], **answers: Any) -> DealInput:
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


async def _seed_deals(session: AsyncSession, orgs: dict[str, Organization]) -> None:
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
        _demo_deal("Contoso Health, Inc.", "contoso-health.com", [firewall, edr], **answers),
    )
    await submit_deal(
        session,
        frida,
        _demo_deal("Contoso Health", "www.contoso-health.com", [firewall], **answers),
    )
    await _seed_sla_stages(session, rob, firewall, answers)
    await _seed_earnings(session, rob, firewall, answers)
    await _seed_leads(session, orgs)


# Acme registrations at every stage of the approval SLA (2 and 4 business days: 16 and 32 business
# hours; the reminder at 8): customer, business hours on the clock, what the vendor did, weeks
# since submission.
SLA_STAGES: list[tuple[str, int, str | None, int]] = [
    ("Fabrikam Retail", 0, None, 0),
    ("Tailspin Toys", 10, None, 0),
    ("Wingtip Travel", 18, None, 0),
    ("Litware Labs", 34, None, 1),
    ("Adventure Works", 6, "request_info", 0),
    ("Northwind Traders", 3, "approve", 1),
    ("Proseware", 12, "approve", 2),
    ("Woodgrove Bank", 26, "approve", 3),
    ("Fourth Coffee", 40, "reject", 4),
]


async def _seed_sla_stages(
    session: AsyncSession, rep: Principal, line: LineInput, answers: dict[str, Any]
) -> None:
    """Registrations whose clocks have run for SLA_STAGES' hours, then the sweep and the
    vendor's decisions, so the queue, the clocks and the reports show something real."""
    now = datetime.now(UTC)
    approver = await principal_for_email(session, "approver@acme.example")
    decisions = []
    for customer, hours, decision, weeks in SLA_STAGES:
        domain = customer.lower().replace(" ", "-") + ".example"
        submitted = await submit_deal(session, rep, _demo_deal(customer, domain, [line], **answers))
        registration = await session.get_one(Registration, submitted.registrations[0].id)
        clock = await session.get_one(SlaClock, registration.id)
        registration.submitted_at = clock.started_at = now - timedelta(weeks=weeks, hours=hours)
        clock.elapsed_us = hours * 3_600_000_000
        clock.running_since = now
        clocks.schedule(clock, clocks.calendar_of(clock))
        decisions.append((registration.id, decision))
    await session.flush()
    await sla.sweep(session, now=now)
    for registration_id, decision in decisions:
        any_version = IfMatch(versions=None)
        if decision == "approve":
            await approvals.approve(
                session, approver, registration_id, if_match=any_version, note=None
            )
        elif decision == "reject":
            await approvals.reject(
                session,
                approver,
                registration_id,
                if_match=any_version,
                reason=RejectionReason.existing_direct_opportunity,
                note=None,
            )
        elif decision == "request_info":
            await approvals.request_info(
                session,
                approver,
                registration_id,
                if_match=any_version,
                question="Who signs the purchase order?",
            )


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
# Approved Acme registrations of Northwind's rep, one at each milestone.
EARNING_STAGES: list[tuple[str, SalesStage | None]] = [
    ("Relecloud", None),
    ("Trey Research", SalesStage.proposal),
    ("Lucerne Publishing", SalesStage.negotiation),
    ("Coho Winery", SalesStage.closed_won),
]


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


async def _seed_earnings(
    session: AsyncSession, rep: Principal, line: LineInput, answers: dict[str, Any]
) -> None:
    """Registrations approved and moved to each milestone, settled as the job would: the rep's
    ledger has an earning at every milestone."""
    approver = await principal_for_email(session, "approver@acme.example")
    any_version = IfMatch(versions=None)
    for customer, stage in EARNING_STAGES:
        domain = customer.lower().replace(" ", "-") + ".example"
        submitted = await submit_deal(session, rep, _demo_deal(customer, domain, [line], **answers))
        registration_id = submitted.registrations[0].id
        await approvals.approve(session, approver, registration_id, if_match=any_version, note=None)
        if stage is not None:
            await report_stage(
                session, rep, registration_id, if_match=any_version, stage=stage, note=None
            )
        await incentives.settle(session, registration_id)


# Acme's leads for its partners, one in every state: customer, partner, the rep it is given to,
# what happens to it, business hours to accept and to first touch (set after the fact: the demo
# happens in an instant), campaign.
LEAD_STAGES: list[tuple[str, str, str | None, list[str], float | None, float | None, str]] = [
    ("Alpine Ski House", "Northwind IT", None, ["draft"], None, None, "Spring webinar"),
    ("Bellows College", "Northwind IT", None, [], None, None, "Spring webinar"),
    ("Contoso Pharmaceuticals", "Northwind IT", "rep", [], None, None, "Trade show"),
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


async def _seed_leads(session: AsyncSession, orgs: dict[str, Organization]) -> None:
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


# Acme's CRM: a machine client doing the vendor's side of deals and leads (payouts are its finance
# system's), for examples/vendor_crm_sync.py.
CRM_CLIENT = "Acme CRM"
CRM_SCOPES = ROLE_SCOPES[Role.vendor_system] - {READ_PAYOUTS, WRITE_PAYOUTS}


async def _issue_crm_client(session: AsyncSession) -> IssuedClient:
    """Acme's CRM client, made on the first run, with a new secret on every run.

    Only the secret's hash is stored, so a second run cannot print the first run's secret. A
    repeatable one (derived from the signing key, say) would be a credential no rotation could
    retire; instead each run rotates the secret as an admin would and prints the new one: the
    client id stays, the previous secret stops working.
    """
    admin = await principal_for_email(session, "admin@acme.example")
    client = await session.scalar(
        select(ApiClient)
        .where(ApiClient.organization_id == admin.organization_id, ApiClient.name == CRM_CLIENT)
        .order_by(ApiClient.created_at)
        .limit(1)
    )
    if client is None:
        return await create_api_client(
            session,
            admin,
            admin.organization_id,
            name=CRM_CLIENT,
            role=Role.vendor_system,
            scopes=CRM_SCOPES,
        )
    return await rotate_client_secret(session, admin, client.id, if_match=IfMatch(versions=None))


async def mint_user_token(
    settings: Settings, database_url: str, email: str, *, ttl: int | None = None
) -> str:
    """A token for the user with this email; LookupError when there is none."""
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            try:
                principal = await principal_for_email(session, email)
            except UnknownUser as exc:
                raise LookupError(exc.detail) from exc
    finally:
        await engine.dispose()
    return TokenService.from_settings(settings).mint(principal, ttl=ttl)


async def seed_and_describe(settings: Settings, database_url: str, base_url: str) -> str:
    """Seed the demo and return what to print: where the API is, a token per demo user, and the
    credentials of Acme's CRM client."""
    engine = make_engine(database_url, pool_size=1)
    tokens = TokenService.from_settings(settings)
    lines = [
        "",
        "dealreg demo",
        f"  API:  {base_url}/v1",
        f"  docs: {base_url}/docs",
        f"  SLA report page: {base_url}/reports/sla (sign in with the channel_ops token)",
        "",
        f"Access tokens (valid {DEMO_TOKEN_TTL // 3600} hours):",
    ]
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            for email, _, role, _ in USERS:
                principal = await principal_for_email(session, email)
                token = tokens.mint(principal, ttl=DEMO_TOKEN_TTL)
                lines.append(f"  {role.value:<16} {email:<26} {token}")
                if email == "rep@northwind.example":
                    rep_token = token
            crm = await _issue_crm_client(session)
            password = settings.demo_password or secrets.token_urlsafe(12)
            await seed_sign_in(session, base_url, [email for email, *_ in USERS], password)
    finally:
        await engine.dispose()
    lines += [
        "",
        f"Machine client (OAuth2 client_credentials at {base_url}/v1/oauth/token; a new secret "
        "each run):",
        f"  {crm.client.role.value:<16} {crm.client.name:<26} client_id {crm.client.client_id}"
        f"  client_secret {crm.secret}",
        "",
        "Try it:",
        f"  curl -s -H 'Authorization: Bearer {rep_token}' {base_url}/v1/me",
        "",
        f"People sign in with their email and the password {password!r}"
        + ("" if settings.demo_password else " (new each run; DEALREG_DEMO_PASSWORD fixes it)")
        + f", through the app '{APP_CLIENT_ID}' (authorization code + PKCE):",
        *try_it(base_url),
        "",
    ]
    return "\n".join(lines)
