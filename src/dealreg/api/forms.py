"""CSRF protection for every HTML form dealreg serves (the sign-in page, the account pages, the
report pages): a signed double submit plus an Origin check.

A form is issued with a random nonce in an HttpOnly cookie of its own path and, in a hidden
field, a MAC of that nonce under a key derived from the installation's signing key. A POST is
good when its field is the MAC of the cookie's nonce and its Origin, if the browser sent one,
is this server's. Another site can neither read the field nor set the cookie, and a value copied
from one browser does not match another's nonce. The MAC carries the form's name, so a token of
one kind of form is no good on another.

`Origin: null` is let through to the MAC check: a browser sends it for a page under
`Referrer-Policy: no-referrer` (the sign-in page's) and after a cross-origin redirect, and it
names no other site.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from litestar import Request, Response

from dealreg.auth.tokens import TokenService


def served_securely(request: Request[Any, Any, Any]) -> bool:
    """Whether cookies get `Secure`: over TLS here, or behind a proxy the issuer says is TLS."""
    issuer: str = request.app.state.settings.jwt_issuer
    return request.url.scheme == "https" or issuer.startswith("https://")


def same_origin(request: Request[Any, Any, Any]) -> bool:
    """Whether a POST's Origin (when a browser sent one) is this server: its Host, or the
    issuer's host (the address people use when a proxy rewrites Host)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    issuer = urlsplit(request.app.state.settings.jwt_issuer)
    try:
        sender = urlsplit(origin).netloc
    except ValueError:  # an Origin no browser sends ("http://[") is nobody's
        return False
    return sender in (request.headers.get("host"), issuer.netloc)


@dataclass(frozen=True)
class FormToken:
    nonce: str  # the cookie's
    value: str  # the form's hidden field


@dataclass(frozen=True)
class CsrfGuard:
    """One kind of form's protection: its cookie's name, path, and SameSite."""

    form: str
    cookie: str
    path: str
    samesite: Literal["lax", "strict"] = "strict"

    def _mac(self, request: Request[Any, Any, Any], nonce: str) -> str:
        tokens: TokenService = request.app.state.tokens
        private = str(tokens.signing_key.as_dict(private=True)["d"])
        key = hashlib.sha256(b"dealreg forms\0" + private.encode()).digest()
        message = f"{self.form}\0{nonce}".encode()
        mac = hmac.new(key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    def issue(self, request: Request[Any, Any, Any]) -> FormToken:
        """The token for a form shown to this browser: of its cookie's nonce, or a new one."""
        nonce = request.cookies.get(self.cookie) or secrets.token_urlsafe(32)
        return FormToken(nonce, self._mac(request, nonce))

    def set_cookie(
        self, request: Request[Any, Any, Any], response: Response[Any], token: FormToken
    ) -> None:
        response.set_cookie(
            self.cookie,
            token.nonce,
            path=self.path,
            httponly=True,
            secure=served_securely(request),
            samesite=self.samesite,
        )

    def clear(self, response: Response[Any]) -> None:
        response.delete_cookie(self.cookie, path=self.path)

    def good(self, request: Request[Any, Any, Any], sent: str) -> bool:
        """Whether a POST carries the token this browser was given here, from this server."""
        nonce = request.cookies.get(self.cookie, "")
        return (
            same_origin(request)
            and bool(nonce)
            # As bytes: compare_digest refuses text beyond ASCII, which anyone may send.
            and hmac.compare_digest(self._mac(request, nonce).encode(), sent.encode())
        )
