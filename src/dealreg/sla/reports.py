"""SLA breach reports for channel ops: how fast vendors decide, in business time, and where the
SLA broke. One aggregate statement per report, computed by PostgreSQL over the clocks alone: each
carries what the reports read of its registration (models.SlaClock), kept in the transaction
that changes it, so a report is as fresh as the last committed decision and its figures exact.

A report over more than a quarter (92 days) reads the rollups instead (sla/rollups.py: weekly
cells kept by a trigger in the same transactions, and the clocks of the partial weeks at its
ends): its counts and shares are still exact, its percentiles within max(1 %, 15 minutes) of
the exact ones, as `percentile_error` states. By partner across vendors it reads the partners'
monthly cells; by partner for one vendor, program or approver, or for one partner, it stays
exact.
"""

import enum
import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Float,
    Subquery,
    and_,
    case,
    func,
    literal,
    not_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from dealreg.dates import mondays, report_range
from dealreg.db import sort_in_memory
from dealreg.errors import Forbidden, NotFound
from dealreg.orgs.models import ApiClient, Organization, OrgKind, Program, User
from dealreg.orgs.principals import Principal
from dealreg.rollups import APPROXIMATE, PercentileError
from dealreg.sla import rollups
from dealreg.sla.models import ClockState, SlaClock, Threshold

_HOUR_US = 3_600_000_000


class SlaGroupBy(enum.StrEnum):
    vendor = "vendor"
    partner = "partner"
    program = "program"
    # Who approved or rejected: a person or machine client by name, "(a rule)" for a rule's
    # decisions, "(undecided)" for the rest.
    approver = "approver"
    # Whom the registrations are assigned to, "(unassigned)" for the rest.
    assignee = "assignee"
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
    # One partner's registrations only: the vendor's figures toward it (the QBR's totals);
    # the watchlists do not take it.
    partner_id: uuid.UUID | None = None


class SlaRow(msgspec.Struct, frozen=True, kw_only=True):
    """One group's figures over the registrations submitted in the report's range."""

    group: Annotated[
        str,
        msgspec.Meta(
            description="What the rows are grouped by: the report's `group_by`, or `all`."
        ),
    ]
    group_id: Annotated[
        uuid.UUID | None,
        msgspec.Meta(
            description=(
                "The vendor, partner, program or person of the row; null for a week, for `(a rule)`, "
                "`(undecided)` and `(unassigned)`."
            )
        ),
    ]
    label: Annotated[
        str,
        msgspec.Meta(description="The group's name, or its ISO week (`2025-W10`)."),
    ]
    submitted: Annotated[
        int,
        msgspec.Meta(description="Registrations submitted in the range."),
    ]
    decided: Annotated[
        int,
        msgspec.Meta(description="Of them, approved or rejected (withdrawn ones are not decided)."),
    ]
    median_hours_to_decision: Annotated[
        float | None,
        msgspec.Meta(
            description=(
                "Median business hours from submission to decision, on the vendor's calendar (working "
                "hours, closed dates and public holidays; time waiting on the partner not counted); "
                "null when none is decided."
            )
        ),
    ]
    p90_hours_to_decision: Annotated[
        float | None,
        msgspec.Meta(
            description="90th percentile of the same business hours; null when none is decided."
        ),
    ]
    median_wall_clock_hours_to_decision: Annotated[
        float | None,
        msgspec.Meta(
            description=(
                "Median wall-clock hours from submission to decision: nights, weekends, holidays and "
                "time waiting on the partner included (0 business hours can be 14 wall-clock hours: "
                "decided before the vendor opened); null when none is decided."
            )
        ),
    ]
    p90_wall_clock_hours_to_decision: Annotated[
        float | None,
        msgspec.Meta(
            description="90th percentile of the same wall-clock hours; null when none is decided."
        ),
    ]
    decided_within_target: Annotated[
        float | None,
        msgspec.Meta(
            description=(
                "Share (0 to 1) of the decided ones decided within their target in business time "
                "(the target itself included); null when none is decided."
            )
        ),
    ]
    breaches: Annotated[
        int,
        msgspec.Meta(description="Registrations that passed their hard limit undecided."),
    ]
    open_at_risk: Annotated[
        int,
        msgspec.Meta(
            description=(
                "Still open now and past their target (at risk) or their hard limit (breached)."
            )
        ),
    ]


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
    vendor_id = vendor_of(actor, vendor_id)
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
    """The scope, on the clocks alone: a clock starts at its registration's submission
    (clocks.start_clocks) and carries its vendor, program and approver."""
    return and_(
        SlaClock.started_at >= scope.start,
        SlaClock.started_at < scope.end,
        *filters(scope, SlaClock.vendor_id, SlaClock.program_id, SlaClock.approver_id),
        *([SlaClock.partner_id == scope.partner_id] if scope.partner_id is not None else []),
    )


def filters(scope: Scope, vendor: Any, program: Any, approver: Any) -> list[ColumnElement[bool]]:
    """The scope's vendor, program and approver filters, on the given columns."""
    return [
        column == value
        for column, value in (
            (vendor, scope.vendor_id),
            (program, scope.program_id),
            (approver, scope.approver_id),
        )
        if value is not None
    ]


def _week() -> Any:
    """The ISO week (its Monday, UTC) of the registration's submission."""
    return func.date_trunc("week", func.timezone("UTC", SlaClock.started_at))


def _keys(group_by: SlaGroupBy) -> tuple[Any, ...]:
    if group_by is SlaGroupBy.vendor:
        return (SlaClock.vendor_id,)
    if group_by is SlaGroupBy.partner:
        return (SlaClock.partner_id,)
    if group_by is SlaGroupBy.program:
        return (SlaClock.program_id,)
    if group_by is SlaGroupBy.approver:
        # Decided tells a rule's decisions (no one) from the undecided.
        return SlaClock.decided_by_id, SlaClock.decided
    if group_by is SlaGroupBy.assignee:
        return (SlaClock.approver_id,)
    return (_week(),)


def _measures() -> list[Any]:
    """The figures of a report row, over the clocks of a group."""
    decided = SlaClock.decided
    at_risk = and_(
        SlaClock.state != ClockState.stopped,
        SlaClock.next_threshold.is_distinct_from(Threshold.reminder),
        SlaClock.next_threshold.is_distinct_from(Threshold.at_risk),
    )
    return [
        func.count().label("submitted"),
        func.count().filter(decided).label("decided"),
        # Both percentiles from one sort of the group, of the stored integers (made hours in
        # _row) rather than of a quotient computed for every row.
        func.percentile_cont(postgresql.array([0.5, 0.9]))
        .within_group(SlaClock.elapsed_us)
        .filter(decided)
        .label("percentiles"),
        # A decided clock stopped at its decision; it started at the submission.
        func.percentile_cont(postgresql.array([0.5, 0.9]))
        .within_group(func.extract("epoch", SlaClock.stopped_at - SlaClock.started_at).cast(Float))
        .filter(decided)
        .label("wall_clock_percentiles"),
        (
            func.count().filter(
                decided,
                SlaClock.elapsed_us <= SlaClock.target_minutes.cast(BigInteger) * 60_000_000,
            )
            / func.nullif(func.count().filter(decided), 0).cast(Float)
        ).label("within_target"),
        func.count().filter(SlaClock.breached).label("breaches"),
        func.count().filter(at_risk, not_(decided)).label("open_at_risk"),
    ]


def _hours(percentiles: list[float] | None, index: int, unit: float = _HOUR_US) -> float | None:
    return _round(percentiles[index] / unit) if percentiles else None


def _row(
    group: str,
    group_id: uuid.UUID | None,
    label: str,
    row: Any,
    times: rollups.Times | None = None,
) -> SlaRow:
    """A report row from its figures; its percentiles from `times` when they come from the
    rollups, else from the row."""
    business, wall = times or (row.percentiles, row.wall_clock_percentiles)
    return SlaRow(
        group=group,
        group_id=group_id,
        label=label,
        submitted=row.submitted,
        decided=row.decided,
        median_hours_to_decision=_hours(business, 0),
        p90_hours_to_decision=_hours(business, 1),
        median_wall_clock_hours_to_decision=_hours(wall, 0, 3600),
        p90_wall_clock_hours_to_decision=_hours(wall, 1, 3600),
        decided_within_target=_round(row.within_target, 4),
        breaches=row.breaches,
        open_at_risk=row.open_at_risk,
    )


def _figures(scope: Scope, *keys: Any) -> Subquery:
    """The figures of the scope by `keys`, from the clocks alone: an index-only scan of
    ix_sla_clocks_report*. Groups are named afterwards, by the caller: a join below the
    aggregate would probe a name for every clock."""
    return (
        select(*(key.label(f"key{i}") for i, key in enumerate(keys)), *_measures())
        .where(_where(scope))
        .group_by(*keys)
        .subquery()
    )


def percentile_error(scope: Scope, group_by: SlaGroupBy) -> PercentileError | None:
    """How far the report's percentiles may be from the exact ones; None: exact."""
    if _rollup_keys(scope, group_by) is None or not rollups.covers(
        scope.first_day, scope.last_day, scope.partner_id
    ):
        return None
    return APPROXIMATE


def _rollup_keys(scope: Scope, group_by: SlaGroupBy) -> tuple[str, ...] | None:
    """The group-by's keys among a rollup cell's columns; None: no cell holds them."""
    if group_by is SlaGroupBy.partner:
        return ("partner_id",) if rollups.by_partner(scope) else None
    return _ROLLUP_KEYS[group_by]


# A group-by's keys among a weekly rollup cell's columns (sla/rollups.py), in _keys' order.
_ROLLUP_KEYS = {
    SlaGroupBy.vendor: ("vendor_id",),
    SlaGroupBy.program: ("program_id",),
    SlaGroupBy.approver: ("decided_by_id", "decided"),
    SlaGroupBy.assignee: ("approver_id",),
    SlaGroupBy.week: ("week",),
}


class _Figures(msgspec.Struct, frozen=True):
    """A report's figures by its keys: exact (`times` None: the rows carry their percentiles)
    or from the rollups (`times` holds each group's, by its key values)."""

    table: Subquery
    times: dict[tuple[Any, ...], rollups.Times] | None

    def of(self, row: Any, width: int) -> rollups.Times | None:
        if self.times is None:
            return None
        return self.times.get(tuple(getattr(row, f"key{i}") for i in range(width)), (None, None))


async def _figures_of(
    session: AsyncSession, scope: Scope, keys: tuple[Any, ...], rollup_keys: tuple[str, ...] | None
) -> _Figures:
    """The scope's figures by `keys` (columns of the clocks), from the rollups when the scope
    is long enough and `rollup_keys` (the same keys among a cell's columns) are given."""
    if rollup_keys is not None and rollups.covers(
        scope.first_day, scope.last_day, scope.partner_id
    ):
        span = rollups.range_of(scope, "month" if "partner_id" in rollup_keys else "week")
        return _Figures(
            rollups.counts(span, rollup_keys),
            await rollups.percentiles(session, span, rollup_keys),
        )
    await sort_in_memory(session)
    return _Figures(_figures(scope, *keys), None)


async def summary(session: AsyncSession, scope: Scope, group_by: SlaGroupBy) -> list[SlaRow]:
    found = await _figures_of(session, scope, _keys(group_by), _rollup_keys(scope, group_by))
    figures = found.table
    width = len(_keys(group_by))
    key = figures.c.key0
    key_id: Any = key
    if group_by in (SlaGroupBy.vendor, SlaGroupBy.partner):
        label: Any = Organization.name
        stmt = select(figures, label.label("label")).join(Organization, Organization.id == key)
    elif group_by is SlaGroupBy.program:
        label = Program.name
        stmt = select(figures, label.label("label")).join(Program, Program.id == key)
    elif group_by is SlaGroupBy.approver:
        nobody = case((figures.c.key1, literal("(a rule)")), else_=literal("(undecided)"))
        label = func.coalesce(User.name, ApiClient.name, nobody)
        stmt = (
            select(figures, label.label("label"))
            .outerjoin(User, User.id == key)
            .outerjoin(ApiClient, ApiClient.id == key)
        )
    elif group_by is SlaGroupBy.assignee:
        label = func.coalesce(User.name, literal("(unassigned)"))
        stmt = select(figures, label.label("label")).outerjoin(User, User.id == key)
    else:
        label, key_id = func.to_char(key, 'IYYY-"W"IW'), literal(None)
        stmt = select(figures, label.label("label"))
    # By name, as people look for them (weeks' names sort as the weeks do).
    stmt = stmt.add_columns(key_id.label("key_id")).order_by(label, key)
    return [
        _row(group_by.value, row.key_id, row.label, row, found.of(row, width))
        for row in await session.execute(stmt)
    ]


async def totals(session: AsyncSession, scope: Scope) -> SlaRow:
    """The figures of the whole scope, as one row."""
    found = await _figures_of(session, scope, (), ())
    if found.times is None:
        row = (await session.execute(select(*_measures()).where(_where(scope)))).one()
        return _row("all", None, "All", row)
    row = (await session.execute(select(found.table))).one()
    return _row("all", None, "All", row, found.times.get((), (None, None)))


class WeekRow(msgspec.Struct, frozen=True, kw_only=True):
    """A vendor's figures over the registrations submitted in one ISO week (Monday, UTC)."""

    vendor_id: uuid.UUID
    vendor: str
    week: date
    figures: SlaRow


async def weekly_by_vendor(session: AsyncSession, scope: Scope) -> list[WeekRow]:
    found = await _figures_of(session, scope, (SlaClock.vendor_id, _week()), ("vendor_id", "week"))
    figures = found.table
    vendor_id, week = figures.c.key0, figures.c.key1
    stmt = (
        select(figures, Organization.name.label("label"))
        .join(Organization, Organization.id == vendor_id)
        .order_by(week, vendor_id)
    )
    return [
        WeekRow(
            vendor_id=row.key0,
            vendor=row.label,
            week=row.key1.date(),
            figures=_row("vendor", row.key0, row.label, row, found.of(row, 2)),
        )
        for row in await session.execute(stmt)
    ]


class WeekShare(msgspec.Struct, frozen=True, kw_only=True):
    """How many of the registrations submitted in one ISO week were decided within target."""

    week: Annotated[
        date,
        msgspec.Meta(description="The week's Monday (UTC): registrations submitted that week."),
    ]
    decided: Annotated[int, msgspec.Meta(description="Of them, approved or rejected.")]
    decided_within_target: Annotated[
        float | None,
        msgspec.Meta(
            description=(
                "Share (0 to 1) of the decided ones decided within their target in business "
                "time; null when none is decided."
            )
        ),
    ]


async def within_target_by_week(session: AsyncSession, scope: Scope) -> list[WeekShare]:
    """The within-target trend: every week of the range, those without a decision included."""
    figures = await _week_counts(session, scope)
    found = {
        row.key0.date(): row
        for row in await session.execute(select(figures).order_by(figures.c.key0))
    }
    return [
        WeekShare(
            week=week,
            decided=found[week].decided if week in found else 0,
            decided_within_target=_round(found[week].within_target, 4) if week in found else None,
        )
        for week in mondays(scope.first_day, scope.last_day)
    ]


async def _week_counts(session: AsyncSession, scope: Scope) -> Subquery:
    """Each week's counts: no percentile, so from the rollups without their histograms."""
    if rollups.covers(scope.first_day, scope.last_day, scope.partner_id):
        return rollups.counts(rollups.range_of(scope), ("week",))
    await sort_in_memory(session)
    return _figures(scope, _week())


class Limits(msgspec.Struct, frozen=True):
    """A vendor's approval target and hard limit, in business hours."""

    target_hours: float
    hard_limit_hours: float


async def limits_by_vendor(
    session: AsyncSession, scope: Scope, vendor_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Limits]:
    """Each vendor's target and hard limit as its newest registration in the scope runs on (a
    clock keeps the policy it started with): one probe of ix_sla_clocks_report_vendor each."""
    ids = list(vendor_ids)
    if not ids:
        return {}
    vendor = aliased(Organization)
    newest = (
        select(SlaClock.target_minutes, SlaClock.hard_limit_minutes)
        .where(
            SlaClock.vendor_id == vendor.id,
            SlaClock.started_at >= scope.start,
            SlaClock.started_at < scope.end,
        )
        .order_by(SlaClock.started_at.desc())
        .limit(1)
        .lateral()
    )
    stmt = (
        select(vendor.id, newest.c.target_minutes, newest.c.hard_limit_minutes)
        .join(newest, true())
        .where(vendor.id.in_(ids))
    )
    return {
        row.id: Limits(row.target_minutes / 60, row.hard_limit_minutes / 60)
        for row in await session.execute(stmt)
    }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def vendor_of(actor: Principal, vendor_id: uuid.UUID | None) -> uuid.UUID | None:
    """The vendor a report is about: a vendor's staff read their own only (another vendor named is
    one they cannot see: 404, as everywhere a tenant names what is not theirs); channel ops any
    one, or all (None)."""
    if actor.org_kind is OrgKind.partner:
        raise Forbidden("SLA reports are for vendors and channel operations.")
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise NotFound(f"No vendor {vendor_id} visible to you.")
        return actor.organization_id
    return vendor_id


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
