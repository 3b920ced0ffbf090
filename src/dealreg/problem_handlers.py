"""The API's exception handlers: every error a request meets answered as an RFC 9457 problem
(errors.py), in the language the caller asked for.

A domain's `DealRegError` is answered as it says; Litestar's own HTTP exceptions (routing 404/405,
413, malformed bodies) keep stable types; a body or parameter that does not validate lists every
invalid field with its code (validation.py); a database that cannot serve now is a 503 to retry;
anything unexpected is a 500 that never shows internals.
"""

import re
from http import HTTPStatus
from typing import Any

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
from sqlalchemy.orm.exc import StaleDataError

from dealreg import i18n, validation
from dealreg.errors import (
    HTTP_TYPES,
    DealRegError,
    FieldError,
    InternalError,
    InvalidInput,
    StaleVersion,
    error_body,
    field_error,
    problem_response,
    request_language,
    unavailable,
)
from dealreg.i18n import N_

log = structlog.get_logger("dealreg.errors")


def _dealreg_error(request: Request[Any, Any, Any], exc: DealRegError) -> Response[bytes]:
    language = request_language(request)
    return Response(
        content=error_body(exc, request.url.path, language),
        status_code=exc.status,
        media_type=exc.media_type,
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
    type_, title = HTTP_TYPES.get(status, ("http-error", HTTPStatus(status).phrase))
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
