"""Steering registrations' SLA clocks from a test: submitted at a chosen instant, decided after
a chosen business time, swept at a chosen `now`. Clocks are changed through `db`, decisions go
over HTTP like anyone else's.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.registrations.models import Registration
from dealreg.sla import clocks, service
from dealreg.sla.models import ClockState, SlaClock, Threshold
from tests.deals import REGISTRATIONS, PartnerSetup, VendorSetup, deal_body, line, submit
from tests.problems import if_match

Headers = dict[str, str]
Json = dict[str, Any]

HOUR = timedelta(hours=1)
TICK = timedelta(microseconds=1)
# A decided clock runs from here: the decision, made now, adds no business time to it.
LATER = datetime(2031, 1, 1, tzinfo=UTC)


async def register(client: httpx.AsyncClient, partner: PartnerSetup, setup: VendorSetup) -> str:
    deal = await submit(client, partner.rep, deal_body(line(setup)))
    (registration,) = deal["registrations"]
    return str(registration["id"])


async def submitted_on(db: AsyncSession, registration_id: str, at: datetime) -> None:
    """Move the registration's submission (and its clock's start) to `at`."""
    rid = uuid.UUID(registration_id)
    await db.execute(update(Registration).where(Registration.id == rid).values(submitted_at=at))
    await db.execute(update(SlaClock).where(SlaClock.registration_id == rid).values(started_at=at))


async def ran_for(db: AsyncSession, registration_id: str, elapsed: timedelta) -> None:
    """The clock has run `elapsed` of business time and runs on no further before a decision."""
    await db.execute(
        update(SlaClock)
        .where(SlaClock.registration_id == uuid.UUID(registration_id))
        .values(elapsed_us=elapsed // TICK, running_since=LATER, next_due_at=None)
    )


def forget(db: AsyncSession) -> None:
    """Drop `db`'s copies of clocks and registrations: requests change them in sessions of their
    own, and the sweep (run in `db`) must work on what the database holds now."""
    for row in list(db.identity_map.values()):
        if isinstance(row, SlaClock | Registration):
            db.expunge(row)


async def started_at(db: AsyncSession, registration_id: str, started: datetime) -> None:
    """Submitted at `started`, its clock running ever since, with nothing fired yet."""
    await submitted_on(db, registration_id, started)
    await db.flush()
    forget(db)
    clock = await db.get_one(SlaClock, uuid.UUID(registration_id))
    assert clock.state is ClockState.running
    clock.started_at = clock.running_since = started
    clock.elapsed_us = 0
    clock.next_threshold = Threshold.reminder
    clocks.schedule(clock, clocks.calendar_of(clock))
    await db.flush()


async def sweep(db: AsyncSession, now: datetime) -> None:
    await db.flush()
    forget(db)
    await service.sweep(db, now=now)
    await db.flush()


async def attempt(
    client: httpx.AsyncClient, headers: Headers, registration_id: str, action: str, body: Json
) -> httpx.Response:
    """`action` against the registration's current version, as `headers` read it; the response,
    whatever it is."""
    url = f"{REGISTRATIONS}/{registration_id}"
    current = await client.get(url, headers=headers)
    assert current.status_code == 200, current.text
    return await client.post(
        f"{url}/{action}", json=body, headers=headers | if_match(current.json()["version"])
    )


async def act(
    client: httpx.AsyncClient, headers: Headers, registration_id: str, action: str, body: Json
) -> None:
    """`action` against the registration's current version; it must succeed."""
    response = await attempt(client, headers, registration_id, action, body)
    assert response.status_code == 200, f"{action}: {response.text}"


async def decided_after(
    client: httpx.AsyncClient,
    db: AsyncSession,
    headers: Headers,
    registration_id: str,
    hours: float,
    *,
    reject: bool = False,
    wall: float | None = None,
) -> None:
    """Decided after `hours` of business time; with `wall`, the clock stops that many wall-clock
    hours after it started rather than now (the decision itself is made now)."""
    await ran_for(db, registration_id, hours * HOUR)
    await db.flush()
    if reject:
        await act(client, headers, registration_id, "reject", {"reason": "not_qualified"})
    else:
        await act(client, headers, registration_id, "approve", {})
    if wall is not None:
        await db.execute(
            update(SlaClock)
            .where(SlaClock.registration_id == uuid.UUID(registration_id))
            .values(stopped_at=SlaClock.started_at + wall * HOUR)
        )
