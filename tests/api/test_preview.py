"""`POST /v1/incentives/preview` (issue #7): what a deal draft would earn its rep, per vendor and
milestone. A preview is what the deal, registered then and taken to closed won, earns at each
vendor by the same plan version; it writes nothing; a draft POST /v1/deals would refuse is refused
alike; only the partner side previews.

The settle job is run as a worker runs it, in a transaction of its own (the `settle` fixture of
tests/api/conftest.py)."""

import uuid
from collections.abc import Callable

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Base
from dealreg.events.models import Event
from dealreg.incentives.models import Earning
from dealreg.incentives.terms import MILESTONES
from dealreg.orgs.models import Role, Tier
from dealreg.outbox.models import OutboxMessage
from dealreg.registrations.models import Deal, DealLine, Registration, RegistrationHistory
from tests.clocks import act
from tests.deals import (
    DEALS,
    REGISTRATIONS,
    VendorSetup,
    caller_in,
    close_date,
    deal_body,
    line,
    partner_setup,
    set_at,
    submit,
    vendor_setup,
    without_registrations_write,
)
from tests.factories import Factory
from tests.incentives.helpers import (
    CAPPED_PLAN,
    Enrolment,
    Headers,
    Json,
    Settle,
    create_plan,
    enrol,
    fixed,
    plan_body,
    share,
    stage,
)
from tests.problems import assert_problem, count_rows, pointers

PREVIEW = "/v1/incentives/preview"
# Everything submitting, approving and settling a deal writes.
WRITTEN: tuple[type[Base], ...] = (
    Deal,
    DealLine,
    Registration,
    RegistrationHistory,
    Earning,
    OutboxMessage,
    Event,
)

# Two milestones, no cap; a multiplier for gold only.
SHARE_PLAN = plan_body(
    1500,
    {"registration": share(1000), "close": share(6000)},
    tier_multipliers_bp={"gold": 15_000},
)


async def previewed(client: httpx.AsyncClient, headers: Headers, body: Json) -> Json:
    response = await client.post(PREVIEW, json=body, headers=headers)
    assert response.status_code == 200, response.text
    preview: Json = response.json()
    return preview


def by_vendor(preview: Json) -> dict[str, Json]:
    return {vendor["vendor_id"]: vendor for vendor in preview["vendors"]}


async def written(db: AsyncSession) -> dict[str, int]:
    return {model.__name__: await count_rows(db, model) for model in WRITTEN}


async def earned_when_closed_won(
    client: httpx.AsyncClient,
    settle: Settle,
    rep: Headers,
    body: Json,
    approvers: dict[str, Headers],
    *,
    via: tuple[str, ...] = (),
    settle_each: bool = False,
) -> dict[str, tuple[set[str], dict[str, int]]]:
    """Register `body`, have each vendor approve, report the stages `via` and then closed won,
    settling after each move or only at the end: per vendor id, the plan ids the earnings were
    made by and the amount of each milestone, from the ledger."""
    deal = await submit(client, rep, body)
    earned = {}
    for registration in deal["registrations"]:
        registration_id, vendor_id = registration["id"], registration["vendor_id"]
        await act(client, approvers[vendor_id], registration_id, "approve", {})
        for to in (*via, "closed_won"):
            if settle_each:
                await settle(registration_id)
            await stage(client, rep, registration_id, to)
        await settle(registration_id)
        response = await client.get(f"{REGISTRATIONS}/{registration_id}/earnings", headers=rep)
        assert response.status_code == 200, response.text
        entries = response.json()["items"]
        assert {entry["entry"] for entry in entries} <= {"earning"}
        earned[vendor_id] = (
            {entry["plan_id"] for entry in entries},
            {entry["milestone"]: entry["amount"] for entry in entries},
        )
    return earned


def naming(setup: VendorSetup) -> Json:
    """How a preview names `setup`'s vendor and program."""
    return {
        "vendor_id": str(setup.vendor.id),
        "vendor_name": setup.vendor.name,
        "program_id": str(setup.program.id),
    }


# A program without a standard registration discount, and no offer of the partner's
# (tests/engagement/test_offers.py previews both).
NO_DISCOUNT: Json = {
    "standard_discount_bp": 0,
    "offer_discount_bp": 0,
    "discount_bp": 0,
    "offer_id": None,
}


def milestones_of(vendor: Json) -> dict[str, int]:
    return {pay["milestone"]: pay["amount"] for pay in vendor["milestones"]}


# --- a preview is what is then earned ----------------------------------------------------------


async def test_a_preview_is_what_each_vendor_then_pays_for_the_same_deal_and_plan_version(
    client: httpx.AsyncClient, factory: Factory, settle: Settle
) -> None:
    acme = await vendor_setup(factory)
    nordlys = await vendor_setup(factory)
    acme_admin = await factory.headers_for(acme.vendor, Role.vendor_admin)
    nordlys_admin = await factory.headers_for(nordlys.vendor, Role.vendor_admin)
    # The version in force is the latest: registrations submitted now earn by v2.
    await create_plan(client, acme_admin, acme.program)
    acme_plan = await create_plan(client, acme_admin, acme.program, **CAPPED_PLAN)
    nordlys_plan = await create_plan(client, nordlys_admin, nordlys.program, **SHARE_PLAN)
    partner = await factory.partner()
    await factory.partnership(partner, acme.vendor, tier=Tier.gold)
    await factory.partnership(partner, nordlys.vendor, tier=Tier.silver)
    rep_user = await factory.user(partner, Role.partner_rep)
    rep = {"Authorization": f"Bearer {factory.token(rep_user, partner)}"}
    body = deal_body(
        line(acme),
        line(nordlys, quantity=3, unit_price=99_999),
        line(nordlys, 1, quantity=1, unit_price=12_345),
    )

    preview = await previewed(client, rep, body)

    assert preview["rep_id"] == str(rep_user.id)
    vendors = by_vendor(preview)
    assert vendors[str(acme.vendor.id)] == naming(acme) | NO_DISCOUNT | {
        "plan_id": acme_plan["id"],
        "plan_version": 2,
        "tier": "gold",
        "currency": "USD",
        "registration_amount": 1_500_000,
        "deal_margin": 300_000,
        # x1.25: 50 000, 93 750, 31 250, then 187 500 cut to what is left under the cap.
        "milestones": [
            {"milestone": "registration", "amount": 50_000},
            {"milestone": "proposal", "amount": 93_750},
            {"milestone": "negotiation", "amount": 31_250},
            {"milestone": "close", "amount": 25_000},
        ],
        "total": 200_000,
    }
    # 312 342 at 15 %: a margin of 46 851.3; silver has no multiplier in this plan.
    assert vendors[str(nordlys.vendor.id)] == naming(nordlys) | NO_DISCOUNT | {
        "plan_id": nordlys_plan["id"],
        "plan_version": 1,
        "tier": "silver",
        "currency": "USD",
        "registration_amount": 312_342,
        "deal_margin": 46_851,
        "milestones": [
            {"milestone": "registration", "amount": 4_685},
            {"milestone": "close", "amount": 28_111},
        ],
        "total": 32_796,
    }

    approvers = {str(acme.vendor.id): acme.approver, str(nordlys.vendor.id): nordlys.approver}
    earned = await earned_when_closed_won(client, settle, rep, body, approvers)
    assert set(earned) == set(vendors)
    for vendor_id, (plan_ids, amounts) in earned.items():
        assert plan_ids == {vendors[vendor_id]["plan_id"]}
        assert amounts == milestones_of(vendors[vendor_id])
        assert sum(amounts.values()) == vendors[vendor_id]["total"]


# Pays: for each milestone, nothing, a fixed amount or a share of the margin.
_PAY = st.one_of(
    st.none(),
    st.builds(lambda fixed: {"fixed": fixed}, st.integers(0, 10**8)),
    st.builds(lambda share: {"margin_share_bp": share}, st.integers(0, 10_000)),
)


@st.composite
def plans(draw: st.DrawFn) -> Json:
    pays = [
        {"milestone": milestone.value} | pay
        for milestone in MILESTONES
        if (pay := draw(_PAY)) is not None
    ]
    if not pays:
        pays = [{"milestone": draw(st.sampled_from(MILESTONES)).value, "fixed": 1}]
    return {
        "margin_rate_bp": draw(st.integers(0, 10_000)),
        "pays": pays,
        "per_deal_cap": draw(st.none() | st.integers(0, 10**8)),
        "tier_multipliers_bp": draw(
            st.dictionaries(st.sampled_from([t.value for t in Tier]), st.integers(0, 50_000))
        ),
    }


# (product index, quantity, unit price) of one to three lines.
LINES = st.lists(
    st.tuples(st.integers(0, 1), st.integers(1, 1_000_000), st.integers(0, 10**8)),
    min_size=1,
    max_size=3,
)


# The stages a rep may report on the way to closed won, in order.
VIA = st.lists(st.booleans(), min_size=3, max_size=3).map(
    lambda keep: tuple(
        s for s, kept in zip(("qualified", "proposal", "negotiation"), keep, strict=True) if kept
    )
)


@settings(
    max_examples=15,
    deadline=None,
    # Each example makes its own organizations and rolls them back at its end.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plan=plans(), tier=st.sampled_from(Tier), lines=LINES, via=VIA, settle_each=st.booleans())
# A tie at every rounding: the margin 7.5 (to 8), the registration 1 x 1.5 (to 2), the close
# 7.5 x 40 % x 1.5 = 4.5 (to 4).
@example(
    plan=plan_body(
        2500,
        {"registration": fixed(1), "close": share(4000)},
        per_deal_cap=None,
        tier_multipliers_bp={"gold": 15_000},
    ),
    tier=Tier.gold,
    lines=[(0, 1, 30)],
    via=(),
    settle_each=False,
)
# Earned a milestone at a time, the cap reached at negotiation.
@example(
    plan=CAPPED_PLAN | {"per_deal_cap": 150_000},
    tier=Tier.gold,
    lines=[(0, 10, 150_000)],
    via=("proposal", "negotiation"),
    settle_each=True,
)
async def test_a_preview_equals_what_is_earned_whatever_the_plan_the_lines_and_the_path(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    settle: Settle,
    plan: Json,
    tier: Tier,
    lines: list[tuple[int, int, int]],
    via: tuple[str, ...],
    settle_each: bool,
) -> None:
    savepoint = await db.begin_nested()
    try:
        enrolment = await enrol(client, factory, tier=tier)
        vendor, partner = enrolment.vendor, enrolment.partner
        made = await enrolment.plan(**plan)
        body = deal_body(*(line(vendor, i, quantity=q, unit_price=p) for i, q, p in lines))

        (preview,) = (await previewed(client, partner.rep, body))["vendors"]
        assert (preview["plan_id"], preview["plan_version"]) == (made["id"], 1)
        assert preview["tier"] == tier.value
        assert preview["registration_amount"] == sum(q * p for _, q, p in lines)
        assert preview["total"] == sum(milestones_of(preview).values())

        earned = await earned_when_closed_won(
            client,
            settle,
            partner.rep,
            body,
            {str(vendor.vendor.id): vendor.approver},
            via=via,
            settle_each=settle_each,
        )
        assert earned == {str(vendor.vendor.id): ({made["id"]}, milestones_of(preview))}
    finally:
        await savepoint.rollback()


# --- nothing is written ------------------------------------------------------------------------


async def test_a_preview_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, enrolment: Enrolment
) -> None:
    rep = enrolment.partner.rep
    await enrolment.plan(**CAPPED_PLAN)
    body = deal_body(line(enrolment.vendor))
    before = await written(db)

    first = await previewed(client, rep, body)
    # Previewing again finds no claim on the customer: the first preview registered nothing.
    assert await previewed(client, rep, body) == first
    assert first["vendors"][0]["total"] == 200_000
    assert await written(db) == before

    await submit(client, rep, body)
    assert await count_rows(db, Registration) == before["Registration"] + 1


# A rule of the vendors broken is an `invalid-deal`; a body not matching the schema, a
# `validation-error`.
@pytest.mark.parametrize(
    ("change", "type_suffix", "expected"),
    [
        pytest.param(
            set_at(("lines", 0, "sku"), "NO-SUCH-SKU"), "invalid-deal", ["/lines/0/sku"], id="sku"
        ),
        pytest.param(
            set_at(("opportunity", "expected_close_date"), close_date(-1)),
            "invalid-deal",
            ["/opportunity/expected_close_date"],
            id="close-date",
        ),
        pytest.param(
            set_at(("customer", "domain"), "co.uk"),
            "invalid-deal",
            ["/customer/domain"],
            id="domain",
        ),
        pytest.param(
            set_at(("opportunity", "currency"), "EUR"),
            "invalid-deal",
            ["/opportunity/currency"],
            id="currency",
        ),
        pytest.param(
            set_at(("lines", 1, "vendor_id"), str(uuid.uuid4())),
            "invalid-deal",
            ["/lines/1/vendor_id"],
            id="not-enrolled",
        ),
        pytest.param(
            set_at(("lines", 0, "quantity"), 0),
            "validation-error",
            ["/lines/0/quantity"],
            id="quantity-0",
        ),
        pytest.param(set_at(("discount",), 5), "validation-error", ["/discount"], id="unknown"),
        pytest.param(set_at(("lines",), []), "validation-error", ["/lines"], id="no-lines"),
    ],
)
async def test_a_draft_that_would_be_refused_is_refused_alike_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    enrolment: Enrolment,
    change: Callable[[Json], None],
    type_suffix: str,
    expected: list[str],
) -> None:
    rep = enrolment.partner.rep
    await enrolment.plan()
    body = deal_body(line(enrolment.vendor), line(enrolment.vendor, 1))
    change(body)
    before = await written(db)

    preview = assert_problem(await client.post(PREVIEW, json=body, headers=rep), 422, type_suffix)
    submission = assert_problem(await client.post(DEALS, json=body, headers=rep), 422, type_suffix)
    assert pointers(preview) == expected
    # The same problem, but for where it was asked.
    assert preview.pop("instance") == PREVIEW
    assert submission.pop("instance") == DEALS
    assert preview == submission
    assert await written(db) == before


# --- vendors without a plan, and rounding ------------------------------------------------------


async def test_a_vendor_without_a_plan_is_previewed_as_earning_nothing(
    client: httpx.AsyncClient, factory: Factory, settle: Settle
) -> None:
    planned = await vendor_setup(factory)
    unplanned = await vendor_setup(factory)
    admin = await factory.headers_for(planned.vendor, Role.vendor_admin)
    await create_plan(client, admin, planned.program)
    partner = await partner_setup(factory, planned, unplanned)
    body = deal_body(line(planned), line(unplanned, quantity=2, unit_price=700))

    vendors = by_vendor(await previewed(client, partner.rep, body))

    assert vendors[str(unplanned.vendor.id)] == naming(unplanned) | NO_DISCOUNT | {
        "plan_id": None,
        "plan_version": None,
        "tier": "gold",
        "currency": "USD",
        "registration_amount": 1_400,
        "deal_margin": None,
        "milestones": [],
        "total": 0,
    }
    assert vendors[str(planned.vendor.id)]["total"] == 305_000
    approvers = {
        str(planned.vendor.id): planned.approver,
        str(unplanned.vendor.id): unplanned.approver,
    }
    earned = await earned_when_closed_won(client, settle, partner.rep, body, approvers)
    assert earned[str(unplanned.vendor.id)] == (set(), {})


@pytest.mark.parametrize(
    ("amount", "margin"),
    [
        # 25 % of the amount: ties go to the even neighbour, the rest to the nearest.
        (10, 2),
        (30, 8),
        (13, 3),
        (15, 4),
        # Beyond what a float holds exactly: 249 999 999 999 998.5 and 249 999 999 999 997.5.
        (999_999_999_999_994, 249_999_999_999_998),
        (999_999_999_999_990, 249_999_999_999_998),
    ],
)
async def test_the_deal_margin_is_rounded_half_even_to_the_minor_unit(
    client: httpx.AsyncClient, enrolment: Enrolment, amount: int, margin: int
) -> None:
    await enrolment.plan(margin_rate_bp=2500)
    body = deal_body(line(enrolment.vendor, quantity=1, unit_price=amount))
    (preview,) = (await previewed(client, enrolment.partner.rep, body))["vendors"]
    assert (preview["registration_amount"], preview["deal_margin"]) == (amount, margin)


# --- who previews ------------------------------------------------------------------------------


async def test_the_partner_side_previews_for_its_reps(
    client: httpx.AsyncClient, factory: Factory, enrolment: Enrolment
) -> None:
    partner = enrolment.partner
    admin_user = await factory.user(partner.partner, Role.partner_admin)
    admin = {"Authorization": f"Bearer {factory.token(admin_user, partner.partner)}"}
    body = deal_body(line(enrolment.vendor))

    assert (await previewed(client, partner.rep, body))["rep_id"] == str(partner.rep_id)
    # A partner admin previews for themself, or for a rep they name.
    assert (await previewed(client, admin, body))["rep_id"] == str(admin_user.id)
    named = await previewed(client, admin, body | {"rep_id": str(partner.rep_id)})
    assert named["rep_id"] == str(partner.rep_id)
    # A rep previews for themself only, as they submit.
    other_rep = await factory.user(partner.partner, Role.partner_rep)
    refused = await client.post(
        PREVIEW, json=body | {"rep_id": str(other_rep.id)}, headers=partner.rep
    )
    assert_problem(refused, 422, "invalid-deal", pointer="/rep_id")


@pytest.mark.parametrize("role", [Role.vendor_approver, Role.vendor_admin, Role.vendor_system])
async def test_a_vendor_does_not_preview_it_has_the_scope_but_is_not_a_partner(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    vendor = await vendor_setup(factory)
    headers = await factory.headers_for(vendor.vendor, role)
    response = await client.post(PREVIEW, json=deal_body(line(vendor)), headers=headers)
    assert_problem(response, 403, "forbidden")
    # Refused by the rule that only a partner registers deals, not by a scope.
    assert "insufficient_scope" not in response.headers.get("www-authenticate", "")


@without_registrations_write
async def test_a_caller_without_the_registrations_write_scope_does_not_preview(
    client: httpx.AsyncClient, factory: Factory, org_kind: str, role: Role
) -> None:
    vendor = await vendor_setup(factory)
    headers = await caller_in(factory, vendor, org_kind, role)
    response = await client.post(PREVIEW, json=deal_body(line(vendor)), headers=headers)
    assert_problem(response, 403, "forbidden")
    challenge = response.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge
    assert 'scope="registrations:write"' in challenge


async def test_an_unauthenticated_preview_is_refused(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    response = await client.post(PREVIEW, json=deal_body(line(vendor)))
    assert_problem(response, 401, "unauthenticated")
