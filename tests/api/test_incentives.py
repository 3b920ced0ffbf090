"""Incentives: a program's versioned plans (`/v1/programs/{id}/incentive-plans`), the earnings a
registration's events settle into the ledger (pinned to the plan version it was submitted under,
each milestone once, the per-deal cap, the partner's tier, clawbacks), reading the ledger
(`/v1/registrations/{id}/earnings`, `/v1/me/earnings`, `/v1/earnings`), and the database keeping
the ledger append-only.

The settle job is run as a worker runs it: in a transaction of its own (here a savepoint of the
test's transaction, released), so it reads registrations as the requests left them."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.incentives.models import Earning, Entry, IncentivePlan
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import Role, Tier
from dealreg.registrations.models import Registration
from dealreg.worker.jobs import REGISTRY
from tests.clocks import act, register
from tests.deals import (
    REGISTRATIONS,
    PartnerSetup,
    VendorSetup,
    approve,
    partner_setup,
    vendor_setup,
)
from tests.factories import Factory
from tests.incentives.helpers import (
    PAID,
    PLAN,
    Headers,
    Json,
    Settle,
    approved,
    create_plan,
    enrolled_at,
    ledger_of,
    plans_url,
    settle_jobs_for,
    settler,
    shown,
    stage,
)
from tests.problems import assert_problem, count_rows, if_match, pointers


@pytest.fixture
def settle(sessionmaker: async_sessionmaker[AsyncSession]) -> Settle:
    return settler(sessionmaker)


# --- plans -------------------------------------------------------------------------------------


async def test_a_vendor_admin_makes_plan_versions_read_newest_first(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory, currency="EUR")
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)

    first = await client.post(plans_url(vendor.program), json=PLAN, headers=admin)
    assert first.status_code == 201, first.text
    assert first.headers["location"] == plans_url(vendor.program, 1)
    v1 = first.json()
    assert v1 | {"id": None, "created_at": None} == {
        "id": None,
        "program_id": str(vendor.program.id),
        "vendor_id": str(vendor.vendor.id),
        "version": 1,
        # The program's currency: amounts are minor units of it.
        "currency": "EUR",
        "margin_rate_bp": 2000,
        "pays": PLAN["pays"],
        "per_deal_cap": None,
        "tier_multipliers_bp": {},
        "clawback_days": 90,
        "clawback_on_closed_lost": False,
        "note": None,
        "created_at": None,
    }

    changes = {
        "per_deal_cap": 100_000,
        "tier_multipliers_bp": {"gold": 12_500},
        "clawback_days": 30,
        "clawback_on_closed_lost": True,
        "note": "Q3 push",
    }
    second = await client.post(plans_url(vendor.program), json=PLAN | changes, headers=admin)
    assert second.status_code == 201, second.text
    assert second.headers["location"] == plans_url(vendor.program, 2)
    v2 = second.json()
    assert (v2["version"], v2["currency"]) == (2, "EUR")
    assert {key: v2[key] for key in changes} == changes

    listed = await client.get(plans_url(vendor.program), headers=admin)
    assert listed.status_code == 200, listed.text
    assert listed.json()["items"] == [v2, v1]
    for version, plan in ((1, v1), (2, v2)):
        read = await client.get(plans_url(vendor.program, version), headers=admin)
        assert read.status_code == 200, read.text
        assert read.json() == plan


async def test_plans_of_a_program_the_caller_cannot_see_are_not_found(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    await create_plan(client, admin, vendor.program)
    assert_problem(
        await client.get(plans_url(vendor.program, 2), headers=admin),
        404,
        "incentive-plan-not-found",
    )

    other_admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    for url in (plans_url(vendor.program), plans_url(vendor.program, 1)):
        assert_problem(await client.get(url, headers=other_admin), 404, "program-not-found")
    # Another vendor's admin cannot tell the program exists, let alone make a plan for it.
    refused = await client.post(plans_url(vendor.program), json=PLAN, headers=other_admin)
    assert_problem(refused, 404, "program-not-found")

    # A partner reads the plans of the vendors it is enrolled with, and only those.
    enrolled = await partner_setup(factory, vendor)
    listed = await client.get(plans_url(vendor.program), headers=enrolled.rep)
    assert listed.status_code == 200, listed.text
    assert [plan["version"] for plan in listed.json()["items"]] == [1]
    read = await client.get(plans_url(vendor.program, 1), headers=enrolled.rep)
    assert read.status_code == 200, read.text
    stranger = await partner_setup(factory)
    assert_problem(
        await client.get(plans_url(vendor.program), headers=stranger.rep), 404, "program-not-found"
    )
    assert await count_rows(db, IncentivePlan, IncentivePlan.program_id == vendor.program.id) == 1


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_system])
async def test_only_a_vendor_admin_makes_plans(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, role: Role
) -> None:
    vendor = await vendor_setup(factory)
    headers = await factory.headers_for(vendor.vendor, role)
    refused = await client.post(plans_url(vendor.program), json=PLAN, headers=headers)
    assert_problem(refused, 403, "forbidden")
    partner = await partner_setup(factory, vendor)
    for headers in (partner.rep, partner.admin):
        refused = await client.post(plans_url(vendor.program), json=PLAN, headers=headers)
        assert_problem(refused, 403, "forbidden")
    assert await count_rows(db, IncentivePlan, IncentivePlan.program_id == vendor.program.id) == 0


def paying(*pays: Json) -> Json:
    return {"pays": list(pays)}


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"margin_rate_bp": 10_001}, "/margin_rate_bp"),
        ({"margin_rate_bp": -1}, "/margin_rate_bp"),
        ({"pays": []}, "/pays"),
        (
            paying(
                {"milestone": "registration", "fixed": 1},
                {"milestone": "registration", "margin_share_bp": 1},
            ),
            "/pays/1/milestone",
        ),
        (paying({"milestone": "registration", "fixed": 1, "margin_share_bp": 1}), "/pays/0"),
        (paying({"milestone": "registration"}), "/pays/0"),
        (paying({"milestone": "registration", "fixed": -1}), "/pays/0/fixed"),
        (paying({"milestone": "close", "margin_share_bp": 10_001}), "/pays/0/margin_share_bp"),
        ({"per_deal_cap": -1}, "/per_deal_cap"),
        ({"tier_multipliers_bp": {"gold": 50_001}}, "/tier_multipliers_bp/gold"),
        ({"tier_multipliers_bp": {"silver": -1}}, "/tier_multipliers_bp/silver"),
        ({"clawback_days": -1}, "/clawback_days"),
        ({"clawback_days": 3651}, "/clawback_days"),
        # Malformed, not just out of range: the schema refuses these.
        (paying({"milestone": "registration", "fixed": 1, "bonus": 2}), "/pays/0/bonus"),
        (paying({"milestone": "kickoff", "fixed": 1}), "/pays/0/milestone"),
        (paying({"milestone": "registration", "fixed": 1.5}), "/pays/0/fixed"),
        ({"margin_rate_bp": "20%"}, "/margin_rate_bp"),
        # msgspec names the mapping, not the key, when a key is not a tier.
        ({"tier_multipliers_bp": {"diamond": 12_000}}, "/tier_multipliers_bp"),
        ({"pays": None}, "/pays"),
        ({"margin_rate_bp": 2**70}, "/margin_rate_bp"),
        ({"clawback_on_closed_lost": "yes"}, "/clawback_on_closed_lost"),
    ],
)
async def test_an_invalid_plan_is_refused_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, changes: Json, pointer: str
) -> None:
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    response = await client.post(plans_url(vendor.program), json=PLAN | changes, headers=admin)
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await count_rows(db, IncentivePlan, IncentivePlan.program_id == vendor.program.id) == 0


async def test_every_rule_a_plan_breaks_is_pointed_at_at_once(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    body = {
        "margin_rate_bp": 10_001,
        "pays": [
            {"milestone": "registration", "fixed": 1, "margin_share_bp": 1},
            {"milestone": "registration", "fixed": 5},
            {"milestone": "proposal", "fixed": -1},
            {"milestone": "close", "margin_share_bp": 10_001},
            {"milestone": "negotiation"},
        ],
        "per_deal_cap": -1,
        "tier_multipliers_bp": {"gold": 50_001, "silver": 12_000},
        "clawback_days": -1,
    }
    response = await client.post(plans_url(vendor.program), json=body, headers=admin)
    problem = assert_problem(response, 422, "validation-error")
    assert sorted(pointers(problem)) == sorted(
        [
            "/margin_rate_bp",
            "/pays/0",
            "/pays/1/milestone",
            "/pays/2/fixed",
            "/pays/3/margin_share_bp",
            "/pays/4",
            "/per_deal_cap",
            "/tier_multipliers_bp/gold",
            "/clawback_days",
        ]
    )
    assert await count_rows(db, IncentivePlan, IncentivePlan.program_id == vendor.program.id) == 0


async def test_an_unknown_plan_field_is_refused_not_ignored(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    # A misspelt field (`clawback_day`) silently ignored would leave the default (90 days) in
    # force while the admin believes otherwise; every other request body refuses unknown fields.
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    body = PLAN | {"clawback_day": 10}
    response = await client.post(plans_url(vendor.program), json=body, headers=admin)
    assert_problem(response, 422, "validation-error", pointer="/clawback_day")
    assert await count_rows(db, IncentivePlan, IncentivePlan.program_id == vendor.program.id) == 0


@pytest.fixture
async def vendor(factory: Factory) -> VendorSetup:
    return await vendor_setup(factory)


@pytest.fixture
async def admin(factory: Factory, vendor: VendorSetup) -> Headers:
    return await factory.headers_for(vendor.vendor, Role.vendor_admin)


@pytest.fixture
async def partner(factory: Factory, vendor: VendorSetup) -> PartnerSetup:
    return await partner_setup(factory, vendor)


# --- which plan a registration earns by ------------------------------------------------------


async def test_a_registration_keeps_the_plan_version_it_was_submitted_under(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    v1 = await create_plan(client, admin, vendor.program)
    under_v1 = await register(client, partner, vendor)
    v2_pays = [{"milestone": "registration", "fixed": 80_000}]
    v2 = await create_plan(client, admin, vendor.program, pays=v2_pays)
    under_v2 = await register(client, partner, vendor)

    pinned = dict(
        (
            await db.execute(
                select(Registration.id, Registration.incentive_plan_id).where(
                    Registration.id.in_([uuid.UUID(under_v1), uuid.UUID(under_v2)])
                )
            )
        ).all()
    )
    assert pinned == {
        uuid.UUID(under_v1): uuid.UUID(v1["id"]),
        uuid.UUID(under_v2): uuid.UUID(v2["id"]),
    }

    for registration_id in (under_v1, under_v2):
        await act(client, vendor.approver, registration_id, "approve", {})
        await stage(client, partner.rep, registration_id, "proposal")
    old = await settle(under_v1)
    assert shown(old) == [
        ("registration", "earning", PAID["registration"]),
        ("proposal", "earning", PAID["proposal"]),
    ]
    assert {row.plan_id for row in old} == {uuid.UUID(v1["id"])}
    new = await settle(under_v2)
    # v2 pays nothing at proposal.
    assert shown(new) == [("registration", "earning", 80_000)]
    assert {row.plan_id for row in new} == {uuid.UUID(v2["id"])}


async def test_a_program_without_a_plan_earns_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    registration_id = await approved(client, vendor, partner, "proposal")
    registration = await db.get_one(Registration, uuid.UUID(registration_id))
    assert registration.incentive_plan_id is None
    assert await settle_jobs_for(db, registration_id) == []
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == []


async def test_a_registration_made_without_a_plan_keeps_earning_nothing_once_a_plan_exists(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    registration_id = await register(client, partner, vendor)
    await create_plan(client, admin, vendor.program)
    await act(client, vendor.approver, registration_id, "approve", {})
    assert await settle_jobs_for(db, registration_id) == []
    assert await settle(registration_id) == []
    assert await count_rows(db, Earning, Earning.registration_id == uuid.UUID(registration_id)) == 0


# --- settling ----------------------------------------------------------------------------------


async def test_approval_enqueues_the_settle_job_which_earns_the_registration_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    plan = await create_plan(client, admin, vendor.program)
    registration_id = await register(client, partner, vendor)
    assert await settle_jobs_for(db, registration_id) == []

    await act(client, vendor.approver, registration_id, "approve", {})
    (message,) = await settle_jobs_for(db, registration_id)
    assert message.payload == {"registration_id": registration_id}
    async with sessionmaker() as session:
        await REGISTRY[message.job].fn(session, **message.payload)
        await session.commit()

    (earning,) = await db.scalars(
        select(Earning).where(Earning.registration_id == uuid.UUID(registration_id))
    )
    assert (earning.milestone.value, earning.entry, earning.amount, earning.currency) == (
        "registration",
        Entry.earning,
        PAID["registration"],
        "USD",
    )
    assert (earning.plan_id, earning.rep_id, earning.partner_id, earning.vendor_id) == (
        uuid.UUID(plan["id"]),
        partner.rep_id,
        partner.partner.id,
        vendor.vendor.id,
    )
    assert (earning.reverses_id, earning.reason) == (None, None)

    # A replayed job finds the milestone earned.
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"])
    ]


async def test_an_auto_approved_registration_is_settled_too(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program)
    program_url = f"/v1/programs/{vendor.program.id}"
    current = await client.get(program_url, headers=admin)
    rules = await client.put(
        f"{program_url}/auto-approve-rules",
        # An empty rule approves every registration at submission.
        json={"rules": [{}]},
        headers=admin | if_match(current.json()["version"]),
    )
    assert rules.status_code == 200, rules.text
    registration_id = await register(client, partner, vendor)
    assert len(await settle_jobs_for(db, registration_id)) == 1
    assert shown(await settle(registration_id)) == [
        ("registration", "earning", PAID["registration"])
    ]


async def test_each_stage_reached_earns_its_milestone_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program)
    registration_id = await approved(client, vendor, partner)
    assert shown(await settle(registration_id)) == [
        ("registration", "earning", PAID["registration"])
    ]
    # Qualified is no milestone.
    await stage(client, partner.rep, registration_id, "qualified")
    assert await settle(registration_id) == []
    await stage(client, partner.rep, registration_id, "proposal")
    # Approved, qualified, proposal: each event enqueued a settle.
    assert len(await settle_jobs_for(db, registration_id)) == 3
    assert shown(await settle(registration_id)) == [("proposal", "earning", PAID["proposal"])]
    assert await settle(registration_id) == []
    await stage(client, partner.rep, registration_id, "negotiation")
    assert shown(await settle(registration_id)) == [("negotiation", "earning", PAID["negotiation"])]
    await stage(client, partner.rep, registration_id, "closed_won")
    assert shown(await settle(registration_id)) == [("close", "earning", PAID["close"])]
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_a_skipped_stage_is_earned_in_order_within_the_per_deal_cap(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program, per_deal_cap=140_000)
    registration_id = await approved(client, vendor, partner)
    assert shown(await settle(registration_id)) == [("registration", "earning", 50_000)]
    # Straight from approval to negotiation: proposal was passed on the way.
    await stage(client, partner.rep, registration_id, "negotiation")
    assert shown(await settle(registration_id)) == [
        ("proposal", "earning", 75_000),
        # 30_000 owed; 15_000 left under the cap.
        ("negotiation", "earning", 15_000),
    ]
    await stage(client, partner.rep, registration_id, "closed_won")
    assert shown(await settle(registration_id)) == [("close", "earning", 0)]
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", 50_000),
        ("proposal", "earning", 75_000),
        ("negotiation", "earning", 15_000),
        ("close", "earning", 0),
    ]


async def test_closed_won_straight_after_approval_earns_every_milestone_in_order(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program)
    registration_id = await approved(client, vendor, partner, "closed_won")
    assert shown(await settle(registration_id)) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]
    assert await ledger_of(db, registration_id) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_the_partners_tier_multiplies_what_each_milestone_pays(
    client: httpx.AsyncClient,
    factory: Factory,
    vendor: VendorSetup,
    admin: Headers,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program, tier_multipliers_bp={"platinum": 10_003})
    platinum = await enrolled_at(factory, vendor, Tier.platinum)
    multiplied = await approved(client, vendor, platinum, "closed_won")
    assert shown(await settle(multiplied)) == [
        ("registration", "earning", 50_015),
        # 75_022.5: the tie goes to the even neighbour.
        ("proposal", "earning", 75_022),
        ("negotiation", "earning", 30_009),
        ("close", "earning", 150_045),
    ]
    # A tier the plan does not name earns the base rate.
    silver = await enrolled_at(factory, vendor, Tier.silver)
    base = await approved(client, vendor, silver, "closed_won")
    assert shown(await settle(base)) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_closed_lost_within_the_window_claws_back_every_earning_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program, clawback_on_closed_lost=True)
    registration_id = await approved(client, vendor, partner, "proposal")
    earnings = await settle(registration_id)
    assert len(earnings) == 2
    await stage(client, vendor.approver, registration_id, "closed_lost")
    reversals = await settle(registration_id)
    assert sorted(
        (row.entry, row.milestone, row.amount, row.reverses_id, row.reason) for row in reversals
    ) == sorted(
        (Entry.reversal, row.milestone, -row.amount, row.id, "clawback: closed lost")
        for row in earnings
    )
    assert {row.plan_id for row in reversals} == {row.plan_id for row in earnings}
    # Settling again after the clawback finds every earning reversed.
    assert await settle(registration_id) == []
    ledger = await ledger_of(db, registration_id)
    assert len(ledger) == 4
    assert sum(amount for _, _, amount in ledger) == 0


async def test_closed_lost_claws_back_nothing_where_the_plan_says_so(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program, clawback_on_closed_lost=False)
    registration_id = await approved(client, vendor, partner, "proposal")
    assert len(await settle(registration_id)) == 2
    await stage(client, vendor.approver, registration_id, "closed_lost")
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"]),
        ("proposal", "earning", PAID["proposal"]),
    ]


async def test_closed_lost_after_the_window_claws_back_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program, clawback_on_closed_lost=True, clawback_days=5)
    registration_id = await register(client, partner, vendor)
    await approve(db, registration_id, at=datetime.now(UTC) - timedelta(days=6))
    assert len(await settle(registration_id)) == 1
    await stage(client, vendor.approver, registration_id, "closed_lost")
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"])
    ]


# --- reading the ledger ------------------------------------------------------------------------


@dataclass
class World:
    vendor: VendorSetup
    admin: Headers
    partner: PartnerSetup
    colleague: Headers
    colleague_id: uuid.UUID
    other_partner: PartnerSetup
    other_vendor: VendorSetup
    other_vendor_admin: Headers
    ops: Headers
    # Registration ids: the rep's one at proposal and its lost one (clawed back), the
    # colleague's, the other partner's, and one at the other vendor's.
    at_proposal: str
    lost: str
    colleagues: str
    other_partners: str
    other_vendors: str


@pytest.fixture
async def world(client: httpx.AsyncClient, factory: Factory, settle: Settle) -> World:
    vendor = await vendor_setup(factory)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    await create_plan(client, admin, vendor.program, clawback_on_closed_lost=True)
    partner = await partner_setup(factory, vendor)
    colleague_user = await factory.user(partner.partner, Role.partner_rep)
    colleague = {"Authorization": f"Bearer {factory.token(colleague_user, partner.partner)}"}
    colleague_setup = PartnerSetup(partner.partner, colleague, colleague_user.id, partner.admin)
    other_partner = await partner_setup(factory, vendor)
    other_vendor = await vendor_setup(factory)
    other_vendor_admin = await factory.headers_for(other_vendor.vendor, Role.vendor_admin)
    await create_plan(client, other_vendor_admin, other_vendor.program)
    other_vendors_partner = await partner_setup(factory, other_vendor)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    at_proposal = await approved(client, vendor, partner, "proposal")
    lost = await approved(client, vendor, partner)
    colleagues = await approved(client, vendor, colleague_setup)
    other_partners = await approved(client, vendor, other_partner)
    other_vendors = await approved(client, other_vendor, other_vendors_partner)
    for registration_id in (at_proposal, lost, colleagues, other_partners, other_vendors):
        await settle(registration_id)
    await stage(client, vendor.approver, lost, "closed_lost")
    assert len(await settle(lost)) == 1
    return World(
        vendor,
        admin,
        partner,
        colleague,
        colleague_user.id,
        other_partner,
        other_vendor,
        other_vendor_admin,
        ops,
        at_proposal,
        lost,
        colleagues,
        other_partners,
        other_vendors,
    )


async def ids_of(db: AsyncSession, *registration_ids: str) -> set[str]:
    rows = await db.scalars(
        select(Earning.id).where(
            Earning.registration_id.in_([uuid.UUID(rid) for rid in registration_ids])
        )
    )
    return {str(earning_id) for earning_id in rows}


async def test_a_registrations_earnings_are_read_by_those_who_may_see_it(
    client: httpx.AsyncClient, world: World
) -> None:
    url = f"{REGISTRATIONS}/{world.at_proposal}/earnings"
    for headers in (world.partner.rep, world.partner.admin, world.admin, world.ops):
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        entries = response.json()
        assert [(e["milestone"], e["entry"], e["amount"], e["status"]) for e in entries] == [
            ("registration", "earning", PAID["registration"], "approved"),
            ("proposal", "earning", PAID["proposal"], "approved"),
        ]
        assert {e["registration_id"] for e in entries} == {world.at_proposal}
        assert {e["rep_id"] for e in entries} == {str(world.partner.rep_id)}
        assert {(e["currency"], e["payout_id"]) for e in entries} == {("USD", None)}

    lost = await client.get(f"{REGISTRATIONS}/{world.lost}/earnings", headers=world.partner.rep)
    assert lost.status_code == 200, lost.text
    earning, reversal = lost.json()
    assert (earning["entry"], earning["status"]) == ("earning", "reversed")
    assert (reversal["entry"], reversal["amount"], reversal["status"]) == (
        "reversal",
        -PAID["registration"],
        "reversed",
    )
    assert reversal["reverses_id"] == earning["id"]

    for headers in (world.colleague, world.other_partner.rep, world.other_vendor_admin):
        assert_problem(await client.get(url, headers=headers), 404, "registration-not-found")


async def test_my_earnings_total_by_status_then_list_deals_most_recent_first(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    response = await client.get("/v1/me/earnings", headers=world.partner.rep)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["totals"] == [
        {
            "status": "approved",
            "currency": "USD",
            "amount": PAID["registration"] + PAID["proposal"],
            "entries": 2,
        },
        # The earning clawed back; its reversal cancels it and is left out of the sum.
        {"status": "reversed", "currency": "USD", "amount": PAID["registration"], "entries": 2},
    ]
    rows = (
        await db.execute(
            select(Earning.id, Earning.earned_at, Registration.deal_id)
            .join(Registration, Registration.id == Earning.registration_id)
            .where(Earning.rep_id == world.partner.rep_id)
            .order_by(Earning.earned_at.desc(), Earning.id.desc())
        )
    ).all()
    deals_newest_first = list(dict.fromkeys(str(row.deal_id) for row in rows))
    assert len(deals_newest_first) == 2
    assert [deal["deal_id"] for deal in body["deals"]] == deals_newest_first
    for deal in body["deals"]:
        mine = [str(row.id) for row in rows if str(row.deal_id) == deal["deal_id"]]
        assert [entry["id"] for entry in deal["entries"]] == mine
        net = sum(entry["amount"] for entry in deal["entries"])
        assert deal["net"] == [{"currency": "USD", "amount": net}]
    lost_deal = next(d for d in body["deals"] if d["entries"][0]["status"] == "reversed")
    assert lost_deal["net"] == [{"currency": "USD", "amount": 0}]
    assert body["next_cursor"] is None

    paged: list[str] = []
    params: dict[str, Any] = {"limit": 1}
    while True:
        page = await client.get("/v1/me/earnings", params=params, headers=world.partner.rep)
        assert page.status_code == 200, page.text
        assert len(page.json()["deals"]) <= 1
        assert page.json()["totals"] == body["totals"]
        paged += [deal["deal_id"] for deal in page.json()["deals"]]
        assert len(paged) <= len(deals_newest_first), "the cursor never ran out"
        if page.json()["next_cursor"] is None:
            break
        params["cursor"] = page.json()["next_cursor"]
    assert paged == deals_newest_first

    reversed_only = await client.get(
        "/v1/earnings", params={"status": "reversed"}, headers=world.partner.rep
    )
    assert reversed_only.status_code == 200, reversed_only.text
    assert {item["id"] for item in reversed_only.json()["items"]} == await ids_of(db, world.lost)


async def test_the_ledger_list_shows_each_caller_what_it_may_see(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    async def listed(headers: Headers, **params: Any) -> set[str]:
        response = await client.get(
            "/v1/earnings", params={"limit": 200, **params}, headers=headers
        )
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    reps_own = await ids_of(db, world.at_proposal, world.lost)
    colleagues = await ids_of(db, world.colleagues)
    other_partners = await ids_of(db, world.other_partners)
    other_vendors = await ids_of(db, world.other_vendors)

    assert await listed(world.partner.rep) == reps_own
    # A rep cannot widen the view by naming a colleague.
    assert await listed(world.partner.rep, rep_id=str(world.colleague_id)) == set()
    assert await listed(world.partner.admin) == reps_own | colleagues
    assert await listed(world.partner.admin, rep_id=str(world.colleague_id)) == colleagues
    assert await listed(world.admin) == reps_own | colleagues | other_partners
    assert await listed(world.admin, partner_id=str(world.other_partner.partner.id)) == (
        other_partners
    )
    assert await listed(world.admin, status="reversed") == await ids_of(db, world.lost)
    assert await listed(world.other_vendor_admin) == other_vendors
    everything = reps_own | colleagues | other_partners | other_vendors
    assert await listed(world.ops) >= everything
    assert await listed(world.ops, vendor_id=str(world.other_vendor.vendor.id)) == other_vendors
    assert await listed(world.ops, status="approved") >= everything - await ids_of(db, world.lost)

    refused = await client.get("/v1/earnings", params={"status": "owed"}, headers=world.admin)
    assert_problem(refused, 400, "invalid-parameter")


# --- the ledger is append-only -----------------------------------------------------------------


async def test_the_database_refuses_to_change_or_delete_an_earning(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program)
    registration_id = await approved(client, vendor, partner)
    (earning,) = await settle(registration_id)
    for statement in (
        "UPDATE earnings SET amount = 0 WHERE id = :id",
        "UPDATE earnings SET reason = 'edited' WHERE id = :id",
        "DELETE FROM earnings WHERE id = :id",
        "TRUNCATE earnings CASCADE",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with db.begin_nested():
                await db.execute(text(statement), {"id": earning.id})
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"])
    ]


def copy_of(earning: Earning, **changes: Any) -> Earning:
    """A new ledger row like `earning`, with `changes`."""
    fields = {
        name: getattr(earning, name)
        for name in (
            "registration_id",
            "plan_id",
            "rep_id",
            "partner_id",
            "vendor_id",
            "milestone",
            "entry",
            "amount",
            "currency",
        )
    }
    return Earning(**(fields | changes))


def reversal_of(earning: Earning, **changes: Any) -> Earning:
    reversal = {
        "entry": Entry.reversal,
        "amount": -earning.amount,
        "reverses_id": earning.id,
        "reason": "test",
    }
    return copy_of(earning, **(reversal | changes))


async def inserted(db: AsyncSession, row: Earning) -> None:
    """`row` written in a savepoint, so that a refusal leaves the test's transaction usable."""
    async with db.begin_nested():
        db.add(row)
        await db.flush()


async def refused(db: AsyncSession, row: Earning, constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint):
        await inserted(db, row)


async def test_the_ledgers_constraints_hold_whoever_writes(
    client: httpx.AsyncClient,
    db: AsyncSession,
    vendor: VendorSetup,
    admin: Headers,
    partner: PartnerSetup,
    settle: Settle,
) -> None:
    await create_plan(client, admin, vendor.program)
    first = await approved(client, vendor, partner)
    second = await approved(client, vendor, partner)
    await settle(first)
    await settle(second)
    (earning,) = await db.scalars(
        select(Earning).where(Earning.registration_id == uuid.UUID(first))
    )
    (unreversed,) = await db.scalars(
        select(Earning).where(Earning.registration_id == uuid.UUID(second))
    )

    # A milestone is earned once per registration.
    await refused(db, copy_of(earning), "uq_earnings_registration_milestone")
    # A reversal reverses an entry of its own registration.
    await refused(
        db,
        reversal_of(earning, registration_id=uuid.UUID(second)),
        "fk_earnings_reverses_same_registration",
    )
    # An entry is reversed once.
    await inserted(db, reversal_of(earning))
    await refused(db, reversal_of(earning), "uq_earnings_reverses_id")
    # An earning is not negative and reverses nothing; a reversal is not positive.
    await refused(
        db, copy_of(earning, milestone=Milestone.close, amount=-1), "ck_earnings_entry_shape"
    )
    await refused(
        db,
        copy_of(unreversed, milestone=Milestone.close, reverses_id=unreversed.id),
        "ck_earnings_entry_shape",
    )
    await refused(db, reversal_of(unreversed, amount=1), "ck_earnings_entry_shape")
    assert await ledger_of(db, first) == [
        ("registration", "earning", PAID["registration"]),
        ("registration", "reversal", -PAID["registration"]),
    ]
