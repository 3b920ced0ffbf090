"""Access-token validation: what `GET /v1/me` accepts as a bearer token and what it refuses.

Every refusal is a 401 problem with an RFC 6750 `WWW-Authenticate: Bearer` challenge and nothing of
the token or the route in the answer. Custom tokens are built with joserfc from the claims dealreg
mints (see `dealreg.auth.tokens`), then changed one thing at a time.
"""

import base64
import json
import re
import time
import uuid
from typing import Any

import httpx
import msgspec
import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OctKey

from dealreg.auth.scopes import ROLE_SCOPES, WRITE_ORGANIZATIONS
from dealreg.auth.tokens import CLOCK_LEEWAY_SECONDS, InvalidToken, TokenService
from dealreg.config import Settings
from dealreg.orgs.models import Organization, OrgKind, Role, User
from dealreg.orgs.principals import Principal
from tests.factories import Factory

PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance"}
# RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E, so no `"` and no `\`.
INVALID_TOKEN_CHALLENGE = re.compile(
    r'Bearer realm="dealreg", error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]+"'
)

Claims = dict[str, Any]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def encode(claims: Claims, key: ECKey | OctKey, **header: Any) -> str:
    """`claims` signed with `key`: ES256 with the key's `kid` and type `at+jwt`, unless `header`
    says otherwise (a value of None drops the member)."""
    fields = {"alg": "ES256", "kid": key.kid, "typ": "at+jwt"} | header
    fields = {name: value for name, value in fields.items() if value is not None}
    return jwt.encode(fields, claims, key, algorithms=[fields["alg"]])


def unsigned(claims: Claims, **header: Any) -> str:
    """An `alg: none` JWT, crafted by hand: no library would sign it for us."""
    fields = {"alg": "none", "typ": "at+jwt"} | header
    return ".".join([b64url(json.dumps(fields).encode()), b64url(json.dumps(claims).encode()), ""])


def shifted(claims: Claims, change: dict[str, int]) -> Claims:
    """`claims` with each time claim in `change` set that many seconds from now."""
    now = int(time.time())
    return claims | {name: now + delta for name, delta in change.items()}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_refused(response: httpx.Response, *, token: str | None = None) -> None:
    """A 401 problem with a Bearer challenge; `invalid_token` if a token was given."""
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) <= PROBLEM_MEMBERS
    assert body["status"] == 401
    assert body["type"] == "https://dealreg.dev/problems/unauthenticated"
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer realm="dealreg"')
    if token is None:
        assert "error=" not in challenge
        return
    assert INVALID_TOKEN_CHALLENGE.fullmatch(challenge), challenge
    assert token not in response.text
    assert token not in challenge


@pytest.fixture
async def rep(factory: Factory) -> tuple[User, Organization]:
    partner = await factory.partner()
    return await factory.user(partner, Role.partner_rep), partner


@pytest.fixture
def claims(rep: tuple[User, Organization], settings: Settings) -> Claims:
    """The claims `TokenService.mint` would give the rep's token, valid for the next hour."""
    user, org = rep
    now = int(time.time())
    return {
        "iss": settings.jwt_issuer,
        "sub": str(user.id),
        "aud": settings.jwt_audience,
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "jti": uuid.uuid4().hex,
        "client_id": "tests",
        "scope": " ".join(sorted(ROLE_SCOPES[Role.partner_rep])),
        "roles": [Role.partner_rep.value],
        "org": str(org.id),
        "org_kind": org.kind.value,
        "sub_kind": "user",
    }


async def me(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/v1/me", headers=bearer(token))


# --- accepted ---------------------------------------------------------------------------------


async def test_a_minted_token_is_accepted(client, factory: Factory, rep) -> None:
    user, org = rep
    response = await me(client, factory.token(user, org))
    assert response.status_code == 200
    assert response.json()["id"] == str(user.id)


async def test_hand_built_claims_are_accepted(client, tokens: TokenService, claims, rep) -> None:
    # The baseline every refusal below departs from by one change.
    response = await me(client, encode(claims, tokens.signing_key))
    assert response.status_code == 200
    assert response.json()["id"] == str(rep[0].id)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"exp": -10}, id="expired-within-leeway"),
        pytest.param({"nbf": +10, "iat": +10}, id="not-yet-valid-within-leeway"),
    ],
)
async def test_clock_skew_within_the_leeway_is_tolerated(
    client, tokens: TokenService, claims, change: dict[str, int]
) -> None:
    token = encode(shifted(claims, change), tokens.signing_key)
    assert (await me(client, token)).status_code == 200


async def test_an_audience_list_naming_us_is_accepted(
    client, tokens: TokenService, claims, settings: Settings
) -> None:
    token = encode(claims | {"aud": ["someone-else", settings.jwt_audience]}, tokens.signing_key)
    assert (await me(client, token)).status_code == 200


# --- refused: signature and header ------------------------------------------------------------


async def test_an_unsigned_alg_none_token_is_refused(client, tokens: TokenService, claims) -> None:
    token = unsigned(claims, kid=tokens.signing_key.kid)
    assert_refused(await me(client, token), token=token)


async def test_a_token_signed_by_another_key_is_refused(client, claims) -> None:
    token = encode(claims, ECKey.generate_key("P-256", auto_kid=True))
    assert_refused(await me(client, token), token=token)


async def test_another_key_reusing_our_kid_is_refused(client, tokens: TokenService, claims) -> None:
    token = encode(claims, ECKey.generate_key("P-256", auto_kid=True), kid=tokens.signing_key.kid)
    assert_refused(await me(client, token), token=token)


async def test_hs256_keyed_with_our_public_key_is_refused(
    client, tokens: TokenService, claims
) -> None:
    # Algorithm confusion: a verifier that lets the token pick HMAC would use the public key,
    # which anyone can fetch from the JWKS, as the shared secret.
    public_jwk = json.dumps(tokens.signing_key.as_dict(private=False))
    secret = OctKey.import_key(public_jwk)
    token = encode(claims, secret, alg="HS256", kid=tokens.signing_key.kid)
    assert_refused(await me(client, token), token=token)


async def test_our_key_without_a_kid_is_refused(client, tokens: TokenService, claims) -> None:
    token = encode(claims, tokens.signing_key, kid=None)
    assert_refused(await me(client, token), token=token)


@pytest.mark.parametrize("typ", ["JWT", "id_token+jwt", None])
async def test_a_token_that_is_not_an_access_token_is_refused(
    client, tokens: TokenService, claims, typ: str | None
) -> None:
    token = encode(claims, tokens.signing_key, typ=typ)
    assert_refused(await me(client, token), token=token)


# --- refused: claims --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param({"exp": -60}, "expired", id="expired"),
        pytest.param({"nbf": +60}, "not yet valid", id="nbf-in-future"),
        pytest.param({"iat": +60}, "future", id="iat-in-future"),
    ],
)
async def test_a_token_outside_its_lifetime_is_refused(
    client, tokens: TokenService, claims, change: dict[str, int], reason: str
) -> None:
    # A minute off: twice the 30 s leeway for clock skew.
    token = encode(shifted(claims, change), tokens.signing_key)
    response = await me(client, token)
    assert_refused(response, token=token)
    assert reason in response.json()["detail"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"iss": "https://evil.example"}, id="wrong-iss"),
        pytest.param({"aud": "another-api"}, id="wrong-aud"),
        pytest.param({"aud": ["another-api", "yet-another"]}, id="aud-list-without-us"),
    ],
)
async def test_a_token_for_another_issuer_or_audience_is_refused(
    client, tokens: TokenService, claims, change: Claims
) -> None:
    token = encode(claims | change, tokens.signing_key)
    assert_refused(await me(client, token), token=token)


@pytest.mark.parametrize(
    "missing",
    [
        "org",
        "org_kind",
        "roles",
        "sub_kind",
        "scope",
        "client_id",
        "jti",
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
    ],
)
async def test_a_token_without_dealregs_claims_is_refused(
    client, tokens: TokenService, claims, missing: str
) -> None:
    token = encode(
        {name: value for name, value in claims.items() if name != missing}, tokens.signing_key
    )
    assert_refused(await me(client, token), token=token)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"roles": ["superuser"]}, id="unknown-role"),
        pytest.param({"roles": []}, id="no-role"),
        pytest.param({"roles": ["partner_rep", "platform_admin"]}, id="two-roles"),
        pytest.param({"org": "not-a-uuid"}, id="org-not-uuid"),
        pytest.param({"sub": "not-a-uuid"}, id="sub-not-uuid"),
        pytest.param({"exp": "tomorrow"}, id="exp-not-a-number"),
        pytest.param({"sub_kind": "robot"}, id="unknown-sub-kind"),
    ],
)
async def test_a_token_with_malformed_claims_is_refused(
    client, tokens: TokenService, claims, change: Claims
) -> None:
    token = encode(claims | change, tokens.signing_key)
    assert_refused(await me(client, token), token=token)


# --- refused: the Authorization header --------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "a.b.c",
        "...",
        b64url(b'{"alg":"ES256"}') + "." + b64url(b"[1, 2]") + ".",
        b64url(b"\xff\xfe") + ".e30.AA",
    ],
)
async def test_a_garbage_token_is_refused(client, token: str) -> None:
    assert_refused(await me(client, token), token=token)


async def test_a_request_without_a_token_is_refused(client) -> None:
    assert_refused(await client.get("/v1/me"))


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic " + base64.b64encode(b"rep@example.com:hunter2").decode(),
        "Bearer",
        "Bearer    ",
        "Token abc",
    ],
)
async def test_a_header_without_a_bearer_token_is_refused(client, authorization: str) -> None:
    assert_refused(await client.get("/v1/me", headers={"Authorization": authorization}))


# --- scopes -----------------------------------------------------------------------------------


async def test_a_token_lacking_the_routes_scope_is_forbidden(
    client, factory: Factory, tokens: TokenService
) -> None:
    platform = await factory.platform()
    admin = await factory.user(platform, Role.platform_admin)
    full = factory.principal(admin, platform)
    narrowed = msgspec.structs.replace(full, scopes=full.scopes - {WRITE_ORGANIZATIONS})
    body = {"kind": "partner", "name": f"Partner {uuid.uuid4().hex[:8]}", "country": "US"}

    response = await client.post(
        "/v1/organizations", json=body, headers=bearer(tokens.mint(narrowed))
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith('Bearer realm="dealreg"')
    assert 'error="insufficient_scope"' in challenge
    assert f'scope="{WRITE_ORGANIZATIONS}"' in challenge
    assert response.json()["type"] == "https://dealreg.dev/problems/forbidden"

    # The same admin with the scope may: it was the scope, not the role, that said no.
    response = await client.post(
        "/v1/organizations", json=body, headers=bearer(factory.token(admin, platform))
    )
    assert response.status_code == 201


# --- TokenService.verify ----------------------------------------------------------------------


async def test_verify_returns_the_principal_that_was_minted(tokens: TokenService) -> None:
    principal = Principal(
        kind="client",
        subject_id=uuid.uuid4(),
        organization_id=uuid.uuid4(),
        org_kind=OrgKind.vendor,
        role=Role.vendor_system,
        scopes=ROLE_SCOPES[Role.vendor_system],
        client_id="drc_test",
    )
    before = int(time.time())
    verified = tokens.verify(tokens.mint(principal))
    assert verified.issued_at is not None
    assert before <= verified.issued_at <= time.time()
    assert msgspec.structs.replace(verified, issued_at=None) == principal


async def test_verify_refuses_a_token_of_another_installation(
    tokens: TokenService, settings: Settings, claims
) -> None:
    other = TokenService(
        key=ECKey.generate_key("P-256", auto_kid=True),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        default_ttl=60,
    )
    with pytest.raises(InvalidToken):
        tokens.verify(encode(claims, other.signing_key))
    assert other.verify(encode(claims, other.signing_key)).subject_id == uuid.UUID(claims["sub"])


async def test_verify_explains_without_echoing_the_token(tokens: TokenService, claims) -> None:
    token = encode(claims | {"iss": "https://evil.example"}, tokens.signing_key)
    with pytest.raises(InvalidToken) as caught:
        tokens.verify(token)
    assert "iss" in str(caught.value)
    assert token not in str(caught.value)


async def test_a_remembered_token_is_refused_once_it_expires(settings: Settings, claims) -> None:
    """A verified token is remembered (its signature is not checked again), but no longer than
    it is valid: the moment its expiry, leeway included, has passed, it is refused again."""
    now = [time.time()]
    tokens = TokenService(
        key=TokenService.from_settings(settings).signing_key,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        default_ttl=60,
        clock=lambda: now[0],
    )
    expires = int(now[0]) + 60
    token = encode(claims | {"exp": expires}, tokens.signing_key)
    assert tokens.verify(token).subject_id == uuid.UUID(claims["sub"])
    now[0] = expires + CLOCK_LEEWAY_SECONDS - 1
    assert tokens.verify(token).subject_id == uuid.UUID(claims["sub"])
    # Past its expiry by the service's clock, though not yet by joserfc's (the real one): the
    # remembered verification alone must refuse it.
    now[0] += 1
    with pytest.raises(InvalidToken, match="expired"):
        tokens.verify(token)
