"""The deal registration scorecard: per partner, rep or program, over the registrations
submitted in a period.

It reads through several domains (registrations, their approval clocks, the incentive ledger
and payouts), so it sits above them, beside webhook_payloads.py.

Per group and currency (amounts are never added across currencies; a group with registrations
in two currencies has two lines):

- `submitted`; `approved` (ever approved, whatever became of it since); `rejected`, and
  `rejected_by_reason` (the decision's reason code; `unspecified` when none was given);
- `approval_rate`: approved over approved plus rejected (null before any decision);
- `median_hours_to_decision`: business hours on the approval clock, over the decided ones;
- `registered_pipeline`: the amount of the approved registrations still open;
- `won`, `lost`, `won_amount`; `win_rate`: won over won plus lost; `average_deal_size`: the
  won amount over the won count, rounded half up to a minor unit;
- `incentives_earned`: the rep's ledger for these registrations in the same currency, reversals
  included; `incentives_paid`: the part of it in payouts marked paid.

Who sees what: a vendor's staff its own registrations; a partner's admin its reps'; a rep
their own only; channel ops any vendor's (or all).
"""

import enum
import uuid
from datetime import date, datetime
from typing import Any

import msgspec
from sqlalchemy import BigInteger, ColumnElement, and_, cast, func, select, type_coerce
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import NullType

from dealreg.dates import DayRange, report_range
from dealreg.db import sort_in_memory
from dealreg.errors import InvalidInput, NotFound, field_error
from dealreg.incentives.models import Earning, Payout, PayoutItem, PayoutStatus
from dealreg.orgs.models import Organization, OrgKind, Program, Role, User
from dealreg.orgs.principals import Principal
from dealreg.planning.repository import partner_vendor_ids
from dealreg.planning.service import parse_quarter, quarter_days
from dealreg.registrations.models import Registration, RegistrationStatus
from dealreg.sla.models import SlaClock

_HOUR_US = 3_600_000_000
_APPROVED_ONCE = (
    RegistrationStatus.approved,
    RegistrationStatus.won,
    RegistrationStatus.lost,
    RegistrationStatus.expired,
    RegistrationStatus.cancelled,
)


class ScorecardGroupBy(enum.StrEnum):
    partner = "partner"
    rep = "rep"
    program = "program"


# gc=False: a report makes one per partner, tens of thousands, and the garbage collections
# they set off traversed every one (half the partner report's Python time at 20,000 partners);
# a row holds no reference cycle.
class ScorecardRow(msgspec.Struct, kw_only=True, gc=False):
    group: ScorecardGroupBy
    group_id: uuid.UUID
    label: str
    currency: str
    submitted: int
    approved: int
    rejected: int
    # Reason code: count, the codes in order.
    rejected_by_reason: dict[str, int]
    approval_rate: float | None
    median_hours_to_decision: float | None
    registered_pipeline: int
    won: int
    lost: int
    win_rate: float | None
    won_amount: int
    average_deal_size: int | None
    incentives_earned: int
    incentives_paid: int


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    first_day: date
    last_day: date
    start: datetime
    end: datetime
    vendor_id: uuid.UUID | None
    partner_id: uuid.UUID | None
    rep_id: uuid.UUID | None


async def scope_of(
    session: AsyncSession,
    actor: Principal,
    *,
    start: date | None,
    end: date | None,
    quarter: str | None,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    today: date,
) -> Scope:
    """Over the registrations submitted from `start` to `end` (UTC days), or in `quarter` of a
    vendor's fiscal calendar (its days on the vendor's wall clock): a vendor's own calendar, or
    the one of the vendor named (which a partner must be enrolled with)."""
    rep_id = None
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise NotFound(f"No vendor {vendor_id} visible to you.")
        vendor_id = actor.organization_id
    elif actor.org_kind is OrgKind.partner:
        if partner_id not in (None, actor.organization_id):
            raise NotFound(f"No partner {partner_id} visible to you.")
        partner_id = actor.organization_id
        if actor.role is Role.partner_rep:
            rep_id = actor.subject_id
    # Whose registrations first: another vendor's calendar is not read for a caller it hides from.
    if quarter is None:
        days = report_range(start, end, today)
    else:
        days = await _quarter_range(session, actor, quarter, start, end, vendor_id)
    return Scope(
        first_day=days.first_day,
        last_day=days.last_day,
        start=days.start,
        end=days.end,
        vendor_id=vendor_id,
        partner_id=partner_id,
        rep_id=rep_id,
    )


def _parties(scope: Scope, vendor: Any, partner: Any, rep: Any | None) -> list[ColumnElement[bool]]:
    """The scope's vendor, partner and rep, on the columns of a table that has them."""
    return [
        column == value
        for column, value in (
            (vendor, scope.vendor_id),
            (partner, scope.partner_id),
            (rep, scope.rep_id),
        )
        if column is not None and value is not None
    ]


async def _quarter_range(
    session: AsyncSession,
    actor: Principal,
    label: str,
    start: date | None,
    end: date | None,
    vendor_id: uuid.UUID | None,
) -> DayRange:
    if start is not None or end is not None:
        detail = "give either a quarter or from and to"
        raise InvalidInput(
            detail,
            errors=[
                field_error("one_of", parameter=name, location="query", detail=detail)
                for name, value in (("from", start), ("to", end))
                if value is not None
            ],
        )
    quarter = parse_quarter(label, location="query")
    if actor.org_kind is OrgKind.vendor:
        vendor_id = actor.organization_id if vendor_id is None else vendor_id
    if vendor_id is None:
        detail = "name the vendor whose fiscal calendar the quarter is in"
        raise InvalidInput(
            detail,
            errors=[
                field_error("required", parameter="vendor_id", location="query", detail=detail)
            ],
        )
    if actor.org_kind is OrgKind.partner and vendor_id not in await partner_vendor_ids(
        session, actor.organization_id, vendor_id
    ):
        raise NotFound(f"No vendor {vendor_id} visible to you.")
    return await quarter_days(session, vendor_id, quarter)


def _where(scope: Scope) -> list[ColumnElement[bool]]:
    return [
        Registration.submitted_at >= scope.start,
        Registration.submitted_at < scope.end,
        *_parties(scope, Registration.vendor_id, Registration.partner_id, Registration.rep_id),
    ]


def _key(group_by: ScorecardGroupBy) -> Any:
    return {
        ScorecardGroupBy.partner: Registration.partner_id,
        ScorecardGroupBy.rep: Registration.rep_id,
        ScorecardGroupBy.program: Registration.program_id,
    }[group_by]


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _summed(of: Any, *where: ColumnElement[bool]) -> Any:
    """The sum of bigints (of the rows `where` holds), 0 for none, as a bigint: PostgreSQL sums
    bigints to a numeric, which arrives as a Decimal, and a sum of such sums adds numerics."""
    total = func.sum(of)
    return cast(func.coalesce(total.filter(*where) if where else total, 0), BigInteger)


def _counted(reasons: list[str] | None) -> dict[str, int]:
    """Each reason's count, the reasons in the order given (sorted: equal ones together)."""
    counts: dict[str, int] = {}
    for reason in reasons or ():
        counts[reason] = counts.get(reason, 0) + 1
    return counts


async def summary(
    session: AsyncSession, scope: Scope, group_by: ScorecardGroupBy
) -> list[ScorecardRow]:
    """One statement, one pass over the period's registrations, answering the lines in their
    order and every figure as a plain int or float, so that a line costs Python next to nothing
    (bench/plans.py, a quarter of 1 M registrations channel-wide by partner: two statements,
    the lines through the ORM's rows, Decimals and a sort in Python took 950 ms, 40 µs a line)."""
    key = _key(group_by).label("key")
    # Grouped and ordered on the code's bytes, not by the database's collation: the same groups,
    # and the sort of every registration of the period by its group is cheaper.
    currency = Registration.currency.collate("C")
    status = Registration.status
    # A clock starts when its registration is submitted: the period bounds both, and the
    # decided ones are read from their own narrow index's entries.
    decided = (
        select(SlaClock.registration_id, SlaClock.elapsed_us)
        .where(
            SlaClock.decided,
            SlaClock.started_at >= scope.start,
            SlaClock.started_at < scope.end,
            *_parties(scope, SlaClock.vendor_id, SlaClock.partner_id, None),
        )
        .subquery()
    )
    # Nothing is earned on a registration before it is submitted: the ledger of the period's
    # registrations is within the earnings since the period began.
    ledger = (
        select(
            Earning.registration_id,
            Earning.currency,
            _summed(Earning.amount).label("earned"),
            _summed(Earning.amount, Payout.status == PayoutStatus.paid).label("paid"),
        )
        .outerjoin(PayoutItem, PayoutItem.earning_id == Earning.id)
        .outerjoin(Payout, Payout.id == PayoutItem.payout_id)
        .where(
            Earning.earned_at >= scope.start,
            *_parties(scope, Earning.vendor_id, Earning.partner_id, Earning.rep_id),
        )
        .group_by(Earning.registration_id, Earning.currency)
        .subquery()
    )
    reason = func.coalesce(Registration.decision_code, "unspecified")
    figures = (
        select(
            key,
            currency.label("currency"),
            func.count().label("submitted"),
            func.count().filter(status.in_(_APPROVED_ONCE)).label("approved"),
            func.count().filter(status == RegistrationStatus.rejected).label("rejected"),
            # Every rejection's reason, sorted: counted on the way out. Untyped: asyncpg answers
            # a list of str already, which SQLAlchemy's ARRAY would copy item by item.
            type_coerce(
                func.array_agg(aggregate_order_by(reason, reason)).filter(
                    status == RegistrationStatus.rejected
                ),
                NullType(),
            ).label("reasons"),
            func.percentile_cont(0.5).within_group(decided.c.elapsed_us).label("median_us"),
            _summed(Registration.amount, status == RegistrationStatus.approved).label("registered"),
            func.count().filter(status == RegistrationStatus.won).label("won"),
            func.count().filter(status == RegistrationStatus.lost).label("lost"),
            _summed(Registration.amount, status == RegistrationStatus.won).label("won_amount"),
            _summed(ledger.c.earned).label("earned"),
            _summed(ledger.c.paid).label("paid"),
        )
        .outerjoin(decided, decided.c.registration_id == Registration.id)
        .outerjoin(
            ledger,
            and_(
                ledger.c.registration_id == Registration.id,
                ledger.c.currency == Registration.currency,
            ),
        )
        .where(*_where(scope))
        .group_by(key, currency)
        .subquery()
    )
    # Each line's name joined after the grouping, to the lines alone.
    named: Any = {
        ScorecardGroupBy.partner: Organization,
        ScorecardGroupBy.rep: User,
        ScorecardGroupBy.program: Program,
    }[group_by]
    label = func.coalesce(named.name, "")
    stmt = (
        select(figures, label)
        .outerjoin(named, named.id == figures.c.key)
        # By label, group and currency, each compared by its characters (code points), as
        # Python compares strings; a UUID's bytes sort as its text does.
        .order_by(label.collate("C"), figures.c.key, figures.c.currency)
    )
    await sort_in_memory(session)
    # A Core result on the session's connection: the lines are plain tuples, without the
    # ORM's row processing (about a third of the time of 10,000 lines).
    result = await (await session.connection()).execute(stmt)
    return [
        ScorecardRow(
            group=group_by,
            group_id=group_id,
            label=name,
            currency=code,
            submitted=submitted,
            approved=approved,
            rejected=rejected,
            rejected_by_reason=_counted(reasons),
            approval_rate=_rate(approved, approved + rejected),
            median_hours_to_decision=(
                round(median_us / _HOUR_US, 2) if median_us is not None else None
            ),
            registered_pipeline=registered,
            won=won,
            lost=lost,
            win_rate=_rate(won, won + lost),
            won_amount=won_amount,
            average_deal_size=_half_up(won_amount, won) if won else None,
            incentives_earned=earned,
            incentives_paid=paid,
        )
        for (
            group_id,
            code,
            submitted,
            approved,
            rejected,
            reasons,
            median_us,
            registered,
            won,
            lost,
            won_amount,
            earned,
            paid,
            name,
        ) in result.all()
    ]
