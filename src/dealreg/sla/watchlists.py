"""The SLA's watch lists, row by row: the breaches recorded (with names and hours overdue) and
the open registrations at risk or breached across the vendors a caller covers. The figures
(counts, percentiles, trends) are sla/reports.py's; these lists share its scope and filters.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import (
    Select,
    and_,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from dealreg.orgs.models import Organization, Program, User
from dealreg.pagination import Page, PageRequest, by_key, cut, fetch_ranked_page
from dealreg.registrations.models import Registration
from dealreg.sla.models import ClockState, SlaBreach, SlaClock, SlaFiring, Threshold
from dealreg.sla.reports import Scope, filters


class Breach(msgspec.Struct, frozen=True, kw_only=True):
    """A registration that passed its hard limit undecided: the breach recorded, once."""

    id: Annotated[uuid.UUID, msgspec.Meta(description="The breach.")]
    registration_id: Annotated[
        uuid.UUID, msgspec.Meta(description="The registration that breached.")
    ]
    number: Annotated[str, msgspec.Meta(description="Its number, as people quote it.")]
    customer_name: Annotated[str, msgspec.Meta(description="Its end customer.")]
    vendor_id: Annotated[uuid.UUID, msgspec.Meta(description="The vendor that was to decide.")]
    vendor_name: Annotated[str, msgspec.Meta(description="Its name.")]
    partner_id: Annotated[uuid.UUID, msgspec.Meta(description="The partner that registered it.")]
    partner_name: Annotated[str, msgspec.Meta(description="Its name.")]
    program_id: Annotated[
        uuid.UUID, msgspec.Meta(description="The vendor's program it was registered in.")
    ]
    program_name: Annotated[str, msgspec.Meta(description="Its name.")]
    approver_id: Annotated[
        uuid.UUID | None,
        msgspec.Meta(description="Whom it was assigned to when it breached; null: nobody."),
    ]
    approver_name: Annotated[str | None, msgspec.Meta(description="Their name.")]
    submitted_at: Annotated[datetime, msgspec.Meta(description="When it was submitted.")]
    due_at: Annotated[
        datetime,
        msgspec.Meta(description="When its hard limit fell due (business time on its calendar)."),
    ]
    breached_at: Annotated[
        datetime,
        msgspec.Meta(description="When the sweep recorded the breach (at or after `due_at`)."),
    ]
    hours_overdue: Annotated[
        float,
        msgspec.Meta(
            description="Wall-clock hours from the hard limit to the decision or withdrawal, or to now while open; to the hundredth."
        ),
    ]
    action: Annotated[
        str,
        msgspec.Meta(
            description="What the policy did at the breach: `none`, `escalate` or `auto_approve`."
        ),
    ]
    status: Annotated[str, msgspec.Meta(description="The registration's status now.")]


def _breaches(scope: Scope) -> Select[*tuple[Any, ...]]:
    # Filtered on the breach's own copies of vendor, program and approver (the approver who held
    # it when it breached, as it shows), so its index leads; a breach never precedes its
    # submission, which bounds the breaches read from the start of the range.
    conditions = [
        Registration.submitted_at >= scope.start,
        Registration.submitted_at < scope.end,
        SlaBreach.breached_at >= scope.start,
        *filters(scope, SlaBreach.vendor_id, SlaBreach.program_id, SlaBreach.approver_id),
    ]
    where = and_(*conditions)
    vendor, partner = aliased(Organization), aliased(Organization)
    # Overdue until the instant of reading, not the transaction's start (a long report's rows
    # would otherwise say less than they are).
    until = func.coalesce(SlaClock.stopped_at, func.clock_timestamp())
    return (
        select(
            SlaBreach.id,
            SlaBreach.registration_id,
            Registration.number,
            Registration.customer_name,
            SlaBreach.vendor_id,
            vendor.name.label("vendor_name"),
            SlaBreach.partner_id,
            partner.name.label("partner_name"),
            SlaBreach.program_id,
            Program.name.label("program_name"),
            SlaBreach.approver_id,
            User.name.label("approver_name"),
            Registration.submitted_at,
            SlaBreach.due_at,
            SlaBreach.breached_at,
            (func.extract("epoch", until - SlaBreach.due_at) / 3600).label("hours_overdue"),
            SlaBreach.action,
            Registration.status,
        )
        .join(Registration, Registration.id == SlaBreach.registration_id)
        .join(SlaClock, SlaClock.registration_id == SlaBreach.registration_id)
        .join(vendor, vendor.id == SlaBreach.vendor_id)
        .join(partner, partner.id == SlaBreach.partner_id)
        .join(Program, Program.id == SlaBreach.program_id)
        .outerjoin(User, User.id == SlaBreach.approver_id)
        .where(where)
    )


def _breach(row: Any) -> Breach:
    return Breach(
        id=row.id,
        registration_id=row.registration_id,
        number=row.number,
        customer_name=row.customer_name,
        vendor_id=row.vendor_id,
        vendor_name=row.vendor_name,
        partner_id=row.partner_id,
        partner_name=row.partner_name,
        program_id=row.program_id,
        program_name=row.program_name,
        approver_id=row.approver_id,
        approver_name=row.approver_name,
        submitted_at=row.submitted_at,
        due_at=row.due_at,
        breached_at=row.breached_at,
        hours_overdue=round(max(float(row.hours_overdue), 0.0), 2),
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


class AtRisk(msgspec.Struct, frozen=True, kw_only=True):
    """An open registration past its approval target (`at_risk`) or its hard limit
    (`breached`), and whose it is to decide."""

    registration_id: Annotated[uuid.UUID, msgspec.Meta(description="The registration.")]
    number: Annotated[str, msgspec.Meta(description="Its number, as people quote it.")]
    customer_name: Annotated[str, msgspec.Meta(description="Its end customer.")]
    vendor_id: Annotated[uuid.UUID, msgspec.Meta(description="The vendor that is to decide.")]
    vendor_name: Annotated[str, msgspec.Meta(description="Its name.")]
    partner_id: Annotated[uuid.UUID, msgspec.Meta(description="The partner that registered it.")]
    partner_name: Annotated[str, msgspec.Meta(description="Its name.")]
    status: Annotated[
        str,
        msgspec.Meta(
            description="The registration's status: `submitted`, `in_review` or `info_requested`."
        ),
    ]
    sla_state: Annotated[
        str,
        msgspec.Meta(
            description="`breached` (past its hard limit) or `at_risk` (past its target)."
        ),
    ]
    waiting_on_partner: Annotated[
        bool,
        msgspec.Meta(
            description="Waiting on the partner's answer to a question: its clock is paused."
        ),
    ]
    approver_id: Annotated[
        uuid.UUID | None,
        msgspec.Meta(
            description="Whom it is assigned to; null while nobody is (the vendor's approvers share it)."
        ),
    ]
    approver_name: Annotated[str | None, msgspec.Meta(description="Their name.")]
    due_at: Annotated[
        datetime,
        msgspec.Meta(
            description="When the threshold it passed fell due: its target (at risk) or its hard limit (breached)."
        ),
    ]
    hours_overdue: Annotated[
        float, msgspec.Meta(description="Wall-clock hours since `due_at`, to the hundredth.")
    ]
    link: Annotated[str, msgspec.Meta(description="The registration in the API.")]


def _at_risk(vendor_id: uuid.UUID | None) -> tuple[Select[*tuple[Any, ...]], Any, Any]:
    """Open registrations past their target or hard limit, with the rank (breached first) and
    the instant (the longest overdue first) they are listed by."""
    vendor, partner = aliased(Organization), aliased(Organization)
    rank = case((SlaClock.breached, 0), else_=1).label("rank")
    passed = func.coalesce(
        case((SlaClock.breached, SlaBreach.due_at), else_=SlaFiring.due_at), func.now()
    ).label("passed")
    stmt = (
        select(
            Registration.id,
            Registration.number,
            Registration.customer_name,
            Registration.vendor_id,
            vendor.name.label("vendor_name"),
            Registration.partner_id,
            partner.name.label("partner_name"),
            Registration.status,
            SlaClock.breached,
            SlaClock.state,
            Registration.approver_id,
            User.name.label("approver_name"),
            rank,
            passed,
            (func.extract("epoch", func.clock_timestamp() - passed) / 3600).label("hours_overdue"),
        )
        .select_from(SlaClock)
        .join(Registration, Registration.id == SlaClock.registration_id)
        .join(vendor, vendor.id == Registration.vendor_id)
        .join(partner, partner.id == Registration.partner_id)
        .outerjoin(User, User.id == Registration.approver_id)
        .outerjoin(SlaBreach, SlaBreach.registration_id == SlaClock.registration_id)
        .outerjoin(
            SlaFiring,
            and_(
                SlaFiring.registration_id == SlaClock.registration_id,
                SlaFiring.threshold == Threshold.at_risk,
            ),
        )
        .where(
            SlaClock.state != ClockState.stopped,
            or_(SlaClock.breached, SlaClock.next_threshold == Threshold.breached),
        )
    )
    if vendor_id is not None:
        stmt = stmt.where(SlaClock.vendor_id == vendor_id)
    return stmt, rank, passed


def _at_risk_row(row: Any) -> AtRisk:
    return AtRisk(
        registration_id=row.id,
        number=row.number,
        customer_name=row.customer_name,
        vendor_id=row.vendor_id,
        vendor_name=row.vendor_name,
        partner_id=row.partner_id,
        partner_name=row.partner_name,
        status=row.status.value,
        sla_state="breached" if row.breached else "at_risk",
        waiting_on_partner=row.state is ClockState.paused,
        approver_id=row.approver_id,
        approver_name=row.approver_name,
        due_at=row.passed,
        hours_overdue=round(max(float(row.hours_overdue), 0.0), 2),
        link=f"/v1/registrations/{row.id}",
    )


async def at_risk(
    session: AsyncSession, vendor_id: uuid.UUID | None, page: PageRequest
) -> Page[AtRisk]:
    """Open registrations at risk or breached (of one vendor, or all): breached first, the
    longest overdue first."""
    stmt, rank, passed = _at_risk(vendor_id)
    found = await fetch_ranked_page(session, stmt, rank, passed, Registration.id, page)
    return Page(items=[_at_risk_row(row) for row in found.items], next_key=found.next_key)


async def all_at_risk(session: AsyncSession, vendor_id: uuid.UUID | None) -> AsyncIterator[AtRisk]:
    """Every one of them, streamed (for CSV)."""
    stmt, rank, passed = _at_risk(vendor_id)
    stream = await session.stream(stmt.order_by(rank, passed, Registration.id))
    async for row in stream:
        yield _at_risk_row(row)
