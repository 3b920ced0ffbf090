"""A partnership's quarterly business review: as JSON (`/v1/partnerships/{id}/qbr`) and as a
page to read on a phone or print on A4 (`/reports/partnerships/{id}/qbr`), signed in as the
report pages are (api/pages.py)."""

import uuid
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get
from litestar.params import FromPath, QueryParameter

from dealreg import qbr
from dealreg.api.capabilities import AssessmentOut, assessment_out
from dealreg.api.deps import Caller, Db
from dealreg.api.html import render_page
from dealreg.api.pages import PAGE_OPTIONS, page_principal
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.orgs.models import OrgKind
from dealreg.planning import fiscal

QBR_PAGE = "/reports/partnerships/{partnership_id:uuid}/qbr"

Quarter = Annotated[
    str | None,
    QueryParameter(
        description="`YYYY-Qn` in the vendor's fiscal calendar; the vendor's current quarter "
        "when left out."
    ),
]


def qbr_page_path(partnership_id: uuid.UUID | str, quarter: str | None = None) -> str:
    path = f"/reports/partnerships/{partnership_id}/qbr"
    return f"{path}?quarter={quarter}" if quarter else path


class QbrOut(qbr.Figures, frozen=True, kw_only=True):
    capabilities: Annotated[
        AssessmentOut | None,
        msgspec.Meta(description="The quarter's capability assessment; null when none."),
    ]


def qbr_out(reader: OrgKind, review: qbr.Review) -> QbrOut:
    figures = {name: getattr(review, name) for name in qbr.Figures.__struct_fields__}
    comparison = review.capabilities
    return QbrOut(
        **figures,
        capabilities=assessment_out(reader, comparison) if comparison is not None else None,
    )


@get(
    "/v1/partnerships/{partnership_id:uuid}/qbr",
    operation_id="partnershipQbrRead",
    tags=["plans"],
    opt=ON_REPORTS_POOL,
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_PLANS)],
    responses=problems(404, 422),
    summary="A partnership's quarterly business review",
    description=(
        "For one fiscal quarter of the vendor's calendar: plan against pipeline, the deal "
        "registration scorecard (the partner's and its reps'), lead outcomes, the vendor's "
        "approval SLA toward the partner, and the capability assessment with its goals; each "
        "figure as its own report computes it. The vendor's staff, the partner's admin, the "
        "platform. As a page to print: `/reports/partnerships/{id}/qbr`."
    ),
)
async def partnership_qbr(
    db: Db, principal: Caller, partnership_id: FromPath[uuid.UUID], quarter: Quarter = None
) -> QbrOut:
    return qbr_out(principal.org_kind, await qbr.review(db, principal, partnership_id, quarter))


@get(QBR_PAGE, **(PAGE_OPTIONS | {"opt": {"public": True, **ON_REPORTS_POOL}}))
async def qbr_page(
    request: Request[Any, Any, Any],
    db: Db,
    partnership_id: FromPath[uuid.UUID],
    quarter: Quarter = None,
) -> Response[Any]:
    principal = await page_principal(
        request,
        db,
        scope=scopes.READ_PLANS,
        refused="A QBR is for the partner's admin and the vendor's channel team.",
    )
    if isinstance(principal, Response):
        return principal
    review = await qbr.review(db, principal, partnership_id, quarter)
    shown = fiscal.parse(review.quarter)
    return render_page(
        "qbr.html",
        review=review,
        previous=qbr_page_path(partnership_id, shown.previous().label),
        next=qbr_page_path(partnership_id, shown.next().label),
    )
