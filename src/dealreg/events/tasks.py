from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.db import database_now, transaction
from dealreg.events import service
from dealreg.outbox.jobs import job

BATCH = 5000


@job("events.prune", own_transactions=True)
async def prune(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Forget the events older than the feed keeps them, a batch a transaction: the feed and the
    webhook dispatcher wait for the oldest open transaction, so none may last long."""
    async with transaction(sessions) as session:
        before = await database_now(session) - service.KEEP_FOR
    while True:
        async with transaction(sessions) as session:
            deleted = await service.prune_batch(session, before=before, batch=BATCH)
        if deleted < BATCH:
            return
