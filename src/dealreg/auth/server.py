"""dealreg as an OAuth 2.1 authorization server for people, on Authlib's framework-free server:
its `AuthorizationServer`, `AuthorizationCodeGrant` with `CodeChallenge` (PKCE, S256 only),
`RefreshTokenGrant` (rotating) and `RevocationEndpoint` (RFC 7009), fed from dealreg's tables.

Authlib's server is synchronous. It runs inside `AsyncSession.run_sync`: SQLAlchemy's greenlet
bridge hands these callbacks a synchronous `Session` on the request's own connection and
transaction, so whatever a grant writes commits or rolls back with the request. A server is made
per request (its state is that request's), which costs a few small objects.

The HTTP side (api/signin.py, api/oauth.py) builds an `AuthRequest` from the Litestar request and
turns what comes back into a response: `(status, body, headers)` on success, `Refused` (carrying
Authlib's error) otherwise. The password check is not here: argon2 takes tens of milliseconds
of CPU, which must not run on the event loop's thread as these callbacks do.

Machine clients keep the client_credentials grant of api/oauth.py: their secrets, roles and
scopes are their own (orgs/), and that endpoint's answers are relied on as they are.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec
from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    ClientMixin,
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Error,
    OAuth2Payload,
    OAuth2Request,
    UnsupportedResponseTypeError,
)
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from sqlalchemy import select
from sqlalchemy.orm import Session

from dealreg.auth import sessions
from dealreg.auth.apps import find_app, redirect_uri_allowed
from dealreg.auth.models import AuthorizationCode, OAuthApp, RefreshToken, SignInSession
from dealreg.auth.scopes import ALL_SCOPES, ROLE_SCOPES
from dealreg.auth.service import user_principal
from dealreg.auth.tokens import InvalidToken, TokenService
from dealreg.config import Settings
from dealreg.orgs.models import Organization, User

CODE_TTL = timedelta(seconds=60)
USER_AGENT_LENGTH = 400


class Refused(Exception):
    """Authlib said no; `error` is its OAuth2Error (error code, description, status, and where
    to redirect, if the client and redirect URI were found good)."""

    def __init__(self, error: OAuth2Error) -> None:
        super().__init__(error.description or error.error)
        self.error = error


class _Payload(OAuth2Payload):  # type: ignore[misc]
    """Request parameters as Authlib reads them: the first value of each, and all of them (to
    refuse a repeated one)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in pairs:
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist


class AuthRequest(OAuth2Request):  # type: ignore[misc]
    """One HTTP request, as Authlib's grants read it. `uri` is built on the configured issuer,
    so whether the transport is secure (Authlib refuses plain http off loopback) is the
    installation's setting, not what a proxy in front happened to forward."""

    def __init__(
        self, method: str, uri: str, headers: dict[str, str], params: list[tuple[str, str]]
    ) -> None:
        super().__init__(method, uri, headers=headers)
        self.payload = _Payload(params)

    @property
    def args(self) -> dict[str, str]:
        return self.payload.data

    @property
    def form(self) -> dict[str, str]:
        return self.payload.data


class AppClient(ClientMixin):  # type: ignore[misc]
    """A registered app as Authlib's client: public (no secret, `none` authentication), code
    flow and refresh only."""

    def __init__(self, app: OAuthApp) -> None:
        self.app = app

    def get_client_id(self) -> str:
        return self.app.client_id

    def get_default_redirect_uri(self) -> None:
        # OAuth 2.1: the request names its redirect URI, always.
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        # Narrowed to the person's role when the code is issued; unknown ones were refused.
        return scope or ""

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri_allowed(self.app.redirect_uris, redirect_uri)

    def check_client_secret(self, client_secret: str) -> bool:
        return False

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


@dataclass
class SignedIn:
    """Whom tokens are minted for: a person, in their organization, in one session."""

    user: User
    organization: Organization
    session_id: uuid.UUID
    scope: str


@dataclass
class _Code:
    row: AuthorizationCode

    def get_redirect_uri(self) -> str:
        return self.row.redirect_uri

    def get_scope(self) -> str:
        return self.row.scope


@dataclass
class _Refresh:
    row: RefreshToken
    session: SignInSession

    def check_client(self, client: AppClient) -> bool:
        return self.session.app_id == client.app.id

    def get_scope(self) -> str:
        return self.session.scope


class S256Challenge(CodeChallenge):  # type: ignore[misc]
    """PKCE as OAuth 2.1 has it: required of every authorization request, S256 only (a `plain`
    challenge, or none, is refused before anyone signs in)."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: AuthorizationCodeGrant, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError(
                "PKCE is required: send code_challenge with code_challenge_method=S256."
            )
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Only code_challenge_method=S256 is supported.")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: _Code) -> str:
        return authorization_code.row.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: _Code) -> str:
        return "S256"


class _CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    server: "SignInServer"

    @staticmethod
    def validate_authorization_redirect_uri(request: AuthRequest, client: AppClient) -> str:
        # Authlib's own words quote the URI sent, and an OAuth error may not carry some of the
        # characters one can hold (a quote, a backslash): it would fail on them instead.
        redirect_uri: str | None = request.payload.redirect_uri
        if not redirect_uri:
            raise InvalidRequestError("The request needs a redirect_uri.")
        if not client.check_redirect_uri(redirect_uri):
            raise InvalidRequestError("The redirect_uri is not one registered for this app.")
        return redirect_uri

    def save_authorization_code(self, code: str, request: AuthRequest) -> None:
        server = self.server
        user: User = request.user
        requested = frozenset((request.scope or "").split())
        role_scopes = ROLE_SCOPES[user.role]
        granted = requested & role_scopes if requested else role_scopes
        server.db.add(
            AuthorizationCode(
                code_hash=sessions.digest(code),
                app_id=request.client.app.id,
                user_id=user.id,
                redirect_uri=request.payload.redirect_uri,
                scope=" ".join(sorted(granted)),
                code_challenge=request.payload.data["code_challenge"],
                expires_at=server.now + CODE_TTL,
                session_id=uuid.uuid4(),
            )
        )
        server.db.flush()

    def query_authorization_code(self, code: str, client: AppClient) -> _Code | None:
        server = self.server
        stmt = (
            select(AuthorizationCode)
            .where(AuthorizationCode.code_hash == sessions.digest(code))
            .with_for_update()
        )
        row = server.db.scalars(stmt).one_or_none()
        if row is None or row.app_id != client.app.id:
            return None
        if row.used_at is not None:
            # Used twice: the first exchange may have been a thief's or the app's, so what it
            # issued ends now (RFC 6749 §4.1.2), and stays ended although this answer is an error.
            sessions.end_session(server.db, row.session_id, server.now)
            server.refusal_stands = True
            return None
        if row.expires_at <= server.now:
            return None
        return _Code(row)

    def delete_authorization_code(self, authorization_code: _Code) -> None:
        # Kept, marked used, until it lapses: a second use must be recognised as one.
        authorization_code.row.used_at = self.server.now
        self.server.db.flush()

    def authenticate_user(self, authorization_code: _Code) -> SignedIn:
        row = authorization_code.row
        # When it was issued by the clock tokens are compared with (`tokens_valid_after`'s, this
        # process's), not `created_at`, which the database's clock wrote.
        issued = row.expires_at - CODE_TTL
        return self.server.signed_in(row.user_id, row.session_id, row.scope, since=issued)


class _RefreshGrant(RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True
    server: "SignInServer"

    def authenticate_refresh_token(self, refresh_token: str) -> _Refresh | None:
        server = self.server
        row = sessions.find_refresh_token(server.db, refresh_token)
        if row is None:
            return None
        if row.rotated_at is not None:
            # RFC 9700 §4.14.2: a rotated token came back; whoever holds the family, it ends.
            sessions.end_session(server.db, row.session_id, server.now)
            server.refusal_stands = True
            return None
        live = sessions.live_session(server.db, row.session_id, server.now)
        if live is None or row.expires_at <= server.now:
            return None
        return _Refresh(row, live)

    def authenticate_user(self, refresh_token: _Refresh) -> SignedIn:
        live = refresh_token.session
        return self.server.signed_in(live.user_id, live.id, live.scope, since=live.created_at)

    def revoke_old_credential(self, refresh_token: _Refresh) -> None:
        refresh_token.row.rotated_at = self.server.now
        refresh_token.session.last_used_at = self.server.now
        self.server.db.flush()


class _Revocation(RevocationEndpoint):  # type: ignore[misc]
    """RFC 7009. A refresh token ends its session; so does an access token of a session (its
    `sid`): a JWT cannot be revoked alone, and an app revoking one means to sign out."""

    CLIENT_AUTH_METHODS = ["none"]
    server: "SignInServer"

    def query_token(self, token_string: str, token_type_hint: str | None) -> "_Revocable | None":
        server = self.server
        if token_string.startswith(sessions.REFRESH_TOKEN_PREFIX):
            row = sessions.find_refresh_token(server.db, token_string)
            if row is None:
                return None
            return _Revocable(server.db.get_one(SignInSession, row.session_id))
        try:
            principal = server.tokens.verify(token_string)
        except InvalidToken:
            return None
        if principal.session_id is None:
            return None
        found = server.db.get(SignInSession, principal.session_id)
        return _Revocable(found) if found is not None else None

    def revoke_token(self, token: "_Revocable", request: AuthRequest) -> None:
        sessions.end_session(self.server.db, token.session.id, self.server.now)


@dataclass
class _Revocable:
    session: SignInSession

    def check_client(self, client: AppClient) -> bool:
        return self.session.app_id == client.app.id


class SignInServer(AuthorizationServer):  # type: ignore[misc]
    def __init__(
        self, db: Session, tokens: TokenService, settings: Settings, *, user_agent: str = ""
    ) -> None:
        super().__init__(scopes_supported=sorted(ALL_SCOPES))
        self.db = db
        self.tokens = tokens
        self.settings = settings
        self.user_agent = user_agent[:USER_AGENT_LENGTH]
        self.now: datetime = sessions.clock()
        # Set when a refusal has ended a session (a code or refresh token used twice): the
        # request's transaction must commit that although it answers an error.
        self.refusal_stands = False
        self.register_grant(_CodeGrant, [S256Challenge(required=True)])
        self.register_grant(_RefreshGrant)
        self.register_endpoint(_Revocation)
        self.register_token_generator("default", self._generate)

    # --- Authlib's integration points -----------------------------------------------------

    def get_authorization_grant(self, request: AuthRequest) -> Any:
        """Authlib's, but a response type other than `code` is refused in words of our own:
        Authlib's quote the value sent, which may hold characters an OAuth error may not."""
        if request.payload.response_type != "code":
            client = self.query_client(request.payload.client_id or "")
            redirect_uri = request.payload.redirect_uri
            good = client is not None and redirect_uri and client.check_redirect_uri(redirect_uri)
            raise UnsupportedResponseTypeError(
                "code",
                description="Only response_type=code is supported.",
                redirect_uri=redirect_uri if good else None,
            )
        return super().get_authorization_grant(request)

    def query_client(self, client_id: str) -> AppClient | None:
        app = find_app(self.db, client_id)
        return AppClient(app) if app is not None else None

    def create_oauth2_request(self, request: AuthRequest) -> AuthRequest:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, Any]:
        return status, body, headers

    def handle_error_response(self, request: AuthRequest, error: OAuth2Error) -> None:
        raise Refused(error)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Authlib announces client authentication and revocation here; nothing listens."""

    def save_token(self, token: dict[str, Any], request: AuthRequest) -> None:
        """Start the session at a code's exchange; add the refresh token to its family."""
        signed: SignedIn = request.user
        live = self.db.get(SignInSession, signed.session_id)
        if live is None:
            live = SignInSession(
                id=signed.session_id,
                user_id=signed.user.id,
                app_id=request.client.app.id,
                scope=signed.scope,
                user_agent=self.user_agent,
                # One clock for its instants (and the one tokens are issued by).
                created_at=self.now,
                last_used_at=self.now,
                expires_at=self.now + timedelta(days=self.settings.refresh_absolute_days),
            )
            self.db.add(live)
            # Its row first: the models have no relationship to order the inserts by.
            self.db.flush()
        self.db.add(
            RefreshToken(
                session_id=live.id,
                token_hash=sessions.digest(token["refresh_token"]),
                expires_at=min(
                    self.now + timedelta(days=self.settings.refresh_idle_days), live.expires_at
                ),
            )
        )
        self.db.flush()

    # --- dealreg's side -------------------------------------------------------------------

    def signed_in(
        self, user_id: uuid.UUID, session_id: uuid.UUID, scope: str, *, since: datetime
    ) -> SignedIn:
        """The person a code or refresh token stands for, if they may still have tokens: active,
        and not disabled since (their `tokens_valid_after`)."""
        user = self.db.get(User, user_id)
        if user is None or not user.active:
            raise InvalidGrantError("The person signed in here is disabled.")
        if user.tokens_valid_after is not None and since < user.tokens_valid_after:
            raise InvalidGrantError("The person was signed out everywhere since.")
        org = self.db.get_one(Organization, user.organization_id)
        return SignedIn(user=user, organization=org, session_id=session_id, scope=scope)

    def _generate(
        self,
        grant_type: str,
        client: AppClient,
        user: SignedIn,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        # Within what the role holds now: a person narrowed since signing in gets less.
        granted = frozenset((scope or "").split()) & ROLE_SCOPES[user.user.role]
        principal = msgspec.structs.replace(
            user_principal(user.user, user.organization, client_id=client.app.client_id),
            scopes=granted,
            session_id=user.session_id,
        )
        ttl = self.settings.user_access_token_ttl_seconds
        token: dict[str, Any] = {
            "access_token": self.tokens.mint(principal, ttl=ttl),
            "token_type": "Bearer",
            "expires_in": ttl,
            "scope": " ".join(sorted(granted)),
        }
        if include_refresh_token:
            token["refresh_token"] = sessions.new_refresh_token()
        return token
