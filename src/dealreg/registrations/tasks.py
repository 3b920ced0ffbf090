import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.outbox.jobs import job
from dealreg.registrations import expiry

log = structlog.get_logger("dealreg.registrations")


@job("registrations.expire")
async def expire(session: AsyncSession) -> None:
    """Expire the registrations whose protection has lapsed, and announce those about to."""
    expired = await expiry.expire_lapsed(session)
    reminded = await expiry.remind_expiring(session)
    if expired or reminded:
        log.info("registration expiry", expired=expired, reminded=reminded)
