"""Incentive plans (versioned, per program) and the earnings ledger as reps, partners and vendors
read it."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, PathParameter

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.csv_export import Format, JsonOrCsv, csv_response, json_or_csv, wants_csv
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.fields import NO_NUL
from dealreg.incentives import ledger, payouts, preview, service
from dealreg.incentives.ledger import DealEarnings, EarningStatus, EarningView, Total
from dealreg.incentives.models import IncentivePlan, Payout, PayoutStatus
from dealreg.incentives.payouts import CurrencyTotal
from dealreg.incentives.preview import Preview
from dealreg.incentives.service import PlanIn
from dealreg.incentives.terms import Pay
from dealreg.orgs.models import Tier
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.preconditions import etag_of
from dealreg.registrations.schemas import DealInput

Reference = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NO_NUL)]
# The column is a PostgreSQL integer: a version past its range would fail in the database (a 500)
# instead of being refused as the parameter it is.
PlanVersion = Annotated[int, PathParameter(ge=1, le=2**31 - 1, description="The plan version.")]


class PlanOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    program_id: uuid.UUID
    vendor_id: uuid.UUID
    version: int
    currency: str
    margin_rate_bp: int
    pays: list[Pay]
    per_deal_cap: int | None
    tier_multipliers_bp: dict[Tier, int]
    clawback_days: int
    clawback_on_closed_lost: bool
    note: str | None
    created_at: datetime

    @classmethod
    def of(cls, plan: IncentivePlan) -> "PlanOut":
        terms = service.terms_of(plan)
        return cls(
            id=plan.id,
            program_id=plan.program_id,
            vendor_id=plan.vendor_id,
            version=plan.version,
            currency=plan.currency,
            margin_rate_bp=terms.margin_rate_bp,
            pays=list(terms.pays),
            per_deal_cap=terms.per_deal_cap,
            tier_multipliers_bp=terms.tier_multipliers_bp,
            clawback_days=terms.clawback_days,
            clawback_on_closed_lost=terms.clawback_on_closed_lost,
            note=plan.note,
            created_at=plan.created_at,
        )


class PlanList(msgspec.Struct):
    items: list[PlanOut]


class PlanController(Controller):
    path = "/v1/programs/{program_id:uuid}/incentive-plans"
    tags = ["incentives"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=problems(404, 413),
        summary="Make the next version of the program's incentive plan",
        description=(
            "Registrations submitted from now on earn by this version; those submitted before "
            "keep theirs. Rates, shares and multipliers are basis points (2500 = 25 %, 12500 = "
            "1.25x); amounts are minor units of the program's currency. A milestone pays "
            "`fixed` or `margin_share_bp` of the deal margin (amount x `margin_rate_bp`), times "
            "the partner's tier multiplier, rounded half-even to the minor unit once, within "
            "`per_deal_cap` over the registration."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, program_id: FromPath[uuid.UUID], data: JSONBody[PlanIn]
    ) -> Response[PlanOut]:
        plan = await service.create_plan(db, principal, program_id, data)
        return Response(
            PlanOut.of(plan),
            status_code=201,
            headers={"Location": f"/v1/programs/{program_id}/incentive-plans/{plan.version}"},
        )

    @get(
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404),
        summary="Every version of the program's incentive plan, newest (in force) first",
    )
    async def list(self, db: Db, principal: Caller, program_id: FromPath[uuid.UUID]) -> PlanList:
        plans = await service.list_plans(db, principal, program_id)
        return PlanList(items=[PlanOut.of(plan) for plan in plans])

    @get(
        "/{version:int}",
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404),
        summary="One version of the program's incentive plan",
    )
    async def read(
        self,
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
        version: PlanVersion,
    ) -> PlanOut:
        return PlanOut.of(await service.get_plan(db, principal, program_id, version))


class EarningList(msgspec.Struct):
    items: list[EarningView]
    next_cursor: str | None


class MyEarnings(msgspec.Struct):
    totals: list[Total]
    deals: list[DealEarnings]
    next_cursor: str | None


@get(
    "/v1/registrations/{registration_id:uuid}/earnings",
    operation_id="registrationListEarnings",
    tags=["incentives"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(404),
    summary="The registration's earnings and reversals, oldest first",
)
async def registration_earnings(
    db: Db,
    principal: Caller,
    registration_id: FromPath[uuid.UUID],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> EarningList:
    page = await ledger.of_registration(
        db, principal, registration_id, page_request(limit, cursor, None)
    )
    return EarningList(items=page.items, next_cursor=encode_cursor(page.next_key))


@get(
    "/v1/me/earnings",
    operation_id="earningsListMine",
    tags=["incentives"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(),
    summary="The caller's own earnings: totals by status and currency, then per deal",
    description=(
        "Deals come most recently earning first, each with its net per currency and its "
        "entries newest first; pages are of deals. `GET /v1/earnings` lists entries by status."
    ),
)
async def my_earnings(
    db: Db, principal: Caller, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
) -> MyEarnings:
    page = await ledger.by_deal(
        db, principal, principal.subject_id, page_request(limit, cursor, None)
    )
    return MyEarnings(
        totals=await ledger.totals(db, principal, principal.subject_id),
        deals=page.items,
        next_cursor=encode_cursor(page.next_key),
    )


@get(
    "/v1/earnings",
    operation_id="earningsList",
    tags=["incentives"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(),
    summary="Ledger entries the caller may see, newest first",
    description=(
        "A rep's own; a partner admin's reps'; a vendor's staff, their vendor's; the platform, "
        "all. Narrow them by rep, vendor, partner or status."
    ),
)
async def list_earnings(
    db: Db,
    principal: Caller,
    rep_id: FromQuery[uuid.UUID | None] = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    partner_id: FromQuery[uuid.UUID | None] = None,
    status: FromQuery[EarningStatus | None] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> EarningList:
    page = await ledger.entries(
        db,
        principal,
        page_request(limit, cursor, None),
        rep_id=rep_id,
        vendor_id=vendor_id,
        partner_id=partner_id,
        status=status,
    )
    return EarningList(items=page.items, next_cursor=encode_cursor(page.next_key))


@post(
    "/v1/incentives/preview",
    operation_id="incentivesPreview",
    tags=["incentives"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.WRITE_REGISTRATIONS)],
    status_code=200,
    responses=problems(403, 413),
    summary="What a deal draft would earn its rep, per vendor and milestone; nothing is written",
    description=(
        "The body is a `POST /v1/deals` body, checked by the same rules (the same 422s). Each "
        "vendor's answer is computed from the plan version in force now and the partner's tier, "
        "as the earnings will be if the deal is registered now and reaches every milestone."
    ),
)
async def preview_incentives(db: Db, principal: Caller, data: JSONBody[DealInput]) -> Preview:
    return await preview.preview(db, principal, data)


class PayoutCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    period_start: date
    period_end: date
    # The platform's admin names the vendor; a vendor's own staff need not.
    vendor_id: uuid.UUID | None = None


class PaidBody(msgspec.Struct, forbid_unknown_fields=True):
    # The bank transfer or remittance it was paid by, for the books.
    reference: Reference | None = None


class PayoutOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    vendor_id: uuid.UUID
    period_start: date
    period_end: date
    status: PayoutStatus
    totals: list[CurrencyTotal]
    paid_at: datetime | None
    paid_reference: str | None
    created_at: datetime
    version: int

    @classmethod
    def of(cls, payout: Payout, totals: list[CurrencyTotal]) -> "PayoutOut":
        return cls(
            id=payout.id,
            vendor_id=payout.vendor_id,
            period_start=payout.period_start,
            period_end=payout.period_end,
            status=payout.status,
            totals=totals,
            paid_at=payout.paid_at,
            paid_reference=payout.paid_reference,
            created_at=payout.created_at,
            version=payout.version,
        )


class PayoutList(msgspec.Struct):
    items: list[PayoutOut]
    next_cursor: str | None


class PayoutController(Controller):
    path = "/v1/payouts"
    tags = ["payouts"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_PAYOUTS)],
        status_code=202,
        responses=problems(403, 413),
        response_headers=[ETAG_HEADER],
        summary="Batch the vendor's approved, unpaid earnings of a period into a payout",
        description=(
            "The payout is `building` at once and `ready` when a background job has taken every "
            "entry of the vendor earned in the period (UTC days, both ends included) that is "
            "`approved` then: earnings, and deductions for earnings clawed back after they were "
            "paid out. An entry is in one payout at most."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[PayoutCreate]
    ) -> Response[PayoutOut]:
        payout = await payouts.create(
            db,
            principal,
            vendor_id=data.vendor_id,
            start=data.period_start,
            end=data.period_end,
        )
        return Response(
            PayoutOut.of(payout, []),
            status_code=202,
            headers={"Location": f"/v1/payouts/{payout.id}", "ETag": etag_of(payout.version)},
        )

    @get(
        guards=[requires(scopes.READ_PAYOUTS)],
        responses=problems(),
        summary="The payouts the caller may see, newest first",
    )
    async def list(
        self, db: Db, principal: Caller, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None
    ) -> PayoutList:
        page = await payouts.list_payouts(db, principal, page_request(limit, cursor, None))
        return PayoutList(
            items=[PayoutOut.of(p, await payouts.totals(db, p.id)) for p in page.items],
            next_cursor=encode_cursor(page.next_key),
        )

    @get(
        "/{payout_id:uuid}",
        guards=[requires(scopes.READ_PAYOUTS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A payout, with its totals per currency",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        payout_id: FromPath[uuid.UUID],
    ) -> Response[PayoutOut]:
        payout = await payouts.get(db, principal, payout_id)
        body = PayoutOut.of(payout, await payouts.totals(db, payout.id))
        return with_etag(request, body, payout.version)

    @get(
        "/{payout_id:uuid}/items",
        guards=[requires(scopes.READ_PAYOUTS)],
        opt=ON_REPORTS_POOL,
        responses=problems(404)
        | json_or_csv(EarningList, "A page of the payout's entries; as CSV, all of them"),
        operation_class=JsonOrCsv,
        summary="The payout's entries in the order earned; as CSV, all of them",
    )
    async def list_items(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        payout_id: FromPath[uuid.UUID],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        format_: Format = None,
    ) -> Response[EarningList] | Response[bytes]:
        if wants_csv(request, format_):
            return await csv_response(
                EarningView.__struct_fields__,
                payouts.all_items(db, principal, payout_id),
                f"payout-{payout_id}",
            )
        page = await payouts.items(db, principal, payout_id, page_request(limit, cursor, None))
        return Response(EarningList(items=page.items, next_cursor=encode_cursor(page.next_key)))

    @post(
        "/{payout_id:uuid}/paid",
        guards=[requires(scopes.WRITE_PAYOUTS)],
        status_code=200,
        responses=problems(403, 404, 409, 412, 413, 428),
        response_headers=[ETAG_HEADER],
        summary="Mark a ready payout paid",
    )
    async def mark_paid(
        self,
        db: Db,
        principal: Caller,
        payout_id: FromPath[uuid.UUID],
        data: JSONBody[PaidBody],
        precondition: Precondition,
    ) -> Response[PayoutOut]:
        payout = await payouts.mark_paid(
            db,
            principal,
            payout_id,
            if_match=precondition,
            reference=data.reference,
        )
        return tagged(PayoutOut.of(payout, await payouts.totals(db, payout.id)), payout.version)
