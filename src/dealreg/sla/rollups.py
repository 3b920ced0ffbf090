"""The SLA reports' rollups: what a report over more than a quarter reads instead of every clock.

A cell is the clocks started in one ISO week (Monday, UTC) of one vendor and program, assigned
to one approver and decided by one person (models.SlaRollup's key): how many there are, decided
within target, breached and open at risk, and a histogram of the decided ones' business and
wall-clock time to decision (histogram.py, models.SlaRollupBucket). Counts are exact; a
percentile read from the histograms is within max(1 %, 15 minutes) of the exact one. Every group
and filter of the reports is a column of the cell, except the partner: a partner's weekly cells
with a vendor would hold a handful of clocks each, and a histogram of a handful of values is no
smaller than the values. The report by partner across vendors reads a second set of cells, per
month and partner (models.SlaPartnerRollup); by partner within one vendor, program or approver,
or for one partner, it stays on the clocks (a vendor's year is a fifth of these, well inside
the goal).

Maintained transactionally, by a trigger on sla_clocks (migration 0032), rather than by a job
that re-aggregates the clocks: a report reads committed decisions the moment they commit, as it
does from the clocks, and whatever writes a clock (the ORM in approvals, the sweep's bulk
updates, a bench's SQL) keeps the rollups right without having to remember to. The trigger does
not update a cell: it appends what the change took from one cell and added to another (the old
row's contribution, signed -1, and the new row's, +1) to sla_rollup_changes. Updating the cell
in place would hold its row lock to the end of the transaction, and every registration submitted
for a vendor in a week shares a cell: concurrent submissions would queue behind each other.
`fold` (a job every minute) adds the pending changes to the cells and deletes them in one
statement, so a change is counted in a cell or pending, never both, and never twice; readers
add what is pending. Only a change of what a clock contributes writes one (its decision,
withdrawal, breach, assignment, the sweep's move to its last threshold), not the sweep's other
moves nor a pause.

`rebuild` recomputes every cell from the clocks (the migration runs it to fill them); a test
checks that after any sequence of submissions, assignments, questions, decisions, withdrawals and
breaches the cells equal their rebuild.

A report's range is whole UTC days; it reads the cells of its whole ISO weeks (months) and the
clocks of the days before the first and after the last (at most six, or thirty, at each end), in
the same statement.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import msgspec
from sqlalchemy import (
    TIMESTAMP,
    BigInteger,
    Date,
    Float,
    Select,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg import histogram
from dealreg.rollups import call, longer_than_a_quarter, whole_months
from dealreg.sla.models import (
    ClockState,
    SlaClock,
    SlaPartnerRollup,
    SlaPartnerRollupBucket,
    SlaRollup,
    SlaRollupBucket,
    SlaRollupChange,
    Threshold,
)

_FRACTIONS = (0.5, 0.9)
_BUSINESS, _WALL = 0, 1


class Range(msgspec.Struct, frozen=True, kw_only=True):
    """What a report reads: the scope's filters; the cells of its whole periods [first, end)
    (weeks, or for the partners' cells months); the clocks started in the edges
    [start, first) and [end, self.end)."""

    start: datetime
    end: datetime
    # `week` or `month`: which cells, the weekly ones or the partners'.
    period: str
    first: date
    end_period: date
    vendor_id: Any
    program_id: Any
    approver_id: Any

    @property
    def counts(self) -> Any:
        return SlaRollup if self.period == "week" else SlaPartnerRollup

    @property
    def buckets(self) -> Any:
        return SlaRollupBucket if self.period == "week" else SlaPartnerRollupBucket


def covers(first_day: date, last_day: date, partner_id: Any) -> bool:
    """Whether a report over [first_day, last_day] reads the rollups: longer than a quarter,
    and not for one partner (no cell is one vendor's partner's)."""
    return longer_than_a_quarter(first_day, last_day) and partner_id is None


def by_partner(scope: Any) -> bool:
    """Whether the partners' cells (every vendor's, every program's) answer a report by partner
    over the scope: one of no vendor, program or approver."""
    return scope.vendor_id is None and scope.program_id is None and scope.approver_id is None


def range_of(scope: Any, period: str = "week") -> Range:
    """The whole weeks (or months) of a scope (sla.reports.Scope) and its edges."""
    after = scope.last_day + timedelta(days=1)
    if period == "week":
        first = scope.first_day + timedelta(days=-scope.first_day.weekday() % 7)
        end = after - timedelta(days=after.weekday())
    else:
        first, end = whole_months(scope.first_day, scope.last_day)
    return Range(
        start=scope.start,
        end=scope.end,
        period=period,
        first=first,
        end_period=max(first, end),
        vendor_id=scope.vendor_id,
        program_id=scope.program_id,
        approver_id=scope.approver_id,
    )


# --- reading ------------------------------------------------------------------------------------

# The key columns a report groups by, among a cell's: `week` (as the exact reports' week, a
# timestamp), vendor_id, program_id, approver_id, decided_by_id, decided; partner_id for the
# partners' cells.
Keys = Sequence[str]


def _key(table: Any, name: str) -> Any:
    """The key column `name` of `table`: a week as its Monday (a date; `_out` makes it the exact
    reports' timestamp once grouped, not on every row)."""
    if table is SlaClock and name == "week":
        return cast(func.date_trunc("week", func.timezone("UTC", SlaClock.started_at)), Date)
    if table is SlaRollupBucket and name == "decided":
        # A histogram counts decided clocks only.
        return literal(True)
    return getattr(table, name)


def _out(column: Any, name: str) -> Any:
    return cast(column, TIMESTAMP()) if name == "week" else column


def _scoped(table: Any, r: Range, edge: int = 0) -> Any:
    """The filters, and the cells' periods or the clocks' edge (0: before the first period,
    1: after the last; one range each, so that each is an index-only scan)."""
    filters = [
        getattr(table, column) == value
        for column, value in (
            ("vendor_id", r.vendor_id),
            ("program_id", r.program_id),
            ("approver_id", r.approver_id),
        )
        if value is not None
    ]
    if table is SlaClock:
        first = datetime.combine(r.first, time(), tzinfo=UTC)
        end = datetime.combine(r.end_period, time(), tzinfo=UTC)
        low, high = (r.start, first) if edge == 0 else (end, r.end)
        return and_(SlaClock.started_at >= low, SlaClock.started_at < high, *filters)
    period = getattr(table, r.period)
    return and_(period >= r.first, period < r.end_period, *filters)


def _flag(condition: Any, weight: Any) -> Any:
    return case((condition, weight), else_=0)


def counts(r: Range, keys: Keys) -> Subquery:
    """The figures of each group but its percentiles, as sla.reports' `_figures` names them
    (key0 …, submitted, decided, within_target, breaches, open_at_risk)."""
    clock, change, cells = SlaClock, SlaRollupChange, r.counts
    open_at_risk = and_(
        clock.state != ClockState.stopped,
        clock.next_threshold.is_distinct_from(Threshold.reminder),
        clock.next_threshold.is_distinct_from(Threshold.at_risk),
        ~clock.decided,
    )
    within = and_(
        clock.decided, clock.elapsed_us <= clock.target_minutes.cast(BigInteger) * 60_000_000
    )

    def part(table: Any, *figures: Any, edge: int = 0) -> Select[Any]:
        labels = ("clocks", "decided", "within_target", "breached", "open_at_risk")
        return select(
            *(_key(table, name).label(f"key{i}") for i, name in enumerate(keys)),
            *(figure.label(label) for figure, label in zip(figures, labels, strict=True)),
        ).where(_scoped(table, r, edge))

    # A weekly cell is decided or not; a partner's counts its decided clocks.
    decided = cells.decided if cells is SlaPartnerRollup else _flag(cells.decided, cells.clocks)
    parts = union_all(
        part(cells, cells.clocks, decided, cells.within_target, cells.breached, cells.open_at_risk),
        part(
            change,
            change.sign,
            _flag(change.decided, change.sign),
            _flag(change.within_target, change.sign),
            _flag(change.breached, change.sign),
            _flag(change.open_at_risk, change.sign),
        ),
        *(
            part(
                clock,
                literal(1),
                _flag(clock.decided, 1),
                _flag(within, 1),
                _flag(clock.breached, 1),
                _flag(open_at_risk, 1),
                edge=edge,
            )
            for edge in (0, 1)
        ),
    ).subquery()
    group = [parts.c[f"key{i}"] for i in range(len(keys))]
    decided_sum = func.coalesce(func.sum(parts.c.decided), 0)
    stmt = select(
        *(
            _out(column, name).label(f"key{i}")
            for i, (column, name) in enumerate(zip(group, keys, strict=True))
        ),
        func.coalesce(func.sum(parts.c.clocks), 0).label("submitted"),
        decided_sum.label("decided"),
        (func.sum(parts.c.within_target) / func.nullif(decided_sum, 0).cast(Float)).label(
            "within_target"
        ),
        func.coalesce(func.sum(parts.c.breached), 0).label("breaches"),
        func.coalesce(func.sum(parts.c.open_at_risk), 0).label("open_at_risk"),
    )
    if group:
        # A cell emptied by changes (a clock moved to another) is not a group.
        stmt = stmt.group_by(*group).having(func.sum(parts.c.clocks) != 0)
    return stmt.subquery()


# Each group's percentiles: (median, 90th) in business microseconds and in wall-clock seconds,
# each None when nothing is decided.
Times = tuple[list[float] | None, list[float] | None]


async def percentiles(session: AsyncSession, r: Range, keys: Keys) -> dict[tuple[Any, ...], Times]:
    """The percentiles of each group (by its key values), from the cells' histograms, the
    pending changes and the edges' clocks."""
    clock, change = SlaClock, SlaRollupChange

    def part(table: Any, kind: Any, bucket: Any, n: Any, *where: Any, edge: int = 0) -> Select[Any]:
        return select(
            *(_key(table, name).label(f"key{i}") for i, name in enumerate(keys)),
            kind.label("kind"),
            bucket.label("bucket"),
            n.label("n"),
        ).where(_scoped(table, r, edge), *where)

    wall_us = func.extract("epoch", clock.stopped_at - clock.started_at).cast(Float) * 1e6
    cells = r.buckets
    parts = union_all(
        part(cells, cells.kind, cells.bucket, cells.n),
        part(
            change,
            literal(_BUSINESS),
            change.business_bucket,
            change.sign,
            change.business_bucket.is_not(None),
        ),
        part(
            change, literal(_WALL), change.wall_bucket, change.sign, change.wall_bucket.is_not(None)
        ),
        *(
            part(
                clock,
                literal(_BUSINESS),
                func.sla_bucket(clock.elapsed_us.cast(Float)),
                literal(1),
                clock.decided,
                edge=edge,
            )
            for edge in (0, 1)
        ),
        *(
            part(
                clock,
                literal(_WALL),
                func.sla_bucket(wall_us),
                literal(1),
                clock.decided,
                edge=edge,
            )
            for edge in (0, 1)
        ),
    ).subquery()
    group = [parts.c[f"key{i}"] for i in range(len(keys))]
    stmt = (
        select(
            *(_out(column, name) for column, name in zip(group, keys, strict=True)),
            parts.c.kind,
            parts.c.bucket,
            func.sum(parts.c.n).label("n"),
        )
        .group_by(*group, parts.c.kind, parts.c.bucket)
        .having(func.sum(parts.c.n) != 0)
    )
    counted: dict[tuple[Any, ...], tuple[list[tuple[int, int]], list[tuple[int, int]]]] = (
        defaultdict(lambda: ([], []))
    )
    for row in await session.execute(stmt):
        counted[tuple(row[: len(keys)])][row.kind].append((row.bucket, row.n))
    return {
        key: (
            histogram.percentiles(business, _FRACTIONS),
            _seconds(histogram.percentiles(wall, _FRACTIONS)),
        )
        for key, (business, wall) in counted.items()
    }


def _seconds(us: list[float] | None) -> list[float] | None:
    return None if us is None else [value / 1e6 for value in us]


# --- keeping --------------------------------------------------------------------------------------


async def fold(session: AsyncSession) -> int:
    """Add the pending changes to the cells; how many there were."""
    return await call(session, "sla_rollups_fold")


async def rebuild(session: AsyncSession) -> None:
    """Recompute every cell from the clocks (see the module's docstring for why it is safe
    while clocks change)."""
    await call(session, "sla_rollups_rebuild")
