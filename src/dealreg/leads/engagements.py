"""What a prospect did (opened a mail, came to a webinar), scored by the vendor's rubric."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.errors import InvalidInput
from dealreg.fields import Instant
from dealreg.leads import repository, states
from dealreg.leads.errors import field_error
from dealreg.leads.models import EngagementType, Lead, LeadEngagement
from dealreg.leads.rules import rules_of
from dealreg.leads.service import for_vendor
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch
from dealreg.registrations.schemas import Note


class EngagementInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: EngagementType
    occurred_at: Instant
    note: Note | None = None


async def add_engagements(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    engagements: Sequence[EngagementInput],
    *,
    if_match: IfMatch,
) -> tuple[Lead, list[LeadEngagement]]:
    """Score what the prospect did by the vendor's rubric; the lead's score grows by it."""
    lead = await for_vendor(session, actor, lead_id, if_match, "record engagements")
    now = datetime.now(UTC)
    errors = [
        field_error(
            "in_future",
            f"/engagements/{i}/occurred_at",
            "an engagement cannot happen in the future",
        )
        for i, engagement in enumerate(engagements)
        if engagement.occurred_at > now + states.CLOCK_SKEW
    ]
    if errors:
        raise InvalidInput("An engagement is dated in the future.", errors=errors)
    rules = await rules_of(session, lead.vendor_id)
    rows = [
        LeadEngagement(
            lead_id=lead.id,
            type=engagement.type,
            occurred_at=min(engagement.occurred_at, now),
            points=rules.points_for(engagement.type),
            note=engagement.note,
            recorded_by=actor.subject_id,
        )
        for engagement in engagements
    ]
    session.add_all(rows)
    added = sum(row.points for row in rows)
    lead.score += added
    await repository.add_history(
        session,
        actor,
        lead,
        action="engaged",
        event=None,
        from_status=lead.status,
        data={"engagements": len(rows), "points": added, "score": lead.score},
    )
    await session.flush()
    return lead, rows
