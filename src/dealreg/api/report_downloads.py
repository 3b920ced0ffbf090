"""The report page's CSV downloads, under /reports so the page's own sign-in (its session cookie)
opens them: the figures by a grouping, the breaches and the registrations at risk now, each the
same rows as the API's CSV (`/v1/reports/sla...?format=csv`), which takes a token instead."""

import uuid
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromQuery

from dealreg.api.csv_export import csv_response, rows_of
from dealreg.api.deps import Db
from dealreg.api.pages import PAGE_OPTIONS, page_principal
from dealreg.api.reports import From, To, report_scope
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.sla import reports, watchlists
from dealreg.sla.reports import SlaGroupBy, SlaRow
from dealreg.sla.watchlists import AtRisk, Breach

_DOWNLOAD = PAGE_OPTIONS | {"opt": {"public": True, **ON_REPORTS_POOL}}


@get("/reports/sla/figures.csv", **_DOWNLOAD)
async def figures_csv(
    request: Request[Any, Any, Any],
    db: Db,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    group_by: FromQuery[SlaGroupBy] = SlaGroupBy.vendor,
) -> Response[Any]:
    principal = await page_principal(request, db)
    if isinstance(principal, Response):
        return principal
    scope = report_scope(principal, start, end, vendor_id, None, None)
    rows = await reports.summary(db, scope, group_by)
    return await csv_response(SlaRow.__struct_fields__, rows_of(rows), f"sla-{group_by.value}")


@get("/reports/sla/breaches.csv", **_DOWNLOAD)
async def breaches_csv(
    request: Request[Any, Any, Any],
    db: Db,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
) -> Response[Any]:
    principal = await page_principal(request, db)
    if isinstance(principal, Response):
        return principal
    scope = report_scope(principal, start, end, vendor_id, None, None)
    return await csv_response(
        Breach.__struct_fields__, watchlists.all_breaches(db, scope), "sla-breaches"
    )


@get("/reports/sla/at-risk.csv", **_DOWNLOAD)
async def at_risk_csv(
    request: Request[Any, Any, Any], db: Db, vendor_id: FromQuery[uuid.UUID | None] = None
) -> Response[Any]:
    principal = await page_principal(request, db)
    if isinstance(principal, Response):
        return principal
    vendor = reports.vendor_of(principal, vendor_id)
    return await csv_response(
        AtRisk.__struct_fields__, watchlists.all_at_risk(db, vendor), "sla-at-risk"
    )
