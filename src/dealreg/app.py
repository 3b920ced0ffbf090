"""`create_app(settings)`: the Litestar application with every domain's routes, the error map,
authentication, compression and the OpenAPI document."""

import re
from typing import Any

import msgspec
from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.types import Method
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg import __version__
from dealreg.api import ROUTE_HANDLERS
from dealreg.api.body import JsonRequest
from dealreg.api.days import check_every_route
from dealreg.api.deps import DEPENDENCIES
from dealreg.api.security import BearerAuthentication
from dealreg.api.unit_of_work import unit_of_work_middleware
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker
from dealreg.errors import exception_handlers
from dealreg.idempotency.sealing import Sealer
from dealreg.observability import configure_logging, request_id_middleware, stamp_response


def operation_id(handler: HTTPRouteHandler, method: Method, path: list[Any]) -> str:
    """`registrationRead`, `leadPolicyUpdate`, `slaReport`: the resource (its controller) and
    the handler, which a generated client turns into readable names (Litestar's default spells
    out the whole path: `V1RegistrationsRegistrationIdApproveApprove`)."""
    owner, _, name = handler.fn.__qualname__.rpartition(".")
    words: list[str] = [
        *re.findall(r"[A-Z][a-z0-9]*", owner.removesuffix("Controller")),
        *name.split("_"),
    ]
    return words[0].lower() + "".join(word.title() for word in words[1:])


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="dealreg",
        version=__version__,
        description=(
            "One API for multi-vendor deal registration: register a deal once, get a decision "
            "from every vendor within its SLA, earn stage-aligned incentives, track leads. "
            "Errors are RFC 9457 problem details."
        ),
        path="/docs",
        render_plugins=[SwaggerRenderPlugin(path="/")],
        components=Components(
            security_schemes={
                "bearerAuth": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    bearer_format="JWT",
                    description="OAuth2 access token (RFC 9068 JWT)",
                )
            }
        ),
        use_handler_docstrings=True,
        operation_id_creator=operation_id,
    )


def create_app(
    settings: Settings,
    *,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
) -> Litestar:
    """Build the app. `settings.database_url` must be resolved (the CLI starts the embedded
    server first); tests may pass their own `sessionmaker` bound to a rolled-back connection."""
    configure_logging(settings.log_level, json=settings.log_json)
    engine: AsyncEngine | None = None
    if sessionmaker is None:
        if settings.database_url is None:
            raise ValueError("create_app needs settings.database_url (the CLI resolves it)")
        engine = make_engine(settings.database_url, pool_size=settings.db_pool_size)
        sessionmaker = make_sessionmaker(engine)
    tokens = TokenService.from_settings(settings)

    async def dispose_engine(_: Any) -> None:
        if engine is not None:
            await engine.dispose()

    app = Litestar(
        route_handlers=ROUTE_HANDLERS,
        dependencies=DEPENDENCIES,
        exception_handlers=exception_handlers(),
        middleware=[
            request_id_middleware,
            DefineMiddleware(
                BearerAuthentication, exclude_from_auth_key="public", exclude=["^/docs"]
            ),
            unit_of_work_middleware,
        ],
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024),
        openapi_config=openapi_config(),
        request_max_body_size=settings.max_request_body_bytes,
        request_class=JsonRequest,
        state=State(
            {
                "settings": settings,
                "sessionmaker": sessionmaker,
                "tokens": tokens,
                "sealer": Sealer.from_signing_key(tokens.signing_key),
            }
        ),
        before_send=[stamp_response],
        on_shutdown=[dispose_engine],
        debug=False,
    )
    check_every_route(app)
    return app


def app_from_env() -> Litestar:
    """The factory `dealreg serve` hands to each granian worker process."""
    from dealreg.embedded import resolve_database_url

    settings = Settings.from_env()
    return create_app(
        msgspec.structs.replace(settings, database_url=resolve_database_url(settings))
    )
