"""`GET /v1/reports/partners`: the vendor's partners by engagement and RFM, and those of them
worth graduating to a higher tier, as JSON or CSV."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Request, Response, get
from litestar.params import FromQuery, QueryParameter

from dealreg.api.csv_export import Format, JsonOrCsv, csv_response, json_or_csv, rows_of, wants_csv
from dealreg.api.deps import Caller, Db
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.engagement import graduation, partner_report
from dealreg.engagement.coverage import SizeSegment
from dealreg.engagement.graduation import GraduationCandidate
from dealreg.engagement.partner_report import Filters, PartnerRow
from dealreg.engagement.rfm import Segment
from dealreg.fields import Currency
from dealreg.orgs.models import Tier

Sort = Literal[
    "partner_name",
    "-partner_name",
    "segment",
    "-segment",
    "rfm",
    "-rfm",
    "days_since_registration",
    "-days_since_registration",
    "registrations_12m",
    "-registrations_12m",
    "won_amount_12m",
    "-won_amount_12m",
    "engagement_score",
    "-engagement_score",
]

RFM_RULE = (
    "RFM, per partner of the vendor: recency, whole days since its last registration (and since "
    "its last win); frequency, registrations submitted in the last 365 days; monetary, the "
    "amount of registrations won in the last 365 days, in `currency`. Each scores 1-5 against "
    "the vendor's partners: 1 + floor(5 x w / n), n the partners scored, w those strictly worse "
    "(a partner that never registered is worst, recency 1); ties share the lower score, but "
    "recency ties the higher (w counts the others not better); the recency score "
    "is by the days since the last registration. Segments by R and F + M, first match: "
    "champions R>=4 and F+M>=8; loyal R>=3 and F+M>=6; promising R>=4; needs_attention R=3; "
    "at_risk F+M>=6; hibernating R=2; lost R=1."
)


class PartnerReport(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    as_of: datetime
    # The currency of `won_amount_12m`: wins in other currencies are not counted in it.
    currency: str | None
    rows: list[PartnerRow]


@get(
    "/v1/reports/partners",
    operation_id="partnerReportRead",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_ENGAGEMENTS)],
    responses=problems(404) | json_or_csv(PartnerReport, "The report, as JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="The vendor's partners by engagement score, RFM scores and segment",
    description=(
        RFM_RULE + " Every partner of the vendor is scored; `segment`, `tier` and `size` (each "
        "may be repeated) and `owner_id` choose the rows shown. `sort`: a column, `-` first for descending; rows "
        "without the figure last, ties by name. A vendor's staff see its partners; the "
        "platform names the vendor (`vendor_id`); a partner has none."
    ),
)
async def partner_report_read(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    segment: Annotated[
        list[Segment] | None, QueryParameter(max_items=len(Segment), description="Any of these.")
    ] = None,
    tier: Annotated[
        list[Tier] | None, QueryParameter(max_items=len(Tier), description="Any of these.")
    ] = None,
    size: Annotated[
        list[SizeSegment] | None,
        QueryParameter(max_items=len(SizeSegment), description="Any of these size segments."),
    ] = None,
    owner_id: Annotated[
        uuid.UUID | None, QueryParameter(description="The partnerships this person owns.")
    ] = None,
    currency: Annotated[
        Currency | None,
        QueryParameter(description="Of the monetary figures; the vendor's first program's."),
    ] = None,
    sort: FromQuery[Sort] = "segment",
    format_: Format = None,
) -> Response[PartnerReport] | Response[bytes]:
    vendor = await partner_report.vendor_of(db, principal, vendor_id)
    now = datetime.now(UTC)
    scored = await partner_report.partner_rows(db, vendor, currency=currency, now=now)
    filters = Filters(segment or (), tier or (), size or (), owner_id)
    rows = partner_report.chosen(scored.rows, filters, sort)
    if wants_csv(request, format_):
        return await csv_response(PartnerRow.__struct_fields__, rows_of(rows), "partners")
    return Response(PartnerReport(vendor_id=vendor, as_of=now, currency=scored.currency, rows=rows))


class GraduationCandidates(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    as_of: datetime
    rows: list[GraduationCandidate]


@get(
    "/v1/reports/partners/graduation-candidates",
    operation_id="graduationCandidateList",
    tags=["reports"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_ENGAGEMENTS)],
    responses=problems(404) | json_or_csv(GraduationCandidates, "The candidates, JSON or CSV"),
    operation_class=JsonOrCsv,
    summary="Partners in the lower tiers whose engagement and RFM rise together",
    description=(
        "A candidate's partnership is active and `community` or `registered`; its engagement "
        "score now is above its score one decay window earlier; and its R + F + M now is above "
        "its R + F + M 91 days earlier, each scored against the vendor's partners as of then. "
        "By R + F + M, then engagement score, highest first. Promote one with one call: PATCH "
        '/v1/partnerships/{partnership_id} with the tier, `If-Match: "<partnership_version>"`. '
        + RFM_RULE
    ),
)
async def graduation_candidate_list(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    format_: Format = None,
) -> Response[GraduationCandidates] | Response[bytes]:
    vendor = await partner_report.vendor_of(db, principal, vendor_id)
    now = datetime.now(UTC)
    rows = await graduation.candidates(db, vendor, now=now)
    if wants_csv(request, format_):
        return await csv_response(
            GraduationCandidate.__struct_fields__, rows_of(rows), "graduation-candidates"
        )
    return Response(GraduationCandidates(vendor_id=vendor, as_of=now, rows=rows))
