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
from typing import Any, ClassVar, Final

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
from litestar.types import Empty, ExceptionHandlersMap
from litestar.utils.scope.state import ScopeState
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm.exc import StaleDataError

from dealreg import i18n, validation
from dealreg.i18n import N_, Np_

PROBLEM_BASE = "https://dealreg.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = structlog.get_logger("dealreg.errors")


class FieldError(msgspec.Struct, frozen=True, omit_defaults=True):
    """One invalid input and why: a body field by JSON Pointer, or a named parameter (query, path
    or header, given in `location`); `vendor_id` names the vendor whose rule it breaks.

    `code` is stable for machines (`FIELD_MESSAGES` lists the common ones), `params` carries
    the limits it was checked against, and `detail` says it to a person. Build one with
    `field_error`, which words the detail from the code; a rule that says more gives its own."""

    detail: str
    code: str
    params: dict[str, Any] = msgspec.field(default_factory=dict)
    pointer: str | None = None
    parameter: str | None = None
    location: str | None = None
    vendor_id: uuid.UUID | None = None


# What each code says to a person; `count` is the limit a plural form agrees with.
FIELD_MESSAGES: Final[dict[str, str | tuple[str, str]]] = {
    "required": N_("This field is required."),
    "unknown_field": N_("This field is not accepted here."),
    "too_long": Np_("At most %(count)s character.", "At most %(count)s characters."),
    "too_short": Np_("At least %(count)s character.", "At least %(count)s characters."),
    "too_many": Np_("At most %(count)s item.", "At most %(count)s items."),
    "too_few": Np_("At least %(count)s item.", "At least %(count)s items."),
    "pattern": N_("This value is not in the expected format."),
    "minimum": N_("At least %(minimum)s."),
    "exclusive_minimum": N_("More than %(exclusive_minimum)s."),
    "maximum": N_("At most %(maximum)s."),
    "exclusive_maximum": N_("Less than %(exclusive_maximum)s."),
    "enum": N_("Choose one of: %(allowed)s."),
    "type": N_("Expected %(expected)s."),
    "format": N_("Not a valid %(format)s."),
    "invalid": N_("This value is not valid."),
    "not_in_catalogue": N_("%(value)s is not in the catalogue."),
    "duplicate": N_("This value is given twice."),
    "range": N_("From %(minimum)s to %(maximum)s."),
    "one_of": N_("Give exactly one of: %(fields)s."),
    "not_found": N_("No such item, or not one you may use."),
    "not_allowed": N_("This value is not allowed here."),
    "not_enrolled": N_("Not an active partnership."),
    "ambiguous": N_("Several match; name one."),
    "mixed_programs": N_(
        "These products belong to different programs; register them in separate deals."
    ),
    "no_lines": N_("No line of the deal is for this vendor."),
    "in_future": N_("This may not be in the future."),
    "mismatch": N_("The two values differ."),
    "too_common": N_("This password is too common; choose another."),
    "personal": N_("A password may not contain your email address or your name."),
    "invalid_characters": N_("This contains characters that are not allowed."),
    "redirect_uri": N_("Not a redirect URI that can be registered."),
    "unsafe_url": N_("Not an address dealreg will call."),
    "too_deep": N_("Nested deeper than %(max_depth)s levels."),
}
# The counted limit of each plural message, by the name its params give it.
_COUNTS = {
    "too_long": "max_length",
    "too_short": "min_length",
    "too_many": "max_items",
    "too_few": "min_items",
}
# JSON's types and the formats of the API, as a person reads them.
_TYPE_NAMES = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "object": N_("an object"),
    "array": N_("a list"),
    "null": N_("null"),
}
_FORMAT_NAMES = {
    "date": N_("date (YYYY-MM-DD)"),
    "date-time": N_("date and time with a UTC offset (ISO 8601)"),
    "time": N_("time"),
    "uuid": N_("UUID"),
    "duration": N_("duration (ISO 8601)"),
    "email": N_("email address"),
    "uri": N_("URI"),
    "domain": N_("domain name"),
}


def field_message(code: str, params: Mapping[str, Any], language: str) -> str | None:
    """The standard wording of `code` with `params` in `language`; None for a code without one."""
    if code in ("minimum", "maximum") and f"exclusive_{code}" in params:
        code = f"exclusive_{code}"
    message = FIELD_MESSAGES.get(code)
    if message is None:
        return None
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if name == "expected":
            names: list[str] = value if isinstance(value, list) else [value]
            value = ", ".join(i18n.gettext(language, _TYPE_NAMES.get(n) or n) for n in names)
        elif name == "format":
            value = i18n.gettext(language, _FORMAT_NAMES.get(value) or str(value))
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        shown[name] = value
    if isinstance(message, tuple):
        count = params.get(_COUNTS[code])
        if not isinstance(count, int):
            return None
        return i18n.ngettext(language, message, count, **shown)
    try:
        return i18n.gettext(language, message) % shown
    except KeyError:  # a code used without the params its wording needs
        return None


def field_error(
    code: str,
    *,
    pointer: str | None = None,
    parameter: str | None = None,
    location: str | None = None,
    vendor_id: uuid.UUID | None = None,
    detail: str | None = None,
    **params: Any,
) -> FieldError:
    """A field error with the standard wording of `code`, or `detail` when the rule says more."""
    worded = detail or field_message(code, params, i18n.DEFAULT_LANGUAGE)
    return FieldError(
        detail=worded or code,
        code=code,
        params=params,
        pointer=pointer,
        parameter=parameter,
        location=location,
        vendor_id=vendor_id,
    )


def localize_field_error(error: FieldError, language: str) -> FieldError:
    """`error` told in `language`: its code's standard wording, or a rule's own detail when the
    catalogue translates it."""
    if language == i18n.DEFAULT_LANGUAGE:
        return error
    if error.detail != field_message(error.code, error.params, i18n.DEFAULT_LANGUAGE):
        translated = i18n.gettext(language, error.detail)
        if translated != error.detail:
            return msgspec.structs.replace(error, detail=translated)
    # A rule's own words the catalogue lacks (they name a vendor, a value): its code's, told.
    detail = field_message(error.code, error.params, language) or error.detail
    return msgspec.structs.replace(error, detail=detail)


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
            N_("The service is busy: no database connection came free in time. Retry shortly."),
            retry_after=2,
        )
    if isinstance(exc, DBAPIError):
        sqlstate = str(getattr(exc.orig, "sqlstate", None) or "")
        if sqlstate == "57014":
            return ServiceUnavailable(
                N_(
                    "The request took longer than the service allows and was stopped. Retry "
                    "later, or ask for less (a shorter period, a narrower scope)."
                ),
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
        N_("The database cannot be reached just now. Retry shortly."), retry_after=5
    )


# Litestar raises these itself (routing, body limits, guards); each keeps a stable type.
_HTTP_TYPES: dict[int, tuple[str, str]] = {
    400: ("bad-request", N_("Bad request")),
    401: ("unauthenticated", N_("Authentication required")),
    403: ("forbidden", N_("Not allowed")),
    404: ("not-found", N_("Not found")),
    405: ("method-not-allowed", N_("Method not allowed")),
    406: ("not-acceptable", N_("Not acceptable")),
    409: ("conflict", N_("Conflict")),
    413: ("payload-too-large", N_("Request body too large")),
    415: ("unsupported-media-type", N_("Unsupported media type")),
    429: ("too-many-requests", N_("Too many requests")),
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
    language: str = i18n.DEFAULT_LANGUAGE,
) -> bytes:
    """The one encoding of a problem document, whoever answers with it, told in `language` (its
    title, a detail the catalogue has, every field error)."""
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + type_,
        "title": i18n.gettext(language, title),
        "status": status,
        "detail": i18n.gettext(language, detail),
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = [localize_field_error(error, language) for error in errors]
    if extra:
        # Extension members add to a problem; they never replace its standard members.
        body.update({k: v for k, v in extra.items() if k not in _STANDARD_MEMBERS})
    return msgspec.json.encode(body)


def error_body(
    exc: DealRegError, instance: str | None, language: str = i18n.DEFAULT_LANGUAGE
) -> bytes:
    return problem_body(
        status=exc.status,
        type_=exc.type,
        title=exc.title,
        detail=exc.detail,
        instance=instance,
        errors=exc.errors,
        extra=exc.extra,
        language=language,
    )


def request_language(request: Request[Any, Any, Any]) -> str:
    """The language to answer `request` in, from its Accept-Language."""
    return i18n.negotiate(request.headers.get("accept-language"))


def problem_response(
    *,
    status: int,
    type_: str,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    language: str = i18n.DEFAULT_LANGUAGE,
) -> Response[bytes]:
    return Response(
        content=problem_body(
            status=status,
            type_=type_,
            title=title,
            detail=detail,
            instance=instance,
            errors=errors,
            language=language,
        ),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={**(headers or {}), "Content-Language": language},
    )


def _dealreg_error(request: Request[Any, Any, Any], exc: DealRegError) -> Response[bytes]:
    language = request_language(request)
    return Response(
        content=error_body(exc, request.url.path, language),
        status_code=exc.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers={**exc.headers, "Content-Language": language},
    )


# msgspec names the field itself when an object lacks one or has one too many.
_NAMED_FIELD = re.compile(r"(?:unknown|missing required) field `([^`]+)`")
# msgspec's own messages as codes, for the errors only msgspec finds (a query parameter's, a
# naive time where an offset is needed): (message, code, name of the limit it carries).
_MSGSPEC_CODES: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(pattern), code, limit)
    for pattern, code, limit in [
        (r"^Object missing required field `", "required", None),
        (r"^Object contains unknown field `", "unknown_field", None),
        (r"^Expected `str` of length <= (\d+)", "too_long", "max_length"),
        (r"^Expected `str` of length >= (\d+)", "too_short", "min_length"),
        (r"^Expected `(?:array|object|set)` of length <= (\d+)", "too_many", "max_items"),
        (r"^Expected `(?:array|object|set)` of length >= (\d+)", "too_few", "min_items"),
        (r"^Expected `str` matching regex '(.*)'$", "pattern", "pattern"),
        (r"^Expected `(?:int|float)` >= (\S+)$", "minimum", "minimum"),
        (r"^Expected `(?:int|float)` > (\S+)$", "minimum", "exclusive_minimum"),
        (r"^Expected `(?:int|float)` <= (\S+)$", "maximum", "maximum"),
        (r"^Expected `(?:int|float)` < (\S+)$", "maximum", "exclusive_maximum"),
        (r"^Invalid enum value ", "enum", None),
        (r"^Expected `([^`]+)`, got `", "type", "expected"),
        (r"^Invalid (?:RFC3339 encoded )?(datetime|date|time|UUID|duration)", "format", "format"),
        (r"^Expected `(datetime|time)` with(?:out)? a timezone", "format", "format"),
    ]
]
# msgspec's names of types and formats, as JSON Schema says them.
_MSGSPEC_NAMES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "datetime": "date-time",
    "UUID": "uuid",
}


def _msgspec_code(message: str) -> tuple[str, dict[str, Any]]:
    """The code and params of one of msgspec's error messages; `invalid` for one it words
    otherwise (a rule of the type itself)."""
    for pattern, code, limit in _MSGSPEC_CODES:
        found = pattern.search(message)
        if found is None:
            continue
        if limit is None:
            return code, {}
        value: Any = found.group(1)
        if limit == "expected":
            value = sorted({_MSGSPEC_NAMES.get(n, n) for n in value.split(" | ")})
        elif limit == "format":
            value = _MSGSPEC_NAMES.get(value, value)
        elif limit != "pattern":
            value = int(value) if value.lstrip("-").isdigit() else float(value)
        return code, {limit: value}
    return "invalid", {}


def _body_pointer(key: str, message: str) -> str:
    """A JSON Pointer into the body from Litestar's key: `lines[0].sku` → `/lines/0/sku`; the
    bare `data` is the body itself. A missing or unknown field is pointed at by its own name."""
    path = "" if key == "data" else key.replace("[", ".").replace("]", "")
    pointer = "".join(f"/{part}" for part in path.split(".") if part)
    named = _NAMED_FIELD.search(message)
    return pointer + f"/{named.group(1)}" if named else pointer


def _body_error(key: str, message: str) -> FieldError:
    # Litestar reports an absent body as the KeyError of its `data` argument.
    if message == "'data'":
        return field_error("required", pointer="", detail=N_("A JSON body is required."))
    code, params = _msgspec_code(message)
    return field_error(code, pointer=_body_pointer(key, message), **params)


def _parameter_name(request: Request[Any, Any, Any], key: str) -> str:
    """The name a client sends a parameter by: Litestar reports the handler argument's (`start`),
    which differs where the parameter is renamed (`from`, a Python keyword)."""
    handler = request.scope.get("route_handler")
    parameter = handler.parsed_fn_signature.parameters.get(key) if handler else None
    kwarg = parameter.kwarg_definition if parameter is not None else None
    return getattr(kwarg, "name", None) or key


def _all_body_errors(request: Request[Any, Any, Any]) -> list[FieldError]:
    """Every way the request's body misses the handler's body type (validation.py); empty when
    there is no decoded body to check or the schema finds nothing msgspec did."""
    handler = request.scope.get("route_handler")
    data = handler.parsed_fn_signature.parameters.get("data") if handler else None
    body = ScopeState.from_scope(request.scope).json
    if data is None or body is Empty:
        return []
    return [
        field_error(issue.code, pointer=issue.pointer, **issue.params)
        for issue in validation.body_issues(data.annotation, body)
    ]


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
            errors.append(_body_error(key, message))
        else:
            all_body = False
            # A check of our own may say its code (api/queries.py); msgspec's are read off.
            code, params = (
                (str(item["code"]), dict(item.get("params") or {}))
                if "code" in item
                else _msgspec_code(message)
            )
            errors.append(
                field_error(
                    code,
                    parameter=_parameter_name(request, key),
                    location=source,
                    detail=message,
                    **params,
                )
            )
    return errors, all_body


def _validation_error(request: Request[Any, Any, Any], exc: ValidationException) -> Response[bytes]:
    language = request_language(request)
    errors, all_body = _field_errors(request, exc)
    if all_body:
        if not any(error.pointer == "" for error in errors):
            # msgspec stops at the first error; a form wants every one. msgspec's stays when
            # the schema cannot say its rule (a time without an offset).
            found = _all_body_errors(request)
            pointers = {error.pointer for error in found}
            errors = found + [error for error in errors if error.pointer not in pointers]
        return problem_response(
            status=422,
            type_="validation-error",
            title=InvalidInput.title,
            detail=N_("The request body does not match the schema."),
            instance=request.url.path,
            errors=errors[: validation.MAX_ISSUES],
            language=language,
        )
    return problem_response(
        status=400,
        type_="invalid-parameter",
        title=N_("Invalid parameter"),
        detail=N_("A path, query or header parameter is not valid."),
        instance=request.url.path,
        errors=errors,
        language=language,
    )


def _http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[bytes]:
    status = exc.status_code
    if status >= 500:
        return _internal_error(request, exc)
    language = request_language(request)
    if isinstance(exc.__cause__, SerializationException):
        content_type = request.headers.get("content-type", "")
        if content_type and "json" not in content_type:
            return problem_response(
                status=415,
                type_="unsupported-media-type",
                title=N_("Unsupported media type"),
                detail=i18n.gettext(
                    language,
                    N_("Send the body as application/json, not %(content_type)s."),
                    content_type=content_type,
                ),
                instance=request.url.path,
                language=language,
            )
        return problem_response(
            status=400,
            type_="malformed-body",
            title=N_("Malformed request body"),
            detail=N_("The request body is not valid JSON."),
            instance=request.url.path,
            language=language,
        )
    type_, title = _HTTP_TYPES.get(status, ("http-error", HTTPStatus(status).phrase))
    headers = dict(exc.headers or {})
    if isinstance(exc, NotAuthorizedException):
        headers.setdefault("WWW-Authenticate", 'Bearer realm="dealreg"')
    if exc.detail and exc.detail != HTTPStatus(status).phrase:
        detail = exc.detail
    else:
        detail = i18n.gettext(language, title) + "."
    if isinstance(exc, PermissionDeniedException) and not exc.detail:
        detail = N_("This token may not do that.")
    return problem_response(
        status=status,
        type_=type_,
        title=title,
        detail=detail,
        instance=request.url.path,
        headers=headers,
        language=language,
    )


def _internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[bytes]:
    log.error("unhandled error", path=request.url.path, exc_info=exc)
    return _dealreg_error(
        request,
        InternalError(N_("Something went wrong on our side; the request was not completed.")),
    )


def _stale_data(request: Request[Any, Any, Any], exc: StaleDataError) -> Response[bytes]:
    # Two writers read the same version; the other one committed first.
    return _dealreg_error(
        request,
        StaleVersion(
            N_("Another change was committed first; fetch the resource again and reapply yours.")
        ),
    )


def _data_error(request: Request[Any, Any, Any], exc: DBAPIError) -> Response[bytes]:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate in _UNSTORABLE_TEXT:
        return _dealreg_error(
            request,
            InvalidInput(
                N_("Text may not contain NUL characters or characters the database cannot store.")
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
