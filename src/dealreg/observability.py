"""structlog JSON logs, and a request id on every request: taken from `X-Request-ID` when the
caller sent a sane one, else made; bound to every log line of the request; returned on every
response, errors included.

Litestar turns exceptions into responses outside the route's middleware, and answers unknown
routes without any, so the header and the access log line are written by an app-level
`before_send` hook, which sees every response; the middleware only binds the id for the logs
written while the handler runs.
"""

import logging
import re
import sys
import time
import traceback
import uuid
from typing import Any

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy.exc import StatementError
from structlog.typing import EventDict, Processor, WrappedLogger

from dealreg.metrics import observe_request

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_STATE_KEY = "dealreg.request"

log = structlog.get_logger("dealreg.http")


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and what it was raised from or while handling, outermost first, as Python shows."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return chain


def _withheld(exc: BaseException) -> str:
    """What may be said of a database error: its SQL (placeholders, never values) and codes."""
    said = ["message withheld: it may quote the values the statement was given"]
    if isinstance(exc, StatementError):
        said.append(f"[SQL: {exc.statement}]")
    for name in ("sqlstate", "constraint_name", "table_name", "column_name"):
        value = getattr(exc, name, None)
        if isinstance(value, str):
            said.append(f"{name}={value}")
    return "; ".join(said)


def _format(exc: BaseException, withheld_from: int) -> str:
    """The traceback Python would print, the messages of the chain's exceptions from index
    `withheld_from` (outermost first) on replaced by what `_withheld` says of them."""
    chain = _causes(exc)
    parts: list[str] = []
    for index in reversed(range(len(chain))):
        error = chain[index]
        if index < len(chain) - 1:
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if error.__cause__ is chain[index + 1]
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(error.__traceback__))
        message = _withheld(error) if index >= withheld_from else str(error)
        parts.append(f"{type(error).__module__}.{type(error).__qualname__}: {message}\n")
    return "".join(parts)


def withhold_database_values(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    """structlog processor: a logged database error loses its message, and so do the errors it
    was raised from. The engine's `hide_parameters` keeps bound values out of SQLAlchemy's own
    text only: asyncpg's message quotes the value it could not encode (`invalid input for query
    argument $1: datetime.datetime(...)`), the Python error under it does too, and PostgreSQL's
    quote the input it rejected. Other exceptions are formatted as usual (format_exc_info)."""
    exc_info = event.get("exc_info")
    if not exc_info:
        return event
    if isinstance(exc_info, BaseException):
        exc: BaseException | None = exc_info
    elif isinstance(exc_info, tuple):
        exc = exc_info[1]
    else:
        exc = sys.exc_info()[1]
    if exc is None:
        return event
    chain = _causes(exc)
    database = [i for i, error in enumerate(chain) if _is_database_error(error)]
    if database:
        del event["exc_info"]
        event["exception"] = _format(exc, database[0])
    return event


def _is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, StatementError) or type(exc).__module__.startswith("asyncpg.")


class _StdoutHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to `sys.stdout` as it is when a line is written, where structlog's lines go: a
    stream taken once would outlive a replaced stdout (a test's capture)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stdout
        super().emit(record)


# The standard library's loggers (Dramatiq's, with a failed job's traceback; asyncio's; granian's)
# write through this one handler.
_STDLIB_HANDLER = _StdoutHandler()


def configure_logging(level: str, *, json: bool) -> None:
    """structlog's lines, and the standard library's through the same processors: one format,
    and nothing logged by a library escapes `withhold_database_values`."""
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        withhold_database_values,
        structlog.processors.format_exc_info,
    ]
    structlog.configure(
        processors=[*shared, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        cache_logger_on_first_use=True,
    )
    _STDLIB_HANDLER.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_logger_name, *shared],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    if _STDLIB_HANDLER not in root.handlers:
        root.addHandler(_STDLIB_HANDLER)
    root.setLevel(level)
    # Authlib logs every token it issues (access and refresh) at DEBUG: never below INFO.
    logging.getLogger("authlib").setLevel(max(logging.INFO, logging.getLevelName(level)))


def _request_info(scope: Scope) -> dict[str, Any]:
    """The request's id and start time, made on first use and kept in the scope's state."""
    state: dict[str, Any] = scope.setdefault("state", {})
    info: dict[str, Any] | None = state.get(_STATE_KEY)
    if info is None:
        incoming = next((v for k, v in scope.get("headers", []) if k == b"x-request-id"), b"")
        text = incoming.decode("latin-1")
        info = {
            "id": text if _SANE_REQUEST_ID.match(text) else uuid.uuid4().hex,
            "started": time.perf_counter(),
        }
        state[_STATE_KEY] = info
    return info


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        with structlog.contextvars.bound_contextvars(request_id=_request_info(scope)["id"]):
            await app(scope, receive, send)

    return middleware


# What every answer carries unless it says otherwise. Nothing is to be kept (a read that is
# meant to be revalidated by its ETag says `private, no-cache` itself: api/conditional.py), no
# content is to be sniffed into another type, and the server names no software: granian adds
# `server: granian` to an answer without a Server header and has no switch to leave it out
# (granian#594), so the app sends one with nothing in it.
_DEFAULT_HEADERS = (
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"server", b""),
)


async def stamp_response(message: Message, scope: Scope) -> None:
    """`before_send` hook: add `X-Request-ID` and the default headers, write the access log
    line, count the request."""
    if message["type"] != "http.response.start":
        return
    info = _request_info(scope)
    # The route's template, not its path: one series per route, whatever the ids in it.
    route = scope.get("path_template") or "unmatched"
    observe_request(route, str(scope.get("method", "")), message["status"], info["started"])
    headers = list(message.get("headers", []))
    present = {bytes(name).lower() for name, _ in headers}
    headers += [(name, value) for name, value in _DEFAULT_HEADERS if name not in present]
    message["headers"] = [*headers, (b"x-request-id", info["id"].encode())]
    log.info(
        "request",
        request_id=info["id"],
        method=scope.get("method"),
        path=scope.get("path"),
        status=message["status"],
        duration_ms=round((time.perf_counter() - info["started"]) * 1000, 2),
    )
