"""OpenTelemetry traces, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: a span for each request
(Litestar's ASGI instrumentation), each SQL statement (SQLAlchemy's) and each job run, sent over
OTLP/HTTP. The SDK's own `OTEL_*` variables configure the exporter (headers, protocol, sampling);
`OTEL_SERVICE_NAME` names the service. When the endpoint is not set nothing is installed, and the
OpenTelemetry packages (the `otel` extra) need not be.
"""

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT"


def provider_from_env(service_name: str) -> "TracerProvider | None":
    """A tracer provider exporting to the configured endpoint; None when none is."""
    if not os.environ.get(ENDPOINT_ENV):
        return None
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    name = os.environ.get("OTEL_SERVICE_NAME") or service_name
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return provider


def instrument_engine(engine: AsyncEngine, provider: "TracerProvider | None") -> None:
    """Trace the statements of `engine`. Its EngineTracer, not SQLAlchemyInstrumentor: that one
    instruments a process once (the first engine only) and patches SQLAlchemy's globals besides."""
    if provider is None:
        return
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import NoOpUpDownCounter

    EngineTracer(  # type: ignore[no-untyped-call]  # untyped upstream
        provider.get_tracer("dealreg.db"),
        engine.sync_engine,
        # Its connection counts: the pools' own metrics are Prometheus's (metrics.py).
        NoOpUpDownCounter("db.client.connections.usage"),
    )


@contextlib.contextmanager
def job_span(provider: "TracerProvider | None", job: str) -> Iterator[None]:
    """A span around one run of `job` (its SQL statements nest inside)."""
    if provider is None:
        yield
        return
    with provider.get_tracer("dealreg.worker").start_as_current_span(
        f"job {job}", attributes={"messaging.system": "dramatiq", "dealreg.job": job}
    ):
        yield
