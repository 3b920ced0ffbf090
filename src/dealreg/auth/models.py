"""The tables of people's sign-in: the apps they sign in through, the one-time codes a sign-in
gives an app, and sessions (a refresh token family each) with their refresh tokens.

Codes and refresh tokens are kept only as SHA-256 hashes: they are random and long, so a slow
hash buys nothing, and a copy of the database hands nobody a usable one.
"""

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Entity


class OAuthApp(Entity):
    """A public client (RFC 6749 §2.1): an app on a person's phone or in their browser, which
    keeps no secret. People sign in to it through the authorization code flow with PKCE."""

    __tablename__ = "oauth_apps"

    # Chosen by the platform admin (`dealreg-app`); never like a machine client's `drc_…`.
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Compared exactly, except that a loopback IP literal takes any port (RFC 8252 §7.3).
    redirect_uris: Mapped[list[str]] = mapped_column(ARRAY(Text))
    # dealreg's own pages: the hook for a cookie session of the server-rendered pages.
    first_party: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class AuthorizationCode(Entity):
    """What a sign-in gives an app: single-use, short-lived, bound to the app, the redirect URI
    and the PKCE challenge."""

    __tablename__ = "authorization_codes"

    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    app_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oauth_apps.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    redirect_uri: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    # S256 only: the method is not stored, there is no other.
    code_challenge: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    # The session its exchange starts, chosen up front: a second use of the code ends it
    # (RFC 6749 §4.1.2: revoke what the first use issued).
    session_id: Mapped[uuid.UUID]


class SignInSession(Entity):
    """One signed-in device: a family of refresh tokens, each rotated into the next."""

    __tablename__ = "sign_in_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    app_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("oauth_apps.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(Text)
    user_agent: Mapped[str] = mapped_column(String(400), server_default="")
    last_used_at: Mapped[datetime]
    # The absolute end, however often it is refreshed.
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]


class RefreshToken(Entity):
    __tablename__ = "refresh_tokens"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sign_in_sessions.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Idle expiry: a token lapses this long after it was issued unless it is used (and rotated).
    expires_at: Mapped[datetime]
    # Set when it is exchanged for the next one; presenting it again ends the whole session.
    rotated_at: Mapped[datetime | None]
