"""Strict queries: a query parameter the operation does not take is a 400 naming it, so a typo
(`?staus=approved`) is refused rather than quietly answered with every status.

The parameters each operation takes are read once, when the app is built, from what Litestar
parsed of its handler (its own and its dependencies' query parameters, by the names clients send):
each route's `route_handler_map` holds, beside each handler, the `KwargsModel` Litestar decodes
requests with, so the check cannot disagree with the decoding. They are checked by one middleware
after authentication, before any transaction or handler runs.

A handler that must accept keys it does not know sets `opt={ANY_QUERY: True}` and says why.
"""

from collections.abc import Mapping
from urllib.parse import parse_qsl

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.exceptions import ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Receive, Scope, Send

ANY_QUERY = "any_query"
_STATE_KEY = "query_parameters"

# handler id -> the names its query may carry; None: any.
Taken = Mapping[int, frozenset[str] | None]


def _taken(app: Litestar) -> dict[int, frozenset[str] | None]:
    taken: dict[int, frozenset[str] | None] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler, kwargs_model in route.route_handler_map.values():
            taken[id(handler)] = (
                None
                if handler.opt.get(ANY_QUERY)
                else frozenset(param.field_alias for param in kwargs_model.expected_query_params)
            )
    return taken


def install(app: Litestar) -> None:
    """Record each operation's query parameters for the middleware (after the routes exist)."""
    app.state[_STATE_KEY] = _taken(app)


def _unknown(scope: Scope) -> tuple[list[str], frozenset[str]] | None:
    handler = scope.get("route_handler")
    if not isinstance(handler, HTTPRouteHandler) or scope.get("method") == "OPTIONS":
        # A CORS preflight goes to the URL of the request it asks about, query and all; the
        # OPTIONS answer itself reads nothing from it.
        return None
    taken: Taken = scope["litestar_app"].state[_STATE_KEY]
    allowed = taken.get(id(handler))
    if allowed is None:
        return None
    sent = dict.fromkeys(
        name
        for name, _ in parse_qsl(
            scope["query_string"].decode("utf-8", "replace"), keep_blank_values=True
        )
    )
    unknown = [name for name in sent if name not in allowed]
    return (unknown, allowed) if unknown else None


def strict_query_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and (found := _unknown(scope)):
            unknown, allowed = found
            takes = ", ".join(sorted(allowed)) if allowed else "none"
            raise ValidationException(
                detail="The query carries a parameter this operation does not take.",
                extra=[
                    {
                        "key": name,
                        "message": f"Unknown query parameter {name!r}; this operation takes: "
                        f"{takes}.",
                        "source": "query",
                        "code": "unknown_field",
                        "params": {"allowed": sorted(allowed)},
                    }
                    for name in unknown
                ],
            )
        await app(scope, receive, send)

    return middleware
