from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.events import service
from dealreg.registrations.repository import database_now
from dealreg.worker.jobs import job


@job("events.prune")
async def prune(session: AsyncSession) -> None:
    """Forget the events older than the feed keeps them."""
    await service.prune(session, before=await database_now(session) - service.KEEP_FOR)
