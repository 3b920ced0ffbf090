"""RFC 9457 problem details: the one shape every error of the API takes.

Domain errors subclass `DealRegError` with their HTTP status and a stable problem `type`; they are
business outcomes, not crashes. Field errors carry a JSON Pointer (or a parameter), a stable code
and its params, worded in the caller's language. problem_handlers.py answers every error a
request meets with these shapes.
"""

import socket
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar, Final

import msgspec
import structlog
from litestar import Request, Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError

from dealreg import i18n
from dealreg.i18n import N_, Np_

PROBLEM_BASE = "https://dealreg.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
# RFC 6749 §5.2 names the type of the token endpoint's errors; OAuth clients (oauth4webapi
# among them) refuse an error answer in any other. The body is a problem all the same.
OAUTH_ERROR_MEDIA_TYPE = "application/json"

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
    media_type: ClassVar[str] = PROBLEM_MEDIA_TYPE

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
HTTP_TYPES: dict[int, tuple[str, str]] = {
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
