"""Building blocks of the incentive tests: a plan and what it pays on the standard registration,
moving registrations through their stages over HTTP, running the settle job as a worker runs it,
and reading a registration's ledger back."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.incentives import service
from dealreg.incentives.models import Earning
from dealreg.orgs.models import Program, Role, Tier
from dealreg.worker.models import OutboxMessage
from tests.clocks import act, register
from tests.deals import PartnerSetup, VendorSetup
from tests.factories import Factory

Headers = dict[str, str]
Json = dict[str, Any]
Settle = Callable[[str], Awaitable[list[Earning]]]

PLAN: Json = {
    "margin_rate_bp": 2000,
    "pays": [
        {"milestone": "registration", "fixed": 50_000},
        {"milestone": "proposal", "margin_share_bp": 2500},
        {"milestone": "negotiation", "margin_share_bp": 1000},
        {"milestone": "close", "margin_share_bp": 5000},
    ],
}
# What PLAN pays on the registration of `register`: 10 x 150_000, a deal margin of 300_000.
PAID = {"registration": 50_000, "proposal": 75_000, "negotiation": 30_000, "close": 150_000}


def plans_url(program: Program, *rest: str | int) -> str:
    return "/".join([f"/v1/programs/{program.id}/incentive-plans", *map(str, rest)])


async def create_plan(
    client: httpx.AsyncClient, headers: Headers, program: Program, **overrides: Any
) -> Json:
    response = await client.post(plans_url(program), json=PLAN | overrides, headers=headers)
    assert response.status_code == 201, response.text
    plan: Json = response.json()
    return plan


async def stage(client: httpx.AsyncClient, headers: Headers, registration_id: str, to: str) -> None:
    await act(client, headers, registration_id, "stage", {"stage": to})


async def approved(
    client: httpx.AsyncClient, setup: VendorSetup, partner: PartnerSetup, *stages: str
) -> str:
    """A registration of `partner`'s rep, approved by the vendor and then moved through `stages`
    by the rep; its id. Nothing is settled."""
    registration_id = await register(client, partner, setup)
    await act(client, setup.approver, registration_id, "approve", {})
    for to in stages:
        await stage(client, partner.rep, registration_id, to)
    return registration_id


async def ledger_of(db: AsyncSession, registration_id: str) -> list[tuple[str, str, int]]:
    """The registration's ledger as (milestone, entry, amount), oldest first."""
    rows = await db.execute(
        select(Earning.milestone, Earning.entry, Earning.amount)
        .where(Earning.registration_id == uuid.UUID(registration_id))
        .order_by(Earning.earned_at, Earning.id)
    )
    return [(row.milestone.value, row.entry.value, row.amount) for row in rows]


def shown(rows: list[Earning]) -> list[tuple[str, str, int]]:
    return [(row.milestone.value, row.entry.value, row.amount) for row in rows]


async def settle_jobs_for(db: AsyncSession, registration_id: str) -> list[OutboxMessage]:
    messages = await db.scalars(
        select(OutboxMessage).where(
            OutboxMessage.job == "incentives.settle",
            OutboxMessage.payload["registration_id"].astext == registration_id,
        )
    )
    return list(messages)


def settler(sessionmaker: async_sessionmaker[AsyncSession]) -> Settle:
    """The settle job as a worker runs it: in a transaction of its own (a savepoint of the
    test's transaction, released), so it reads registrations as the requests left them."""

    async def run(registration_id: str) -> list[Earning]:
        async with sessionmaker() as session:
            rows = await service.settle(session, uuid.UUID(registration_id))
            await session.commit()
        return rows

    return run


async def enrolled_at(factory: Factory, vendor: VendorSetup, tier: Tier) -> PartnerSetup:
    """A partner enrolled with `vendor` at `tier`, with a rep."""
    partner = await factory.partner()
    await factory.partnership(partner, vendor.vendor, tier=tier)
    rep = await factory.user(partner, Role.partner_rep)
    headers = {"Authorization": f"Bearer {factory.token(rep, partner)}"}
    admin = await factory.headers_for(partner, Role.partner_admin)
    return PartnerSetup(partner, headers, rep.id, admin)
