"""The webhook jobs: one attempt of a delivery, and the sweep that retries the due ones; the
dispatcher loop that turns events into deliveries."""

import asyncio
import functools
import ssl
import time
import uuid
from collections.abc import Callable
from datetime import datetime

import httpx
import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.db import database_now, transaction
from dealreg.loops import run_passes
from dealreg.metrics import WEBHOOK_ATTEMPTS
from dealreg.orgs.principals import Principal
from dealreg.outbox.jobs import enqueue, job
from dealreg.webhooks import addresses, service
from dealreg.webhooks.models import WebhookDelivery

log = structlog.get_logger("dealreg.webhooks")


@functools.cache
def _tls() -> ssl.SSLContext:
    # Built once: loading the trust store costs more than a whole delivery to a nearby
    # receiver (about 100 ms, measured), and a client is made for each attempt.
    return ssl.create_default_context()


class Sender:
    """Makes the HTTP request of an attempt. The process's one is set at start-up from the
    settings (`configure`); tests give theirs."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout_seconds: float = service.TIMEOUT_SECONDS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.timeout_seconds = timeout_seconds
        self.transport = transport

    async def send(self, claim: service.Claim) -> service.Outcome:
        started = time.perf_counter()

        def elapsed() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            # The whole attempt, the name's lookup included, within the timeout: well inside the
            # lease, so no other attempt of the delivery starts while this one runs.
            async with asyncio.timeout(self.timeout_seconds):
                return await self._attempt(claim, elapsed)
        except addresses.UnsafeUrl as exc:
            return service.Outcome(None, str(exc), elapsed(), None)
        except TimeoutError:
            error = f"no answer within {self.timeout_seconds:g} s"
            return service.Outcome(None, error, elapsed(), None)
        except httpx.HTTPError as exc:
            return service.Outcome(None, f"{type(exc).__name__}: {exc}"[:500], elapsed(), None)

    async def _attempt(self, claim: service.Claim, elapsed: Callable[[], int]) -> service.Outcome:
        # Resolved and checked again at every attempt, and connected to the address checked.
        target = await addresses.resolve(claim.url, allow_private=self.allow_private)
        url, host, extensions = target.pinned(claim.url)
        async with (
            httpx.AsyncClient(
                timeout=self.timeout_seconds,
                follow_redirects=False,
                transport=self.transport,
                verify=_tls(),
            ) as client,
            client.stream(
                "POST",
                url,
                content=claim.body,
                headers=claim.headers | host,
                extensions=extensions,
            ) as response,
        ):
            # Only the start of the answer is kept: a receiver cannot fill a worker's memory.
            kept = bytearray()
            async for chunk in response.aiter_bytes():
                kept += chunk
                if len(kept) >= service.RESPONSE_KEPT:
                    break
        code = response.status_code
        error = None if 200 <= code < 300 else f"the receiver answered {code}"
        text = kept[: service.RESPONSE_KEPT].decode(errors="replace")
        return service.Outcome(code, error, elapsed(), text)


_sender = Sender()


def configure(sender: Sender) -> None:
    global _sender
    _sender = sender


def sender() -> Sender:
    return _sender


# Each attempt is guarded by its lease, so a repeated message does nothing: no run record needed.
@job("webhooks.deliver", own_transactions=True, record_run=False, max_retries=0)
async def deliver(sessions: async_sessionmaker[AsyncSession], delivery_id: str, lease: str) -> None:
    """One attempt: claimed under the lease it was enqueued with, sent outside any transaction,
    recorded. A claim that finds the delivery taken or done does nothing, so a repeated message
    is harmless."""
    async with transaction(sessions) as session:
        claimed = await service.claim(
            session,
            uuid.UUID(delivery_id),
            datetime.fromisoformat(lease),
            await database_now(session),
        )
    if claimed is None:
        return
    outcome = await _sender.send(claimed)
    async with transaction(sessions) as session:
        delivery = await service.record_attempt(
            session, claimed, outcome, await database_now(session)
        )
    WEBHOOK_ATTEMPTS.labels(delivery.status.value).inc()
    if not outcome.delivered:
        log.info(
            "webhook attempt failed",
            delivery_id=delivery_id,
            attempts=delivery.attempts,
            error=outcome.error,
        )


@job("webhooks.retry")
async def retry(session: AsyncSession) -> None:
    """Enqueue an attempt of every delivery whose next attempt has come."""
    for delivery_id, lease in await service.due(session, await database_now(session)):
        await enqueue(session, deliver, delivery_id=str(delivery_id), lease=lease.isoformat())


async def dispatch(
    session: AsyncSession, read_resource: service.ReadResource
) -> service.Dispatched:
    """One pass of the dispatcher: new events become deliveries, each attempt enqueued."""
    done = await service.dispatch(session, read_resource)
    for delivery_id in done.deliveries:
        assert done.lease is not None  # noqa: S101 - deliveries are made under a lease
        await enqueue(session, deliver, delivery_id=str(delivery_id), lease=done.lease.isoformat())
    return done


async def run_dispatcher(
    sessionmaker: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    read_resource: service.ReadResource,
) -> None:
    """Dispatch until `stop`: at once again after a full batch, else after a quarter second."""

    async def one_pass() -> bool:
        async with transaction(sessionmaker) as session:
            done = await dispatch(session, read_resource)
        return done.events >= service.DISPATCH_BATCH

    await run_passes(stop, one_pass, what="dispatch", log=log, idle_seconds=0.25)


async def replay(
    session: AsyncSession, actor: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    delivery = await service.replay(session, actor, endpoint_id, delivery_id)
    assert delivery.next_attempt_at is not None  # noqa: S101 - pending under its new lease
    lease = delivery.next_attempt_at.isoformat()
    await enqueue(session, deliver, delivery_id=str(delivery.id), lease=lease)
    return delivery
