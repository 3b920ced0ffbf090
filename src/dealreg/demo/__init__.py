"""Demo data for `dealreg serve --demo`, and user tokens for the demo, scripts and tests.

Seeding is idempotent: every row is looked up by its natural key first, so a second run changes
nothing and prints fresh tokens for the same users (and a fresh secret for Acme's CRM client).

The scene, in the order it is seeded: who and what exists (catalog.py), deals through their
approval SLA and incentive milestones (deals.py), leads in every state (leads.py), Northwind's
plans with Acme and the capability assessments its QBR shows (plans.py), a long-tail partner
crossing Acme's engagement threshold and using an offer on a deal (long_tail.py), and Acme's CRM
client (crm.py); then the app people sign in through and their password (sign_in.py).
"""

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import UnknownUser, principal_for_email
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo.catalog import USERS, seed_catalog
from dealreg.demo.crm import issue_crm_client
from dealreg.demo.deals import seed_deals
from dealreg.demo.leads import seed_leads
from dealreg.demo.long_tail import seed_long_tail
from dealreg.demo.plans import partnership_of, seed_plans
from dealreg.demo.sign_in import APP_CLIENT_ID, seed_sign_in, try_it
from dealreg.registrations.models import Deal

DEMO_TOKEN_TTL = 24 * 3600


async def seed_demo(session: AsyncSession) -> None:
    """The whole scene; deals and leads only into a database without a deal, so that a second
    run adds none."""
    orgs = await seed_catalog(session)
    if await session.scalar(select(Deal.id).limit(1)) is None:
        await seed_deals(session, orgs)
        await seed_leads(session, orgs)
        await seed_plans(session, orgs)
        await seed_long_tail(session, orgs)


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
        f"  SLA report page: {base_url}/reports/sla (sign in as ops@platform.example with the password below)",
        f"  partners page: {base_url}/reports/partners (sign in as approver@acme.example)",
        f"  rep's app: {base_url}/app (on a phone-sized window; sign in as rep@northwind.example)",
        "",
        f"Access tokens (valid {DEMO_TOKEN_TTL // 3600} hours):",
    ]
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            qbr = await partnership_of(session, "Northwind IT", "Acme Networks")
            lines.insert(
                5,
                f"  QBR page: {base_url}/reports/partnerships/{qbr.id}/qbr (Northwind IT with "
                "Acme; sign in as approver@acme.example or admin@northwind.example)",
            )
            for email, _, role, _ in USERS:
                principal = await principal_for_email(session, email)
                token = tokens.mint(principal, ttl=DEMO_TOKEN_TTL)
                lines.append(f"  {role.value:<16} {email:<26} {token}")
                if email == "rep@northwind.example":
                    rep_token = token
            crm = await issue_crm_client(session)
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
