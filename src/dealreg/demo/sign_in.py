"""The demo's side of people signing in: the `dealreg-app` app and every demo user's password.

The app is a public client with the redirect URIs a person trying the flow needs: a native
app's loopback (`http://127.0.0.1/callback`, any port), the bundled app's callback on the
default demo origin and on this run's own. The password is `DEALREG_DEMO_PASSWORD` when set,
else a new random one each run (printed once, in the banner): a demo database copied elsewhere
keeps no password anybody knows. Demo passwords skip the rules for a new one (a demo may choose
a short one); people's own never do.
"""

import base64
import hashlib
import secrets
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.models import OAuthApp
from dealreg.auth.passwords import hash_password, verify_password
from dealreg.orgs.models import User

APP_CLIENT_ID = "dealreg-app"
APP_NAME = "dealreg app"


def redirect_uris(base_url: str) -> list[str]:
    return list(
        dict.fromkeys(
            [
                "http://127.0.0.1/callback",
                "http://localhost:8000/app/callback",
                f"{base_url.rstrip('/')}/app/callback",
            ]
        )
    )


async def seed_sign_in(
    session: AsyncSession, base_url: str, emails: list[str], password: str
) -> None:
    """The demo app (its redirect URIs brought up to this run's origin) and `password` for
    every user of `emails` (left as it is when it is already theirs, so sessions survive a
    restart with the same DEALREG_DEMO_PASSWORD)."""
    app = await session.scalar(select(OAuthApp).where(OAuthApp.client_id == APP_CLIENT_ID))
    if app is None:
        session.add(
            OAuthApp(
                client_id=APP_CLIENT_ID,
                name=APP_NAME,
                redirect_uris=redirect_uris(base_url),
                first_party=True,
            )
        )
    elif set(redirect_uris(base_url)) - set(app.redirect_uris):
        app.redirect_uris = list(dict.fromkeys([*app.redirect_uris, *redirect_uris(base_url)]))
    for user in await session.scalars(select(User).where(User.email.in_(emails))):
        if user.password_hash is None or not verify_password(user.password_hash, password):
            user.password_hash = hash_password(password)
    await session.flush()


def try_it(base_url: str) -> list[str]:
    """Banner lines that walk a person through the flow by hand, with a fresh PKCE pair."""
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    )
    redirect_uri = "http://127.0.0.1/callback"
    query = urlencode(
        {
            "response_type": "code",
            "client_id": APP_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": "demo",
        }
    )
    return [
        f"  1. open {base_url}/oauth/authorize?{query}",
        "  2. sign in; the browser lands on 127.0.0.1/callback?code=... (nothing listens there:",
        "     copy the code from the address bar within a minute)",
        f"  3. curl -s {base_url}/v1/oauth/token -d grant_type=authorization_code "
        f"-d client_id={APP_CLIENT_ID} -d redirect_uri={redirect_uri} "
        f"-d code_verifier={verifier} -d code=CODE",
    ]
