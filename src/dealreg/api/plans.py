"""Partner plans: a vendor's planning settings (`/v1/vendors/{id}/plan-settings`) and a
partnership's plans per fiscal quarter (`/v1/partnerships/{id}/plans/{quarter}`)."""

import uuid
from datetime import date, datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, JSONBody

from dealreg.api.conditional import ETAG_HEADER, NOT_MODIFIED, Precondition, tagged, with_etag
from dealreg.api.deps import Caller, Db
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.fields import Currency, MinorUnits, Resource
from dealreg.planning import service
from dealreg.planning.models import PartnerPlan, PlanStatus

Percent = Annotated[int, msgspec.Meta(ge=0, le=100, description="Percent, 0 to 100.")]
IndexPercent = Annotated[
    int, msgspec.Meta(ge=1, le=10_000, description="Percent of the plan: 200 is 2x plan.")
]
QuarterLabel = Annotated[
    str,
    msgspec.Meta(
        description=(
            "`YYYY-Qn` in the vendor's fiscal calendar; a fiscal year is named by the calendar "
            "year it ends in."
        ),
        examples=["2027-Q1"],
    ),
]


class StageProbabilities(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The chance, in percent, that an approved registration at each sales stage is won; one
    with no stage reported yet counts as `qualified`."""

    qualified: Percent = service.DEFAULTS.qualified_percent
    proposal: Percent = service.DEFAULTS.proposal_percent
    negotiation: Percent = service.DEFAULTS.negotiation_percent


class PlanSettingsBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    fiscal_year_start_month: Annotated[
        int,
        msgspec.Meta(
            ge=1,
            le=12,
            description=(
                "The month (1 to 12) the fiscal year starts in. Fixed once the vendor has "
                "plans (409 `fiscal-year-start-locked`)."
            ),
        ),
    ] = service.DEFAULTS.fiscal_year_start_month
    total_pipeline_percent: IndexPercent = service.DEFAULTS.total_pipeline_percent
    risk_adjusted_pipeline_percent: IndexPercent = service.DEFAULTS.risk_adjusted_pipeline_percent
    stage_probabilities: StageProbabilities = msgspec.field(default_factory=StageProbabilities)


class PlanSettingsOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    # False: nothing is stored, these are the defaults.
    stored: bool
    version: int
    fiscal_year_start_month: int
    total_pipeline_percent: int
    risk_adjusted_pipeline_percent: int
    stage_probabilities: StageProbabilities


def _settings_out(view: service.SettingsView) -> PlanSettingsOut:
    terms = view.terms
    return PlanSettingsOut(
        vendor_id=view.vendor_id,
        stored=view.row is not None,
        version=view.tag,
        fiscal_year_start_month=terms.fiscal_year_start_month,
        total_pipeline_percent=terms.total_pipeline_percent,
        risk_adjusted_pipeline_percent=terms.risk_adjusted_pipeline_percent,
        stage_probabilities=StageProbabilities(
            qualified=terms.qualified_percent,
            proposal=terms.proposal_percent,
            negotiation=terms.negotiation_percent,
        ),
    )


class PlanSettingsController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/plan-settings"
    tags = ["plans"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PLANS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A vendor's fiscal year start, pipeline indexes and stage probabilities",
        description=(
            "The defaults until the vendor sets its own: a fiscal year starting in January, "
            "total pipeline 200% of plan, risk-adjusted pipeline 100% of plan, and stage "
            "probabilities qualified 25%, proposal 50%, negotiation 75%."
        ),
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
    ) -> Response[PlanSettingsOut]:
        view = await service.get_settings(db, principal, vendor_id)
        return with_etag(request, _settings_out(view), view.tag)

    @put(
        guards=[requires(scopes.WRITE_PLANS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Set a vendor's fiscal year start, pipeline indexes and stage probabilities",
        description="Fields left out take their defaults. If-Match may be left out only by the "
        "PUT that first stores them.",
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[PlanSettingsBody],
        precondition: Precondition,
    ) -> Response[PlanSettingsOut]:
        stages = data.stage_probabilities
        terms = service.Terms(
            fiscal_year_start_month=data.fiscal_year_start_month,
            total_pipeline_percent=data.total_pipeline_percent,
            risk_adjusted_pipeline_percent=data.risk_adjusted_pipeline_percent,
            qualified_percent=stages.qualified,
            proposal_percent=stages.proposal,
            negotiation_percent=stages.negotiation,
        )
        view = await service.put_settings(db, principal, vendor_id, terms, if_match=precondition)
        return tagged(_settings_out(view), view.tag)


class PartnerPlanBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    amount: MinorUnits
    currency: Currency


class PartnerPlanOut(Resource, kw_only=True):
    partnership_id: uuid.UUID
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    quarter: QuarterLabel
    first_day: date
    last_day: date
    amount: int
    currency: str
    status: PlanStatus
    proposed_by: uuid.UUID
    proposed_at: datetime
    accepted_by: uuid.UUID | None
    accepted_at: datetime | None


def partner_plan_out(plan: PartnerPlan) -> PartnerPlanOut:
    return PartnerPlanOut(
        id=plan.id,
        created_at=plan.created_at,
        updated_at=plan.updated_at,
        version=plan.version,
        partnership_id=plan.partnership_id,
        vendor_id=plan.vendor_id,
        partner_id=plan.partner_id,
        quarter=plan.quarter,
        first_day=plan.starts_on,
        last_day=plan.ends_before - timedelta(days=1),
        amount=plan.amount,
        currency=plan.currency,
        status=plan.status,
        proposed_by=plan.proposed_by,
        proposed_at=plan.proposed_at,
        accepted_by=plan.accepted_by,
        accepted_at=plan.accepted_at,
    )


class PartnerPlanList(msgspec.Struct):
    items: list[PartnerPlanOut]


class PartnerPlanController(Controller):
    path = "/v1/partnerships/{partnership_id:uuid}/plans"
    tags = ["plans"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PLANS)],
        responses=problems(404),
        summary="A partnership's plans, by quarter",
    )
    async def list(
        self, db: Db, principal: Caller, partnership_id: FromPath[uuid.UUID]
    ) -> PartnerPlanList:
        plans = await service.list_plans(db, principal, partnership_id)
        return PartnerPlanList(items=[partner_plan_out(plan) for plan in plans])

    @get(
        "/{quarter:str}",
        guards=[requires(scopes.READ_PLANS)],
        responses=problems(404, 422) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A partnership's plan for one fiscal quarter",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        quarter: FromPath[QuarterLabel],
    ) -> Response[PartnerPlanOut]:
        plan = await service.get_plan(db, principal, partnership_id, quarter)
        return with_etag(request, partner_plan_out(plan), plan.version)

    @put(
        "/{quarter:str}",
        guards=[requires(scopes.WRITE_PLANS)],
        responses=CHANGE_PROBLEMS | problems(422),
        response_headers=[ETAG_HEADER],
        summary="The partner proposes its plan for a quarter (or changes it)",
        description=(
            "The partner's admin only. A changed amount or currency puts an accepted plan back "
            "to `proposed`, for the vendor to accept again; the same amount and currency change "
            "nothing. If-Match may be left out only by the PUT that creates the plan."
        ),
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        quarter: FromPath[QuarterLabel],
        data: JSONBody[PartnerPlanBody],
        precondition: Precondition,
    ) -> Response[PartnerPlanOut]:
        plan = await service.put_plan(
            db,
            principal,
            partnership_id,
            quarter,
            amount=data.amount,
            currency=data.currency,
            if_match=precondition,
        )
        return tagged(partner_plan_out(plan), plan.version)

    @post(
        "/{quarter:str}/accept",
        status_code=200,
        guards=[requires(scopes.WRITE_PLANS)],
        responses=CHANGE_PROBLEMS | problems(422),
        response_headers=[ETAG_HEADER],
        summary="The vendor accepts the partner's plan for a quarter, as proposed",
        description="The vendor's approvers (channel account managers) and admins.",
    )
    async def accept(
        self,
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        quarter: FromPath[QuarterLabel],
        precondition: Precondition,
    ) -> Response[PartnerPlanOut]:
        plan = await service.accept_plan(
            db, principal, partnership_id, quarter, if_match=precondition
        )
        return tagged(partner_plan_out(plan), plan.version)
