"""`/v1/call-tasks`: the calls a vendor's channel team owes partners whose engagement crossed
its threshold: listed, claimed, the call's outcome logged, closed. The vendor's alone."""

import uuid
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from dealreg.api.conditional import ETAG_HEADER, NOT_MODIFIED, Precondition, tagged, with_etag
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.engagement import calls
from dealreg.engagement.calls import OutcomeNote
from dealreg.engagement.models import CallOutcome, CallTaskState
from dealreg.engagement.responses import CallTaskOut, call_task_out
from dealreg.pagination import DEFAULT_LIMIT


class CallTaskList(msgspec.Struct):
    items: list[CallTaskOut]
    next_cursor: str | None


class OutcomeInput(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    outcome: CallOutcome
    note: OutcomeNote | None = None


class CallTaskController(Controller):
    path = "/v1/call-tasks"
    tags = ["engagement"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_CALL_TASKS)],
        responses=problems(),
        summary="List the vendor's call tasks, oldest first",
        description="`owner=me`: the caller's own (claimed, or routed to them).",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        # `state` is Litestar's reserved name for the app's state: the parameter is renamed.
        task_state: Annotated[CallTaskState | None, QueryParameter(name="state")] = None,
        owner: FromQuery[Literal["me"] | None] = None,
        partner_id: FromQuery[uuid.UUID | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> CallTaskList:
        result = await calls.list_tasks(
            db,
            principal,
            state=task_state,
            mine=owner == "me",
            partner_id=partner_id,
            page=page_request(limit, cursor, None),
        )
        return CallTaskList(
            items=[call_task_out(task) for task in result.items],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{task_id:uuid}",
        guards=[requires(scopes.READ_CALL_TASKS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a call task",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        task_id: FromPath[uuid.UUID],
    ) -> Response[CallTaskOut]:
        task = await calls.get_task(db, principal, task_id)
        return with_etag(request, call_task_out(task), task.version)

    @post(
        "/{task_id:uuid}/claim",
        status_code=200,
        guards=[requires(scopes.WRITE_CALL_TASKS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Claim an open call task: the caller owns it and makes the call",
    )
    async def claim(
        self,
        db: Db,
        principal: Caller,
        task_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> Response[CallTaskOut]:
        task = await calls.claim(db, principal, task_id, if_match=precondition)
        return tagged(call_task_out(task), task.version)

    @post(
        "/{task_id:uuid}/outcome",
        status_code=200,
        guards=[requires(scopes.WRITE_CALL_TASKS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Log the outcome of the call (again after another try)",
    )
    async def report_outcome(
        self,
        db: Db,
        principal: Caller,
        task_id: FromPath[uuid.UUID],
        data: JSONBody[OutcomeInput],
        precondition: Precondition,
    ) -> Response[CallTaskOut]:
        task = await calls.log_outcome(
            db, principal, task_id, data.outcome, data.note, if_match=precondition
        )
        return tagged(call_task_out(task), task.version)

    @post(
        "/{task_id:uuid}/close",
        status_code=200,
        guards=[requires(scopes.WRITE_CALL_TASKS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Close a call task whose outcome is logged",
    )
    async def close(
        self,
        db: Db,
        principal: Caller,
        task_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> Response[CallTaskOut]:
        task = await calls.close(db, principal, task_id, if_match=precondition)
        return tagged(call_task_out(task), task.version)
