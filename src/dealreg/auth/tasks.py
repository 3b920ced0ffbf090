from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth import sessions
from dealreg.outbox.jobs import job


@job("auth.prune")
async def prune(session: AsyncSession) -> None:
    """Forget sign-in codes, sessions and refresh tokens nobody can use any more."""
    await sessions.prune(session)
