"""`/v1/deals` and `/v1/registrations`: a rep registers a deal once; each vendor on it gets a
registration of its own, which the partner and the vendor then move through its life."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Self

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import (
    Caller,
    Cursor,
    Db,
    Limit,
    Search,
    UpdatedSince,
    encode_cursor,
    page_request,
    search_text,
)
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.unit_of_work import ON_READS_ONLY
from dealreg.auth import scopes
from dealreg.disclosure import history_entry, vendor_staff
from dealreg.fields import Resource
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.registrations import service
from dealreg.registrations.extensions import decide_extension, list_extensions, request_extension
from dealreg.registrations.models import ExtensionStatus, RegistrationStatus, SalesStage
from dealreg.registrations.responses import (
    LineOut,
    RegistrationDetail,
    RegistrationOut,
    registration_detail,
)
from dealreg.registrations.schemas import Contact, Customer, DealInput, Note, Opportunity
from dealreg.registrations.service import OpenQuestion
from dealreg.registrations.submission import submit_deal
from dealreg.sla import service as sla
from dealreg.sla.service import SlaSummary

Days = Annotated[int, msgspec.Meta(ge=1, le=365)]
Statuses = Annotated[
    list[RegistrationStatus] | None,
    QueryParameter(
        max_items=len(RegistrationStatus),
        description=(
            "In any of these statuses: repeat it (`status=submitted&status=in_review`), as a "
            "rep's home screen lists the open ones."
        ),
    ),
]


class RegistrationRow(RegistrationOut, kw_only=True):
    """A registration as a list shows it: with its approval clock's summary (null when it has
    none) and, while it waits on the partner, the vendor's question."""

    sla: Annotated[
        SlaSummary | None,
        msgspec.Meta(description="Its approval clock, as a list shows it; null when it has none."),
    ]
    open_question: OpenQuestion | None


class RegistrationList(msgspec.Struct):
    items: list[RegistrationRow]
    next_cursor: str | None


_OUT_FIELDS = RegistrationOut.__struct_fields__


async def registration_rows(
    db: AsyncSession, principal: Principal, registrations: Sequence[Any]
) -> list[RegistrationRow]:
    """A page of registrations (rows of a select holding RegistrationOut's columns) as rows:
    their clocks and open questions are read for the whole page at once (two queries, whatever
    its length)."""
    ids = [r.id for r in registrations]
    clocks = await sla.summaries(db, ids, now=datetime.now(UTC))
    questions = await service.open_questions(db, registrations)
    # Each row built once, straight from the columns of the same names: converting a row to a
    # RegistrationOut (validating every field) and copying that into a RegistrationRow was a
    # fifth of a list's time (issue #22). A row makes a new mapping at every `_mapping` access:
    # it is taken once per row, not once per field.
    return [
        RegistrationRow(
            **{name: mapping[name] for name in _OUT_FIELDS},
            sla=clocks.get(r.id),
            open_question=questions.get(r.id),
        ).disclosed_to(principal.org_kind)
        for r in registrations
        for mapping in (r._mapping,)
    ]


class DealOut(Resource, kw_only=True):
    partner_id: uuid.UUID
    rep_id: uuid.UUID
    customer: Customer
    contact: Contact
    opportunity: Opportunity
    # What the caller may see: a vendor sees only its own lines and registration.
    lines: list[LineOut]
    registrations: list[RegistrationOut]


class DealList(msgspec.Struct):
    items: list[DealOut]
    next_cursor: str | None


class HistoryOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    at: datetime
    action: str
    # Null when dealreg acted, and to a partner when the vendor's people did (the role says so).
    actor_id: uuid.UUID | None
    actor_role: str | None
    from_status: RegistrationStatus | None
    to_status: RegistrationStatus | None
    from_stage: SalesStage | None
    to_stage: SalesStage | None
    reason: str | None
    data: dict[str, Any]

    @classmethod
    def seen_by(cls, reader: OrgKind, row: object) -> Self:
        return history_entry(reader, msgspec.convert(row, cls, from_attributes=True))


class HistoryList(msgspec.Struct):
    items: list[HistoryOut]


class Withdrawal(msgspec.Struct, forbid_unknown_fields=True):
    reason: Note | None = None


class Cancellation(msgspec.Struct, forbid_unknown_fields=True):
    # For cause: the partner and the rep read it.
    reason: Note


class StageReport(msgspec.Struct, forbid_unknown_fields=True):
    stage: SalesStage
    note: Note | None = None


class ExtensionCreate(msgspec.Struct, forbid_unknown_fields=True):
    days: Days
    reason: Note


class ExtensionDecision(msgspec.Struct, forbid_unknown_fields=True):
    decision: Literal["grant", "refuse"]
    # Granted days, at most those asked for (all of them when left out).
    days: Days | None = None
    reason: Note | None = None


class ExtensionOut(Resource, kw_only=True):
    registration_id: uuid.UUID
    requested_by: uuid.UUID
    days: int
    reason: str
    status: ExtensionStatus
    # Who of the vendor's decided: null to a partner.
    decided_by: uuid.UUID | None
    decided_at: datetime | None
    granted_days: int | None
    decision_reason: str | None

    @classmethod
    def seen_by(cls, reader: OrgKind, row: object) -> Self:
        out = cls.of(row)
        out.decided_by = vendor_staff(reader, out.decided_by)
        return out


class ExtensionList(msgspec.Struct):
    items: list[ExtensionOut]


class ExtensionResult(msgspec.Struct, kw_only=True):
    """An extension request and the registration it changed (whose ETag the response carries)."""

    extension: ExtensionOut
    registration: RegistrationOut


def deal_out(reader: OrgKind, deal: Any, lines: Any, registrations: Any) -> DealOut:
    return DealOut(
        id=deal.id,
        created_at=deal.created_at,
        updated_at=deal.updated_at,
        version=deal.version,
        partner_id=deal.partner_id,
        rep_id=deal.rep_id,
        customer=msgspec.convert(deal.customer, Customer),
        contact=msgspec.convert(deal.contact, Contact),
        opportunity=Opportunity(
            title=deal.title,
            expected_close_date=deal.expected_close_date,
            currency=deal.currency,
            description=deal.description,
            competitors=list(deal.competitors),
        ),
        lines=[msgspec.convert(line, LineOut, from_attributes=True) for line in lines],
        registrations=[RegistrationOut.seen_by(reader, r) for r in registrations],
    )


def _deal_version(deal: Any, registrations: Sequence[Any]) -> int:
    # Versions only grow, so their sum changes whenever the deal or one of its visible
    # registrations does: a strong validator of what this caller is shown.
    return int(deal.version) + sum(int(r.version) for r in registrations)


class DealController(Controller):
    path = "/v1/deals"
    tags = ["deals"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        responses=problems(409, 413),
        response_headers=[ETAG_HEADER],
        summary="Register a deal: one registration per vendor on it",
        description=(
            "Every vendor's rules are checked before anything is written; a deal that breaks "
            "any is refused whole (422), each error naming the field and the vendor. A duplicate "
            "of one of the partner's own active registrations is a 409 pointing at it. Send an "
            "Idempotency-Key so that a retry cannot register the deal twice."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[DealInput]
    ) -> Response[DealOut]:
        result = await submit_deal(db, principal, data)
        out = deal_out(principal.org_kind, result.deal, result.lines, result.registrations)
        return tagged(out, _deal_version(result.deal, result.registrations))

    @get(
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(),
        summary="List the deals the caller may see (`q`: whose title contains it)",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        partner_id: FromQuery[uuid.UUID | None] = None,
        rep_id: FromQuery[uuid.UUID | None] = None,
        q: Search = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> DealList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_deals(
            db,
            principal,
            partner_id=partner_id,
            rep_id=rep_id,
            search=search_text(q),
            page=page,
        )
        return DealList(
            items=[
                deal_out(principal.org_kind, v.deal, v.lines, v.registrations) for v in result.items
            ],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{deal_id:uuid}",
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a deal (a vendor sees only its own lines and registration)",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        deal_id: FromPath[uuid.UUID],
    ) -> Response[DealOut]:
        view = await service.get_deal(db, principal, deal_id)
        out = deal_out(principal.org_kind, view.deal, view.lines, view.registrations)
        return with_etag(request, out, _deal_version(view.deal, view.registrations))


class RegistrationController(Controller):
    path = "/v1/registrations"
    tags = ["registrations"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(),
        opt=ON_READS_ONLY,
        summary="List registrations: a vendor's incoming, a partner's (a rep's own)",
        description=(
            "`q` finds those whose number or customer's name contains it. Each row carries its "
            "approval clock's summary (`sla`, as `GET /v1/registrations/{id}/sla` says) and, "
            "while it waits on the partner, the vendor's question (`open_question`)."
        ),
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        status: Statuses = None,
        vendor_id: FromQuery[uuid.UUID | None] = None,
        partner_id: FromQuery[uuid.UUID | None] = None,
        rep_id: FromQuery[uuid.UUID | None] = None,
        stage: FromQuery[SalesStage | None] = None,
        expiring_before: FromQuery[datetime | None] = None,
        q: Search = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> RegistrationList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_registrations(
            db,
            principal,
            statuses=status or (),
            vendor_id=vendor_id,
            partner_id=partner_id,
            rep_id=rep_id,
            stage=stage,
            expiring_before=expiring_before,
            search=search_text(q),
            page=page,
        )
        return RegistrationList(
            items=await registration_rows(db, principal, result.items),
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{registration_id:uuid}",
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(404) | NOT_MODIFIED,
        opt=ON_READS_ONLY,
        response_headers=[ETAG_HEADER],
        summary="Read a registration, with its lines (and, for the vendor, its conflicts)",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
    ) -> Response[RegistrationDetail]:
        view = await service.view_registration(db, principal, registration_id)
        return with_etag(
            request, registration_detail(principal.org_kind, view), view.registration.version
        )

    @get(
        "/{registration_id:uuid}/history",
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(404),
        summary="What happened to a registration: who, when, from what to what, and why",
    )
    async def list_history(
        self, db: Db, principal: Caller, registration_id: FromPath[uuid.UUID]
    ) -> HistoryList:
        rows = await service.history(db, principal, registration_id)
        return HistoryList(items=[HistoryOut.seen_by(principal.org_kind, r) for r in rows])

    @post(
        "/{registration_id:uuid}/withdraw",
        responses=CHANGE_PROBLEMS,
        summary="Withdraw a registration before the vendor decides",
        status_code=200,
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        response_headers=[ETAG_HEADER],
    )
    async def withdraw(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[Withdrawal],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.withdraw(
            db,
            principal,
            registration_id,
            if_match=precondition,
            reason=data.reason,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/{registration_id:uuid}/cancel",
        responses=problems(403, 404, 409, 412, 413, 428),
        summary="Cancel an approved registration for cause (the vendor)",
        description=(
            "Ends the registration's protection. What its rep earned within the incentive "
            "plan's clawback window of the approval is reversed."
        ),
        status_code=200,
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        response_headers=[ETAG_HEADER],
    )
    async def cancel(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[Cancellation],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.cancel(
            db,
            principal,
            registration_id,
            if_match=precondition,
            reason=data.reason,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/{registration_id:uuid}/stage",
        responses=CHANGE_PROBLEMS,
        summary="Report the sales stage of an approved registration (forward only)",
        description="closed_won and closed_lost close the registration as won or lost.",
        status_code=200,
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        response_headers=[ETAG_HEADER],
    )
    async def report_stage(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[StageReport],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.report_stage(
            db,
            principal,
            registration_id,
            if_match=precondition,
            stage=data.stage,
            note=data.note,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @get(
        "/{registration_id:uuid}/extensions",
        guards=[requires(scopes.READ_REGISTRATIONS)],
        responses=problems(404),
        summary="The extension requests of a registration, oldest first",
    )
    async def list_extensions(
        self, db: Db, principal: Caller, registration_id: FromPath[uuid.UUID]
    ) -> ExtensionList:
        rows = await list_extensions(db, principal, registration_id)
        return ExtensionList(items=[ExtensionOut.seen_by(principal.org_kind, r) for r in rows])

    @post(
        "/{registration_id:uuid}/extensions",
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Ask the vendor for longer protection of an approved registration",
    )
    async def request_extension(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[ExtensionCreate],
        precondition: Precondition,
    ) -> Response[ExtensionResult]:
        registration, extension = await request_extension(
            db,
            principal,
            registration_id,
            if_match=precondition,
            days=data.days,
            reason=data.reason,
        )
        result = ExtensionResult(
            extension=ExtensionOut.seen_by(principal.org_kind, extension),
            registration=RegistrationOut.seen_by(principal.org_kind, registration),
        )
        return tagged(result, registration.version)

    @post(
        "/{registration_id:uuid}/extensions/{extension_id:uuid}/decision",
        responses=CHANGE_PROBLEMS,
        summary="Grant or refuse an extension (the vendor)",
        status_code=200,
        guards=[requires(scopes.WRITE_REGISTRATIONS)],
        response_headers=[ETAG_HEADER],
    )
    async def decide_extension(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        extension_id: FromPath[uuid.UUID],
        data: JSONBody[ExtensionDecision],
        precondition: Precondition,
    ) -> Response[ExtensionResult]:
        registration, extension = await decide_extension(
            db,
            principal,
            registration_id,
            extension_id,
            if_match=precondition,
            grant=data.decision == "grant",
            days=data.days,
            reason=data.reason,
        )
        result = ExtensionResult(
            extension=ExtensionOut.seen_by(principal.org_kind, extension),
            registration=RegistrationOut.seen_by(principal.org_kind, registration),
        )
        return tagged(result, registration.version)
