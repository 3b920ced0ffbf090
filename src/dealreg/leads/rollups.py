"""The lead reports' rollups: what a report over more than a quarter across every vendor reads
instead of every lead (issue #22), after the SLA reports' (sla/rollups.py; the pattern is
dealreg/rollups.py's).

A cell is the leads forwarded in one month (UTC) to one partner, in one campaign, or to one rep
(models.LeadRollup's slices): how many of them are in each of the report's counts, and a
histogram of their business time to accept and to first touch (histogram.py,
models.LeadRollupBucket). Counts and rates are exact; a median read from the histograms is
within max(1 %, 15 business minutes) of the exact one. The cells hold every vendor's leads:
with the vendor in their key, a year of a partner's cells (21 vendors at the bench's 1M leads)
would hold about forty leads each, and their histograms would be as many rows as the leads
(business times spread over some forty 15-minute buckets). A vendor's report, or one for a
partner, a rep or a campaign, reads the leads: the largest vendor's year is a fifth of them.

Kept by a trigger on leads (migration 0034) that appends each change of what a forwarded lead
adds to its cells to lead_rollup_changes; `fold` (a job every minute) adds them to the cells,
readers add what is pending, `rebuild` recomputes the cells from the leads.

A report's range is whole UTC days; it reads the cells of its whole months and the leads of the
days before the first and after the last, as changes, in the same statement.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from typing import Any

import msgspec
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Float,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg import histogram
from dealreg.leads.models import (
    Lead,
    LeadRejection,
    LeadRollup,
    LeadRollupBucket,
    LeadRollupChange,
    LeadStatus,
)
from dealreg.rollups import call, longer_than_a_quarter, whole_months

# A cell's counters, as the report names its counts.
COUNTERS = (
    "forwarded",
    "pending",
    "accepted",
    "rejected",
    *(f"rejected_{reason.value}" for reason in LeadRejection),
    "recalled",
    "first_touch_overdue",
    "converted",
    "won",
    "lost",
    "no_decision",
)
_ACCEPT, _FIRST_TOUCH = 0, 1
_ACCEPTED = (LeadStatus.accepted, LeadStatus.won, LeadStatus.lost, LeadStatus.no_decision)
NO_CAMPAIGN = "(no campaign)"


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """What a report reads: the cells of the slice `slice` (keyed by `key`: partner_id,
    campaign or rep_id) of the months [first, end_month), and the leads forwarded in
    [start, first) and [end_month, end)."""

    slice: int
    key: str
    start: datetime
    end: datetime
    first: date
    end_month: date


def covers(scope: Any) -> bool:
    """Whether a report (leads.reports.Scope) reads the rollups: longer than a quarter, across
    every vendor, partner, rep and campaign (no cell is narrower)."""
    narrowed = (scope.vendor_id, scope.partner_id, scope.rep_id, scope.campaign)
    return longer_than_a_quarter(scope.first_day, scope.last_day) and narrowed == (None,) * 4


def span_of(scope: Any, slice_: int, key: str) -> Span:
    first, end_month = whole_months(scope.first_day, scope.last_day)
    return Span(
        slice=slice_,
        key=key,
        start=scope.start,
        end=scope.end,
        first=first,
        end_month=end_month,
    )


def _key(table: Any, name: str) -> Any:
    column = getattr(table, name)
    # The report's label of the leads of no campaign, as leads.reports groups them.
    return func.coalesce(column, literal(NO_CAMPAIGN)) if name == "campaign" else column


def _edges(span: Span) -> list[Any]:
    """The edges' conditions on the leads: one range each, so that each is a scan of
    ix_leads_report."""
    first = datetime.combine(span.first, time(), tzinfo=UTC)
    end = datetime.combine(span.end_month, time(), tzinfo=UTC)
    return [
        and_(Lead.forwarded_at >= low, Lead.forwarded_at < high)
        for low, high in ((span.start, first), (end, span.end))
        if low < high
    ]


def _pending(span: Span) -> Any:
    change = LeadRollupChange
    return and_(change.month >= span.first, change.month < span.end_month)


# A lead's columns as a change names them (_conditions reads either).
_LEAD = SimpleNamespace(
    status=Lead.status,
    reject_code=Lead.reject_code,
    converted=Lead.converted_at.is_not(None),
    first_touch_overdue=Lead.first_touch_overdue.is_(True),
)


def _conditions(c: Any) -> dict[str, ColumnElement[bool] | None]:
    """What a change (or lead, as one) needs to count in each counter; None: always counts.
    The migration's fold counts with the same conditions."""
    return {
        "forwarded": None,
        "pending": c.status == LeadStatus.forwarded,
        "accepted": c.status.in_(_ACCEPTED),
        "rejected": c.status == LeadStatus.rejected,
        **{f"rejected_{reason.value}": c.reject_code == reason for reason in LeadRejection},
        "recalled": c.status == LeadStatus.recalled,
        "first_touch_overdue": c.first_touch_overdue,
        "converted": c.converted,
        "won": c.status == LeadStatus.won,
        "lost": c.status == LeadStatus.lost,
        "no_decision": c.status == LeadStatus.no_decision,
    }


def _cells(table: Any, span: Span) -> Any:
    return (
        (table.slice == span.slice) & (table.month >= span.first) & (table.month < span.end_month)
    )


def counts(span: Span) -> Subquery:
    """Each group's counters (key, then COUNTERS), summed over the cells, the pending changes
    and the edges' leads, each part grouped by the key before they are added up: an edge is a
    few weeks of leads, counted as the exact report counts them."""
    change = LeadRollupChange
    cells = select(
        _key(LeadRollup, span.key).label("key"), *(getattr(LeadRollup, n) for n in COUNTERS)
    ).where(_cells(LeadRollup, span))
    pending_key = _key(change, span.key)
    pending = (
        select(
            pending_key,
            *(
                func.sum(change.sign if when is None else case((when, change.sign), else_=0))
                for when in _conditions(change).values()
            ),
        )
        .where(_pending(span))
        .group_by(pending_key)
    )
    lead_key = _key(Lead, span.key)
    edges = [
        select(
            lead_key,
            *(
                func.count() if when is None else func.count().filter(when)
                for when in _conditions(_LEAD).values()
            ),
        )
        .where(edge)
        .group_by(lead_key)
        for edge in _edges(span)
    ]
    parts = union_all(cells, pending, *edges).subquery()
    return (
        # Sums of counts (bigint) are numeric: the counts are integers again.
        select(
            parts.c.key,
            *(func.sum(parts.c[name]).cast(BigInteger).label(name) for name in COUNTERS),
        )
        .group_by(parts.c.key)
        # A cell emptied by changes (its leads moved to another) is not a group.
        .having(func.sum(parts.c.forwarded) != 0)
        .subquery()
    )


# Each group's median business hours to accept and to first touch, None where none is counted.
Medians = tuple[float | None, float | None]


async def medians(session: AsyncSession, span: Span) -> dict[Any, Medians]:
    """The medians of each group (by its key), from the cells' histograms, the pending changes
    and the edges."""
    buckets, change = LeadRollupBucket, LeadRollupChange
    pending_key, lead_key = _key(change, span.key), _key(Lead, span.key)
    times = (
        (_ACCEPT, change.accept_bucket, Lead.accept_business_us),
        (_FIRST_TOUCH, change.first_touch_bucket, Lead.first_touch_business_us),
    )
    pending = [
        select(pending_key, literal(kind), bucket, func.sum(change.sign))
        .where(_pending(span), bucket.is_not(None))
        .group_by(pending_key, bucket)
        for kind, bucket, _ in times
    ]
    edges = []
    for edge in _edges(span):
        # Both times of each lead in one scan of the edge: a row per (lead, kind).
        both = (
            select(
                lead_key.label("key"),
                func.unnest(array([_ACCEPT, _FIRST_TOUCH])).label("kind"),
                func.unnest(array([us for _, _, us in times])).label("us"),
            )
            .where(edge)
            .subquery()
        )
        bucket = func.sla_bucket(both.c.us.cast(Float))
        edges.append(
            select(both.c.key, both.c.kind, bucket, func.count())
            .where(both.c.us.is_not(None))
            .group_by(both.c.key, both.c.kind, bucket)
        )
    parts = union_all(
        select(
            _key(buckets, span.key).label("key"),
            buckets.kind.label("kind"),
            buckets.bucket.label("bucket"),
            buckets.n.label("n"),
        ).where(_cells(buckets, span)),
        *pending,
        *edges,
    ).subquery()
    stmt: Select[Any] = (
        select(parts.c.key, parts.c.kind, parts.c.bucket, func.sum(parts.c.n).cast(BigInteger))
        .group_by(parts.c.key, parts.c.kind, parts.c.bucket)
        .having(func.sum(parts.c.n) != 0)
    )
    counted: dict[Any, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = defaultdict(
        lambda: ([], [])
    )
    for key, kind, bucket, n in await session.execute(stmt):
        counted[key][kind].append((bucket, n))
    return {
        key: (_hours(accept), _hours(first_touch)) for key, (accept, first_touch) in counted.items()
    }


def _hours(counts: list[tuple[int, int]]) -> float | None:
    median = histogram.percentiles(counts, (0.5,))
    return None if median is None else median[0] / 3_600_000_000


# --- keeping --------------------------------------------------------------------------------------


async def fold(session: AsyncSession) -> int:
    """Add the pending changes to the cells; how many there were."""
    return await call(session, "lead_rollups_fold")


async def rebuild(session: AsyncSession) -> None:
    """Recompute every cell from the leads (safe while leads change, as sla_rollups_rebuild)."""
    await call(session, "lead_rollups_rebuild")
