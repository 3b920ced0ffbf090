"""The approval workflow's routes (approvals/service.py), under the OpenAPI tag `approvals`: the
vendor's decisions on a registration and the partner's resubmission, at
`/v1/registrations/{id}/approve`, `/reject`, `/request-info`, `/resubmit` and `/assign`, and the
vendor's queue of open registrations at `/v1/approvals/queue`. Like every module here it is named
by the domain it serves, not by the path: a registration's other sub-resources are with theirs
(`/sla` in api/sla.py, `/earnings` in api/incentives.py)."""

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from dealreg.api.conditional import ETAG_HEADER, Precondition, tagged
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.registrations import RegistrationRow, registration_rows
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.approvals import service
from dealreg.approvals.service import RejectionReason
from dealreg.auth import scopes
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.registrations.responses import ConflictOut, RegistrationOut
from dealreg.registrations.schemas import Answer, AnswerKey, Note
from dealreg.sla.models import SlaState


class Approval(msgspec.Struct, forbid_unknown_fields=True):
    note: Note | None = None


class RegistrationRejection(msgspec.Struct, forbid_unknown_fields=True):
    reason: RejectionReason
    # Required when the reason is `other`.
    note: Note | None = None


class InfoRequest(msgspec.Struct, forbid_unknown_fields=True):
    question: Note


class Resubmission(msgspec.Struct, forbid_unknown_fields=True):
    reply: Note
    # Corrected answers to the program's extra fields: all of them, replacing the earlier ones.
    answers: Annotated[dict[AnswerKey, Answer], msgspec.Meta(max_length=50)] | None = None


class ApproverAssignment(msgspec.Struct, forbid_unknown_fields=True):
    approver_id: uuid.UUID


class QueueEntry(RegistrationRow, kw_only=True):
    conflicts: list[ConflictOut]


class Queue(msgspec.Struct):
    items: list[QueueEntry]
    next_cursor: str | None


class DecisionController(Controller):
    # Its operations are named by the resource they change (`registrationApprove`), not by
    # this controller, as app.operation_id would.
    path = "/v1/registrations/{registration_id:uuid}"
    tags = ["approvals"]
    security = BEARER_SECURITY
    guards = [requires(scopes.WRITE_REGISTRATIONS)]
    response_headers = [ETAG_HEADER]

    @post(
        "/approve",
        operation_id="registrationApprove",
        status_code=200,
        responses=CHANGE_PROBLEMS,
        summary="Approve (the vendor)",
    )
    async def approve(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[Approval],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.approve(
            db,
            principal,
            registration_id,
            if_match=precondition,
            note=data.note,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/reject",
        status_code=200,
        responses=CHANGE_PROBLEMS,
        summary="Reject, with a reason code",
        operation_id="registrationReject",
    )
    async def reject(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[RegistrationRejection],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.reject(
            db,
            principal,
            registration_id,
            if_match=precondition,
            reason=data.reason,
            note=data.note,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/request-info",
        operation_id="registrationRequestInfo",
        status_code=200,
        responses=CHANGE_PROBLEMS,
        summary="Ask the partner for information (the registration waits on the partner)",
    )
    async def request_info(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[InfoRequest],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.request_info(
            db,
            principal,
            registration_id,
            if_match=precondition,
            question=data.question,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/resubmit",
        operation_id="registrationResubmit",
        status_code=200,
        responses=CHANGE_PROBLEMS,
        summary="Answer the vendor's question (the partner): back to review",
    )
    async def resubmit(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[Resubmission],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.resubmit(
            db,
            principal,
            registration_id,
            if_match=precondition,
            reply=data.reply,
            answers=data.answers,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )

    @post(
        "/assign",
        operation_id="registrationAssign",
        status_code=200,
        responses=CHANGE_PROBLEMS,
        summary="Give an open registration to one of the vendor's approvers",
    )
    async def assign(
        self,
        db: Db,
        principal: Caller,
        registration_id: FromPath[uuid.UUID],
        data: JSONBody[ApproverAssignment],
        precondition: Precondition,
    ) -> Response[RegistrationOut]:
        registration = await service.assign(
            db,
            principal,
            registration_id,
            if_match=precondition,
            approver_id=data.approver_id,
        )
        return tagged(
            RegistrationOut.seen_by(principal.org_kind, registration), registration.version
        )


@get(
    "/v1/approvals/queue",
    operation_id="approvalQueueList",
    tags=["approvals"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(),
    summary="The vendor's open registrations, the most urgent SLA first, with their conflicts",
)
async def approval_queue(
    db: Db,
    principal: Caller,
    approver_id: FromQuery[uuid.UUID | None] = None,
    assigned: Annotated[
        service.Assigned | None,
        QueryParameter(description="Only those assigned to you (`me`) or to nobody (`nobody`)."),
    ] = None,
    program_id: FromQuery[uuid.UUID | None] = None,
    sla_state: Annotated[
        list[SlaState] | None,
        QueryParameter(
            description="Only those in these SLA states (repeat the parameter for several)."
        ),
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Queue:
    """Breached first (the longest overdue first), then at risk, then by when the next SLA
    threshold falls due; those waiting on the partner last."""
    page = page_request(limit, cursor, None)
    result = await service.queue(
        db,
        principal,
        approver_id=approver_id,
        assigned=assigned,
        program_id=program_id,
        sla_states=frozenset(sla_state or ()),
        page=page,
    )
    rows = await registration_rows(db, principal, [item.registration for item in result.items])
    return Queue(
        items=[
            QueueEntry(
                **msgspec.structs.asdict(row),
                conflicts=[
                    msgspec.convert(c, ConflictOut, from_attributes=True) for c in item.conflicts
                ],
            )
            for row, item in zip(rows, result.items, strict=True)
        ],
        next_cursor=encode_cursor(result.next_key),
    )
