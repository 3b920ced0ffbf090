import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import table_of
from dealreg.idempotency.models import IdempotencyRecord

RETENTION = timedelta(hours=24)


async def try_lock(session: AsyncSession, caller_id: uuid.UUID, key: str) -> bool:
    """Take the (caller, key) lock for this transaction, or say that another request holds it.

    A transaction-level advisory lock: released by commit or rollback, so a crashed request never
    leaves a key locked. Not waiting for it is what lets a concurrent retry get a 409 at once."""
    lock_id = func.hashtextextended(f"idempotency:{caller_id}:{key}", 0)
    return bool(await session.scalar(select(func.pg_try_advisory_xact_lock(lock_id))))


async def find(session: AsyncSession, caller_id: uuid.UUID, key: str) -> IdempotencyRecord | None:
    stmt = select(IdempotencyRecord).where(
        IdempotencyRecord.caller_id == caller_id,
        IdempotencyRecord.key == key,
        IdempotencyRecord.created_at > func.now() - RETENTION,
    )
    return (await session.scalars(stmt)).one_or_none()


# One statement, compiled once: an expired record of the same key may still be there, waiting
# for the cleanup job, and the new one takes its place (a DELETE then an INSERT cost a round trip
# more). A live one cannot be there: the request holds the key's lock and found none. The new
# row's `created_at` is its column default, as EXCLUDED carries it.
_TABLE = table_of(IdempotencyRecord)
_INSERT = pg_insert(_TABLE)
_UPSERT = _INSERT.on_conflict_do_update(
    index_elements=[_TABLE.c.caller_id, _TABLE.c.key],
    set_={
        column: _INSERT.excluded[column]
        for column in ("id", "fingerprint", "status", "headers", "body", "created_at")
    },
)


async def save(session: AsyncSession, record: IdempotencyRecord) -> None:
    await session.execute(
        _UPSERT,
        {
            "id": uuid.uuid4(),
            "caller_id": record.caller_id,
            "key": record.key,
            "fingerprint": record.fingerprint,
            "status": record.status,
            "headers": record.headers,
            "body": record.body,
        },
    )


async def delete_expired(session: AsyncSession) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at <= func.now() - RETENTION)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
