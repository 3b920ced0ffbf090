"""Webhook deliveries end to end through the service and its jobs: a vendor's decision becomes an
event, the dispatcher a delivery, and the deliver job a POST to a receiver on 127.0.0.1 that the
reference verifier (the `standardwebhooks` package) accepts; failures are retried on the
schedule, a run of them disables the endpoint, and each organization gets only its own events."""

import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jsonschema_rs
import pytest
from prometheus_client import REGISTRY
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from dealreg.events.models import Event
from dealreg.openapi import render_openapi
from dealreg.orgs.models import Role
from dealreg.outbox.models import OutboxMessage
from dealreg.webhook_payloads import resource_for
from dealreg.webhooks import service, tasks
from dealreg.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.scheduler import SCHEDULE
from tests.deals import REGISTRATIONS, deal_body, line, partner_setup, submit, vendor_setup
from tests.factories import Factory
from tests.problems import if_match
from tests.servers import free_port
from tests.webhooks.receiver import Receiver

ENDPOINTS = "/v1/webhook-endpoints"
Json = dict[str, Any]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def loopback_sender() -> Iterator[None]:
    """Deliveries to 127.0.0.1 are allowed here, as DEALREG_WEBHOOKS_ALLOW_PRIVATE allows."""
    before = tasks.sender()
    tasks.configure(tasks.Sender(allow_private=True, timeout_seconds=5))
    yield
    tasks.configure(before)


async def endpoint_for(
    client: httpx.AsyncClient, headers: dict[str, str], url: str, **body: Any
) -> Json:
    response = await client.post(ENDPOINTS, json={"url": url} | body, headers=headers)
    assert response.status_code == 201, response.text
    created: Json = response.json()
    return created


async def run_deliveries(
    db: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> list[uuid.UUID]:
    """The dispatcher's pass, then each attempt it enqueued, as the worker would run them."""
    await db.flush()
    done = await tasks.dispatch(db, resource_for)
    await db.flush()
    for delivery_id in done.deliveries:
        assert done.lease is not None
        await attempt(sessionmaker, delivery_id, done.lease)
    db.expunge_all()
    return done.deliveries


async def attempt(
    sessionmaker: async_sessionmaker[AsyncSession], delivery_id: uuid.UUID, lease: datetime
) -> None:
    """The deliver job, as a worker runs it for a message enqueued under `lease`."""
    await tasks.deliver.fn(sessionmaker, delivery_id=str(delivery_id), lease=lease.isoformat())


async def approved_registration(client: httpx.AsyncClient, factory: Factory) -> Any:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    deal = await submit(client, partner.rep, deal_body(line(vendor)))
    (registration,) = deal["registrations"]
    return vendor, partner, registration


async def approve(client: httpx.AsyncClient, headers: dict[str, str], registration: Json) -> None:
    url = f"{REGISTRATIONS}/{registration['id']}"
    current = await client.get(url, headers=headers)
    response = await client.post(
        f"{url}/approve", json={}, headers=headers | if_match(current.json()["version"])
    )
    assert response.status_code == 200, response.text


async def approval_for(
    client: httpx.AsyncClient, factory: Factory, url: str
) -> tuple[dict[str, str], Json, Json]:
    """A vendor with an endpoint at `url` for its approvals, and a registration it approved:
    the vendor admin's headers, the endpoint (with its secret) and the registration."""
    vendor, _, registration = await approved_registration(client, factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    endpoint = await endpoint_for(client, admin, url, event_types=["registration.approved"])
    await approve(client, vendor.approver, registration)
    return admin, endpoint, registration


async def test_a_decision_reaches_the_vendors_receiver_signed_as_the_standard_says(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    admin, endpoint, registration = await approval_for(client, factory, receiver.url)
    assert endpoint["secret"].startswith("whsec_")

    (delivery_id,) = await run_deliveries(db, sessionmaker)

    (received,) = receiver.received
    assert received.path == "/hooks/dealreg"
    body = Webhook(endpoint["secret"]).verify(received.body, received.headers)
    assert body["type"] == "registration.approved"
    assert body["subject_id"] == body["data"]["id"] == registration["id"]
    assert body["data"]["status"] == "approved"
    assert body["details"]["status"] == "approved"
    assert received.headers["webhook-id"] == f"msg_{uuid.UUID(body['id']).hex}"
    delivery = await db.get_one(WebhookDelivery, delivery_id)
    assert delivery.status is DeliveryStatus.delivered
    assert delivery.attempts == 1
    log = await client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries", headers=admin)
    (logged,) = log.json()["items"]
    assert (logged["status"], logged["last_status_code"]) == ("delivered", 200)
    detail = await client.get(
        f"{ENDPOINTS}/{endpoint['id']}/deliveries/{delivery_id}", headers=admin
    )
    assert [a["status_code"] for a in detail.json()["attempts_made"]] == [200]


async def test_a_tampered_body_or_an_old_timestamp_is_refused_by_the_reference_verifier(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    vendor, _, registration = await approved_registration(client, factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    endpoint = await endpoint_for(client, admin, receiver.url)
    await approve(client, vendor.approver, registration)
    await run_deliveries(db, sessionmaker)
    received = receiver.received[-1]
    verifier = Webhook(endpoint["secret"])
    verifier.verify(received.body, received.headers)

    tampered = received.body.replace(b"registration", b"registratiom", 1)
    with pytest.raises(WebhookVerificationError):
        verifier.verify(tampered, received.headers)
    old = received.headers | {
        "webhook-timestamp": str(int(received.headers["webhook-timestamp"]) - 600)
    }
    with pytest.raises(WebhookVerificationError):
        verifier.verify(received.body, old)
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 43 + "=").verify(received.body, received.headers)


async def test_a_receiver_that_fails_is_retried_on_the_schedule_until_it_takes_the_event(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    receiver.status = 503
    admin, endpoint, _ = await approval_for(client, factory, receiver.url)
    attempts_before = {outcome: _attempts(outcome) for outcome in ("pending", "delivered")}
    (delivery_id,) = await run_deliveries(db, sessionmaker)
    delivery = await db.get_one(WebhookDelivery, delivery_id)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        DeliveryStatus.pending,
        1,
        503,
    )
    assert delivery.next_attempt_at is not None
    assert delivery.last_attempt_at is not None
    wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert service.RETRY_DELAYS[0] * 0.8 <= wait <= service.RETRY_DELAYS[0] * 1.2
    # Not due yet: the sweep leaves it.
    assert await service.due(db, delivery.last_attempt_at) == []
    await db.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id)
        # The database's clock, as the sweep reads it: the test's transaction began a while ago.
        .values(next_attempt_at=func.now() - timedelta(seconds=1))
    )
    receiver.status = 200
    await load_all_jobs()["webhooks.retry"].fn(db)
    await db.flush()
    queued = [
        payload
        for payload in await db.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.job == "webhooks.deliver")
        )
        if payload["delivery_id"] == str(delivery_id)
    ]
    # The first attempt's message and the retry's, each under a lease of its own.
    assert len(queued) == 2
    # Leased by the sweep: the next sweep leaves it to the message it enqueued.
    await load_all_jobs()["webhooks.retry"].fn(db)
    await db.flush()
    again = await db.scalars(
        select(OutboxMessage.payload).where(OutboxMessage.job == "webhooks.deliver")
    )
    assert [p for p in again if p["delivery_id"] == str(delivery_id)] == queued
    await attempt(sessionmaker, delivery_id, datetime.fromisoformat(queued[-1]["lease"]))
    db.expunge_all()
    delivered = await db.get_one(WebhookDelivery, delivery_id)
    assert (delivered.status, delivered.attempts) == (DeliveryStatus.delivered, 2)
    assert [r.headers["webhook-id"] for r in receiver.received][-2:] == [
        receiver.received[-2].headers["webhook-id"]
    ] * 2
    codes = await db.scalars(
        select(WebhookAttempt.status_code)
        .where(WebhookAttempt.delivery_id == delivery_id)
        .order_by(WebhookAttempt.at)
    )
    assert list(codes) == [503, 200]
    log = await client.get(f"{ENDPOINTS}/{endpoint['id']}/deliveries", headers=admin)
    assert [d["attempts"] for d in log.json()["items"]] == [2]
    # Each attempt is counted by what became of its delivery.
    counted = {outcome: _attempts(outcome) - n for outcome, n in attempts_before.items()}
    assert counted == {"pending": 1, "delivered": 1}


def _attempts(outcome: str) -> float:
    return REGISTRY.get_sample_value("dealreg_webhook_attempts_total", {"outcome": outcome}) or 0.0


async def test_an_unreachable_receiver_is_an_attempt_that_failed_not_an_error(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
) -> None:
    await approval_for(client, factory, f"http://127.0.0.1:{free_port()}/nobody-home")
    (delivery_id,) = await run_deliveries(db, sessionmaker)
    delivery = await db.get_one(WebhookDelivery, delivery_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.last_status_code is None
    assert delivery.last_error is not None
    assert "Connect" in delivery.last_error


def test_the_schedule_spans_about_three_days_and_then_gives_up() -> None:
    rng = random.Random(7)  # noqa: S311 - jitter, not secrecy
    now = datetime(2026, 1, 5, tzinfo=UTC)
    total = timedelta(0)
    for attempts in range(1, len(service.RETRY_DELAYS) + 1):
        following = service.next_attempt(attempts, now, rng)
        assert following is not None
        delay = following - now
        nominal = service.RETRY_DELAYS[attempts - 1]
        assert nominal * 0.8 <= delay <= nominal * 1.2
        total += nominal
    assert timedelta(days=2.5) <= total <= timedelta(days=3.5)
    assert service.next_attempt(len(service.RETRY_DELAYS) + 1, now, rng) is None


async def test_failing_for_days_disables_the_endpoint_and_tells_its_organization(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    """A burst of failures does not disable an endpoint; failing for longer than the whole retry
    schedule does. What was pending then waits, and goes out again once it is enabled."""
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    endpoint = await endpoint_for(
        client, admin, receiver.url, event_types=["registration.submitted"]
    )
    url = f"{ENDPOINTS}/{endpoint['id']}"
    receiver.status = 500
    for _ in range(3):
        await submit(client, partner.rep, deal_body(line(vendor)))
    await run_deliveries(db, sessionmaker)
    burst = (await client.get(url, headers=admin)).json()
    assert burst["enabled"] is True
    assert burst["failing_since"] is not None

    await db.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == uuid.UUID(endpoint["id"]))
        .values(failing_since=datetime.now(UTC) - service.DISABLE_AFTER - timedelta(hours=1))
    )
    await submit(client, partner.rep, deal_body(line(vendor)))
    await run_deliveries(db, sessionmaker)
    disabled = (await client.get(url, headers=admin)).json()
    assert disabled["enabled"] is False
    assert "every attempt failed since" in disabled["disabled_reason"]
    (event,) = (
        await db.scalars(
            select(Event).where(
                Event.type == "webhook_endpoint.disabled",
                Event.subject_id == uuid.UUID(endpoint["id"]),
            )
        )
    ).all()
    assert event.vendor_id == vendor.vendor.id
    # Nothing new is dispatched to it, and its pending deliveries wait rather than fail.
    await submit(client, partner.rep, deal_body(line(vendor)))
    assert await run_deliveries(db, sessionmaker) == []
    statuses = await db.scalars(
        select(WebhookDelivery.status).where(
            WebhookDelivery.endpoint_id == uuid.UUID(endpoint["id"])
        )
    )
    assert set(statuses) == {DeliveryStatus.pending}
    later = datetime.now(UTC) + timedelta(days=1)
    assert await service.due(db, later) == []
    enabled = await client.patch(
        url, json={"enabled": True}, headers=admin | if_match(disabled["version"])
    )
    assert enabled.status_code == 200, enabled.text
    assert (enabled.json()["enabled"], enabled.json()["failing_since"]) == (True, None)
    assert len(await service.due(db, later)) == 4


async def test_an_attempt_whose_lease_was_taken_over_records_nothing_but_its_log(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    await approval_for(client, factory, receiver.url)
    await db.flush()
    done = await tasks.dispatch(db, resource_for)
    (delivery_id,) = done.deliveries
    assert done.lease is not None
    now = datetime.now(UTC)
    claimed = await service.claim(db, delivery_id, done.lease, now)
    assert claimed is not None
    # Another message under the same lease finds it taken.
    assert await service.claim(db, delivery_id, done.lease, now) is None
    # The lease runs out (a worker died): the sweep takes the delivery again, under a new one.
    later = claimed.token + timedelta(seconds=1)
    [(_, lease)] = await service.due(db, later)
    second = await service.claim(db, delivery_id, lease, later)
    assert second is not None
    ok = service.Outcome(200, None, 5, "thanks")
    late = service.Outcome(503, "the receiver answered 503", 9, "not now")
    await service.record_attempt(db, second, ok, later)
    await service.record_attempt(db, claimed, late, later + timedelta(seconds=1))
    delivery = await db.get_one(WebhookDelivery, delivery_id)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.delivered, 1)
    codes = await db.scalars(
        select(WebhookAttempt.status_code).where(WebhookAttempt.delivery_id == delivery_id)
    )
    assert sorted(codes) == [200, 503]


async def test_each_organization_gets_its_own_events_only_as_it_reads_them(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    vendor, partner, registration = await approved_registration(client, factory)
    other_vendor = await vendor_setup(factory)
    vendor_admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    other_admin = await factory.headers_for(other_vendor.vendor, Role.vendor_admin)
    await endpoint_for(client, vendor_admin, receiver.url + "?for=vendor")
    await endpoint_for(client, partner.admin, receiver.url + "?for=partner")
    await endpoint_for(client, other_admin, receiver.url + "?for=other")
    await approve(client, vendor.approver, registration)
    # A held lead: its creation is the vendor's alone.
    held = await client.post(
        "/v1/leads",
        json={
            "partner_id": str(partner.partner.id),
            "customer": {"legal_name": "Prospect AB", "country": "SE"},
            "contact": {"name": "Robin Prospect"},
            "forward": False,
        },
        headers=vendor.approver,
    )
    assert held.status_code == 201, held.text
    await run_deliveries(db, sessionmaker)
    by_receiver: dict[str, list[str]] = {}
    for received in receiver.received:
        by_receiver.setdefault(received.path.split("=")[1], []).append(
            json.loads(received.body)["type"]
        )
    assert "other" not in by_receiver
    assert "registration.approved" in by_receiver["vendor"]
    assert "registration.approved" in by_receiver["partner"]
    # What is the vendor's alone never reaches the partner.
    vendor_only = set(
        await db.scalars(
            select(Event.type).where(
                Event.vendor_id == vendor.vendor.id, Event.partner_id.is_(None)
            )
        )
    )
    assert "lead.created" in vendor_only
    assert "lead.created" in by_receiver["vendor"]
    assert not vendor_only & set(by_receiver["partner"])
    (created,) = (
        json.loads(r.body)
        for r in receiver.received
        if json.loads(r.body)["type"] == "lead.created"
    )
    lead = await client.get(f"/v1/leads/{held.json()['id']}", headers=vendor_admin)
    assert created["data"] == lead.json()

    # Each gets the registration as its own admin reads it: the partner never learns which
    # other partners claim the same customer (the vendor's conflicts).
    approved = {
        received.path.split("=")[1]: json.loads(received.body)
        for received in receiver.received
        if json.loads(received.body)["type"] == "registration.approved"
    }
    url = f"{REGISTRATIONS}/{registration['id']}"
    assert approved["vendor"]["data"] == (await client.get(url, headers=vendor_admin)).json()
    assert approved["partner"]["data"] == (await client.get(url, headers=partner.admin)).json()
    assert "conflicts" in approved["vendor"]["data"]
    assert "conflicts" not in approved["partner"]["data"]
    assert approved["vendor"]["details"] == approved["partner"]["details"]


async def test_the_partners_webhook_never_names_the_vendors_approver(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    vendor, partner, registration = await approved_registration(client, factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    approver = await factory.user(vendor.vendor, Role.vendor_approver)
    types = ["registration.review_started"]
    await endpoint_for(client, admin, receiver.url + "?for=vendor", event_types=types)
    await endpoint_for(client, partner.admin, receiver.url + "?for=partner", event_types=types)
    assigned = await client.post(
        f"{REGISTRATIONS}/{registration['id']}/assign",
        json={"approver_id": str(approver.id)},
        headers=admin | if_match(registration["version"]),
    )
    assert assigned.status_code == 200, assigned.text

    await run_deliveries(db, sessionmaker)
    sent = {r.path.split("=")[1]: json.loads(r.body) for r in receiver.received}
    assert sent["vendor"]["data"]["approver_id"] == str(approver.id)
    assert sent["vendor"]["details"]["approver_id"] == str(approver.id)
    assert sent["partner"]["data"]["approver_id"] is None
    assert "approver_id" not in sent["partner"]["details"]
    assert sent["partner"]["details"]["status"] == "in_review"


async def test_a_resource_that_cannot_be_read_does_not_hold_back_the_webhooks(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    _, endpoint, registration = await approval_for(client, factory, receiver.url)
    await db.flush()

    async def broken(session: AsyncSession, org: Any, event: Event) -> Any:
        # A read that fails in the database: the worst kind, since it aborts the transaction.
        return await session.scalar(select(func.sqrt(-1)))

    done = await tasks.dispatch(db, broken)
    (delivery_id,) = done.deliveries
    assert done.lease is not None
    await attempt(sessionmaker, delivery_id, done.lease)
    (received,) = receiver.received
    body = Webhook(endpoint["secret"]).verify(received.body, received.headers)
    assert (body["subject_id"], body["data"]) == (registration["id"], None)
    # The pass moved on: the next one has nothing left to dispatch.
    assert (await tasks.dispatch(db, resource_for)).events == 0


async def test_a_replay_delivers_the_event_again(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    admin, endpoint, _ = await approval_for(client, factory, receiver.url)
    (delivery_id,) = await run_deliveries(db, sessionmaker)
    response = await client.post(
        f"{ENDPOINTS}/{endpoint['id']}/deliveries/{delivery_id}/replay", headers=admin
    )
    assert response.status_code == 202, response.text
    await attempt(
        sessionmaker, delivery_id, datetime.fromisoformat(response.json()["next_attempt_at"])
    )
    assert len(receiver.received) == 2
    assert receiver.received[0].body == receiver.received[1].body
    db.expunge_all()
    assert (await db.get_one(WebhookDelivery, delivery_id)).attempts == 2


def test_the_retry_sweep_is_scheduled_often() -> None:
    (periodic,) = [p for p in SCHEDULE if p.job == "webhooks.retry"]
    assert periodic.every <= service.RETRY_DELAYS[0]
    assert "webhooks.deliver" in load_all_jobs()


async def test_events_before_the_endpoint_existed_are_not_sent_to_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    vendor, _, registration = await approved_registration(client, factory)
    await approve(client, vendor.approver, registration)
    await run_deliveries(db, sessionmaker)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    await endpoint_for(client, admin, receiver.url)
    assert await run_deliveries(db, sessionmaker) == []
    assert receiver.received == []


async def test_a_wildcard_endpoint_gets_its_resources_events_as_the_document_describes_them(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    vendor, _, registration = await approved_registration(client, factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    endpoint = await endpoint_for(client, admin, receiver.url, event_types=["registration.*"])
    await approve(client, vendor.approver, registration)

    await run_deliveries(db, sessionmaker)

    document = json.loads(render_openapi())
    bodies = [
        Webhook(endpoint["secret"]).verify(received.body, received.headers)
        for received in receiver.received
    ]
    assert "registration.approved" in [body["type"] for body in bodies]
    assert all(body["type"].startswith("registration.") for body in bodies)
    for body in bodies:
        post = document["webhooks"][body["type"]]["post"]
        schema = post["requestBody"]["content"]["application/json"]["schema"]
        validator = jsonschema_rs.validator_for({"components": document["components"], **schema})
        assert validator.is_valid(body), list(validator.iter_errors(body))[:3]
