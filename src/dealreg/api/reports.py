"""SLA breach reports for channel ops: JSON, or CSV (`format=csv` or `Accept: text/csv`)."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get
from litestar.params import FromQuery, QueryParameter

from dealreg import scorecards
from dealreg.api.csv_export import Format, JsonOrCsv, csv_response, json_or_csv, rows_of, wants_csv
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.leads import reports as lead_reports
from dealreg.orgs.principals import Principal
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.planning import reports as plan_reports
from dealreg.rollups import PercentileError
from dealreg.sla import reports, watchlists
from dealreg.sla.reports import SlaGroupBy, SlaRow, WeekShare
from dealreg.sla.watchlists import AtRisk, Breach

Rate = Annotated[float, QueryParameter(ge=0, le=1, description="A share, 0 to 1.")]

From = Annotated[
    date | None,
    QueryParameter(name="from", description="First day of submission (UTC); 90 days back."),
]
To = Annotated[
    date | None, QueryParameter(name="to", description="Last day of submission (UTC); today.")
]


class Report(msgspec.Struct, kw_only=True, omit_defaults=True):
    start: Annotated[date, msgspec.Meta(description="First day of submission covered (UTC).")]
    end: Annotated[date, msgspec.Meta(description="Last day of submission covered (UTC).")]
    group_by: Annotated[SlaGroupBy, msgspec.Meta(description="What each row is a group of.")]
    rows: Annotated[list[SlaRow], msgspec.Meta(description="The figures of each group.")]
    within_target_by_week: Annotated[
        list[WeekShare],
        msgspec.Meta(
            description=(
                "The within-target trend: each ISO week of the range (by submission), its "
                "decisions and the share of them made within target; whatever `group_by` is."
            )
        ),
    ]
    percentile_error: Annotated[
        PercentileError | None,
        msgspec.Meta(
            description=(
                "Present when the rows' percentiles are approximate: a range of more than 92 "
                "days (by partner: across every vendor) reads rollups, and each percentile is "
                "then within `max_relative_error` of the exact one or `max_error_minutes`, "
                "whichever is larger. Absent: every figure is exact."
            )
        ),
    ] = None


class BreachList(msgspec.Struct):
    items: Annotated[list[Breach], msgspec.Meta(description="The breaches, in breach order.")]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Pass as `cursor` for the next page; null: the last.")
    ]


def report_scope(
    principal: Principal,
    start: date | None,
    end: date | None,
    vendor_id: uuid.UUID | None,
    program_id: uuid.UUID | None,
    approver_id: uuid.UUID | None,
) -> reports.Scope:
    return reports.scope_of(
        principal,
        start=start,
        end=end,
        vendor_id=vendor_id,
        program_id=program_id,
        approver_id=approver_id,
        today=datetime.now(UTC).date(),
    )


@get(
    "/v1/reports/sla",
    operation_id="slaReportRead",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REPORTS)],
    responses=problems(404) | json_or_csv(Report, "The report, as JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="Time to decision and breaches, by vendor, program, approver or week",
    description=(
        "Over the registrations submitted from `from` to `to`: submitted, decided, median and "
        "90th percentile hours to decision in business time and in wall-clock time, share "
        "decided within target, breaches, and those open now past their target; and the "
        "within-target trend by week. A vendor's staff see their own vendor only. As CSV, the "
        "rows alone."
    ),
)
async def sla_report(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    program_id: FromQuery[uuid.UUID | None] = None,
    approver_id: FromQuery[uuid.UUID | None] = None,
    group_by: FromQuery[SlaGroupBy] = SlaGroupBy.vendor,
    format_: Format = None,
) -> Response[Report] | Response[bytes]:
    scope = report_scope(principal, start, end, vendor_id, program_id, approver_id)
    rows = await reports.summary(db, scope, group_by)
    if wants_csv(request, format_):
        return await csv_response(SlaRow.__struct_fields__, rows_of(rows), f"sla-{group_by.value}")
    return Response(
        Report(
            start=scope.first_day,
            end=scope.last_day,
            group_by=group_by,
            rows=rows,
            within_target_by_week=await reports.within_target_by_week(db, scope),
            percentile_error=reports.percentile_error(scope, group_by),
        )
    )


@get(
    "/v1/reports/sla/breaches",
    operation_id="slaBreachList",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REPORTS)],
    responses=problems(404) | json_or_csv(BreachList, "A page of breaches; as CSV, all of them"),
    operation_class=JsonOrCsv,
    summary="The breached registrations, in the order they breached",
)
async def sla_breaches(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    program_id: FromQuery[uuid.UUID | None] = None,
    approver_id: FromQuery[uuid.UUID | None] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    format_: Format = None,
) -> Response[BreachList] | Response[bytes]:
    scope = report_scope(principal, start, end, vendor_id, program_id, approver_id)
    if wants_csv(request, format_):
        # The whole list, read from the database as a stream: no paging in a file.
        return await csv_response(
            Breach.__struct_fields__, watchlists.all_breaches(db, scope), "sla-breaches"
        )
    page = await watchlists.breaches(db, scope, page_request(limit, cursor, None))
    return Response(BreachList(items=page.items, next_cursor=encode_cursor(page.next_key)))


class AtRiskList(msgspec.Struct):
    items: Annotated[
        list[AtRisk],
        msgspec.Meta(description="Breached first, then at risk; the longest overdue first."),
    ]
    next_cursor: Annotated[
        str | None, msgspec.Meta(description="Pass as `cursor` for the next page; null: the last.")
    ]


@get(
    "/v1/reports/sla/at-risk",
    operation_id="slaAtRiskList",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REPORTS)],
    responses=problems(404) | json_or_csv(AtRiskList, "A page of them; as CSV, all of them"),
    operation_class=JsonOrCsv,
    summary="Open registrations past their approval target or hard limit, breached first",
)
async def sla_at_risk(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    format_: Format = None,
) -> Response[AtRiskList] | Response[bytes]:
    """Channel ops see every vendor's (or one's); a vendor's admins and channel ops their own.
    Each names its owner (the assigned approver), how long it is overdue, and its link."""
    vendor = reports.vendor_of(principal, vendor_id)
    if wants_csv(request, format_):
        return await csv_response(
            AtRisk.__struct_fields__, watchlists.all_at_risk(db, vendor), "sla-at-risk"
        )
    page = await watchlists.at_risk(db, vendor, page_request(limit, cursor, None))
    return Response(AtRiskList(items=page.items, next_cursor=encode_cursor(page.next_key)))


class LeadReport(msgspec.Struct, kw_only=True, omit_defaults=True):
    start: date
    end: date
    group_by: lead_reports.LeadGroupBy
    bounds: lead_reports.Bounds
    rows: list[lead_reports.LeadRow]
    percentile_error: Annotated[
        PercentileError | None,
        msgspec.Meta(
            description=(
                "Present when the rows' medians are approximate: a range of more than 92 days "
                "across every vendor, partner and campaign reads rollups, and each median is "
                "then within `max_relative_error` of the exact one or `max_error_minutes` "
                "(business minutes), whichever is larger. Absent: every figure is exact."
            )
        ),
    ] = None


@get(
    "/v1/reports/leads",
    operation_id="leadReportRead",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_LEADS)],
    responses=problems(404) | json_or_csv(LeadReport, "The report, as JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="What partners did with forwarded leads, by partner, campaign or rep",
    description=(
        "Over the leads forwarded from `from` to `to`: forwarded, accepted, rejected (by reason), "
        "recalled; acceptance and rejection rates over the answered leads; median business "
        "hours to accept and to first touch; conversion over the accepted leads; win and "
        "no-decision rates over the closed ones. Partners and reps beyond the bounds are "
        "flagged `high_reject_rate` or `low_win_rate`, campaigns `high_rejection`, once they "
        "have `min_sample` answered (or closed) leads. A vendor sees its own leads, a partner "
        "its own, a rep theirs. Over more than 92 days across every vendor (no vendor, partner "
        "or campaign named) the report reads monthly rollups: counts and rates are exact, the "
        "medians within the stated `percentile_error`."
    ),
)
async def lead_report(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    partner_id: FromQuery[uuid.UUID | None] = None,
    campaign: Annotated[str | None, QueryParameter(min_length=1, max_length=100)] = None,
    group_by: FromQuery[lead_reports.LeadGroupBy] = lead_reports.LeadGroupBy.partner,
    max_reject_rate: Rate = 0.5,
    min_win_rate: Rate = 0.2,
    min_sample: Annotated[
        int,
        QueryParameter(ge=1, le=100_000, description="Answered (or closed) leads before a flag."),
    ] = 5,
    format_: Format = None,
) -> Response[LeadReport] | Response[bytes]:
    scope = lead_reports.scope_of(
        principal,
        start=start,
        end=end,
        vendor_id=vendor_id,
        partner_id=partner_id,
        campaign=campaign,
        today=datetime.now(UTC).date(),
    )
    bounds = lead_reports.Bounds(
        max_reject_rate=max_reject_rate, min_win_rate=min_win_rate, min_sample=min_sample
    )
    rows = await lead_reports.summary(db, scope, group_by, bounds)
    if wants_csv(request, format_):
        return await csv_response(
            lead_reports.LeadRow.__struct_fields__, rows_of(rows), f"leads-{group_by.value}"
        )
    return Response(
        LeadReport(
            start=scope.first_day,
            end=scope.last_day,
            group_by=group_by,
            bounds=bounds,
            rows=rows,
            percentile_error=lead_reports.percentile_error(scope),
        )
    )


class PipelineReport(msgspec.Struct, kw_only=True):
    quarter: str
    rows: list[plan_reports.PipelineRow]


@get(
    "/v1/reports/pipeline",
    operation_id="pipelineReportRead",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_PLANS)],
    responses=problems(404) | json_or_csv(PipelineReport, "The report, as JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="Pipeline to plan for a fiscal quarter, per partner and vendor",
    description=(
        "Per partnership: the plan for the quarter (in the vendor's fiscal calendar), the total "
        "and risk-adjusted pipeline targets (plan times the vendor's indexes), the registered "
        "pipeline (approved registrations expected to close in the quarter), the risk-adjusted "
        "pipeline (each times its stage's probability), what was won so far in the quarter, "
        "performance to plan, and flags where the pipeline falls short of a target. Amounts are "
        "in minor units of the plan's currency; registrations in another currency are not "
        "counted, only numbered (`other_currency_registrations`). A vendor sees all its "
        "partners; a partner its own line with each of its vendors; the platform one vendor's "
        "partners (`vendor_id`)."
    ),
)
async def pipeline_report(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    quarter: Annotated[
        str, QueryParameter(description="`YYYY-Qn` in each vendor's fiscal calendar.")
    ],
    vendor_id: FromQuery[uuid.UUID | None] = None,
    partner_id: FromQuery[uuid.UUID | None] = None,
    format_: Format = None,
) -> Response[PipelineReport] | Response[bytes]:
    scope = await plan_reports.scope_of(
        db, principal, quarter=quarter, vendor_id=vendor_id, partner_id=partner_id
    )
    rows = await plan_reports.pipeline(db, scope)
    if wants_csv(request, format_):
        return await csv_response(
            plan_reports.PipelineRow.__struct_fields__,
            rows_of(rows),
            f"pipeline-{scope.quarter.label}",
        )
    return Response(PipelineReport(quarter=scope.quarter.label, rows=rows))


class RegistrationScorecard(msgspec.Struct, kw_only=True):
    start: date
    end: date
    quarter: Annotated[str | None, msgspec.Meta(description="The fiscal quarter asked for.")]
    group_by: scorecards.ScorecardGroupBy
    rows: list[scorecards.ScorecardRow]


@get(
    "/v1/reports/registrations",
    operation_id="registrationScorecardRead",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(404, 422)
    | json_or_csv(RegistrationScorecard, "The scorecard, as JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="The deal registration scorecard, by partner, rep or program",
    description=(
        "Over the registrations submitted from `from` to `to` (UTC days), or in a fiscal "
        "`quarter` of a vendor's calendar (the vendor's own; a partner or channel ops name it "
        "with `vendor_id`), one line per group and currency: submitted, approved, rejected "
        "(by reason), approval rate, median business hours to decision, registered pipeline (approved, open), won, lost, win rate, won "
        "amount, average deal size (won), incentives earned and paid. A vendor sees its own "
        "registrations, a partner admin its reps', a rep their own."
    ),
)
async def registration_scorecard(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    start: From = None,
    end: To = None,
    quarter: Annotated[
        str | None,
        QueryParameter(
            description="`YYYY-Qn` in the vendor's fiscal calendar, instead of `from` and `to`."
        ),
    ] = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    partner_id: FromQuery[uuid.UUID | None] = None,
    group_by: FromQuery[scorecards.ScorecardGroupBy] = scorecards.ScorecardGroupBy.partner,
    format_: Format = None,
) -> Response[RegistrationScorecard] | Response[bytes]:
    scope = await scorecards.scope_of(
        db,
        principal,
        start=start,
        end=end,
        quarter=quarter,
        vendor_id=vendor_id,
        partner_id=partner_id,
        today=datetime.now(UTC).date(),
    )
    rows = await scorecards.summary(db, scope, group_by)
    if wants_csv(request, format_):
        return await csv_response(
            scorecards.ScorecardRow.__struct_fields__,
            rows_of(rows),
            f"registrations-{group_by.value}",
        )
    return Response(
        RegistrationScorecard(
            start=scope.first_day,
            end=scope.last_day,
            quarter=quarter,
            group_by=group_by,
            rows=rows,
        )
    )
