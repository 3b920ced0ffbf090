"""Settings: one frozen, typed object built from the environment in `main` or a test, then passed down.

Nothing reads the environment at import time; every component receives the `Settings` it needs.
"""

import ipaddress
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

import limits
import msgspec

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]

ENV_PREFIX = "DEALREG_"
# Where prometheus_client keeps each process's values in multiprocess mode (metrics.py); read by
# it when first imported, so the CLI sets it before anything imports it.
METRICS_DIRECTORY_ENV = "PROMETHEUS_MULTIPROC_DIR"
# The longest any access token may live: a week, for demos and scripts; services use an hour.
MAX_TOKEN_TTL = 7 * 24 * 3600


RATE_LIMIT_SETTINGS = (
    "rate_limit_caller",
    "rate_limit_anonymous",
    "rate_limit_oauth_ip",
    "rate_limit_oauth_client",
    "rate_limit_oauth_failures_ip",
    "rate_limit_oauth_failures_client",
    "rate_limit_sign_in_account_ip",
    "rate_limit_sign_in_ip",
    "rate_limit_sign_in_account",
)


class SettingsError(ValueError):
    """A `DEALREG_*` variable holds a value dealreg cannot use."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    # None: start (or join) the embedded PostgreSQL under `data_dir/pg`.
    database_url: str | None = None
    # None: run background work in-process on Dramatiq's in-memory broker.
    redis_url: str | None = None
    data_dir: Path = Path(".dealreg")
    jwt_issuer: str = "http://localhost:8000"
    jwt_audience: str = "dealreg"
    # None: `data_dir/jwt-signing-key.json`, created on first use.
    jwt_signing_key_file: Path | None = None
    access_token_ttl_seconds: Annotated[int, msgspec.Meta(ge=60, le=MAX_TOKEN_TTL)] = 3600
    # People signed in through an app (authorization code + PKCE): a short-lived access token,
    # renewed with a refresh token that rotates on every use (auth/sessions.py).
    user_access_token_ttl_seconds: Annotated[int, msgspec.Meta(ge=60, le=3600)] = 900
    # A refresh token unused this long lapses; a session (its family) ends this long after sign-in.
    refresh_idle_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 30
    refresh_absolute_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 90
    log_level: LogLevel = "INFO"
    log_json: bool = True
    max_request_body_bytes: Annotated[int, msgspec.Meta(ge=1024)] = 1_048_576
    # Connections kept open: as many as the requests one process serves at once under steady
    # load, since a connection of the overflow is closed as soon as it is returned, and opening
    # one per request (a new PostgreSQL backend) cost more than the request (issue #22).
    db_pool_size: Annotated[int, msgspec.Meta(ge=1, le=500)] = 20
    # Opened beyond those only in a burst, and closed again when returned.
    db_pool_overflow: Annotated[int, msgspec.Meta(ge=0, le=500)] = 10
    # A request waits this long for a connection, then gets a 503 to retry: under overload a
    # quick refusal beats a queue that times out anyway.
    db_pool_timeout_seconds: Annotated[float, msgspec.Meta(gt=0, le=60)] = 2.0
    # PostgreSQL cancels a request's statement running longer than this (a 503).
    db_statement_timeout_ms: Annotated[int, msgspec.Meta(ge=100)] = 10_000
    # Reports and exports get a pool of their own, so slow ones cannot starve the API, and a
    # longer statement timeout.
    db_report_pool_size: Annotated[int, msgspec.Meta(ge=1, le=100)] = 3
    db_report_statement_timeout_ms: Annotated[int, msgspec.Meta(ge=100)] = 60_000
    worker_threads: Annotated[int, msgspec.Meta(ge=1, le=64)] = 4
    # A worker whose heartbeat is this old is dead: its unfinished messages go back on the queue.
    broker_heartbeat_timeout_ms: Annotated[int, msgspec.Meta(ge=1000)] = 60_000
    # How many Redis commands in a million also look for dead workers (Dramatiq's default: 1000).
    broker_maintenance_chance: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)] = 1000
    # A job sent to the broker and not run this long after is sent again (then after twice as
    # long each time): the broker may lose a message; the outbox never does.
    outbox_resend_after_seconds: Annotated[int, msgspec.Meta(ge=1)] = 900
    # Mail to people: smtp://user:pass@host:587?starttls=true or smtps://…:465; None: `.eml`
    # files under `data_dir/mail`, their links logged (the demo's mode).
    smtp_url: str | None = None
    mail_from: str = "dealreg <no-reply@localhost>"
    # Prometheus metrics of `serve` and `worker` on a port of their own; None: not exposed.
    metrics_port: Annotated[int, msgspec.Meta(ge=1, le=65535)] | None = None
    metrics_host: str = "127.0.0.1"
    # Webhook endpoints on loopback, private or link-local addresses (a lab, the tests).
    webhooks_allow_private: bool = False
    # Rate limits in `limits`' notation ("600/minute", "5 per 10 minutes"); "0" turns one off.
    # Counted in Redis when `redis_url` is set (shared by every worker process), else in each
    # process's memory. See api/throttling.py.
    # Each authenticated caller (the token's holder, whichever token it uses).
    rate_limit_caller: str = "600/minute"
    # Each client IP, for requests to the API without a usable token.
    rate_limit_anonymous: str = "60/minute"
    # The token endpoint: every request per client IP, and a machine client's per client id (an
    # app people sign in to has a public id shared by its users: only addresses count for it).
    rate_limit_oauth_ip: str = "60/minute"
    rate_limit_oauth_client: str = "20/minute"
    # The token endpoint: failures (a moving window), per IP and (machine clients) per client id.
    rate_limit_oauth_failures_ip: str = "20/10 minutes"
    rate_limit_oauth_failures_client: str = "5/10 minutes"
    # Failed sign-ins (a moving window): per account from one client IP, per client IP, and per
    # account from anywhere. The last is wide: it only stops a distributed guesser, and holds only
    # for addresses that have failed on the account themselves (api/throttling.py).
    rate_limit_sign_in_account_ip: str = "10/15 minutes"
    rate_limit_sign_in_ip: str = "50/15 minutes"
    rate_limit_sign_in_account: str = "100/15 minutes"
    # `serve --demo`: every demo user's password; None: a new random one each run, printed once.
    demo_password: str | None = msgspec.field(default=None)
    # Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For is believed
    # for the client IP the limits count; with none, a proxy's clients share its address.
    trusted_proxies: str = ""
    # Origins (`https://crm.example.com`, comma-separated, exactly as browsers send them) whose
    # pages may call the API from the browser (api/cors.py); empty: no CORS headers at all.
    cors_origins: str = ""

    def __post_init__(self) -> None:
        for name in RATE_LIMIT_SETTINGS:
            value = getattr(self, name)
            if value != "0" and not _is_rate_limit(value):
                raise ValueError(
                    f"{name}: {value!r} is not a rate limit ('600/minute', '5 per 10 minutes', "
                    "or '0' for none)"
                )
        try:
            self.trusted_proxy_networks  # noqa: B018 - parsed to be checked
        except ValueError as exc:
            raise ValueError(f"trusted_proxies: {exc}") from None
        for origin in self.cors_origin_set:
            if _serialized_origin(origin) != origin:
                raise ValueError(
                    f"cors_origins: {origin!r} is not an origin as a browser sends it "
                    "('https://crm.example.com', 'http://localhost:3000': a scheme, a lower-case "
                    "host and a port only when not the scheme's default; no path, no wildcard)"
                )

    @property
    def trusted_proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(
            ipaddress.ip_network(part.strip(), strict=False)
            for part in self.trusted_proxies.split(",")
            if part.strip()
        )

    @property
    def cors_origin_set(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.cors_origins.split(",") if part.strip())

    @property
    def signing_key_path(self) -> Path:
        return self.jwt_signing_key_file or self.data_dir / "jwt-signing-key.json"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> "Settings":
        """Build settings from `DEALREG_*` variables; `overrides` win over the environment."""
        env = os.environ if environ is None else environ
        raw: dict[str, object] = {}
        for name in cls.__struct_fields__:
            value = env.get(ENV_PREFIX + name.upper())
            if value is not None and value != "":
                raw[name] = value
        raw.update(overrides)
        try:
            # strict=False lets "8000", "true" and paths arrive as the strings an environment holds.
            return msgspec.convert(raw, cls, strict=False, dec_hook=_decode_path)
        except msgspec.ValidationError as exc:
            raise SettingsError(f"invalid {ENV_PREFIX}* setting: {exc}") from exc


def _is_rate_limit(value: str) -> bool:
    try:
        return limits.parse(value).amount >= 1
    except ValueError:
        return False


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _serialized_origin(origin: str) -> str | None:
    """`origin` as the Origin header spells it (RFC 6454 §6.1), or None when it is not one."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname or "*" in parts.hostname:
        return None
    shown_port = "" if port in (None, _DEFAULT_PORTS[parts.scheme]) else f":{port}"
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{shown_port}"


def _decode_path(type_: type, obj: object) -> object:
    if type_ is Path and isinstance(obj, str | os.PathLike):
        return Path(obj)
    raise NotImplementedError
