"""The OAuth2 token endpoint (client_credentials grant, RFC 6749 §4.4) and the signing keys."""

import base64
import binascii
from typing import Any, Literal
from urllib.parse import unquote

import msgspec
from litestar import Request, Response, get, post
from litestar.params import URLEncodedBody

from dealreg.api.deps import Db
from dealreg.api.queries import ANY_QUERY
from dealreg.api.schemas import problems
from dealreg.api.throttling import throttle_of
from dealreg.auth.keys import public_jwks
from dealreg.auth.service import (
    InvalidClient,
    InvalidTokenRequest,
    UnsupportedGrantType,
    principal_for_client,
)
from dealreg.auth.tokens import TokenService


class TokenRequest(msgspec.Struct):
    # Optional here so that a missing one is RFC 6749's `invalid_request`, not a schema error.
    grant_type: str | None = None
    scope: str | None = None
    # client_secret_post; client_secret_basic (the Authorization header) is preferred.
    client_id: str | None = None
    client_secret: str | None = None


class TokenResponse(msgspec.Struct):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header:
        return None
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidClient("The Basic credentials are not valid base64.") from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise InvalidClient("The Basic credentials need 'client_id:client_secret'.")
    # RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    return unquote(client_id), unquote(secret)


@post(
    "/v1/oauth/token",
    tags=["oauth"],
    # RFC 6749 §3.2: the token endpoint MUST ignore request parameters it does not recognize.
    opt={"public": True, ANY_QUERY: True},
    status_code=200,
    responses=problems(401, 413, 429, public=True),
    summary="Exchange client credentials for an access token",
)
async def issue_token(
    request: Request[Any, Any, Any],
    db: Db,
    data: URLEncodedBody[TokenRequest],
) -> Response[TokenResponse]:
    if data.grant_type is None:
        raise InvalidTokenRequest("grant_type is required (client_credentials).")
    if data.grant_type != "client_credentials":
        raise UnsupportedGrantType("Only the client_credentials grant is supported.")
    basic = _basic_credentials(request.headers.get("authorization"))
    if basic and (data.client_id or data.client_secret):
        raise InvalidTokenRequest("Authenticate the client one way: Basic header or form fields.")
    client_id, secret = basic or (data.client_id, data.client_secret)
    if not client_id or not secret:
        raise InvalidClient("Client credentials are required.")
    requested = frozenset(data.scope.split()) if data.scope else None
    async with throttle_of(request.scope).authenticating(request.scope, client_id):
        principal = await principal_for_client(db, client_id, secret, requested)
    tokens: TokenService = request.app.state.tokens
    token = tokens.mint(principal)
    return Response(
        TokenResponse(
            access_token=token,
            token_type="Bearer",  # noqa: S106 - the RFC 6750 scheme name
            expires_in=tokens.default_ttl,
            scope=" ".join(sorted(principal.scopes)),
        ),
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


class Jwk(msgspec.Struct):
    kty: str
    crv: str
    x: str
    y: str
    kid: str
    use: str
    alg: str


class Jwks(msgspec.Struct):
    keys: list[Jwk]


@get(
    "/.well-known/jwks.json",
    tags=["oauth"],
    opt={"public": True},
    summary="Public keys of the token signer",
)
async def jwks(request: Request[Any, Any, Any]) -> Jwks:
    tokens: TokenService = request.app.state.tokens
    return msgspec.convert(public_jwks(tokens.signing_key), Jwks)
