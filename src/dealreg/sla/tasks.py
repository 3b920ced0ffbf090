import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.outbox.jobs import job
from dealreg.sla import rollups, service

log = structlog.get_logger("dealreg.sla")


@job("sla.sweep")
async def sweep(session: AsyncSession) -> None:
    """Fire the approval SLA thresholds that have fallen due."""
    fired = await service.sweep(session)
    if fired:
        log.info("sla thresholds fired", fired=fired)


@job("sla.fold_rollups")
async def fold_rollups(session: AsyncSession) -> None:
    """Add the clocks' pending changes to the report rollups (sla/rollups.py)."""
    folded = await rollups.fold(session)
    if folded:
        log.info("sla rollup changes folded", changes=folded)
