"""The `dealreg` command: serve, migrate, openapi, token.

Settings are built here, once, from the environment and the flags, and passed down.
"""

import argparse
import asyncio
import os
import sys
from pathlib import Path

from dealreg.config import MAX_TOKEN_TTL, Settings, SettingsError


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


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from granian import Granian
    from granian.constants import Interfaces

    from dealreg.migrations import upgrade

    database_url = _database_url(settings)
    upgrade(database_url)
    base_url = (
        f"http://{'localhost' if args.host in ('0.0.0.0', '127.0.0.1') else args.host}:{args.port}"  # noqa: S104
    )
    if args.demo:
        from dealreg.demo import seed_and_describe

        print(asyncio.run(seed_and_describe(settings, database_url, base_url)), flush=True)
    # Granian workers are fresh processes: they rebuild Settings from the environment, so hand
    # them the resolved database URL (the embedded server this process keeps running).
    os.environ["DEALREG_DATABASE_URL"] = database_url
    os.environ.setdefault("DEALREG_DATA_DIR", str(settings.data_dir))
    server = Granian(
        target="dealreg.app:app_from_env",
        factory=True,
        interface=Interfaces.ASGI,
        address=args.host,
        port=args.port,
        workers=args.workers,
        log_access=False,
    )
    server.serve()
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

    migrate = sub.add_parser("migrate", help="upgrade the database to the latest migration")
    migrate.set_defaults(func=cmd_migrate)

    openapi = sub.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default="openapi/openapi.json", help="a path, or - for stdout")
    openapi.set_defaults(func=cmd_openapi)

    token = sub.add_parser("token", help="mint an access token for a user")
    token.add_argument("--email", required=True)
    token.add_argument("--ttl", type=int, default=None, help="lifetime in seconds")
    token.set_defaults(func=cmd_token)
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
