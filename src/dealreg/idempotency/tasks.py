from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.idempotency import repository
from dealreg.outbox.jobs import job


@job("idempotency.cleanup")
async def cleanup(session: AsyncSession) -> None:
    """Forget idempotency records past their 24 hours."""
    await repository.delete_expired(session)
