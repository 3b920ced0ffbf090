"""Rollups under concurrency, for the SLA and lead rollups' tests alike: the requests given race
two folding loops and a rebuild, each on a committing session of its own."""

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import make_sessionmaker

Step = Callable[[AsyncSession], Awaitable[object]]


async def _committed(engine: AsyncEngine, step: Step, times: int) -> None:
    for _ in range(times):
        async with make_sessionmaker(engine)() as session:
            await step(session)
            await session.commit()
        await asyncio.sleep(0)


async def racing_folds_and_a_rebuild(
    engine: AsyncEngine, fold: Step, rebuild: Step, requests: list[Coroutine[Any, Any, Any]]
) -> list[Any]:
    """The requests' results, in their order, once all have raced the folds and the rebuild."""
    results = await asyncio.gather(
        *requests,
        _committed(engine, fold, 6),
        _committed(engine, fold, 6),
        _committed(engine, rebuild, 1),
    )
    return results[: len(requests)]
