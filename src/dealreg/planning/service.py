"""The rules of plans: a vendor's planning settings (fiscal year start, pipeline indexes, stage
probabilities) and each partner's plan per fiscal quarter.

A plan is the partner's commitment: the partner's admin proposes it (or changes it), the
vendor's channel account manager (approver) or admin accepts it. Both are recorded with who and
when. A change of the amount or currency after acceptance puts the plan back to `proposed` (its
acceptance is cleared): the vendor accepted a number, not whatever the number becomes. Putting
the same amount and currency again changes nothing, its version included.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.dates import DayRange, refusal
from dealreg.db import database_now, flush_unique
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.orgs.models import OrgKind, Partnership, Role
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import get_partnership
from dealreg.planning import fiscal, repository
from dealreg.planning.errors import FiscalYearStartLocked, PlanNotFound
from dealreg.planning.models import PartnerPlan, PlanningSettings, PlanStatus
from dealreg.preconditions import IfMatch
from dealreg.registrations.models import SalesStage


class Terms(msgspec.Struct, frozen=True, kw_only=True):
    """A vendor's planning settings, as the rules use them."""

    fiscal_year_start_month: int
    # In percent of the plan: 200 is "2x plan".
    total_pipeline_percent: int
    risk_adjusted_pipeline_percent: int
    # The chance, in percent, that an open registration at each stage is won.
    qualified_percent: int
    proposal_percent: int
    negotiation_percent: int

    @property
    def stage_percents(self) -> dict[SalesStage, int]:
        return {
            SalesStage.qualified: self.qualified_percent,
            SalesStage.proposal: self.proposal_percent,
            SalesStage.negotiation: self.negotiation_percent,
        }


# A calendar fiscal year; total pipeline 2x plan and risk-adjusted 1x plan (the practice the
# vendors follow); a quarter of the qualified deals won, half of those at proposal, three in
# four of those in negotiation.
DEFAULTS: Final = Terms(
    fiscal_year_start_month=1,
    total_pipeline_percent=200,
    risk_adjusted_pipeline_percent=100,
    qualified_percent=25,
    proposal_percent=50,
    negotiation_percent=75,
)


def terms_of(row: PlanningSettings | None) -> Terms:
    if row is None:
        return DEFAULTS
    return Terms(**{field: getattr(row, field) for field in Terms.__struct_fields__})


class SettingsView(msgspec.Struct, frozen=True, kw_only=True):
    vendor_id: uuid.UUID
    terms: Terms
    row: PlanningSettings | None

    @property
    def tag(self) -> int:
        """Its row's version; 0 for the defaults, nothing stored."""
        return self.row.version if self.row is not None else 0


_SETTINGS_EDITORS = frozenset({Role.vendor_admin, Role.platform_admin})
_ACCEPTORS = frozenset({Role.vendor_admin, Role.vendor_approver})


def _may_see_vendor(actor: Principal, vendor_id: uuid.UUID) -> bool:
    return actor.is_platform or actor.organization_id == vendor_id


async def get_settings(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID
) -> SettingsView:
    """The vendor's planning settings, or the defaults; its own staff's (and the platform's)."""
    if not _may_see_vendor(actor, vendor_id):
        raise NotFound(f"No planning settings of vendor {vendor_id} visible to you.")
    (vendor,) = await repository.vendors(session, [vendor_id]) or (None,)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")
    row = await repository.stored_settings(session, vendor_id)
    return SettingsView(vendor_id=vendor_id, terms=terms_of(row), row=row)


def _created_meanwhile() -> Exception:
    return Conflict("Another request set these settings just now; read them and apply your change.")


async def put_settings(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    terms: Terms,
    *,
    if_match: IfMatch,
) -> SettingsView:
    current = await get_settings(session, actor, vendor_id)
    if actor.role not in _SETTINGS_EDITORS:
        raise Forbidden("Only the vendor's admin sets its planning settings.")
    if_match.check_put(current.tag, stored=current.row is not None)
    moved = terms.fiscal_year_start_month != current.terms.fiscal_year_start_month
    if moved and await repository.has_plans(session, vendor_id):
        # A plan is for a quarter by name; moving the fiscal year would silently move every
        # plan's months.
        raise FiscalYearStartLocked(
            "This vendor has partner plans; their quarters would move with the fiscal year "
            "start, so it stays as it is.",
            extra={"fiscal_year_start_month": current.terms.fiscal_year_start_month},
        )
    row = current.row
    if row is None:
        row = PlanningSettings(vendor_id=vendor_id, **msgspec.structs.asdict(terms))
    else:
        for key, value in msgspec.structs.asdict(terms).items():
            setattr(row, key, value)
    await flush_unique(session, {"uq_planning_settings_vendor_id": _created_meanwhile}, row)
    return SettingsView(vendor_id=vendor_id, terms=terms, row=row)


def parse_quarter(label: str, location: str = "path") -> fiscal.Quarter:
    try:
        return fiscal.parse(label)
    except fiscal.BadQuarter as exc:
        raise InvalidInput(
            str(exc),
            errors=[
                field_error("pattern", parameter="quarter", location=location, detail=str(exc))
            ],
        ) from exc


async def _calendar(session: AsyncSession, vendor_id: uuid.UUID) -> tuple[str, Terms]:
    """The vendor's wall clock (its time zone) and its fiscal terms."""
    (vendor,) = await repository.vendors(session, [vendor_id]) or (None,)
    if vendor is None or vendor.kind is not OrgKind.vendor or vendor.timezone is None:
        raise NotFound(f"No vendor {vendor_id}.")
    return vendor.timezone, terms_of(await repository.stored_settings(session, vendor_id))


async def quarter_now(session: AsyncSession, vendor_id: uuid.UUID) -> fiscal.Quarter:
    """The fiscal quarter the vendor is in now, on its wall clock."""
    timezone, terms = await _calendar(session, vendor_id)
    now = await database_now(session)
    return fiscal.quarter_at(now, terms.fiscal_year_start_month, timezone)


async def quarter_days(
    session: AsyncSession, vendor_id: uuid.UUID, quarter: fiscal.Quarter
) -> DayRange:
    """The quarter's days in the vendor's fiscal calendar, and the instants that bound them on
    the vendor's wall clock."""
    timezone, terms = await _calendar(session, vendor_id)
    first_day = quarter.start(terms.fiscal_year_start_month)
    ends_before = quarter.end(terms.fiscal_year_start_month)
    if refusal(first_day) or refusal(ends_before):
        detail = f"{quarter.label} {refusal(first_day) or refusal(ends_before)}"
        raise InvalidInput(
            detail,
            errors=[field_error("range", parameter="quarter", location="query", detail=detail)],
        )
    zone = ZoneInfo(timezone)
    return DayRange(
        first_day=first_day,
        last_day=ends_before - timedelta(days=1),
        start=datetime.combine(first_day, time(), zone),
        end=datetime.combine(ends_before, time(), zone),
    )


async def _partnership_and_quarter(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID, label: str
) -> tuple[Partnership, fiscal.Quarter]:
    quarter = parse_quarter(label)
    return await get_partnership(session, actor, partnership_id), quarter


async def get_plan(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID, label: str
) -> PartnerPlan:
    partnership, quarter = await _partnership_and_quarter(session, actor, partnership_id, label)
    plan = await repository.plan_of(session, partnership.id, quarter.label)
    if plan is None:
        raise PlanNotFound(f"No plan for {quarter.label} in partnership {partnership_id}.")
    return plan


async def list_plans(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID
) -> Sequence[PartnerPlan]:
    partnership = await get_partnership(session, actor, partnership_id)
    return await repository.plans_of(session, partnership.id)


async def put_plan(
    session: AsyncSession,
    actor: Principal,
    partnership_id: uuid.UUID,
    label: str,
    *,
    amount: int,
    currency: str,
    if_match: IfMatch,
) -> PartnerPlan:
    """The partner proposes its plan for the quarter (or changes it: back to `proposed`)."""
    partnership, quarter = await _partnership_and_quarter(session, actor, partnership_id, label)
    if actor.organization_id != partnership.partner_id or actor.role is not Role.partner_admin:
        raise Forbidden("A plan is the partner's to propose: its admin puts it.")
    plan = await repository.plan_of(session, partnership.id, quarter.label, lock=True)
    if_match.check_put(plan.version if plan is not None else 0, stored=plan is not None)
    if plan is not None and (plan.amount, plan.currency) == (amount, currency):
        return plan
    now = await database_now(session)
    if plan is None:
        terms = terms_of(await repository.stored_settings(session, partnership.vendor_id))
        plan = PartnerPlan(
            partnership_id=partnership.id,
            vendor_id=partnership.vendor_id,
            partner_id=partnership.partner_id,
            quarter=quarter.label,
            starts_on=quarter.start(terms.fiscal_year_start_month),
            ends_before=quarter.end(terms.fiscal_year_start_month),
        )
    plan.amount, plan.currency = amount, currency
    plan.status = PlanStatus.proposed
    plan.proposed_by, plan.proposed_at = actor.subject_id, now
    plan.accepted_by = plan.accepted_at = None
    await flush_unique(
        session,
        {
            "uq_partner_plans_partnership_id_quarter": lambda: Conflict(
                "Another request proposed this plan just now; read it and apply your change."
            )
        },
        plan,
    )
    return plan


async def accept_plan(
    session: AsyncSession,
    actor: Principal,
    partnership_id: uuid.UUID,
    label: str,
    *,
    if_match: IfMatch,
) -> PartnerPlan:
    """The vendor accepts the plan as proposed; accepting an accepted plan changes nothing."""
    partnership, quarter = await _partnership_and_quarter(session, actor, partnership_id, label)
    plan = await repository.plan_of(session, partnership.id, quarter.label, lock=True)
    if plan is None:
        raise PlanNotFound(f"No plan for {quarter.label} in partnership {partnership_id}.")
    if actor.organization_id != partnership.vendor_id or actor.role not in _ACCEPTORS:
        raise Forbidden("A plan is accepted by the vendor's channel account manager or admin.")
    if_match.check(plan.version)
    if plan.status is PlanStatus.accepted:
        return plan
    # Read before the change: the query would flush a half-made acceptance.
    now = await database_now(session)
    plan.status = PlanStatus.accepted
    plan.accepted_by, plan.accepted_at = actor.subject_id, now
    await session.flush()
    return plan
