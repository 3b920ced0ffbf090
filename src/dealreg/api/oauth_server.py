"""Authlib's authorization server (auth/server.py) adapted to Litestar: a request in, the
server run on the request's transaction, and its refusals turned into dealreg's answers.

At the token and revocation endpoints a refusal is the problem document api/oauth.py has always
answered, which also carries RFC 6749 §5.2's `error` and `error_description`.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from authlib.oauth2.rfc6749 import OAuth2Error
from litestar import Request
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from dealreg.api.unit_of_work import refusal_stands
from dealreg.auth.server import AuthRequest, Refused, SignInServer
from dealreg.auth.service import (
    InvalidClient,
    InvalidScope,
    InvalidTokenRequest,
    OAuthError,
    UnsupportedGrantType,
)

T = TypeVar("T")


class InvalidGrant(OAuthError):
    status, type, title = 400, "invalid-grant", "Invalid grant"
    oauth_error = "invalid_grant"


class UnauthorizedClient(OAuthError):
    status, type, title = 400, "unauthorized-client", "Client not allowed this grant"
    oauth_error = "unauthorized_client"


class UnsupportedTokenType(OAuthError):
    status, type, title = 400, "unsupported-token-type", "Unsupported token type"
    oauth_error = "unsupported_token_type"


_PROBLEMS: dict[str, type[OAuthError]] = {
    "invalid_request": InvalidTokenRequest,
    "invalid_client": InvalidClient,
    "invalid_grant": InvalidGrant,
    "unauthorized_client": UnauthorizedClient,
    "unsupported_grant_type": UnsupportedGrantType,
    "invalid_scope": InvalidScope,
    "unsupported_token_type": UnsupportedTokenType,
}

_DEFAULT_DESCRIPTIONS = {
    "invalid_grant": "The code or refresh token is not valid (unknown, used, expired or ended).",
    "invalid_client": "Unknown or disabled client.",
    "invalid_scope": "A requested scope is not one this server knows.",
}


def problem_of(refused: Refused) -> OAuthError:
    error = refused.error
    detail = error.description or _DEFAULT_DESCRIPTIONS.get(error.error, error.error)
    return _PROBLEMS.get(error.error, InvalidTokenRequest)(detail)


TOKEN_PATH = "/v1/oauth/token"  # noqa: S105 - a path, not a secret


def auth_request(
    request: Request[Any, Any, Any],
    params: list[tuple[str, str]],
    *,
    at_token_endpoint: bool = False,
) -> AuthRequest:
    """`request` as Authlib reads it; or, `at_token_endpoint`, as the token endpoint's POST that
    a first-party page (api/pages.py) makes in-process, with no HTTP to itself."""
    issuer: str = request.app.state.settings.jwt_issuer
    method, path = ("POST", TOKEN_PATH) if at_token_endpoint else (request.method, request.url.path)
    try:
        return AuthRequest(
            method, issuer.rstrip("/") + path, headers=dict(request.headers), params=params
        )
    except OAuth2Error as exc:
        # Plain http off loopback: OAuth needs TLS, and DEALREG_JWT_ISSUER says there is none.
        raise Refused(exc) from exc


async def run(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    params: list[tuple[str, str]],
    action: Callable[[SignInServer, AuthRequest], T],
    *,
    at_token_endpoint: bool = False,
) -> T:
    """`action` on a server of this request, in its transaction. A refusal that ended a session
    (a code or refresh token used twice) is still committed."""
    oauth_request = auth_request(request, params, at_token_endpoint=at_token_endpoint)

    def in_transaction(session: Session) -> T:
        server = SignInServer(
            session,
            request.app.state.tokens,
            request.app.state.settings,
            user_agent=request.headers.get("user-agent", ""),
        )
        try:
            return action(server, oauth_request)
        except (Refused, OAuth2Error) as exc:
            if server.refusal_stands:
                refusal_stands(request.scope)
            # Authlib raises its errors from the consent check, and hands the rest to
            # `handle_error_response` (a Refused): one kind of refusal for the callers.
            raise exc if isinstance(exc, Refused) else Refused(exc) from exc

    return await db.run_sync(in_transaction)
