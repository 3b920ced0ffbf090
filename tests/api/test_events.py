"""`/v1/events`: an organization's events as a feed, oldest first, each once across pages (also
one whose transaction commits late), filtered by type, never another tenant's."""

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.orgs.models import Role
from tests.deals import deal_body, line, partner_setup, submit, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem

EVENTS = "/v1/events"
Json = dict[str, Any]


async def poll(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> Json:
    response = await client.get(EVENTS, params=params, headers=headers)
    assert response.status_code == 200, response.text
    page: Json = response.json()
    return page


async def everything(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> tuple[list[Json], str]:
    """Every event the feed gives, a page of two at a time, and the cursor to poll on with."""
    items: list[Json] = []
    page = await poll(client, headers, limit=2, **params)
    while page["items"]:
        items += page["items"]
        page = await poll(client, headers, limit=2, after=page["next_cursor"], **params)
    return items, page["next_cursor"]


async def test_the_feed_gives_each_of_the_organizations_events_once_in_order(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    vendor_admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    for _ in range(3):
        await submit(client, partner.rep, deal_body(line(vendor)))

    items, cursor = await everything(client, vendor_admin)
    submitted = [item for item in items if item["type"] == "registration.submitted"]
    assert len(submitted) == 3
    assert all(item["details"]["registration_id"] == item["subject_id"] for item in submitted)
    assert len({item["id"] for item in items}) == len(items)
    assert [item["occurred_at"] for item in items] == sorted(item["occurred_at"] for item in items)
    # Nothing new: an empty page, and the same place to poll from.
    again = await poll(client, vendor_admin, after=cursor)
    assert (again["items"], again["next_cursor"]) == ([], cursor)
    await submit(client, partner.rep, deal_body(line(vendor)))
    newer = await poll(client, vendor_admin, after=cursor)
    assert [item["type"] for item in newer["items"]] == ["registration.submitted"]

    # The partner's feed has the same registrations' events (all four now).
    partner_items, _ = await everything(client, partner.admin)
    seen = {item["subject_id"] for item in items + newer["items"]}
    assert {item["subject_id"] for item in partner_items} == seen


async def test_types_filter_the_feed_exactly_or_by_resource(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    await submit(client, partner.rep, deal_body(line(vendor)))
    exact, _ = await everything(client, admin, types="registration.submitted")
    assert {item["type"] for item in exact} == {"registration.submitted"}
    wildcard, _ = await everything(client, admin, types="lead.*,registration.*")
    assert {item["type"] for item in wildcard} >= {"registration.submitted"}
    none, _ = await everything(client, admin, types="lead.*")
    assert none == []
    bad = await client.get(EVENTS, params={"types": "DROP TABLE"}, headers=admin)
    assert_problem(bad, 422)


async def test_another_tenant_never_sees_the_events(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    await submit(client, partner.rep, deal_body(line(vendor)))
    other_vendor = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    other_partner = await factory.headers_for(await factory.partner(), Role.partner_admin)
    for headers in (other_vendor, other_partner):
        items, _ = await everything(client, headers)
        assert items == []


async def test_a_rep_has_no_feed(client: httpx.AsyncClient, factory: Factory) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    assert_problem(await client.get(EVENTS, headers=partner.rep), 403)


async def test_a_bad_cursor_is_a_400(client: httpx.AsyncClient, factory: Factory) -> None:
    admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await client.get(EVENTS, params={"after": "not-a-cursor"}, headers=admin)
    assert_problem(response, 400, "invalid-cursor")


async def test_an_event_committed_late_is_still_delivered_once(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """A transaction writes an event and stays open while another commits a later one: the feed
    stops before the open one's start, so neither is skipped, and each comes once."""
    vendor = await committed.vendor()
    admin_user = await committed.user(vendor, Role.vendor_admin)
    await committed.db.commit()
    admin = {"Authorization": f"Bearer {committed.token(admin_user, vendor)}"}
    slow_id, fast_id = uuid.uuid4(), uuid.uuid4()
    insert = text(
        "INSERT INTO events (id, type, subject_id, vendor_id, data)"
        " VALUES (:id, 'test.happened', :id, :vendor, '{}'::jsonb)"
    )
    async with committing_engine.connect() as slow:
        transaction = await slow.begin()
        await slow.execute(insert, {"id": slow_id, "vendor": vendor.id})
        async with committing_engine.begin() as fast:
            await fast.execute(insert, {"id": fast_id, "vendor": vendor.id})
        first = await poll(committing_client, admin)
        assert first["items"] == []
        await transaction.commit()
    await asyncio.sleep(0)
    second = await poll(committing_client, admin, after=first["next_cursor"])
    assert [uuid.UUID(item["id"]) for item in second["items"]] == [slow_id, fast_id]
    third = await poll(committing_client, admin, after=second["next_cursor"])
    assert third["items"] == []


@pytest.mark.parametrize("limit", [0, 201])
async def test_a_limit_out_of_range_is_a_400(
    client: httpx.AsyncClient, factory: Factory, limit: int
) -> None:
    admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await client.get(EVENTS, params={"limit": limit}, headers=admin)
    assert_problem(response, 400, "invalid-parameter")


async def test_what_is_the_vendors_alone_never_reaches_the_partners_feed(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
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
    vendor_items, _ = await everything(client, admin, types="lead.*")
    assert [item["type"] for item in vendor_items] == ["lead.created"]
    partner_items, _ = await everything(client, partner.admin, types="lead.*")
    assert partner_items == []


async def test_a_misspelt_type_in_the_feed_is_refused_by_name(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    response = await client.get(
        "/v1/events", params={"types": "registration.*,registration.aproved"}, headers=admin
    )
    body = assert_problem(response, 422)
    (error,) = body["errors"]
    assert (error["parameter"], error["location"]) == ("types", "query")
    assert "'registration.aproved'" in error["detail"]
    assert "'registration.approved'" in error["detail"]
