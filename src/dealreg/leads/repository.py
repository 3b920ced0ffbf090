"""All SQL of leads. Reads are scoped to what the caller may see: a partner never loads another
partner's lead, nor one its vendor has not forwarded yet."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import contains_text
from dealreg.events.repository import add_events, event_row
from dealreg.leads.models import (
    Lead,
    LeadDispositionRow,
    LeadEngagement,
    LeadHistory,
    LeadPolicy,
    LeadStatus,
)
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, fetch_page


def visible_leads(actor: Principal) -> ColumnElement[bool]:
    """A vendor sees its own leads; a partner admin the partner's forwarded ones; a rep those
    given to them; the platform every one."""
    if actor.is_platform:
        return true()
    if actor.org_kind is OrgKind.vendor:
        return Lead.vendor_id == actor.organization_id
    sent = and_(Lead.partner_id == actor.organization_id, Lead.status != LeadStatus.draft)
    if actor.role is Role.partner_admin:
        return sent
    return and_(sent, Lead.rep_id == actor.subject_id)


async def get_lead(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, *, for_update: bool
) -> Lead | None:
    stmt = select(Lead).where(Lead.id == lead_id, visible_leads(actor))
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def list_leads(
    session: AsyncSession,
    actor: Principal,
    *,
    filters: dict[Any, Any],
    search: str | None,
    page: PageRequest,
) -> Page[Lead]:
    stmt: Select[Any] = select(Lead).where(visible_leads(actor))
    if search is not None:
        stmt = stmt.where(
            contains_text(
                search,
                Lead.customer_name,
                Lead.contact["name"].astext,
                Lead.contact["email"].astext,
            )
        )
    for column, value in filters.items():
        if value is not None:
            stmt = stmt.where(column == value)
    return await fetch_page(session, stmt, Lead, page)


async def policy_of(session: AsyncSession, vendor_id: uuid.UUID) -> LeadPolicy | None:
    stmt = select(LeadPolicy).where(LeadPolicy.vendor_id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


async def history_of(session: AsyncSession, lead_id: uuid.UUID) -> Sequence[LeadHistory]:
    stmt = select(LeadHistory).where(LeadHistory.lead_id == lead_id)
    return (await session.scalars(stmt.order_by(LeadHistory.at, LeadHistory.id))).all()


async def dispositions_of(
    session: AsyncSession, lead_id: uuid.UUID
) -> Sequence[LeadDispositionRow]:
    stmt = select(LeadDispositionRow).where(LeadDispositionRow.lead_id == lead_id)
    order = (LeadDispositionRow.occurred_at, LeadDispositionRow.reported_at)
    return (await session.scalars(stmt.order_by(*order))).all()


async def engagements_of(session: AsyncSession, lead_id: uuid.UUID) -> Sequence[LeadEngagement]:
    stmt = select(LeadEngagement).where(LeadEngagement.lead_id == lead_id)
    order = (LeadEngagement.occurred_at, LeadEngagement.recorded_at)
    return (await session.scalars(stmt.order_by(*order))).all()


async def lead_of_registration(session: AsyncSession, registration_id: uuid.UUID) -> Lead | None:
    stmt = select(Lead).where(Lead.registration_id == registration_id).with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def due_recalls(session: AsyncSession, now: datetime, limit: int) -> Sequence[Lead]:
    """Forwarded leads past their accept deadline, locked; those another transaction holds (a
    partner accepting right now) are left for the next sweep rather than waited for."""
    stmt = (
        select(Lead)
        .where(Lead.status == LeadStatus.forwarded, Lead.accept_due_at <= now)
        .order_by(Lead.accept_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


async def due_first_touches(session: AsyncSession, now: datetime, limit: int) -> Sequence[Lead]:
    """Accepted leads past their first-touch deadline, untouched and not yet flagged, locked."""
    stmt = (
        select(Lead)
        .where(
            Lead.status == LeadStatus.accepted,
            Lead.first_touch_at.is_(None),
            Lead.first_touch_overdue.is_(False),
            Lead.first_touch_due_at <= now,
        )
        .order_by(Lead.first_touch_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(stmt)).all()


def _event(type_: str, lead: Lead, data: dict[str, Any]) -> dict[str, Any]:
    # A draft is the vendor's alone: the partner hears of a lead once it is forwarded.
    partner_id = None if lead.status is LeadStatus.draft else lead.partner_id
    return event_row(
        type_,
        lead.id,
        vendor_id=lead.vendor_id,
        partner_id=partner_id,
        data={
            "lead_id": str(lead.id),
            "status": lead.status.value,
            "partner_id": str(lead.partner_id),
            "rep_id": str(lead.rep_id) if lead.rep_id else None,
            "campaign": lead.campaign,
            "score": lead.score,
        }
        | data,
    )


async def add_history(
    session: AsyncSession,
    actor: Principal | None,
    lead: Lead,
    *,
    action: str,
    event: str | None,
    from_status: LeadStatus | None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """A history row of what happened to `lead`, and its event (if it has one), in the caller's
    transaction."""
    session.add(
        LeadHistory(
            lead_id=lead.id,
            action=action,
            actor_id=actor.subject_id if actor else None,
            actor_role=actor.role.value if actor else None,
            from_status=from_status,
            to_status=lead.status,
            reason=reason,
            data=data or {},
        )
    )
    if event is not None:
        payload = {"from_status": from_status.value if from_status else None, "reason": reason}
        await add_events(session, [_event(event, lead, payload | (data or {}))])
