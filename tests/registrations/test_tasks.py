"""The expiry job at three levels: the service functions expire lapsed registrations and announce
those about to lapse, once each; the registered job does both; and end to end, the scheduler's
message goes through the outbox, the relay and the actor wrapper and expires a committed
registration."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import dramatiq
import httpx
import pytest
from dramatiq.brokers.stub import StubBroker
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import database_now, make_sessionmaker, transaction
from dealreg.events.models import Event
from dealreg.outbox.jobs import REGISTRY, enqueue
from dealreg.outbox.models import JobRun
from dealreg.registrations import expiry
from dealreg.registrations.models import RegistrationHistory
from dealreg.worker.broker import LoopSessions, declare_actors, make_broker
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.relay import Relay
from dealreg.worker.scheduler import SCHEDULE, enqueue_due
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    approve,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, if_match

EXPIRE = "registrations.expire"


class Parties:
    def __init__(self, vendor: VendorSetup, partner: PartnerSetup) -> None:
        self.vendor = vendor
        self.partner = partner


async def parties(factory: Factory, **program: Any) -> Parties:
    vendor = await vendor_setup(factory, **program)
    return Parties(vendor, await partner_setup(factory, vendor))


async def register(client: httpx.AsyncClient, p: Parties) -> str:
    """A new deal with one line of `p.vendor`: its one registration's id."""
    deal = await submit(client, p.partner.rep, deal_body(line(p.vendor)))
    return str(deal["registrations"][0]["id"])


async def read(client: httpx.AsyncClient, p: Parties, registration_id: str) -> dict[str, Any]:
    response = await client.get(f"{REGISTRATIONS}/{registration_id}", headers=p.partner.rep)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def history(client: httpx.AsyncClient, p: Parties, registration_id: str) -> list[Any]:
    response = await client.get(
        f"{REGISTRATIONS}/{registration_id}/history", headers=p.vendor.approver
    )
    assert response.status_code == 200, response.text
    items: list[Any] = response.json()["items"]
    return items


async def events(db: AsyncSession, registration_id: str, type_: str) -> list[Event]:
    stmt = (
        select(Event)
        .where(Event.subject_id == uuid.UUID(registration_id), Event.type == type_)
        .order_by(Event.created_at)
    )
    return list(await db.scalars(stmt))


async def count(db: AsyncSession, model: type[Event] | type[RegistrationHistory]) -> int:
    return int(await db.scalar(select(func.count()).select_from(model)) or 0)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


# --- the service -------------------------------------------------------------------------------


async def test_lapsed_registrations_expire_with_history_and_event(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    now = await database_now(db)
    lapsed, on_the_dot, protected, undecided = [await register(client, p) for _ in range(4)]
    await approve(db, lapsed, days=30, at=now - timedelta(days=31))
    # Protection ends at the instant expires_at: at that very instant it has lapsed.
    await approve(db, on_the_dot, days=30, at=now - timedelta(days=30))
    await approve(db, protected, days=30, at=now - timedelta(days=30) + timedelta(microseconds=1))

    assert await expiry.expire_lapsed(db) == 2

    for registration_id in (lapsed, on_the_dot):
        registration = await read(client, p, registration_id)
        assert registration["status"] == "expired"
        assert registration["expires_at"] is not None
        last = (await history(client, p, registration_id))[-1]
        assert (last["action"], last["actor_id"], last["actor_role"]) == ("expired", None, None)
        assert (last["from_status"], last["to_status"]) == ("approved", "expired")
        [event] = await events(db, registration_id, "registration.expired")
        assert (event.vendor_id, event.partner_id) == (p.vendor.vendor.id, p.partner.partner.id)
        assert event.data["status"] == "expired"
        assert event.data["from_status"] == "approved"
        assert event.data["registration_id"] == registration_id
    assert (await read(client, p, protected))["status"] == "approved"
    assert (await read(client, p, undecided))["status"] == "submitted"
    assert await events(db, protected, "registration.expired") == []
    assert [h["action"] for h in await history(client, p, protected)] == ["submitted", "approved"]


async def test_expiring_again_expires_nothing_more_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    now = await database_now(db)
    lapsed, protected = await register(client, p), await register(client, p)
    await approve(db, lapsed, days=10, at=now - timedelta(days=11))
    await approve(db, protected, days=90, at=now)
    assert await expiry.expire_lapsed(db) == 1
    before = (await count(db, RegistrationHistory), await count(db, Event))
    version = (await read(client, p, lapsed))["version"]

    assert await expiry.expire_lapsed(db) == 0

    assert (await count(db, RegistrationHistory), await count(db, Event)) == before
    assert (await read(client, p, lapsed))["version"] == version
    assert (await read(client, p, protected))["status"] == "approved"


async def test_a_registration_expiring_within_14_days_is_announced_once(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    now = await database_now(db)
    soon, just_inside, just_outside, later, undecided = [
        await register(client, p) for _ in range(5)
    ]
    await approve(db, soon, days=90, at=now - timedelta(days=80))
    await approve(db, just_inside, days=14, at=now - timedelta(hours=1))
    await approve(db, just_outside, days=14, at=now + timedelta(hours=1))
    await approve(db, later, days=90, at=now)
    etag = (await read(client, p, soon))["version"]

    assert await expiry.remind_expiring(db) == 2

    for registration_id in (soon, just_inside):
        [event] = await events(db, registration_id, "registration.expiring")
        registration = await read(client, p, registration_id)
        assert event.data["number"] == registration["number"]
        assert event.data["rep_id"] == str(p.partner.rep_id)
        assert instant(event.data["expires_at"]) == instant(registration["expires_at"])
        assert (event.vendor_id, event.partner_id) == (p.vendor.vendor.id, p.partner.partner.id)
    for registration_id in (just_outside, later, undecided):
        assert await events(db, registration_id, "registration.expiring") == []
    # A reminder is not a change of the registration: its ETag stays.
    assert (await read(client, p, soon))["version"] == etag
    events_before = await count(db, Event)

    assert await expiry.remind_expiring(db) == 0

    assert await count(db, Event) == events_before
    assert len(await events(db, soon, "registration.expiring")) == 1


async def ask_and_grant(
    client: httpx.AsyncClient, p: Parties, registration_id: str, *, asked: int, granted: int
) -> dict[str, Any]:
    """The rep asks for `asked` more days through the API; the vendor grants `granted`."""
    url = f"{REGISTRATIONS}/{registration_id}/extensions"
    version = (await read(client, p, registration_id))["version"]
    asking = await client.post(
        url,
        json={"days": asked, "reason": "procurement is slow"},
        headers=p.partner.rep | if_match(version),
    )
    assert asking.status_code == 201, asking.text
    extension_id = asking.json()["extension"]["id"]
    version = asking.json()["registration"]["version"]
    decision = await client.post(
        f"{url}/{extension_id}/decision",
        json={"decision": "grant", "days": granted},
        headers=p.vendor.approver | if_match(version),
    )
    assert decision.status_code == 200, decision.text
    registration: dict[str, Any] = decision.json()["registration"]
    return registration


async def test_an_extension_starts_a_new_protection_period_with_its_own_reminder(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory, extension_days=30, max_extensions=2)
    now = await database_now(db)
    short, long = await register(client, p), await register(client, p)
    for registration_id in (short, long):
        await approve(db, registration_id, days=90, at=now - timedelta(days=80))
    assert await expiry.remind_expiring(db) == 2
    first = instant((await read(client, p, short))["expires_at"])

    # Two more days: still within 14 days of the end, which is a new end to announce.
    extended = await ask_and_grant(client, p, short, asked=30, granted=2)
    assert instant(extended["expires_at"]) == first + timedelta(days=2)
    # Thirty more days: the end is far again, nothing to announce yet.
    await ask_and_grant(client, p, long, asked=30, granted=30)

    assert await expiry.remind_expiring(db) == 1

    reminders = await events(db, short, "registration.expiring")
    assert [instant(e.data["expires_at"]) for e in reminders] == [
        first,
        first + timedelta(days=2),
    ]
    assert len(await events(db, long, "registration.expiring")) == 1
    assert await expiry.remind_expiring(db) == 0


async def ask_while_protected_then_lapse(
    client: httpx.AsyncClient, db: AsyncSession, p: Parties
) -> tuple[str, dict[str, Any]]:
    """A registration whose rep asked for an extension that was still undecided when its
    protection ran out (the sweep has not run yet): its id and the extension request."""
    registration_id = await register(client, p)
    registration = await approve(db, registration_id)
    asking = await client.post(
        f"{REGISTRATIONS}/{registration_id}/extensions",
        json={"days": 30, "reason": "budget freeze"},
        headers=p.partner.rep | if_match(registration.version),
    )
    assert asking.status_code == 201, asking.text
    await db.refresh(registration)  # the request changed it through the API's session
    registration.expires_at = await database_now(db) - timedelta(minutes=1)
    await db.flush()
    extension: dict[str, Any] = asking.json()["extension"]
    return registration_id, extension


async def test_an_extension_undecided_when_protection_lapses_is_refused_with_the_expiry(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    registration_id, extension = await ask_while_protected_then_lapse(client, db, p)

    assert await expiry.expire_lapsed(db) == 1

    expired = await read(client, p, registration_id)
    assert (expired["status"], expired["extension_pending"]) == ("expired", False)
    listed = await client.get(
        f"{REGISTRATIONS}/{registration_id}/extensions", headers=p.partner.rep
    )
    [refused] = listed.json()["items"]
    assert (refused["id"], refused["status"]) == (extension["id"], "refused")
    assert refused["decision_reason"] == "protection lapsed before a decision"


async def test_a_vendor_cannot_grant_an_extension_once_protection_has_lapsed(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    registration_id, extension = await ask_while_protected_then_lapse(client, db, p)
    version = (await read(client, p, registration_id))["version"]

    decision = await client.post(
        f"{REGISTRATIONS}/{registration_id}/extensions/{extension['id']}/decision",
        json={"decision": "grant"},
        headers=p.vendor.approver | if_match(version),
    )

    assert_problem(decision, 409, "extension-not-allowed")
    assert (await read(client, p, registration_id))["version"] == version


# --- the job -----------------------------------------------------------------------------------


async def test_the_expiry_job_expires_the_lapsed_and_announces_the_expiring(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    p = await parties(factory)
    now = await database_now(db)
    lapsed, expiring, protected = [await register(client, p) for _ in range(3)]
    await approve(db, lapsed, days=30, at=now - timedelta(days=40))
    await approve(db, expiring, days=30, at=now - timedelta(days=25))
    await approve(db, protected, days=90, at=now)

    await load_all_jobs()[EXPIRE].fn(db)

    assert (await read(client, p, lapsed))["status"] == "expired"
    assert len(await events(db, lapsed, "registration.expired")) == 1
    # Expired first, so a lapsed registration is not also announced as about to lapse.
    assert await events(db, lapsed, "registration.expiring") == []
    assert (await read(client, p, expiring))["status"] == "approved"
    assert len(await events(db, expiring, "registration.expiring")) == 1
    assert (await read(client, p, protected))["status"] == "approved"
    assert await events(db, protected, "registration.expiring") == []
    written = (await count(db, RegistrationHistory), await count(db, Event))

    await REGISTRY[EXPIRE].fn(db)

    assert (await count(db, RegistrationHistory), await count(db, Event)) == written


def test_the_expiry_job_is_registered_and_scheduled_at_least_daily() -> None:
    jobs = load_all_jobs()
    assert EXPIRE in jobs
    [periodic] = [p for p in SCHEDULE if p.job == EXPIRE]
    assert periodic.every <= timedelta(days=1)


# --- end to end --------------------------------------------------------------------------------


@pytest.fixture
def broker(committing_engine: AsyncEngine) -> StubBroker:
    """An in-memory broker with the actors of every job, running against the committing
    database."""
    broker = make_broker(None)
    assert isinstance(broker, StubBroker)
    sessions = LoopSessions(committing_engine.url.render_as_string(hide_password=False))
    declare_actors(broker, load_all_jobs(), sessions)
    return broker


async def drain(broker: StubBroker) -> None:
    """Run every queued message to completion on a real Dramatiq worker."""
    worker = dramatiq.Worker(broker, worker_threads=1)
    worker.start()
    try:
        await asyncio.to_thread(broker.join, REGISTRY[EXPIRE].queue, fail_fast=True)
        await asyncio.to_thread(worker.join)
    finally:
        worker.stop()


async def test_the_scheduled_expiry_runs_through_outbox_relay_and_actor(
    committing_client: httpx.AsyncClient,
    committing_engine: AsyncEngine,
    committed: Factory,
    broker: StubBroker,
) -> None:
    vendor = await vendor_setup(committed)
    partner = await partner_setup(committed, vendor)
    await committed.db.commit()
    p = Parties(vendor, partner)
    lapsed, expiring, protected = [await register(committing_client, p) for _ in range(3)]
    now = datetime.now(UTC)
    await approve(committed.db, lapsed, days=30, at=now - timedelta(days=31))
    await approve(committed.db, expiring, days=30, at=now - timedelta(days=25))
    await approve(committed.db, protected, days=90, at=now)
    await committed.db.commit()
    sessionmaker = make_sessionmaker(committing_engine)

    # The scheduler's tick enqueues the sweep through the outbox; nothing runs before the relay.
    expiry = [periodic for periodic in SCHEDULE if periodic.job == EXPIRE]
    assert await enqueue_due(committing_engine, expiry) == [EXPIRE]
    assert (await read(committing_client, p, lapsed))["status"] == "approved"
    assert await Relay(sessionmaker, broker).once() == 1
    await drain(broker)

    assert (await read(committing_client, p, lapsed))["status"] == "expired"
    assert (await read(committing_client, p, protected))["status"] == "approved"
    last = (await history(committing_client, p, lapsed))[-1]
    assert (last["action"], last["actor_id"]) == ("expired", None)
    async with sessionmaker() as session:
        assert len(await events(session, lapsed, "registration.expired")) == 1
        assert len(await events(session, expiring, "registration.expiring")) == 1
        runs = await session.scalar(select(func.count()).select_from(JobRun))
        written = (await count(session, RegistrationHistory), await count(session, Event))
    assert runs == 1

    # Another run of the job (the next slot, or a retry) finds nothing left to do.
    async with transaction(sessionmaker) as session:
        await enqueue(session, REGISTRY[EXPIRE])
    assert await Relay(sessionmaker, broker).once() == 1
    await drain(broker)

    async with sessionmaker() as session:
        assert (await count(session, RegistrationHistory), await count(session, Event)) == written
        assert await session.scalar(select(func.count()).select_from(JobRun)) == 2
    assert (await read(committing_client, p, lapsed))["status"] == "expired"
