"""`/v1/leads`: a vendor forwards leads to partners; the partner accepts or rejects them, reports
what came of them and may convert one into a deal registration. `/v1/vendors/{id}/lead-policy`:
the vendor's scoring rubric and lead SLA."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Self

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from dealreg.api.conditional import (
    ETAG_HEADER,
    IF_MATCH_OPTIONAL,
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
from dealreg.api.registrations import DealOut, deal_out
from dealreg.api.schemas import CHANGE_PROBLEMS, Problem, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.disclosure import history_entry, vendor_staff
from dealreg.errors import DealRegError, error_body
from dealreg.leads import engagements as lead_engagements
from dealreg.leads import reads, service
from dealreg.leads import rules as lead_rules
from dealreg.leads.engagements import EngagementInput
from dealreg.leads.models import Disposition, EngagementType, LeadRejection, LeadStatus
from dealreg.leads.responses import LeadOut, lead_out
from dealreg.leads.rules import LeadRules
from dealreg.leads.service import ConversionInput, DispositionInput, LeadInput
from dealreg.orgs.models import OrgKind
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.registrations.schemas import Note

MAX_BATCH = 500


class LeadList(msgspec.Struct):
    items: list[LeadOut]
    next_cursor: str | None


class BatchInput(msgspec.Struct, forbid_unknown_fields=True):
    leads: Annotated[list[LeadInput], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class BatchItem(msgspec.Struct, kw_only=True):
    """One lead of a batch: created (`status` 201, `lead`) or refused whole (`problem`)."""

    index: int
    status: int
    lead: LeadOut | None = None
    problem: Problem | None = None


class BatchResult(msgspec.Struct, kw_only=True):
    created: int
    refused: int
    items: list[BatchItem]


class Engagements(msgspec.Struct, forbid_unknown_fields=True):
    engagements: Annotated[list[EngagementInput], msgspec.Meta(min_length=1, max_length=100)]


class EngagementOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    type: EngagementType
    occurred_at: datetime
    points: int
    note: str | None
    # Who of the vendor's recorded it: null to a partner.
    recorded_by: uuid.UUID | None
    recorded_at: datetime

    @classmethod
    def seen_by(cls, reader: OrgKind, row: object) -> Self:
        out = msgspec.convert(row, cls, from_attributes=True)
        out.recorded_by = vendor_staff(reader, out.recorded_by)
        return out


class EngagementList(msgspec.Struct):
    items: list[EngagementOut]


class EngagementResult(msgspec.Struct, kw_only=True):
    lead: LeadOut
    added: list[EngagementOut]


class LeadAssignment(msgspec.Struct, forbid_unknown_fields=True):
    rep_id: uuid.UUID


class Acceptance(msgspec.Struct, forbid_unknown_fields=True):
    note: Note | None = None


class LeadRejectionRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: LeadRejection
    # Required when the reason is `other`.
    note: Note | None = None


class DispositionOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    type: Disposition
    occurred_at: datetime
    note: str | None
    lost_reason: str | None
    # Null: dealreg, from the outcome of the lead's deal registration.
    reported_by: uuid.UUID | None
    reported_at: datetime


class DispositionList(msgspec.Struct):
    items: list[DispositionOut]


class DispositionResult(msgspec.Struct, kw_only=True):
    lead: LeadOut
    disposition: DispositionOut


class ConversionResult(msgspec.Struct, kw_only=True):
    lead: LeadOut
    deal: DealOut


class LeadHistoryOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    at: datetime
    action: str
    # Null when dealreg acted, and to a partner when the vendor's people did (the role says so).
    actor_id: uuid.UUID | None
    actor_role: str | None
    from_status: LeadStatus | None
    to_status: LeadStatus | None
    reason: str | None
    data: dict[str, Any]

    @classmethod
    def seen_by(cls, reader: OrgKind, row: object) -> Self:
        return history_entry(reader, msgspec.convert(row, cls, from_attributes=True))


class LeadHistoryList(msgspec.Struct):
    items: list[LeadHistoryOut]


class LeadPolicyOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    # Points per engagement type, added to a lead's score.
    points: dict[EngagementType, int]
    # A lead scoring less is not forwarded.
    forward_threshold: int
    # Business days (of the vendor's approval SLA calendar) to accept a forwarded lead, and to
    # touch it first once accepted.
    accept_days: float
    first_touch_days: float
    version: int


def _policy_out(view: lead_rules.PolicyView) -> LeadPolicyOut:
    rules = view.rules
    return LeadPolicyOut(
        vendor_id=view.vendor_id,
        points={t: rules.points_for(t) for t in EngagementType},
        forward_threshold=rules.forward_threshold,
        accept_days=rules.accept_days,
        first_touch_days=rules.first_touch_days,
        version=view.tag,
    )


class LeadController(Controller):
    path = "/v1/leads"
    tags = ["leads"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_LEADS)],
        responses=problems(413),
        response_headers=[ETAG_HEADER],
        summary="Create a lead for a partner (the vendor); forwarded at once unless held",
        description=(
            "A lead scoring below the vendor's forwarding threshold is refused (422 "
            "`lead-below-threshold`, naming the score and the threshold) unless `forward` is "
            "false: it is then kept as a draft, to forward once its engagements score enough."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[LeadInput]
    ) -> Response[LeadOut]:
        lead = await service.create_lead(db, principal, data)
        return tagged(lead_out(lead), lead.version)

    @post(
        "/batch",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=problems(413),
        summary=f"Create up to {MAX_BATCH} leads; each is created whole or refused whole",
        description=(
            "Every lead is checked and written on its own: the answer lists, in order, the "
            "created leads and the problem of each refused one. Send an Idempotency-Key so that "
            "a retried batch creates nothing twice."
        ),
    )
    async def create_batch(
        self, db: Db, principal: Caller, data: JSONBody[BatchInput]
    ) -> BatchResult:
        items = []
        for index, entry in enumerate(data.leads):
            try:
                async with db.begin_nested():
                    lead = await service.create_lead(db, principal, entry, base=f"/leads/{index}")
            except DealRegError as exc:
                if exc.status in (401, 403):
                    raise  # the caller, not the lead: nothing of the batch is theirs to create
                problem = msgspec.json.decode(error_body(exc, None), type=Problem)
                items.append(BatchItem(index=index, status=exc.status, problem=problem))
            else:
                items.append(BatchItem(index=index, status=201, lead=lead_out(lead)))
        created = sum(1 for item in items if item.lead is not None)
        return BatchResult(created=created, refused=len(items) - created, items=items)

    @get(
        guards=[requires(scopes.READ_LEADS)],
        responses=problems(),
        summary="List leads: a vendor's, a partner's forwarded ones (a rep's own)",
        description="`q` finds those whose customer, contact name or contact email contains it.",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        status: FromQuery[LeadStatus | None] = None,
        partner_id: FromQuery[uuid.UUID | None] = None,
        rep_id: FromQuery[uuid.UUID | None] = None,
        campaign: Annotated[str | None, QueryParameter(min_length=1, max_length=100)] = None,
        q: Search = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> LeadList:
        page = page_request(limit, cursor, updated_since)
        result = await reads.list_leads(
            db,
            principal,
            status=status,
            partner_id=partner_id,
            rep_id=rep_id,
            campaign=campaign,
            search=search_text(q),
            page=page,
        )
        return LeadList(
            items=[lead_out(lead) for lead in result.items],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{lead_id:uuid}",
        guards=[requires(scopes.READ_LEADS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a lead",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
    ) -> Response[LeadOut]:
        lead = await service.get_lead(db, principal, lead_id)
        return with_etag(request, lead_out(lead), lead.version)

    @get(
        "/{lead_id:uuid}/history",
        guards=[requires(scopes.READ_LEADS)],
        responses=problems(404),
        summary="What happened to a lead: who, when, from what to what, and why",
    )
    async def list_history(
        self, db: Db, principal: Caller, lead_id: FromPath[uuid.UUID]
    ) -> LeadHistoryList:
        rows = await reads.history(db, principal, lead_id)
        return LeadHistoryList(items=[LeadHistoryOut.seen_by(principal.org_kind, r) for r in rows])

    @post(
        "/{lead_id:uuid}/forward",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Forward a draft lead to its partner (its score must reach the threshold)",
    )
    async def forward(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> Response[LeadOut]:
        lead = await service.forward_lead(db, principal, lead_id, if_match=precondition)
        return tagged(lead_out(lead), lead.version)

    @get(
        "/{lead_id:uuid}/engagements",
        guards=[requires(scopes.READ_LEADS)],
        responses=problems(404),
        summary="What the prospect did, as scored, oldest first",
    )
    async def list_engagements(
        self, db: Db, principal: Caller, lead_id: FromPath[uuid.UUID]
    ) -> EngagementList:
        rows = await reads.engagements(db, principal, lead_id)
        return EngagementList(items=[EngagementOut.seen_by(principal.org_kind, r) for r in rows])

    @post(
        "/{lead_id:uuid}/engagements",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=problems(404, 412, 413),
        response_headers=[ETAG_HEADER],
        # Append-only: engagements add to the lead and overwrite nothing.
        dependencies={"precondition": IF_MATCH_OPTIONAL},
        summary="Add engagements (the vendor); each adds its rubric points to the score",
        description=(
            "If-Match is optional: engagements add to the lead and overwrite nothing, and an "
            "Idempotency-Key makes a retry safe."
        ),
    )
    async def add_engagements(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[Engagements],
        precondition: Precondition,
    ) -> Response[EngagementResult]:
        lead, rows = await lead_engagements.add_engagements(
            db,
            principal,
            lead_id,
            data.engagements,
            if_match=precondition,
        )
        result = EngagementResult(
            lead=lead_out(lead),
            added=[EngagementOut.seen_by(principal.org_kind, r) for r in rows],
        )
        return tagged(result, lead.version)

    @post(
        "/{lead_id:uuid}/assign",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Give the lead to one of the partner's reps (the partner admin)",
    )
    async def assign(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[LeadAssignment],
        precondition: Precondition,
    ) -> Response[LeadOut]:
        lead = await service.assign(
            db,
            principal,
            lead_id,
            rep_id=data.rep_id,
            if_match=precondition,
        )
        return tagged(lead_out(lead), lead.version)

    @post(
        "/{lead_id:uuid}/accept",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Accept a forwarded lead (its rep or the partner admin), before its deadline",
    )
    async def accept(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[Acceptance],
        precondition: Precondition,
    ) -> Response[LeadOut]:
        lead = await service.accept(
            db,
            principal,
            lead_id,
            note=data.note,
            if_match=precondition,
        )
        return tagged(lead_out(lead), lead.version)

    @post(
        "/{lead_id:uuid}/reject",
        status_code=200,
        guards=[requires(scopes.WRITE_LEADS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Reject a forwarded lead with a reason (its rep or the partner admin)",
    )
    async def reject(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[LeadRejectionRequest],
        precondition: Precondition,
    ) -> Response[LeadOut]:
        lead = await service.reject(
            db,
            principal,
            lead_id,
            reason=data.reason,
            note=data.note,
            if_match=precondition,
        )
        return tagged(lead_out(lead), lead.version)

    @get(
        "/{lead_id:uuid}/dispositions",
        guards=[requires(scopes.READ_LEADS)],
        responses=problems(404),
        summary="The dispositions reported for a lead, in the order they happened",
    )
    async def list_dispositions(
        self, db: Db, principal: Caller, lead_id: FromPath[uuid.UUID]
    ) -> DispositionList:
        rows = await reads.dispositions(db, principal, lead_id)
        return DispositionList(
            items=[msgspec.convert(r, DispositionOut, from_attributes=True) for r in rows]
        )

    @post(
        "/{lead_id:uuid}/dispositions",
        guards=[requires(scopes.WRITE_LEADS)],
        responses=problems(404, 409, 412, 413),
        response_headers=[ETAG_HEADER],
        # Append-only: a phone's offline queue of dispositions is sent in order without each
        # waiting for the lead's new ETag; the order rules below still refuse a wrong one.
        dependencies={"precondition": IF_MATCH_OPTIONAL},
        summary="Report what happened with an accepted lead, and when",
        description=(
            "In order: `first_touch` first and once; `follow_up` any number of times; "
            "`qualified` once; then one final `won`, `lost` (with `lost_reason`) or "
            "`no_decision`. `converted` comes from `POST /v1/leads/{id}/convert`. Each happens "
            "no earlier than the acceptance and the disposition before it. If-Match is "
            "optional: a disposition adds to the lead's record and overwrites nothing, and an "
            "Idempotency-Key makes a retry safe."
        ),
    )
    async def report_disposition(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[DispositionInput],
        precondition: Precondition,
    ) -> Response[DispositionResult]:
        lead, row = await service.report_disposition(
            db, principal, lead_id, data, if_match=precondition
        )
        result = DispositionResult(
            lead=lead_out(lead),
            disposition=msgspec.convert(row, DispositionOut, from_attributes=True),
        )
        return tagged(result, lead.version)

    @post(
        "/{lead_id:uuid}/convert",
        guards=[requires(scopes.WRITE_LEADS), requires(scopes.WRITE_REGISTRATIONS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Register the lead's deal with its vendor, prefilled from the lead",
        description=(
            "The deal is checked and registered exactly as `POST /v1/deals` does it, with the "
            "lead's customer and contact unless the body corrects them; its lines are the "
            "lead's vendor's. The lead is then converted and linked to the registration, whose "
            "outcome (won, lost) becomes the lead's."
        ),
    )
    async def convert(
        self,
        db: Db,
        principal: Caller,
        lead_id: FromPath[uuid.UUID],
        data: JSONBody[ConversionInput],
        precondition: Precondition,
    ) -> Response[ConversionResult]:
        lead, submitted = await service.convert(db, principal, lead_id, data, if_match=precondition)
        deal = deal_out(
            principal.org_kind, submitted.deal, submitted.lines, submitted.registrations
        )
        return tagged(ConversionResult(lead=lead_out(lead), deal=deal), lead.version)


class LeadPolicyController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/lead-policy"
    tags = ["leads"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="A vendor's lead scoring rubric, forwarding threshold and lead SLA",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
    ) -> Response[LeadPolicyOut]:
        view = await lead_rules.get_policy(db, principal, vendor_id)
        return with_etag(request, _policy_out(view), view.tag)

    @put(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Set a vendor's lead policy; its SLA applies to leads forwarded later",
        description="Engagement types left out of `points` keep their default points.",
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[LeadRules],
        precondition: Precondition,
    ) -> Response[LeadPolicyOut]:
        view = await lead_rules.put_policy(db, principal, vendor_id, data, if_match=precondition)
        return tagged(_policy_out(view), view.tag)
