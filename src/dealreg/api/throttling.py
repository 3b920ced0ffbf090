"""Rate limits: per caller on the API, per client IP for requests without a usable token, and per
client IP and per client id at the token endpoint, where failed authentications back off.

Limits are written and counted with the `limits` library: on its async Redis storage when
`redis_url` is set (every worker process shares the counts), in each process's memory otherwise
(then a limit holds per process). Ordinary quotas count in fixed windows aligned to the clock:
one increment per request (one round trip to Redis, or a dict update) says both whether the
request passes and how much is left, and the window's end, when the quota resets, is known
without asking.

Failed client authentications count in a moving window: it is the tighter limit, and a guesser
cannot spend two budgets across a window's edge. It is read before the secret is checked and
added to only when the secret was wrong, so a client that authenticates never spends it. Reading,
checking and adding are one step per client IP and per client id in each process (a lock held
meanwhile), so a burst of guesses sent at once cannot all be read before any is added; across
processes sharing Redis, at most one more guess per process slips through.

Failed sign-ins back off further each time: when an account's failures from one address, or one
address's failures across accounts, spend their quota again within a day of the first time, the
lockout lasts twice as long as the one before (the window, then two, four... windows, up to a
day). The account-wide quota does not grow: a stranger could lengthen it for the person.

A refusal is a 429 problem with `Retry-After` (seconds) and the two fields of the IETF draft
draft-ietf-httpapi-ratelimit-headers, written to revision -09 (March 2025; the newest one read
here, -10 exists), in its structured-field syntax (RFC 9651 lists of named policies):
`RateLimit-Policy: "caller";q=600;w=60` names each quota, its size and its window in seconds;
`RateLimit: "caller";r=0;t=42` gives what is left and the seconds until it resets. Answers of
limited routes that pass carry both fields too. The older drafts' RateLimit-Limit, -Remaining
and -Reset fields are not sent.

The client IP is the ASGI peer address: behind a reverse proxy every client shares the proxy's
budget unless `trusted_proxies` lists it, and then the address the proxies recorded in
`X-Forwarded-For` counts.

When the Redis storage fails, requests pass uncounted (and the failure is logged): losing the
limits for a while is better than refusing every caller.
"""

import asyncio
import hashlib
import heapq
import ipaddress
import math
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import limits
import redis.asyncio
import structlog
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.errors import StorageError
from litestar.types import Message, Scope
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import InvalidClient, OAuthError, ensure_current
from dealreg.config import Settings
from dealreg.errors import DealRegError
from dealreg.metrics import RATE_LIMITED
from dealreg.orgs.principals import Principal

log = structlog.get_logger("dealreg.throttling")

_STATE_KEY = "dealreg.rate_limit"
_KEY_PREFIX = "dealreg-rate-limit"
# A Redis that does not answer must not hold every request for long.
_REDIS_TIMEOUT_SECONDS = 0.5
_LONGEST_KEY_PART = 64
# How long a sign-in lockout is remembered, so that the next one lasts longer; and the longest
# a lockout grows to.
_LOCKOUTS_REMEMBERED_SECONDS = 24 * 3600
_LONGEST_LOCKOUT_SECONDS = 24 * 3600


class TooManyRequests(DealRegError):
    status, type, title = 429, "too-many-requests", "Too many requests"


@dataclass(frozen=True, slots=True)
class Quota:
    """A named limit: `amount` requests per `window` seconds."""

    name: str
    item: limits.RateLimitItem
    # Whether each lockout soon after the last lasts longer (failed sign-ins).
    grows: bool = False

    @property
    def window(self) -> int:
        return self.item.get_expiry()

    @property
    def policy(self) -> str:
        return f'"{self.name}";q={self.item.amount};w={self.window}'


@dataclass(frozen=True, slots=True)
class Usage:
    """Where one identity stands against a quota: what is left and when it resets."""

    quota: Quota
    remaining: int
    reset: int
    refused: bool

    @property
    def field(self) -> str:
        return f'"{self.quota.name}";r={self.remaining};t={self.reset}'


def _quota(name: str, setting: str) -> Quota | None:
    return None if setting == "0" else Quota(name, limits.parse(setting))


def _headers(usages: Sequence[Usage]) -> dict[str, str]:
    return {
        "RateLimit-Policy": ", ".join(usage.quota.policy for usage in usages),
        "RateLimit": ", ".join(usage.field for usage in usages),
    }


def refusal(usages: Sequence[Usage], detail: str) -> TooManyRequests:
    """The 429 for a request that spent a quota; it may retry when the last spent one resets."""
    retry_after = max(usage.reset for usage in usages if usage.refused)
    for usage in usages:
        if usage.refused:
            RATE_LIMITED.labels(usage.quota.name).inc()
    return TooManyRequests(
        f"{detail} Retry in {retry_after} s.",
        headers={"Retry-After": str(retry_after), **_headers(usages)},
    )


def sign_in_failure_checks(
    settings: Settings, account: str, address: str
) -> list[tuple[Quota, str]]:
    """The quotas a failed sign-in (or a wrong current password given to change it) counts
    against, each with whom it is counted as."""
    wanted = [
        ("sign-in-account-ip", settings.rate_limit_sign_in_account_ip, f"{account} {address}"),
        ("sign-in-ip", settings.rate_limit_sign_in_ip, address),
        ("sign-in-account", settings.rate_limit_sign_in_account, account),
    ]
    return [
        (Quota(name, limits.parse(limit), grows=name != "sign-in-account"), identity)
        for name, limit, identity in wanted
        if limit != "0"
    ]


def _key_part(identity: str) -> str:
    # A client id comes from the request: however long, its key stays short.
    if len(identity) <= _LONGEST_KEY_PART:
        return identity
    return hashlib.sha256(identity.encode()).hexdigest()


def _lockout_key(quota: Quota, identity: str, part: str = "until") -> str:
    return f"lockout/{part}/{quota.name}/{_key_part(identity)}"


def _storage_uri(redis_url: str) -> str:
    # `limits` names its async storages by scheme: redis://h/0 -> async+redis://h/0.
    scheme, _, rest = redis_url.partition("://")
    if scheme == "unix":
        return f"async+redis+unix://{rest}"
    return f"async+{scheme}://{rest}"


class Counts(Protocol):
    async def incr(self, key: str, expiry: int, amount: int = 1) -> int: ...


class MemoryCounts:
    """Fixed-window counts in this process's memory, each key dropped once it has expired.

    Not `limits`' MemoryStorage: that one sweeps every key it holds after each increment (a new
    task each time), so a request's cost grows with the callers and addresses seen in the
    window. Measured on this machine kind, a count with one live key took 0.04 ms, with 1,000
    0.4 ms, with 10,000 3 ms: a flood from many addresses would slow every caller. Here expiries
    wait in a heap and each is looked at once."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._expiries: list[tuple[float, str]] = []

    async def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        while self._expiries and self._expiries[0][0] <= now:
            # A key outlives its window (it expires `expiry` after its first count): never
            # one still counting.
            self._counts.pop(heapq.heappop(self._expiries)[1], None)
        count = self._counts.get(key, 0) + amount
        if count == amount:
            heapq.heappush(self._expiries, (now + expiry, key))
        self._counts[key] = count
        return count


class _KeyedLocks:
    """A lock per key, kept while someone holds or awaits it."""

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, kind: str, identity: str) -> AsyncIterator[None]:
        key = (kind, _key_part(identity))
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


class Throttle:
    """The quotas of one app and where they are counted."""

    def __init__(self, settings: Settings) -> None:
        self.counts: Counts
        self.failures: MemoryStorage | RedisStorage
        # Ours, so that the app's shutdown closes its connections.
        self.redis_pool: redis.asyncio.ConnectionPool | None = None
        if settings.redis_url is None:
            self.counts = MemoryCounts()
            # Failed client authentications are few (the limit keeps them so), so its sweep of
            # every window on each failure costs little.
            self.failures = MemoryStorage()
        else:
            self.redis_pool = redis.asyncio.ConnectionPool.from_url(
                settings.redis_url,
                socket_timeout=_REDIS_TIMEOUT_SECONDS,
                socket_connect_timeout=_REDIS_TIMEOUT_SECONDS,
            )
            storage = RedisStorage(
                _storage_uri(settings.redis_url),
                wrap_exceptions=True,
                implementation="redispy",
                key_prefix=_KEY_PREFIX,
                # limits types its options as scalars, though it documents this one.
                connection_pool=self.redis_pool,  # type: ignore[arg-type]
            )
            self.counts = storage
            self.failures = storage
        self.caller = _quota("caller", settings.rate_limit_caller)
        self.anonymous = _quota("anonymous", settings.rate_limit_anonymous)
        self.oauth_ip = _quota("oauth-ip", settings.rate_limit_oauth_ip)
        self.oauth_client = _quota("oauth-client", settings.rate_limit_oauth_client)
        self.failures_ip = _quota("oauth-failures-ip", settings.rate_limit_oauth_failures_ip)
        self.failures_client = _quota(
            "oauth-failures-client", settings.rate_limit_oauth_failures_client
        )
        self.trusted_proxies = settings.trusted_proxy_networks
        self._serial = _KeyedLocks()

    async def close(self) -> None:
        if self.redis_pool is not None:
            await self.redis_pool.disconnect()

    async def count(self, quota: Quota | None, identity: str) -> Usage | None:
        """Count one request of `identity` against `quota`; None when nothing was counted (no
        such quota, or the storage failed)."""
        if quota is None:
            return None
        window = quota.window
        now = time.time()
        start = math.floor(now / window) * window
        key = quota.item.key_for(quota.name, _key_part(identity), str(start))
        try:
            used = await self.counts.incr(key, window)
        except StorageError as exc:
            log.error("rate limit storage failed", quota=quota.name, error=str(exc.storage_error))
            return None
        return Usage(
            quota,
            remaining=max(0, quota.item.amount - used),
            reset=max(1, math.ceil(start + window - now)),
            refused=used > quota.item.amount,
        )

    async def failures_left(self, quota: Quota | None, identity: str) -> Usage | None:
        """Whether `identity` may still fail against `quota`, counting nothing."""
        if quota is None:
            return None
        key = quota.item.key_for(quota.name, _key_part(identity))
        try:
            oldest, failed = await self.failures.get_moving_window(
                key, quota.item.amount, quota.window
            )
        except StorageError as exc:
            log.error("rate limit storage failed", quota=quota.name, error=str(exc.storage_error))
            return None
        return Usage(
            quota,
            remaining=max(0, quota.item.amount - failed),
            # The window frees a failure when its oldest one leaves it.
            reset=max(1, math.ceil(oldest + quota.window - time.time())),
            refused=failed >= quota.item.amount,
        )

    async def failed(self, quota: Quota | None, identity: str) -> None:
        if quota is None:
            return
        key = quota.item.key_for(quota.name, _key_part(identity))
        try:
            await self.failures.acquire_entry(key, quota.item.amount, quota.window)
        except StorageError as exc:
            log.error("rate limit storage failed", quota=quota.name, error=str(exc.storage_error))

    @asynccontextmanager
    async def authenticating(self, scope: Scope, client_id: str) -> AsyncIterator[None]:
        """Around the check of a client's secret, which raises `InvalidClient` when it is wrong:
        count the attempt per client IP and per client id, refuse it (429) when either is spent
        or has failed too often lately, even with the right secret, so that guessing gains
        nothing from another address or id; and count a failure against both."""
        ip = self.address(scope)
        # A client's failures count from each address apart: client ids are no secret, and a
        # stranger's wrong guesses must not lock the client itself out.
        guesser = f"{client_id} {ip}"
        async with self._serial.hold("ip", ip), self._serial.hold("client", client_id):
            attempts = [
                await self.count(self.oauth_ip, ip),
                await self.count(self.oauth_client, client_id),
            ]
            failures = [
                await self.failures_left(self.failures_ip, ip),
                await self.failures_left(self.failures_client, guesser),
            ]
            usages = [usage for usage in [*attempts, *failures] if usage is not None]
            if any(usage.refused for usage in usages):
                raise refusal(
                    usages, "Too many token requests for this client or from this address."
                )
            report(scope, attempts)
            try:
                yield
            except InvalidClient:
                await self.failed(self.failures_ip, ip)
                await self.failed(self.failures_client, guesser)
                raise

    async def sign_in_failures_left(self, checks: Sequence[tuple[Quota, str]]) -> list[Usage]:
        """Where a sign-in's identities stand against `sign_in_failure_checks`' quotas. The
        account-wide one holds only for an address that has itself failed on the account: it
        stops a guesser spread over many addresses, while the person, from an address of their
        own, still signs in however many addresses a stranger fails from."""
        usages = {
            quota.name: await self._sign_in_failures_left(quota, identity)
            for quota, identity in checks
        }
        own = usages.get("sign-in-account-ip")
        if own is not None and own.remaining >= own.quota.item.amount:
            usages.pop("sign-in-account", None)
        return [usage for usage in usages.values() if usage is not None]

    async def _sign_in_failures_left(self, quota: Quota, identity: str) -> Usage | None:
        usage = await self.failures_left(quota, identity)
        if not quota.grows:
            return usage
        try:
            locked = await self.failures.get(_lockout_key(quota, identity))
            until = await self.failures.get_expiry(_lockout_key(quota, identity))
        except StorageError as exc:
            log.error("rate limit storage failed", quota=quota.name, error=str(exc.storage_error))
            return usage
        if not locked:
            return usage
        return Usage(quota, remaining=0, reset=max(1, math.ceil(until - time.time())), refused=True)

    async def sign_in_failed(self, checks: Sequence[tuple[Quota, str]]) -> None:
        """Count a failed sign-in against `sign_in_failure_checks`' quotas. One that this
        failure spends, and that grows, starts a lockout: the window's own the first time in a
        day, else twice the one before."""
        for quota, identity in checks:
            await self.failed(quota, identity)
            if not quota.grows:
                continue
            usage = await self.failures_left(quota, identity)
            if usage is None or not usage.refused:
                continue
            try:
                lockouts = await self.failures.incr(
                    _lockout_key(quota, identity, "count"), _LOCKOUTS_REMEMBERED_SECONDS
                )
                if lockouts > 1:
                    lasts = min(_LONGEST_LOCKOUT_SECONDS, quota.window * 2 ** (lockouts - 1))
                    await self.failures.incr(_lockout_key(quota, identity), lasts)
            except StorageError as exc:
                log.error(
                    "rate limit storage failed", quota=quota.name, error=str(exc.storage_error)
                )

    @asynccontextmanager
    async def app_request(self, scope: Scope) -> AsyncIterator[None]:
        """Around a token or revocation request of an app people sign in to: count it per client
        IP, refuse it (429) when that is spent or the address has failed too often lately, and
        count a refusal (an `OAuthError`: a bad code or token, an unknown client) against it.

        Nothing counts per client id: an app's id is public and shared by every person using it,
        so a quota on it would let a stranger sending bogus refreshes under the id lock everyone
        out, and the app's users together would outgrow it. No lock is held across the grant
        either: codes and refresh tokens are far too long to guess, so a burst that slips past
        the failure count gains nothing, and a lock would queue every user of the app."""
        ip = self.address(scope)
        attempt = await self.count(self.oauth_ip, ip)
        failures = await self.failures_left(self.failures_ip, ip)
        usages = [usage for usage in (attempt, failures) if usage is not None]
        if any(usage.refused for usage in usages):
            raise refusal(usages, "Too many token requests from this address.")
        report(scope, [attempt])
        try:
            yield
        except OAuthError:
            await self.failed(self.failures_ip, ip)
            raise

    def serially(self, kind: str, identity: str) -> AbstractAsyncContextManager[None]:
        """One at a time per `identity` in this process: for a check of failures, the attempt,
        and the count of its failure, which a burst must not all pass before any is counted."""
        return self._serial.hold(kind, identity)

    def address(self, scope: Scope) -> str:
        """Whom a request without a caller is counted as: its client IP, or for IPv6 the /64
        network it is in (one subscriber holds a whole /64 and may use any address of it)."""
        ip = self.client_ip(scope)
        try:
            parsed = ipaddress.ip_address(ip)
        except ValueError:
            return ip
        if parsed.version == 6 and parsed.ipv4_mapped is None:
            return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        return ip

    def client_ip(self, scope: Scope) -> str:
        """The peer's address; behind trusted proxies, the nearest address in X-Forwarded-For
        that is not one of them (what a client writes there itself is never believed)."""
        client = scope.get("client")
        peer = client[0] if client else "unknown"
        if not self.trusted_proxies or not self._trusted(peer):
            return peer
        forwarded = [
            part.strip()
            for key, value in scope["headers"]
            if key == b"x-forwarded-for"
            for part in value.decode("latin-1").split(",")
        ]
        for address in reversed(forwarded):
            if not self._trusted(address):
                return address
        return peer

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted_proxies)


async def charge_address(scope: Scope) -> None:
    """Count a request without a usable token against its client IP's quota; the 429 when it
    is spent."""
    throttle = throttle_of(scope)
    usage = await throttle.count(throttle.anonymous, throttle.address(scope))
    if usage is not None and usage.refused:
        raise refusal([usage], "Too many requests without a valid token from this address.")
    report(scope, [usage])


async def admit(scope: Scope, session: AsyncSession, principal: Principal) -> None:
    """Let in a request whose token verified: its holder must still be who the token says (else
    it is refused, and counted against its address as a bad token is, not against the holder:
    a leaked token of a rotated client must not spend the new one's budget), and it counts
    against its caller's quota."""
    try:
        await ensure_current(session, principal)
    except DealRegError:
        await charge_address(scope)
        raise
    throttle = throttle_of(scope)
    usage = await throttle.count(throttle.caller, str(principal.subject_id))
    if usage is not None and usage.refused:
        raise refusal([usage], "Too many requests from this caller.")
    report(scope, [usage])


def throttle_of(scope: Scope) -> Throttle:
    throttle: Throttle = scope["litestar_app"].state.throttle
    return throttle


def report(scope: Scope, usages: Sequence[Usage | None]) -> None:
    """Have the answer to this request carry these quotas' RateLimit fields."""
    counted = [usage for usage in usages if usage is not None]
    if counted:
        scope["state"][_STATE_KEY] = counted


async def stamp_rate_limit(message: Message, scope: Scope) -> None:
    """`before_send` hook: the RateLimit fields of the quotas this request was counted against.
    A refusal carries its own (its problem's headers), so nothing is reported for it."""
    if message["type"] != "http.response.start":
        return
    usages: list[Usage] | None = scope.get("state", {}).get(_STATE_KEY)
    if usages:
        headers: list[Any] = list(message.get("headers", []))
        headers += [(k.lower().encode(), v.encode()) for k, v in _headers(usages).items()]
        message["headers"] = headers
