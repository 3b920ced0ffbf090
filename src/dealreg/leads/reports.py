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
from sqlalchemy import ColumnElement, Float, and_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.dates import report_range
from dealreg.errors import NotFound
from dealreg.leads.models import Lead, LeadRejection, LeadStatus
from dealreg.orgs.models import Organization, OrgKind, Role, User
from dealreg.orgs.principals import Principal

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


def _measures() -> list[Any]:
    count = func.count
    status = Lead.status
    rejected = count().filter(status == LeadStatus.rejected)
    recalled = count().filter(status == LeadStatus.recalled)
    accepted = count().filter(Lead.accepted_at.is_not(None))
    answered = accepted + rejected + recalled
    won = count().filter(status == LeadStatus.won)
    lost = count().filter(status == LeadStatus.lost)
    no_decision = count().filter(status == LeadStatus.no_decision)
    closed = won + lost + no_decision
    converted = count().filter(Lead.converted_at.is_not(None))
    return [
        count().label("forwarded"),
        count().filter(status == LeadStatus.forwarded).label("pending"),
        accepted.label("accepted"),
        rejected.label("rejected"),
        *(
            count().filter(Lead.reject_code == reason).label(f"rejected_{reason.value}")
            for reason in LeadRejection
        ),
        recalled.label("recalled"),
        _rate(accepted, answered).label("acceptance_rate"),
        _rate(rejected, answered).label("reject_rate"),
        answered.label("answered"),
        # The stored integers are sorted, not a quotient computed for every row of the group.
        (func.percentile_cont(0.5).within_group(Lead.accept_business_us) / _HOUR_US).label(
            "median_hours_to_accept"
        ),
        (func.percentile_cont(0.5).within_group(Lead.first_touch_business_us) / _HOUR_US).label(
            "median_hours_to_first_touch"
        ),
        count().filter(Lead.first_touch_overdue.is_(True)).label("first_touch_overdue"),
        converted.label("converted"),
        _rate(converted, accepted).label("conversion_rate"),
        won.label("won"),
        lost.label("lost"),
        no_decision.label("no_decision"),
        _rate(won, closed).label("win_rate"),
        _rate(no_decision, closed).label("no_decision_rate"),
        closed.label("closed"),
    ]


def _key(group_by: LeadGroupBy) -> Any:
    if group_by is LeadGroupBy.partner:
        return Lead.partner_id
    if group_by is LeadGroupBy.rep:
        return Lead.rep_id
    return func.coalesce(Lead.campaign, literal("(no campaign)"))


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


def _row(group_by: LeadGroupBy, row: Any, bounds: Bounds) -> LeadRow:
    counts: dict[str, Any] = {
        name: getattr(row, name)
        for name in (
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
    }
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
        median_hours_to_accept=_round(row.median_hours_to_accept),
        median_hours_to_first_touch=_round(row.median_hours_to_first_touch),
        flags=_flags(group_by, row, bounds),
        **counts,
        **rates,
    )


async def summary(
    session: AsyncSession, scope: Scope, group_by: LeadGroupBy, bounds: Bounds
) -> list[LeadRow]:
    # The leads alone are aggregated (an index-only scan of ix_leads_report_*), and the few
    # groups named afterwards: a join below the aggregate would probe a name for every lead.
    key = _key(group_by)
    figures = select(key.label("key"), *_measures()).where(_where(scope)).group_by(key).subquery()
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
    return [_row(group_by, row, bounds) for row in await session.execute(stmt)]
