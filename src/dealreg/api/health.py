from typing import Any, Literal

import msgspec
from litestar import Request, get
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from dealreg.errors import DealRegError


class Health(msgspec.Struct):
    status: Literal["ok"]


class NotReady(DealRegError):
    status, type, title = 503, "not-ready", "Not ready"


@get("/health", tags=["health"], opt={"public": True}, summary="The process is up")
async def health() -> Health:
    return Health(status="ok")


@get(
    "/ready",
    tags=["health"],
    opt={"public": True},
    summary="The process can serve: the database answers",
)
async def ready(request: Request[Any, Any, Any]) -> Health:
    try:
        async with request.app.state.sessionmaker() as session:
            await session.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        raise NotReady("The database does not answer.", headers={"Retry-After": "5"}) from exc
    return Health(status="ok")
