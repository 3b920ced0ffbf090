"""Minting and verifying access tokens: JWTs in the RFC 9068 profile, signed ES256 with joserfc.

Verification accepts only ES256 (never `none`, never a symmetric algorithm), only the `at+jwt`
type, only our key (by `kid`), and checks `iss`, `aud`, `exp`, `nbf` and `iat`.

A token that verified is remembered until it expires: checking its signature cost 0.2 to 0.5 ms
of every request (issue #22), and the same string verifies the same way until its `exp` passes
(its `nbf` and `iat` have passed already, and stay passed). Only the expiry is checked again when
a token is met again. Whether its holder is still who it names is no part of this: that is asked
of the database on every request (auth/service.py `ensure_current`).
"""

import time
import uuid
from collections.abc import Callable
from typing import Literal

import msgspec
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError
from joserfc.jwk import ECKey, KeySet

from dealreg.auth.keys import ALGORITHM, load_or_create_signing_key
from dealreg.config import Settings
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal

TOKEN_TYPE = "at+jwt"  # noqa: S105 - a media type, not a secret
CLOCK_LEEWAY_SECONDS = 30
# Verified tokens remembered; past this, the longest remembered is forgotten first.
VERIFIED_KEPT = 4096


class InvalidToken(Exception):
    """The token cannot be trusted; the message says why, without echoing the token."""


class _Claims(msgspec.Struct, frozen=True):
    iss: str
    sub: uuid.UUID
    aud: str | list[str]
    exp: int
    iat: int
    jti: str
    client_id: str
    scope: str
    roles: list[Role]
    org: uuid.UUID
    org_kind: OrgKind
    sub_kind: Literal["user", "client"]
    nbf: int | None = None
    sid: uuid.UUID | None = None


class TokenService:
    def __init__(
        self,
        *,
        key: ECKey,
        issuer: str,
        audience: str,
        default_ttl: int,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._key = key
        self._keys = KeySet([key])
        self.issuer = issuer
        self.audience = audience
        self.default_ttl = default_ttl
        # None: time.time, looked up at each call as joserfc looks it up (a test may patch it).
        self._clock = clock
        # token -> its principal and the instant (Unix seconds) from which it is refused.
        self._verified: dict[str, tuple[Principal, int]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenService":
        return cls(
            key=load_or_create_signing_key(settings.signing_key_path),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            default_ttl=settings.access_token_ttl_seconds,
        )

    @property
    def signing_key(self) -> ECKey:
        return self._key

    def mint(self, principal: Principal, *, ttl: int | None = None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": str(principal.subject_id),
            "aud": self.audience,
            "iat": now,
            "nbf": now,
            "exp": now + (self.default_ttl if ttl is None else ttl),
            "jti": uuid.uuid4().hex,
            "client_id": principal.client_id,
            "scope": " ".join(sorted(principal.scopes)),
            "roles": [principal.role.value],
            "org": str(principal.organization_id),
            "org_kind": principal.org_kind.value,
            "sub_kind": principal.kind,
        }
        if principal.session_id is not None:
            claims["sid"] = str(principal.session_id)
        header = {"alg": ALGORITHM, "kid": self._key.kid, "typ": TOKEN_TYPE}
        return jwt.encode(header, claims, self._key, algorithms=[ALGORITHM])

    def verify(self, token: str) -> Principal:
        now = int(self._clock() if self._clock is not None else time.time())
        known = self._verified.get(token)
        if known is not None:
            principal, refused_from = known
            if now < refused_from:
                return principal
            del self._verified[token]
            raise InvalidToken(
                f"the token is not valid here: {ExpiredTokenError('exp').description}"
            )
        principal, expires = self._verify(token)
        if len(self._verified) >= VERIFIED_KEPT:
            del self._verified[next(iter(self._verified))]
        # joserfc refuses a token once `exp <= now - leeway`.
        self._verified[token] = (principal, expires + CLOCK_LEEWAY_SECONDS)
        return principal

    def _verify(self, token: str) -> tuple[Principal, int]:
        """The principal a token stands for and its expiry, or InvalidToken."""
        try:
            decoded = jwt.decode(token, self._keys, algorithms=[ALGORITHM])
        except JoseError as exc:
            raise InvalidToken("the token's signature or format is not valid") from exc
        except ValueError as exc:
            raise InvalidToken("the token is not a JWT") from exc
        if decoded.header.get("typ", "").lower() not in (TOKEN_TYPE, "application/at+jwt"):
            raise InvalidToken("the token is not an access token")
        if decoded.header.get("kid") != self._key.kid:
            raise InvalidToken("the token was not signed by this issuer's key")
        registry = jwt.JWTClaimsRegistry(
            leeway=CLOCK_LEEWAY_SECONDS,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.audience},
            exp={"essential": True},
            iat={"essential": True},
            sub={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except JoseError as exc:
            raise InvalidToken(f"the token is not valid here: {exc.description}") from exc
        try:
            claims = msgspec.convert(decoded.claims, _Claims)
        except msgspec.ValidationError as exc:
            raise InvalidToken("the token lacks dealreg's claims") from exc
        if len(claims.roles) != 1:
            raise InvalidToken("the token must carry exactly one role")
        principal = Principal(
            kind=claims.sub_kind,
            subject_id=claims.sub,
            organization_id=claims.org,
            org_kind=claims.org_kind,
            role=claims.roles[0],
            scopes=frozenset(claims.scope.split()),
            client_id=claims.client_id,
            issued_at=claims.iat,
            session_id=claims.sid,
        )
        return principal, claims.exp
