"""Strict queries: a query parameter the operation does not take is a 400 naming it, so a typo
(`?staus=approved`) is refused rather than quietly answered with every status.

The parameters each operation takes are read once, when the app is built, from what Litestar
parsed of its handler (its own and its dependencies' query parameters, by the names clients send):
each route's `route_handler_map` holds, beside each handler, the `KwargsModel` Litestar decodes
requests with, so the check cannot disagree with the decoding. They are checked by one middleware
after authentication, before any transaction or handler runs.

A handler that must accept keys it does not know sets `opt={ANY_QUERY: True}` and says why; one
that accepts a family of them names their prefixes, `opt={QUERY_PREFIXES: ("utm_",)}`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.exceptions import ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, Receive, Scope, Send

ANY_QUERY = "any_query"
QUERY_PREFIXES = "query_prefixes"
_STATE_KEY = "query_parameters"


@dataclass(frozen=True)
class _Takes:
    names: frozenset[str]
    # Names starting with one of these are taken too, and ignored.
    prefixes: tuple[str, ...]

    def takes(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


# handler id -> the names its query may carry; None: any.
Taken = Mapping[int, _Takes | None]


def _taken(app: Litestar) -> dict[int, _Takes | None]:
    taken: dict[int, _Takes | None] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler, kwargs_model in route.route_handler_map.values():
            taken[id(handler)] = (
                None
                if handler.opt.get(ANY_QUERY)
                else _Takes(
                    frozenset(param.field_alias for param in kwargs_model.expected_query_params),
                    tuple(handler.opt.get(QUERY_PREFIXES, ())),
                )
            )
    return taken


def install(app: Litestar) -> None:
    """Record each operation's query parameters for the middleware (after the routes exist)."""
    app.state[_STATE_KEY] = _taken(app)


def _unknown(scope: Scope) -> tuple[list[str], _Takes] | None:
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
    unknown = [name for name in sent if not allowed.takes(name)]
    return (unknown, allowed) if unknown else None


def strict_query_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP and (found := _unknown(scope)):
            unknown, allowed = found
            listed = sorted(allowed.names) + [f"{prefix}*" for prefix in allowed.prefixes]
            takes = ", ".join(listed) if listed else "none"
            raise ValidationException(
                detail="The query carries a parameter this operation does not take.",
                extra=[
                    {
                        "key": name,
                        "message": f"Unknown query parameter {name!r}; this operation takes: "
                        f"{takes}.",
                        "source": "query",
                        "code": "unknown_field",
                        "params": {"allowed": listed},
                    }
                    for name in unknown
                ],
            )
        await app(scope, receive, send)

    return middleware
