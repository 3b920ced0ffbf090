"""The `dealreg` command: serve, migrate, openapi, token.

Settings are built here, once, from the environment and the flags, and passed down.
"""

import argparse
import asyncio
import multiprocessing
import os
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from dealreg.config import MAX_TOKEN_TTL, METRICS_DIRECTORY_ENV, Settings, SettingsError
from dealreg.tracing import provider_from_env

if TYPE_CHECKING:
    from dealreg.mail.tasks import Outbound


def _database_url(settings: Settings) -> str:
    from dealreg.embedded import resolve_database_url

    return resolve_database_url(settings)


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from dealreg.migrations import upgrade

    upgrade(_database_url(settings))
    print("database is at the latest migration")
    return 0


def cmd_openapi(settings: Settings, args: argparse.Namespace) -> int:
    from dealreg.openapi import render_openapi

    text = render_openapi()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text)
        print(f"wrote {args.output}")
    return 0


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    from dealreg.demo import mint_user_token

    if args.ttl is not None and not 60 <= args.ttl <= MAX_TOKEN_TTL:
        print(f"--ttl must be between 60 and {MAX_TOKEN_TTL} seconds", file=sys.stderr)
        return 2
    try:
        token = asyncio.run(
            mint_user_token(settings, _database_url(settings), args.email, ttl=args.ttl)
        )
    except LookupError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(token)
    return 0


def cmd_user_set_password(settings: Settings, args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        print("the two passwords differ; nothing was changed", file=sys.stderr)
        return 1
    from dealreg.errors import DealRegError

    try:
        asyncio.run(_set_password(_database_url(settings), args.email, password))
    except DealRegError as exc:
        print(exc.detail, file=sys.stderr)
        return 1
    print(f"password set for {args.email}")
    return 0


def _read_password() -> str | None:
    """Typed twice at a terminal (not echoed); else one line of standard input, for scripts."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().removesuffix("\n")
    import getpass

    password = getpass.getpass("New password: ")
    return password if getpass.getpass("Again: ") == password else None


async def _set_password(database_url: str, email: str, password: str) -> None:
    from dealreg.auth.service import set_password
    from dealreg.db import make_engine, make_sessionmaker, transaction

    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await set_password(session, email, password)
    finally:
        await engine.dispose()


def _expose_metrics(settings: Settings, *, processes: bool) -> None:
    """Serve the metrics when a port is set. With `processes` (granian's workers), every process
    keeps its values in files of a directory of this run's own, which prometheus_client reads from
    the environment when first imported: this must come before anything imports it."""
    if settings.metrics_port is None:
        return
    if processes:
        import atexit
        import shutil
        import tempfile

        directory = tempfile.mkdtemp(prefix="dealreg-metrics-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        os.environ[METRICS_DIRECTORY_ENV] = directory
    from dealreg import metrics

    metrics.serve(settings.metrics_port, settings.metrics_host)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    _expose_metrics(settings, processes=True)
    from granian import Granian
    from granian.constants import Interfaces

    from dealreg.migrations import upgrade

    database_url = _database_url(settings)
    upgrade(database_url)
    if "DEALREG_JWT_ISSUER" in os.environ:
        # Sign-in sends people back to the issuer, so the banner's links are the issuer's: opened
        # on another name of this host (localhost for 127.0.0.1), the app's sign-in would fail.
        base_url = settings.jwt_issuer.rstrip("/")
    else:
        # Unset, the issuer is the address served here: sign-in sends people back to it, and
        # mailed links point at it; the default (port 8000) would send a `--port` run elsewhere.
        base_url = f"http://{'localhost' if args.host in ('0.0.0.0', '127.0.0.1') else args.host}:{args.port}"  # noqa: S104
        os.environ["DEALREG_JWT_ISSUER"] = base_url
        settings = msgspec.structs.replace(settings, jwt_issuer=base_url)
    if args.demo:
        from dealreg import subscriptions
        from dealreg.demo import seed_and_describe

        subscriptions.install()
        print(asyncio.run(seed_and_describe(settings, database_url, base_url)), flush=True)
    # Granian workers are fresh processes: they rebuild Settings from the environment, so hand
    # them the resolved database URL (the embedded server this process keeps running).
    os.environ["DEALREG_DATABASE_URL"] = database_url
    os.environ.setdefault("DEALREG_DATA_DIR", str(settings.data_dir))
    # Workers are spawned, not forked: this process runs threads (the metrics' server, the
    # background work), and a fork would copy their locks in whatever state they are.
    multiprocessing.set_start_method("spawn", force=True)
    background = None
    if settings.redis_url is None:
        from dealreg.observability import configure_logging
        from dealreg.worker.runtime import Background

        configure_logging(settings.log_level, json=settings.log_json)
        background = Background(
            database_url,
            None,
            worker_threads=settings.worker_threads,
            webhooks_allow_private=settings.webhooks_allow_private,
            outbox_resend_after=timedelta(seconds=settings.outbox_resend_after_seconds),
            mail_outbound=_mail_outbound(settings),
            tracer_provider=provider_from_env("dealreg-worker"),
        )
        background.start()
    server = Granian(
        target="dealreg.app:app_from_env",
        factory=True,
        interface=Interfaces.ASGI,
        address=args.host,
        port=args.port,
        workers=args.workers,
        log_access=False,
    )
    try:
        server.serve()
    finally:
        if background is not None:
            background.stop()
    return 0


def _mail_outbound(settings: Settings) -> "Outbound":
    from dealreg.auth.keys import load_or_create_signing_key
    from dealreg.mail.letters import mail_sealer
    from dealreg.mail.tasks import Outbound
    from dealreg.mail.transport import InvalidSmtpUrl, Mailer

    try:
        mailer = Mailer(
            smtp_url=settings.smtp_url,
            sender=settings.mail_from,
            directory=settings.data_dir / "mail",
        )
    except InvalidSmtpUrl as exc:
        raise SystemExit(str(exc)) from exc
    return Outbound(
        mailer=mailer,
        sealer=mail_sealer(load_or_create_signing_key(settings.signing_key_path)),
        site_url=settings.jwt_issuer,
    )


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    _expose_metrics(settings, processes=False)
    from dealreg.migrations import upgrade
    from dealreg.observability import configure_logging
    from dealreg.worker.runtime import Background

    # Handlers first: a stop asked for while starting up ends the worker cleanly once started.
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    configure_logging(settings.log_level, json=settings.log_json)
    if settings.redis_url is None:
        print(
            "dealreg worker needs DEALREG_REDIS_URL: without Redis, `dealreg serve` runs the "
            "background work itself",
            file=sys.stderr,
        )
        return 2
    database_url = _database_url(settings)
    upgrade(database_url)
    background = Background(
        database_url,
        settings.redis_url,
        worker_threads=settings.worker_threads,
        with_scheduler=not args.no_scheduler,
        heartbeat_timeout_ms=settings.broker_heartbeat_timeout_ms,
        maintenance_chance=settings.broker_maintenance_chance,
        webhooks_allow_private=settings.webhooks_allow_private,
        outbox_resend_after=timedelta(seconds=settings.outbox_resend_after_seconds),
        mail_outbound=_mail_outbound(settings),
        tracer_provider=provider_from_env("dealreg-worker"),
    )
    background.start()
    stopped.wait()
    background.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dealreg", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API (migrates the database first)")
    serve.add_argument(
        "--demo", action="store_true", help="seed demo organizations and print tokens"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker", help="run background jobs, the outbox relay and the scheduler on Redis"
    )
    worker.add_argument(
        "--no-scheduler", action="store_true", help="run jobs and the relay, schedule nothing"
    )
    worker.set_defaults(func=cmd_worker)

    migrate = sub.add_parser("migrate", help="upgrade the database to the latest migration")
    migrate.set_defaults(func=cmd_migrate)

    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default="openapi/openapi.json", help="a path, or - for stdout")
    openapi.set_defaults(func=cmd_openapi)

    token = sub.add_parser("token", help="mint an access token for a user")
    token.add_argument("--email", required=True)
    token.add_argument("--ttl", type=int, default=None, help="lifetime in seconds")
    token.set_defaults(func=cmd_token)

    user = sub.add_parser("user", help="manage people's accounts").add_subparsers(
        dest="user_command", required=True
    )
    set_password = user.add_parser(
        "set-password",
        help="set a person's password (typed at the prompt, or one line of standard input)",
    )
    set_password.add_argument("--email", required=True)
    set_password.set_defaults(func=cmd_user_set_password)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    result: int = args.func(settings, args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
