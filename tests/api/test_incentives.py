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

from dealreg.incentives.models import Earning, Entry
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import Role, Tier
from dealreg.registrations.models import Registration
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
    Enrolment,
    Headers,
    Json,
    Settle,
    approved,
    assert_clawed_back,
    copy_of,
    earnings_of,
    enrol,
    ledger_of,
    plans_made,
    plans_url,
    reversal_of,
    run_as_worker,
    settle_jobs_for,
    shown,
)
from tests.problems import assert_problem, count_rows, if_match, pointers

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
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, enrolment: Enrolment
) -> None:
    program = enrolment.vendor.program
    await enrolment.plan()
    assert_problem(
        await client.get(plans_url(program, 2), headers=enrolment.admin),
        404,
        "incentive-plan-not-found",
    )

    other_admin = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    for url in (plans_url(program), plans_url(program, 1)):
        assert_problem(await client.get(url, headers=other_admin), 404, "program-not-found")
    # Another vendor's admin cannot tell the program exists, let alone make a plan for it.
    refused = await client.post(plans_url(program), json=PLAN, headers=other_admin)
    assert_problem(refused, 404, "program-not-found")

    # A partner reads the plans of the vendors it is enrolled with, and only those.
    listed = await client.get(plans_url(program), headers=enrolment.partner.rep)
    assert listed.status_code == 200, listed.text
    assert [plan["version"] for plan in listed.json()["items"]] == [1]
    read = await client.get(plans_url(program, 1), headers=enrolment.partner.rep)
    assert read.status_code == 200, read.text
    stranger = await partner_setup(factory)
    assert_problem(
        await client.get(plans_url(program), headers=stranger.rep), 404, "program-not-found"
    )
    assert await plans_made(db, program) == 1


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_system])
async def test_only_a_vendor_admin_makes_plans(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, enrolment: Enrolment, role: Role
) -> None:
    program, partner = enrolment.vendor.program, enrolment.partner
    vendors = await factory.headers_for(enrolment.vendor.vendor, role)
    for headers in (vendors, partner.rep, partner.admin):
        refused = await client.post(plans_url(program), json=PLAN, headers=headers)
        assert_problem(refused, 403, "forbidden")
    assert await plans_made(db, program) == 0


def paying(*pays: Json) -> Json:
    return {"pays": list(pays)}


async def refused_plan(
    db: AsyncSession, enrolment: Enrolment, body: Json, *, pointer: str | None = None
) -> Json:
    """`body` posted as a plan is refused as invalid (at `pointer`, when given) and nothing is
    written; the problem."""
    program = enrolment.vendor.program
    response = await enrolment.client.post(plans_url(program), json=body, headers=enrolment.admin)
    problem = assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await plans_made(db, program) == 0
    return problem


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
        # A misspelt field (`clawback_day`) silently ignored would leave the default (90 days)
        # in force while the admin believes otherwise; every other request body refuses unknown
        # fields.
        pytest.param({"clawback_day": 10}, "/clawback_day", id="unknown-field-not-ignored"),
    ],
)
async def test_an_invalid_plan_is_refused_and_nothing_is_written(
    db: AsyncSession, enrolment: Enrolment, changes: Json, pointer: str
) -> None:
    await refused_plan(db, enrolment, PLAN | changes, pointer=pointer)


async def test_every_rule_a_plan_breaks_is_pointed_at_at_once(
    db: AsyncSession, enrolment: Enrolment
) -> None:
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
    problem = await refused_plan(db, enrolment, body)
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


# --- which plan a registration earns by ------------------------------------------------------


async def test_a_registration_keeps_the_plan_version_it_was_submitted_under(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    v1 = await enrolment.plan()
    under_v1 = await enrolment.registered()
    v2 = await enrolment.plan(pays=[{"milestone": "registration", "fixed": 80_000}])
    under_v2 = await enrolment.registered()

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
        await enrolment.approve(registration_id)
        await enrolment.stage(registration_id, "proposal")
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
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    registration_id = await enrolment.approved("proposal")
    registration = await db.get_one(Registration, uuid.UUID(registration_id))
    assert registration.incentive_plan_id is None
    assert await settle_jobs_for(db, registration_id) == []
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == []


async def test_a_registration_made_without_a_plan_keeps_earning_nothing_once_a_plan_exists(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    registration_id = await enrolment.registered()
    await enrolment.plan()
    await enrolment.approve(registration_id)
    assert await settle_jobs_for(db, registration_id) == []
    assert await settle(registration_id) == []
    assert await count_rows(db, Earning, Earning.registration_id == uuid.UUID(registration_id)) == 0


# --- settling ----------------------------------------------------------------------------------


async def test_approval_enqueues_the_settle_job_which_earns_the_registration_once(
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    enrolment: Enrolment,
    settle: Settle,
) -> None:
    plan = await enrolment.plan()
    registration_id = await enrolment.registered()
    assert await settle_jobs_for(db, registration_id) == []

    await enrolment.approve(registration_id)
    (message,) = await settle_jobs_for(db, registration_id)
    assert message.payload == {"registration_id": registration_id}
    await run_as_worker(sessionmaker, message)

    (earning,) = await earnings_of(db, registration_id)
    assert (earning.milestone.value, earning.entry, earning.amount, earning.currency) == (
        "registration",
        Entry.earning,
        PAID["registration"],
        "USD",
    )
    assert (earning.plan_id, earning.rep_id, earning.partner_id, earning.vendor_id) == (
        uuid.UUID(plan["id"]),
        enrolment.partner.rep_id,
        enrolment.partner.partner.id,
        enrolment.vendor.vendor.id,
    )
    assert (earning.reverses_id, earning.reason) == (None, None)

    # A replayed job finds the milestone earned.
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"])
    ]


async def test_an_auto_approved_registration_is_settled_too(
    client: httpx.AsyncClient, db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    program_url = f"/v1/programs/{enrolment.vendor.program.id}"
    current = await client.get(program_url, headers=enrolment.admin)
    rules = await client.put(
        f"{program_url}/auto-approve-rules",
        # An empty rule approves every registration at submission.
        json={"rules": [{}]},
        headers=enrolment.admin | if_match(current.json()["version"]),
    )
    assert rules.status_code == 200, rules.text
    registration_id = await enrolment.registered()
    assert len(await settle_jobs_for(db, registration_id)) == 1
    assert shown(await settle(registration_id)) == [
        ("registration", "earning", PAID["registration"])
    ]


async def test_each_stage_reached_earns_its_milestone_once(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    registration_id = await enrolment.approved()
    assert shown(await settle(registration_id)) == [
        ("registration", "earning", PAID["registration"])
    ]
    # Qualified is no milestone.
    await enrolment.stage(registration_id, "qualified")
    assert await settle(registration_id) == []
    await enrolment.stage(registration_id, "proposal")
    # Approved, qualified, proposal: each event enqueued a settle.
    assert len(await settle_jobs_for(db, registration_id)) == 3
    assert shown(await settle(registration_id)) == [("proposal", "earning", PAID["proposal"])]
    assert await settle(registration_id) == []
    await enrolment.stage(registration_id, "negotiation")
    assert shown(await settle(registration_id)) == [("negotiation", "earning", PAID["negotiation"])]
    await enrolment.stage(registration_id, "closed_won")
    assert shown(await settle(registration_id)) == [("close", "earning", PAID["close"])]
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_a_skipped_stage_is_earned_in_order_within_the_per_deal_cap(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan(per_deal_cap=140_000)
    registration_id = await enrolment.approved()
    assert shown(await settle(registration_id)) == [("registration", "earning", 50_000)]
    # Straight from approval to negotiation: proposal was passed on the way.
    await enrolment.stage(registration_id, "negotiation")
    assert shown(await settle(registration_id)) == [
        ("proposal", "earning", 75_000),
        # 30_000 owed; 15_000 left under the cap.
        ("negotiation", "earning", 15_000),
    ]
    await enrolment.stage(registration_id, "closed_won")
    assert shown(await settle(registration_id)) == [("close", "earning", 0)]
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", 50_000),
        ("proposal", "earning", 75_000),
        ("negotiation", "earning", 15_000),
        ("close", "earning", 0),
    ]


async def test_closed_won_straight_after_approval_earns_every_milestone_in_order(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    registration_id = await enrolment.approved("closed_won")
    assert shown(await settle(registration_id)) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]
    assert await ledger_of(db, registration_id) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_the_partners_tier_multiplies_what_each_milestone_pays(
    client: httpx.AsyncClient, factory: Factory, enrolment: Enrolment, settle: Settle
) -> None:
    vendor = enrolment.vendor
    await enrolment.plan(tier_multipliers_bp={"platinum": 10_003})
    platinum = await partner_setup(factory, vendor, tier=Tier.platinum)
    multiplied = await approved(client, vendor, platinum, "closed_won")
    assert shown(await settle(multiplied)) == [
        ("registration", "earning", 50_015),
        # 75_022.5: the tie goes to the even neighbour.
        ("proposal", "earning", 75_022),
        ("negotiation", "earning", 30_009),
        ("close", "earning", 150_045),
    ]
    # A tier the plan does not name earns the base rate.
    silver = await partner_setup(factory, vendor, tier=Tier.silver)
    base = await approved(client, vendor, silver, "closed_won")
    assert shown(await settle(base)) == [
        (milestone, "earning", amount) for milestone, amount in PAID.items()
    ]


async def test_closed_lost_within_the_window_claws_back_every_earning_once(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan(clawback_on_closed_lost=True)
    registration_id = await enrolment.approved("proposal")
    earnings = await settle(registration_id)
    assert len(earnings) == 2
    await enrolment.stage(registration_id, "closed_lost", by=enrolment.vendor.approver)
    assert_clawed_back(earnings, await settle(registration_id), "clawback: closed lost")
    # Settling again after the clawback finds every earning reversed.
    assert await settle(registration_id) == []
    ledger = await ledger_of(db, registration_id)
    assert len(ledger) == 4
    assert sum(amount for _, _, amount in ledger) == 0


async def test_closed_lost_claws_back_nothing_where_the_plan_says_so(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan(clawback_on_closed_lost=False)
    registration_id = await enrolment.approved("proposal")
    assert len(await settle(registration_id)) == 2
    await enrolment.stage(registration_id, "closed_lost", by=enrolment.vendor.approver)
    assert await settle(registration_id) == []
    assert await ledger_of(db, registration_id) == [
        ("registration", "earning", PAID["registration"]),
        ("proposal", "earning", PAID["proposal"]),
    ]


async def test_closed_lost_after_the_window_claws_back_nothing(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan(clawback_on_closed_lost=True, clawback_days=5)
    registration_id = await enrolment.registered()
    await approve(db, registration_id, at=datetime.now(UTC) - timedelta(days=6))
    assert len(await settle(registration_id)) == 1
    await enrolment.stage(registration_id, "closed_lost", by=enrolment.vendor.approver)
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
    ours = await enrol(client, factory)
    await ours.plan(clawback_on_closed_lost=True)
    vendor, partner = ours.vendor, ours.partner
    colleague_user = await factory.user(partner.partner, Role.partner_rep)
    colleague = {"Authorization": f"Bearer {factory.token(colleague_user, partner.partner)}"}
    colleague_setup = PartnerSetup(partner.partner, colleague, colleague_user.id, partner.admin)
    other_partner = await partner_setup(factory, vendor)
    theirs = await enrol(client, factory)
    await theirs.plan()
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)

    at_proposal = await ours.approved("proposal")
    lost = await ours.approved()
    colleagues = await approved(client, vendor, colleague_setup)
    other_partners = await approved(client, vendor, other_partner)
    other_vendors = await theirs.approved()
    for registration_id in (at_proposal, lost, colleagues, other_partners, other_vendors):
        await settle(registration_id)
    await ours.stage(lost, "closed_lost", by=vendor.approver)
    assert len(await settle(lost)) == 1
    return World(
        vendor,
        ours.admin,
        partner,
        colleague,
        colleague_user.id,
        other_partner,
        theirs.vendor,
        theirs.admin,
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
        entries = response.json()["items"]
        assert [(e["milestone"], e["entry"], e["amount"], e["status"]) for e in entries] == [
            ("registration", "earning", PAID["registration"], "approved"),
            ("proposal", "earning", PAID["proposal"], "approved"),
        ]
        assert {e["registration_id"] for e in entries} == {world.at_proposal}
        assert {e["rep_id"] for e in entries} == {str(world.partner.rep_id)}
        assert {(e["currency"], e["payout_id"]) for e in entries} == {("USD", None)}

    lost = await client.get(f"{REGISTRATIONS}/{world.lost}/earnings", headers=world.partner.rep)
    assert lost.status_code == 200, lost.text
    earning, reversal = lost.json()["items"]
    assert lost.json()["next_cursor"] is None
    assert (earning["entry"], earning["status"]) == ("earning", "reversed")
    assert (reversal["entry"], reversal["amount"], reversal["status"]) == (
        "reversal",
        -PAID["registration"],
        "reversed",
    )
    assert reversal["reverses_id"] == earning["id"]

    for headers in (world.colleague, world.other_partner.rep, world.other_vendor_admin):
        assert_problem(await client.get(url, headers=headers), 404, "registration-not-found")


async def test_a_registrations_earnings_page_like_every_other_list(
    client: httpx.AsyncClient, world: World
) -> None:
    url = f"{REGISTRATIONS}/{world.at_proposal}/earnings"
    whole = await client.get(url, headers=world.partner.rep)
    assert whole.status_code == 200, whole.text

    seen, params = [], {"limit": "1"}
    while True:
        page = await client.get(url, params=params, headers=world.partner.rep)
        assert page.status_code == 200, page.text
        seen += page.json()["items"]
        if page.json()["next_cursor"] is None:
            break
        params["cursor"] = page.json()["next_cursor"]
    assert seen == whole.json()["items"]
    assert len(seen) == 2

    bad = await client.get(url, params={"cursor": "not-a-cursor"}, headers=world.partner.rep)
    assert_problem(bad, 400)


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
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    registration_id = await enrolment.approved()
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


async def inserted(db: AsyncSession, row: Earning) -> None:
    """`row` written in a savepoint, so that a refusal leaves the test's transaction usable."""
    async with db.begin_nested():
        db.add(row)
        await db.flush()


async def refused(db: AsyncSession, row: Earning, constraint: str) -> None:
    with pytest.raises(IntegrityError, match=constraint):
        await inserted(db, row)


async def test_the_ledgers_constraints_hold_whoever_writes(
    db: AsyncSession, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    first = await enrolment.approved()
    second = await enrolment.approved()
    await settle(first)
    await settle(second)
    (earning,) = await earnings_of(db, first)
    (unreversed,) = await earnings_of(db, second)

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
