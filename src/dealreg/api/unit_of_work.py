"""One transaction per request, and Idempotency-Key on every POST.

The transaction is owned here, around the whole route: the handler's work and the idempotency
record commit together. Litestar turns a handler's exception into a response before it reaches
this middleware, so the response's status decides: below 400 commits, anything else rolls back.
The response is held until the commit has succeeded: a commit that fails is answered with a 500
problem, never with the 2xx the handler had prepared.

Holding the response means every response is buffered: a streaming route would need a route
option that commits before its first chunk. None exists yet, and none may use background tasks
(they would run before the commit).

Idempotency (IETF httpapi-idempotency-key draft, as Stripe does it): per (caller, key), the first
completed response is replayed byte for byte with `Idempotent-Replayed: true`; the same key with
another request is a 422; the same key while the first is still running is a 409 the client may
retry. Only successful responses are kept, so a request that failed can simply be retried.
They are kept sealed (sealing.py): some carry a secret that is shown only once.

A token's holder is checked here too (`ensure_current`), first thing in the request's transaction,
and its caller's rate limit counted (`throttling.admit`): a disabled or rotated holder must not be
answered at all, a replay included, and this is the one place every authenticated request passes
with a session, so the check runs once per request.
"""

import gzip
import hashlib
from typing import Any, cast

import msgspec
import structlog
from litestar.enums import ScopeType
from litestar.handlers import HTTPRouteHandler
from litestar.types import ASGIApp, HTTPScope, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.api.throttling import admit
from dealreg.errors import (
    PROBLEM_MEDIA_TYPE,
    DealRegError,
    InternalError,
    PayloadTooLarge,
    ServiceUnavailable,
    error_body,
    unavailable,
)
from dealreg.i18n import negotiate
from dealreg.idempotency import repository
from dealreg.idempotency.errors import (
    IdempotencyKeyInUse,
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
)
from dealreg.idempotency.models import IdempotencyRecord
from dealreg.orgs.principals import Principal
from dealreg.sealing import Sealer, Unsealable

SESSION_KEY = "dealreg.session"
# Set by a route whose refusal must still commit what it wrote: a sign-in code or refresh token
# presented twice ends its session and answers an error, and the ending must hold.
_REFUSAL_STANDS_KEY = "dealreg.refusal_stands"
# A route's `opt` naming the pool its transaction draws from: reports and exports get one of
# their own (app.py), so however many are slow at once, the rest of the API still gets
# connections.
POOL_OPT = "db_pool"
REPORTS_POOL = "reports"
DEFAULT_POOL = "default"
ON_REPORTS_POOL = {POOL_OPT: REPORTS_POOL}
# A route that only reads (it writes nothing, whatever it answers) draws from the default pool
# with each statement a transaction of its own: a BEGIN and a COMMIT were two of its few round
# trips (issue #22). Under PostgreSQL's READ COMMITTED every statement sees its own snapshot
# anyway, so its reads see what they saw inside one transaction.
READS_ONLY = "reads-only"
ON_READS_ONLY = {POOL_OPT: READS_ONLY}
MAX_KEY_LENGTH = 255
# Replayed as they were first sent; the rest (date, request id) belong to each response.
_KEPT_HEADERS = {b"content-type", b"content-encoding", b"content-language", b"location", b"etag"}

# Messages are held and inspected as plain dicts; ASGI's TypedDicts only return at the boundary.
Held = dict[str, Any]

log = structlog.get_logger("dealreg.unit_of_work")


def honours_idempotency_key(handler: HTTPRouteHandler, method: str) -> bool:
    """Whether a request to `handler` by `method` has its Idempotency-Key honoured (`_run`): a
    POST by an authenticated caller, which every route has unless its handler is public
    (security.py). The OpenAPI document declares the header from this (api/contract.py)."""
    return method == "POST" and not handler.opt.get("public")


def refusal_stands(scope: Scope) -> None:
    """Commit this request's writes although it answers an error (see `_REFUSAL_STANDS_KEY`)."""
    scope["state"][_REFUSAL_STANDS_KEY] = True


def session_of(scope: Scope) -> AsyncSession:
    session: AsyncSession = scope["state"][SESSION_KEY]
    return session


def _problem(exc: DealRegError, scope: Scope) -> list[Held]:
    """An answer given here, outside Litestar's handlers: the same problem document they give."""
    language = negotiate(_header(scope, b"accept-language"))
    body = error_body(exc, scope["path"], language)
    headers = [(k.lower().encode(), v.encode()) for k, v in exc.headers.items()]
    headers += [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-language", language.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    return [
        {"type": "http.response.start", "status": exc.status, "headers": headers},
        {"type": "http.response.body", "body": body, "more_body": False},
    ]


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class _BodyTooLarge(Exception):
    pass


class _Disconnected(Exception):
    pass


async def _read_body(receive: Receive, limit: int) -> bytes:
    """The whole body, read here to fingerprint it; bounded like Litestar bounds it."""
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay_receive(body: bytes) -> Receive:
    sent = False

    async def receive() -> Held:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return cast(Receive, receive)


def _replayed(record: IdempotencyRecord, body: bytes, scope: Scope) -> list[Held]:
    headers = [(k.encode(), v.encode()) for k, v in record.headers]
    accepts_gzip = "gzip" in (_header(scope, b"accept-encoding") or "")
    if (b"content-encoding", b"gzip") in headers and not accepts_gzip:
        # The first caller took gzip; this retry does not: same bytes, decoded.
        body = gzip.decompress(body)
        headers.remove((b"content-encoding", b"gzip"))
    headers += [(b"content-length", str(len(body)).encode()), (b"idempotent-replayed", b"true")]
    return [
        {"type": "http.response.start", "status": record.status, "headers": headers},
        {"type": "http.response.body", "body": body, "more_body": False},
    ]


class _Idempotency:
    """The idempotency side of one POST: its caller, key and fingerprint."""

    def __init__(self, caller: Principal, key: str, fingerprint: str, sealer: Sealer) -> None:
        self.caller = caller
        self.key = key
        self.fingerprint = fingerprint
        self.sealer = sealer
        # What a kept body is bound to: this caller and this key.
        self.context = caller.subject_id.bytes + key.encode()

    async def precheck(self, session: AsyncSession, scope: Scope) -> list[Held] | None:
        """An answer that ends the request here (replay, 409, 422), or None to do the work."""
        if not await repository.try_lock(session, self.caller.subject_id, self.key):
            return _problem(IdempotencyKeyInUse(), scope)
        record = await repository.find(session, self.caller.subject_id, self.key)
        if record is None:
            return None
        if record.fingerprint != self.fingerprint:
            return _problem(
                IdempotencyKeyReused(
                    "This Idempotency-Key was used for a different request; use a new key."
                ),
                scope,
            )
        try:
            body = self.sealer.open(record.body, self.context)
        except Unsealable:
            return _problem(
                IdempotencyKeyReused(
                    "The first answer to this Idempotency-Key can no longer be read (it was "
                    "kept before an upgrade, or under a key since replaced); check what it did, "
                    "then use a new key."
                ),
                scope,
            )
        return _replayed(record, body, scope)

    async def remember(self, session: AsyncSession, messages: list[Held]) -> None:
        start = messages[0]
        headers = [
            [bytes(k).decode("latin-1"), bytes(v).decode("latin-1")]
            for k, v in start.get("headers", [])
            if bytes(k).lower() in _KEPT_HEADERS
        ]
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        await repository.save(
            session,
            IdempotencyRecord(
                caller_id=self.caller.subject_id,
                key=self.key,
                fingerprint=self.fingerprint,
                status=start["status"],
                headers=headers,
                body=self.sealer.seal(body, self.context),
            ),
        )


def _canonical(body: bytes) -> bytes:
    """The same JSON however a retry serialises it (key order, spacing); other bodies as sent,
    among them one nested too deep to decode, which the route then refuses."""
    try:
        return msgspec.json.encode(msgspec.json.decode(body), order="sorted")
    except (msgspec.DecodeError, RecursionError):
        return body


def _fingerprint(scope: HTTPScope, body: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(f"{scope['method']} {scope['path']}?".encode())
    digest.update(scope.get("query_string", b""))
    digest.update(b"\n")
    digest.update(_canonical(body))
    return digest.hexdigest()


def unit_of_work_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        handler = scope.get("route_handler")
        pool = handler.opt.get(POOL_OPT, DEFAULT_POOL) if handler is not None else DEFAULT_POOL
        sessionmaker: async_sessionmaker[AsyncSession] = scope["litestar_app"].state.sessionmakers[
            pool
        ]
        async with sessionmaker() as session:
            scope["state"][SESSION_KEY] = session
            try:
                messages = await _run(app, scope, receive, session)
            except Exception as exc:
                # Raised here rather than in a handler (the idempotency check's reads): the same
                # 503 a handler's failure gets when the database cannot serve now.
                busy = unavailable(exc)
                if busy is None:
                    raise
                messages = _problem(busy, scope)
        for message in messages:
            await send(cast(Message, message))

    return middleware


async def _run(
    app: ASGIApp, scope: HTTPScope, receive: Receive, session: AsyncSession
) -> list[Held]:
    idempotency: _Idempotency | None = None
    key = _header(scope, b"idempotency-key")
    caller: Any = scope.get("user")
    if isinstance(caller, Principal):
        try:
            await admit(scope, session, caller)
        except DealRegError as exc:
            await session.rollback()
            return _problem(exc, scope)
    # Only an authenticated POST is remembered: the token endpoint's answer is a secret.
    if key is not None and scope["method"] == "POST" and isinstance(caller, Principal):
        if not 0 < len(key) <= MAX_KEY_LENGTH or not key.isprintable():
            return _problem(
                InvalidIdempotencyKey(
                    f"An Idempotency-Key is 1 to {MAX_KEY_LENGTH} printable characters."
                ),
                scope,
            )
        limit = scope["litestar_app"].state.settings.max_request_body_bytes
        try:
            body = await _read_body(receive, limit)
        except _Disconnected:
            return []  # nobody is listening for an answer
        except _BodyTooLarge:
            return _problem(PayloadTooLarge(f"The request body is over {limit} bytes."), scope)
        receive = _replay_receive(body)
        sealer = scope["litestar_app"].state.sealer
        idempotency = _Idempotency(caller, key, _fingerprint(scope, body), sealer)
        answered = await idempotency.precheck(session, scope)
        if answered is not None:
            await session.rollback()
            return answered

    messages: list[Held] = []

    async def capture(message: Message) -> None:
        messages.append(dict(message))

    await app(scope, receive, capture)
    if not messages or messages[0]["type"] != "http.response.start":
        await session.rollback()
        return messages
    if messages[0]["status"] >= 400 and not scope["state"].get(_REFUSAL_STANDS_KEY):
        await session.rollback()
        return messages
    try:
        if idempotency is not None:
            await idempotency.remember(session, messages)
        await session.commit()
    except Exception as exc:
        log.exception("commit failed", path=scope["path"])
        await session.rollback()
        # The connection may have dropped after the commit reached the database: whether it
        # took is unknown, and only a retry under the same key is sure to do it once.
        detail = (
            "Whether the request took effect is unknown. Retry it with the same Idempotency-Key "
            "(a retry without one may do it twice); check its effect first if it had none."
        )
        busy = unavailable(exc)
        return _problem(
            ServiceUnavailable(detail, retry_after=5) if busy else InternalError(detail), scope
        )
    return messages
