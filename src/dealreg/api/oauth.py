"""The OAuth2 token endpoint and the signing keys.

Machine clients use the client_credentials grant (RFC 6749 §4.4), answered here. People's apps
exchange a sign-in's code (with its PKCE verifier) and refresh tokens through Authlib's grants
(auth/server.py, api/oauth_server.py), and revoke them at `/v1/oauth/revoke` (RFC 7009).
"""

import base64
import binascii
from typing import Any, Literal
from urllib.parse import unquote

import msgspec
from litestar import Request, Response, get, post
from litestar.params import URLEncodedBody

from dealreg.api import oauth_server
from dealreg.api.deps import Db
from dealreg.api.queries import ANY_QUERY
from dealreg.api.schemas import problems
from dealreg.api.throttling import throttle_of
from dealreg.auth.keys import public_jwks
from dealreg.auth.server import Refused
from dealreg.auth.service import (
    InvalidClient,
    InvalidTokenRequest,
    UnsupportedGrantType,
    principal_for_client,
)
from dealreg.auth.tokens import TokenService

# The grants an app that people sign in to uses; Authlib answers them.
SIGN_IN_GRANTS = ("authorization_code", "refresh_token")


class TokenRequest(msgspec.Struct):
    # Optional here so that a missing one is RFC 6749's `invalid_request`, not a schema error.
    # `client_credentials` (machine clients), `authorization_code` or `refresh_token` (apps).
    grant_type: str | None = None
    scope: str | None = None
    # client_secret_post; client_secret_basic (the Authorization header) is preferred. An app
    # people sign in to has no secret: it sends its client_id alone.
    client_id: str | None = None
    client_secret: str | None = None
    # authorization_code: the sign-in's code, the redirect_uri it was sent to, and the PKCE
    # verifier whose S256 challenge the authorization request carried.
    code: str | None = None
    redirect_uri: str | None = None
    code_verifier: str | None = None
    # refresh_token: the latest one; the answer carries its replacement.
    refresh_token: str | None = None


class TokenResponse(msgspec.Struct, omit_defaults=True):
    access_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    scope: str
    # To apps people sign in to: single use, replaced by the one in each refresh's answer.
    refresh_token: str | None = None


class RevocationRequest(msgspec.Struct):
    token: str | None = None
    token_type_hint: str | None = None
    client_id: str | None = None


class Revoked(msgspec.Struct):
    """RFC 7009 §2.2: the answer carries nothing; an empty object."""


_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


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
    oauth_server.TOKEN_PATH,
    operation_id="tokenIssue",
    tags=["oauth"],
    # RFC 6749 §3.2: the token endpoint MUST ignore request parameters it does not recognize.
    opt={"public": True, ANY_QUERY: True},
    status_code=200,
    responses=problems(401, 413, 429, public=True, oauth=True),
    summary="Get an access token: client credentials, a sign-in's code, or a refresh token",
)
async def issue_token(
    request: Request[Any, Any, Any],
    db: Db,
    data: URLEncodedBody[TokenRequest],
) -> Response[TokenResponse]:
    if data.grant_type is None:
        raise InvalidTokenRequest(
            "grant_type is required (client_credentials, authorization_code or refresh_token)."
        )
    if data.grant_type in SIGN_IN_GRANTS:
        return await _sign_in_token(request, db, data.client_id)
    if data.grant_type != "client_credentials":
        raise UnsupportedGrantType(
            "Supported grants: client_credentials, authorization_code, refresh_token."
        )
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
        headers=_NO_STORE,
    )


async def _params(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    form = await request.form()
    return [(key, value) for key, value in form.multi_items() if isinstance(value, str)]


async def _sign_in_token(
    request: Request[Any, Any, Any], db: Db, client_id: str | None
) -> Response[TokenResponse]:
    """A code or refresh token of an app people sign in to, through Authlib's grants; counted
    per address only (`Throttle.app_request`)."""
    if not client_id:
        raise InvalidClient("client_id is required.")
    params = await _params(request)
    async with throttle_of(request.scope).app_request(request.scope):
        try:
            _, body, _ = await oauth_server.run(
                request, db, params, lambda server, req: server.create_token_response(req)
            )
        except Refused as refused:
            raise oauth_server.problem_of(refused) from None
    return Response(msgspec.convert(body, TokenResponse), headers=_NO_STORE)


@post(
    "/v1/oauth/revoke",
    operation_id="tokenRevoke",
    tags=["oauth"],
    opt={"public": True},
    status_code=200,
    responses=problems(401, 413, 429, public=True, oauth=True),
    summary="Revoke a refresh token (ends its session), RFC 7009",
    description=(
        "An app signs a person out: send the refresh token (or an access token of the session) "
        "with the app's `client_id`. The session ends, its refresh and access tokens with it. "
        "An unknown or already revoked token is a 200 too."
    ),
)
async def revoke_token(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[RevocationRequest]
) -> Response[Revoked]:
    if not data.client_id:
        raise InvalidClient("client_id is required.")
    params = await _params(request)
    async with throttle_of(request.scope).app_request(request.scope):
        try:
            await oauth_server.run(
                request,
                db,
                params,
                lambda server, req: server.create_endpoint_response("revocation", req),
            )
        except Refused as refused:
            raise oauth_server.problem_of(refused) from None
    return Response(Revoked(), headers=_NO_STORE)


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
    operation_id="jwksRead",
    tags=["oauth"],
    opt={"public": True},
    summary="Public keys of the token signer",
)
async def jwks(request: Request[Any, Any, Any]) -> Jwks:
    tokens: TokenService = request.app.state.tokens
    return msgspec.convert(public_jwks(tokens.signing_key), Jwks)
