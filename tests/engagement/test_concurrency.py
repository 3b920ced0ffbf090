"""Engagement posts racing for real, on a database where each request commits: the standing's
row lock orders the posts of one vendor and partner, so a crossing of the threshold makes one
call task, one event and one mail job, however many posts would each cross it alone."""

import asyncio

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker
from dealreg.engagement.models import CallTask, PartnerEngagement
from dealreg.events.models import Event
from dealreg.outbox.models import OutboxMessage
from tests.engagement.helpers import engagement, engagements_url, make_scene
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
