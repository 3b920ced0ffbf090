import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.leads import rollups, service
from dealreg.outbox.jobs import job

log = structlog.get_logger("dealreg.leads")


@job("leads.sweep")
async def sweep(session: AsyncSession) -> None:
    """Recall the leads not accepted in time; flag those whose first touch is late."""
    result = await service.sweep(session)
    if result.recalled or result.overdue:
        log.info("lead deadlines passed", recalled=result.recalled, overdue=result.overdue)


@job("leads.fold_rollups")
async def fold_rollups(session: AsyncSession) -> None:
    """Add the leads' pending changes to the report rollups (leads/rollups.py)."""
    folded = await rollups.fold(session)
    if folded:
        log.info("lead rollup changes folded", changes=folded)
