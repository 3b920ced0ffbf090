"""Call tasks through the API: the vendor's channel team lists them (by state, its own), claims
one (If-Match), logs the call's outcome and closes it; a task is the vendor's alone (another
vendor finds none, a partner may not ask), and only its owner or an admin works a claimed one."""

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask
from dealreg.orgs.models import Role
from tests.api.test_api_clients import bearer_of, register
from tests.engagement.helpers import TASKS, Json, Scene, cross, make_scene
from tests.factories import Factory
from tests.problems import assert_problem, if_match


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await make_scene(factory)


async def _act(
    client: httpx.AsyncClient,
    task: Json,
    action: str,
    headers: dict[str, str],
    body: Json | None = None,
) -> httpx.Response:
    return await client.post(
        f"{TASKS}/{task['id']}/{action}",
        json=body or {},
        headers=headers | if_match(task["version"]),
    )


async def test_a_task_is_claimed_its_outcome_logged_and_closed(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    task = await cross(client, scene)
    assert (task["state"], task["owner_id"], task["score"], task["threshold"]) == (
        "open",
        None,
        30,
        30,
    )
    claimed = await _act(client, task, "claim", scene.approver_headers)
    assert claimed.status_code == 200, claimed.text
    assert claimed.headers["etag"] == f'"{task["version"] + 1}"'
    assert (claimed.json()["state"], claimed.json()["owner_id"]) == (
        "claimed",
        str(scene.approver.id),
    )
    no_answer = await _act(
        client, claimed.json(), "outcome", scene.approver_headers, {"outcome": "no_answer"}
    )
    assert no_answer.status_code == 200, no_answer.text
    reached = await _act(
        client,
        no_answer.json(),
        "outcome",
        scene.approver_headers,
        {"outcome": "opportunity", "note": "Wants a demo of the firewall line"},
    )
    assert (reached.json()["outcome"], reached.json()["outcome_note"]) == (
        "opportunity",
        "Wants a demo of the firewall line",
    )
    closed = await _act(client, reached.json(), "close", scene.approver_headers)
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "closed"
    assert closed.json()["closed_at"] is not None
    row = await db.get(CallTask, task["id"])
    assert row is not None
    await db.refresh(row)
    assert (row.state, row.outcome, row.version) == ("closed", "opportunity", task["version"] + 4)


async def test_changes_need_a_current_if_match(client: httpx.AsyncClient, scene: Scene) -> None:
    task = await cross(client, scene)
    url = f"{TASKS}/{task['id']}/claim"
    assert_problem(
        await client.post(url, json={}, headers=scene.approver_headers),
        428,
        "precondition-required",
    )
    stale = await client.post(
        url, json={}, headers=scene.approver_headers | if_match(task["version"] + 1)
    )
    assert_problem(stale, 412, "stale-version")
    unchanged = await client.get(f"{TASKS}/{task['id']}", headers=scene.approver_headers)
    assert unchanged.json()["state"] == "open"
    assert (
        await client.get(
            f"{TASKS}/{task['id']}",
            headers=scene.approver_headers | {"If-None-Match": f'"{task["version"]}"'},
        )
    ).status_code == 304


async def test_the_order_of_the_work_is_kept(client: httpx.AsyncClient, scene: Scene) -> None:
    task = await cross(client, scene)
    early_outcome = await _act(
        client, task, "outcome", scene.approver_headers, {"outcome": "reached"}
    )
    assert_problem(early_outcome, 409, "conflict")
    assert_problem(await _act(client, task, "close", scene.approver_headers), 409, "conflict")
    claimed = (await _act(client, task, "claim", scene.approver_headers)).json()
    assert_problem(await _act(client, claimed, "claim", scene.admin_headers), 409, "conflict")
    assert_problem(await _act(client, claimed, "close", scene.approver_headers), 409, "conflict")


async def test_only_the_owner_or_an_admin_works_a_claimed_task(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    task = await cross(client, scene)
    claimed = (await _act(client, task, "claim", scene.approver_headers)).json()
    colleague = await factory.user(scene.vendor, Role.vendor_approver)
    refused = await _act(
        client, claimed, "outcome", scene.headers(colleague), {"outcome": "reached"}
    )
    assert_problem(refused, 403, "forbidden")
    by_admin = await _act(
        client, claimed, "outcome", scene.admin_headers, {"outcome": "not_interested"}
    )
    assert by_admin.status_code == 200, by_admin.text
    ops = await factory.headers_for(scene.vendor, Role.channel_ops)
    # Channel ops read the tasks, and may not work them (their token has no call_tasks:write).
    assert (await client.get(f"{TASKS}/{task['id']}", headers=ops)).status_code == 200
    assert_problem(await _act(client, by_admin.json(), "close", ops), 403)


async def test_a_task_is_the_vendors_alone(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    task = await cross(client, scene)
    other = await make_scene(factory)
    assert_problem(
        await client.get(f"{TASKS}/{task['id']}", headers=other.admin_headers),
        404,
        "call-task-not-found",
    )
    assert_problem(await _act(client, task, "claim", other.approver_headers), 404)
    assert (await client.get(TASKS, headers=other.admin_headers)).json()["items"] == []
    partner_admin = await factory.headers_for(scene.partner, Role.partner_admin)
    assert_problem(await client.get(f"{TASKS}/{task['id']}", headers=partner_admin), 403)
    assert_problem(await client.get(TASKS, headers=partner_admin), 403)
    assert_problem(await _act(client, task, "claim", partner_admin), 403)


async def test_the_list_filters_by_state_and_owner(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    first = await cross(client, scene)
    second_partner = await factory.partner()
    await factory.partnership(second_partner, scene.vendor)
    second = await cross(
        client, Scene(scene.vendor, second_partner, scene.admin, scene.approver, factory)
    )
    await _act(client, second, "claim", scene.approver_headers)

    async def listed(**params: str) -> list[str]:
        response = await client.get(TASKS, params=params, headers=scene.approver_headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await listed() == [first["id"], second["id"]]
    assert await listed(state="open") == [first["id"]]
    assert await listed(state="claimed") == [second["id"]]
    assert await listed(owner="me") == [second["id"]]
    assert await listed(partner_id=str(second_partner.id)) == [second["id"]]
    admin_own = await client.get(TASKS, params={"owner": "me"}, headers=scene.admin_headers)
    assert admin_own.json()["items"] == []
    paged = await client.get(TASKS, params={"limit": "1"}, headers=scene.approver_headers)
    cursor = paged.json()["next_cursor"]
    rest = await client.get(
        TASKS, params={"limit": "1", "cursor": cursor}, headers=scene.approver_headers
    )
    assert [i["id"] for i in paged.json()["items"] + rest.json()["items"]] == [
        first["id"],
        second["id"],
    ]
    bad = await client.get(
        TASKS, params={"state": "done", "owner": "you"}, headers=scene.approver_headers
    )
    assert_problem(bad, 400, "invalid-parameter")


async def test_a_machine_client_cannot_take_a_call(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    task = await cross(client, scene)
    automation = await bearer_of(client, await register(client, scene.admin_headers))
    assert (await client.get(f"{TASKS}/{task['id']}", headers=automation)).status_code == 403
    assert_problem(await _act(client, task, "claim", automation), 403)
