"""SLA breach reports for channel ops: how fast vendors decide, in business time, and where the
SLA broke. One aggregate statement per report, computed by PostgreSQL over the clocks; nothing
is precomputed, so a report is as fresh as the last committed decision.
"""

import enum
import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import BigInteger, ColumnElement, Float, Select, and_, func, literal, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.tokens import Principal
from dealreg.dates import report_range
from dealreg.errors import Forbidden
from dealreg.orgs.models import Organization, OrgKind, Program, User
from dealreg.pagination import Page, PageRequest, by_key, cut
from dealreg.registrations.models import Registration
from dealreg.sla.models import ClockState, SlaBreach, SlaClock, Threshold

_HOUR_US = 3_600_000_000


class SlaGroupBy(enum.StrEnum):
    vendor = "vendor"
    program = "program"
    approver = "approver"
    week = "week"


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    """Which registrations a report covers: submitted in [start, end), narrowed by the filters."""

    first_day: date
    last_day: date
    start: datetime
    end: datetime
    vendor_id: uuid.UUID | None = None
    program_id: uuid.UUID | None = None
    approver_id: uuid.UUID | None = None


class SlaRow(msgspec.Struct, frozen=True, kw_only=True):
    group: str
    group_id: uuid.UUID | None
    label: str
    submitted: int
    decided: int
    median_hours_to_decision: float | None
    p90_hours_to_decision: float | None
    decided_within_target: float | None
    breaches: int
    open_at_risk: int


def scope_of(
    actor: Principal,
    *,
    start: date | None,
    end: date | None,
    vendor_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    approver_id: uuid.UUID | None,
    today: date,
) -> Scope:
    """The report's scope, checked: a vendor's staff see their own vendor only; dates in UTC,
    `end` inclusive; at most two years."""
    if actor.org_kind is OrgKind.partner:
        raise Forbidden("SLA reports are for vendors and channel operations.")
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise Forbidden("A vendor reads its own SLA reports only.")
        vendor_id = actor.organization_id
    days = report_range(start, end, today)
    return Scope(
        first_day=days.first_day,
        last_day=days.last_day,
        start=days.start,
        end=days.end,
        vendor_id=vendor_id,
        program_id=program_id,
        approver_id=approver_id,
    )


def _where(scope: Scope) -> ColumnElement[bool]:
    """The scope, on the registrations and on their clocks: a clock starts at its registration's
    submission, for its vendor (clocks.start_clocks), so the same bounds on the clock change
    nothing but let its own index narrow it instead of a scan of every clock."""
    conditions = [
        Registration.submitted_at >= scope.start,
        Registration.submitted_at < scope.end,
        SlaClock.started_at >= scope.start,
        SlaClock.started_at < scope.end,
    ]
    if scope.vendor_id is not None:
        conditions.append(Registration.vendor_id == scope.vendor_id)
        conditions.append(SlaClock.vendor_id == scope.vendor_id)
    if scope.program_id is not None:
        conditions.append(Registration.program_id == scope.program_id)
    if scope.approver_id is not None:
        conditions.append(Registration.approver_id == scope.approver_id)
    return and_(*conditions)


def _grouping(group_by: SlaGroupBy) -> tuple[Any, Any, Any]:
    """The key to group by, its id (if any) and its label."""
    if group_by is SlaGroupBy.vendor:
        return Registration.vendor_id, Registration.vendor_id, Organization.name
    if group_by is SlaGroupBy.program:
        return Registration.program_id, Registration.program_id, Program.name
    if group_by is SlaGroupBy.approver:
        return (
            Registration.approver_id,
            Registration.approver_id,
            func.coalesce(User.name, literal("(unassigned)")),
        )
    week = func.date_trunc("week", func.timezone("UTC", Registration.submitted_at))
    return week, literal(None), func.to_char(week, 'IYYY-"W"IW')


def _measures() -> list[Any]:
    """The figures of a report row, over the registrations of a group joined with their clocks."""
    decided = Registration.decided_at.is_not(None)
    hours = SlaClock.elapsed_us / float(_HOUR_US)
    at_risk = and_(
        SlaClock.state != ClockState.stopped,
        SlaClock.next_threshold.is_distinct_from(Threshold.reminder),
        SlaClock.next_threshold.is_distinct_from(Threshold.at_risk),
    )
    return [
        func.count().label("submitted"),
        func.count().filter(decided).label("decided"),
        # Both percentiles from one sort of the group.
        func.percentile_cont(postgresql.array([0.5, 0.9]))
        .within_group(hours)
        .filter(decided)
        .label("percentiles"),
        (
            func.count().filter(
                decided,
                SlaClock.elapsed_us <= SlaClock.target_minutes.cast(BigInteger) * 60_000_000,
            )
            / func.nullif(func.count().filter(decided), 0).cast(Float)
        ).label("within_target"),
        # Joined (a registration has one breach at most), not probed row by row.
        func.count(SlaBreach.registration_id).label("breaches"),
        func.count().filter(at_risk, Registration.decided_at.is_(None)).label("open_at_risk"),
    ]


def _row(group: str, group_id: uuid.UUID | None, label: str, row: Any) -> SlaRow:
    return SlaRow(
        group=group,
        group_id=group_id,
        label=label,
        submitted=row.submitted,
        decided=row.decided,
        median_hours_to_decision=_round(row.percentiles[0] if row.percentiles else None),
        p90_hours_to_decision=_round(row.percentiles[1] if row.percentiles else None),
        decided_within_target=_round(row.within_target, 4),
        breaches=row.breaches,
        open_at_risk=row.open_at_risk,
    )


def _measured(*columns: Any) -> Select[Any]:
    return (
        select(*columns, *_measures())
        .join(SlaClock, SlaClock.registration_id == Registration.id)
        .outerjoin(SlaBreach, SlaBreach.registration_id == Registration.id)
    )


async def summary(session: AsyncSession, scope: Scope, group_by: SlaGroupBy) -> list[SlaRow]:
    key, key_id, label = _grouping(group_by)
    stmt = (
        _measured(key.label("key"), key_id.label("key_id"), func.min(label).label("label"))
        .where(_where(scope))
        .group_by(key, key_id)
        # By name, as people look for them (weeks' names sort as the weeks do).
        .order_by(func.min(label), key)
    )
    if group_by is SlaGroupBy.vendor:
        stmt = stmt.join(Organization, Organization.id == Registration.vendor_id)
    elif group_by is SlaGroupBy.program:
        stmt = stmt.join(Program, Program.id == Registration.program_id)
    elif group_by is SlaGroupBy.approver:
        stmt = stmt.outerjoin(User, User.id == Registration.approver_id)
    return [_row(group_by.value, row.key_id, row.label, row) for row in await session.execute(stmt)]


async def totals(session: AsyncSession, scope: Scope) -> SlaRow:
    """The figures of the whole scope, as one row."""
    row = (await session.execute(_measured().where(_where(scope)))).one()
    return _row("all", None, "All", row)


class WeekRow(msgspec.Struct, frozen=True, kw_only=True):
    """A vendor's figures over the registrations submitted in one ISO week (Monday, UTC)."""

    vendor_id: uuid.UUID
    vendor: str
    week: date
    figures: SlaRow


async def weekly_by_vendor(session: AsyncSession, scope: Scope) -> list[WeekRow]:
    week = func.date_trunc("week", func.timezone("UTC", Registration.submitted_at))
    stmt = (
        _measured(
            Registration.vendor_id, week.label("week"), func.min(Organization.name).label("label")
        )
        .join(Organization, Organization.id == Registration.vendor_id)
        .where(_where(scope))
        .group_by(Registration.vendor_id, week)
        .order_by(week, Registration.vendor_id)
    )
    return [
        WeekRow(
            vendor_id=row.vendor_id,
            vendor=row.label,
            week=row.week.date(),
            figures=_row("vendor", row.vendor_id, row.label, row),
        )
        for row in await session.execute(stmt)
    ]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


class Breach(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    registration_id: uuid.UUID
    number: str
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    program_id: uuid.UUID
    approver_id: uuid.UUID | None
    submitted_at: datetime
    due_at: datetime
    breached_at: datetime
    action: str
    status: str


def _breaches(scope: Scope) -> Select[*tuple[Any, ...]]:
    # Filtered on the breach's own copies of vendor, program and approver (the approver who held
    # it when it breached, as it shows), so its index leads; a breach never precedes its
    # submission, which bounds the breaches read from the start of the range.
    conditions = [
        Registration.submitted_at >= scope.start,
        Registration.submitted_at < scope.end,
        SlaBreach.breached_at >= scope.start,
    ]
    for column, value in (
        (SlaBreach.vendor_id, scope.vendor_id),
        (SlaBreach.program_id, scope.program_id),
        (SlaBreach.approver_id, scope.approver_id),
    ):
        if value is not None:
            conditions.append(column == value)
    where = and_(*conditions)
    return (
        select(
            SlaBreach.id,
            SlaBreach.registration_id,
            Registration.number,
            SlaBreach.vendor_id,
            SlaBreach.partner_id,
            SlaBreach.program_id,
            SlaBreach.approver_id,
            Registration.submitted_at,
            SlaBreach.due_at,
            SlaBreach.breached_at,
            SlaBreach.action,
            Registration.status,
        )
        .join(Registration, Registration.id == SlaBreach.registration_id)
        .where(where)
    )


def _breach(row: Any) -> Breach:
    return Breach(
        id=row.id,
        registration_id=row.registration_id,
        number=row.number,
        vendor_id=row.vendor_id,
        partner_id=row.partner_id,
        program_id=row.program_id,
        approver_id=row.approver_id,
        submitted_at=row.submitted_at,
        due_at=row.due_at,
        breached_at=row.breached_at,
        action=row.action.value,
        status=row.status.value,
    )


async def breaches(session: AsyncSession, scope: Scope, page: PageRequest) -> Page[Breach]:
    """The breached registrations of the scope, in the order they breached."""
    stmt = by_key(_breaches(scope), SlaBreach.breached_at, SlaBreach.id, page)
    rows = [_breach(row) for row in await session.execute(stmt)]
    return cut(rows, page, lambda breach: (breach.breached_at, breach.id))


async def all_breaches(session: AsyncSession, scope: Scope) -> AsyncIterator[Breach]:
    """Every breach of the scope, streamed from the database (for CSV)."""
    stream = await session.stream(_breaches(scope).order_by(SlaBreach.breached_at, SlaBreach.id))
    async for row in stream:
        yield _breach(row)


async def recent_breaches(session: AsyncSession, scope: Scope, limit: int) -> list[Breach]:
    """The last `limit` breaches of the scope, newest first."""
    stmt = _breaches(scope).order_by(SlaBreach.breached_at.desc(), SlaBreach.id.desc())
    return [_breach(row) for row in await session.execute(stmt.limit(limit))]


async def vendor_names(
    session: AsyncSession, vendor_id: uuid.UUID | None = None
) -> dict[uuid.UUID, str]:
    """Every vendor's name (or only `vendor_id`'s), in the order of the names."""
    stmt = select(Organization.id, Organization.name).where(Organization.kind == OrgKind.vendor)
    if vendor_id is not None:
        stmt = stmt.where(Organization.id == vendor_id)
    return {
        row.id: row.name
        for row in await session.execute(stmt.order_by(Organization.name, Organization.id))
    }
