"""The committed Python client against the app: an idempotency key is an argument of the one call
it belongs to, never a setting of the client that later calls would carry."""

import uuid

import httpx
from dealreg_client import AuthenticatedClient
from dealreg_client.api.approvals import registration_approve
from dealreg_client.models import Approval, RegistrationOut, StaleVersionProblem
from litestar import Litestar

from tests.api.test_approvals import register, scene_of
from tests.factories import Factory


async def test_a_key_goes_with_one_call_and_not_with_the_next(
    client: httpx.AsyncClient, app: Litestar, factory: Factory
) -> None:
    """The issue's CRM sent a key through `with_headers`, which kept it on the shared httpx
    client: the next, unrelated approve was answered with the first one's replay (200) instead
    of its own 412. With the key an argument, the next call sends none and gets its own answer,
    while a retry with the key still gets the replay."""
    scene = await scene_of(factory)
    first_id = await register(client, scene.partner.rep, scene.vendor)
    second_id = await register(client, scene.partner.rep, scene.vendor)
    sent: list[str | None] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request.headers.get("Idempotency-Key"))

    key = str(uuid.uuid4())
    token = scene.approver["Authorization"].removeprefix("Bearer ")
    async with AuthenticatedClient(
        base_url="http://testserver",
        token=token,
        httpx_args={
            "transport": httpx.ASGITransport(app=app),
            "event_hooks": {"request": [record]},
        },
    ) as api:
        first = await registration_approve.asyncio_detailed(
            uuid.UUID(first_id), client=api, body=Approval(), if_match='"1"', idempotency_key=key
        )
        # Unrelated, and made against a version the registration is not at.
        second = await registration_approve.asyncio_detailed(
            uuid.UUID(second_id), client=api, body=Approval(), if_match='"7"'
        )
        retried = await registration_approve.asyncio_detailed(
            uuid.UUID(first_id), client=api, body=Approval(), if_match='"1"', idempotency_key=key
        )

    assert sent == [key, None, key]
    assert first.status_code == 200
    assert isinstance(first.parsed, RegistrationOut)
    assert first.parsed.id == uuid.UUID(first_id)
    assert second.status_code == 412
    assert isinstance(second.parsed, StaleVersionProblem)
    assert "Idempotent-Replayed" not in second.headers
    assert retried.status_code == 200
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert retried.content == first.content
