"""Who a token is for: users by email (the `dealreg token` command and the demo), machine clients
by their credentials (the OAuth2 client_credentials grant), and people by a page's sign-in
session."""

import hmac
import uuid
from datetime import timedelta
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth import sessions
from dealreg.auth.clients import hash_client_secret
from dealreg.auth.models import SignInSession
from dealreg.auth.passwords import check_new_password, hash_password
from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.errors import OAUTH_ERROR_MEDIA_TYPE, DealRegError, NotFound, Unauthenticated
from dealreg.orgs import repository
from dealreg.orgs.models import Organization, User
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import tokens_clock


class OAuthError(DealRegError):
    """An error of the token endpoint: a problem that also carries RFC 6749's `error` member."""

    oauth_error = "invalid_request"
    media_type = OAUTH_ERROR_MEDIA_TYPE

    def __init__(self, detail: str) -> None:
        super().__init__(detail, extra={"error": self.oauth_error, "error_description": detail})


class InvalidClient(OAuthError):
    status, type, title = 401, "invalid-client", "Client authentication failed"
    oauth_error = "invalid_client"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.headers = {"WWW-Authenticate": 'Basic realm="dealreg"'}


class InvalidScope(OAuthError):
    status, type, title = 400, "invalid-scope", "Scope not allowed"
    oauth_error = "invalid_scope"


class UnsupportedGrantType(OAuthError):
    status, type, title = 400, "unsupported-grant-type", "Unsupported grant type"
    oauth_error = "unsupported_grant_type"


class InvalidTokenRequest(OAuthError):
    status, type, title = 400, "invalid-token-request", "Invalid token request"


# How stale a page session's `last_used_at` may be (against an idle expiry of days): noting every
# view would lock the row for as long as each report runs, and two tabs would wait on each other.
SESSION_USE_NOTED_EVERY = timedelta(hours=1)


class UnknownUser(NotFound):
    type = "user-not-found"


_HOLDER_KEY = "dealreg.holder"


async def ensure_current(session: AsyncSession, principal: Principal) -> None:
    """Refuse a valid token whose holder has since been disabled, deleted, moved, re-roled or
    (a client) narrowed, or whose sign-in session has ended: a token says who someone was when
    it was minted; the database says who they are now."""
    if principal.kind == "user":
        holder = await repository.user_holder(session, principal.subject_id)
    else:
        holder = await repository.client_holder(session, principal.subject_id)
    if (
        holder is None
        or not holder.active
        or holder.organization_id != principal.organization_id
        or holder.role is not principal.role
        or not _still_good(principal, holder)
        or (
            principal.session_id is not None
            and not await sessions.is_live(session, principal.session_id, principal.subject_id)
        )
    ):
        raise Unauthenticated(
            "The holder of this token no longer exists, is disabled, or has changed role, or its "
            "sign-in session has ended.",
            headers={"WWW-Authenticate": 'Bearer realm="dealreg", error="invalid_token"'},
        )
    # Kept for the rest of the unit of work: GET /v1/me answers with the user's name and email
    # read here, rather than reading the same row again.
    session.info[_HOLDER_KEY] = holder


def current_user(session: AsyncSession) -> Any:
    """The user the holder check read for this request (`ensure_current`, run first in every
    authenticated request's unit of work): its organization_id, role, active, email and name."""
    holder: Any = session.info[_HOLDER_KEY]
    return holder


def _still_good(principal: Principal, holder: Any) -> bool:
    """A token holds only scopes its holder still has (a client's granted ones, a user's role's,
    which an upgrade may narrow), and was issued after the holder was last disabled (or a
    client's secret rotated). Issue instants are whole seconds: a token issued in the very
    second of the change is kept rather than one issued just after refused."""
    held = frozenset(holder.scopes) if principal.kind == "client" else ROLE_SCOPES[holder.role]
    if not principal.scopes <= held:
        return False
    cutoff = holder.tokens_valid_after
    return cutoff is None or (principal.issued_at or 0) >= int(cutoff.timestamp())


async def principal_for_email(session: AsyncSession, email: str) -> Principal:
    user = await repository.get_user_by_email(session, email.strip().lower())
    if user is None or not user.active:
        raise UnknownUser(f"No active user with email '{email}'.")
    return user_principal(user, await session.get_one(Organization, user.organization_id))


async def set_password(
    session: AsyncSession, email: str, password: str, *, keep_session: uuid.UUID | None = None
) -> User:
    """Set the password of the person with `email`, once it passes the rules for a new one, and
    end their sign-in sessions but `keep_session` (the device they changed it on), and the codes
    of sign-ins not yet exchanged: whoever knew the old password is signed out. Without a
    session to keep, every token issued before now is refused too, however it was issued."""
    user = await repository.get_user_by_email(session, email.strip().lower())
    if user is None:
        raise UnknownUser(f"No user with email '{email}'.")
    check_new_password(password, email=user.email, name=user.name, pointer="/password")
    user.password_hash = hash_password(password)
    if keep_session is None:
        user.tokens_valid_after = tokens_clock()
    await session.flush()
    await sessions.end_sessions_of(session, user.id, keep=keep_session)
    await sessions.spend_codes_of(session, user.id)
    return user


def user_principal(user: User, org: Organization, *, client_id: str = "dealreg-cli") -> Principal:
    """A user acts with every scope of their role; `client_id` names the tool that minted it."""
    return Principal(
        kind="user",
        subject_id=user.id,
        organization_id=org.id,
        org_kind=org.kind,
        role=user.role,
        scopes=ROLE_SCOPES[user.role],
        client_id=client_id,
    )


async def principal_for_client(
    session: AsyncSession, client_id: str, secret: str, requested: frozenset[str] | None
) -> Principal:
    client = await repository.get_api_client(session, client_id)
    # Compare against a hash even for an unknown client id, so timing does not tell which exist.
    expected = client.secret_hash if client else hash_client_secret("unknown-client")
    if not hmac.compare_digest(expected, hash_client_secret(secret)) or client is None:
        raise InvalidClient("Unknown client or wrong secret.")
    if not client.active:
        raise InvalidClient("This client is disabled.")
    granted = frozenset(client.scopes) & ROLE_SCOPES[client.role]
    if requested is None:
        scopes = granted
    elif requested - granted:
        raise InvalidScope("This client may not request: " + " ".join(sorted(requested - granted)))
    else:
        scopes = requested
    org = await session.get_one(Organization, client.organization_id)
    return Principal(
        kind="client",
        subject_id=client.id,
        organization_id=org.id,
        org_kind=org.kind,
        role=client.role,
        scopes=scopes,
        client_id=client.client_id,
    )


async def session_principal(
    session: AsyncSession, session_id: uuid.UUID, *, client_id: str, idle: timedelta
) -> Principal | None:
    """Whom a page's sign-in session (a cookie, api/pages.py) stands for now, with the role they
    hold now, its use noted; None when it has ended (signed out, a new password), lapsed, gone
    unused for `idle`, or its person is disabled or was signed out everywhere since."""
    now = sessions.clock()
    row = await session.get(SignInSession, session_id)
    if (
        row is None
        or row.ended_at is not None
        or min(row.expires_at, row.last_used_at + idle) <= now
    ):
        return None
    user = await repository.get_user(session, row.user_id)
    if (
        user is None
        or not user.active
        or (user.tokens_valid_after is not None and row.created_at < user.tokens_valid_after)
    ):
        return None
    if now - row.last_used_at > SESSION_USE_NOTED_EVERY:
        await sessions.note_use(session, row.id, now)
    org = await session.get_one(Organization, user.organization_id)
    return msgspec.structs.replace(
        user_principal(user, org, client_id=client_id),
        # Within what the role holds now, as a refresh would mint it.
        scopes=frozenset(row.scope.split()) & ROLE_SCOPES[user.role],
        session_id=row.id,
        # Its sign-in's instant, which `ensure_current` holds against `tokens_valid_after`.
        issued_at=int(row.created_at.timestamp()),
    )
