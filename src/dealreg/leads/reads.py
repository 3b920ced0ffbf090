"""Reading leads, their history, dispositions and engagements, as far as the caller may see them."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.leads import repository
from dealreg.leads.models import Lead, LeadDispositionRow, LeadEngagement, LeadHistory, LeadStatus
from dealreg.leads.service import get_lead
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest


async def list_leads(
    session: AsyncSession,
    actor: Principal,
    *,
    status: LeadStatus | None = None,
    partner_id: uuid.UUID | None = None,
    rep_id: uuid.UUID | None = None,
    campaign: str | None = None,
    search: str | None = None,
    page: PageRequest,
) -> Page[Lead]:
    """The leads the caller may see, narrowed by the filters; with `search`, those whose
    customer's or contact's name, or contact's email, contains it."""
    filters = {
        Lead.status: status,
        Lead.partner_id: partner_id,
        Lead.rep_id: rep_id,
        Lead.campaign: campaign,
    }
    return await repository.list_leads(session, actor, filters=filters, search=search, page=page)


async def history(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadHistory]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.history_of(session, lead.id)


async def dispositions(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadDispositionRow]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.dispositions_of(session, lead.id)


async def engagements(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadEngagement]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.engagements_of(session, lead.id)
