"""CORS for the origins in `DEALREG_CORS_ORIGINS`: an allowed origin's preflight passes (cached,
for the route's methods and the headers clients send) and its answers expose what a client reads;
another origin, and every origin when none is configured, get no CORS field at all; credentials
mode is never allowed."""

from collections.abc import AsyncIterator

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.config import Settings, SettingsError
from dealreg.orgs.models import Role
from tests.factories import Factory
from tests.problems import assert_problem

ALLOWED = "https://crm.example.com"
ALSO_ALLOWED = "http://localhost:3000"
OTHER = "https://evil.example.net"
ME = "/v1/me"
REGISTRATIONS = "/v1/registrations"
DEALS = "/v1/deals"


@pytest.fixture
async def cors_client(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    changed = msgspec.structs.replace(settings, cors_origins=f"{ALLOWED}, {ALSO_ALLOWED}")
    app: Litestar = create_app(changed, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.throttle.close()


def cors_fields(response: httpx.Response) -> dict[str, str]:
    return {
        name: value
        for name, value in response.headers.items()
        if name.startswith("access-control-")
    }


async def preflight(
    client: httpx.AsyncClient, origin: str, method: str = "POST", headers: str = ""
) -> httpx.Response:
    asked = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        asked["Access-Control-Request-Headers"] = headers
    return await client.options(DEALS, headers=asked)


async def test_an_allowed_origins_preflight_passes_and_is_cached(
    cors_client: httpx.AsyncClient,
) -> None:
    response = await preflight(
        cors_client, ALLOWED, "POST", "authorization, content-type, idempotency-key, if-match"
    )
    assert response.status_code == 204, response.text
    fields = cors_fields(response)
    assert fields["access-control-allow-origin"] == ALLOWED
    assert int(fields["access-control-max-age"]) >= 600
    # The route's methods: /v1/deals takes new deals and nothing else.
    methods = {m.strip() for m in fields["access-control-allow-methods"].split(",")}
    assert methods == {"POST", "OPTIONS"}
    allowed = {h.strip().lower() for h in fields["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "if-match", "idempotency-key"} <= allowed
    assert "accept-language" in allowed
    assert "access-control-allow-credentials" not in fields
    assert "Origin" in response.headers["vary"]


async def test_a_preflight_asking_for_another_method_or_header_gets_no_cors_fields(
    cors_client: httpx.AsyncClient,
) -> None:
    assert cors_fields(await preflight(cors_client, ALLOWED, "DELETE")) == {}
    assert cors_fields(await preflight(cors_client, ALLOWED, "GET", "x-secret")) == {}


async def test_another_origins_preflight_gets_no_cors_fields(
    cors_client: httpx.AsyncClient,
) -> None:
    response = await preflight(cors_client, OTHER, "POST", "authorization")
    assert cors_fields(response) == {}
    # A look-alike of an allowed origin is another origin.
    assert cors_fields(await preflight(cors_client, ALLOWED + ".evil.example.net")) == {}
    assert cors_fields(await preflight(cors_client, "https://CRM.example.com")) == {}


async def test_an_allowed_origins_answers_expose_what_a_client_reads(
    cors_client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await cors_client.get(ME, headers={**headers, "Origin": ALSO_ALLOWED})
    assert response.status_code == 200, response.text
    fields = cors_fields(response)
    assert fields["access-control-allow-origin"] == ALSO_ALLOWED
    exposed = {h.strip().lower() for h in fields["access-control-expose-headers"].split(",")}
    assert {"etag", "location", "retry-after", "ratelimit", "ratelimit-policy"} <= exposed
    assert {"idempotent-replayed", "x-request-id"} <= exposed
    assert "access-control-allow-credentials" not in fields
    assert "Origin" in response.headers["vary"]


async def test_refusals_carry_the_fields_too_so_the_browser_can_read_the_problem(
    cors_client: httpx.AsyncClient,
) -> None:
    response = await cors_client.get(ME, headers={"Origin": ALLOWED})
    assert_problem(response, 401, "unauthenticated")
    assert response.headers["access-control-allow-origin"] == ALLOWED
    missing = await cors_client.get("/v1/nothing-here", headers={"Origin": ALLOWED})
    assert_problem(missing, 404)
    assert missing.headers["access-control-allow-origin"] == ALLOWED


async def test_another_origins_answers_carry_no_cors_fields(
    cors_client: httpx.AsyncClient, factory: Factory
) -> None:
    headers = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await cors_client.get(ME, headers={**headers, "Origin": OTHER})
    assert response.status_code == 200, response.text
    assert cors_fields(response) == {}
    assert "Origin" in response.headers["vary"]


async def test_vary_keeps_what_the_answer_already_varies_by(
    cors_client: httpx.AsyncClient,
) -> None:
    # The OpenAPI document is large enough to be compressed, which varies by Accept-Encoding.
    response = await cors_client.get(
        "/docs/openapi.json", headers={"Origin": ALLOWED, "Accept-Encoding": "gzip"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-encoding"] == "gzip"
    vary = {part.strip().lower() for part in response.headers["vary"].split(",")}
    assert vary == {"accept-encoding", "origin"}


async def test_with_no_origins_configured_no_answer_has_cors_fields(
    client: httpx.AsyncClient,
) -> None:
    response = await preflight(client, ALLOWED, "POST", "authorization")
    assert cors_fields(response) == {}
    assert cors_fields(await client.get(ME, headers={"Origin": ALLOWED})) == {}


@pytest.mark.parametrize(
    "origins",
    [
        "*",
        "https://*.example.com",
        "https://crm.example.com/",
        "https://CRM.example.com",
        "https://crm.example.com:443",
        "crm.example.com",
        "null",
    ],
)
def test_an_origin_browsers_never_send_is_refused_at_start(origins: str) -> None:
    with pytest.raises(SettingsError, match="cors_origins"):
        Settings.from_env({"DEALREG_CORS_ORIGINS": f"{ALLOWED},{origins}"})


def test_origins_are_read_from_the_environment() -> None:
    settings = Settings.from_env({"DEALREG_CORS_ORIGINS": f" {ALLOWED} ,{ALSO_ALLOWED},"})
    assert settings.cors_origin_set == {ALLOWED, ALSO_ALLOWED}
    assert Settings.from_env({}).cors_origin_set == frozenset()
