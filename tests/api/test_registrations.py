"""`/v1/registrations`: who may read and act on a registration (another tenant's is a 404, a
missing scope or the wrong side a 403), the list's filters and paging, the detail and its history,
withdrawing, reporting the sales stage, and extending protection."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Base
from dealreg.events.models import Event
from dealreg.orgs.models import Organization, Role
from dealreg.registrations.models import ExtensionRequest, RegistrationHistory
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    approve,
    deal_body,
    line,
    partner_setup,
    submit,
    vendor_setup,
)
from tests.factories import Factory
from tests.problems import assert_problem, count_rows, if_match

EPOCH = "2000-01-01T00:00:00Z"
EXTENSION: dict[str, Any] = {"days": 10, "reason": "The customer's board meets next quarter"}


def url(registration_id: str, *rest: str) -> str:
    return "/".join([REGISTRATIONS, registration_id, *rest])


def when(value: str) -> datetime:
    return datetime.fromisoformat(value)


async def register(
    client: httpx.AsyncClient, headers: dict[str, str], setup: VendorSetup, **overrides: Any
) -> str:
    """A one-vendor deal submitted by `headers`; its registration's id."""
    deal = await submit(client, headers, deal_body(line(setup), **overrides))
    (registration,) = deal["registrations"]
    return str(registration["id"])


async def registered_and_approved(
    client: httpx.AsyncClient,
    db: AsyncSession,
    headers: dict[str, str],
    setup: VendorSetup,
    *,
    days: int = 90,
) -> str:
    registration_id = await register(client, headers, setup)
    await approve(db, registration_id, days=days)
    return registration_id


async def read(
    client: httpx.AsyncClient, headers: dict[str, str], registration_id: str
) -> dict[str, Any]:
    response = await client.get(url(registration_id), headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def post(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    registration_id: str,
    action: str,
    body: dict[str, Any],
    *,
    version: int,
) -> httpx.Response:
    """POST `body` to the registration's `action` (e.g. "withdraw", "extensions/<id>/decision")
    against `version`."""
    path = url(registration_id, *action.split("/"))
    return await client.post(path, json=body, headers=headers | if_match(version))


async def request_extension(
    client: httpx.AsyncClient, headers: dict[str, str], registration_id: str, *, days: int = 10
) -> dict[str, Any]:
    version = (await read(client, headers, registration_id))["version"]
    response = await post(
        client, headers, registration_id, "extensions", EXTENSION | {"days": days}, version=version
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def history_of(
    client: httpx.AsyncClient, headers: dict[str, str], registration_id: str
) -> list[dict[str, Any]]:
    response = await client.get(url(registration_id, "history"), headers=headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def ids_listed(
    client: httpx.AsyncClient, headers: dict[str, str], params: dict[str, Any] | None = None
) -> list[str]:
    response = await client.get(
        REGISTRATIONS, params={"limit": 200, **(params or {})}, headers=headers
    )
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def rows_of(db: AsyncSession, model: type[Base], *where: ColumnElement[bool]) -> int:
    # tests.problems.count_rows takes only versioned entities; history and events are plain rows.
    total = await db.scalar(select(func.count()).select_from(model).where(*where))
    return int(total or 0)


async def history_rows(db: AsyncSession, registration_id: str) -> int:
    rid = uuid.UUID(registration_id)
    return await rows_of(db, RegistrationHistory, RegistrationHistory.registration_id == rid)


async def events_of(db: AsyncSession, registration_id: str, type_: str | None = None) -> int:
    where = [Event.subject_id == uuid.UUID(registration_id)]
    if type_ is not None:
        where.append(Event.type == type_)
    return await rows_of(db, Event, *where)


async def user_with(
    factory: Factory, org: Organization, role: Role
) -> tuple[uuid.UUID, dict[str, str]]:
    """A new user of `org` with `role`: their id and bearer header."""
    user = await factory.user(org, role)
    return user.id, {"Authorization": f"Bearer {factory.token(user, org)}"}


# --- who may do what ---------------------------------------------------------------------------


@dataclass
class World:
    """One partner's rep registering with one vendor, and a caller of every kind around them."""

    vendor: VendorSetup
    partner: PartnerSetup
    callers: dict[str, dict[str, str]]


@pytest.fixture
async def world(factory: Factory) -> World:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    # Another partner enrolled with the same vendor; another vendor the partner is enrolled with;
    # a vendor with no link to either.
    other_partner = await factory.partner()
    await factory.partnership(other_partner, vendor.vendor)
    linked = await factory.vendor()
    await factory.partnership(partner.partner, linked)
    stranger = await factory.vendor()
    platform = await factory.platform()
    callers = {
        "owner": partner.rep,
        "same_partner_rep": await factory.headers_for(partner.partner, Role.partner_rep),
        "same_partner_admin": partner.admin,
        "other_partner_rep": await factory.headers_for(other_partner, Role.partner_rep),
        "other_partner_admin": await factory.headers_for(other_partner, Role.partner_admin),
        "vendor_approver": vendor.approver,
        "vendor_admin": await factory.headers_for(vendor.vendor, Role.vendor_admin),
        "vendor_system": await factory.headers_for(vendor.vendor, Role.vendor_system),
        "vendor_channel_ops": await factory.headers_for(vendor.vendor, Role.channel_ops),
        "stranger_vendor_approver": await factory.headers_for(stranger, Role.vendor_approver),
        "linked_vendor_approver": await factory.headers_for(linked, Role.vendor_approver),
        "linked_vendor_admin": await factory.headers_for(linked, Role.vendor_admin),
        "linked_vendor_channel_ops": await factory.headers_for(linked, Role.channel_ops),
        "platform_channel_ops": await factory.headers_for(platform, Role.channel_ops),
        "platform_admin": await factory.headers_for(platform, Role.platform_admin),
    }
    return World(vendor, partner, callers)


# What each caller gets reading the registration (its detail, history and extensions); the list
# shows it exactly when these are 200, hides it when 404, and is refused itself when 403.
READS = {
    "owner": 200,
    "same_partner_rep": 404,
    "same_partner_admin": 200,
    "other_partner_rep": 404,
    "other_partner_admin": 404,
    "vendor_approver": 200,
    "vendor_admin": 200,
    "vendor_system": 200,
    "vendor_channel_ops": 200,
    "stranger_vendor_approver": 404,
    "linked_vendor_approver": 404,
    "linked_vendor_admin": 404,
    "linked_vendor_channel_ops": 404,
    "platform_channel_ops": 200,
    # No registrations:read scope at all.
    "platform_admin": 403,
}

# (withdraw, report a stage, ask for an extension, decide an extension): 404 for what the caller
# cannot see, 403 for a missing scope (channel ops, platform admin) or the wrong side.
WRITES = {
    "owner": (200, 200, 201, 403),
    "same_partner_rep": (404, 404, 404, 404),
    "same_partner_admin": (200, 200, 201, 403),
    "other_partner_rep": (404, 404, 404, 404),
    "other_partner_admin": (404, 404, 404, 404),
    "vendor_approver": (403, 200, 403, 200),
    "vendor_admin": (403, 200, 403, 200),
    "vendor_system": (403, 200, 403, 200),
    "vendor_channel_ops": (403, 403, 403, 403),
    "stranger_vendor_approver": (404, 404, 404, 404),
    "linked_vendor_approver": (404, 404, 404, 404),
    "linked_vendor_admin": (404, 404, 404, 404),
    "linked_vendor_channel_ops": (403, 403, 403, 403),
    "platform_channel_ops": (403, 403, 403, 403),
    "platform_admin": (403, 403, 403, 403),
}
REFUSALS = {403: "forbidden", 404: "registration-not-found"}


@pytest.mark.parametrize("caller", list(READS))
async def test_who_may_read_a_registration(
    client: httpx.AsyncClient, db: AsyncSession, world: World, caller: str
) -> None:
    owner = world.callers["owner"]
    registration_id = await registered_and_approved(client, db, owner, world.vendor)
    await request_extension(client, owner, registration_id)
    headers = world.callers[caller]
    expected = READS[caller]

    listed = await client.get(REGISTRATIONS, params={"limit": 200}, headers=headers)
    if expected == 403:
        assert_problem(listed, 403, "forbidden")
    else:
        assert listed.status_code == 200, listed.text
        ids = [item["id"] for item in listed.json()["items"]]
        assert (registration_id in ids) is (expected == 200)

    for path in (url(registration_id), url(registration_id, "history")):
        response = await client.get(path, headers=headers)
        if expected == 200:
            assert response.status_code == 200, (path, response.text)
        else:
            assert_problem(response, expected, REFUSALS[expected])
    extensions = await client.get(url(registration_id, "extensions"), headers=headers)
    if expected == 200:
        assert extensions.status_code == 200, extensions.text
        assert [item["days"] for item in extensions.json()["items"]] == [10]
    else:
        assert_problem(extensions, expected, REFUSALS[expected])


@pytest.mark.parametrize("caller", list(WRITES))
async def test_who_may_act_on_a_registration(
    client: httpx.AsyncClient, db: AsyncSession, world: World, caller: str
) -> None:
    owner, admin = world.callers["owner"], world.partner.admin
    submitted = await register(client, owner, world.vendor)
    staged = await registered_and_approved(client, db, owner, world.vendor)
    extendable = await registered_and_approved(client, db, owner, world.vendor)
    deciding = await registered_and_approved(client, db, owner, world.vendor)
    extension_id = (await request_extension(client, owner, deciding))["extension"]["id"]
    attempts = [
        ("withdraw", submitted, "withdraw", {"reason": "The customer chose to wait"}),
        ("stage", staged, "stage", {"stage": "qualified"}),
        ("extension", extendable, "extensions", EXTENSION),
        ("decision", deciding, f"extensions/{extension_id}/decision", {"decision": "grant"}),
    ]
    headers = world.callers[caller]
    for (name, registration_id, action, body), expected in zip(
        attempts, WRITES[caller], strict=True
    ):
        before = await read(client, admin, registration_id)
        rows = await history_rows(db, registration_id)
        response = await post(
            client, headers, registration_id, action, body, version=before["version"]
        )
        assert response.status_code == expected, f"{name}: {response.text}"
        after = await read(client, admin, registration_id)
        if expected < 300:
            assert after["version"] == before["version"] + 1, name
            assert await history_rows(db, registration_id) == rows + 1, name
        else:
            assert_problem(response, expected, REFUSALS[expected])
            assert after == before, name
            assert await history_rows(db, registration_id) == rows, name


# --- the list ----------------------------------------------------------------------------------


@dataclass
class Landscape:
    """Registrations of two reps of one partner at two vendors, and one of another partner.

    `ids` by name; `values` the ids and instants a filter can name; `callers` by name."""

    ids: dict[str, str]
    values: dict[str, str]
    callers: dict[str, dict[str, str]]


@pytest.fixture
async def landscape(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Landscape:
    vendor_a, vendor_b = await vendor_setup(factory), await vendor_setup(factory)
    partner = await partner_setup(factory, vendor_a, vendor_b)
    rep2_id, rep2 = await user_with(factory, partner.partner, Role.partner_rep)
    other = await partner_setup(factory, vendor_a)
    rep1 = partner.rep

    ids = {
        "r1_a_submitted": await register(client, rep1, vendor_a),
        "r1_b_approved": await registered_and_approved(client, db, rep1, vendor_b, days=10),
        "r2_a_approved": await registered_and_approved(client, db, rep2, vendor_a, days=100),
        "r2_a_withdrawn": await register(client, rep2, vendor_a),
        "other_a_submitted": await register(client, other.rep, vendor_a),
    }
    staged = await post(
        client, rep1, ids["r1_b_approved"], "stage", {"stage": "qualified"}, version=2
    )
    assert staged.status_code == 200, staged.text
    withdrawn = await post(client, rep2, ids["r2_a_withdrawn"], "withdraw", {}, version=1)
    assert withdrawn.status_code == 200, withdrawn.text

    platform = await factory.platform()
    callers = {
        "rep1": rep1,
        "rep2": rep2,
        "partner_admin": partner.admin,
        "vendor_a": vendor_a.approver,
        "vendor_b": vendor_b.approver,
        "platform": await factory.headers_for(platform, Role.channel_ops),
    }
    values = {
        "vendor_a": str(vendor_a.vendor.id),
        "vendor_b": str(vendor_b.vendor.id),
        "partner": str(partner.partner.id),
        "other_partner": str(other.partner.id),
        "rep1": str(partner.rep_id),
        "rep2": str(rep2_id),
        "in_30_days": (datetime.now(UTC) + timedelta(days=30)).isoformat(),
    }
    return Landscape(ids, values, callers)


PARTNER_OWN = {"r1_a_submitted", "r1_b_approved", "r2_a_approved", "r2_a_withdrawn"}
VENDOR_A_OWN = {"r1_a_submitted", "r2_a_approved", "r2_a_withdrawn", "other_a_submitted"}


@pytest.mark.parametrize(
    ("caller", "params", "expected"),
    [
        ("partner_admin", {}, PARTNER_OWN),
        ("partner_admin", {"status": "approved"}, {"r1_b_approved", "r2_a_approved"}),
        ("partner_admin", {"status": "withdrawn"}, {"r2_a_withdrawn"}),
        ("vendor_a", {"status": "submitted"}, {"r1_a_submitted", "other_a_submitted"}),
        (
            "partner_admin",
            {"vendor_id": "vendor_a"},
            {"r1_a_submitted", "r2_a_approved", "r2_a_withdrawn"},
        ),
        ("platform", {"partner_id": "partner"}, PARTNER_OWN),
        ("vendor_a", {"partner_id": "other_partner"}, {"other_a_submitted"}),
        ("partner_admin", {"rep_id": "rep2"}, {"r2_a_approved", "r2_a_withdrawn"}),
        ("partner_admin", {"stage": "qualified"}, {"r1_b_approved"}),
        ("platform", {"stage": "qualified", "vendor_id": "vendor_a"}, set()),
        ("partner_admin", {"expiring_before": "in_30_days"}, {"r1_b_approved"}),
        ("vendor_a", {"expiring_before": "in_30_days"}, set()),
    ],
    ids=lambda value: (
        "-".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else None
    ),
)
async def test_each_filter_lists_exactly_the_matching_registrations(
    client: httpx.AsyncClient,
    landscape: Landscape,
    caller: str,
    params: dict[str, str],
    expected: set[str],
) -> None:
    query = {key: landscape.values.get(value, value) for key, value in params.items()}
    listed = await ids_listed(client, landscape.callers[caller], query)
    assert sorted(listed) == sorted(landscape.ids[name] for name in expected)


@pytest.mark.parametrize(
    ("caller", "params", "expected"),
    [
        ("vendor_a", {}, VENDOR_A_OWN),
        ("vendor_b", {}, {"r1_b_approved"}),
        # Naming what the caller may not see filters it, never widens what they see.
        ("vendor_b", {"vendor_id": "vendor_a"}, set()),
        ("rep1", {}, {"r1_a_submitted", "r1_b_approved"}),
        ("rep2", {}, {"r2_a_approved", "r2_a_withdrawn"}),
        ("rep1", {"rep_id": "rep2"}, set()),
        ("rep1", {"partner_id": "other_partner"}, set()),
    ],
)
async def test_a_vendor_sees_only_its_registrations_and_a_rep_only_their_own(
    client: httpx.AsyncClient,
    landscape: Landscape,
    caller: str,
    params: dict[str, str],
    expected: set[str],
) -> None:
    query = {key: landscape.values[value] for key, value in params.items()}
    listed = await ids_listed(client, landscape.callers[caller], query)
    assert sorted(listed) == sorted(landscape.ids[name] for name in expected)


async def test_paging_by_cursor_shows_every_registration_once_in_creation_order(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    created = [await register(client, partner.rep, vendor) for _ in range(5)]

    pages: list[list[str]] = []
    params: dict[str, Any] = {"limit": 2}
    while True:
        response = await client.get(REGISTRATIONS, params=params, headers=partner.admin)
        assert response.status_code == 200, response.text
        pages.append([item["id"] for item in response.json()["items"]])
        assert len(pages) <= 10, "the cursor never ran out"
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break
        params["cursor"] = cursor
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [rid for page in pages for rid in page] == created


async def test_delta_sync_returns_only_what_changed_since(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    first, second, third = [await register(client, partner.rep, vendor) for _ in range(3)]

    def sync(params: dict[str, Any]) -> Any:
        return client.get(REGISTRATIONS, params=params, headers=partner.admin)

    everything = (await sync({"updated_since": EPOCH})).json()
    assert [item["id"] for item in everything["items"]] == [first, second, third]
    cursor = everything["next_cursor"]
    assert cursor
    assert (await sync({"cursor": cursor})).json()["items"] == []

    withdrawn = await post(client, partner.rep, second, "withdraw", {}, version=1)
    assert withdrawn.status_code == 200, withdrawn.text
    changed = (await sync({"cursor": cursor})).json()["items"]
    assert [(item["id"], item["status"]) for item in changed] == [(second, "withdrawn")]

    # From an instant: only what was changed after it, the withdrawal included.
    since = everything["items"][2]["updated_at"]
    after = (await sync({"updated_since": since})).json()["items"]
    assert [item["id"] for item in after] == [second]


# --- the detail --------------------------------------------------------------------------------


async def test_the_detail_shows_only_this_registrations_lines_and_its_answers(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    questions = [
        {"key": "crm_id", "label": "CRM id", "type": "text"},
        {"key": "seats", "label": "Seats", "type": "number"},
    ]
    vendor_a = await vendor_setup(factory, extra_fields=questions)
    vendor_b = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor_a, vendor_b)
    answers = {"crm_id": "OPP-4711", "seats": 40}
    body = deal_body(
        line(vendor_a, 0),
        line(vendor_b, 0, quantity=3),
        line(vendor_a, 1, quantity=5, unit_price=20_000),
        vendors=[{"vendor_id": str(vendor_a.vendor.id), "answers": answers}],
    )
    deal = await submit(client, partner.rep, body)
    by_vendor = {r["vendor_id"]: r["id"] for r in deal["registrations"]}
    id_a, id_b = by_vendor[str(vendor_a.vendor.id)], by_vendor[str(vendor_b.vendor.id)]

    detail_a = await read(client, vendor_a.approver, id_a)
    assert [(x["sku"], x["quantity"], x["amount"]) for x in detail_a["lines"]] == [
        (vendor_a.products[0].sku, 10, 1_500_000),
        (vendor_a.products[1].sku, 5, 100_000),
    ]
    assert {x["registration_id"] for x in detail_a["lines"]} == {id_a}
    assert {x["vendor_id"] for x in detail_a["lines"]} == {str(vendor_a.vendor.id)}
    assert detail_a["answers"] == answers
    # Numbers decode as floats (one JSON Schema type for them), but 40 reads back as 40.
    assert isinstance(detail_a["answers"]["seats"], int)
    assert detail_a["amount"] == 1_600_000

    # The partner sees each registration with its own lines only, too.
    detail_b = await read(client, partner.rep, id_b)
    assert [(x["sku"], x["registration_id"]) for x in detail_b["lines"]] == [
        (vendor_b.products[0].sku, id_b)
    ]
    assert detail_b["answers"] == {}


async def test_the_vendor_sees_conflicts_and_the_partners_do_not(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    first = await partner_setup(factory, vendor)
    second = await partner_setup(factory, vendor)
    body = deal_body(line(vendor))
    earlier = await register(client, first.rep, vendor, customer=body["customer"])
    later = await register(client, second.rep, vendor, customer=body["customer"])

    seen_by_vendor = await read(client, vendor.approver, later)
    assert seen_by_vendor["conflict"] is True
    assert [(c["id"], c["partner_id"], c["status"]) for c in seen_by_vendor["conflicts"]] == [
        (earlier, str(first.partner.id), "submitted")
    ]
    # The link shows from the earlier registration's side too.
    earlier_seen = await read(client, vendor.approver, earlier)
    assert [c["id"] for c in earlier_seen["conflicts"]] == [later]

    for headers, registration_id in (
        (second.rep, later),
        (second.admin, later),
        (first.rep, earlier),
    ):
        assert "conflicts" not in await read(client, headers, registration_id)


async def test_the_detail_is_tagged_and_a_current_copy_is_not_modified(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)

    first = await client.get(url(registration_id), headers=partner.rep)
    assert first.headers["etag"] == '"1"'
    assert first.json()["version"] == 1
    cached = await client.get(url(registration_id), headers=partner.rep | {"If-None-Match": '"1"'})
    assert cached.status_code == 304
    assert cached.content == b""

    assert (await post(client, partner.rep, registration_id, "withdraw", {}, version=1)).is_success
    stale = await client.get(url(registration_id), headers=partner.rep | {"If-None-Match": '"1"'})
    assert stale.status_code == 200
    assert stale.headers["etag"] == '"2"'
    assert stale.json()["status"] == "withdrawn"


# --- history -----------------------------------------------------------------------------------


ENTRY_KEYS = (
    "action",
    "actor_id",
    "actor_role",
    "from_status",
    "to_status",
    "from_stage",
    "to_stage",
    "reason",
)


def entry(row: dict[str, Any]) -> dict[str, Any]:
    """What a history row says happened (leaving out its id, instant and data)."""
    return {key: row[key] for key in ENTRY_KEYS}


def happened(
    action: str,
    actor_id: str | None,
    actor_role: str | None,
    from_status: str | None,
    to_status: str,
    from_stage: str | None = None,
    to_stage: str | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    values = (action, actor_id, actor_role, from_status, to_status, from_stage, to_stage, reason)
    return dict(zip(ENTRY_KEYS, values, strict=True))


async def test_the_history_grows_by_one_row_per_action_in_order(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    approver_id, approver = await user_with(factory, vendor.vendor, Role.vendor_approver)
    rep, rep_id, by_approver = partner.rep, str(partner.rep_id), str(approver_id)
    registration_id = await register(client, rep, vendor)
    expected = [happened("submitted", rep_id, "partner_rep", None, "submitted")]

    async def check() -> None:
        # The same rows, in the same order, for the partner and the vendor; the partner is not
        # told which of the vendor's people acted (tests/api/test_disclosure.py).
        as_partner = [
            e if e["actor_role"] in (None, "partner_rep") else e | {"actor_id": None}
            for e in expected
        ]
        for headers, shown in ((rep, as_partner), (vendor.approver, expected)):
            rows = await history_of(client, headers, registration_id)
            assert [entry(row) for row in rows] == shown
            instants = [when(row["at"]) for row in rows]
            assert instants == sorted(instants)

    async def step(headers: dict[str, str], action: str, body: dict[str, Any]) -> None:
        version = (await read(client, rep, registration_id))["version"]
        response = await post(client, headers, registration_id, action, body, version=version)
        assert response.is_success, response.text

    await check()
    await approve(db, registration_id)
    expected.append(happened("approved", None, None, "submitted", "approved"))
    await check()

    await step(rep, "stage", {"stage": "qualified", "note": "Budget confirmed"})
    expected.append(
        happened(
            "stage_changed", rep_id, "partner_rep", "approved", "approved",
            None, "qualified", "Budget confirmed",
        )
    )  # fmt: skip
    await check()

    await step(approver, "stage", {"stage": "proposal"})
    expected.append(
        happened(
            "stage_changed", by_approver, "vendor_approver", "approved", "approved",
            "qualified", "proposal",
        )
    )  # fmt: skip
    await check()

    extension = await request_extension(client, rep, registration_id)
    expected.append(
        happened(
            "extension_requested", rep_id, "partner_rep", "approved", "approved",
            "proposal", "proposal", EXTENSION["reason"],
        )
    )  # fmt: skip
    await check()

    refusal = {"decision": "refuse", "reason": "Protection is long enough"}
    await step(approver, f"extensions/{extension['extension']['id']}/decision", refusal)
    expected.append(
        happened(
            "extension_refused", by_approver, "vendor_approver", "approved", "approved",
            "proposal", "proposal", "Protection is long enough",
        )
    )  # fmt: skip
    await check()

    await step(rep, "stage", {"stage": "closed_won"})
    expected.append(
        happened("won", rep_id, "partner_rep", "approved", "won", "proposal", "closed_won")
    )
    await check()


# --- withdrawing -------------------------------------------------------------------------------


async def test_the_rep_withdraws_a_submitted_registration(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)

    response = await post(
        client, partner.rep, registration_id, "withdraw", {"reason": "Lost to a rival"}, version=1
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert (body["id"], body["status"], body["version"]) == (registration_id, "withdrawn", 2)
    assert body["decided_at"] is None
    assert (await read(client, vendor.approver, registration_id))["status"] == "withdrawn"
    last = (await history_of(client, partner.rep, registration_id))[-1]
    rep_id = str(partner.rep_id)
    assert entry(last) == happened(
        "withdrawn", rep_id, "partner_rep", "submitted", "withdrawn", reason="Lost to a rival"
    )
    assert await events_of(db, registration_id) == 2
    withdrawals = select(Event).where(
        Event.subject_id == uuid.UUID(registration_id), Event.type == "registration.withdrawn"
    )
    (event,) = (await db.scalars(withdrawals)).all()
    assert (event.vendor_id, event.partner_id) == (vendor.vendor.id, partner.partner.id)
    assert event.data["status"] == "withdrawn"
    assert (event.data["from_status"], event.data["reason"]) == ("submitted", "Lost to a rival")


async def test_a_registration_is_withdrawn_only_once(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)
    assert (await post(client, partner.rep, registration_id, "withdraw", {}, version=1)).is_success
    rows, events = await history_rows(db, registration_id), await events_of(db, registration_id)

    again = await post(client, partner.admin, registration_id, "withdraw", {}, version=2)
    assert_problem(again, 409, "illegal-transition")
    assert await history_rows(db, registration_id) == rows
    assert await events_of(db, registration_id) == events
    assert (await read(client, partner.rep, registration_id))["version"] == 2


async def test_an_approved_registration_cannot_be_withdrawn(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    rows, events = await history_rows(db, registration_id), await events_of(db, registration_id)

    response = await post(client, partner.rep, registration_id, "withdraw", {}, version=2)
    assert_problem(response, 409, "illegal-transition")
    assert (await read(client, partner.rep, registration_id))["status"] == "approved"
    assert await history_rows(db, registration_id) == rows
    assert await events_of(db, registration_id) == events


@pytest.mark.parametrize(
    ("headers", "status", "type_suffix"),
    [({}, 428, "precondition-required"), ({"If-Match": '"7"'}, 412, "stale-version")],
    ids=["missing", "stale"],
)
async def test_a_withdrawal_needs_the_current_if_match(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    headers: dict[str, str],
    status: int,
    type_suffix: str,
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)
    rows, events = await history_rows(db, registration_id), await events_of(db, registration_id)

    response = await client.post(
        url(registration_id, "withdraw"), json={}, headers=partner.rep | headers
    )
    assert_problem(response, status, type_suffix)
    if status == 412:
        assert response.headers["etag"] == '"1"'
    current = await read(client, partner.rep, registration_id)
    assert (current["status"], current["version"]) == ("submitted", 1)
    assert await history_rows(db, registration_id) == rows
    assert await events_of(db, registration_id) == events


async def test_a_retried_withdrawal_replays_the_first_answer(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)
    headers = partner.rep | if_match(1) | {"Idempotency-Key": f"withdraw-{registration_id}"}
    path = url(registration_id, "withdraw")

    first = await client.post(path, json={"reason": "Duplicate"}, headers=headers)
    assert first.status_code == 200, first.text
    again = await client.post(path, json={"reason": "Duplicate"}, headers=headers)
    assert again.status_code == 200
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"] == '"2"'
    assert again.headers["idempotent-replayed"] == "true"
    assert await events_of(db, registration_id, "registration.withdrawn") == 1
    assert [row["action"] for row in await history_of(client, partner.rep, registration_id)] == [
        "submitted",
        "withdrawn",
    ]


# --- the sales stage ---------------------------------------------------------------------------


async def test_no_stage_before_approval(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)
    response = await post(
        client, partner.rep, registration_id, "stage", {"stage": "qualified"}, version=1
    )
    assert_problem(response, 409, "illegal-transition")
    assert (await read(client, partner.rep, registration_id))["stage"] is None
    assert await history_rows(db, registration_id) == 1


async def test_the_stage_moves_forward_until_closed_won_makes_it_won(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    reached = []
    for version, stage in enumerate(("qualified", "proposal", "negotiation", "closed_won"), 2):
        response = await post(
            client, partner.rep, registration_id, "stage", {"stage": stage}, version=version
        )
        assert response.status_code == 200, response.text
        assert response.headers["etag"] == f'"{version + 1}"'
        reached.append((response.json()["stage"], response.json()["status"]))
    assert reached == [
        ("qualified", "approved"),
        ("proposal", "approved"),
        ("negotiation", "approved"),
        ("closed_won", "won"),
    ]
    assert await events_of(db, registration_id, "registration.won") == 1
    assert await events_of(db, registration_id, "registration.stage_changed") == 3


@pytest.mark.parametrize(
    ("reached", "reported"),
    [
        (["negotiation"], "proposal"),
        (["proposal"], "proposal"),
        (["qualified", "proposal"], "qualified"),
        (["closed_won"], "closed_lost"),
        (["closed_lost"], "negotiation"),
    ],
)
async def test_a_stage_never_moves_back_or_stays(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    reached: list[str],
    reported: str,
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    for version, stage in enumerate(reached, 2):
        ok = await post(
            client, partner.rep, registration_id, "stage", {"stage": stage}, version=version
        )
        assert ok.status_code == 200, ok.text
    before = await read(client, partner.rep, registration_id)
    rows = await history_rows(db, registration_id)

    response = await post(
        client,
        partner.rep,
        registration_id,
        "stage",
        {"stage": reported},
        version=before["version"],
    )
    assert_problem(response, 409, "illegal-transition")
    assert await read(client, partner.rep, registration_id) == before
    assert await history_rows(db, registration_id) == rows


async def test_closed_lost_makes_the_registration_lost(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    response = await post(
        client, vendor.approver, registration_id, "stage", {"stage": "closed_lost"}, version=2
    )
    assert response.status_code == 200, response.text
    assert (response.json()["stage"], response.json()["status"]) == ("closed_lost", "lost")
    assert await events_of(db, registration_id, "registration.lost") == 1
    lost = await ids_listed(client, partner.admin, {"status": "lost"})
    assert lost == [registration_id]


async def test_the_vendors_crm_reports_the_stage_and_the_list_filters_by_it(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    system = await factory.headers_for(vendor.vendor, Role.vendor_system)
    moved = await registered_and_approved(client, db, partner.rep, vendor)
    still = await registered_and_approved(client, db, partner.rep, vendor)
    for version, stage in ((2, "qualified"), (3, "proposal")):
        response = await post(client, system, moved, "stage", {"stage": stage}, version=version)
        assert response.status_code == 200, response.text
    assert await ids_listed(client, vendor.approver, {"stage": "proposal"}) == [moved]
    assert await ids_listed(client, partner.rep, {"stage": "qualified"}) == []
    assert sorted(await ids_listed(client, partner.rep, {"status": "approved"})) == sorted(
        [moved, still]
    )
    last = (await history_of(client, partner.rep, moved))[-1]
    assert (last["actor_role"], last["to_stage"]) == ("vendor_system", "proposal")


# --- extensions --------------------------------------------------------------------------------


async def test_the_partner_asks_for_an_extension_of_an_approved_registration(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    expires_at = (await read(client, partner.rep, registration_id))["expires_at"]

    response = await post(client, partner.rep, registration_id, "extensions", EXTENSION, version=2)
    assert response.status_code == 201, response.text
    body = response.json()
    registration, extension = body["registration"], body["extension"]
    assert response.headers["etag"] == f'"{registration["version"]}"' == '"3"'
    assert (registration["extension_pending"], registration["expires_at"]) == (True, expires_at)
    assert registration["extensions_granted"] == 0
    assert extension["registration_id"] == registration_id
    assert extension["requested_by"] == str(partner.rep_id)
    assert (extension["days"], extension["reason"], extension["status"]) == (
        10,
        EXTENSION["reason"],
        "pending",
    )
    assert extension["decided_at"] is extension["granted_days"] is None
    assert await events_of(db, registration_id, "registration.extension_requested") == 1

    listed = await client.get(url(registration_id, "extensions"), headers=vendor.approver)
    assert listed.json()["items"] == [extension]


async def test_an_extension_longer_than_the_program_allows_is_a_422(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory, extension_days=30)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    response = await post(
        client, partner.rep, registration_id, "extensions", EXTENSION | {"days": 31}, version=2
    )
    assert_problem(response, 422, pointer="/days")
    rid = uuid.UUID(registration_id)
    assert await count_rows(db, ExtensionRequest, ExtensionRequest.registration_id == rid) == 0
    current = await read(client, partner.rep, registration_id)
    assert (current["extension_pending"], current["version"]) == (False, 2)


async def test_one_extension_waits_at_a_time(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    await request_extension(client, partner.rep, registration_id)

    response = await post(
        client, partner.admin, registration_id, "extensions", EXTENSION, version=3
    )
    assert_problem(response, 409, "extension-not-allowed")
    rid = uuid.UUID(registration_id)
    assert await count_rows(db, ExtensionRequest, ExtensionRequest.registration_id == rid) == 1
    assert await events_of(db, registration_id, "registration.extension_requested") == 1


async def test_only_an_approved_registration_is_extended(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await register(client, partner.rep, vendor)
    response = await post(client, partner.rep, registration_id, "extensions", EXTENSION, version=1)
    assert_problem(response, 409, "illegal-transition")
    rid = uuid.UUID(registration_id)
    assert await count_rows(db, ExtensionRequest, ExtensionRequest.registration_id == rid) == 0
    assert await history_rows(db, registration_id) == 1


async def test_no_extension_beyond_the_programs_maximum(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory, max_extensions=1)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    extension = await request_extension(client, partner.rep, registration_id)
    decision = f"extensions/{extension['extension']['id']}/decision"
    granted = await post(
        client, vendor.approver, registration_id, decision, {"decision": "grant"}, version=3
    )
    assert granted.status_code == 200, granted.text

    response = await post(client, partner.rep, registration_id, "extensions", EXTENSION, version=4)
    assert_problem(response, 409, "extension-not-allowed")
    listed = await client.get(url(registration_id, "extensions"), headers=partner.rep)
    assert [item["status"] for item in listed.json()["items"]] == ["granted"]


async def test_the_vendor_grants_the_days_asked_for_by_default(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    approver_id, approver = await user_with(factory, vendor.vendor, Role.vendor_approver)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    extension = (await request_extension(client, partner.rep, registration_id, days=20))[
        "extension"
    ]
    before = await read(client, approver, registration_id)

    response = await post(
        client,
        approver,
        registration_id,
        f"extensions/{extension['id']}/decision",
        {"decision": "grant"},
        version=before["version"],
    )
    assert response.status_code == 200, response.text
    registration, decided = response.json()["registration"], response.json()["extension"]
    assert (
        response.headers["etag"] == f'"{registration["version"]}"' == f'"{before["version"] + 1}"'
    )
    assert when(registration["expires_at"]) - when(before["expires_at"]) == timedelta(days=20)
    assert (registration["extensions_granted"], registration["extension_pending"]) == (1, False)
    assert registration["status"] == "approved"
    assert (decided["status"], decided["granted_days"], decided["decided_by"]) == (
        "granted",
        20,
        str(approver_id),
    )
    assert decided["decided_at"] is not None
    seen = await read(client, partner.rep, registration_id)
    assert (seen["expires_at"], seen["extensions_granted"]) == (registration["expires_at"], 1)
    assert await events_of(db, registration_id, "registration.extension_granted") == 1


async def test_the_vendor_may_grant_fewer_days_but_never_more(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    extension = (await request_extension(client, partner.rep, registration_id, days=10))[
        "extension"
    ]
    decision = f"extensions/{extension['id']}/decision"
    before = await read(client, vendor.approver, registration_id)

    more = await post(
        client,
        vendor.approver,
        registration_id,
        decision,
        {"decision": "grant", "days": 11},
        version=3,
    )
    assert_problem(more, 422, pointer="/days")
    assert await read(client, vendor.approver, registration_id) == before

    fewer = await post(
        client,
        vendor.approver,
        registration_id,
        decision,
        {"decision": "grant", "days": 4},
        version=3,
    )
    assert fewer.status_code == 200, fewer.text
    after = fewer.json()["registration"]
    assert when(after["expires_at"]) - when(before["expires_at"]) == timedelta(days=4)
    assert fewer.json()["extension"]["granted_days"] == 4


async def test_refusing_an_extension_needs_a_reason(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    extension = (await request_extension(client, partner.rep, registration_id))["extension"]
    decision = f"extensions/{extension['id']}/decision"
    before = await read(client, vendor.approver, registration_id)
    rows = await history_rows(db, registration_id)

    bare = await post(
        client, vendor.approver, registration_id, decision, {"decision": "refuse"}, version=3
    )
    assert_problem(bare, 422, pointer="/reason")
    assert await read(client, vendor.approver, registration_id) == before
    assert await history_rows(db, registration_id) == rows

    reason = "The customer has not engaged in 60 days"
    refused = await post(
        client,
        vendor.approver,
        registration_id,
        decision,
        {"decision": "refuse", "reason": reason},
        version=3,
    )
    assert refused.status_code == 200, refused.text
    registration, decided = refused.json()["registration"], refused.json()["extension"]
    assert (decided["status"], decided["decision_reason"], decided["granted_days"]) == (
        "refused",
        reason,
        None,
    )
    assert registration["expires_at"] == before["expires_at"]
    assert (registration["extension_pending"], registration["extensions_granted"]) == (False, 0)
    assert registration["version"] == 4
    assert await events_of(db, registration_id, "registration.extension_refused") == 1


async def test_an_extension_is_decided_once(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    extension = (await request_extension(client, partner.rep, registration_id))["extension"]
    decision = f"extensions/{extension['id']}/decision"
    granted = await post(
        client, vendor.approver, registration_id, decision, {"decision": "grant"}, version=3
    )
    assert granted.status_code == 200, granted.text
    after = await read(client, vendor.approver, registration_id)
    rows = await history_rows(db, registration_id)

    for body in ({"decision": "grant"}, {"decision": "refuse", "reason": "Changed our mind"}):
        again = await post(client, vendor.approver, registration_id, decision, body, version=4)
        assert_problem(again, 409, "extension-not-allowed")
    assert await read(client, vendor.approver, registration_id) == after
    assert await history_rows(db, registration_id) == rows


async def test_deciding_an_unknown_extension_is_a_404(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    other_id = await registered_and_approved(client, db, partner.rep, vendor)
    others = (await request_extension(client, partner.rep, other_id))["extension"]["id"]

    # Neither an id that does not exist nor another registration's request.
    for extension_id in (str(uuid.uuid4()), others):
        response = await post(
            client,
            vendor.approver,
            registration_id,
            f"extensions/{extension_id}/decision",
            {"decision": "grant"},
            version=2,
        )
        assert_problem(response, 404, "extension-request-not-found")
    assert (await read(client, vendor.approver, other_id))["extension_pending"] is True


async def test_the_extensions_of_a_registration_are_listed_oldest_first(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory, max_extensions=3)
    partner = await partner_setup(factory, vendor)
    registration_id = await registered_and_approved(client, db, partner.rep, vendor)
    first = (await request_extension(client, partner.rep, registration_id, days=5))["extension"]
    refusal = {"decision": "refuse", "reason": "Not yet"}
    refused = await post(
        client,
        vendor.approver,
        registration_id,
        f"extensions/{first['id']}/decision",
        refusal,
        version=3,
    )
    assert refused.status_code == 200, refused.text
    second = (await request_extension(client, partner.rep, registration_id, days=7))["extension"]

    response = await client.get(url(registration_id, "extensions"), headers=partner.rep)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert [(i["id"], i["days"], i["status"]) for i in items] == [
        (first["id"], 5, "refused"),
        (second["id"], 7, "pending"),
    ]
    assert items[0]["decision_reason"] == "Not yet"


async def test_closing_the_sale_refuses_an_extension_still_waiting_for_the_vendor(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    acme = await vendor_setup(factory)
    partner = await partner_setup(factory, acme)
    deal = await submit(client, partner.rep, deal_body(line(acme)))
    url = f"{REGISTRATIONS}/{deal['registrations'][0]['id']}"
    registration = await approve(db, deal["registrations"][0]["id"])
    asked = await client.post(
        f"{url}/extensions",
        json={"days": 10, "reason": "budget"},
        headers=partner.rep | if_match(registration.version),
    )
    assert asked.status_code == 201, asked.text

    won = await client.post(
        f"{url}/stage",
        json={"stage": "closed_won"},
        headers=partner.rep | if_match(asked.json()["registration"]["version"]),
    )

    assert won.status_code == 200, won.text
    assert (won.json()["status"], won.json()["extension_pending"]) == ("won", False)
    [extension] = (await client.get(f"{url}/extensions", headers=partner.rep)).json()["items"]
    assert (extension["status"], extension["decision_reason"]) == ("refused", "registration won")
