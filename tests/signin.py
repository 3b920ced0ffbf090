"""Signing people in from a test, as an app and a browser would: PKCE pairs, the sign-in form
with its CSRF token, the code from the redirect, and the token endpoint."""

import base64
import hashlib
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.models import OAuthApp
from dealreg.auth.passwords import hash_password
from dealreg.orgs.models import Organization, Role, User
from tests.factories import Factory

AUTHORIZE = "/oauth/authorize"
TOKEN = "/v1/oauth/token"
REVOKE = "/v1/oauth/revoke"
SESSIONS = "/v1/me/sessions"
# The issuer of the suite's settings: the sign-in cookie is Secure, so the browser speaks https.
ORIGIN = "https://dealreg.test"
LOOPBACK = "http://127.0.0.1/callback"
WEB = "https://app.example.com/callback"
NATIVE = "com.example.dealreg:/callback"
PASSWORD = "a long pass phrase for tests"
CSRF_COOKIE = "dealreg_sign_in"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def pkce() -> tuple[str, str]:
    """A code verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def make_app(db: AsyncSession, **overrides: Any) -> OAuthApp:
    fields: dict[str, Any] = {
        "client_id": f"app-{secrets.token_hex(4)}",
        "name": "Rep app",
        "redirect_uris": [LOOPBACK, WEB, NATIVE],
    }
    app = OAuthApp(**(fields | overrides))
    db.add(app)
    await db.flush()
    return app


async def person(
    factory: Factory, org: Organization | None = None, role: Role = Role.partner_rep, **fields: Any
) -> User:
    """A person with PASSWORD, in `org` (a new partner by default)."""
    org = org or await factory.partner()
    return await factory.user(org, role, password_hash=hash_password(PASSWORD), **fields)


def browser(app: Any, ip: str = "198.51.100.20") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url=ORIGIN)


def query(
    client_id: str, challenge: str, *, redirect_uri: str = LOOPBACK, **extra: str
) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "state-" + secrets.token_hex(4),
    }
    return params | extra


def csrf_of(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    assert found, page.text
    return found.group(1)


async def submit(
    web: httpx.AsyncClient, params: dict[str, str], email: str, password: str = PASSWORD
) -> httpx.Response:
    """Open the sign-in page, then post the form on it."""
    page = await web.get(AUTHORIZE, params=params)
    assert page.status_code == 200, page.text
    return await web.post(
        AUTHORIZE,
        params=params,
        data={"email": email, "password": password, "csrf": csrf_of(page)},
    )


def redirected(response: httpx.Response) -> tuple[str, dict[str, str]]:
    """Where a 303 sends the browser: the URI without its query, and the query."""
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    parts = urlsplit(location)
    values = {key: found[0] for key, found in parse_qs(parts.query).items()}
    return location.split("?", 1)[0], values


async def code_for(web: httpx.AsyncClient, params: dict[str, str], email: str) -> str:
    _, values = redirected(await submit(web, params, email))
    assert values["state"] == params["state"]
    return values["code"]


async def exchange(
    web: httpx.AsyncClient, client_id: str, code: str, verifier: str, redirect_uri: str = LOOPBACK
) -> httpx.Response:
    return await web.post(
        TOKEN,
        data={
            "grant_type": "authorization_code",
            "client_id": client_id,
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": redirect_uri,
        },
    )


async def refresh(web: httpx.AsyncClient, client_id: str, token: str) -> httpx.Response:
    return await web.post(
        TOKEN, data={"grant_type": "refresh_token", "client_id": client_id, "refresh_token": token}
    )


async def signed_in(
    web: httpx.AsyncClient, app: OAuthApp, user: User, redirect_uri: str = LOOPBACK
) -> dict[str, Any]:
    """The token answer of a whole sign-in of `user` to `app`."""
    verifier, challenge = pkce()
    params = query(app.client_id, challenge, redirect_uri=redirect_uri)
    code = await code_for(web, params, user.email)
    response = await exchange(web, app.client_id, code, verifier, redirect_uri)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def machine_headers(client: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, str]:
    """A new machine client of `admin`'s organization, as the bearer header of its token."""
    created = await client.post("/v1/api-clients", json={"name": "CRM"}, headers=admin)
    assert created.status_code == 201, created.text
    token = await client.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": created.json()["client_id"],
            "client_secret": created.json()["client_secret"],
        },
    )
    assert token.status_code == 200, token.text
    return bearer(token.json()["access_token"])
