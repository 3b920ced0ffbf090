"""The token endpoint (OAuth2 client_credentials, RFC 6749 §4.4), machine clients, and the JWKS."""

import base64
import time
from urllib.parse import quote

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.clients import IssuedClient, create_api_client
from dealreg.auth.scopes import (
    READ_ORGANIZATIONS,
    READ_REGISTRATIONS,
    WRITE_ORGANIZATIONS,
    WRITE_REGISTRATIONS,
)
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.errors import InvalidInput
from dealreg.orgs.models import ApiClient, Organization, Role
from dealreg.orgs.principals import Principal
from tests.factories import Factory
from tests.problems import assert_oauth_problem

TOKEN_URL = "/v1/oauth/token"
GRANTED = frozenset({READ_ORGANIZATIONS, READ_REGISTRATIONS})


def basic(client_id: str, secret: str) -> dict[str, str]:
    """client_secret_basic, with both parts form-urlencoded first (RFC 6749 §2.3.1)."""
    pair = f"{quote(client_id, safe='')}:{quote(secret, safe='')}"
    return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def request_token(
    client: httpx.AsyncClient, headers: dict[str, str] | None = None, **form: str
) -> httpx.Response:
    return await client.post(
        TOKEN_URL, data={"grant_type": "client_credentials"} | form, headers=headers
    )


@pytest.fixture
async def vendor(factory: Factory) -> Organization:
    return await factory.vendor()


@pytest.fixture
async def admin(factory: Factory, vendor: Organization) -> Principal:
    """The vendor's admin, who registers its machine clients."""
    return factory.principal(await factory.user(vendor, Role.vendor_admin), vendor)


@pytest.fixture
async def issued(db: AsyncSession, admin: Principal, vendor: Organization) -> IssuedClient:
    """A vendor's CRM client, granted two of its role's scopes."""
    return await create_api_client(
        db, admin, vendor.id, name="CRM sync", role=Role.vendor_system, scopes=GRANTED
    )


# --- issuing tokens ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["client_secret_basic", "client_secret_post"])
async def test_client_credentials_give_a_bearer_token(
    client, issued: IssuedClient, vendor: Organization, settings: Settings, method: str
) -> None:
    client_id, secret = issued.client.client_id, issued.secret
    if method == "client_secret_basic":
        response = await request_token(client, basic(client_id, secret))
    else:
        response = await request_token(client, client_id=client_id, client_secret=secret)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == settings.access_token_ttl_seconds
    assert body["scope"].split() == sorted(GRANTED)

    me = await client.get("/v1/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    who = me.json()
    assert who["kind"] == "client"
    assert who["id"] == str(issued.client.id)
    assert who["role"] == "vendor_system"
    assert who["organization"]["id"] == str(vendor.id)
    assert who["scopes"] == sorted(GRANTED)
    assert who["email"] is None


async def test_the_token_lives_as_long_as_expires_in_says(
    client, issued: IssuedClient, tokens: TokenService
) -> None:
    response = await request_token(client, basic(issued.client.client_id, issued.secret))
    body = response.json()
    claims = jwt.decode(body["access_token"], tokens.signing_key, algorithms=["ES256"]).claims
    assert claims["exp"] - claims["iat"] == body["expires_in"]
    assert abs(claims["iat"] - time.time()) < 60
    assert claims["client_id"] == issued.client.client_id
    assert claims["sub"] == str(issued.client.id)
    assert claims["sub_kind"] == "client"


async def test_a_narrower_scope_gives_a_narrower_token(client, issued: IssuedClient) -> None:
    credentials = basic(issued.client.client_id, issued.secret)

    wide = (await request_token(client, credentials)).json()["access_token"]
    assert (await client.get("/v1/organizations", headers=bearer(wide))).status_code == 200

    response = await request_token(client, credentials, scope=READ_REGISTRATIONS)
    assert response.status_code == 200
    assert response.json()["scope"] == READ_REGISTRATIONS
    narrow = response.json()["access_token"]
    me = await client.get("/v1/me", headers=bearer(narrow))
    assert me.json()["scopes"] == [READ_REGISTRATIONS]

    refused = await client.get("/v1/organizations", headers=bearer(narrow))
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert 'error="insufficient_scope"' in refused.headers["www-authenticate"]
    assert f'scope="{READ_ORGANIZATIONS}"' in refused.headers["www-authenticate"]


@pytest.mark.parametrize(
    "scope",
    [
        pytest.param(WRITE_REGISTRATIONS, id="in-role-not-granted"),
        pytest.param(WRITE_ORGANIZATIONS, id="outside-role"),
        pytest.param(f"{READ_REGISTRATIONS} {WRITE_REGISTRATIONS}", id="one-of-two-not-granted"),
        pytest.param("everything", id="unknown"),
    ],
)
async def test_a_scope_beyond_the_grant_is_refused(
    client, issued: IssuedClient, scope: str
) -> None:
    response = await request_token(
        client, basic(issued.client.client_id, issued.secret), scope=scope
    )
    body = assert_oauth_problem(response, 400, "invalid_scope")
    assert body["type"] == "https://dealreg.dev/problems/invalid-scope"


# --- refusing clients -------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["wrong-secret", "unknown-client", "disabled-client"])
async def test_a_client_that_cannot_authenticate_is_refused(
    client, db: AsyncSession, issued: IssuedClient, case: str
) -> None:
    client_id, secret = issued.client.client_id, issued.secret
    if case == "wrong-secret":
        secret = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    elif case == "unknown-client":
        client_id = "drc_" + "0" * 24
    else:
        issued.client.active = False
        await db.flush()

    response = await request_token(client, basic(client_id, secret))
    body = assert_oauth_problem(response, 401, "invalid_client")
    assert body["type"] == "https://dealreg.dev/problems/invalid-client"
    assert issued.secret not in response.text


async def test_a_wrong_secret_and_an_unknown_client_look_alike(
    client, issued: IssuedClient
) -> None:
    wrong = await request_token(client, basic(issued.client.client_id, "drs_wrong"))
    unknown = await request_token(client, basic("drc_nobody", issued.secret))
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_only_the_client_credentials_grant_is_supported(client, issued: IssuedClient) -> None:
    response = await client.post(
        TOKEN_URL,
        data={"grant_type": "password", "username": "rep@example.com", "password": "x"},
        headers=basic(issued.client.client_id, issued.secret),
    )
    assert_oauth_problem(response, 400, "unsupported_grant_type")


async def test_a_request_without_a_grant_type_is_invalid(client, issued: IssuedClient) -> None:
    auth = basic(issued.client.client_id, issued.secret)
    missing = await client.post(TOKEN_URL, data={}, headers=auth)
    assert_oauth_problem(missing, 400, "invalid_request")
    # A JSON body is no form: it carries no grant_type either.
    as_json = await client.post(TOKEN_URL, json={"grant_type": "client_credentials"}, headers=auth)
    assert_oauth_problem(as_json, 400, "invalid_request")


@pytest.mark.parametrize(
    "fields",
    [("client_id", "client_secret"), ("client_id",), ("client_secret",)],
    ids="+".join,
)
async def test_two_ways_of_authenticating_at_once_are_refused(
    client, issued: IssuedClient, fields: tuple[str, ...]
) -> None:
    # RFC 6749 §2.3: a client MUST NOT use more than one authentication method in a request.
    credentials = {"client_id": issued.client.client_id, "client_secret": issued.secret}
    form = {name: credentials[name] for name in fields}
    response = await request_token(client, basic(issued.client.client_id, issued.secret), **form)
    assert_oauth_problem(response, 400, "invalid_request")


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({}, id="none"),
        pytest.param({"client_id": "drc_x"}, id="no-secret"),
        pytest.param({"client_secret": "drs_x"}, id="no-client-id"),
        pytest.param({"client_id": "", "client_secret": ""}, id="empty"),
    ],
)
async def test_missing_credentials_are_refused(client, form: dict[str, str]) -> None:
    assert_oauth_problem(await request_token(client, **form), 401, "invalid_client")


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Basic !!!not-base64!!!", id="not-base64"),
        pytest.param("Basic " + base64.b64encode(b"no-colon").decode(), id="no-colon"),
        pytest.param("Basic " + base64.b64encode(b"\xff\xfe:\xff").decode(), id="not-utf8"),
    ],
)
async def test_malformed_basic_credentials_are_refused(client, authorization: str) -> None:
    response = await request_token(client, {"Authorization": authorization})
    assert_oauth_problem(response, 401, "invalid_client")


async def test_basic_credentials_are_form_urlencoded(client, issued: IssuedClient) -> None:
    # Every character percent-encoded: the server must decode before comparing.
    def encoded(value: str) -> str:
        return "".join(f"%{byte:02X}" for byte in value.encode())

    pair = f"{encoded(issued.client.client_id)}:{encoded(issued.secret)}"
    header = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    assert (await request_token(client, header)).status_code == 200


# --- registering clients ----------------------------------------------------------------------


async def test_a_client_cannot_be_granted_a_scope_outside_its_role(
    db: AsyncSession, admin: Principal, vendor: Organization
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await create_api_client(
            db,
            admin,
            vendor.id,
            name="Too greedy",
            role=Role.vendor_system,
            scopes=frozenset({READ_REGISTRATIONS, WRITE_ORGANIZATIONS}),
        )
    assert caught.value.status == 422
    assert [error.pointer for error in caught.value.errors] == ["/scopes"]
    assert WRITE_ORGANIZATIONS in caught.value.detail
    stored = await db.scalars(select(ApiClient).where(ApiClient.organization_id == vendor.id))
    assert stored.all() == []


async def test_the_client_secret_is_stored_only_as_a_hash(
    db: AsyncSession, issued: IssuedClient
) -> None:
    row = (
        await db.execute(select(ApiClient.__table__).where(ApiClient.id == issued.client.id))
    ).one()
    assert issued.client.secret_hash != issued.secret
    assert all(issued.secret not in str(value) for value in row)


# --- signing keys -----------------------------------------------------------------------------


async def test_the_jwks_publishes_only_the_public_signing_key(client, tokens: TokenService) -> None:
    response = await client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    keys = response.json()["keys"]
    assert len(keys) == 1
    (key,) = keys
    assert key["kty"] == "EC"
    assert key["crv"] == "P-256"
    assert key["kid"] == tokens.signing_key.kid
    assert key["alg"] == "ES256"
    assert key["use"] == "sig"
    assert "d" not in key
    assert {"x", "y"} <= set(key)


async def test_an_issued_token_verifies_against_the_published_jwks(
    client, issued: IssuedClient, settings: Settings
) -> None:
    token = (await request_token(client, basic(issued.client.client_id, issued.secret))).json()
    jwks = KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json())
    decoded = jwt.decode(token["access_token"], jwks, algorithms=["ES256"])
    assert decoded.header["typ"] == "at+jwt"
    assert decoded.header["kid"] == jwks.keys[0].kid
    assert decoded.claims["iss"] == settings.jwt_issuer
    assert decoded.claims["aud"] == settings.jwt_audience
    assert decoded.claims["scope"] == token["scope"]
