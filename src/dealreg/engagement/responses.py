"""The shapes of a partner's engagement and of a call task that the API's routes and the
webhooks' payloads both show."""

import uuid
from datetime import datetime

import msgspec

from dealreg.engagement.models import CallOutcome, CallTask, CallTaskState
from dealreg.engagement.service import EngagementView
from dealreg.fields import Resource


class PartnerEngagementOut(msgspec.Struct, kw_only=True):
    """A partner's engagement with the vendor reading it: the vendor's alone."""

    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    # The score is counted as of this instant.
    as_of: datetime
    # Points of the engagements that happened within the last `decay_days` days.
    score: int
    threshold: int
    decay_days: int
    above_threshold: bool
    # The partner's call tasks not yet closed, oldest first.
    open_task_ids: list[uuid.UUID]


def engagement_out(view: EngagementView) -> PartnerEngagementOut:
    return PartnerEngagementOut(
        vendor_id=view.vendor_id,
        partner_id=view.partner_id,
        as_of=view.as_of,
        score=view.score,
        threshold=view.rubric.threshold,
        decay_days=view.rubric.decay_days,
        above_threshold=view.above_threshold,
        open_task_ids=view.open_task_ids,
    )


class CallTaskOut(Resource, kw_only=True):
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    # The partner's how-manieth crossing of the threshold made it.
    crossing: int
    # The score that crossed, and the threshold it crossed.
    score: int
    threshold: int
    state: CallTaskState
    # Null: in the vendor's channel team's queue, for anyone of it to claim.
    owner_id: uuid.UUID | None
    claimed_at: datetime | None
    outcome: CallOutcome | None
    outcome_note: str | None
    outcome_at: datetime | None
    closed_at: datetime | None


def call_task_out(task: CallTask) -> CallTaskOut:
    return CallTaskOut.of(task)
