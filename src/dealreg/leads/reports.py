"""Lead reports: what partners did with the leads vendors forwarded them, by partner, campaign or
rep, and who stands out. One aggregate statement per report over the leads forwarded in the
range; business hours to accept and to first touch were measured when each happened.

Rates are over the leads that reached the stage they measure, so leads still open do not count
against anyone: acceptance and rejection over the answered leads (accepted, rejected or
recalled), conversion over the accepted ones, win and no-decision over the closed ones (won, lost
or no decision).
"""

import enum
import uuid
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Float, Subquery, and_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.dates import report_range
from dealreg.errors import NotFound
from dealreg.leads import rollups
from dealreg.leads.models import Lead, LeadRejection, LeadStatus
from dealreg.orgs.models import Organization, OrgKind, Role, User
from dealreg.orgs.principals import Principal
from dealreg.rollups import APPROXIMATE, PercentileError

_HOUR_US = 3_600_000_000


class LeadGroupBy(enum.StrEnum):
    partner = "partner"
    campaign = "campaign"
    rep = "rep"


class Bounds(msgspec.Struct, frozen=True, kw_only=True):
    """Beyond these a group is flagged, once it has `min_sample` answered leads."""

    max_reject_rate: float = 0.5
    min_win_rate: float = 0.2
    min_sample: int = 5


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    """Which leads a report covers: forwarded in [start, end), narrowed by the filters."""

    first_day: date
    last_day: date
    start: datetime
    end: datetime
    vendor_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    rep_id: uuid.UUID | None = None
    campaign: str | None = None


class LeadRow(msgspec.Struct, frozen=True, kw_only=True):
    group: str
    group_id: uuid.UUID | None
    label: str
    forwarded: int
    # Still waiting for the partner's answer.
    pending: int
    accepted: int
    rejected: int
    rejected_not_my_territory: int
    rejected_no_capacity: int
    rejected_not_qualified: int
    rejected_existing_customer: int
    rejected_duplicate: int
    rejected_other: int
    recalled: int
    acceptance_rate: float | None
    reject_rate: float | None
    median_hours_to_accept: float | None
    median_hours_to_first_touch: float | None
    first_touch_overdue: int
    converted: int
    conversion_rate: float | None
    won: int
    lost: int
    no_decision: int
    win_rate: float | None
    no_decision_rate: float | None
    # `high_reject_rate`, `low_win_rate` (partners and reps), `high_rejection` (campaigns).
    flags: list[str]


def scope_of(
    actor: Principal,
    *,
    start: date | None,
    end: date | None,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    campaign: str | None,
    today: date,
) -> Scope:
    """The report's scope, checked and narrowed to the caller's tenant: a vendor's staff see
    their vendor's leads, a partner its own (a rep theirs); dates in UTC, `end` inclusive."""
    rep_id = None
    if actor.org_kind is OrgKind.vendor:
        vendor_id = _own("vendor", vendor_id, actor.organization_id)
    elif actor.org_kind is OrgKind.partner:
        partner_id = _own("partner", partner_id, actor.organization_id)
        if actor.role is not Role.partner_admin:
            rep_id = actor.subject_id
    days = report_range(start, end, today)
    return Scope(
        first_day=days.first_day,
        last_day=days.last_day,
        start=days.start,
        end=days.end,
        vendor_id=vendor_id,
        partner_id=partner_id,
        rep_id=rep_id,
        campaign=campaign,
    )


def _own(kind: str, asked: uuid.UUID | None, own: uuid.UUID) -> uuid.UUID:
    # Another organization named is one the caller cannot see: 404, as for any path's id.
    if asked not in (None, own):
        raise NotFound(f"No {kind} {asked} visible to you.")
    return own


def _where(scope: Scope) -> ColumnElement[bool]:
    conditions = [Lead.forwarded_at >= scope.start, Lead.forwarded_at < scope.end]
    for column, value in (
        (Lead.vendor_id, scope.vendor_id),
        (Lead.partner_id, scope.partner_id),
        (Lead.rep_id, scope.rep_id),
        (Lead.campaign, scope.campaign),
    ):
        if value is not None:
            conditions.append(column == value)
    return and_(*conditions)


def _rate(part: Any, whole: Any) -> Any:
    return part / func.nullif(whole, 0).cast(Float)


def _counts() -> dict[str, Any]:
    """The report's counts, in leads.rollups.COUNTERS' order."""
    count = func.count
    status = Lead.status
    return {
        "forwarded": count(),
        "pending": count().filter(status == LeadStatus.forwarded),
        "accepted": count().filter(Lead.accepted_at.is_not(None)),
        "rejected": count().filter(status == LeadStatus.rejected),
        **{
            f"rejected_{reason.value}": count().filter(Lead.reject_code == reason)
            for reason in LeadRejection
        },
        "recalled": count().filter(status == LeadStatus.recalled),
        "first_touch_overdue": count().filter(Lead.first_touch_overdue.is_(True)),
        "converted": count().filter(Lead.converted_at.is_not(None)),
        "won": count().filter(status == LeadStatus.won),
        "lost": count().filter(status == LeadStatus.lost),
        "no_decision": count().filter(status == LeadStatus.no_decision),
    }


def _rates(c: dict[str, Any]) -> list[Any]:
    """The counts `c` (expressions by name), labelled, and the rates and totals made of them."""
    answered = c["accepted"] + c["rejected"] + c["recalled"]
    closed = c["won"] + c["lost"] + c["no_decision"]
    return [
        *(value.label(name) for name, value in c.items()),
        _rate(c["accepted"], answered).label("acceptance_rate"),
        _rate(c["rejected"], answered).label("reject_rate"),
        answered.label("answered"),
        _rate(c["converted"], c["accepted"]).label("conversion_rate"),
        _rate(c["won"], closed).label("win_rate"),
        _rate(c["no_decision"], closed).label("no_decision_rate"),
        closed.label("closed"),
    ]


def _measures() -> list[Any]:
    return [
        *_rates(_counts()),
        # The stored integers are sorted, not a quotient computed for every row of the group.
        (func.percentile_cont(0.5).within_group(Lead.accept_business_us) / _HOUR_US).label(
            "median_hours_to_accept"
        ),
        (func.percentile_cont(0.5).within_group(Lead.first_touch_business_us) / _HOUR_US).label(
            "median_hours_to_first_touch"
        ),
    ]


def _key(group_by: LeadGroupBy) -> Any:
    if group_by is LeadGroupBy.partner:
        return Lead.partner_id
    if group_by is LeadGroupBy.rep:
        return Lead.rep_id
    return func.coalesce(Lead.campaign, literal(rollups.NO_CAMPAIGN))


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _flags(group_by: LeadGroupBy, row: Any, bounds: Bounds) -> list[str]:
    flags = []
    high_reject = (
        row.answered >= bounds.min_sample
        and row.reject_rate is not None
        and row.reject_rate > bounds.max_reject_rate
    )
    if group_by is LeadGroupBy.campaign:
        return ["high_rejection"] if high_reject else []
    if high_reject:
        flags.append("high_reject_rate")
    if (
        row.closed >= bounds.min_sample
        and row.win_rate is not None
        and row.win_rate < bounds.min_win_rate
    ):
        flags.append("low_win_rate")
    return flags


def _row(
    group_by: LeadGroupBy, row: Any, bounds: Bounds, medians: rollups.Medians | None
) -> LeadRow:
    """A report row; `medians` from the rollups, else the row's own (exact)."""
    if medians is None:
        medians = (row.median_hours_to_accept, row.median_hours_to_first_touch)
    counts: dict[str, Any] = {name: getattr(row, name) for name in rollups.COUNTERS}
    rates: dict[str, Any] = {
        name: _round(getattr(row, name), 4)
        for name in (
            "acceptance_rate",
            "reject_rate",
            "conversion_rate",
            "win_rate",
            "no_decision_rate",
        )
    }
    return LeadRow(
        group=group_by.value,
        group_id=row.key_id,
        label=row.label,
        median_hours_to_accept=_round(medians[0]),
        median_hours_to_first_touch=_round(medians[1]),
        flags=_flags(group_by, row, bounds),
        **counts,
        **rates,
    )


# Each group-by's slice of the rollups (leads/rollups.py) and its key there.
_SLICES = {
    LeadGroupBy.partner: (0, "partner_id"),
    LeadGroupBy.campaign: (1, "campaign"),
    LeadGroupBy.rep: (2, "rep_id"),
}


def percentile_error(scope: Scope) -> PercentileError | None:
    """How far the report's medians may be from the exact ones; None: exact."""
    return APPROXIMATE if rollups.covers(scope) else None


async def _figures(
    session: AsyncSession, scope: Scope, group_by: LeadGroupBy
) -> tuple[Subquery, dict[Any, rollups.Medians] | None]:
    """Each group's figures (key, counts, rates) and, from the rollups, its medians; exact
    (the medians among the figures, None) for a quarter or less, or a narrowed scope."""
    if rollups.covers(scope):
        span = rollups.span_of(scope, *_SLICES[group_by])
        sums = rollups.counts(span)
        figures = select(
            sums.c.key, *_rates({name: sums.c[name] for name in rollups.COUNTERS})
        ).subquery()
        return figures, await rollups.medians(session, span)
    # The leads alone are aggregated (an index-only scan of ix_leads_report_*), and the few
    # groups named afterwards: a join below the aggregate would probe a name for every lead.
    key = _key(group_by)
    stmt = select(key.label("key"), *_measures()).where(_where(scope)).group_by(key)
    return stmt.subquery(), None


async def summary(
    session: AsyncSession, scope: Scope, group_by: LeadGroupBy, bounds: Bounds
) -> list[LeadRow]:
    figures, medians = await _figures(session, scope, group_by)
    key_id: Any = figures.c.key
    if group_by is LeadGroupBy.partner:
        label: Any = Organization.name
        stmt = select(figures, label.label("label")).join(
            Organization, Organization.id == figures.c.key
        )
    elif group_by is LeadGroupBy.rep:
        label = func.coalesce(User.name, literal("(unassigned)"))
        stmt = select(figures, label.label("label")).outerjoin(User, User.id == figures.c.key)
    else:
        label, key_id = figures.c.key, literal(None)
        stmt = select(figures, label.label("label"))
    stmt = stmt.add_columns(key_id.label("key_id")).order_by(label, figures.c.key)
    return [
        _row(group_by, row, bounds, None if medians is None else medians.get(row.key, (None, None)))
        for row in await session.execute(stmt)
    ]
