import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any


async def sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less if `stop` is set meanwhile: loops end promptly on shutdown."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


async def run_passes(
    stop: asyncio.Event,
    one_pass: Callable[[], Awaitable[bool]],
    *,
    what: str,
    log: Any,
    idle_seconds: float,
    max_backoff_seconds: float = 30.0,
) -> None:
    """Run `one_pass` until `stop`: at once again when it says there is more (a full batch), else
    after `idle_seconds`; after a failure (the database or broker is away), after a wait that
    doubles up to `max_backoff_seconds`."""
    backoff = idle_seconds
    while not stop.is_set():
        try:
            more = await one_pass()
        except Exception:
            log.warning(f"{what} pass failed; retrying", retry_in=backoff, exc_info=True)
            await sleep_or_stop(stop, backoff)
            backoff = min(backoff * 2, max_backoff_seconds)
            continue
        backoff = idle_seconds
        if not more:
            await sleep_or_stop(stop, idle_seconds)
