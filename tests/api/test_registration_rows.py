"""Rows of the registration list and the approval queue carry what a screen shows of each: its
approval clock's summary (the same truth as `/v1/registrations/{id}/sla`) and, while it waits on
the partner, the vendor's question. A page costs the same few statements whatever its length."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import delete, event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from dealreg.sla.models import SlaClock
from tests.clocks import act, started_at, sweep
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory

Headers = dict[str, str]
Json = dict[str, Any]
QUEUE = "/v1/approvals/queue"
QUESTION = "Who holds the customer's budget?"


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    return Scene(vendor, await partner_setup(factory, vendor))


async def register(client: httpx.AsyncClient, scene: Scene) -> str:
    deal = await submit(client, scene.partner.rep, deal_body(line(scene.vendor)))
    (registration,) = deal["registrations"]
    return str(registration["id"])


async def rows(client: httpx.AsyncClient, url: str, headers: Headers) -> dict[str, Json]:
    response = await client.get(url, params={"limit": 200}, headers=headers)
    assert response.status_code == 200, response.text
    return {item["id"]: item for item in response.json()["items"]}


async def clock(client: httpx.AsyncClient, headers: Headers, registration_id: str) -> Json:
    response = await client.get(f"{REGISTRATIONS}/{registration_id}/sla", headers=headers)
    assert response.status_code == 200, response.text
    shown: Json = response.json()
    return shown


def assert_same_truth(summary: Json, full: Json) -> None:
    """A row's summary says what the registration's clock says (elapsed time read moments
    apart)."""
    assert summary["state"] == full["summary_state"]
    for key in ("next_threshold", "next_due_at", "target_at", "hard_limit_at"):
        assert summary[key] == full[key], key
    assert 0 <= full["elapsed_seconds"] - summary["elapsed_seconds"] <= 5


async def ask(client: httpx.AsyncClient, scene: Scene, registration_id: str) -> None:
    await act(
        client, scene.vendor.approver, registration_id, "request-info", {"question": QUESTION}
    )


@contextmanager
def statements(connection: AsyncConnection) -> Iterator[list[str]]:
    """The SQL statements run on the test's connection (every request's) while inside, but
    the savepoints that stand in for the requests' transactions here."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        if not args[2].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO")):
            seen.append(args[2])

    target = connection.sync_connection
    event.listen(target, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(target, "before_cursor_execute", count)


# --- what a row carries --------------------------------------------------------------------------


async def test_each_row_carries_its_clocks_summary_as_its_sla_says_in_every_state(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    on_track, reminded, at_risk, breached, paused, stopped = [
        await register(client, scene) for _ in range(6)
    ]
    # Started Monday 09:00 in New York (the vendor's zone, a week without holidays): half the
    # target (8 business hours) falls on Monday 17:00, the target on Tuesday 17:00, the hard
    # limit on Thursday 17:00. Swept latest first, so each sweep fires only its own clock's.
    zone = ZoneInfo("America/New_York")
    origin = datetime(2026, 11, 16, 9, tzinfo=zone)
    for registration_id, swept in (
        (breached, datetime(2026, 11, 19, 17, 30, tzinfo=zone)),
        (at_risk, datetime(2026, 11, 17, 17, 30, tzinfo=zone)),
        (reminded, datetime(2026, 11, 16, 17, 30, tzinfo=zone)),
    ):
        await started_at(db, registration_id, origin)
        await sweep(db, swept)
    await ask(client, scene, paused)
    await act(client, scene.vendor.approver, stopped, "approve", {})

    expected = {
        on_track: "on_track",
        reminded: "reminded",
        at_risk: "at_risk",
        breached: "breached",
        paused: "paused",
        stopped: "stopped",
    }
    for headers in (scene.partner.rep, scene.partner.admin, scene.vendor.approver):
        listed = await rows(client, REGISTRATIONS, headers)
        for registration_id, state in expected.items():
            summary = listed[registration_id]["sla"]
            assert summary["state"] == state, registration_id
            assert_same_truth(summary, await clock(client, headers, registration_id))
    assert listed[paused]["sla"]["target_at"] is None
    assert listed[stopped]["sla"]["next_threshold"] is None


async def test_a_row_waiting_on_the_partner_carries_the_vendors_question_until_answered(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    registration_id, untouched = await register(client, scene), await register(client, scene)
    await ask(client, scene, registration_id)

    for headers in (scene.partner.rep, scene.vendor.approver):
        listed = await rows(client, REGISTRATIONS, headers)
        question = listed[registration_id]["open_question"]
        assert question["question"] == QUESTION
        assert datetime.fromisoformat(question["asked_at"])
        assert listed[untouched]["open_question"] is None
    queued = await rows(client, QUEUE, scene.vendor.approver)
    assert queued[registration_id]["open_question"]["question"] == QUESTION

    await act(client, scene.partner.rep, registration_id, "resubmit", {"reply": "The CFO."})
    assert (await rows(client, REGISTRATIONS, scene.partner.rep))[registration_id][
        "open_question"
    ] is None


async def test_a_second_question_replaces_the_first(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await ask(client, scene, registration_id)
    await act(client, scene.partner.rep, registration_id, "resubmit", {"reply": "The CFO."})
    await act(
        client,
        scene.vendor.approver,
        registration_id,
        "request-info",
        {"question": "And the budget's size?"},
    )

    listed = await rows(client, REGISTRATIONS, scene.partner.rep)

    assert listed[registration_id]["open_question"]["question"] == "And the budget's size?"


async def test_queue_rows_carry_the_summary_too(client: httpx.AsyncClient, scene: Scene) -> None:
    registration_id = await register(client, scene)

    queued = await rows(client, QUEUE, scene.vendor.approver)

    assert queued[registration_id]["sla"]["state"] == "on_track"
    assert_same_truth(
        queued[registration_id]["sla"], await clock(client, scene.vendor.approver, registration_id)
    )


async def test_another_tenant_sees_neither_the_row_nor_its_question(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    registration_id = await register(client, scene)
    await ask(client, scene, registration_id)
    rival = await partner_setup(factory, scene.vendor)
    other_vendor = await vendor_setup(factory)

    for headers in (rival.rep, rival.admin, other_vendor.approver):
        assert registration_id not in await rows(client, REGISTRATIONS, headers)
    assert registration_id not in await rows(client, QUEUE, other_vendor.approver)


# --- what a page costs ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", [REGISTRATIONS, QUEUE])
async def test_a_page_of_22_rows_costs_the_statements_of_a_page_of_one(
    client: httpx.AsyncClient,
    connection: AsyncConnection,
    factory: Factory,
    url: str,
) -> None:
    """No statement per row: 22 rows, some waiting on the partner, are read in as many
    statements as one."""
    vendor = await vendor_setup(factory)
    scene = Scene(vendor, await partner_setup(factory, vendor))
    headers = scene.vendor.approver if url == QUEUE else scene.partner.rep
    first = await register(client, scene)
    await ask(client, scene, first)
    with statements(connection) as one:
        assert len(await rows(client, url, headers)) == 1

    for index in range(21):
        registration_id = await register(client, scene)
        if index % 5 == 0:
            await ask(client, scene, registration_id)
    with statements(connection) as many:
        listed = await rows(client, url, headers)

    assert len(listed) == 22
    assert all(row["sla"] is not None for row in listed.values())
    assert len(many) == len(one)
    # The caller, the page, its conflicts (the queue's), its clocks, its open questions.
    assert len(many) <= 5, "\n".join(s[:60] for s in many)


async def test_a_registration_without_a_clock_shows_none(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    """A registration whose clock is missing shows a null summary rather than failing the
    page."""
    registration_id = await register(client, scene)
    await db.execute(delete(SlaClock).where(SlaClock.registration_id == uuid.UUID(registration_id)))
    await db.flush()

    listed = await rows(client, REGISTRATIONS, scene.partner.rep)

    assert listed[registration_id]["sla"] is None


async def test_the_reps_open_registrations_are_one_request_of_several_statuses(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    submitted, asked, approved = [await register(client, scene) for _ in range(3)]
    await ask(client, scene, asked)
    await act(client, scene.vendor.approver, approved, "approve", {})
    statuses = [("status", "submitted"), ("status", "in_review"), ("status", "info_requested")]

    response = await client.get(REGISTRATIONS, params=statuses, headers=scene.partner.rep)

    assert response.status_code == 200, response.text
    assert [row["id"] for row in response.json()["items"]] == [submitted, asked]
    one = await client.get(REGISTRATIONS, params={"status": "approved"}, headers=scene.partner.rep)
    assert [row["id"] for row in one.json()["items"]] == [approved]
    bad = await client.get(REGISTRATIONS, params={"status": "open"}, headers=scene.partner.rep)
    assert bad.status_code == 400, bad.text
