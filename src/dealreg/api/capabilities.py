"""Capability scorecards: a vendor's template (`/v1/vendors/{id}/capability-template`) and its
channel team's assessment of a partner per fiscal quarter
(`/v1/partnerships/{id}/assessments/{quarter}`), read beside the averages of the vendor's
partners and of the partner's tier."""

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.params import FromPath, JSONBody

from dealreg.api.conditional import ETAG_HEADER, NOT_MODIFIED, Precondition, tagged, with_etag
from dealreg.api.deps import Caller, Db
from dealreg.api.plans import QuarterLabel
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.disclosure import vendor_staff
from dealreg.fields import Resource
from dealreg.orgs.models import OrgKind, Tier
from dealreg.planning import capabilities, capability_figures
from dealreg.planning.capabilities import Attribute, ScoreIn
from dealreg.planning.capability_figures import AttributeFigure, Figure, GroupFigure

Text = Annotated[str, msgspec.Meta(max_length=4000)]


class TemplateBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    attributes: Annotated[list[Attribute], msgspec.Meta(min_length=1, max_length=50)]


class TemplateOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    version: int
    attributes: list[Attribute]


class CapabilityTemplateController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/capability-template"
    tags = ["plans"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PLANS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="The attributes a vendor assesses its partners on",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
    ) -> Response[TemplateOut]:
        view = await capabilities.get_template(db, principal, vendor_id)
        return with_etag(request, TemplateOut(**msgspec.structs.asdict(view)), view.version)

    @put(
        guards=[requires(scopes.WRITE_PLANS)],
        responses=CHANGE_PROBLEMS | problems(422),
        response_headers=[ETAG_HEADER],
        summary="Define a vendor's capability template (replaces its attributes)",
        description=(
            "The vendor's admin. Each attribute has a stable key, a name, a group (sales, "
            "technical, marketing, support) and a weight. Assessments made before keep the "
            "names and weights they were scored with. If-Match may be left out only by the PUT "
            "that creates the template."
        ),
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[TemplateBody],
        precondition: Precondition,
    ) -> Response[TemplateOut]:
        view = await capabilities.put_template(
            db, principal, vendor_id, data.attributes, if_match=precondition
        )
        return tagged(TemplateOut(**msgspec.structs.asdict(view)), view.version)


class AssessmentBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    scores: Annotated[
        list[ScoreIn],
        msgspec.Meta(
            max_length=50,
            description="One per attribute of the vendor's template, each 1 to 100.",
        ),
    ]
    note: Text = ""
    goal: Annotated[Text, msgspec.Meta(description="What the partner aims at next quarter.")] = ""


class AssessmentOut(Resource, kw_only=True):
    partnership_id: uuid.UUID
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    quarter: QuarterLabel
    tier: Annotated[Tier, msgspec.Meta(description="The partner's tier when assessed.")]
    template_version: int
    note: str
    goal: str
    assessed_by: Annotated[
        uuid.UUID | None,
        msgspec.Meta(description="Who of the vendor's channel team assessed; null to a partner."),
    ]
    assessed_at: datetime
    overall: Figure
    partners_assessed: Annotated[
        int, msgspec.Meta(description="The vendor's partners assessed in the quarter.")
    ]
    partners_in_tier_assessed: int
    groups: list[GroupFigure]
    attributes: list[AttributeFigure]


def assessment_out(reader: OrgKind, comparison: capability_figures.Comparison) -> AssessmentOut:
    row = comparison.assessment
    return AssessmentOut(
        id=row.id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        partnership_id=row.partnership_id,
        vendor_id=row.vendor_id,
        partner_id=row.partner_id,
        quarter=row.quarter,
        tier=comparison.tier,
        template_version=row.template_version,
        note=row.note,
        goal=row.goal,
        assessed_by=vendor_staff(reader, row.assessed_by),
        assessed_at=row.assessed_at,
        overall=comparison.overall,
        partners_assessed=comparison.partners_assessed,
        partners_in_tier_assessed=comparison.partners_in_tier_assessed,
        groups=comparison.groups,
        attributes=comparison.attributes,
    )


_FIGURES = (
    "Scores are weighted means (the weights the assessment was made with), beside the mean of "
    "the vendor's partners assessed in the quarter and of those in the same tier, and the "
    "change since the fiscal quarter before; all rounded half up to one decimal. A partner "
    f"sees an average only when at least {capability_figures.MIN_PEERS} partners are in it."
)


class AssessmentController(Controller):
    path = "/v1/partnerships/{partnership_id:uuid}/assessments/{quarter:str}"
    tags = ["plans"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PLANS)],
        responses=problems(404, 422),
        response_headers=[ETAG_HEADER],
        summary="A partner's capability assessment for a fiscal quarter, against the averages",
        description=_FIGURES,
    )
    async def read(
        self,
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        quarter: FromPath[QuarterLabel],
    ) -> Response[AssessmentOut]:
        comparison = await capability_figures.get_assessment(db, principal, partnership_id, quarter)
        # The ETag is the assessment's version, for If-Match; no 304 on it, since the averages
        # move as other partners are assessed while this version stays.
        return tagged(assessment_out(principal.org_kind, comparison), comparison.assessment.version)

    @put(
        guards=[requires(scopes.WRITE_PLANS)],
        responses=CHANGE_PROBLEMS | problems(422),
        response_headers=[ETAG_HEADER],
        summary="The vendor's channel team assesses a partner for a fiscal quarter",
        description=(
            "The vendor's channel account managers (approvers) and admins: a score of 1 to 100 "
            "for each attribute of the template (and, optionally, the score aimed at next "
            "quarter), a note and a goal. If-Match may be left out only by the PUT that creates "
            "the assessment. " + _FIGURES
        ),
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        quarter: FromPath[QuarterLabel],
        data: JSONBody[AssessmentBody],
        precondition: Precondition,
    ) -> Response[AssessmentOut]:
        row = await capabilities.put_assessment(
            db,
            principal,
            partnership_id,
            quarter,
            scores=data.scores,
            note=data.note,
            goal=data.goal,
            if_match=precondition,
        )
        comparison = await capability_figures.get_assessment(db, principal, partnership_id, quarter)
        return tagged(assessment_out(principal.org_kind, comparison), row.version)


class AssessmentList(msgspec.Struct):
    items: Annotated[
        list[capability_figures.AssessedQuarter],
        msgspec.Meta(description="Each quarter assessed, oldest first, with its weighted score."),
    ]


@get(
    "/v1/partnerships/{partnership_id:uuid}/assessments",
    operation_id="assessmentList",
    tags=["plans"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_PLANS)],
    responses=problems(404),
    summary="A partner's capability scores, quarter by quarter",
)
async def list_assessments(
    db: Db, principal: Caller, partnership_id: FromPath[uuid.UUID]
) -> AssessmentList:
    return AssessmentList(items=await capability_figures.history(db, principal, partnership_id))
