"""`GET /v1/me/home`: the rep's home screen in one request (issue #21): their open
registrations with their SLA badges, the leads waiting for their answer, and what they earned
this quarter. A phone on a slow network pays a round trip per request; three lists were three.
"""

import uuid
from datetime import UTC, date, datetime

import msgspec
from litestar import get

from dealreg.api.deps import Caller, Db, page_request
from dealreg.api.registrations import RegistrationRow, registration_rows
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.incentives import ledger
from dealreg.incentives.ledger import Total
from dealreg.leads import reads
from dealreg.leads.models import LeadStatus
from dealreg.leads.responses import LeadOut, lead_out
from dealreg.orgs import service as orgs
from dealreg.registrations import service
from dealreg.registrations.models import RegistrationStatus

# Waiting on a decision or on the rep's answer: what the rep has to watch.
OPEN = (
    RegistrationStatus.submitted,
    RegistrationStatus.in_review,
    RegistrationStatus.info_requested,
)
# A home screen shows the first ones; the lists themselves page through the rest.
HOME_ROWS = 50


class VendorName(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name: str


class Home(msgspec.Struct, kw_only=True):
    registrations: list[RegistrationRow]
    """The caller's open registrations (submitted, in review, or waiting on their answer),
    oldest (the most urgent) first, each with its `sla` and `open_question`, as the list has them."""
    more_registrations: bool
    leads: list[LeadOut]
    """The leads forwarded to the caller and waiting for them to accept or reject, oldest first."""
    more_leads: bool
    earnings: list[Total]
    """What the caller earned since `quarter_start`, by status and currency."""
    quarter_start: date
    vendors: list[VendorName]
    """The names of the vendors the registrations and leads above are with."""


def quarter_start(now: datetime) -> date:
    """The first day of `now`'s calendar quarter (in UTC, the ledger's time)."""
    return date(now.year, 3 * ((now.month - 1) // 3) + 1, 1)


@get(
    "/v1/me/home",
    operation_id="homeRead",
    tags=["me"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS), requires(scopes.READ_LEADS)],
    responses=problems(),
    summary="The rep's home screen: open registrations, leads waiting, earnings this quarter",
    description=(
        "One request for what a rep's app opens on. The lists hold the first "
        f"{HOME_ROWS} each (`more_*` says whether there are more: `GET /v1/registrations` and "
        "`GET /v1/leads` page through them); earnings are this calendar quarter's, in UTC."
    ),
)
async def home(db: Db, principal: Caller) -> Home:
    me = principal.subject_id
    page = page_request(HOME_ROWS, None, None)
    registrations = await service.list_registrations(
        db,
        principal,
        statuses=OPEN,
        rep_id=me,
        page=page,
    )
    leads = await reads.list_leads(db, principal, status=LeadStatus.forwarded, rep_id=me, page=page)
    start = quarter_start(datetime.now(UTC))
    vendor_ids = {r.vendor_id for r in registrations.items} | {x.vendor_id for x in leads.items}
    names = await orgs.organization_names(db, vendor_ids)
    return Home(
        registrations=await registration_rows(db, principal, registrations.items),
        more_registrations=registrations.next_key is not None,
        leads=[lead_out(lead) for lead in leads.items],
        more_leads=leads.next_key is not None,
        earnings=await ledger.totals(
            db, principal, me, since=datetime(start.year, start.month, 1, tzinfo=UTC)
        ),
        quarter_start=start,
        vendors=sorted(
            (VendorName(id=id_, name=name) for id_, name in names.items()),
            key=lambda vendor: vendor.name,
        ),
    )
