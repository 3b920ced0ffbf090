"""Sign-in sessions: one per signed-in device, each a family of refresh tokens (RFC 9700 §4.14).

A refresh token is opaque, kept only as a hash, and rotated on every use: the answer to a refresh
carries the next one, and the one used is marked rotated. Presenting a rotated token again means
two parties hold the family (one of them a thief, and nobody can tell which), so the whole session
ends. A token lapses when unused for `refresh_idle_days`; a session ends `refresh_absolute_days`
after its sign-in however often it is refreshed. Access tokens minted for a session carry its id
(`sid`), and a token of an ended session is refused at once (auth/service.py `ensure_current`).

The functions taking a synchronous `Session` run inside Authlib's grants (auth/server.py); the
rest serve the API.
"""

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from hashlib import sha256

import msgspec
from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from dealreg.auth.models import AuthorizationCode, OAuthApp, RefreshToken, SignInSession
from dealreg.errors import NotFound
from dealreg.orgs.principals import Principal

# Ended sessions and lapsed codes are kept this long after, then forgotten: until then a code
# or refresh token presented again is still known for what it was.
KEPT_AFTER_END = timedelta(days=1)
REFRESH_TOKEN_PREFIX = "drr_"  # noqa: S105 - a prefix naming the kind of token, not a secret


class SessionNotFound(NotFound):
    type = "session-not-found"


def clock() -> datetime:
    # The clock tokens are issued by (their `iat`), as for users' `tokens_valid_after`.
    return datetime.now(UTC)


def digest(secret: str) -> str:
    return sha256(secret.encode()).hexdigest()


def new_refresh_token() -> str:
    return REFRESH_TOKEN_PREFIX + secrets.token_urlsafe(32)


def find_refresh_token(db: Session, token: str) -> RefreshToken | None:
    """The refresh token `token` is, locked: two refreshes racing with one token must not both
    rotate it."""
    stmt = select(RefreshToken).where(RefreshToken.token_hash == digest(token)).with_for_update()
    return db.scalars(stmt).one_or_none()


def live_session(db: Session, session_id: uuid.UUID, now: datetime) -> SignInSession | None:
    row = db.get(SignInSession, session_id, with_for_update=True)
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    return row


def end_session(db: Session, session_id: uuid.UUID, now: datetime) -> None:
    db.execute(
        update(SignInSession)
        .where(SignInSession.id == session_id, SignInSession.ended_at.is_(None))
        .values(ended_at=now)
    )


async def note_use(db: AsyncSession, session_id: uuid.UUID, now: datetime) -> None:
    """Mark a session used now (its idle expiry counts from here)."""
    await db.execute(
        update(SignInSession).where(SignInSession.id == session_id).values(last_used_at=now)
    )


async def is_live(db: AsyncSession, session_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    """Whether the session a token names is still on (for every request such a token makes)."""
    stmt = select(SignInSession.ended_at, SignInSession.expires_at).where(
        SignInSession.id == session_id, SignInSession.user_id == user_id
    )
    row = (await db.execute(stmt)).one_or_none()
    return row is not None and row.ended_at is None and row.expires_at > clock()


class SessionView(msgspec.Struct, frozen=True, kw_only=True):
    id: uuid.UUID
    client_id: str
    client_name: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    user_agent: str
    current: bool


async def list_sessions(
    db: AsyncSession, principal: Principal, *, idle: timedelta
) -> list[SessionView]:
    """The caller's signed-in devices, most recently used first: those used within `idle` (one
    unused longer can no longer be refreshed or followed, though nobody ended it)."""
    now = clock()
    stmt = (
        select(SignInSession, OAuthApp.client_id, OAuthApp.name)
        .join(OAuthApp, OAuthApp.id == SignInSession.app_id)
        .where(
            SignInSession.user_id == principal.subject_id,
            SignInSession.ended_at.is_(None),
            SignInSession.expires_at > now,
            SignInSession.last_used_at > now - idle,
        )
        .order_by(SignInSession.last_used_at.desc(), SignInSession.id)
    )
    return [
        SessionView(
            id=row.id,
            client_id=client_id,
            client_name=name,
            created_at=row.created_at,
            last_used_at=row.last_used_at,
            expires_at=row.expires_at,
            user_agent=row.user_agent,
            current=row.id == principal.session_id,
        )
        for row, client_id, name in await db.execute(stmt)
    ]


async def end_own_session(db: AsyncSession, principal: Principal, session_id: uuid.UUID) -> None:
    """Sign one of the caller's devices out: its refresh tokens and access tokens stop now.
    Another person's session, or one already ended, is "not found"."""
    result = await db.execute(
        update(SignInSession)
        .where(
            SignInSession.id == session_id,
            SignInSession.user_id == principal.subject_id,
            SignInSession.ended_at.is_(None),
        )
        .values(ended_at=clock())
        .returning(SignInSession.id)
    )
    if result.one_or_none() is None:
        raise SessionNotFound(f"No session {session_id} of yours is open.")


async def end_sessions_of(
    db: AsyncSession, user_id: uuid.UUID, *, keep: uuid.UUID | None = None
) -> int:
    """End every open session of a person but `keep` (sign out everywhere; a new password); how
    many ended."""
    stmt = (
        update(SignInSession)
        .where(SignInSession.user_id == user_id, SignInSession.ended_at.is_(None))
        .values(ended_at=clock())
        .returning(SignInSession.id)
    )
    if keep is not None:
        stmt = stmt.where(SignInSession.id != keep)
    return len((await db.execute(stmt)).all())


async def spend_codes_of(db: AsyncSession, user_id: uuid.UUID) -> None:
    """Mark the person's codes not yet exchanged used: a sign-in of the minute before a new
    password must not yield tokens after it."""
    await db.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.user_id == user_id, AuthorizationCode.used_at.is_(None))
        .values(used_at=clock())
    )


async def prune(db: AsyncSession) -> None:
    """Forget what can no longer be used: codes past their minute, sessions ended or expired
    (their refresh tokens with them), and rotated refresh tokens past their idle expiry (one
    coming back then is refused as unknown, without ending its session). Each a day after."""
    cutoff = clock() - KEPT_AFTER_END
    await db.execute(delete(AuthorizationCode).where(AuthorizationCode.expires_at < cutoff))
    await db.execute(
        delete(SignInSession).where(
            or_(SignInSession.ended_at < cutoff, SignInSession.expires_at < cutoff)
        )
    )
    await db.execute(
        delete(RefreshToken).where(
            RefreshToken.rotated_at.is_not(None), RefreshToken.expires_at < cutoff
        )
    )
