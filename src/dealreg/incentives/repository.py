"""All SQL of incentive plans and of settling the ledger (the ledger's and payouts' own read
queries stay in ledger.py and payouts.py, as the read models of their pages)."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.incentives.models import Earning, IncentivePlan
from dealreg.orgs.models import Partnership, Program, Tier
from dealreg.registrations.models import Registration, RegistrationHistory


async def lock_program(session: AsyncSession, program_id: uuid.UUID) -> None:
    await session.execute(select(Program.id).where(Program.id == program_id).with_for_update())


async def latest_version(session: AsyncSession, program_id: uuid.UUID) -> int | None:
    return await session.scalar(
        select(func.max(IncentivePlan.version)).where(IncentivePlan.program_id == program_id)
    )


async def plans_of(session: AsyncSession, program_id: uuid.UUID) -> Sequence[IncentivePlan]:
    """Every version of the program's plan, newest first."""
    stmt = (
        select(IncentivePlan)
        .where(IncentivePlan.program_id == program_id)
        .order_by(IncentivePlan.version.desc())
    )
    return (await session.scalars(stmt)).all()


async def plan_version(
    session: AsyncSession, program_id: uuid.UUID, version: int
) -> IncentivePlan | None:
    return await session.scalar(
        select(IncentivePlan).where(
            IncentivePlan.program_id == program_id, IncentivePlan.version == version
        )
    )


async def plans_in_force(
    session: AsyncSession, program_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID]:
    """The latest plan version of each program that has one: program id to plan id."""
    stmt = (
        select(IncentivePlan.program_id, IncentivePlan.id)
        .where(IncentivePlan.program_id.in_(program_ids))
        .ext(distinct_on(IncentivePlan.program_id))
        .order_by(IncentivePlan.program_id, IncentivePlan.version.desc())
    )
    return {row.program_id: row.id for row in await session.execute(stmt)}


async def lock_registration(
    session: AsyncSession, registration_id: uuid.UUID
) -> Registration | None:
    return await session.scalar(
        select(Registration).where(Registration.id == registration_id).with_for_update()
    )


async def moves_of(session: AsyncSession, registration_id: uuid.UUID) -> Sequence[Any]:
    """The stages and statuses the registration's history moved to, and when, oldest first."""
    return (
        await session.execute(
            select(
                RegistrationHistory.to_stage, RegistrationHistory.to_status, RegistrationHistory.at
            )
            .where(RegistrationHistory.registration_id == registration_id)
            .order_by(RegistrationHistory.at)
        )
    ).all()


async def tier_of(session: AsyncSession, registration: Registration) -> Tier | None:
    """The partner's tier with the registration's vendor (None once the partnership is gone)."""
    return await session.scalar(
        select(Partnership.tier).where(
            Partnership.partner_id == registration.partner_id,
            Partnership.vendor_id == registration.vendor_id,
        )
    )


async def ledger_of(session: AsyncSession, registration_id: uuid.UUID) -> Sequence[Earning]:
    return (
        await session.scalars(
            select(Earning)
            .where(Earning.registration_id == registration_id)
            .order_by(Earning.earned_at, Earning.id)
        )
    ).all()
