"""Partner engagement: a vendor's rubric (`/v1/vendors/{id}/partner-engagement-policy`), the
engagements its marketing records of a partner's people (`/v1/partners/{id}/engagements`) and
the score they add up to (`/v1/partners/{id}/engagement`). The vendor's alone, unless it shares
each partner's own score with it (`/v1/partnerships/{id}/engagement`)."""

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import Caller, Db
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.engagement import coverage, policy, service
from dealreg.engagement.coverage import Coverage, Motion, SegmentThreshold
from dealreg.engagement.models import PartnerEngagementType
from dealreg.engagement.policy import Rubric
from dealreg.engagement.responses import PartnerEngagementOut, engagement_out
from dealreg.engagement.service import PartnerEngagementInput

MAX_BATCH = 500


class PartnerEngagementPolicyOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    # False: nothing is stored, these are the defaults.
    stored: bool
    version: int
    # Points per engagement type, counted for `decay_days` days after the engagement.
    points: dict[PartnerEngagementType, int]
    decay_days: int
    # A partner whose score reaches it is called: a call task for the channel team.
    threshold: int
    # Whether each partner reads its own score (GET /v1/partnerships/{id}/engagement).
    share_score_with_partners: bool


def _policy_out(view: policy.PolicyView) -> PartnerEngagementPolicyOut:
    rubric = view.rubric
    return PartnerEngagementPolicyOut(
        vendor_id=view.vendor_id,
        stored=view.row is not None,
        version=view.tag,
        points={t: rubric.points_for(t) for t in PartnerEngagementType},
        decay_days=rubric.decay_days,
        threshold=rubric.threshold,
        share_score_with_partners=rubric.share_score_with_partners,
    )


class PartnerEngagementPolicyController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/partner-engagement-policy"
    tags = ["engagement"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_ENGAGEMENTS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A vendor's partner engagement rubric: points, decay window, threshold",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
    ) -> Response[PartnerEngagementPolicyOut]:
        view = await policy.get_policy(db, principal, vendor_id)
        return with_etag(request, _policy_out(view), view.tag)

    @put(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Set a vendor's partner engagement rubric",
        description=(
            "Engagement types left out of `points` keep their default points. Engagements keep "
            "the points they were recorded with; the window and the threshold apply to scores "
            "from now on. `share_score_with_partners` (default false) lets each partner read its "
            "own score (GET /v1/partnerships/{id}/engagement), never the threshold nor its call "
            "tasks."
        ),
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[Rubric],
        precondition: Precondition,
    ) -> Response[PartnerEngagementPolicyOut]:
        view = await policy.put_policy(db, principal, vendor_id, data, if_match=precondition)
        return tagged(_policy_out(view), view.tag)


class PartnerCoverageOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    # False: nothing is stored, these are the defaults.
    stored: bool
    version: int
    # A partner meeting either minimum of `strategic` is strategic; else either of `growth`,
    # growth; else (or with no size known) long tail. Each segment's coverage motion.
    strategic: SegmentThreshold
    growth: SegmentThreshold
    long_tail_motion: Motion


def _coverage_out(view: coverage.CoverageView) -> PartnerCoverageOut:
    return PartnerCoverageOut(
        vendor_id=view.vendor_id,
        stored=view.row is not None,
        version=view.tag,
        strategic=view.coverage.strategic,
        growth=view.coverage.growth,
        long_tail_motion=view.coverage.long_tail_motion,
    )


class PartnerCoverageController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/partner-coverage"
    tags = ["engagement"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_ENGAGEMENTS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A vendor's size segments of its partners and each one's coverage motion",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
    ) -> Response[PartnerCoverageOut]:
        view = await coverage.get_coverage(db, principal, vendor_id)
        return with_etag(request, _coverage_out(view), view.tag)

    @put(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Set a vendor's size segments and coverage motions",
        description=(
            "Call tasks made from now on follow them: a partner whose segment is covered by "
            "`named_owner` has its tasks routed to its partnership's owner (when it names an "
            "active approver or admin); every other task goes to the channel team's queue, "
            "`digital` partners' too (the inside team calls the long tail when it crosses the "
            "engagement threshold). Growth's minimums may not be above strategic's."
        ),
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[Coverage],
        precondition: Precondition,
    ) -> Response[PartnerCoverageOut]:
        view = await coverage.put_coverage(db, principal, vendor_id, data, if_match=precondition)
        return tagged(_coverage_out(view), view.tag)


class PartnerEngagements(msgspec.Struct, forbid_unknown_fields=True):
    engagements: Annotated[
        list[PartnerEngagementInput], msgspec.Meta(min_length=1, max_length=MAX_BATCH)
    ]


class PartnerEngagementResult(msgspec.Struct, kw_only=True):
    # Recorded now, and not recorded because their `source_id` was sent before.
    accepted: int
    duplicates: int
    # The partner's score after this post, and the vendor's threshold.
    score: int
    threshold: int
    above_threshold: bool
    # The call task this post's crossing of the threshold made; null when it crossed none.
    call_task_id: uuid.UUID | None


class PartnerEngagementController(Controller):
    path = "/v1/partners/{partner_id:uuid}"
    tags = ["engagement"]
    security = BEARER_SECURITY

    @post(
        "/engagements",
        status_code=200,
        guards=[requires(scopes.WRITE_ENGAGEMENTS)],
        responses=problems(404, 413),
        summary=f"Record up to {MAX_BATCH} engagements of a partner's people (the vendor)",
        description=(
            "Each engagement counts the points of the vendor's rubric for its type, for "
            "`decay_days` after it happened. One sent before with the same `source_id` is a "
            "duplicate: neither stored nor counted again. The batch is checked whole: one bad "
            "engagement refuses it, and nothing is written. A post that lifts the partner's "
            "score to the vendor's threshold from below makes a call task for the channel team "
            "(once per crossing), emits `partner.engagement_threshold_reached` and mails the "
            "team. The partner must be enrolled with the vendor (else 404). Send an "
            "Idempotency-Key so that a retried post answers as the first did."
        ),
    )
    async def add_engagements(
        self,
        db: Db,
        principal: Caller,
        partner_id: FromPath[uuid.UUID],
        data: JSONBody[PartnerEngagements],
    ) -> PartnerEngagementResult:
        recorded = await service.record(db, principal, partner_id, data.engagements)
        return PartnerEngagementResult(
            accepted=recorded.accepted,
            duplicates=recorded.duplicates,
            score=recorded.score,
            threshold=recorded.threshold,
            above_threshold=recorded.above_threshold,
            call_task_id=recorded.task.id if recorded.task is not None else None,
        )

    @get(
        "/engagement",
        guards=[requires(scopes.READ_ENGAGEMENTS)],
        responses=problems(404),
        summary="A partner's engagement score with the caller's vendor, as of now",
    )
    async def read_engagement(
        self, db: Db, principal: Caller, partner_id: FromPath[uuid.UUID]
    ) -> PartnerEngagementOut:
        return engagement_out(await service.engagement_of(db, principal, partner_id))


class SharedEngagementOut(msgspec.Struct, kw_only=True):
    """A partner's own engagement score with a vendor that shares it."""

    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    # The score is counted as of this instant.
    as_of: datetime
    # Points of the partner's engagements with the vendor's marketing in the last `decay_days`.
    score: int
    decay_days: int


class PartnershipEngagementController(Controller):
    path = "/v1/partnerships/{partnership_id:uuid}/engagement"
    tags = ["engagement"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PARTNERSHIPS)],
        responses=problems(404),
        summary="The partner's own engagement score with the partnership's vendor, if shared",
        description=(
            "For the partner's people, when the vendor shares scores "
            "(`share_score_with_partners` in its partner engagement policy): the points of the "
            "partner's engagements within the vendor's decay window. 404 when the vendor does not "
            "share them, and to anyone but the partner: a vendor reads its partners' scores at "
            "GET /v1/partners/{partner_id}/engagement."
        ),
    )
    async def read(
        self, db: Db, principal: Caller, partnership_id: FromPath[uuid.UUID]
    ) -> SharedEngagementOut:
        shared = await service.shared_engagement_of(db, principal, partnership_id)
        return SharedEngagementOut(
            vendor_id=shared.vendor_id,
            partner_id=shared.partner_id,
            as_of=shared.as_of,
            score=shared.score,
            decay_days=shared.decay_days,
        )
