"""A new call task mailed through a real SMTP server to the vendor's channel team (its active
approvers and admins: the task sits in the team's queue, no owner yet): once per task and
recipient; nobody else of the vendor, nobody of the partner; and nobody for a task closed before
the mail went."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.orgs.models import Role
from tests.engagement.helpers import TASKS, cross, engagement, make_scene, post_engagements
from tests.factories import Factory
from tests.mailbox import SITE, Smtp, link_in, mails_to, run_jobs
from tests.problems import if_match

JOBS = ("notifications.call_task", "mail.send")


async def test_a_crossing_mails_the_channel_team_once(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
) -> None:
    scene = await make_scene(factory)
    await factory.user(scene.vendor, Role.vendor_approver, active=False)
    ops = await factory.user(scene.vendor, Role.channel_ops)
    partner_admin = await factory.user(scene.partner, Role.partner_admin)

    task = await cross(client, scene)
    # Posts above the threshold make no task, so no mail.
    await post_engagements(client, scene, engagement("trade_show"))
    # The job, then a mail to each of the admin and the (active) approver.
    assert await run_jobs(sessionmaker, *JOBS) == 1 + 2
    assert await run_jobs(sessionmaker, *JOBS) == 0

    team = {scene.admin.email, scene.approver.email}
    assert {a for e in to_smtp.inbox.received for a in e.rcpt_tos} == team
    assert mails_to(to_smtp, ops.email) == mails_to(to_smtp, partner_admin.email) == []
    mail = mails_to(to_smtp, scene.approver.email)[0]
    assert str(mail["Subject"]) == (f"Call {scene.partner.name}: engagement score 30 reached 30")
    assert link_in(mail) == f"{SITE}/v1/call-tasks/{task['id']}"


async def test_a_task_closed_before_the_mail_went_is_not_mailed(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
) -> None:
    scene = await make_scene(factory)
    task = await cross(client, scene)
    url = f"{TASKS}/{task['id']}"
    claimed = await client.post(
        f"{url}/claim", json={}, headers=scene.approver_headers | if_match(task["version"])
    )
    logged = await client.post(
        f"{url}/outcome",
        json={"outcome": "reached"},
        headers=scene.approver_headers | if_match(claimed.json()["version"]),
    )
    closed = await client.post(
        f"{url}/close", json={}, headers=scene.approver_headers | if_match(logged.json()["version"])
    )
    assert closed.status_code == 200, closed.text

    assert await run_jobs(sessionmaker, *JOBS) == 1
    assert to_smtp.inbox.received == []
