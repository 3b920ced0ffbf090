"""People sign in: the authorization endpoint's page (RFC 6749 §4.1 with PKCE, OAuth 2.1 rules)
and the server's metadata (RFC 8414).

`GET /oauth/authorize` checks the app's request with Authlib (auth/server.py) and shows a sign-in
form; the form posts back to the same URL, which checks the request again, then the password,
and sends the browser to the app's redirect URI with a one-time code and the app's `state`. A
request whose app or redirect URI is not registered is answered with a page, never a redirect
(no open redirect); any other fault of a good app's request goes back to the app as RFC 6749's
`error`.

The page is phone-first, loads nothing but itself, and runs under a policy that lets in only its
own stylesheet and lets its form go only here and, by redirect, to this request's redirect URI.
The form carries a CSRF token tied to a cookie of this page (a signed double submit): no other
site can sign a browser in as someone else.

Failed sign-ins count in moving windows, per account from one address, per address, and per
account from anywhere (the widest: it only stops a guesser spread over many addresses, and holds
only for addresses that have failed on the account themselves, so a stranger cannot keep the
person out of it). An unknown email fails like a wrong password, as slowly.
"""

import ipaddress
from typing import Any
from urllib.parse import urlencode, urlsplit

import msgspec
from litestar import MediaType, Request, Response, get, post
from litestar.params import URLEncodedBody
from litestar.status_codes import HTTP_303_SEE_OTHER

from dealreg.api import oauth_server
from dealreg.api.deps import Db
from dealreg.api.forms import CsrfGuard
from dealreg.api.html import STYLE, STYLE_HASH, templates
from dealreg.api.queries import ANY_QUERY
from dealreg.api.throttling import (
    TooManyRequests,
    charge_address,
    refusal,
    sign_in_failure_checks,
    throttle_of,
)
from dealreg.auth.credentials import Outcome, check_credentials
from dealreg.auth.resets import PAGE_PATH as RESET_PATH
from dealreg.auth.scopes import ALL_SCOPES
from dealreg.auth.server import Refused

AUTHORIZE_PATH = "/oauth/authorize"
CSRF = CsrfGuard(form="sign-in", cookie="dealreg_sign_in", path=AUTHORIZE_PATH)
WRONG = "The email or password is not right."


def _policy(redirect_target: str | None) -> str:
    # Browsers hold a form's redirects to form-action too: the code goes to the app from here.
    targets = f" {redirect_target}" if redirect_target else ""
    return (
        f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'{targets}; "
        "frame-ancestors 'none'; base-uri 'none'"
    )


def _page(
    template: str, status: int, *, redirect_target: str | None = None, **context: Any
) -> Response[str]:
    html = templates.get_template(template).render(style=STYLE, **context)
    return Response(
        html,
        status_code=status,
        media_type=MediaType.HTML,
        headers={
            "Content-Security-Policy": _policy(redirect_target),
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
        },
    )


def _source_of(redirect_uri: str) -> str:
    """The CSP source that lets a redirect to `redirect_uri` through."""
    parts = urlsplit(redirect_uri)
    if parts.scheme not in ("http", "https"):
        return f"{parts.scheme}:"
    try:
        ipaddress.IPv6Address(parts.hostname or "")
    except ValueError:
        # From the host and port alone: the netloc may carry userinfo, which a CSP would read.
        port = f":{parts.port}" if parts.port is not None else ""
        return f"{parts.scheme}://{parts.hostname}{port}"
    # CSP has no IPv6 host sources: http://[::1]:port is let through as its scheme.
    return f"{parts.scheme}:"


# --- the page ------------------------------------------------------------------------------


class SignInForm(msgspec.Struct):
    email: str = ""
    password: str = ""
    csrf: str = ""


def _params(request: Request[Any, Any, Any]) -> list[tuple[str, str]]:
    return list(request.query_params.multi_items())


async def _consent(request: Request[Any, Any, Any], db: Db) -> tuple[str, str]:
    """The app's name and the redirect URI, once Authlib finds the request good."""

    def check(server: Any, req: Any) -> tuple[str, str]:
        grant = server.get_consent_grant(req)
        return grant.client.app.name, grant.redirect_uri

    result: tuple[str, str] = await oauth_server.run(request, db, _params(request), check)
    return result


def _refused(refused: Refused) -> Response[Any]:
    """Back to the app with RFC 6749's error when its request named a good redirect URI; a page
    otherwise."""
    error = refused.error
    if error.redirect_uri:
        _, _, headers = error()
        return Response(None, status_code=HTTP_303_SEE_OTHER, headers=dict(headers))
    return _page(
        "sign_in_error.html",
        400,
        title="This sign-in link is not valid",
        detail=error.description or error.error,
    )


def _form(
    request: Request[Any, Any, Any],
    app_name: str,
    redirect_uri: str,
    *,
    status: int = 200,
    email: str = "",
    message: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response[str]:
    csrf = CSRF.issue(request)
    response = _page(
        "authorize.html",
        status,
        redirect_target=_source_of(redirect_uri),
        app_name=app_name,
        action=AUTHORIZE_PATH + "?" + urlencode(_params(request)),
        csrf=csrf.value,
        forgot=RESET_PATH,
        email=email,
        message=message,
    )
    response.headers.update(headers or {})
    CSRF.set_cookie(request, response, csrf)
    return response


# RFC 6749 §3.1: the authorization endpoint must ignore the parameters it does not know.
_PAGE: dict[str, Any] = {"opt": {"public": True, ANY_QUERY: True}, "include_in_schema": False}


async def _too_many(request: Request[Any, Any, Any]) -> Response[str] | None:
    """The page counts against its address's quota for requests without a token, like the API
    (each view reads the database); the refusal when it is spent."""
    try:
        await charge_address(request.scope)
    except TooManyRequests as exc:
        page = _page("sign_in_error.html", 429, title="Too many requests", detail=exc.detail)
        page.headers.update(exc.headers)
        return page
    return None


@get(AUTHORIZE_PATH, **_PAGE)
async def authorize(request: Request[Any, Any, Any], db: Db) -> Response[Any]:
    if (limited := await _too_many(request)) is not None:
        return limited
    try:
        app_name, redirect_uri = await _consent(request, db)
    except Refused as refused:
        return _refused(refused)
    return _form(request, app_name, redirect_uri)


@post(AUTHORIZE_PATH, status_code=HTTP_303_SEE_OTHER, **_PAGE)
async def authorize_sign_in(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[SignInForm]
) -> Response[Any]:
    if (limited_page := await _too_many(request)) is not None:
        return limited_page
    try:
        app_name, redirect_uri = await _consent(request, db)
    except Refused as bad_request:
        return _refused(bad_request)
    email = data.email.strip()
    if not CSRF.good(request, data.csrf):
        return _form(
            request,
            app_name,
            redirect_uri,
            status=403,
            email=email,
            message="This form had expired. Sign in again.",
        )
    throttle = throttle_of(request.scope)
    address = throttle.address(request.scope)
    account = email.lower()
    checks = sign_in_failure_checks(request.app.state.settings, account, address)
    async with throttle.serially("sign-in", f"{account} {address}"):
        counted = await throttle.sign_in_failures_left(checks)
        if any(usage.refused for usage in counted):
            limited: TooManyRequests = refusal(counted, "Too many failed sign-ins.")
            return _form(
                request,
                app_name,
                redirect_uri,
                status=429,
                email=email,
                message=limited.detail,
                headers=limited.headers,
            )
        outcome, user = await check_credentials(db, email, data.password)
        if outcome is Outcome.wrong:
            await throttle.sign_in_failed(checks)
    if user is None:
        return _form(request, app_name, redirect_uri, status=401, email=email, message=WRONG)
    try:
        _, _, headers = await oauth_server.run(
            request,
            db,
            _params(request),
            lambda server, req: server.create_authorization_response(
                req, grant_user=user, grant=server.get_consent_grant(req, user)
            ),
        )
    except Refused as refused_by_server:
        return _refused(refused_by_server)
    # 303, not Authlib's 302: the browser must follow with a GET, never re-post the password
    # (RFC 9700 §4.12).
    response = Response(None, status_code=HTTP_303_SEE_OTHER, headers=dict(headers))
    CSRF.clear(response)
    return response


# --- metadata ------------------------------------------------------------------------------


class ServerMetadata(msgspec.Struct, kw_only=True):
    """RFC 8414: where an app finds the endpoints and what they support."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str
    jwks_uri: str
    grant_types_supported: list[str]
    response_types_supported: list[str]
    response_modes_supported: list[str]
    code_challenge_methods_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    revocation_endpoint_auth_methods_supported: list[str]
    scopes_supported: list[str]


def _metadata(request: Request[Any, Any, Any]) -> ServerMetadata:
    issuer: str = request.app.state.settings.jwt_issuer.rstrip("/")
    return ServerMetadata(
        issuer=issuer,
        authorization_endpoint=issuer + AUTHORIZE_PATH,
        token_endpoint=issuer + oauth_server.TOKEN_PATH,
        revocation_endpoint=issuer + "/v1/oauth/revoke",
        jwks_uri=issuer + "/.well-known/jwks.json",
        grant_types_supported=["authorization_code", "refresh_token", "client_credentials"],
        response_types_supported=["code"],
        response_modes_supported=["query"],
        code_challenge_methods_supported=["S256"],
        token_endpoint_auth_methods_supported=["none", "client_secret_basic", "client_secret_post"],
        revocation_endpoint_auth_methods_supported=["none"],
        scopes_supported=sorted(ALL_SCOPES),
    )


@get(
    "/.well-known/oauth-authorization-server",
    operation_id="authorizationServerMetadataRead",
    tags=["oauth"],
    opt={"public": True},
    summary="The authorization server's metadata (RFC 8414)",
)
async def authorization_server_metadata(request: Request[Any, Any, Any]) -> ServerMetadata:
    return _metadata(request)


@get(
    "/.well-known/openid-configuration",
    operation_id="openidConfigurationRead",
    tags=["oauth"],
    opt={"public": True},
    summary="The same metadata, where OpenID Connect libraries look for it",
    description=(
        "dealreg issues no ID tokens: this is the RFC 8414 document, served where client "
        "libraries written for OpenID Connect discovery look first."
    ),
)
async def openid_configuration(request: Request[Any, Any, Any]) -> ServerMetadata:
    return _metadata(request)
