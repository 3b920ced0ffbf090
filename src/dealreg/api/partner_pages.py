"""`/reports/partners`: the partner report as a page for the vendor's channel team, on a phone
first: segments, the RFM grid, engagement heat, partners with open call tasks, and graduation
candidates. Authenticated and shown like the SLA report page (pages.py)."""

import math
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromQuery

from dealreg.api.deps import Db
from dealreg.api.html import render_page
from dealreg.api.pages import PAGE_OPTIONS, page_principal
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.engagement import graduation, partner_report
from dealreg.engagement.policy import rubric_of
from dealreg.engagement.rfm import QUINTILES, Segment
from dealreg.orgs.models import Organization

PARTNERS_PAGE = "/reports/partners"
# The most engaged partners shown: a screenful on a phone.
HOTTEST = 10


def _heat(count: int, most: int) -> int:
    """0 for an empty cell, else 1-5 by its share of the fullest cell."""
    return 0 if count == 0 else max(1, math.ceil(QUINTILES * count / most))


@get(PARTNERS_PAGE, **(PAGE_OPTIONS | {"opt": {"public": True, **ON_REPORTS_POOL}}))
async def partners_page(
    request: Request[Any, Any, Any], db: Db, vendor_id: FromQuery[uuid.UUID | None] = None
) -> Response[Any]:
    principal = await page_principal(
        request,
        db,
        scope=scopes.READ_ENGAGEMENTS,
        refused="The partner report is for the vendor's channel team.",
    )
    if isinstance(principal, Response):
        return principal
    vendor_id = await partner_report.vendor_of(db, principal, vendor_id)
    now = datetime.now(UTC)
    # Scored once, with what the graduation rule compares them with.
    scored = await partner_report.partner_rows(
        db, vendor_id, currency=None, now=now, lookback=graduation.LOOKBACK
    )
    currency, rows = scored.currency, scored.rows
    grid = Counter((row.recency_score, row.frequency_score) for row in rows)
    most = max(grid.values(), default=0)
    segments = Counter(row.segment for row in rows)
    return render_page(
        "partners_report.html",
        vendor=await db.get_one(Organization, vendor_id),
        as_of=now,
        currency=currency,
        partners=len(rows),
        segments=[(segment, segments[segment]) for segment in Segment],
        grid=[
            [(grid[r, f], _heat(grid[r, f], most)) for f in range(1, QUINTILES + 1)]
            for r in range(QUINTILES, 0, -1)
        ],
        hottest=sorted(rows, key=lambda row: row.engagement_score, reverse=True)[:HOTTEST],
        threshold=(await rubric_of(db, vendor_id)).threshold,
        called=[row for row in rows if row.open_call_tasks],
        candidates=await graduation.candidates(db, vendor_id, now=now, scored=scored),
        owners=await partner_report.owner_names(db, vendor_id, rows),
    )
