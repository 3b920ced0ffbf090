"""All SQL of approval clocks and SLA policies but the breach reports' (reports.py): the sweep's
locked page, the firings claimed once, the clocks moved on, the policies in force.

The breach reports keep their own queries, as the incentives' ledger and payouts do: each is a
read model of its page, not a rule.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Text,
    Update,
    any_,
    bindparam,
    case,
    cast,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from dealreg.db import as_columns, insert_columns, table_of, unnested
from dealreg.orgs.models import Organization
from dealreg.registrations.models import Registration
from dealreg.sla.models import (
    ClockState,
    SlaBreach,
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


# What the sweep reads of a due clock and its registration (sla/firing.py's DueClock, in order).
# The calendar comes as the text of its JSON: one decoding per distinct calendar serves every
# clock that copied it (a vendor's clocks mostly share one), not a decoding per clock.
_DUE_COLUMNS = (
    SlaClock.registration_id,
    Registration.number,
    Registration.vendor_id,
    Registration.partner_id,
    Registration.program_id,
    Registration.approver_id,
    Registration.conflict,
    cast(SlaClock.calendar, Text).label("calendar"),
    SlaClock.target_minutes,
    SlaClock.hard_limit_minutes,
    SlaClock.elapsed_us,
    SlaClock.started_at,
    SlaClock.running_since,
    SlaClock.pauses,
    SlaClock.paused_since,
    SlaClock.stopped_at,
    SlaClock.next_threshold,
    SlaClock.breached,
    SlaClock.breach_action,
    SlaClock.escalation_email,
)


async def due_clocks(session: AsyncSession, now: datetime, limit: int) -> Sequence[Any]:
    """Up to `limit` running clocks due by `now`, with their registrations (longest due first),
    as _DUE_COLUMNS.

    The clock and its registration are locked together, and never waited for: a decision
    holding the registration (it locks it before its clock) is skipped, not deadlocked, and its
    clock stops with it."""
    stmt = (
        select(*_DUE_COLUMNS)
        .join(Registration, Registration.id == SlaClock.registration_id)
        .where(SlaClock.next_due_at <= now, SlaClock.state == ClockState.running)
        .order_by(SlaClock.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True, of=[SlaClock, Registration])
    )
    return (await session.execute(stmt)).all()


async def claim_firings(
    session: AsyncSession, rows: list[dict[str, Any]]
) -> set[tuple[uuid.UUID, Threshold]]:
    """Record that the thresholds of `rows` (id, registration_id, threshold, due_at, fired_at)
    fired, in one statement; those that had not fired before (the unique row decides)."""
    if not rows:
        return set()
    table, columns = table_of(SlaFiring), list(rows[0])
    stmt = (
        pg_insert(table)
        .from_select(columns, unnested(table, columns))
        .on_conflict_do_nothing(index_elements=["registration_id", "threshold"])
        .returning(table.c.registration_id, table.c.threshold)
    )
    claimed = await session.execute(stmt, as_columns(rows))
    return {(row.registration_id, row.threshold) for row in claimed}


def _move() -> Update:
    table = table_of(SlaClock)
    moves = unnested(table, ["registration_id", "next_threshold", "next_due_at", "breached"])
    moved = moves.subquery("moved")
    return (
        update(table)
        .where(table.c.registration_id == moved.c.registration_id)
        .values(
            next_threshold=moved.c.next_threshold,
            next_due_at=moved.c.next_due_at,
            breached=moved.c.breached,
            updated_at=func.clock_timestamp(),
        )
    )


_MOVE = _move()


async def move_clocks(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Move each clock of `rows` (by registration_id) to its `next_threshold`, due at
    `next_due_at`, `breached` or not, in one statement; a copy of one the session holds is
    expired, so that it is read again."""
    if not rows:
        return
    await session.execute(_MOVE, as_columns(rows))
    for row in rows:
        held = session.identity_map.get(identity_key(SlaClock, row["registration_id"]))
        if held is not None:
            session.expire(held)


async def add_breaches(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await insert_columns(session, SlaBreach, rows)


async def firings_of(session: AsyncSession, registration_id: uuid.UUID) -> Sequence[SlaFiring]:
    stmt = (
        select(SlaFiring)
        .where(SlaFiring.registration_id == registration_id)
        .order_by(SlaFiring.fired_at, SlaFiring.due_at)
    )
    return (await session.scalars(stmt)).all()


_clocks = table_of(SlaClock)
# A list's clocks (a page of registrations, each row with its SLA summary), read as plain rows of
# the columns a summary is worked out from, by a statement built once: the page's ids are one
# array parameter (`= ANY`), not an IN list of 50 parameters rendered into the statement on every
# request, and no entities are loaded. Together about a fifth of a list's CPU (issue #22).
_SUMMARY_ROWS = select(
    _clocks.c.registration_id,
    _clocks.c.calendar,
    _clocks.c.target_minutes,
    _clocks.c.hard_limit_minutes,
    _clocks.c.state,
    _clocks.c.started_at,
    _clocks.c.elapsed_us,
    _clocks.c.running_since,
    _clocks.c.pauses,
    _clocks.c.paused_since,
    _clocks.c.stopped_at,
    _clocks.c.next_threshold,
    _clocks.c.next_due_at,
).where(_clocks.c.registration_id == any_(bindparam("ids", type_=ARRAY(UUID(as_uuid=True)))))


async def summary_rows(
    session: AsyncSession, registration_ids: Sequence[uuid.UUID]
) -> Sequence[Any]:
    """What the summaries of the clocks of `registration_ids` are worked out from (a
    registration that has no clock is left out): rows with the attributes of
    `clocks.Summarized` and the registration_id."""
    if not registration_ids:
        return []
    return (await session.execute(_SUMMARY_ROWS, {"ids": list(registration_ids)})).all()


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
