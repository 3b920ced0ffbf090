"""A registration as channel ops and the vendor's staff read it from the report page: its parties,
its approval clock (thresholds and their instants, pauses) and its history, on one page every
figure of the report drills down to. Signed in as the report page is (api/pages.py)."""

import uuid
from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath
from sqlalchemy import select

from dealreg.api.deps import Db
from dealreg.api.html import render_page
from dealreg.api.pages import PAGE_OPTIONS, PAGE_PATH, page_principal
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.orgs.models import ApiClient, Organization, Program, User
from dealreg.registrations import service as registrations
from dealreg.sla import service as sla

REGISTRATION_PAGE = "/reports/registrations/{registration_id:uuid}"


def registration_page_path(registration_id: uuid.UUID | str) -> str:
    return f"/reports/registrations/{registration_id}"


@get(REGISTRATION_PAGE, **(PAGE_OPTIONS | {"opt": {"public": True, **ON_REPORTS_POOL}}))
async def registration_page(
    request: Request[Any, Any, Any], db: Db, registration_id: FromPath[uuid.UUID]
) -> Response[Any]:
    principal = await page_principal(request, db)
    if isinstance(principal, Response):
        return principal
    registration = await registrations.get_registration(db, principal, registration_id)
    clock = await sla.clock_of(db, principal, registration_id, now=datetime.now(UTC))
    history = await registrations.history(db, principal, registration_id)
    acting = {registration.approver_id, registration.decided_by_id}
    acting |= {entry.actor_id for entry in history}
    people = await _names(db, {person for person in acting if person is not None})
    return render_page(
        "registration.html",
        registration=registration,
        vendor=await db.get_one(Organization, registration.vendor_id),
        partner=await db.get_one(Organization, registration.partner_id),
        program=await db.get_one(Program, registration.program_id),
        people=people,
        clock=clock,
        history=history,
        report=PAGE_PATH,
        as_of=datetime.now(UTC),
    )


async def _names(db: Db, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names of these people and machine clients."""
    names: dict[uuid.UUID, str] = {}
    for model in (User, ApiClient):
        rows = await db.execute(select(model.id, model.name).where(model.id.in_(ids)))
        names |= {row.id: row.name for row in rows}
    return names
