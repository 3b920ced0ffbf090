"""What the rep's home screen and the registrations list cost a phone (issue #19): requests and
bytes, on the demo's data, as the demo rep (Rob Rep of Northwind IT) sees them.

    python bench/home.py

On a scratch database (on `DEALREG_BENCH_DATABASE_URL`'s server, else the local PostgreSQL, else
an embedded one) migrated and seeded with the demo, the app answers in process (httpx's ASGI
transport: the very responses a server sends, compression included). The home screen is one
request, `GET /v1/me/home` (issue #21): the rep's open registrations, oldest (the most urgent)
first, each with its SLA badge and, when waiting on the rep, the vendor's question; the leads
waiting for their answer; this quarter's earnings by status and currency. (It was two before,
open registrations and `GET /v1/me/earnings`, and still left out the leads.)

Who the rep is (`/v1/me`) is read once at sign-in, not per screen. The registrations list is
request 1 without the status filter. It prints each request's status, rows and bytes, as sent
gzip-compressed (what the phone downloads) and as JSON.
"""

import asyncio
import contextlib
import tempfile
from pathlib import Path

import httpx
from run import REP, postgres_server, scratch_database

from dealreg import subscriptions
from dealreg.app import create_app
from dealreg.auth.service import principal_for_email
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.migrations import upgrade

OPEN = [("status", "submitted"), ("status", "in_review"), ("status", "info_requested")]
SCREENS: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {
    "rep's home": [("/v1/me/home", [])],
    "registrations list": [("/v1/registrations", [])],
}


async def token_for(database_url: str, settings: Settings) -> str:
    engine = make_engine(database_url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            await seed_demo(session)
            principal = await principal_for_email(session, REP)
    finally:
        await engine.dispose()
    return TokenService.from_settings(settings).mint(principal)


async def measure(database_url: str, data_dir: Path) -> None:
    settings = Settings.from_env(
        {}, database_url=database_url, data_dir=data_dir, log_level="WARNING"
    )
    subscriptions.install()
    headers = {"Authorization": f"Bearer {await token_for(database_url, settings)}"}
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        contextlib.AsyncExitStack() as stack,
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        await stack.enter_async_context(app.lifespan())
        for screen, requests in SCREENS.items():
            sent = raw = 0
            print(f"{screen}: {len(requests)} request(s)")
            for path, params in requests:
                compressed = await client.get(
                    path, params=params, headers=headers | {"Accept-Encoding": "gzip"}
                )
                plain = await client.get(
                    path, params=params, headers=headers | {"Accept-Encoding": "identity"}
                )
                body = plain.json()
                rows = len(body.get("items", body.get("deals", [])))
                wire = int(compressed.headers.get("content-length", len(compressed.content)))
                sent, raw = sent + wire, raw + len(plain.content)
                print(
                    f"  GET {compressed.request.url.raw_path.decode()}: {compressed.status_code}, "
                    f"{rows} rows, {wire} bytes sent "
                    f"({compressed.headers.get('content-encoding', 'identity')}), "
                    f"{len(plain.content)} bytes of JSON"
                )
            print(f"  total: {sent} bytes sent, {raw} bytes of JSON")


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as scratch,
        postgres_server(Path(scratch)) as server_url,
        scratch_database(server_url) as database_url,
    ):
        upgrade(database_url)
        asyncio.run(measure(database_url, Path(scratch)))


if __name__ == "__main__":
    main()
