"""What the OpenAPI document says beyond what Litestar derives from each handler: the headers and
answers that the middleware and hooks give every route of a kind, which no handler declares.

Litestar documents a handler's own parameters, body and responses. What the unit of work
(`Idempotency-Key`), the rate limiter (`RateLimit`, `Retry-After`), the strict query check (400)
and the conditional helpers (`ETag` on 304 and 412) add is declared here, once, from the same
facts the server acts on, so a generated client knows every header the server enforces or sends.

`complete(app)` runs once, when the app is built, on the document Litestar generated (and keeps:
`/docs/openapi.json` and `dealreg openapi` both serve it). Another cross-cutting part of the
server declares itself here too: add a function over `_operations(app)` and call it from
`complete`.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    Reference,
    Schema,
)
from litestar.routes import HTTPRoute

from dealreg.api.unit_of_work import MAX_KEY_LENGTH, honours_idempotency_key
from dealreg.errors import PROBLEM_MEDIA_TYPE

IDEMPOTENCY_KEY = "Idempotency-Key"
ETAG = "ETag"
RATE_LIMIT = "RateLimit"
RATE_LIMIT_POLICY = "RateLimit-Policy"
RETRY_AFTER = "Retry-After"
IDEMPOTENT_REPLAYED = "Idempotent-Replayed"
CONTENT_LANGUAGE = "Content-Language"

_STRING = Schema(type=OpenAPIType.STRING)

HEADERS: dict[str, OpenAPIHeader] = {
    ETAG: OpenAPIHeader(
        description=(
            'Strong validator of the resource\'s version (`"<version>"`): send it back as '
            "If-Match to change the resource, or as If-None-Match to revalidate a copy."
        ),
        schema=Schema(type=OpenAPIType.STRING, pattern=r'^"[0-9]+"$', examples=['"3"']),
    ),
    RATE_LIMIT: OpenAPIHeader(
        description=(
            "What is left of each quota this request was counted against, and the seconds "
            'until it resets (IETF draft-ietf-httpapi-ratelimit-headers-09): `"caller";r=42;t=17`.'
        ),
        schema=Schema(type=OpenAPIType.STRING, examples=['"caller";r=42;t=17']),
    ),
    RATE_LIMIT_POLICY: OpenAPIHeader(
        description=(
            "Each quota this request was counted against: its name, size (q) and window in "
            'seconds (w): `"caller";q=600;w=60`.'
        ),
        schema=Schema(type=OpenAPIType.STRING, examples=['"caller";q=600;w=60']),
    ),
    RETRY_AFTER: OpenAPIHeader(
        description="Seconds to wait before retrying.",
        schema=Schema(type=OpenAPIType.INTEGER, minimum=0),
    ),
    CONTENT_LANGUAGE: OpenAPIHeader(
        description=(
            "The language of the problem's title and details: `en`, or `ro` when the request's "
            "Accept-Language prefers Romanian."
        ),
        schema=Schema(type=OpenAPIType.STRING, enum=["en", "ro"]),
    ),
    IDEMPOTENT_REPLAYED: OpenAPIHeader(
        description=(
            "`true` on the first answer to an Idempotency-Key, replayed to a retry: the request "
            "was not done again."
        ),
        schema=Schema(type=OpenAPIType.STRING, enum=["true"]),
    ),
}

PARAMETERS: dict[str, Parameter] = {
    IDEMPOTENCY_KEY: Parameter(
        name=IDEMPOTENCY_KEY,
        param_in="header",
        required=False,
        description=(
            "Makes a retry safe: the first completed answer to this key (per caller, kept 24 "
            "hours) is replayed to every retry with `Idempotent-Replayed: true`; the same key "
            "with another request is a 422, and while the first is still running a 409. Use a "
            "new key (a UUID) per intended action, and the same one for its retries."
        ),
        schema=Schema(
            type=OpenAPIType.STRING,
            min_length=1,
            max_length=MAX_KEY_LENGTH,
            # Printable ASCII: what the server takes (any printable character) and every HTTP
            # library sends as is.
            pattern=r"^[\x20-\x7e]+$",
            examples=["0b9e3c1e-6f0f-4d5a-9d7e-7b1f4c2a8e11"],
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class _Operation:
    method: str
    handler: HTTPRouteHandler
    operation: Operation


def complete(app: Litestar) -> None:
    """Add to `app`'s OpenAPI document what its handlers do not declare themselves."""
    document = app.openapi_schema
    components = document.components
    components.headers = {**(components.headers or {}), **HEADERS}
    components.parameters = {**(components.parameters or {}), **PARAMETERS}
    for found in _operations(app):
        _headers_are_strings(found.operation)
        _strict_query(found.operation)
        _bodies(found.operation)
        if honours_idempotency_key(found.handler, found.method):
            _idempotency(found.operation)
        # Last: over every response, the ones added above included.
        _validators(found.operation)
        _rate_limits(found.operation)
        _languages(found.operation)


def _operations(app: Litestar) -> Iterator[_Operation]:
    paths = app.openapi_schema.paths or {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            if not handler.resolve_include_in_schema():
                continue
            operation = getattr(paths[route.path_format or "/"], method.lower())
            if isinstance(operation, Operation):
                yield _Operation(method, handler, operation)


def _ref(kind: str, name: str) -> Reference:
    return Reference(ref=f"#/components/{kind}/{name}")


def _declare(response: OpenAPIResponse | Reference, *names: str) -> None:
    if isinstance(response, OpenAPIResponse):
        response.headers = {**(response.headers or {}), **{n: _ref("headers", n) for n in names}}


def _problem(operation: Operation, status: int, description: str) -> OpenAPIResponse | Reference:
    """The operation's problem response of `status`, added when it lists none."""
    responses = operation.responses or {}
    if str(status) not in responses:
        responses[str(status)] = OpenAPIResponse(
            description=description,
            content={PROBLEM_MEDIA_TYPE: OpenAPIMediaType(schema=_ref("schemas", "Problem"))},
        )
        operation.responses = dict(sorted(responses.items()))
    return responses[str(status)]


def _headers_are_strings(operation: Operation) -> None:
    """A header is sent or not, never null: Litestar's `str | None` (a header the server lets
    through when missing, to answer it itself) is declared as the string it is when sent."""
    for parameter in operation.parameters or []:
        if (
            isinstance(parameter, Parameter)
            and parameter.param_in == "header"
            and isinstance(parameter.schema, Schema)
            and parameter.schema.one_of
        ):
            kept = [
                branch
                for branch in parameter.schema.one_of
                if not (isinstance(branch, Schema) and branch.type == OpenAPIType.NULL)
            ]
            if len(kept) == 1 and isinstance(kept[0], Schema):
                parameter.schema = kept[0]


def _strict_query(operation: Operation) -> None:
    # queries.py: every operation refuses a query parameter it does not take.
    _problem(operation, 400, "Malformed request or invalid parameter")


def _validators(operation: Operation) -> None:
    """The ETag, declared with its schema wherever it is sent: beside a body (the handlers'
    own declarations), on a 304 (conditional.with_etag) and on a 412, which names the version
    that is current (preconditions.IfMatch.check)."""
    responses = operation.responses or {}
    for status, response in responses.items():
        if status in ("304", "412") or (
            isinstance(response, OpenAPIResponse) and ETAG in (response.headers or {})
        ):
            _declare(response, ETAG)


def _bodies(operation: Operation) -> None:
    """A body over the app's limit is a 413 (Litestar), one sent as another type a 415
    (errors.py)."""
    if operation.request_body is not None:
        _problem(operation, 413, "Request body over the size limit")
        _problem(operation, 415, "The body is not sent as application/json")


def _rate_limits(operation: Operation) -> None:
    """A request counted against a quota (authentication counts each authenticated one; the
    token endpoints count theirs: api/throttling.py) can be refused with a 429, and its
    answers carry where it stands; a 429 and a 503 say when to retry."""
    responses = operation.responses or {}
    if "429" in responses:
        for response in responses.values():
            _declare(response, RATE_LIMIT, RATE_LIMIT_POLICY)
        _declare(responses["429"], RETRY_AFTER)
    if "503" in responses:
        _declare(responses["503"], RETRY_AFTER)


def _idempotency(operation: Operation) -> None:
    """The unit of work's answers to an Idempotency-Key (api/unit_of_work.py)."""
    operation.parameters = [*(operation.parameters or []), _ref("parameters", IDEMPOTENCY_KEY)]
    for status, response in (operation.responses or {}).items():
        if status.startswith("2"):
            _declare(response, IDEMPOTENT_REPLAYED)
    _problem(operation, 400, "Malformed request or invalid parameter")
    in_use = _problem(operation, 409, "Conflicts with the current state")
    if isinstance(in_use, OpenAPIResponse) and "Idempotency-Key" not in in_use.description:
        in_use.description += (
            ", or a request with this Idempotency-Key is still being processed (retry after "
            "Retry-After)"
        )
    _declare(in_use, RETRY_AFTER)
    _problem(operation, 413, "Request body over the size limit")
    _problem(operation, 422, "Well-formed but invalid input")


def _languages(operation: Operation) -> None:
    """Every problem, an OAuth error's (application/json) too, says the language it is in."""
    for status, response in (operation.responses or {}).items():
        if isinstance(response, OpenAPIResponse) and status >= "400" and response.content:
            _declare(response, CONTENT_LANGUAGE)
