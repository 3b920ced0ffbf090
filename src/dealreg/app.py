"""`create_app(settings)`: the Litestar application with every domain's routes, the error map,
authentication, compression and the OpenAPI document."""

import gc
import re
from typing import TYPE_CHECKING, Any

import msgspec
from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import DefineMiddleware
from litestar.openapi.spec import Components, SecurityScheme
from litestar.plugins import PluginProtocol
from litestar.types import Method
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg import __version__, subscriptions
from dealreg.api import ROUTE_HANDLERS, contract, queries
from dealreg.api.body import JsonRequest
from dealreg.api.cors import Cors
from dealreg.api.days import check_every_route
from dealreg.api.deps import DEPENDENCIES
from dealreg.api.docs import DocsPage
from dealreg.api.problems import document_problems
from dealreg.api.queries import strict_query_middleware
from dealreg.api.request_schemas import DocumentConfig
from dealreg.api.security import BearerAuthentication
from dealreg.api.throttling import Throttle, stamp_rate_limit
from dealreg.api.unit_of_work import (
    DEFAULT_POOL,
    READS_ONLY,
    REPORTS_POOL,
    unit_of_work_middleware,
)
from dealreg.api.webhook_docs import document_webhooks
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker
from dealreg.mail.letters import mail_sealer
from dealreg.observability import configure_logging, request_id_middleware, stamp_response
from dealreg.problem_handlers import exception_handlers
from dealreg.sealing import Sealer
from dealreg.tracing import instrument_engine, provider_from_env

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider


def operation_id(handler: HTTPRouteHandler, method: Method, path: list[Any]) -> str:
    """`registrationRead`, `leadPolicyWrite`, `leadListDispositions`: the resource (its
    controller) and the action (the handler), which a generated client turns into readable names
    (Litestar's default spells out the whole path: `V1RegistrationsRegistrationIdApproveApprove`).
    A handler outside a controller names its own the same way (`operation_id="earningsList"`);
    tests/test_openapi.py holds every name to the style."""
    owner, _, name = handler.fn.__qualname__.rpartition(".")
    words: list[str] = [
        *re.findall(r"[A-Z][a-z0-9]*", owner.removesuffix("Controller")),
        *name.split("_"),
    ]
    return words[0].lower() + "".join(word.title() for word in words[1:])


def openapi_config() -> DocumentConfig:
    return DocumentConfig(
        title="dealreg",
        version=__version__,
        description=(
            "One API for multi-vendor deal registration: register a deal once, get a decision "
            "from every vendor within its SLA, earn stage-aligned incentives, track leads. "
            "Errors are RFC 9457 problem details."
        ),
        path="/docs",
        render_plugins=[DocsPage()],
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
    tracer_provider: "TracerProvider | None" = None,
) -> Litestar:
    """Build the app. `settings.database_url` must be resolved (the CLI starts the embedded
    server first); tests may pass their own `sessionmaker` bound to a rolled-back connection.
    With a `tracer_provider`, requests and SQL statements are traced (tracing.py)."""
    configure_logging(settings.log_level, json=settings.log_json)
    subscriptions.install()
    engines: list[AsyncEngine] = []
    if sessionmaker is None:
        if settings.database_url is None:
            raise ValueError("create_app needs settings.database_url (the CLI resolves it)")
        engines = [
            make_engine(
                settings.database_url,
                pool_size=settings.db_pool_size,
                max_overflow=settings.db_pool_overflow,
                pool_timeout=settings.db_pool_timeout_seconds,
                statement_timeout_ms=settings.db_statement_timeout_ms,
                metrics_name=DEFAULT_POOL,
            ),
            make_engine(
                settings.database_url,
                pool_size=settings.db_report_pool_size,
                max_overflow=0,
                pool_timeout=settings.db_pool_timeout_seconds,
                statement_timeout_ms=settings.db_report_statement_timeout_ms,
                metrics_name=REPORTS_POOL,
            ),
        ]
        sessionmakers = {
            DEFAULT_POOL: make_sessionmaker(engines[0]),
            READS_ONLY: make_sessionmaker(
                engines[0].execution_options(isolation_level="AUTOCOMMIT")
            ),
            REPORTS_POOL: make_sessionmaker(engines[1]),
        }
    else:
        sessionmakers = dict.fromkeys((DEFAULT_POOL, READS_ONLY, REPORTS_POOL), sessionmaker)
    for engine in engines:
        instrument_engine(engine, tracer_provider)
    tokens = TokenService.from_settings(settings)
    throttle = Throttle(settings)

    async def dispose_engines(_: Any) -> None:
        for engine in engines:
            await engine.dispose()

    async def close_throttle(_: Any) -> None:
        await throttle.close()

    app = Litestar(
        route_handlers=ROUTE_HANDLERS,
        dependencies=DEPENDENCIES,
        exception_handlers=exception_handlers(),
        # In this order: authentication counts each request against its rate limit and refuses
        # it, then an unknown query parameter is refused, before the unit of work opens a
        # transaction or looks up an Idempotency-Key.
        middleware=[
            request_id_middleware,
            DefineMiddleware(
                BearerAuthentication, exclude_from_auth_key="public", exclude=["^/docs"]
            ),
            strict_query_middleware,
            unit_of_work_middleware,
        ],
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024),
        openapi_config=openapi_config(),
        request_max_body_size=settings.max_request_body_bytes,
        request_class=JsonRequest,
        state=State(
            {
                "settings": settings,
                "sessionmakers": sessionmakers,
                "tokens": tokens,
                "sealer": Sealer.from_signing_key(tokens.signing_key),
                "mail_sealer": mail_sealer(tokens.signing_key),
                "page_sealer": Sealer.from_signing_key(
                    tokens.signing_key, b"dealreg page cookies v1"
                ),
                "throttle": throttle,
            }
        ),
        plugins=_tracing_plugins(tracer_provider),
        before_send=[
            stamp_response,
            stamp_rate_limit,
            *([Cors(settings.cors_origin_set)] if settings.cors_origin_set else []),
        ],
        # configure_logging owns the standard library's logging: Litestar's own configuration
        # would add a handler of its own format, past the withholding of database values.
        logging_config=None,
        on_shutdown=[dispose_engines, close_throttle],
        debug=False,
    )
    check_every_route(app)
    queries.install(app)
    # The document is generated here rather than on its first request (about 0.2 s): what the
    # handlers do not declare is added to it once, before anyone reads it: the headers and
    # responses the server enforces, then a schema per problem type, and webhooks.
    contract.complete(app)
    document_problems(app.openapi_schema)
    document_webhooks(app.openapi_schema)
    return app


def _tracing_plugins(provider: "TracerProvider | None") -> list[PluginProtocol]:
    if provider is None:
        return []
    from litestar.plugins.opentelemetry import OpenTelemetryConfig, OpenTelemetryPlugin

    return [OpenTelemetryPlugin(OpenTelemetryConfig(tracer_provider=provider))]


def app_from_env() -> Litestar:
    """The factory `dealreg serve` hands to each granian worker process."""
    from dealreg.embedded import resolve_database_url

    settings = Settings.from_env()
    app = create_app(
        msgspec.structs.replace(settings, database_url=resolve_database_url(settings)),
        tracer_provider=provider_from_env("dealreg-api"),
    )
    app.on_startup.append(_freeze_what_was_loaded)
    return app


def _freeze_what_was_loaded() -> None:
    """What the worker has loaded when it starts (modules, routes, schemas: about 180,000
    objects) lives as long as the worker: out of the garbage collector's generations, a full
    collection no longer walks it (about 40 ms each, every request of the worker waiting)."""
    gc.collect()
    gc.freeze()
