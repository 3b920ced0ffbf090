"""The quarterly business review of a partnership: for one fiscal quarter of the vendor's
calendar, the partner's plan against its pipeline, its deal registration scorecard (the
partner's lines and its reps'), what it did with the vendor's leads, the vendor's approval SLA
toward it, and the capability assessment with its goals.

Every figure is one of the reports' own (planning/reports.py, scorecards.py, leads/reports.py,
sla/reports.py, planning/capability_figures.py), narrowed to this vendor and partner and to the
quarter's days on the vendor's wall clock; this module only gathers them, so the QBR never
disagrees with a report. It reads through several domains, so it sits above them.
"""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg import scorecards
from dealreg.db import database_now
from dealreg.leads import reports as lead_reports
from dealreg.orgs.models import Organization, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import get_partnership
from dealreg.planning import capability_figures, fiscal
from dealreg.planning import reports as plan_reports
from dealreg.planning.service import parse_quarter, quarter_days, quarter_now
from dealreg.sla import reports as sla_reports


class Figures(msgspec.Struct, frozen=True, kw_only=True):
    """The review's figures as the API shows them; the capability assessment apart, since
    its row is shown through the API's own shape."""

    partnership_id: uuid.UUID
    vendor_id: uuid.UUID
    vendor_name: str
    partner_id: uuid.UUID
    partner_name: str
    tier: Tier
    quarter: str
    first_day: Annotated[date, msgspec.Meta(description="The quarter's first day (vendor's).")]
    last_day: date
    as_of: datetime
    pipeline: Annotated[
        plan_reports.PipelineRow | None,
        msgspec.Meta(description="Plan against pipeline, as `GET /v1/reports/pipeline` has it."),
    ]
    registrations: Annotated[
        list[scorecards.ScorecardRow],
        msgspec.Meta(
            description="The registration scorecard of the registrations submitted in the "
            "quarter: the partner's line per currency."
        ),
    ]
    registrations_by_rep: list[scorecards.ScorecardRow]
    leads: Annotated[
        lead_reports.LeadRow | None,
        msgspec.Meta(description="What the partner did with the leads forwarded in the quarter."),
    ]
    sla: Annotated[
        sla_reports.SlaRow,
        msgspec.Meta(
            description="The vendor's approval SLA toward the partner, over the registrations "
            "submitted in the quarter."
        ),
    ]


class Review(Figures, frozen=True, kw_only=True):
    capabilities: capability_figures.Comparison | None


async def review(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID, label: str | None
) -> Review:
    """The partnership's QBR for the quarter named (the vendor's current one when none is):
    its vendor's staff, its partner (the admin), the platform."""
    partnership = await get_partnership(session, actor, partnership_id)
    vendor_id, partner_id = partnership.vendor_id, partnership.partner_id
    quarter: fiscal.Quarter = (
        parse_quarter(label, location="query")
        if label is not None
        else await quarter_now(session, vendor_id)
    )
    days = await quarter_days(session, vendor_id, quarter)
    pipeline = await plan_reports.pipeline(
        session,
        plan_reports.Scope(quarter=quarter, vendor_ids=[vendor_id], partner_id=partner_id),
    )
    # Every report's scope: the quarter's days and instants, this vendor and this partner.
    scope: dict[str, Any] = msgspec.structs.asdict(days) | {
        "vendor_id": vendor_id,
        "partner_id": partner_id,
    }
    card = scorecards.Scope(**scope, rep_id=None)
    leads = await lead_reports.summary(
        session,
        lead_reports.Scope(**scope),
        lead_reports.LeadGroupBy.partner,
        lead_reports.Bounds(),
    )
    sla = await sla_reports.totals(session, sla_reports.Scope(**scope))
    vendor = await session.get_one(Organization, vendor_id)
    partner = await session.get_one(Organization, partner_id)
    return Review(
        partnership_id=partnership.id,
        vendor_id=vendor_id,
        vendor_name=vendor.name,
        partner_id=partner_id,
        partner_name=partner.name,
        tier=partnership.tier,
        quarter=quarter.label,
        first_day=days.first_day,
        last_day=days.last_day,
        as_of=await database_now(session),
        pipeline=next(iter(pipeline), None),
        registrations=await scorecards.summary(session, card, scorecards.ScorecardGroupBy.partner),
        registrations_by_rep=await scorecards.summary(
            session, card, scorecards.ScorecardGroupBy.rep
        ),
        leads=next(iter(leads), None),
        sla=sla,
        capabilities=await capability_figures.compare(session, actor, partnership, quarter),
    )
