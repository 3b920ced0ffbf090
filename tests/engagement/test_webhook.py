"""A crossing reaches the vendor's webhook receiver (signed, its `data` the partner's engagement
as the vendor reads it, its `details` the task), and never the partner's."""

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from standardwebhooks.webhooks import Webhook

from dealreg.orgs.models import Role
from dealreg.webhooks import tasks
from tests.engagement.helpers import cross, make_scene
from tests.factories import Factory
from tests.webhooks.receiver import Receiver
from tests.webhooks.test_delivery import endpoint_for, run_deliveries


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def loopback_sender() -> Iterator[None]:
    before = tasks.sender()
    tasks.configure(tasks.Sender(allow_private=True, timeout_seconds=5))
    yield
    tasks.configure(before)


async def test_the_vendor_is_told_by_webhook_and_the_partner_is_not(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    factory: Factory,
    receiver: Receiver,
) -> None:
    scene = await make_scene(factory)
    endpoint = await endpoint_for(
        client, scene.admin_headers, receiver.url, event_types=["partner.*"]
    )
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    await endpoint_for(client, partner_admin, receiver.url, event_types=[])

    task = await cross(client, scene)
    await run_deliveries(db, sessionmaker)

    (received,) = receiver.received
    body = Webhook(endpoint["secret"]).verify(received.body, received.headers)
    assert body["type"] == "partner.engagement_threshold_reached"
    assert body["subject_id"] == str(scene.partner.id)
    assert body["details"] == {"task_id": task["id"], "score": 30, "threshold": 30, "crossing": 1}
    data = body["data"]
    assert (data["partner_id"], data["score"], data["threshold"]) == (str(scene.partner.id), 30, 30)
    assert data["open_task_ids"] == [task["id"]]
