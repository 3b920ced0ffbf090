import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

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


async def save(session: AsyncSession, record: IdempotencyRecord) -> None:
    # An expired record of the same key may still be there, waiting for the cleanup job.
    await session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.caller_id == record.caller_id, IdempotencyRecord.key == record.key
        )
    )
    session.add(record)
    await session.flush()


async def delete_expired(session: AsyncSession) -> int:
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at <= func.now() - RETENTION)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
