"""Building blocks of the incentive tests: plan bodies and what PLAN pays on the standard
registration, a vendor's program with an enrolled partner to make plans and move registrations
through their stages over HTTP, and reading a registration's ledger back."""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.incentives.models import Earning, Entry, IncentivePlan
from dealreg.orgs.models import Program, Role, Tier
from dealreg.outbox.jobs import REGISTRY
from dealreg.outbox.models import OutboxMessage
from tests.clocks import act, register
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import count_rows

Headers = dict[str, str]
Json = dict[str, Any]
Settle = Callable[[str], Awaitable[list[Earning]]]


def fixed(amount: int) -> Json:
    return {"fixed": amount}


def share(bp: int) -> Json:
    """A share of the deal margin, in basis points."""
    return {"margin_share_bp": bp}


def plan_body(margin_rate_bp: int, pays: dict[str, Json], **terms: Any) -> Json:
    """A plan: its margin rate, what each milestone named pays (`fixed` or `share`), and any
    other `terms`."""
    listed = [{"milestone": milestone} | pay for milestone, pay in pays.items()]
    return {"margin_rate_bp": margin_rate_bp, "pays": listed} | terms


PLAN = plan_body(
    2000,
    {
        "registration": fixed(50_000),
        "proposal": share(2500),
        "negotiation": share(1000),
        "close": share(5000),
    },
)
# What PLAN pays on the registration of `register`: 10 x 150_000, a deal margin of 300_000.
PAID = {"registration": 50_000, "proposal": 75_000, "negotiation": 30_000, "close": 150_000}
# Every milestone pays, two fixed and two a share of the margin, times 1.25 for gold, within a
# cap that the close of the standard registration runs into.
CAPPED_PLAN = plan_body(
    2000,
    {
        "registration": fixed(40_000),
        "proposal": share(2500),
        "negotiation": fixed(25_000),
        "close": share(5000),
    },
    per_deal_cap=200_000,
    tier_multipliers_bp={"gold": 12_500},
)


def plans_url(program: Program, *rest: str | int) -> str:
    return "/".join([f"/v1/programs/{program.id}/incentive-plans", *map(str, rest)])


async def create_plan(
    client: httpx.AsyncClient, headers: Headers, program: Program, **overrides: Any
) -> Json:
    response = await client.post(plans_url(program), json=PLAN | overrides, headers=headers)
    assert response.status_code == 201, response.text
    plan: Json = response.json()
    return plan


async def plans_made(db: AsyncSession, program: Program) -> int:
    return await count_rows(db, IncentivePlan, IncentivePlan.program_id == program.id)


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


@dataclass
class Enrolment:
    """A vendor's program (its admin makes the plans, its approver decides) and a partner enrolled
    with it, whose rep registers deals and earns; all of them act through `client`."""

    client: httpx.AsyncClient
    vendor: VendorSetup
    admin: Headers
    partner: PartnerSetup

    async def plan(self, **overrides: Any) -> Json:
        """A new version of the program's plan: PLAN with `overrides`."""
        return await create_plan(self.client, self.admin, self.vendor.program, **overrides)

    async def registered(self) -> str:
        """A registration of the rep's, submitted; its id."""
        return await register(self.client, self.partner, self.vendor)

    async def approve(self, registration_id: str) -> None:
        await act(self.client, self.vendor.approver, registration_id, "approve", {})

    async def approved(self, *stages: str) -> str:
        return await approved(self.client, self.vendor, self.partner, *stages)

    async def stage(self, registration_id: str, to: str, *, by: Headers | None = None) -> None:
        """`to` reported by the rep, or by whoever `by` is."""
        await stage(self.client, by or self.partner.rep, registration_id, to)


async def enrol(
    client: httpx.AsyncClient, factory: Factory, *, tier: Tier = Tier.gold
) -> Enrolment:
    """A new vendor with a program and no plan yet, and a new partner enrolled at `tier`."""
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    return Enrolment(client, vendor, admin, await partner_setup(factory, vendor, tier=tier))


async def earnings_of(db: AsyncSession, registration_id: str) -> list[Earning]:
    """The registration's ledger, oldest first."""
    rows = await db.scalars(
        select(Earning)
        .where(Earning.registration_id == uuid.UUID(registration_id))
        .order_by(Earning.earned_at, Earning.id)
    )
    return list(rows)


def shown(rows: list[Earning]) -> list[tuple[str, str, int]]:
    return [(row.milestone.value, row.entry.value, row.amount) for row in rows]


async def ledger_of(db: AsyncSession, registration_id: str) -> list[tuple[str, str, int]]:
    """The registration's ledger as (milestone, entry, amount), oldest first."""
    return shown(await earnings_of(db, registration_id))


def assert_clawed_back(earnings: list[Earning], reversals: list[Earning], reason: str) -> None:
    """`reversals` reverse each of `earnings` once, wholly, for `reason`, by the same plan."""
    assert sorted(
        (row.entry, row.milestone, row.amount, row.reverses_id, row.reason) for row in reversals
    ) == sorted((Entry.reversal, row.milestone, -row.amount, row.id, reason) for row in earnings)
    assert {row.plan_id for row in reversals} == {row.plan_id for row in earnings}


async def run_as_worker(
    sessionmaker: async_sessionmaker[AsyncSession], message: OutboxMessage
) -> None:
    """The job `message` asks for, run as a worker runs it: in a transaction of its own (a
    savepoint of the test's transaction, released)."""
    async with sessionmaker() as session:
        await REGISTRY[message.job].fn(session, **message.payload)
        await session.commit()


async def settle_jobs_for(db: AsyncSession, registration_id: str) -> list[OutboxMessage]:
    messages = await db.scalars(
        select(OutboxMessage).where(
            OutboxMessage.job == "incentives.settle",
            OutboxMessage.payload["registration_id"].astext == registration_id,
        )
    )
    return list(messages)


def copy_of(earning: Earning, **changes: Any) -> Earning:
    """A new ledger row like `earning`, with `changes`."""
    fields = {
        name: getattr(earning, name)
        for name in (
            "registration_id",
            "plan_id",
            "rep_id",
            "partner_id",
            "vendor_id",
            "milestone",
            "entry",
            "amount",
            "currency",
        )
    }
    return Earning(**(fields | changes))


def reversal_of(earning: Earning, **changes: Any) -> Earning:
    """A new ledger row reversing `earning`, with `changes`."""
    reversal = {
        "entry": Entry.reversal,
        "amount": -earning.amount,
        "reverses_id": earning.id,
        "reason": "test",
    }
    return copy_of(earning, **(reversal | changes))
