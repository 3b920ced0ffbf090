"""Recording partners' engagements with a vendor's marketing, and the score they add up to.

A post is checked whole before anything is written: a bad item refuses the batch. Its
engagements take the points of the rubric in force when they are recorded. A source id the
vendor has sent before (in this post or an earlier one) is a duplicate: not stored again, not
counted again. Crossing the threshold makes one call task, one event and one mail (scoring.py
says when a post crosses; the standing's lock makes it one post)."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import repository, routing, scoring
from dealreg.engagement.events import ThresholdReached
from dealreg.engagement.models import CallTask, PartnerEngagementType
from dealreg.engagement.policy import Rubric, rubric_of
from dealreg.errors import InvalidInput, NotFound, field_error
from dealreg.events.repository import add_events, event_row
from dealreg.fields import NO_CONTROL, Email, Instant
from dealreg.messagebus import BUS
from dealreg.orgs import service as orgs
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal

# A sender's clock may run a little ahead of ours; beyond this, a date is a mistake.
CLOCK_SKEW = timedelta(minutes=5)
THRESHOLD_REACHED = "partner.engagement_threshold_reached"


class PartnerEngagementInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: PartnerEngagementType
    occurred_at: Instant
    # The partner's person who engaged.
    contact_email: Email | None = None
    campaign: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=NO_CONTROL)] | None
    ) = None
    # The sending system's id of the engagement: sent again, it is not counted again.
    source_id: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NO_CONTROL)] | None
    ) = None


class Recorded(msgspec.Struct, frozen=True, kw_only=True):
    accepted: int
    duplicates: int
    score: int
    threshold: int
    above_threshold: bool
    # The call task this post's crossing made, if it crossed.
    task: CallTask | None


class EngagementView(msgspec.Struct, frozen=True, kw_only=True):
    """A partner's engagement with a vendor, as of `as_of`."""

    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    as_of: datetime
    score: int
    rubric: Rubric
    above_threshold: bool
    open_task_ids: list[uuid.UUID]


async def _partner_of_vendor(
    session: AsyncSession, actor: Principal, partner_id: uuid.UUID
) -> uuid.UUID:
    """The caller's vendor, which must have the partner enrolled: anything else is a 404, so
    that nobody learns of another vendor's partners (nor a partner of its own score)."""
    if actor.org_kind is not OrgKind.vendor or not await repository.in_partnership(
        session, actor.organization_id, partner_id
    ):
        raise NotFound(f"No partner {partner_id} enrolled with your organization.")
    return actor.organization_id


def _check(engagements: Sequence[PartnerEngagementInput], now: datetime) -> None:
    errors = [
        field_error(
            "in_future",
            pointer=f"/engagements/{i}/occurred_at",
            detail="an engagement cannot happen in the future",
        )
        for i, engagement in enumerate(engagements)
        if engagement.occurred_at > now + CLOCK_SKEW
    ]
    if errors:
        raise InvalidInput("An engagement is dated in the future.", errors=errors)


async def record(
    session: AsyncSession,
    actor: Principal,
    partner_id: uuid.UUID,
    engagements: Sequence[PartnerEngagementInput],
    *,
    now: datetime | None = None,
) -> Recorded:
    """Record the engagements; score the partner as of `now` (the time the post takes its
    turn, unless given) and make the call task of a crossing."""
    vendor_id = await _partner_of_vendor(session, actor, partner_id)
    _check(engagements, now or datetime.now(UTC))
    rubric = await rubric_of(session, vendor_id)
    standing = await repository.lock_standing(session, vendor_id, partner_id)
    # Read after the lock: a post that waited for another scores as of after it.
    now = now or datetime.now(UTC)
    window = timedelta(days=rubric.decay_days)
    before = await repository.score(session, vendor_id, partner_id, now=now, window=window)
    accepted = await repository.insert_engagements(
        session,
        [
            {
                "id": uuid.uuid4(),
                "vendor_id": vendor_id,
                "partner_id": partner_id,
                "type": engagement.type,
                # Within the skew, a date ahead of ours is ours: it happened, just now.
                "occurred_at": min(engagement.occurred_at, now),
                "points": rubric.points_for(engagement.type),
                "contact_email": engagement.contact_email,
                "campaign": engagement.campaign,
                "source_id": engagement.source_id,
                "recorded_by": actor.subject_id,
            }
            # In source id order: racing posts of two partners sharing ids wait on each other's
            # inserts in one order, never in a cycle.
            for engagement in sorted(engagements, key=lambda e: e.source_id or "")
        ],
    )
    after = await repository.score(session, vendor_id, partner_id, now=now, window=window)
    standing.above, crossed = scoring.step(standing.above, before, after, rubric.threshold)
    task = None
    if crossed:
        standing.crossings += 1
        task = await _call_task(session, vendor_id, partner_id, standing.crossings, after, rubric)
    await session.flush()
    return Recorded(
        accepted=accepted,
        duplicates=len(engagements) - accepted,
        score=after,
        threshold=rubric.threshold,
        above_threshold=standing.above,
        task=task,
    )


async def _call_task(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID,
    crossing: int,
    score: int,
    rubric: Rubric,
) -> CallTask:
    # To a named owner or the channel team's queue, by the partner's segment (routing.py).
    task = CallTask(
        vendor_id=vendor_id,
        partner_id=partner_id,
        crossing=crossing,
        score=score,
        threshold=rubric.threshold,
        owner_id=await routing.owner_for(session, vendor_id, partner_id),
    )
    session.add(task)
    await session.flush()
    # The vendor's alone: a partner never learns its score, nor that it is to be called.
    await add_events(
        session,
        [
            event_row(
                THRESHOLD_REACHED,
                partner_id,
                vendor_id=vendor_id,
                partner_id=None,
                data={
                    "task_id": str(task.id),
                    "score": score,
                    "threshold": rubric.threshold,
                    "crossing": crossing,
                },
            )
        ],
    )
    await BUS.emit(ThresholdReached(session, task.id))
    return task


async def engagement_of(
    session: AsyncSession, actor: Principal, partner_id: uuid.UUID, *, now: datetime | None = None
) -> EngagementView:
    vendor_id = await _partner_of_vendor(session, actor, partner_id)
    rubric = await rubric_of(session, vendor_id)
    now = now or datetime.now(UTC)
    score = await repository.score(
        session, vendor_id, partner_id, now=now, window=timedelta(days=rubric.decay_days)
    )
    return EngagementView(
        vendor_id=vendor_id,
        partner_id=partner_id,
        as_of=now,
        score=score,
        rubric=rubric,
        above_threshold=score >= rubric.threshold,
        open_task_ids=await repository.open_tasks_of(session, vendor_id, partner_id),
    )


class SharedEngagement(msgspec.Struct, frozen=True, kw_only=True):
    """A partner's own score with a vendor that shares it, as of `as_of`."""

    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    as_of: datetime
    score: int
    decay_days: int


async def shared_engagement_of(
    session: AsyncSession,
    actor: Principal,
    partnership_id: uuid.UUID,
    *,
    now: datetime | None = None,
) -> SharedEngagement:
    """The partner's own score with the partnership's vendor, for the partner's people, when the
    vendor shares scores (its rubric's `share_score_with_partners`). Otherwise a 404, as for a
    partnership not theirs: a partner learns nothing of a score it is not shown. A vendor's
    people read their partners' scores (and more) by engagement_of."""
    partnership = await orgs.get_partnership(session, actor, partnership_id)
    if actor.org_kind is not OrgKind.partner or partnership.partner_id != actor.organization_id:
        raise NotFound(f"No engagement score of partnership {partnership_id} shared with you.")
    rubric = await rubric_of(session, partnership.vendor_id)
    if not rubric.share_score_with_partners:
        raise NotFound("This vendor does not share engagement scores with its partners.")
    now = now or datetime.now(UTC)
    score = await repository.score(
        session,
        partnership.vendor_id,
        partnership.partner_id,
        now=now,
        window=timedelta(days=rubric.decay_days),
    )
    return SharedEngagement(
        vendor_id=partnership.vendor_id,
        partner_id=partnership.partner_id,
        as_of=now,
        score=score,
        decay_days=rubric.decay_days,
    )
