"""`/app`: the rep's installable web app (clients/app), built by Vite into `dealreg/app_dist`
and served from the package, so an installation needs no node.

Not Litestar's static files router: the app needs a cache policy per file and its client routes
answered with its page. Hashed build files (`/app/assets/index-3f2a….js`) are kept a year; the
page, the service worker, its registration script and the manifest are `no-cache`, so a new
release reaches a phone on its next start. A path that names no built file is a route of the app
(`/app/callback`, `/app/deals/new`) and gets the page.

The app is the first-party public client `dealreg-app`, registered here with the redirect URI
`{DEALREG_JWT_ISSUER}/app/callback` whenever the page is served (one statement that writes
nothing once it is there; what a platform admin set, disabling it included, is kept), so a fresh
installation needs no step: people open the app on the issuer's address and sign in.
"""

from functools import cache
from pathlib import Path
from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath

from dealreg.api.deps import Db
from dealreg.api.queries import ANY_QUERY
from dealreg.auth.apps import ensure_first_party_app
from dealreg.errors import NotFound

APP_CLIENT_ID = "dealreg-app"
APP_NAME = "dealreg app"
CALLBACK_PATH = "/app/callback"
BUILD = Path(__file__).resolve().parent.parent / "app_dist"
_IMMUTABLE = "public, max-age=31536000, immutable"
_REVALIDATE = "no-cache"
_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
}
# What the app loads: its own files and this origin's API, nothing from another host. Sign-in
# leaves the page by navigation (`/oauth/authorize`), which no directive here restricts.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
_OPTIONS: dict[str, Any] = {
    "include_in_schema": False,
    # The page's query is the app's (`/app/callback?code=…&state=…`), not the server's.
    "opt": {"public": True, ANY_QUERY: True},
}


@cache
def built_files() -> dict[str, Path]:
    """Every file of the build by its path under /app, read once: nothing outside it is served."""
    if not BUILD.is_dir():
        return {}
    return {
        path.relative_to(BUILD).as_posix(): path
        for path in sorted(BUILD.rglob("*"))
        if path.is_file() and path.suffix in _TYPES
    }


@cache
def _content(name: str) -> bytes:
    return built_files()[name].read_bytes()


def _file(name: str) -> Response[bytes]:
    hashed = name.startswith("assets/")
    headers = {
        "Cache-Control": _IMMUTABLE if hashed else _REVALIDATE,
        "Content-Security-Policy": POLICY,
    }
    if name == "sw.js":
        # The worker controls /app/ (its own folder) only; said so for clarity.
        headers["Service-Worker-Allowed"] = "/app/"
    return Response(_content(name), media_type=_TYPES[Path(name).suffix], headers=headers)


async def _page(request: Request[Any, Any, Any], db: Db) -> Response[bytes]:
    if "index.html" not in built_files():
        raise NotFound("The app is not built: run `npm ci && npm run build` in clients/app.")
    issuer: str = request.app.state.settings.jwt_issuer
    await ensure_first_party_app(
        db, client_id=APP_CLIENT_ID, name=APP_NAME, redirect_uri=issuer.rstrip("/") + CALLBACK_PATH
    )
    return _file("index.html")


@get("/app", **_OPTIONS)
async def app_page(request: Request[Any, Any, Any], db: Db) -> Response[bytes]:
    """The app's page."""
    return await _page(request, db)


@get("/app/{path:path}", **_OPTIONS)
async def app_file(request: Request[Any, Any, Any], db: Db, path: FromPath[str]) -> Response[bytes]:
    """A file of the build, or the page for any other path under /app (the app's own routes)."""
    name = path.lstrip("/")
    if name in built_files() and name != "index.html":
        return _file(name)
    if name.startswith("assets/"):
        # A file of an older build (a phone's stale page asking for it): no page in its stead.
        raise NotFound("The app has no such file.")
    return await _page(request, db)
