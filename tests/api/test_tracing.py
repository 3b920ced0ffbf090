"""Traces: nothing when no OTLP endpoint is set; with one, a span per request and, inside it, a
span per SQL statement."""

from collections.abc import AsyncIterator

import httpx
import msgspec
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.orgs.models import Role
from dealreg.tracing import ENDPOINT_ENV, provider_from_env
from tests.factories import Factory


def test_no_endpoint_no_tracing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENDPOINT_ENV, raising=False)
    assert provider_from_env("dealreg-api") is None


def test_an_endpoint_gives_a_provider_named_after_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENDPOINT_ENV, "http://127.0.0.1:4318")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "dealreg-eu")
    provider = provider_from_env("dealreg-api")
    assert provider is not None
    try:
        assert provider.resource.attributes["service.name"] == "dealreg-eu"
    finally:
        provider.shutdown()


@pytest.fixture
async def traced(
    committing_engine: AsyncEngine, settings: Settings
) -> AsyncIterator[tuple[httpx.AsyncClient, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    own = msgspec.structs.replace(
        settings, database_url=committing_engine.url.render_as_string(hide_password=False)
    )
    app = create_app(own, tracer_provider=provider)
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client, exporter
    finally:
        for hook in app.on_shutdown:
            await hook(app)  # type: ignore[call-arg]
        provider.shutdown()


async def test_a_request_and_its_statements_are_one_trace(
    traced: tuple[httpx.AsyncClient, InMemorySpanExporter], committed: Factory
) -> None:
    client, exporter = traced
    partner = await committed.partner()
    rep = await committed.user(partner, Role.partner_rep)
    headers = {"Authorization": f"Bearer {committed.token(rep, partner)}"}
    await committed.db.commit()
    assert (await client.get("/v1/me", headers=headers)).status_code == 200

    spans = exporter.get_finished_spans()
    [server] = [span for span in spans if span.kind is SpanKind.SERVER]
    assert server.name == "GET /v1/me"
    assert server.attributes is not None
    assert server.attributes["http.status_code"] == 200
    statements = [span for span in spans if span.attributes and "db.statement" in span.attributes]
    assert statements
    assert server.context is not None
    texts = [str(statement.attributes["db.statement"]) for statement in statements]  # type: ignore[index]
    for statement in statements:
        assert statement.context is not None
        assert statement.context.trace_id == server.context.trace_id
    # Statements carry placeholders, never the values bound to them.
    assert any("$1" in text for text in texts)
    assert not any(str(rep.id) in text or rep.email in text for text in texts)
