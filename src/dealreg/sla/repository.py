"""All SQL of approval clocks and SLA policies but the breach reports' (reports.py): the sweep's
locked batch, the firing claimed once, the policies in force.

The breach reports keep their own queries, as the incentives' ledger and payouts do: each is a
read model of its page, not a rule.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization
from dealreg.registrations.models import Registration
from dealreg.sla.models import (
    ClockState,
    SlaClock,
    SlaFiring,
    SlaPolicy,
    SlaState,
    Threshold,
)


def sla_state() -> ColumnElement[str]:
    """A clock's SlaState, in SQL (for filters over many)."""
    return case(
        (SlaClock.state == ClockState.stopped, SlaState.stopped.value),
        (SlaClock.state == ClockState.paused, SlaState.paused.value),
        (SlaClock.breached, SlaState.breached.value),
        (SlaClock.next_threshold == Threshold.breached, SlaState.at_risk.value),
        (SlaClock.next_threshold == Threshold.at_risk, SlaState.reminded.value),
        else_=SlaState.on_track.value,
    )


async def due_clocks(session: AsyncSession, now: datetime, limit: int) -> Sequence[Any]:
    """Up to `limit` running clocks due by `now`, with their registrations (longest due first).

    The clock and its registration are locked together, and never waited for: a decision
    holding the registration (it locks it before its clock) is skipped, not deadlocked, and its
    clock stops with it."""
    stmt = (
        select(SlaClock, Registration)
        .join(Registration, Registration.id == SlaClock.registration_id)
        .where(SlaClock.next_due_at <= now, SlaClock.state == ClockState.running)
        .order_by(SlaClock.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True, of=[SlaClock, Registration])
    )
    return (await session.execute(stmt)).all()


async def claim_firing(
    session: AsyncSession,
    registration_id: uuid.UUID,
    threshold: Threshold,
    due_at: datetime,
    now: datetime,
) -> bool:
    """Record that `threshold` fired; False when it already had (the unique row decides)."""
    stmt = (
        pg_insert(SlaFiring)
        .values(
            id=uuid.uuid4(),
            registration_id=registration_id,
            threshold=threshold,
            due_at=due_at,
            fired_at=now,
        )
        .on_conflict_do_nothing(index_elements=["registration_id", "threshold"])
        .returning(SlaFiring.id)
    )
    return (await session.execute(stmt)).first() is not None


async def firings_of(session: AsyncSession, registration_id: uuid.UUID) -> Sequence[SlaFiring]:
    stmt = (
        select(SlaFiring)
        .where(SlaFiring.registration_id == registration_id)
        .order_by(SlaFiring.fired_at, SlaFiring.due_at)
    )
    return (await session.scalars(stmt)).all()


async def clocks_of(
    session: AsyncSession, registration_ids: Sequence[uuid.UUID]
) -> Sequence[SlaClock]:
    """The clocks of `registration_ids` (a registration that has none is left out)."""
    if not registration_ids:
        return []
    stmt = select(SlaClock).where(SlaClock.registration_id.in_(registration_ids))
    return (await session.scalars(stmt)).all()


async def stored_policy(
    session: AsyncSession, vendor_id: uuid.UUID, program_id: uuid.UUID | None
) -> SlaPolicy | None:
    stmt = select(SlaPolicy).where(
        SlaPolicy.vendor_id == vendor_id,
        SlaPolicy.program_id == program_id
        if program_id is not None
        else SlaPolicy.program_id.is_(None),
    )
    return (await session.scalars(stmt)).one_or_none()


async def vendors_and_policies(
    session: AsyncSession, vendor_ids: Iterable[uuid.UUID]
) -> tuple[Sequence[Organization], Sequence[SlaPolicy]]:
    """The vendors, and every policy stored for them (theirs and their programs')."""
    # One statement, not one per table: a deal's clocks start with this, a round trip less.
    stmt = (
        select(Organization, SlaPolicy)
        .outerjoin(SlaPolicy, SlaPolicy.vendor_id == Organization.id)
        .where(Organization.id.in_(list(set(vendor_ids))))
    )
    vendors: dict[uuid.UUID, Organization] = {}
    policies = []
    for vendor, policy in await session.execute(stmt):
        vendors[vendor.id] = vendor
        if policy is not None:
            policies.append(policy)
    return list(vendors.values()), policies


async def sweep_lag_seconds(session: AsyncSession) -> float:
    """How long the longest-due threshold has waited for the sweep; 0 when none is due."""
    lag = await session.scalar(
        select(func.extract("epoch", func.now() - func.min(SlaClock.next_due_at))).where(
            SlaClock.next_due_at <= func.now()
        )
    )
    return max(float(lag or 0), 0.0)
