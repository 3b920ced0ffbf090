"""What every server-rendered page shares: the templates, the one stylesheet (inline, let in by
its hash), the headers of a page that loads and runs nothing else, and errors shown as pages.

Pages are outside the OpenAPI document (they are not API) and render every error as HTML with
the status and wording of the API's problem.
"""

import base64
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

import jinja2
import msgspec
from litestar import MediaType, Request, Response
from litestar.types import ExceptionHandlersMap

from dealreg.problem_handlers import exception_handlers

templates = jinja2.Environment(
    loader=jinja2.PackageLoader("dealreg.api", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
STYLE = files("dealreg.api").joinpath("templates/page.css").read_text()
STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
PAGE_HEADERS = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src 'sha256-{STYLE_HASH}'; form-action 'self'; "
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


# ISO 4217 currencies without minor units; every other currency the API sees has two (the few
# with three, such as BHD, are shown with two).
_NO_MINOR_UNITS = frozenset({"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF"})
_NO_MINOR_UNITS |= {"UGX", "VND", "VUV", "XAF", "XOF", "XPF"}


def _amount(amount: int | None, currency: str | None) -> str:
    """Minor units as a person reads them, `1,250,000`, cents only when there are some; the page
    says the currency once for its figures."""
    if amount is None or currency is None:
        return _NONE
    if currency in _NO_MINOR_UNITS:
        return f"{amount:,}"
    whole, cents = divmod(amount, 100)
    return f"{whole:,}" + (f".{cents:02d}" if cents else "")


def _figure(value: float | None, signed: bool = False) -> str:
    if value is None:
        return _NONE
    return f"{value:+.1f}" if signed else f"{value:.1f}"


templates.filters.update(hours=_hours, share=_share, when=_when, amount=_amount, figure=_figure)


def render_page(template: str, status: int = 200, **context: Any) -> Response[str]:
    """`template` as a page under the shared policy (its own stylesheet, forms post here)."""
    html = templates.get_template(template).render(style=STYLE, **context)
    return Response(html, status_code=status, media_type=MediaType.HTML, headers=PAGE_HEADERS)


def _html_error(
    handler: Callable[[Request[Any, Any, Any], Any], Response[bytes]],
) -> Callable[[Request[Any, Any, Any], Any], Response[str]]:
    """The API's own answer to an error, shown as a page: one place decides status and words."""

    def render(request: Request[Any, Any, Any], exc: Any) -> Response[str]:
        answer = handler(request, exc)
        problem = msgspec.json.decode(answer.content)
        page = render_page("problem.html", problem["status"], problem=problem)
        # Its headers too (Retry-After, RateLimit, WWW-Authenticate), the page's own kept.
        for name, value in answer.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                page.headers.setdefault(name, value)
        return page

    return render


HTML_ERRORS: ExceptionHandlersMap = {
    error: _html_error(handler) for error, handler in exception_handlers().items()
}
