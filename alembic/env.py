"""Alembic environment: async, on the URL the caller resolved (`dealreg migrate`, `serve`, tests)
or, when run by hand, on DEALREG_DATABASE_URL / the embedded server."""

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

# Every domain's tables, so that autogenerate and `alembic check` compare all of them: run by
# hand, alembic imports nothing else of dealreg (tests/test_migrations.py runs it so).
import dealreg.auth.link_models
import dealreg.auth.models
import dealreg.engagement.models
import dealreg.events.models
import dealreg.idempotency.models
import dealreg.incentives.models
import dealreg.leads.models
import dealreg.mail.models
import dealreg.orgs.models
import dealreg.outbox.models
import dealreg.planning.models
import dealreg.registrations.models
import dealreg.sla.models
import dealreg.webhooks.models  # noqa: F401
from dealreg.db import Base, make_engine

# Any constant shared by every dealreg process of an installation.
MIGRATION_LOCK = 0x6465616C6D6967  # "dealmig"

target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        compare_server_default=True,
    )
    with context.begin_transaction():
        # Processes starting together (a serve, several workers) migrate one after another.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = make_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure)
    finally:
        await engine.dispose()


def _url() -> str:
    url = context.config.attributes.get("database_url")
    if url:
        return str(url)
    from dealreg.config import Settings
    from dealreg.embedded import resolve_database_url

    return resolve_database_url(Settings.from_env())


if context.is_offline_mode():
    raise SystemExit("dealreg migrations run online only: they need a database.")
asyncio.run(_run_async(_url()))
