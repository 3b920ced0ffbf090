"""`/v1/me/sessions`: the devices a person is signed in on, and signing them out."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
from litestar import Request, delete, get
from litestar.params import FromPath

from dealreg.api.deps import Caller, Db
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY
from dealreg.auth import sessions
from dealreg.errors import Forbidden


class SessionOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    # The app signed in to.
    client_id: str
    client_name: str
    created_at: datetime
    last_used_at: datetime
    # When it ends however often it is used; unused for 30 days, it ends sooner.
    expires_at: datetime
    user_agent: str
    # The session of the token making this request.
    current: bool


class SessionList(msgspec.Struct):
    items: list[SessionOut]


def _person(principal: Caller) -> Caller:
    if principal.kind != "user":
        raise Forbidden("Sessions are people's: a machine client has none.")
    return principal


@get(
    "/v1/me/sessions",
    operation_id="sessionList",
    tags=["me"],
    security=BEARER_SECURITY,
    responses=problems(),
    summary="The devices you are signed in on",
)
async def list_my_sessions(
    request: Request[Any, Any, Any], db: Db, principal: Caller
) -> SessionList:
    idle = timedelta(days=request.app.state.settings.refresh_idle_days)
    views = await sessions.list_sessions(db, _person(principal), idle=idle)
    return SessionList(items=[msgspec.convert(v, SessionOut, from_attributes=True) for v in views])


@delete(
    "/v1/me/sessions/{session_id:uuid}",
    operation_id="sessionEnd",
    tags=["me"],
    security=BEARER_SECURITY,
    responses=problems(404),
    summary="Sign one device out",
    description="Its refresh token and its access tokens are refused from now on.",
)
async def end_my_session(db: Db, principal: Caller, session_id: FromPath[uuid.UUID]) -> None:
    await sessions.end_own_session(db, _person(principal), session_id)


@delete(
    "/v1/me/sessions",
    operation_id="sessionEndAll",
    tags=["me"],
    security=BEARER_SECURITY,
    responses=problems(),
    summary="Sign out everywhere",
    description=(
        "Ends every session of yours, this one included: every app must sign you in again."
    ),
)
async def end_all_my_sessions(db: Db, principal: Caller) -> None:
    await sessions.end_sessions_of(db, _person(principal).subject_id)
