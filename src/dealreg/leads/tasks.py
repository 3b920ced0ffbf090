import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.leads import service
from dealreg.outbox.jobs import job

log = structlog.get_logger("dealreg.leads")


@job("leads.sweep")
async def sweep(session: AsyncSession) -> None:
    """Recall the leads not accepted in time; flag those whose first touch is late."""
    result = await service.sweep(session)
    if result.recalled or result.overdue:
        log.info("lead deadlines passed", recalled=result.recalled, overdue=result.overdue)
