"""HTML pages for people who would rather look than read: the SLA report with its charts.

A person signs in to the pages as to any app: through the authorization flow (api/signin.py),
the pages being the first-party app `dealreg-pages`. An unsigned browser is sent to the sign-in
page with a PKCE challenge and a `state`; the verifier and state wait in a sealed cookie of the
callback's own, one per sign-in under way (HttpOnly, SameSite=Lax, ten minutes). The callback checks the state, exchanges
the code in-process (Authlib's grant, no HTTP to itself), and keeps only the sign-in session's
id, sealed, in an HttpOnly, SameSite=Lax cookie for `/reports` (Secure where served over TLS).
No token a script could read is ever in the browser: each page builds its principal from the
session (auth/service.py `session_principal`), so a session ended (signed out here or from
another device, a new password) or a person disabled sends the browser to sign in again.
"Sign out" is a POST form with a CSRF token (api/forms.py); it ends the session.

`dealreg-pages` registers itself, with the callback under DEALREG_JWT_ISSUER, the first time
an unsigned browser is sent to sign in: a fresh installation needs no operator step, and a moved
one (a new issuer) adds its new callback. A script may still send `Authorization: Bearer`.

The pages are outside the OpenAPI document and allow nothing but their own inline stylesheet to
run or load (api/html.py).
"""

import base64
import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER

from dealreg.api import oauth_server
from dealreg.api.deps import Db
from dealreg.api.forms import CsrfGuard, served_securely
from dealreg.api.html import HTML_ERRORS, render_page
from dealreg.api.queries import ANY_QUERY, QUERY_PREFIXES
from dealreg.api.reports import From, To, report_scope
from dealreg.api.signin import AUTHORIZE_PATH
from dealreg.api.throttling import admit, charge_address
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes, sessions
from dealreg.auth.apps import ensure_first_party_app
from dealreg.auth.server import Refused
from dealreg.auth.service import session_principal
from dealreg.auth.tokens import InvalidToken, TokenService
from dealreg.errors import Forbidden, NotFound, Unauthenticated
from dealreg.orgs.models import OrgKind, User
from dealreg.orgs.principals import Principal
from dealreg.pagination import PageRequest
from dealreg.sealing import Sealer, Unsealable
from dealreg.sla import chart, reports, watchlists

PAGES_APP = "dealreg-pages"
PAGES_APP_NAME = "dealreg reports"
PAGE_PATH = "/reports/sla"
CALLBACK_PATH = "/reports/callback"
SIGN_OUT_PATH = "/reports/sign-out"
SIGNED_OUT_PATH = "/reports/signed-out"
SESSION_COOKIE = "dealreg_pages"
FLOW_COOKIE = "dealreg_pages_flow"
# Long enough to type a password (or look one up), short enough that a stale tab starts over.
FLOW_SECONDS = 600
SIGN_OUT_CSRF = CsrfGuard(form="pages sign-out", cookie="dealreg_pages_csrf", path="/reports")
RECENT_BREACHES = 20
# The report's filters a sign-in carries back to the page it came from, if they are this short
# (they ride in a cookie).
_FILTERS = ("from", "to", "vendor_id", "group_by", "quarter")
_FILTERS_KEPT_UP_TO = 300
# What each sealed cookie is bound to: one cannot stand in for the other.
_SESSION_CONTEXT = b"pages session"
_FLOW_CONTEXT = b"pages sign-in flow"
_START_AGAIN = "Sign in again"
_NOT_KEPT = {"Cache-Control": "no-store"}


class _Flow(msgspec.Struct, frozen=True):
    """A sign-in under way: what the callback checks and sends."""

    state: str
    verifier: str
    back: str
    started: int


def _sealer(request: Request[Any, Any, Any]) -> Sealer:
    sealer: Sealer = request.app.state.page_sealer
    return sealer


def _seal(request: Request[Any, Any, Any], body: bytes, context: bytes) -> str:
    return base64.urlsafe_b64encode(_sealer(request).seal(body, context)).decode().rstrip("=")


def _unseal(request: Request[Any, Any, Any], cookie: str, context: bytes) -> bytes | None:
    """What a cookie of ours holds; None for one we did not seal (forged, or of an old key)."""
    value = request.cookies.get(cookie)
    if not value:
        return None
    try:
        sealed = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        return _sealer(request).open(sealed, context)
    except (ValueError, Unsealable):
        return None


def _set_cookie(
    request: Request[Any, Any, Any],
    response: Response[Any],
    name: str,
    value: str,
    *,
    path: str,
    max_age: int | None = None,
) -> None:
    # Lax, not Strict: the browser comes back to the callback by a redirect, and a person
    # following a link to a report should find themselves signed in.
    response.set_cookie(
        name,
        value,
        path=path,
        max_age=max_age,
        httponly=True,
        secure=served_securely(request),
        samesite="lax",
    )


def _session_id(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    raw = _unseal(request, SESSION_COOKIE, _SESSION_CONTEXT)
    return uuid.UUID(bytes=raw) if raw is not None and len(raw) == 16 else None


async def _session_principal(request: Request[Any, Any, Any], db: Db) -> Principal | None:
    session_id = _session_id(request)
    if session_id is None:
        return None
    settings = request.app.state.settings
    return await session_principal(
        db, session_id, client_id=PAGES_APP, idle=timedelta(days=settings.refresh_idle_days)
    )


def _return_to(request: Request[Any, Any, Any]) -> str:
    """Where a sign-in brings the browser back: this page (always one of ours), with the report's
    own filters of its query re-encoded, when they are short enough to carry."""
    kept = urlencode(
        [(key, value) for key, value in parse_qsl(request.url.query or "") if key in _FILTERS]
    )
    path = request.url.path
    return f"{path}?{kept}" if kept and len(kept) <= _FILTERS_KEPT_UP_TO else path


def _callback_uri(request: Request[Any, Any, Any]) -> str:
    issuer: str = request.app.state.settings.jwt_issuer
    return issuer.rstrip("/") + CALLBACK_PATH


async def _to_sign_in(request: Request[Any, Any, Any], db: Db) -> Response[Any]:
    """Off to the sign-in page, with a new PKCE pair and state; a refused session cookie goes.
    Counted against the address's quota, like every request without a token."""
    await charge_address(request.scope)
    redirect_uri = _callback_uri(request)
    await ensure_first_party_app(
        db, client_id=PAGES_APP, name=PAGES_APP_NAME, redirect_uri=redirect_uri
    )
    flow = _Flow(
        state=secrets.token_urlsafe(24),
        verifier=secrets.token_urlsafe(48),
        back=_return_to(request),
        started=int(time.time()),
    )
    challenge = hashlib.sha256(flow.verifier.encode()).digest()
    query = urlencode(
        {
            "response_type": "code",
            "client_id": PAGES_APP,
            "redirect_uri": redirect_uri,
            "code_challenge": base64.urlsafe_b64encode(challenge).decode().rstrip("="),
            "code_challenge_method": "S256",
            "state": flow.state,
        }
    )
    # Never kept by a cache: it carries this browser's new flow.
    response = Redirect(
        f"{AUTHORIZE_PATH}?{query}", status_code=HTTP_303_SEE_OTHER, headers=_NOT_KEPT
    )
    sealed = _seal(request, msgspec.msgpack.encode(flow), _FLOW_CONTEXT)
    _set_cookie(
        request,
        response,
        flow_cookie_name(flow.state),
        sealed,
        path=CALLBACK_PATH,
        max_age=FLOW_SECONDS,
    )
    if SESSION_COOKIE in request.cookies:
        response.delete_cookie(SESSION_COOKIE, path="/reports")
    return response


def _bearer(request: Request[Any, Any, Any]) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


async def _bearer_principal(request: Request[Any, Any, Any], token: str) -> Principal:
    tokens: TokenService = request.app.state.tokens
    try:
        return tokens.verify(token)
    except InvalidToken as exc:
        await charge_address(request.scope)
        raise Unauthenticated(
            f"The access token was refused: {exc}.",
            headers={"WWW-Authenticate": 'Bearer realm="dealreg", error="invalid_token"'},
        ) from exc


async def page_principal(
    request: Request[Any, Any, Any],
    db: Db,
    *,
    scope: str = scopes.READ_REPORTS,
    refused: str = "SLA reports are for vendors and channel operations.",
) -> Principal | Response[Any]:
    """Whom a report page is for: the bearer of a token, or the person signed in to the pages;
    an unsigned browser gets its way to the sign-in page (and back here) instead. Counted like
    the API's requests: a page runs reports, and is no way around the limits. Without `scope`,
    the caller is `refused`."""
    token = _bearer(request)
    if token is not None:
        principal = await _bearer_principal(request, token)
    else:
        signed_in = await _session_principal(request, db)
        if signed_in is None:
            return await _to_sign_in(request, db)
        principal = signed_in
    await admit(request.scope, db, principal)
    if scope not in principal.scopes:
        raise Forbidden(refused)
    return principal


# Every page: authenticated by itself (header or session cookie), not API, errors shown as pages.
PAGE_OPTIONS: dict[str, Any] = {
    "opt": {"public": True},
    "include_in_schema": False,
    "exception_handlers": HTML_ERRORS,
}


# People arrive from links in mail and chat, which tools tag with `utm_*` parameters.
@get(
    PAGE_PATH,
    **(PAGE_OPTIONS | {"opt": {"public": True, QUERY_PREFIXES: ("utm_",), **ON_REPORTS_POOL}}),
)
async def sla_page(
    request: Request[Any, Any, Any],
    db: Db,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
    group_by: FromQuery[reports.SlaGroupBy] = reports.SlaGroupBy.vendor,
) -> Response[Any]:
    principal = await page_principal(request, db)
    if isinstance(principal, Response):
        return principal
    token = _bearer(request)
    scope = report_scope(principal, start, end, vendor_id, None, None)
    own_vendor = principal.org_kind is OrgKind.vendor
    names = await reports.vendor_names(db, scope.vendor_id if own_vendor else None)
    if scope.vendor_id is not None and scope.vendor_id not in names:
        raise NotFound("There is no vendor with this id.")
    # A browser signed in here gets a sign-out form and is told whom it is signed in as; a
    # script with a header has nothing to end.
    csrf = SIGN_OUT_CSRF.issue(request) if token is None else None
    person = await db.get(User, principal.subject_id) if csrf is not None else None
    weeks = await reports.weekly_by_vendor(db, scope)
    page = render_page(
        "sla_report.html",
        scope=scope,
        own_vendor=own_vendor,
        vendor_names=names,
        totals=await reports.totals(db, scope),
        group_by=group_by,
        groupings=[grouping for grouping in reports.SlaGroupBy if grouping is not group_by],
        rows=await reports.summary(db, scope, group_by),
        # The totals and the weekly charts are as approximate as a row by vendor.
        percentile_error=reports.percentile_error(scope, group_by)
        or reports.percentile_error(scope, reports.SlaGroupBy.vendor),
        at_risk=await watchlists.at_risk(db, scope.vendor_id, PageRequest(limit=RECENT_BREACHES)),
        filters=urlencode(
            {"from": scope.first_day, "to": scope.last_day}
            | ({"vendor_id": scope.vendor_id} if scope.vendor_id else {})
        ),
        as_of=datetime.now(UTC),
        charts=chart.build(
            weeks,
            scope.first_day,
            scope.last_day,
            await reports.limits_by_vendor(db, scope, {week.vendor_id for week in weeks}),
        ),
        breaches=await watchlists.recent_breaches(db, scope, RECENT_BREACHES),
        sign_out=SIGN_OUT_PATH if csrf else None,
        signed_in_as=person.email if person is not None else "",
        csrf=csrf.value if csrf else "",
    )
    if csrf is not None:
        SIGN_OUT_CSRF.set_cookie(request, page, csrf)
    return page


def _message(heading: str, text: str, *, status: int = 200, alert: bool = False) -> Response[str]:
    return render_page(
        "page_message.html",
        status,
        heading=heading,
        text=text,
        alert=alert,
        link=PAGE_PATH,
        link_text=_START_AGAIN if alert else "Sign in",
    )


def _failed(text: str, status: int = 400) -> Response[str]:
    """A sign-in that cannot be finished: said so, with the way to start one again."""
    return _message("Sign-in not completed", text, status=status, alert=True)


def _back_to_page(back: str) -> Redirect:
    # `back` comes from a sealed cookie of ours; only a page under /reports is ever a place to go.
    place = back if back.startswith("/reports/") and "//" not in back else PAGE_PATH
    return Redirect(place, status_code=HTTP_303_SEE_OTHER, headers=_NOT_KEPT)


def flow_cookie_name(state: str) -> str:
    """The cookie of the sign-in with this `state`: each sign-in under way has its own, so that
    two tabs signing in at once do not overwrite each other's."""
    return f"{FLOW_COOKIE}_{hashlib.sha256(state.encode()).hexdigest()[:16]}"


def _flow(request: Request[Any, Any, Any], state: str) -> _Flow | None:
    raw = _unseal(request, flow_cookie_name(state), _FLOW_CONTEXT)
    if raw is None:
        return None
    try:
        flow = msgspec.msgpack.decode(raw, type=_Flow)
    except msgspec.DecodeError:
        return None
    return flow if time.time() - flow.started < FLOW_SECONDS else None


# RFC 6749 §4.1.2: the client ignores response parameters it does not know (`iss`, `error_uri`).
@get(CALLBACK_PATH, **(PAGE_OPTIONS | {"opt": {"public": True, ANY_QUERY: True}}))
async def sign_in_callback(request: Request[Any, Any, Any], db: Db) -> Response[Any]:
    """Where the sign-in page sends the browser back: the code becomes a session here."""
    # Read by hand: `state` is a name Litestar keeps for its own application state.
    query = request.query_params
    code, state = query.get("code", ""), query.get("state", "")
    error, error_description = query.get("error", ""), query.get("error_description", "")
    # A code is worth guessing at only with its verifier, but each try reads the database.
    await charge_address(request.scope)
    flow = _flow(request, state)
    if flow is None or not secrets.compare_digest(flow.state.encode(), state.encode()):
        response = _failed(
            "This sign-in did not start in this browser, or took longer than ten minutes."
        )
    elif error or not code:
        response = _failed(error_description or error or "The sign-in page sent no code back.")
    else:
        params = [
            ("grant_type", "authorization_code"),
            ("client_id", PAGES_APP),
            ("code", code),
            ("redirect_uri", _callback_uri(request)),
            ("code_verifier", flow.verifier),
        ]
        try:
            _, body, _ = await oauth_server.run(
                request,
                db,
                params,
                lambda server, req: server.create_token_response(req),
                at_token_endpoint=True,
            )
        except Refused as refused:
            response = _failed(oauth_server.problem_of(refused).detail)
        else:
            # The session is the pages' hold on the sign-in; its tokens are not kept (the
            # refresh token lapses unused, and no JWT is handed to the browser).
            tokens: TokenService = request.app.state.tokens
            session_id = tokens.verify(body["access_token"]).session_id
            assert session_id is not None  # noqa: S101 - a code's exchange starts a session
            response = _back_to_page(flow.back)
            _set_cookie(
                request,
                response,
                SESSION_COOKIE,
                _seal(request, session_id.bytes, _SESSION_CONTEXT),
                path="/reports",
            )
    response.delete_cookie(flow_cookie_name(state), path=CALLBACK_PATH)
    return response


class SignOutForm(msgspec.Struct):
    csrf: str = ""


@post(SIGN_OUT_PATH, status_code=HTTP_303_SEE_OTHER, **PAGE_OPTIONS)
async def sign_out(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[SignOutForm]
) -> Response[Any]:
    if not SIGN_OUT_CSRF.good(request, data.csrf):
        raise Forbidden(
            "This form has expired or was not sent from dealreg's page: open the report again."
        )
    principal = await _session_principal(request, db)
    if principal is not None and principal.session_id is not None:
        await sessions.end_own_session(db, principal, principal.session_id)
    response = Redirect(SIGNED_OUT_PATH, status_code=HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE, path="/reports")
    SIGN_OUT_CSRF.clear(response)
    return response


@get(SIGNED_OUT_PATH, **PAGE_OPTIONS)
async def signed_out() -> Response[str]:
    return _message("Signed out", "You are signed out of dealreg's reports in this browser.")
