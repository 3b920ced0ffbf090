"""Jobs: async functions of a session and plain values, registered by name, enqueued through the
outbox inside the caller's transaction.

A job receives ids and values, never ORM objects; it runs in a transaction of its own, committed
when it returns; it may run again after a crash or a redelivery, so it must be safe to repeat
(the actor wrapper also skips a message whose run already committed).
"""

import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import insert_columns
from dealreg.outbox.models import OutboxMessage

JobFn = Callable[..., Awaitable[None]]

DEFAULT_QUEUE = "default"


class Job(msgspec.Struct, frozen=True):
    name: str
    fn: JobFn
    queue: str = DEFAULT_QUEUE
    max_retries: int = 20
    # Dramatiq backs off exponentially between these bounds (milliseconds), with jitter.
    min_backoff_ms: int = 1_000
    max_backoff_ms: int = 15 * 60 * 1_000
    # The job opens its own transactions (it is given the sessionmaker, not a session) and is
    # safe to repeat by itself: for work that must not hold a transaction open, such as a call
    # to another server.
    own_transactions: bool = False
    # Whether a job with its own transactions records its run (`job_runs`) when done: a
    # high-volume job whose work is idempotent by itself may skip the extra row (its outbox row
    # is marked done either way).
    record_run: bool = True


REGISTRY: dict[str, Job] = {}


def job(name: str, **options: Any) -> Callable[[JobFn], Job]:
    """Register `fn(session, **values)` as the job `name`."""

    def register(fn: JobFn) -> Job:
        if name in REGISTRY:
            raise ValueError(f"job {name!r} is already registered")
        spec = Job(name=name, fn=fn, **options)
        REGISTRY[name] = spec
        return spec

    return register


async def enqueue(session: AsyncSession, spec: Job, **values: Any) -> OutboxMessage:
    """Have `spec` run with `values` once the caller's transaction commits (never if it does not)."""
    # Checked now, in the caller, not hours later in a worker's retries: the job takes these
    # values, and a message can carry them.
    inspect.signature(spec.fn).bind(None, **values)
    payload = msgspec.json.decode(msgspec.json.encode(values))
    message = OutboxMessage(job=spec.name, payload=payload)
    session.add(message)
    await session.flush()
    return message


async def enqueue_all(session: AsyncSession, spec: Job, values: list[dict[str, Any]]) -> None:
    """`enqueue` of a run of `spec` for each of `values`, in one statement (a sweep's page of
    thresholds is a message each: one round trip, not one per message)."""
    signature = inspect.signature(spec.fn)
    for keys in {tuple(one) for one in values}:
        signature.bind(None, **dict.fromkeys(keys))
    payloads = msgspec.json.decode(msgspec.json.encode(values))
    await insert_columns(
        session,
        OutboxMessage,
        [{"id": uuid.uuid4(), "job": spec.name, "payload": payload} for payload in payloads],
    )
