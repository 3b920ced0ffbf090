"""Housekeeping of the background machinery itself."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.outbox import repository
from dealreg.outbox.jobs import job

# Long enough to outlive any redelivery of a message, short enough to keep the tables small.
KEEP_FOR = timedelta(days=7)


@job("worker.prune")
async def prune(session: AsyncSession) -> None:
    await repository.prune(session, KEEP_FOR)
