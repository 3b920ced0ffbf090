import asyncio
from typing import Literal

import msgspec
from litestar import get
from sqlalchemy.exc import SQLAlchemyError

from dealreg.api.deps import Db
from dealreg.api.schemas import problems
from dealreg.db import ping
from dealreg.errors import DealRegError

# A probe must answer quickly even when the database hangs: the orchestrator decides, not us.
READY_TIMEOUT_SECONDS = 2


class Health(msgspec.Struct):
    status: Literal["ok"]


class NotReady(DealRegError):
    status, type, title = 503, "not-ready", "Not ready"


@get(
    "/health",
    operation_id="healthCheck",
    tags=["health"],
    opt={"public": True},
    summary="The process is up",
)
async def health() -> Health:
    return Health(status="ok")


@get(
    "/ready",
    operation_id="readinessCheck",
    tags=["health"],
    opt={"public": True},
    responses=problems(503, public=True),
    summary="The process can serve: the database answers",
)
async def ready(db: Db) -> Health:
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await ping(db)
    except (SQLAlchemyError, OSError, TimeoutError) as exc:
        raise NotReady("The database does not answer.", headers={"Retry-After": "5"}) from exc
    return Health(status="ok")
