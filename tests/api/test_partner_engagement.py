"""Partner engagement through the API: the vendor's rubric (defaults, If-Match, who may set it),
engagements posted in batches (de-duplicated by source id, checked whole, only for an enrolled
partner), the score they make, and the call task, event and feed entry of a crossing. A partner
sees none of it; another vendor finds none of it."""

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask, PartnerEngagement, PartnerEngagementPolicy
from dealreg.events.models import Event
from dealreg.orgs.models import Role
from tests.api.test_api_clients import bearer_of, register
from tests.engagement.helpers import (
    POLICY,
    Scene,
    engagement,
    make_scene,
    post_engagements,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

DEFAULTS = {
    "email_open": 1,
    "key_page_visit": 3,
    "email_click": 5,
    "webinar": 10,
    "trade_show": 10,
}


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await make_scene(factory)


# --- the rubric --------------------------------------------------------------------------------


async def test_the_rubric_starts_at_the_defaults_and_changes_under_if_match(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    url = POLICY.format(scene.vendor.id)
    read = await client.get(url, headers=scene.approver_headers)
    assert read.status_code == 200, read.text
    assert read.headers["etag"] == '"0"'
    assert read.json() | {"vendor_id": None} == {
        "vendor_id": None,
        "stored": False,
        "version": 0,
        "points": DEFAULTS,
        "decay_days": 90,
        "threshold": 30,
        "share_score_with_partners": False,
    }
    assert (
        await client.get(url, headers=scene.approver_headers | {"If-None-Match": '"0"'})
    ).status_code == 304

    created = await client.put(
        url, json={"points": {"email_open": 2}, "threshold": 12}, headers=scene.admin_headers
    )
    assert created.status_code == 200, created.text
    assert created.headers["etag"] == '"1"'
    assert created.json()["points"] == DEFAULTS | {"email_open": 2}
    assert (created.json()["decay_days"], created.json()["threshold"]) == (90, 12)

    missing = await client.put(url, json={"decay_days": 30}, headers=scene.admin_headers)
    assert_problem(missing, 428, "precondition-required")
    stale = await client.put(
        url, json={"decay_days": 30}, headers=scene.admin_headers | if_match(0)
    )
    assert_problem(stale, 412, "stale-version")
    changed = await client.put(
        url, json={"decay_days": 30}, headers=scene.admin_headers | if_match(1)
    )
    assert changed.status_code == 200, changed.text
    # A PUT sets the whole rubric: what it leaves out is back at the defaults.
    assert changed.json() | {"vendor_id": None} == {
        "vendor_id": None,
        "stored": True,
        "version": 2,
        "points": DEFAULTS,
        "decay_days": 30,
        "threshold": 30,
        "share_score_with_partners": False,
    }
    row = (await db.scalars(select(PartnerEngagementPolicy))).one()
    assert (row.decay_days, row.threshold, row.points) == (30, 30, DEFAULTS)


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"points": {"webinar": -1}}, "/points/webinar"),
        ({"points": {"podcast": 3}}, "/points"),
        ({"decay_days": 0}, "/decay_days"),
        ({"threshold": 0}, "/threshold"),
        ({"threshold": 5, "tier": "gold"}, "/tier"),
        ({"share_score_with_partners": "yes"}, "/share_score_with_partners"),
    ],
)
async def test_a_bad_rubric_is_refused_with_a_pointer_and_nothing_stored(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, body: dict[str, object], pointer: str
) -> None:
    refused = await client.put(
        POLICY.format(scene.vendor.id), json=body, headers=scene.admin_headers
    )
    problem = assert_problem(refused, 422)
    assert any(p.startswith(pointer) for p in (e.get("pointer", "") for e in problem["errors"])), (
        problem
    )
    assert await count_rows(db, PartnerEngagementPolicy) == 0


async def test_only_the_vendors_admin_sets_the_rubric_and_only_its_own(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession, scene: Scene
) -> None:
    url = POLICY.format(scene.vendor.id)
    # An approver's token has no programs:write; a partner's no engagements:read.
    assert_problem(await client.put(url, json={}, headers=scene.approver_headers), 403)
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    assert_problem(await client.get(url, headers=partner_admin), 403)
    other = await make_scene(factory)
    assert_problem(await client.get(url, headers=other.admin_headers), 404)
    assert_problem(await client.put(url, json={}, headers=other.admin_headers), 404)
    assert await count_rows(db, PartnerEngagementPolicy) == 0


# --- engagements and the score -----------------------------------------------------------------


async def test_a_batch_counts_each_source_id_once_and_answers_the_score(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    first = await post_engagements(
        client,
        scene,
        engagement("email_open", source_id="m-1", contact_email="ana@partner.example"),
        engagement("email_click", source_id="m-2", campaign="Q1 launch"),
        # The same id twice in one batch counts once.
        engagement("email_click", source_id="m-2"),
        engagement("key_page_visit"),
    )
    assert first.status_code == 200, first.text
    assert first.json() == {
        "accepted": 3,
        "duplicates": 1,
        "score": 1 + 5 + 3,
        "threshold": 30,
        "above_threshold": False,
        "call_task_id": None,
    }
    again = await post_engagements(
        client, scene, engagement("email_open", source_id="m-1"), engagement("webinar")
    )
    assert again.json()["accepted"] == 1
    assert again.json()["duplicates"] == 1
    assert again.json()["score"] == 9 + 10
    stored = (await db.scalars(select(PartnerEngagement).order_by(PartnerEngagement.points))).all()
    assert [(e.type, e.points, e.source_id) for e in stored] == [
        ("email_open", 1, "m-1"),
        ("key_page_visit", 3, None),
        ("email_click", 5, "m-2"),
        ("webinar", 10, None),
    ]
    assert stored[0].contact_email == "ana@partner.example"
    assert stored[2].campaign == "Q1 launch"
    assert {e.recorded_by for e in stored} == {scene.admin.id}

    score = await client.get(
        f"/v1/partners/{scene.partner.id}/engagement", headers=scene.approver_headers
    )
    assert score.status_code == 200, score.text
    assert (score.json()["score"], score.json()["open_task_ids"]) == (19, [])


async def test_points_outside_the_decay_window_do_not_count(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await post_engagements(
        client,
        scene,
        engagement("trade_show", ago=timedelta(days=91)),
        engagement("webinar", ago=timedelta(days=89)),
        engagement("email_click", ago=timedelta(days=400)),
    )
    assert response.status_code == 200, response.text
    assert (response.json()["accepted"], response.json()["score"]) == (3, 10)


async def test_crossing_the_threshold_makes_one_task_one_event_for_the_vendor_alone(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    below = await post_engagements(client, scene, engagement(), engagement())
    assert below.json()["call_task_id"] is None
    crossed = await post_engagements(client, scene, engagement("email_open"), engagement())
    assert crossed.status_code == 200, crossed.text
    assert crossed.json()["score"] == 31
    assert crossed.json()["above_threshold"] is True
    task_id = crossed.json()["call_task_id"]
    # Further engagements above the threshold cross nothing.
    above = await post_engagements(client, scene, engagement("trade_show"))
    assert (above.json()["score"], above.json()["call_task_id"]) == (41, None)

    task = (await db.scalars(select(CallTask))).one()
    assert (str(task.id), task.score, task.threshold, task.crossing) == (task_id, 31, 30, 1)
    assert (task.state, task.owner_id) == ("open", None)
    events = (
        await db.scalars(select(Event).where(Event.type == "partner.engagement_threshold_reached"))
    ).all()
    assert [(e.subject_id, e.vendor_id, e.partner_id) for e in events] == [
        (scene.partner.id, scene.vendor.id, None)
    ]
    assert events[0].data == {"task_id": task_id, "score": 31, "threshold": 30, "crossing": 1}

    feed = await client.get(
        "/v1/events", params={"types": "partner.*"}, headers=scene.admin_headers
    )
    assert feed.status_code == 200, feed.text
    assert [e["type"] for e in feed.json()["items"]] == ["partner.engagement_threshold_reached"]
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    partner_feed = await client.get(
        "/v1/events", params={"types": "partner.*"}, headers=partner_admin
    )
    assert partner_feed.json()["items"] == []


async def test_a_partner_never_sees_its_score_and_another_vendor_finds_no_partner(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, scene: Scene
) -> None:
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    score_url = f"/v1/partners/{scene.partner.id}/engagement"
    assert_problem(await client.get(score_url, headers=partner_admin), 403)
    assert_problem(await post_engagements(client, scene, engagement(), headers=partner_admin), 403)
    other = await make_scene(factory)
    assert_problem(await client.get(score_url, headers=other.admin_headers), 404)
    refused = await post_engagements(client, scene, engagement(), headers=other.admin_headers)
    assert_problem(refused, 404)
    # A partner of no partnership with the caller is not found either.
    stranger = await factory.partner()
    assert_problem(await post_engagements(client, scene, engagement(), partner_id=stranger.id), 404)
    assert_problem(
        await post_engagements(client, scene, engagement(), partner_id=uuid.uuid4()), 404
    )
    assert await count_rows(db, PartnerEngagement) == 0


async def test_a_partner_reads_its_own_score_only_while_its_vendor_shares_it(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    posted = await post_engagements(client, scene, engagement(), engagement("email_click"))
    assert posted.json()["score"] == 15
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    partner_rep = await factory.headers_for(scene.partner, Role.partner_rep)
    (ship,) = (await client.get("/v1/partnerships", headers=partner_admin)).json()["items"]
    url = f"/v1/partnerships/{ship['id']}/engagement"
    policy_url = POLICY.format(scene.vendor.id)

    # Not shared, the default: the partner learns nothing, as of a partnership not its own.
    assert (await client.get(policy_url, headers=scene.admin_headers)).json()[
        "share_score_with_partners"
    ] is False
    assert_problem(await client.get(url, headers=partner_admin), 404)
    # Only the vendor's admin shares it.
    refused = await client.put(
        policy_url, json={"share_score_with_partners": True}, headers=scene.approver_headers
    )
    assert_problem(refused, 403)
    assert_problem(await client.get(url, headers=partner_rep), 404)

    shared = await client.put(
        policy_url, json={"share_score_with_partners": True}, headers=scene.admin_headers
    )
    assert shared.status_code == 200, shared.text
    assert (shared.json()["share_score_with_partners"], shared.json()["threshold"]) == (True, 30)
    for headers in (partner_admin, partner_rep):
        seen = await client.get(url, headers=headers)
        assert seen.status_code == 200, seen.text
        body = seen.json()
        # Its score, and nothing of the vendor's: no threshold, no call tasks.
        assert set(body) == {"vendor_id", "partner_id", "as_of", "score", "decay_days"}
        assert (body["vendor_id"], body["partner_id"]) == (
            str(scene.vendor.id),
            str(ship["partner_id"]),
        )
        assert (body["score"], body["decay_days"]) == (15, 90)
    # The vendor's own view stays the vendor's.
    assert_problem(
        await client.get(f"/v1/partners/{scene.partner.id}/engagement", headers=partner_admin),
        403,
    )

    # Another partner of the vendor, another vendor, the vendor itself (it reads
    # /v1/partners/{id}/engagement) and the platform: none of them reads it here.
    stranger = await factory.partner()
    await factory.partnership(stranger, scene.vendor)
    other = await make_scene(factory)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    for headers in (
        await factory.headers_for(stranger, Role.partner_admin),
        other.admin_headers,
        scene.admin_headers,
        ops,
    ):
        assert_problem(await client.get(url, headers=headers), 404)
    unknown = f"/v1/partnerships/{uuid.uuid4()}/engagement"
    assert_problem(await client.get(unknown, headers=partner_admin), 404)

    # Shared no more: the partner sees nothing again.
    unshared = await client.put(
        policy_url,
        json={"share_score_with_partners": False},
        headers=scene.admin_headers | if_match(shared.json()["version"]),
    )
    assert unshared.status_code == 200, unshared.text
    assert_problem(await client.get(url, headers=partner_admin), 404)


async def test_an_approver_may_read_the_score_but_not_post(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    refused = await post_engagements(client, scene, engagement(), headers=scene.approver_headers)
    assert_problem(refused, 403)
    assert await count_rows(db, PartnerEngagement) == 0


async def test_a_marketing_automation_client_posts_with_engagements_write(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    automation = await register(client, scene.admin_headers, name="Marketing automation")
    assert "engagements:write" in automation["scopes"]
    bearer = await bearer_of(client, automation)
    posted = await post_engagements(client, scene, engagement(source_id="ma-1"), headers=bearer)
    assert posted.status_code == 200, posted.text
    assert posted.json()["accepted"] == 1
    row = (await db.scalars(select(PartnerEngagement))).one()
    assert str(row.recorded_by) == automation["id"]

    narrowed = await bearer_of(client, automation, scope="engagements:read")
    assert_problem(await post_engagements(client, scene, engagement(), headers=narrowed), 403)


@pytest.mark.parametrize(
    ("item", "pointer"),
    [
        ({"type": "podcast"}, "/engagements/1/type"),
        ({"occurred_at": "2026-01-01T00:00:00"}, "/engagements/1/occurred_at"),
        ({"contact_email": "not an address"}, "/engagements/1/contact_email"),
        ({"campaign": "x" * 101}, "/engagements/1/campaign"),
        ({"source_id": ""}, "/engagements/1/source_id"),
        ({"points": 50}, "/engagements/1/points"),
    ],
)
async def test_a_bad_engagement_refuses_the_whole_batch(
    client: httpx.AsyncClient,
    db: AsyncSession,
    scene: Scene,
    item: dict[str, object],
    pointer: str,
) -> None:
    refused = await post_engagements(client, scene, engagement(), engagement() | item)
    assert_problem(refused, 422, pointer=pointer)
    assert await count_rows(db, PartnerEngagement) == 0


async def test_engagements_in_the_future_are_refused_each_with_its_pointer(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    refused = await post_engagements(
        client,
        scene,
        engagement(ago=-timedelta(days=1)),
        engagement(),
        engagement(ago=-timedelta(hours=1)),
    )
    problem = assert_problem(refused, 422, pointer="/engagements/0/occurred_at")
    assert [e["pointer"] for e in problem["errors"]] == [
        "/engagements/0/occurred_at",
        "/engagements/2/occurred_at",
    ]
    assert await count_rows(db, PartnerEngagement) == 0


async def test_a_batch_holds_one_to_five_hundred_engagements(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    assert_problem(await post_engagements(client, scene), 422, pointer="/engagements")
    too_many = await post_engagements(
        client, scene, *(engagement("email_open") for _ in range(501))
    )
    assert_problem(too_many, 422, pointer="/engagements")
    assert await count_rows(db, PartnerEngagement) == 0
    full = await post_engagements(
        client, scene, *(engagement("email_open", source_id=f"s-{i}") for i in range(500))
    )
    assert full.status_code == 200, full.text
    assert (full.json()["accepted"], full.json()["score"]) == (500, 500)
    assert full.json()["call_task_id"] is not None


async def test_a_replayed_idempotency_key_answers_as_the_first_post_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    headers = scene.admin_headers | {"Idempotency-Key": f"eng-{uuid.uuid4()}"}
    body = [engagement(), engagement(), engagement()]
    first = await post_engagements(client, scene, *body, headers=headers)
    replay = await post_engagements(client, scene, *body, headers=headers)
    assert first.status_code == replay.status_code == 200, replay.text
    assert replay.json() == first.json()
    assert replay.headers["idempotent-replayed"] == "true"
    assert await count_rows(db, PartnerEngagement) == 3
    assert await count_rows(db, CallTask) == 1
    other_body = await post_engagements(client, scene, engagement("email_open"), headers=headers)
    assert_problem(other_body, 422)
    assert await count_rows(db, PartnerEngagement) == 3
