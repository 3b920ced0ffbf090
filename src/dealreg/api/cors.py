"""CORS for the origins in `DEALREG_CORS_ORIGINS`: a browser app on one of them may call the API
with a bearer token; nothing else changes, and with none configured no answer carries a CORS field.

Not Litestar's `CORSConfig`: its middleware writes Expose-Headers, Allow-Headers and Allow-Methods
on answers to every origin, allowed or not, replaces a `Vary` the answer already has, answers a
refused preflight with a text/plain 400, and takes every OPTIONS with an Origin for a preflight,
on paths that do not exist too. Here one `before_send` hook adds the fields to answers the app
gave anyway (so 401s, 404s and 429s carry them, and a browser can read the problem), and a
preflight is Litestar's own answer to OPTIONS on the route, which names the route's methods.

Credentials mode is never allowed: the API's credential is the Authorization header, which a
script sets, not a cookie a browser would attach by itself.
"""

from litestar.datastructures import Headers, MutableScopeHeaders
from litestar.types import Message, Scope

# The request fields a client sends beyond the CORS-safelisted ones.
ALLOWED_HEADERS = (
    "Accept-Language",
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
)
# The answer fields a client reads beyond the safelisted ones (Content-Language is one of those).
EXPOSED_HEADERS = (
    "Content-Disposition",
    "ETag",
    "Idempotent-Replayed",
    "Location",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "WWW-Authenticate",
    "X-Request-ID",
)
# How long a browser keeps a preflight's answer: Chromium caps it at two hours, Firefox at a day.
PREFLIGHT_MAX_AGE = 7200

_ALLOWED = frozenset(name.lower() for name in ALLOWED_HEADERS)


def _add_vary_origin(headers: MutableScopeHeaders) -> None:
    """Every answer varies by Origin once CORS is on: a cache must not hand one origin's answer,
    or an answer to no origin, to another."""
    vary = headers.get("vary")
    if vary is None:
        headers["Vary"] = "Origin"
    elif "origin" not in {part.strip().lower() for part in vary.split(",")}:
        headers["Vary"] = f"{vary}, Origin"


def _preflight_passes(request: Headers, answer: MutableScopeHeaders) -> bool:
    """The method asked about is one the route takes (Litestar's OPTIONS answer lists them in
    `Allow`) and every header asked about is allowed."""
    methods = {part.strip() for part in (answer.get("allow") or "").split(",")}
    asked_headers = {
        part.strip().lower()
        for part in request.get("access-control-request-headers", "").split(",")
        if part.strip()
    }
    return request["access-control-request-method"] in methods and asked_headers <= _ALLOWED


class Cors:
    """`before_send` hook answering CORS for `origins` (exact, as browsers send them)."""

    def __init__(self, origins: frozenset[str]) -> None:
        self.origins = origins

    async def __call__(self, message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        _add_vary_origin(headers)
        request = Headers.from_scope(scope)
        origin = request.get("origin")
        if origin is None or origin not in self.origins:
            return
        if scope.get("method") == "OPTIONS" and "access-control-request-method" in request:
            if message["status"] >= 300 or not _preflight_passes(request, headers):
                return
            headers["Access-Control-Allow-Methods"] = headers.get("allow") or ""
            headers["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
            headers["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
        headers["Access-Control-Allow-Origin"] = origin
