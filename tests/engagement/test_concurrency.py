"""Engagement posts racing for real, on a database where each request commits: the standing's
row lock orders the posts of one vendor and partner, so a crossing of the threshold makes one
call task, one event and one mail job, however many posts would each cross it alone. Deals
racing for an offer's last uses: the conditional update that takes a use lets exactly as many
registrations use it as it allows."""

import asyncio
import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker
from dealreg.engagement.models import CallTask, PartnerEngagement, PartnerOffer
from dealreg.events.models import Event
from dealreg.outbox.models import OutboxMessage
from dealreg.registrations.models import Registration
from tests.deals import DEALS, deal_body, line
from tests.engagement.helpers import engagement, engagements_url, make_scene
from tests.engagement.offer_helpers import grant, offer_scene
from tests.factories import Factory


async def _count(engine: AsyncEngine, model: type, *where: object) -> int:
    async with make_sessionmaker(engine)() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.mark.parametrize("webinars_per_post", [3, 1])
async def test_eight_racing_posts_cross_the_threshold_once(
    committing_client: httpx.AsyncClient,
    committing_engine: AsyncEngine,
    committed: Factory,
    webinars_per_post: int,
) -> None:
    scene = await make_scene(committed)
    await committed.db.commit()
    # 3 webinars: every post crosses the threshold of 30 alone; 1: the third post in does.
    body = {"engagements": [engagement() for _ in range(webinars_per_post)]}

    responses = await asyncio.gather(
        *(
            committing_client.post(
                engagements_url(scene.partner.id), json=body, headers=scene.admin_headers
            )
            for _ in range(8)
        )
    )

    assert {r.status_code for r in responses} == {200}, [r.text for r in responses]
    made = [r.json()["call_task_id"] for r in responses if r.json()["call_task_id"]]
    assert len(made) == 1
    # Each post saw the ones before it: the scores are the running totals, in some order.
    assert sorted(r.json()["score"] for r in responses) == [
        10 * webinars_per_post * n for n in range(1, 9)
    ]
    # The post that crossed is the one whose running total first reached 30.
    crossing = next(r.json() for r in responses if r.json()["call_task_id"])
    assert crossing["score"] == 30
    assert await _count(committing_engine, PartnerEngagement) == 8 * webinars_per_post
    assert await _count(committing_engine, CallTask) == 1
    assert (
        await _count(committing_engine, Event, Event.type == "partner.engagement_threshold_reached")
        == 1
    )
    assert (
        await _count(
            committing_engine, OutboxMessage, OutboxMessage.job == "notifications.call_task"
        )
        == 1
    )


async def test_an_offer_for_three_registrations_is_used_by_three_of_eight_racing_deals(
    committing_client: httpx.AsyncClient,
    committing_engine: AsyncEngine,
    committed: Factory,
) -> None:
    scene = await offer_scene(committed)
    await committed.db.commit()
    offer = await grant(committing_client, scene, registrations=3)

    responses = await asyncio.gather(
        *(
            committing_client.post(
                DEALS, json=deal_body(line(scene.vendor)), headers=scene.partner.rep
            )
            for _ in range(8)
        )
    )

    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    used = [r.json()["registrations"][0]["offer_id"] for r in responses]
    assert used.count(offer["id"]) == 3
    assert used.count(None) == 5
    offer_id = uuid.UUID(offer["id"])
    assert await _count(committing_engine, Registration, Registration.offer_id == offer_id) == 3
    async with make_sessionmaker(committing_engine)() as session:
        stored = await session.get_one(PartnerOffer, offer_id)
        assert (stored.registrations_used, stored.registrations_allowed) == (3, 3)
