"""The whole sign-in as a native app does it (RFC 8252), over real HTTP: the app listens on a
loopback port of its own, sends the person's browser to the authorization endpoint with a PKCE
challenge, receives the code on its port, exchanges it with the verifier, and calls the API."""

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import User
from tests.factories import Factory
from tests.signin import CSRF_COOKIE, PASSWORD, csrf_of, make_app, person, pkce


async def _loopback_listener() -> tuple[asyncio.Server, "asyncio.Future[str]"]:
    """What the app opens: a one-shot HTTP listener on 127.0.0.1, any free port; the future
    gets the target of the request the browser is redirected with."""
    received: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request_line = (await reader.readline()).decode()
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        if not received.done():
            received.set_result(request_line.split(" ")[1])
        body = b"Signed in. You can close this window."
        writer.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, received


async def test_a_native_app_signs_a_person_in_and_calls_the_api(
    live_url: str, db: AsyncSession, factory: Factory
) -> None:
    app = await make_app(db, redirect_uris=["http://127.0.0.1/callback"])
    rep: User = await person(factory)
    listener, received = await _loopback_listener()
    port = listener.sockets[0].getsockname()[1]
    redirect_uri = f"http://127.0.0.1:{port}/callback"
    verifier, challenge = pkce()
    try:
        async with httpx.AsyncClient(base_url=live_url) as http:
            meta = (await http.get("/.well-known/oauth-authorization-server")).json()
            assert meta["code_challenge_methods_supported"] == ["S256"]
            authorize = urlsplit(meta["authorization_endpoint"]).path
            params = {
                "response_type": "code",
                "client_id": app.client_id,
                "redirect_uri": redirect_uri,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
                "state": "native-state-1",
                "scope": "registrations:read registrations:write",
            }

            # The person's browser: the page, then the form on it.
            page = await http.get(authorize, params=params)
            assert page.status_code == 200
            # A browser keeps a Secure cookie of http://localhost (a secure context); httpx does
            # not, so it is carried by hand.
            cookie = {"Cookie": f"{CSRF_COOKIE}={page.cookies[CSRF_COOKIE]}"}
            answer = await http.post(
                authorize,
                params=params,
                data={"email": rep.email, "password": PASSWORD, "csrf": csrf_of(page)},
                headers=cookie,
            )
            assert answer.status_code == 303
            # ...which follows the redirect to the app's loopback port.
            landed = await http.get(answer.headers["location"])
            assert landed.status_code == 200

            target = await asyncio.wait_for(received, timeout=5)
            callback = urlsplit(target)
            values = {k: v[0] for k, v in parse_qs(callback.query).items()}
            assert callback.path == "/callback"
            assert values["state"] == "native-state-1"

            # The app: the code and its verifier for tokens, then the API.
            tokens = await http.post(
                urlsplit(meta["token_endpoint"]).path,
                data={
                    "grant_type": "authorization_code",
                    "client_id": app.client_id,
                    "code": values["code"],
                    "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                },
            )
            assert tokens.status_code == 200, tokens.text
            body = tokens.json()
            assert body["scope"] == "registrations:read registrations:write"
            me = await http.get(
                "/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"}
            )
            assert me.status_code == 200
            assert me.json()["email"] == rep.email
            assert me.json()["scopes"] == ["registrations:read", "registrations:write"]
            deals = await http.get(
                "/v1/registrations", headers={"Authorization": f"Bearer {body['access_token']}"}
            )
            assert deals.status_code == 200
    finally:
        listener.close()
        await listener.wait_closed()
