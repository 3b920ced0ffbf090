"""Leads through the API: the vendor creates and forwards them, the partner assigns, accepts or
rejects them and reports dispositions, the sweep recalls what nobody accepted in time, and a lead
converts into a deal registration whose outcome becomes the lead's."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.business_time import BusinessCalendar
from dealreg.events.models import Event
from dealreg.leads import service
from dealreg.leads.models import Lead, LeadHistory
from dealreg.orgs.models import Role
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    approve,
    close_date,
    partner_setup,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

LEADS = "/v1/leads"
Json = dict[str, Any]
Headers = dict[str, str]


@dataclass
class Scene:
    vendor: VendorSetup
    partner: PartnerSetup
    vendor_admin: Headers


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    return Scene(vendor, partner, admin)


def lead_body(scene: Scene, **overrides: Any) -> Json:
    suffix = uuid.uuid4().hex[:8]
    return {
        "partner_id": str(scene.partner.partner.id),
        "customer": {
            "legal_name": f"Prospect {suffix} AB",
            "domain": f"prospect-{suffix}.se",
            "country": "SE",
        },
        "contact": {"name": "Robin Prospect", "email": f"robin@prospect-{suffix}.se"},
        "skus": [scene.vendor.products[0].sku],
        "interest": "Wants a firewall refresh this year",
        "campaign": "Q4 webinar",
        "source": "webinar",
        "score": 25,
    } | overrides


async def create(client: httpx.AsyncClient, scene: Scene, **overrides: Any) -> Json:
    response = await client.post(
        LEADS, json=lead_body(scene, **overrides), headers=scene.vendor.approver
    )
    assert response.status_code == 201, response.text
    lead: Json = response.json()
    assert response.headers["ETag"] == f'"{lead["version"]}"'
    return lead


async def read(client: httpx.AsyncClient, headers: Headers, lead_id: str) -> Json:
    response = await client.get(f"{LEADS}/{lead_id}", headers=headers)
    assert response.status_code == 200, response.text
    lead: Json = response.json()
    return lead


# Actions that add to a lead and overwrite nothing: they need no If-Match.
APPEND_ONLY = {"dispositions", "engagements"}


async def attempt(
    client: httpx.AsyncClient, headers: Headers, lead_id: str, action: str, body: Json
) -> httpx.Response:
    """`action` against the lead's current version, as `headers` read it; an append-only one
    as a phone's offline queue sends it, without reading the lead first."""
    if action in APPEND_ONLY:
        return await client.post(f"{LEADS}/{lead_id}/{action}", json=body, headers=headers)
    current = await read(client, headers, lead_id)
    return await client.post(
        f"{LEADS}/{lead_id}/{action}", json=body, headers=headers | if_match(current["version"])
    )


async def act(
    client: httpx.AsyncClient, headers: Headers, lead_id: str, action: str, body: Json
) -> Json:
    response = await attempt(client, headers, lead_id, action, body)
    assert response.status_code in (200, 201), f"{action}: {response.text}"
    result: Json = response.json()
    return result


async def accepted(client: httpx.AsyncClient, scene: Scene) -> Json:
    lead = await create(client, scene, rep_id=str(scene.partner.rep_id))
    return await act(client, scene.partner.rep, lead["id"], "accept", {})


async def events_of(db: AsyncSession, lead_id: str) -> list[str]:
    rows = await db.scalars(
        select(Event.type)
        .where(Event.subject_id == uuid.UUID(lead_id))
        .order_by(Event.created_at, Event.id)
    )
    return list(rows)


async def sweep(db: AsyncSession, now: datetime) -> service.SweepResult:
    await db.flush()
    db.expunge_all()
    return await service.sweep(db, now=now)


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


# --- creating and forwarding -------------------------------------------------------------------


async def test_a_lead_scoring_enough_is_forwarded_at_once_with_an_accept_deadline(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene)
    assert lead["status"] == "forwarded"
    assert lead["partner_id"] == str(scene.partner.partner.id)
    assert lead["rep_id"] is None
    forwarded = when(lead["forwarded_at"])
    # Two business days of the vendor's calendar (New York, weekdays 09:00-17:00, US holidays).
    calendar = BusinessCalendar.of("America/New_York", country="US")
    assert when(lead["accept_due_at"]) == calendar.add(forwarded, timedelta(hours=16))
    assert await events_of(db, lead["id"]) == ["lead.created", "lead.forwarded"]
    # The partner's admin sees it; the vendor's other staff too.
    assert (await read(client, scene.partner.admin, lead["id"]))["status"] == "forwarded"
    assert (await read(client, scene.vendor_admin, lead["id"]))["score"] == 25


async def test_a_lead_below_the_threshold_is_refused_naming_score_and_threshold(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    before = await count_rows(db, Lead)
    response = await client.post(
        LEADS, json=lead_body(scene, score=4), headers=scene.vendor.approver
    )
    body = assert_problem(response, 422, "lead-below-threshold", pointer="/score")
    assert body["score"] == 4
    assert body["forward_threshold"] == 10
    assert await count_rows(db, Lead) == before


async def test_a_held_lead_is_forwarded_once_its_engagements_reach_the_threshold(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene, score=0, forward=False)
    assert lead["status"] == "draft"
    assert lead["forwarded_at"] is None
    # A draft is the vendor's alone.
    response = await client.get(f"{LEADS}/{lead['id']}", headers=scene.partner.admin)
    assert_problem(response, 404, "lead-not-found")
    refused = await attempt(client, scene.vendor.approver, lead["id"], "forward", {})
    body = assert_problem(refused, 422, "lead-below-threshold")
    assert (body["score"], body["forward_threshold"]) == (0, 10)

    now = datetime.now(UTC)
    engaged = await client.post(
        f"{LEADS}/{lead['id']}/engagements",
        json={
            "engagements": [
                {"type": "email_open", "occurred_at": (now - timedelta(days=2)).isoformat()},
                {"type": "site_visit", "occurred_at": (now - timedelta(days=1)).isoformat()},
                {"type": "webinar", "occurred_at": now.isoformat(), "note": "stayed to the end"},
            ]
        },
        headers=scene.vendor.approver,
    )
    assert engaged.status_code == 200, engaged.text
    result = engaged.json()
    assert result["lead"]["score"] == 1 + 3 + 10
    assert [e["points"] for e in result["added"]] == [1, 3, 10]

    forwarded = await act(client, scene.vendor.approver, lead["id"], "forward", {})
    assert forwarded["status"] == "forwarded"
    assert (await read(client, scene.partner.admin, lead["id"]))["score"] == 14
    listed = await client.get(f"{LEADS}/{lead['id']}/engagements", headers=scene.vendor_admin)
    assert [e["type"] for e in listed.json()["items"]] == ["email_open", "site_visit", "webinar"]
    # A forwarded lead is not forwarded again.
    again = await attempt(client, scene.vendor.approver, lead["id"], "forward", {})
    assert_problem(again, 409, "illegal-lead-transition")


async def test_the_vendors_rubric_and_threshold_are_its_own(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    url = f"/v1/vendors/{scene.vendor.vendor.id}/lead-policy"
    defaults = await client.get(url, headers=scene.vendor_admin)
    assert defaults.status_code == 200, defaults.text
    assert defaults.json() | {"vendor_id": None} == {
        "vendor_id": None,
        "points": {"email_open": 1, "site_visit": 3, "email_click": 5, "webinar": 10, "event": 10},
        "forward_threshold": 10,
        "accept_days": 2.0,
        "first_touch_days": 3.0,
        "version": 0,
    }
    policy = {"points": {"webinar": 40}, "forward_threshold": 50, "accept_days": 1.0}
    put = await client.put(url, json=policy, headers=scene.vendor_admin)
    assert put.status_code == 200, put.text
    assert put.json()["points"]["webinar"] == 40
    assert put.json()["points"]["email_open"] == 1
    # A change of a stored policy must name its version.
    stale = await client.put(url, json=policy, headers=scene.vendor_admin | if_match(0))
    assert_problem(stale, 412, "stale-version")
    missing = await client.put(url, json=policy, headers=scene.vendor_admin)
    assert_problem(missing, 428)
    # An approver reads the policy but does not set it.
    refused = await client.put(
        url, json=policy, headers=scene.vendor.approver | if_match(put.json()["version"])
    )
    assert_problem(refused, 403)
    below = await client.post(LEADS, json=lead_body(scene), headers=scene.vendor.approver)
    assert_problem(below, 422, "lead-below-threshold")
    lead = await create(client, scene, score=50)
    calendar = BusinessCalendar.of("America/New_York", country="US")
    assert when(lead["accept_due_at"]) == calendar.add(
        when(lead["forwarded_at"]), timedelta(hours=8)
    )


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"partner_id": str(uuid.uuid4())}, "/partner_id"),
        ({"rep_id": str(uuid.uuid4())}, "/rep_id"),
        ({"skus": ["NO-SUCH-SKU"]}, "/skus/0"),
        ({"score": -1}, "/score"),
        ({"campaign": ""}, "/campaign"),
        ({"colour": "blue"}, "/colour"),
    ],
)
async def test_an_invalid_lead_is_refused_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, change: Json, pointer: str
) -> None:
    before = await count_rows(db, Lead)
    response = await client.post(
        LEADS, json=lead_body(scene, **change), headers=scene.vendor.approver
    )
    assert_problem(response, 422, pointer=pointer)
    assert await count_rows(db, Lead) == before


async def test_only_the_vendors_deciders_create_leads(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    for headers in (
        scene.partner.admin,
        scene.partner.rep,
        await factory.headers_for(scene.vendor.vendor, Role.channel_ops),
    ):
        response = await client.post(LEADS, json=lead_body(scene), headers=headers)
        assert_problem(response, 403)


async def test_another_tenant_never_sees_a_lead(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    lead = await create(client, scene, rep_id=str(scene.partner.rep_id))
    other_vendor = await vendor_setup(factory)
    other_partner = await partner_setup(factory, scene.vendor)
    colleague = await factory.headers_for(scene.partner.partner, Role.partner_rep)
    for headers in (other_vendor.approver, other_partner.admin, other_partner.rep, colleague):
        response = await client.get(f"{LEADS}/{lead['id']}", headers=headers)
        assert_problem(response, 404, "lead-not-found")
        listed = await client.get(LEADS, headers=headers)
        assert lead["id"] not in [item["id"] for item in listed.json()["items"]]
        refused = await client.post(
            f"{LEADS}/{lead['id']}/accept", json={}, headers=headers | if_match(lead["version"])
        )
        assert_problem(refused, 404, "lead-not-found")
    # The rep it was given to sees it.
    assert (await read(client, scene.partner.rep, lead["id"]))["id"] == lead["id"]


# --- the partner's side ------------------------------------------------------------------------


async def test_the_partner_admin_assigns_a_lead_and_the_rep_accepts_it(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene)
    hidden = await client.get(f"{LEADS}/{lead['id']}", headers=scene.partner.rep)
    assert_problem(hidden, 404)
    assigned = await act(
        client, scene.partner.admin, lead["id"], "assign", {"rep_id": str(scene.partner.rep_id)}
    )
    assert assigned["rep_id"] == str(scene.partner.rep_id)
    # A rep does not hand leads around.
    refused = await attempt(
        client, scene.partner.rep, lead["id"], "assign", {"rep_id": str(scene.partner.rep_id)}
    )
    assert_problem(refused, 403)
    done = await act(client, scene.partner.rep, lead["id"], "accept", {"note": "on it"})
    assert done["status"] == "accepted"
    calendar = BusinessCalendar.of("America/New_York", country="US")
    assert when(done["first_touch_due_at"]) == calendar.add(
        when(done["accepted_at"]), timedelta(hours=24)
    )
    assert await events_of(db, lead["id"]) == [
        "lead.created",
        "lead.forwarded",
        "lead.assigned",
        "lead.accepted",
    ]
    history = await client.get(f"{LEADS}/{lead['id']}/history", headers=scene.partner.admin)
    assert [(h["action"], h["to_status"]) for h in history.json()["items"]] == [
        ("created", "draft"),
        ("forwarded", "forwarded"),
        ("assigned", "forwarded"),
        ("accepted", "accepted"),
    ]
    stored = await db.get_one(Lead, uuid.UUID(lead["id"]))
    assert stored.accept_business_us is not None
    assert stored.accept_business_us >= 0


async def test_assigning_to_someone_outside_the_partner_is_a_422(
    client: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    lead = await create(client, scene)
    outsider = await factory.user(scene.vendor.vendor, Role.vendor_approver)
    response = await attempt(
        client, scene.partner.admin, lead["id"], "assign", {"rep_id": str(outsider.id)}
    )
    assert_problem(response, 422, pointer="/rep_id")


async def test_changes_need_the_current_version(client: httpx.AsyncClient, scene: Scene) -> None:
    lead = await create(client, scene, rep_id=str(scene.partner.rep_id))
    url = f"{LEADS}/{lead['id']}/accept"
    missing = await client.post(url, json={}, headers=scene.partner.rep)
    assert_problem(missing, 428, "precondition-required")
    stale = await client.post(
        url, json={}, headers=scene.partner.rep | if_match(lead["version"] + 7)
    )
    assert_problem(stale, 412, "stale-version")
    assert (await read(client, scene.partner.rep, lead["id"]))["status"] == "forwarded"


async def test_a_rejection_names_its_reason_and_other_needs_words(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene)
    missing = await attempt(client, scene.partner.admin, lead["id"], "reject", {"reason": "other"})
    assert_problem(missing, 422, pointer="/note")
    unknown = await attempt(client, scene.partner.admin, lead["id"], "reject", {"reason": "meh"})
    assert_problem(unknown, 422, pointer="/reason")
    rejected = await act(
        client, scene.partner.admin, lead["id"], "reject", {"reason": "not_my_territory"}
    )
    assert (rejected["status"], rejected["reject_code"]) == ("rejected", "not_my_territory")
    assert (await events_of(db, lead["id"]))[-1] == "lead.rejected"
    for action, body in (("accept", {}), ("reject", {"reason": "no_capacity"})):
        again = await attempt(client, scene.partner.admin, lead["id"], action, body)
        assert_problem(again, 409, "illegal-lead-transition")


async def test_the_vendor_does_not_answer_for_the_partner(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    lead = await create(client, scene)
    response = await attempt(client, scene.vendor_admin, lead["id"], "accept", {})
    assert_problem(response, 403)


# --- dispositions ------------------------------------------------------------------------------


async def test_dispositions_follow_their_order_up_to_a_final_one(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    rep, lead_id = scene.partner.rep, lead["id"]
    early = await attempt(client, rep, lead_id, "dispositions", {"type": "won"})
    assert_problem(early, 409, "disposition-out-of-order")
    converted = await attempt(client, rep, lead_id, "dispositions", {"type": "converted"})
    assert_problem(converted, 409, "disposition-out-of-order")
    before = when(lead["accepted_at"]) - timedelta(minutes=1)
    too_early = await attempt(
        client,
        rep,
        lead_id,
        "dispositions",
        {"type": "first_touch", "occurred_at": before.isoformat()},
    )
    assert_problem(too_early, 422, pointer="/occurred_at")
    future = datetime.now(UTC) + timedelta(hours=1)
    ahead = await attempt(
        client,
        rep,
        lead_id,
        "dispositions",
        {"type": "first_touch", "occurred_at": future.isoformat()},
    )
    assert_problem(ahead, 422, pointer="/occurred_at")

    for kind in ("first_touch", "follow_up", "follow_up", "qualified"):
        result = await act(client, rep, lead_id, "dispositions", {"type": kind, "note": kind})
        assert result["disposition"]["type"] == kind
        assert result["lead"]["disposition"] == kind
    twice = await attempt(client, rep, lead_id, "dispositions", {"type": "first_touch"})
    assert_problem(twice, 409, "disposition-out-of-order")
    lost = await attempt(client, rep, lead_id, "dispositions", {"type": "lost"})
    assert_problem(lost, 422, pointer="/lost_reason")
    closed = await act(
        client, rep, lead_id, "dispositions", {"type": "lost", "lost_reason": "budget cut"}
    )
    assert closed["lead"]["status"] == "lost"
    assert closed["lead"]["lost_reason"] == "budget cut"
    after = await attempt(client, rep, lead_id, "dispositions", {"type": "follow_up"})
    assert_problem(after, 409, "illegal-lead-transition")
    listed = await client.get(f"{LEADS}/{lead_id}/dispositions", headers=scene.vendor_admin)
    assert [d["type"] for d in listed.json()["items"]] == [
        "first_touch",
        "follow_up",
        "follow_up",
        "qualified",
        "lost",
    ]
    assert (await events_of(db, lead_id)).count("lead.disposition") == 5
    stored = await db.get_one(Lead, uuid.UUID(lead_id))
    assert stored.first_touch_business_us is not None


async def test_a_time_without_an_offset_is_a_422_not_a_guess(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    response = await attempt(
        client,
        scene.partner.rep,
        lead["id"],
        "dispositions",
        {"type": "first_touch", "occurred_at": "2026-01-01T10:00:00"},
    )
    assert_problem(response, 422, pointer="/occurred_at")


async def test_a_forwarded_lead_takes_no_disposition(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    lead = await create(client, scene)
    response = await attempt(
        client, scene.partner.admin, lead["id"], "dispositions", {"type": "first_touch"}
    )
    assert_problem(response, 409, "illegal-lead-transition")


# --- the sweep ---------------------------------------------------------------------------------


async def test_a_lead_nobody_accepted_in_time_is_recalled_once_by_the_sweep(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene)
    due = when(lead["accept_due_at"])
    assert await sweep(db, due - timedelta(microseconds=1)) == service.SweepResult(0, 0)
    assert await sweep(db, due) == service.SweepResult(1, 0)
    assert await sweep(db, due + timedelta(days=3)) == service.SweepResult(0, 0)
    recalled = await read(client, scene.vendor_admin, lead["id"])
    assert recalled["status"] == "recalled"
    assert when(recalled["recalled_at"]) == due
    assert (await events_of(db, lead["id"])).count("lead.recalled") == 1
    history = await db.scalars(
        select(LeadHistory).where(
            LeadHistory.lead_id == uuid.UUID(lead["id"]), LeadHistory.action == "recalled"
        )
    )
    (row,) = history.all()
    assert row.actor_id is None


async def test_a_lead_past_its_deadline_cannot_be_accepted(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await create(client, scene)
    await db.execute(
        update(Lead)
        .where(Lead.id == uuid.UUID(lead["id"]))
        .values(accept_due_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    await db.flush()
    response = await attempt(client, scene.partner.admin, lead["id"], "accept", {})
    assert_problem(response, 409, "lead-accept-deadline-passed")
    assert (await read(client, scene.partner.admin, lead["id"]))["status"] == "forwarded"


async def test_an_untouched_accepted_lead_is_flagged_overdue_once(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    due = when(lead["first_touch_due_at"])
    assert await sweep(db, due - timedelta(seconds=1)) == service.SweepResult(0, 0)
    assert await sweep(db, due) == service.SweepResult(0, 1)
    assert await sweep(db, due + timedelta(days=1)) == service.SweepResult(0, 0)
    flagged = await read(client, scene.partner.rep, lead["id"])
    assert flagged["first_touch_overdue"] is True
    assert flagged["status"] == "accepted"
    assert (await events_of(db, lead["id"])).count("lead.first_touch_overdue") == 1


# --- converting --------------------------------------------------------------------------------


def conversion(scene: Scene) -> Json:
    return {
        "opportunity": {
            "title": "Firewall refresh from the webinar",
            "expected_close_date": close_date(),
            "currency": "USD",
        },
        "lines": [{"sku": scene.vendor.products[0].sku, "quantity": 4, "unit_price": 250_000}],
    }


async def test_a_converted_lead_registers_its_deal_and_takes_the_registrations_outcome(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    rep, lead_id = scene.partner.rep, lead["id"]
    before_touch = await attempt(client, rep, lead_id, "convert", conversion(scene))
    assert_problem(before_touch, 409, "disposition-out-of-order")
    await act(client, rep, lead_id, "dispositions", {"type": "first_touch"})
    result = await act(client, rep, lead_id, "convert", conversion(scene))
    converted, deal = result["lead"], result["deal"]
    (registration,) = deal["registrations"]
    assert converted["registration_id"] == registration["id"]
    assert converted["disposition"] == "converted"
    assert deal["customer"]["legal_name"] == lead["customer"]["legal_name"]
    assert deal["rep_id"] == str(scene.partner.rep_id)
    assert registration["vendor_id"] == str(scene.vendor.vendor.id)
    assert (await events_of(db, lead_id))[-2:] == ["lead.disposition", "lead.converted"]
    again = await attempt(client, rep, lead_id, "convert", conversion(scene))
    assert_problem(again, 409, "disposition-out-of-order")

    await approve(db, registration["id"])
    current = await client.get(f"{REGISTRATIONS}/{registration['id']}", headers=rep)
    won = await client.post(
        f"{REGISTRATIONS}/{registration['id']}/stage",
        json={"stage": "closed_won"},
        headers=rep | if_match(current.json()["version"]),
    )
    assert won.status_code == 200, won.text
    outcome = await read(client, scene.vendor_admin, lead_id)
    assert outcome["status"] == "won"
    assert outcome["disposition"] == "won"
    dispositions = await client.get(f"{LEADS}/{lead_id}/dispositions", headers=rep)
    assert dispositions.json()["items"][-1]["reported_by"] is None


async def test_a_conversion_the_vendor_refuses_writes_nothing_and_points_into_the_body(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    await act(client, scene.partner.rep, lead["id"], "dispositions", {"type": "first_touch"})
    body = conversion(scene)
    body["lines"][0]["sku"] = "NOT-SOLD-HERE"
    response = await attempt(client, scene.partner.rep, lead["id"], "convert", body)
    assert_problem(response, 422, pointer="/lines/0/sku")
    stored = await read(client, scene.partner.rep, lead["id"])
    assert stored["registration_id"] is None
    assert stored["disposition"] == "first_touch"


# --- batches and lists -------------------------------------------------------------------------


async def test_a_batch_creates_each_good_lead_and_reports_each_bad_one(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    before = await count_rows(db, Lead)
    body = {
        "leads": [
            lead_body(scene),
            lead_body(scene, skus=["NOPE"]),
            lead_body(scene, score=1),
            lead_body(scene, score=1, forward=False),
        ]
    }
    response = await client.post(f"{LEADS}/batch", json=body, headers=scene.vendor.approver)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["created"], result["refused"]) == (2, 2)
    items = result["items"]
    assert [item["status"] for item in items] == [201, 422, 422, 201]
    assert items[0]["lead"]["status"] == "forwarded"
    assert items[3]["lead"]["status"] == "draft"
    assert items[1]["problem"]["errors"][0]["pointer"] == "/leads/1/skus/0"
    assert items[2]["problem"]["type"].endswith("/lead-below-threshold")
    assert await count_rows(db, Lead) == before + 2


async def test_a_batch_from_someone_who_may_not_create_leads_creates_none(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    before = await count_rows(db, Lead)
    response = await client.post(
        f"{LEADS}/batch", json={"leads": [lead_body(scene)]}, headers=scene.partner.admin
    )
    assert_problem(response, 403)
    assert await count_rows(db, Lead) == before


async def test_lists_filter_and_page_what_the_caller_may_see(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    mine = await create(client, scene, rep_id=str(scene.partner.rep_id), campaign="Spring")
    theirs = await create(client, scene, campaign="Spring")
    draft = await create(client, scene, score=0, forward=False)
    vendor_ids = {
        item["id"] for item in (await client.get(LEADS, headers=scene.vendor_admin)).json()["items"]
    }
    assert {mine["id"], theirs["id"], draft["id"]} <= vendor_ids
    admin = await client.get(LEADS, params={"campaign": "Spring"}, headers=scene.partner.admin)
    assert [item["id"] for item in admin.json()["items"]] == [mine["id"], theirs["id"]]
    rep = await client.get(LEADS, headers=scene.partner.rep)
    assert [item["id"] for item in rep.json()["items"]] == [mine["id"]]
    drafts = await client.get(LEADS, params={"status": "draft"}, headers=scene.vendor_admin)
    assert draft["id"] in [item["id"] for item in drafts.json()["items"]]
    first = await client.get(LEADS, params={"limit": 1}, headers=scene.partner.admin)
    page = first.json()
    assert len(page["items"]) == 1
    second = await client.get(
        LEADS, params={"limit": 1, "cursor": page["next_cursor"]}, headers=scene.partner.admin
    )
    assert second.json()["items"][0]["id"] == theirs["id"]


async def test_a_lead_read_sends_an_etag_and_honours_if_none_match(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    lead = await create(client, scene)
    url = f"{LEADS}/{lead['id']}"
    first = await client.get(url, headers=scene.partner.admin)
    again = await client.get(
        url, headers=scene.partner.admin | {"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    "params", [{"status": "asleep"}, {"campaign": ""}, {"campaign": "x" * 101}, {"limit": 0}]
)
async def test_a_refused_list_parameter_is_a_400_naming_it(
    client: httpx.AsyncClient, scene: Scene, params: Json
) -> None:
    response = await client.get(LEADS, params=params, headers=scene.vendor_admin)
    body = assert_problem(response, 400, "invalid-parameter")
    assert [error["parameter"] for error in body["errors"]] == list(params)


async def test_a_retried_create_with_the_same_idempotency_key_creates_one_lead(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    body = lead_body(scene)
    headers = scene.vendor.approver | {"Idempotency-Key": f"lead-{uuid.uuid4()}"}
    before = await count_rows(db, Lead)
    first = await client.post(LEADS, json=body, headers=headers)
    again = await client.post(LEADS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert await count_rows(db, Lead) == before + 1
