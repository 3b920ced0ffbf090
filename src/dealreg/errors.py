"""RFC 9457 problem details: the one shape every error of the API takes.

Domain errors subclass `DealRegError` with their HTTP status and a stable problem `type`; they are
business outcomes, not crashes. `exception_handlers()` maps them, Litestar's own HTTP exceptions
(routing 404/405, 413, malformed bodies, validation) and anything unexpected (a 500 that never
shows internals) to `application/problem+json`.
"""

import re
import socket
import uuid
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, ClassVar

import msgspec
import structlog
from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    SerializationException,
    ValidationException,
)
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm.exc import StaleDataError

PROBLEM_BASE = "https://dealreg.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = structlog.get_logger("dealreg.errors")


class FieldError(msgspec.Struct, frozen=True, omit_defaults=True):
    """One invalid input and why: a body field by JSON Pointer, or a named parameter (query, path
    or header, given in `location`); `vendor_id` names the vendor whose rule it breaks."""

    detail: str
    pointer: str | None = None
    parameter: str | None = None
    location: str | None = None
    vendor_id: uuid.UUID | None = None


class DealRegError(Exception):
    """A rule said no. Subclasses set `status`, `type` and `title`; instances carry the detail."""

    status: ClassVar[int] = 400
    type: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[FieldError] | None = None,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})


class NotFound(DealRegError):
    status, type, title = 404, "not-found", "Not found"


class Conflict(DealRegError):
    status, type, title = 409, "conflict", "Conflict"


class InvalidInput(DealRegError):
    """Input that is well-formed but breaks a rule: a 422 that names the offending fields."""

    status, type, title = 422, "validation-error", "The request is not valid"


class Unauthenticated(DealRegError):
    status, type, title = 401, "unauthenticated", "Authentication required"


class Forbidden(DealRegError):
    status, type, title = 403, "forbidden", "Not allowed"


class PayloadTooLarge(DealRegError):
    status, type, title = 413, "payload-too-large", "Request body too large"


class StaleVersion(DealRegError):
    """A change made against a version of a resource that is no longer current."""

    status, type, title = 412, "stale-version", "The resource has changed"


class PreconditionRequired(DealRegError):
    status, type, title = 428, "precondition-required", "If-Match required"


class InternalError(DealRegError):
    status, type, title = 500, "internal-error", "Internal server error"


class ServiceUnavailable(DealRegError):
    """The request could not be served now (no database connection free in time, the database
    away, a statement past its time limit); nothing was written, and it may be retried."""

    status, type, title = 503, "service-unavailable", "Service unavailable"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


# query_canceled (statement_timeout), admin_shutdown, crash_shutdown, cannot_connect_now.
_UNAVAILABLE_STATES = {"57014", "57P01", "57P02", "57P03"}
# connection_exception, insufficient_resources (too many connections, out of memory or disk).
_UNAVAILABLE_CLASSES = ("08", "53")


def unavailable(exc: BaseException) -> ServiceUnavailable | None:
    """The 503 to answer for `exc` when it says the database cannot serve now rather than that
    the request is wrong; None for any other failure."""
    if isinstance(exc, SQLAlchemyTimeoutError):
        return ServiceUnavailable(
            "The service is busy: no database connection came free in time. Retry shortly.",
            retry_after=2,
        )
    if isinstance(exc, DBAPIError):
        sqlstate = str(getattr(exc.orig, "sqlstate", None) or "")
        if sqlstate == "57014":
            return ServiceUnavailable(
                "The request took longer than the service allows and was stopped. Retry later, "
                "or ask for less (a shorter period, a narrower scope).",
                retry_after=30,
            )
        if (
            exc.connection_invalidated
            or sqlstate in _UNAVAILABLE_STATES
            or sqlstate.startswith(_UNAVAILABLE_CLASSES)
        ):
            return _database_away()
        return None
    # asyncpg's own connect fails with these (refused, reset, no such host, no answer); other
    # operating-system errors are bugs to see, not an outage to hide.
    if isinstance(exc, ConnectionError | socket.gaierror | TimeoutError):
        return _database_away()
    return None


def _database_away() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database cannot be reached just now. Retry shortly.", retry_after=5
    )


# Litestar raises these itself (routing, body limits, guards); each keeps a stable type.
_HTTP_TYPES: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("payload-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
}


_STANDARD_MEMBERS = frozenset({"type", "title", "status", "detail", "instance", "errors"})


def problem_body(
    *,
    status: int,
    type_: str,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> bytes:
    """The one encoding of a problem document, whoever answers with it."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + type_,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    if extra:
        # Extension members add to a problem; they never replace its standard members.
        body.update({k: v for k, v in extra.items() if k not in _STANDARD_MEMBERS})
    return msgspec.json.encode(body)


def error_body(exc: DealRegError, instance: str | None) -> bytes:
    return problem_body(
        status=exc.status,
        type_=exc.type,
        title=exc.title,
        detail=exc.detail,
        instance=instance,
        errors=exc.errors,
        extra=exc.extra,
    )


def problem_response(
    *,
    status: int,
    type_: str,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response[bytes]:
    return Response(
        content=problem_body(
            status=status,
            type_=type_,
            title=title,
            detail=detail,
            instance=instance,
            errors=errors,
        ),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def _dealreg_error(request: Request[Any, Any, Any], exc: DealRegError) -> Response[bytes]:
    return Response(
        content=error_body(exc, request.url.path),
        status_code=exc.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=exc.headers,
    )


# msgspec names the field itself when an object lacks one or has one too many.
_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")


def _body_pointer(key: str, message: str) -> str:
    """A JSON Pointer into the body from Litestar's key: `lines[0].sku` → `/lines/0/sku`; the
    bare `data` is the body itself. A missing or unknown field is pointed at by its own name."""
    path = "" if key == "data" else key.replace("[", ".").replace("]", "")
    pointer = "".join(f"/{part}" for part in path.split(".") if part)
    named = _NAMED_FIELD.search(message)
    return pointer + f"/{named.group(1)}" if named else pointer


def _body_message(message: str) -> str:
    # Litestar reports an absent body as the KeyError of its `data` argument.
    return "A JSON body is required." if message == "'data'" else message


def _parameter_name(request: Request[Any, Any, Any], key: str) -> str:
    """The name a client sends a parameter by: Litestar reports the handler argument's (`start`),
    which differs where the parameter is renamed (`from`, a Python keyword)."""
    handler = request.scope.get("route_handler")
    parameter = handler.parsed_fn_signature.parameters.get(key) if handler else None
    kwarg = parameter.kwarg_definition if parameter is not None else None
    return getattr(kwarg, "name", None) or key


def _field_errors(
    request: Request[Any, Any, Any], exc: ValidationException
) -> tuple[list[FieldError], bool]:
    """Litestar's validation `extra` as field errors, and whether they all concern the body."""
    errors: list[FieldError] = []
    all_body = True
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if not isinstance(item, dict):
            continue
        source = item.get("source", "body")
        source = str(getattr(source, "value", source))
        key = str(item.get("key", ""))
        message = str(item.get("message", ""))
        if source == "body":
            errors.append(
                FieldError(detail=_body_message(message), pointer=_body_pointer(key, message))
            )
        else:
            all_body = False
            errors.append(
                FieldError(detail=message, parameter=_parameter_name(request, key), location=source)
            )
    return errors, all_body


def _validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[bytes]:
    errors, all_body = _field_errors(request, exc)
    if all_body:
        return problem_response(
            status=422,
            type_="validation-error",
            title="The request is not valid",
            detail="The request body does not match the schema.",
            instance=request.url.path,
            errors=errors,
        )
    return problem_response(
        status=400,
        type_="invalid-parameter",
        title="Invalid parameter",
        detail="A path, query or header parameter is not valid.",
        instance=request.url.path,
        errors=errors,
    )


def _http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    status = exc.status_code
    if status >= 500:
        return _internal_error(request, exc)
    if isinstance(exc.__cause__, SerializationException):
        content_type = request.headers.get("content-type", "")
        if content_type and "json" not in content_type:
            return problem_response(
                status=415,
                type_="unsupported-media-type",
                title="Unsupported media type",
                detail=f"Send the body as application/json, not {content_type}.",
                instance=request.url.path,
            )
        return problem_response(
            status=400,
            type_="malformed-body",
            title="Malformed request body",
            detail="The request body is not valid JSON.",
            instance=request.url.path,
        )
    type_, title = _HTTP_TYPES.get(status, ("http-error", HTTPStatus(status).phrase))
    headers = dict(exc.headers or {})
    if isinstance(exc, NotAuthorizedException):
        headers.setdefault("WWW-Authenticate", 'Bearer realm="dealreg"')
    detail = exc.detail if exc.detail and exc.detail != HTTPStatus(status).phrase else title + "."
    if isinstance(exc, PermissionDeniedException) and not exc.detail:
        detail = "This token may not do that."
    return problem_response(
        status=status,
        type_=type_,
        title=title,
        detail=detail,
        instance=request.url.path,
        headers=headers,
    )


def _internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    log.error("unhandled error", path=request.url.path, exc_info=exc)
    return _dealreg_error(
        request, InternalError("Something went wrong on our side; the request was not completed.")
    )


def _stale_data(request: Request[Any, Any, Any], exc: StaleDataError) -> Response[bytes]:
    # Two writers read the same version; the other one committed first.
    return _dealreg_error(
        request,
        StaleVersion(
            "Another change was committed first; fetch the resource again and reapply yours."
        ),
    )


def _data_error(request: Request[Any, Any, Any], exc: DBAPIError) -> Response[bytes]:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate in _UNSTORABLE_TEXT:
        return _dealreg_error(
            request,
            InvalidInput(
                "Text may not contain NUL characters or characters the database cannot store."
            ),
        )
    return _unexpected(request, exc)


def _unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    """A 503 when the database cannot serve now, else a 500."""
    busy = unavailable(exc)
    if busy is not None:
        log.warning("database unavailable", path=request.url.path, exc_info=exc)
        return _dealreg_error(request, busy)
    return _internal_error(request, exc)


# character_not_in_repertoire, untranslatable_character: text PostgreSQL cannot store (NUL).
_UNSTORABLE_TEXT = {"22021", "22P05"}


def exception_handlers() -> ExceptionHandlersMap:
    return {
        StaleDataError: _stale_data,
        DBAPIError: _data_error,
        DealRegError: _dealreg_error,
        ValidationException: _validation_error,
        HTTPException: _http_exception,
        Exception: _unexpected,
    }
