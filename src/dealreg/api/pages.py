"""HTML pages for people who would rather look than read: the SLA report with its charts.

A browser cannot send a bearer header on a link, so a page also takes the access token from a
cookie that its sign-in form sets: HttpOnly, SameSite=Strict, scoped to `/reports` and only ever
read by these GET pages, so it cannot act on the API. The pages are outside the OpenAPI document
(they are not API), render every error as HTML with the status and wording of the API's problem,
and allow nothing but their own inline stylesheet to run or load.
"""

import base64
import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jinja2
import msgspec
from litestar import MediaType, Request, Response, get, post
from litestar.params import FromQuery, URLEncodedBody
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER
from litestar.types import ExceptionHandlersMap

from dealreg.api.deps import Db
from dealreg.api.reports import From, To, report_scope
from dealreg.api.throttling import admit, charge_address
from dealreg.api.unit_of_work import ON_REPORTS_POOL
from dealreg.auth import scopes
from dealreg.auth.tokens import InvalidToken, TokenService
from dealreg.errors import Forbidden, NotFound, Unauthenticated, exception_handlers
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.sla import chart, reports

COOKIE = "dealreg_reports"
PAGE_PATH = "/reports/sla"
SIGN_IN_PATH = "/reports/sign-in"
SIGN_OUT_PATH = "/reports/sign-out"
RECENT_BREACHES = 20
# The report's filters a sign-in carries back to the page it came from.
_FILTERS = ("from", "to", "vendor_id")

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("dealreg.api", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
_STYLE = files("dealreg.api").joinpath("templates/page.css").read_text()
_STYLE_HASH = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


# An en dash stands for "no figure" (nothing decided yet), as in a printed table.
_NONE = "\N{EN DASH}"


def _hours(value: float | None) -> str:
    return _NONE if value is None else f"{value:g} h"


def _share(value: float | None) -> str:
    return _NONE if value is None else f"{value:.0%}"


def _when(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


_templates.filters.update(hours=_hours, share=_share, when=_when)


def _page(template: str, status: int = 200, **context: Any) -> Response[str]:
    html = _templates.get_template(template).render(style=_STYLE, **context)
    return Response(html, status_code=status, media_type=MediaType.HTML, headers=_HEADERS)


def _html_error(
    handler: Callable[[Request[Any, Any, Any], Any], Response[bytes]],
) -> Callable[[Request[Any, Any, Any], Any], Response[str]]:
    """The API's own answer to an error, shown as a page: one place decides status and words."""

    def render(request: Request[Any, Any, Any], exc: Any) -> Response[str]:
        answer = handler(request, exc)
        problem = msgspec.json.decode(answer.content)
        page = _page("problem.html", problem["status"], problem=problem)
        # Its headers too (Retry-After, RateLimit, WWW-Authenticate), the page's own kept.
        for name, value in answer.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                page.headers.setdefault(name, value)
        return page

    return render


HTML_ERRORS: ExceptionHandlersMap = {
    error: _html_error(handler) for error, handler in exception_handlers().items()
}


def _sign_in(
    request: Request[Any, Any, Any], back: str, *, status: int = 401, message: str | None = None
) -> Response[str]:
    """The sign-in form, `back` being the report's query to return to; a refused cookie goes."""
    response = _page("sign_in.html", status, message=message, back=back, action=SIGN_IN_PATH)
    if COOKIE in request.cookies:
        response.delete_cookie(COOKIE, path="/reports")
    return response


def _bearer(request: Request[Any, Any, Any]) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(COOKIE) or None


async def _principal(request: Request[Any, Any, Any], db: Db, token: str) -> Principal:
    tokens: TokenService = request.app.state.tokens
    try:
        principal = tokens.verify(token)
    except InvalidToken as exc:
        await charge_address(request.scope)
        raise Unauthenticated(f"The access token was refused: {exc}.") from exc
    # Counted like the API's requests: a page runs reports, and is no way around the limits.
    await admit(request.scope, db, principal)
    if scopes.READ_REPORTS not in principal.scopes:
        raise Forbidden("SLA reports are for vendors and channel operations.")
    return principal


# Every page: authenticated by itself (header or cookie), not API, its errors shown as pages.
_PAGE: dict[str, Any] = {
    "opt": {"public": True},
    "include_in_schema": False,
    "exception_handlers": HTML_ERRORS,
}


@get(PAGE_PATH, **(_PAGE | {"opt": {"public": True, **ON_REPORTS_POOL}}))
async def sla_page(
    request: Request[Any, Any, Any],
    db: Db,
    start: From = None,
    end: To = None,
    vendor_id: FromQuery[uuid.UUID | None] = None,
) -> Response[str]:
    token = _bearer(request)
    if token is None:
        return _sign_in(request, request.url.query or "")
    try:
        principal = await _principal(request, db, token)
    except Unauthenticated as exc:
        return _sign_in(request, request.url.query or "", message=exc.detail)
    scope = report_scope(principal, start, end, vendor_id, None, None)
    own_vendor = principal.org_kind is OrgKind.vendor
    names = await reports.vendor_names(db, scope.vendor_id if own_vendor else None)
    if scope.vendor_id is not None and scope.vendor_id not in names:
        raise NotFound("There is no vendor with this id.")
    return _page(
        "sla_report.html",
        scope=scope,
        own_vendor=own_vendor,
        vendor_names=names,
        totals=await reports.totals(db, scope),
        vendors=await reports.summary(db, scope, reports.SlaGroupBy.vendor),
        charts=chart.build(
            await reports.weekly_by_vendor(db, scope), scope.first_day, scope.last_day
        ),
        breaches=await reports.recent_breaches(db, scope, RECENT_BREACHES),
        sign_out=SIGN_OUT_PATH,
    )


class SignIn(msgspec.Struct):
    token: str = ""
    back: str = ""


def _same_origin(request: Request[Any, Any, Any]) -> bool:
    # A form posted from another site could sign a browser in as someone else (login CSRF).
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _back_to_page(query: str) -> Redirect:
    # Only the report's own filters go back, re-encoded: `next` is never a place to go.
    kept = urlencode([(key, value) for key, value in parse_qsl(query) if key in _FILTERS])
    return Redirect(PAGE_PATH + (f"?{kept}" if kept else ""), status_code=HTTP_303_SEE_OTHER)


@post(SIGN_IN_PATH, status_code=HTTP_303_SEE_OTHER, **_PAGE)
async def sign_in(
    request: Request[Any, Any, Any], db: Db, data: URLEncodedBody[SignIn]
) -> Response[Any]:
    if not _same_origin(request):
        raise Forbidden("Sign in from dealreg's own page.")
    token = data.token.strip()
    if not token:
        return _sign_in(request, data.back, status=400, message="Paste an access token.")
    try:
        await _principal(request, db, token)
    except Unauthenticated as exc:
        return _sign_in(request, data.back, message=exc.detail)
    response = _back_to_page(data.back)
    # No Max-Age: the cookie ends with the browser session, and the token's own expiry is checked
    # on every page.
    response.set_cookie(
        COOKIE, token, path="/reports", httponly=True, secure=True, samesite="strict"
    )
    return response


@post(SIGN_OUT_PATH, status_code=HTTP_303_SEE_OTHER, **_PAGE)
async def sign_out() -> Redirect:
    response = Redirect(PAGE_PATH, status_code=HTTP_303_SEE_OTHER)
    response.delete_cookie(COOKIE, path="/reports")
    return response
