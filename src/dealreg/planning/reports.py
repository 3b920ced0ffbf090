"""Pipeline to plan: per partner and vendor, for one fiscal quarter of the vendor's calendar.

Figures (all amounts in minor units of the plan's currency):

- `plan`: the partner's plan for the quarter (proposed or accepted: `plan_status` says which);
- `total_pipeline_target`, `risk_adjusted_pipeline_target`: the plan times the vendor's index
  (in percent), rounded half up to a minor unit;
- `registered_pipeline`: the approved registrations (open: neither won nor lost) expected to close
  in the quarter;
- `risk_adjusted_pipeline`: the same, each times its sales stage's probability (no stage reported
  yet counts as `qualified`), summed, then rounded half up once;
- `won`: the registrations won so far in the quarter (the instant of the win, on the vendor's
  wall clock);
- `performance_to_plan`: won over plan (null for a plan of zero);
- flags: `below_total_target` and `below_risk_adjusted_target` (pipeline short of its target),
  `no_plan`.

Currencies: only registrations in the plan's currency are counted; no rates are applied. The
others are counted in `other_currency_registrations`, so that a shortfall caused by them is seen
rather than hidden. A partner with no plan for the quarter is listed with `no_plan` and no
amounts (there is no currency to count them in); all its registrations of the quarter are then
in `other_currency_registrations`.
"""

import enum
import uuid
from collections import defaultdict
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.errors import InvalidInput, NotFound, field_error
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.planning import fiscal, repository
from dealreg.planning.models import PlanStatus
from dealreg.planning.service import Terms, parse_quarter, terms_of


class PipelineFlag(enum.StrEnum):
    no_plan = "no_plan"
    below_total_target = "below_total_target"
    below_risk_adjusted_target = "below_risk_adjusted_target"


# gc=False: a report makes one per partner, tens of thousands, and the garbage collections
# they set off traversed every one (half the partner report's Python time at 20,000 partners);
# a row holds no reference cycle.
class PipelineRow(msgspec.Struct, kw_only=True, gc=False):
    vendor_id: uuid.UUID
    vendor_name: str
    partnership_id: uuid.UUID
    partner_id: uuid.UUID
    partner_name: str
    quarter: str
    first_day: date
    last_day: date
    plan_status: PlanStatus | None
    currency: str | None
    plan: int | None
    total_pipeline_target: int | None
    risk_adjusted_pipeline_target: int | None
    registered_pipeline: int | None
    registered_count: int
    risk_adjusted_pipeline: int | None
    won: int | None
    won_count: int
    performance_to_plan: float | None
    other_currency_registrations: int
    flags: list[PipelineFlag]


class Scope(msgspec.Struct, frozen=True, kw_only=True):
    quarter: fiscal.Quarter
    vendor_ids: list[uuid.UUID]
    partner_id: uuid.UUID | None


def _half_up(numerator: int, denominator: int) -> int:
    """`numerator / denominator` rounded half up, for non-negative integers: exact, no floats."""
    return (2 * numerator + denominator) // (2 * denominator)


async def scope_of(
    session: AsyncSession,
    actor: Principal,
    *,
    quarter: str,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
) -> Scope:
    """A vendor's staff see all its partners (or one); a partner's, its own lines with each of
    its vendors (or one); the platform's, one vendor's partners (name it)."""
    parsed = parse_quarter(quarter)
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise NotFound(f"No vendor {vendor_id} visible to you.")
        return Scope(quarter=parsed, vendor_ids=[actor.organization_id], partner_id=partner_id)
    if actor.org_kind is OrgKind.partner:
        if partner_id not in (None, actor.organization_id):
            raise NotFound(f"No partner {partner_id} visible to you.")
        vendors = await repository.partner_vendor_ids(session, actor.organization_id, vendor_id)
        return Scope(quarter=parsed, vendor_ids=list(vendors), partner_id=actor.organization_id)
    if vendor_id is None:
        detail = "name the vendor whose partners to report on"
        raise InvalidInput(
            detail,
            errors=[
                field_error("required", parameter="vendor_id", location="query", detail=detail)
            ],
        )
    return Scope(quarter=parsed, vendor_ids=[vendor_id], partner_id=partner_id)


def _instant(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(), ZoneInfo(timezone))


async def pipeline(session: AsyncSession, scope: Scope) -> list[PipelineRow]:
    vendors = {v.id: v for v in await repository.vendors(session, scope.vendor_ids)}
    settings = await repository.settings_of(session, list(vendors))
    rows: list[PipelineRow] = []
    for vendor in sorted(vendors.values(), key=lambda v: (v.name, v.id)):
        if vendor.kind is not OrgKind.vendor or vendor.timezone is None:
            continue
        terms = terms_of(settings.get(vendor.id))
        starts_on = scope.quarter.start(terms.fiscal_year_start_month)
        ends_before = scope.quarter.end(terms.fiscal_year_start_month)
        open_: defaultdict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in await repository.open_pipeline(
            session,
            vendor.id,
            scope.partner_id,
            starts_on=starts_on,
            ends_before=ends_before,
            percents=terms.stage_percents,
        ):
            open_[row.partner_id].append(row)
        won: defaultdict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in await repository.won(
            session,
            vendor.id,
            scope.partner_id,
            start=_instant(starts_on, vendor.timezone),
            end=_instant(ends_before, vendor.timezone),
        ):
            won[row.partner_id].append(row)
        for line in await repository.partnerships_with_plans(
            session, vendor.id, scope.partner_id, scope.quarter.label
        ):
            opened = open_.get(line.partner_id, [])
            closed = won.get(line.partner_id, [])
            currency = line.currency
            mine = [r for r in opened if r.currency == currency]
            wins = [r for r in closed if r.currency == currency]
            others = sum(r.count for r in opened + closed if r.currency != currency)
            row = PipelineRow(
                vendor_id=vendor.id,
                vendor_name=vendor.name,
                partnership_id=line.partnership_id,
                partner_id=line.partner_id,
                partner_name=line.partner_name,
                quarter=scope.quarter.label,
                first_day=starts_on,
                last_day=date.fromordinal(ends_before.toordinal() - 1),
                plan_status=line.status,
                currency=currency,
                plan=None,
                total_pipeline_target=None,
                risk_adjusted_pipeline_target=None,
                registered_pipeline=None,
                registered_count=sum(r.count for r in mine),
                risk_adjusted_pipeline=None,
                won=None,
                won_count=sum(r.count for r in wins),
                performance_to_plan=None,
                other_currency_registrations=others,
                flags=[PipelineFlag.no_plan],
            )
            if line.amount is not None:
                _measure(row, line.amount, terms, mine, wins)
            rows.append(row)
    return rows


def _measure(row: PipelineRow, plan: int, terms: Terms, opened: list[Any], wins: list[Any]) -> None:
    """The figures of `row`, whose plan is `plan`, from its open and won registrations in the
    plan's currency."""
    # SUM of a bigint is a numeric in PostgreSQL (a Decimal here): back to whole minor units.
    registered = int(sum(r.amount for r in opened))
    # Each group's sum of amount x percent is exact (numeric); rounded once, at the end.
    risk_adjusted = _half_up(int(sum(r.weighted for r in opened)), 100)
    won = int(sum(r.amount for r in wins))
    row.plan = plan
    row.total_pipeline_target = _half_up(plan * terms.total_pipeline_percent, 100)
    row.risk_adjusted_pipeline_target = _half_up(plan * terms.risk_adjusted_pipeline_percent, 100)
    row.registered_pipeline = registered
    row.risk_adjusted_pipeline = risk_adjusted
    row.won = won
    row.performance_to_plan = won / plan if plan else None
    row.flags = [
        flag
        for flag, short in (
            (PipelineFlag.below_total_target, registered < row.total_pipeline_target),
            (
                PipelineFlag.below_risk_adjusted_target,
                risk_adjusted < row.risk_adjusted_pipeline_target,
            ),
        )
        if short
    ]
