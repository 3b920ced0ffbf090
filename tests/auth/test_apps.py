"""Which redirect URIs an app may register, and which requested ones match (RFC 8252, OAuth
2.1: exactly, but a loopback IP literal with any port)."""

import pytest

from dealreg.auth.apps import redirect_uri_allowed, redirect_uri_problem

REGISTERED = [
    "http://127.0.0.1/callback",
    "http://[::1]/callback",
    "http://localhost:8000/app/callback",
    "https://app.example.com/cb",
    "com.example.app:/cb",
]


@pytest.mark.parametrize(
    "uri",
    [
        "https://app.example.com/cb",
        "https://app.example.com:8443/cb?tenant=1",
        "http://127.0.0.1/callback",
        "http://127.0.0.1:8765/callback",
        "http://[::1]/callback",
        "http://localhost:8000/app/callback",
        "com.example.app:/callback",
        "com.example.app:/oauth2redirect/example-provider",
    ],
)
def test_these_can_be_registered(uri: str) -> None:
    assert redirect_uri_problem(uri) is None


@pytest.mark.parametrize(
    "uri",
    [
        "http://app.example.com/cb",
        "https://app.example.com/cb#fragment",
        "/app/callback",
        "app.example.com/cb",
        "myapp:/cb",
        "javascript:alert(1)",
        "https:///cb",
        "https://app.example.com/c b",
        "http://127.0.0.1:99999/cb",
        "com.example.app://host/cb",
    ],
)
def test_these_cannot(uri: str) -> None:
    assert redirect_uri_problem(uri) is not None


@pytest.mark.parametrize(
    "requested",
    [
        "http://127.0.0.1/callback",
        "http://127.0.0.1:51004/callback",
        "http://[::1]:51004/callback",
        "http://localhost:8000/app/callback",
        "https://app.example.com/cb",
        "com.example.app:/cb",
    ],
)
def test_these_match(requested: str) -> None:
    assert redirect_uri_allowed(REGISTERED, requested)


@pytest.mark.parametrize(
    "requested",
    [
        # localhost is a name, not a loopback literal: its port is exact.
        "http://localhost:8001/app/callback",
        "http://localhost/app/callback",
        "http://127.0.0.1:51004/callback/other",
        "http://127.0.0.1:51004/callback?x=1",
        "http://127.0.0.2:51004/callback",
        "https://127.0.0.1:51004/callback",
        "http://127.0.0.1:notaport/callback",
        "https://app.example.com/cb/",
        "https://APP.example.com/cb",
        "https://app.example.com/cb?x=1",
        "https://app.example.com.evil.example/cb",
        "https://app.example.com:443/cb",
        "com.example.app:/cb/x",
        "com.example.evil:/cb",
        # Anything before the loopback host but the port, or characters urlsplit strips.
        "http://x;frame-ancestors *;script-src 'unsafe-inline';@127.0.0.1:5555/callback",
        "http://user:pass@127.0.0.1:5555/callback",
        "http://@127.0.0.1:5555/callback",
        "http://a b@127.0.0.1:5555/callback",
        "http://x;y@127.0.0.1:5555/callback",
        "http://127.0.0.1:5555/call\r\nback",
        "http://127.0.0.1:5555/call\tback",
        "http://127.0.0.1:5555/callback\r\n",
    ],
)
def test_these_do_not(requested: str) -> None:
    assert not redirect_uri_allowed(REGISTERED, requested)
