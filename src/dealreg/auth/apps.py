"""Apps people sign in through (public OAuth clients), registered by the platform admin, and the
rules for their redirect URIs (RFC 8252 for native apps, OAuth 2.1 for the rest).

A redirect URI is compared exactly as registered, with one exception: a loopback IP literal
(`http://127.0.0.1/...`, `http://[::1]/...`) takes any port, since a native app listens on
whichever port the system gives it (RFC 8252 §7.3). Accepted at registration: `https` anywhere;
`http` only on loopback (127.0.0.1, [::1], or `localhost` with the exact port); a private-use
scheme in reverse domain notation (`com.example.app:/callback`, RFC 8252 §7.1). Never a fragment.
"""

import ipaddress
import uuid
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import all_, func, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from dealreg.auth.models import OAuthApp
from dealreg.db import flush_unique
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.i18n import N_
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, fetch_page
from dealreg.preconditions import IfMatch

MAX_REDIRECT_URIS = 20


class OAuthAppNotFound(NotFound):
    type = "oauth-app-not-found"


class DuplicateOAuthApp(Conflict):
    type = "duplicate-oauth-app"


def _loopback_ip(host: str | None) -> bool:
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def redirect_uri_problem(uri: str) -> str | None:
    """Why `uri` cannot be registered as a redirect URI, or None when it can."""
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - parsed to be checked
    except ValueError:
        return "is not a URI"
    if parts.fragment or "#" in uri:
        return "may not have a fragment"
    if any(ch.isspace() for ch in uri) or not uri.isprintable():
        return "may not contain spaces or control characters"
    scheme = parts.scheme.lower()
    if scheme == "https":
        return None if parts.hostname else "needs a host"
    if scheme == "http":
        if _loopback_ip(parts.hostname) or parts.hostname == "localhost":
            return None
        return "may use http only on loopback (127.0.0.1, [::1], localhost); use https"
    if not scheme:
        return "must be absolute"
    if "." in scheme and not parts.netloc:
        return None  # com.example.app:/callback
    return "needs https, loopback http, or a private-use scheme like com.example.app:/callback"


def _without_port(uri: str) -> str:
    parts = urlsplit(uri)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    return urlunsplit(parts._replace(netloc=netloc))


def redirect_uri_allowed(registered: list[str], requested: str) -> bool:
    """Whether `requested` is one of `registered`: exactly, or for a loopback IP literal
    registered over http, with any port."""
    if requested in registered:
        return True
    try:
        parts = urlsplit(requested)
        if parts.scheme != "http" or not _loopback_ip(parts.hostname):
            return False
        parts.port  # noqa: B018 - a bad port is no match
    except ValueError:
        return False
    # Only the port may differ: userinfo (`http://x;y@127.0.0.1`) would be dropped by the
    # comparison below, and control characters, which urlsplit strips, would go unseen.
    if "@" in parts.netloc or redirect_uri_problem(requested) is not None:
        return False
    return _without_port(requested) in [
        _without_port(uri) for uri in registered if uri.startswith("http://")
    ]


def _check_redirect_uris(redirect_uris: list[str]) -> None:
    errors = [
        field_error("redirect_uri", detail=f"{uri!r} {problem}", pointer=f"/redirect_uris/{index}")
        for index, uri in enumerate(redirect_uris)
        if (problem := redirect_uri_problem(uri)) is not None
    ]
    if not redirect_uris:
        errors.append(
            field_error(
                "too_few",
                detail=N_("An app needs a redirect URI."),
                pointer="/redirect_uris",
                min_items=1,
            )
        )
    if errors:
        raise InvalidInput("Some redirect URIs cannot be registered.", errors=errors)


def _require_platform(actor: Principal) -> None:
    if not actor.is_platform:
        raise Forbidden("Apps are registered by the platform's admins.")


async def create_app(
    session: AsyncSession,
    actor: Principal,
    *,
    client_id: str,
    name: str,
    redirect_uris: list[str],
    first_party: bool = False,
) -> OAuthApp:
    _require_platform(actor)
    _check_redirect_uris(redirect_uris)
    app = OAuthApp(
        client_id=client_id,
        name=name,
        redirect_uris=list(dict.fromkeys(redirect_uris)),
        first_party=first_party,
    )
    await flush_unique(
        session,
        {
            "uq_oauth_apps_client_id": lambda: DuplicateOAuthApp(
                f"An app with client_id '{client_id}' exists already."
            )
        },
        app,
    )
    return app


async def list_apps(
    session: AsyncSession, actor: Principal, *, page: PageRequest
) -> Page[OAuthApp]:
    _require_platform(actor)
    return await fetch_page(session, select(OAuthApp), OAuthApp, page)


async def get_app(session: AsyncSession, actor: Principal, app_id: uuid.UUID) -> OAuthApp:
    _require_platform(actor)
    app = await session.get(OAuthApp, app_id)
    if app is None:
        raise OAuthAppNotFound(f"No app {app_id}.")
    return app


async def update_app(
    session: AsyncSession,
    actor: Principal,
    app_id: uuid.UUID,
    *,
    if_match: IfMatch,
    name: str | None = None,
    redirect_uris: list[str] | None = None,
    active: bool | None = None,
) -> OAuthApp:
    """Rename an app, change its redirect URIs, or disable it: a disabled app's sign-ins, codes
    and refresh tokens are refused (its access tokens live out their few minutes)."""
    app = await get_app(session, actor, app_id)
    if_match.check(app.version)
    if redirect_uris is not None:
        _check_redirect_uris(redirect_uris)
        app.redirect_uris = list(dict.fromkeys(redirect_uris))
    if name is not None:
        app.name = name
    if active is not None:
        app.active = active
    await session.flush()
    return app


def find_app(session: Session, client_id: str) -> OAuthApp | None:
    """The active app with `client_id`, read through the synchronous session Authlib's callbacks
    are given (auth/server.py)."""
    app = session.scalars(select(OAuthApp).where(OAuthApp.client_id == client_id)).one_or_none()
    return app if app is not None and app.active else None


async def ensure_first_party_app(
    session: AsyncSession, *, client_id: str, name: str, redirect_uri: str
) -> None:
    """Register dealreg's own app `client_id` with `redirect_uri`, or add the URI to it when
    missing (the installation's address changed); one statement, writing nothing when all is
    there. Whatever else the platform admin set (other URIs, disabling it) is kept."""
    stmt = (
        pg_insert(OAuthApp)
        .values(
            id=uuid.uuid4(),
            client_id=client_id,
            name=name,
            redirect_uris=[redirect_uri],
            first_party=True,
        )
        .on_conflict_do_update(
            index_elements=[OAuthApp.client_id],
            set_={
                "redirect_uris": func.array_append(OAuthApp.redirect_uris, redirect_uri),
                "version": OAuthApp.version + 1,
                "updated_at": func.clock_timestamp(),
            },
            where=literal(redirect_uri) != all_(OAuthApp.redirect_uris),
        )
    )
    await session.execute(stmt)
