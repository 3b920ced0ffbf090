"""What a plan pays, as pure integer arithmetic: half-even rounding, each milestone's amount with
and without a tier multiplier, the per-deal cap as earnings accumulate, and the milestones a
stage reaches. Worked examples by hand, then properties against exact fractions."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealreg.incentives.terms import (
    BP,
    MILESTONES,
    Milestone,
    Pay,
    Terms,
    capped,
    reached,
    round_half_even,
    schedule,
    uncapped,
)
from dealreg.orgs.models import Tier
from dealreg.registrations.models import SalesStage

M = Milestone
# The deal the API tests register: 10 units at 150_000 minor units.
AMOUNT = 1_500_000


def terms(
    *pays: Pay, per_deal_cap: int | None = None, tier_multipliers_bp: dict[Tier, int] | None = None
) -> Terms:
    """A plan with a 20 % deal margin paying `pays`."""
    return Terms(
        margin_rate_bp=2000,
        pays=pays,
        per_deal_cap=per_deal_cap,
        tier_multipliers_bp=tier_multipliers_bp or {},
    )


def fixed(milestone: Milestone, amount: int) -> Pay:
    return Pay(milestone=milestone, fixed=amount)


def share(milestone: Milestone, bp: int) -> Pay:
    return Pay(milestone=milestone, margin_share_bp=bp)


# --- round_half_even ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (0, 7, 0),
        (6, 3, 2),
        (7, 3, 2),
        (8, 3, 3),
        # Ties go to the even neighbour, whichever side it is on.
        (1, 2, 0),
        (3, 2, 2),
        (5, 2, 2),
        (7, 2, 4),
        (10, 4, 2),
        (14, 4, 4),
        (-1, 2, 0),
        (-3, 2, -2),
        (-5, 2, -2),
        (-7, 2, -4),
        (-8, 3, -3),
        (-7, 3, -2),
        (150_001, 2, 75_000),
        (150_003, 2, 75_002),
    ],
)
def test_round_half_even_by_hand(numerator: int, denominator: int, expected: int) -> None:
    assert round_half_even(numerator, denominator) == expected


@pytest.mark.parametrize("denominator", [0, -2])
def test_round_half_even_refuses_a_denominator_that_is_not_positive(denominator: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        round_half_even(5, denominator)


@settings(max_examples=1000)
@given(st.integers(), st.integers(min_value=1))
def test_round_half_even_is_pythons_rounding_of_the_exact_fraction(
    numerator: int, denominator: int
) -> None:
    # round() of a Fraction rounds half to even.
    assert round_half_even(numerator, denominator) == round(Fraction(numerator, denominator))


# --- uncapped ----------------------------------------------------------------------------------


def test_a_margin_share_is_the_share_of_the_deal_margin() -> None:
    plan = terms(share(M.proposal, 2500))
    # margin 1_500_000 x 20 % = 300_000; 25 % of it.
    assert uncapped(plan, M.proposal, AMOUNT, Tier.gold) == 75_000


def test_a_fixed_pay_ignores_the_amount() -> None:
    plan = terms(fixed(M.registration, 50_000))
    assert uncapped(plan, M.registration, AMOUNT, Tier.gold) == 50_000
    assert uncapped(plan, M.registration, 0, Tier.gold) == 50_000


def test_a_milestone_the_plan_does_not_pay_pays_nothing() -> None:
    plan = terms(fixed(M.registration, 50_000))
    assert uncapped(plan, M.close, AMOUNT, Tier.gold) == 0


def test_the_partners_tier_multiplies_fixed_and_share_pays() -> None:
    plan = terms(
        fixed(M.registration, 50_000),
        share(M.proposal, 2500),
        tier_multipliers_bp={Tier.platinum: 12_500, Tier.community: 0},
    )
    assert uncapped(plan, M.registration, AMOUNT, Tier.platinum) == 62_500
    assert uncapped(plan, M.proposal, AMOUNT, Tier.platinum) == 93_750
    assert uncapped(plan, M.proposal, AMOUNT, Tier.community) == 0
    # A tier the plan does not name earns the base rate.
    assert uncapped(plan, M.proposal, AMOUNT, Tier.silver) == 75_000


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        # amount x 20 % x 25 % = amount / 20: an exact half at amounts of 10 + 20k.
        (10, 0),  # 0.5
        (30, 2),  # 1.5
        (50, 2),  # 2.5
        (1_500_010, 75_000),  # 75_000.5
        (1_500_030, 75_002),  # 75_001.5
        (1_500_011, 75_001),  # 75_000.55
    ],
)
def test_a_share_is_rounded_once_half_even(amount: int, expected: int) -> None:
    plan = terms(share(M.close, 2500))
    assert uncapped(plan, M.close, amount, Tier.gold) == expected


@pytest.mark.parametrize(
    ("pay", "expected"),
    [
        (3, 4),  # 4.5
        (5, 8),  # 7.5
        (7, 10),  # 10.5
        (50_001, 75_002),  # 75_001.5
    ],
)
def test_a_multiplied_fixed_pay_is_rounded_half_even(pay: int, expected: int) -> None:
    plan = terms(fixed(M.registration, pay), tier_multipliers_bp={Tier.gold: 15_000})
    assert uncapped(plan, M.registration, AMOUNT, Tier.gold) == expected


def test_a_multiplied_share_is_rounded_once_not_at_each_step() -> None:
    # 30 x 20 % x 25 % = 1.5 (would round to 2), x 1.5 = 2.25: rounded once, 2; rounding the
    # share first would give 3.
    plan = terms(share(M.close, 2500), tier_multipliers_bp={Tier.gold: 15_000})
    assert uncapped(plan, M.close, 30, Tier.gold) == 2


# --- capped and schedule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owed", "earned_before", "expected"),
    [
        (75_000, 0, 75_000),
        (75_000, 25_000, 75_000),
        (75_000, 50_000, 50_000),
        (75_000, 100_000, 0),
        # Already past the cap (a plan's later version cannot reach back): nothing, not less.
        (75_000, 120_000, 0),
        (0, 0, 0),
    ],
)
def test_capped_keeps_the_registration_within_the_cap(
    owed: int, earned_before: int, expected: int
) -> None:
    plan = terms(fixed(M.registration, 1), per_deal_cap=100_000)
    assert capped(plan, owed, earned_before) == expected


def test_without_a_cap_everything_owed_is_paid() -> None:
    plan = terms(fixed(M.registration, 1))
    assert capped(plan, 10**15, 10**15) == 10**15


def test_schedule_pays_in_milestone_order_with_the_cap_applied_as_it_accumulates() -> None:
    pays = (
        share(M.close, 5000),
        fixed(M.negotiation, 20_000),
        share(M.proposal, 2500),
        fixed(M.registration, 10_000),
    )
    assert schedule(terms(*pays), AMOUNT, Tier.gold) == [
        (M.registration, 10_000),
        (M.proposal, 75_000),
        (M.negotiation, 20_000),
        (M.close, 150_000),
    ]
    assert schedule(terms(*pays, per_deal_cap=100_000), AMOUNT, Tier.gold) == [
        (M.registration, 10_000),
        (M.proposal, 75_000),
        (M.negotiation, 15_000),
        (M.close, 0),
    ]


def test_schedule_leaves_out_milestones_the_plan_does_not_pay() -> None:
    plan = terms(share(M.close, 5000), fixed(M.registration, 10_000))
    assert schedule(plan, AMOUNT, Tier.gold) == [(M.registration, 10_000), (M.close, 150_000)]


# --- reached -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "expected"),
    [
        (None, (M.registration,)),
        (SalesStage.qualified, (M.registration,)),
        (SalesStage.proposal, (M.registration, M.proposal)),
        (SalesStage.negotiation, (M.registration, M.proposal, M.negotiation)),
        (SalesStage.closed_won, (M.registration, M.proposal, M.negotiation, M.close)),
        # What a lost registration reached is in its history, not its stage.
        (SalesStage.closed_lost, (M.registration,)),
    ],
)
def test_reached_includes_the_stages_skipped_on_the_way(
    stage: SalesStage | None, expected: tuple[Milestone, ...]
) -> None:
    assert reached(stage) == expected


def test_every_stage_reaches_milestones_in_order() -> None:
    for stage in (None, *SalesStage):
        milestones = reached(stage)
        assert list(milestones) == sorted(milestones, key=MILESTONES.index)


# --- properties against exact fractions --------------------------------------------------------

basis_points = st.integers(min_value=0, max_value=BP)
minor_units = st.integers(min_value=0, max_value=10**15)
pays = st.builds(
    lambda milestones, amounts: tuple(
        Pay(milestone=m, fixed=v) if is_fixed else Pay(milestone=m, margin_share_bp=v)
        for m, (is_fixed, v) in zip(milestones, amounts, strict=False)
    ),
    st.lists(st.sampled_from(MILESTONES), min_size=1, max_size=4, unique=True),
    st.lists(
        st.one_of(
            st.tuples(st.just(True), minor_units),
            st.tuples(st.just(False), basis_points),
        ),
        min_size=4,
        max_size=4,
    ),
)
plans = st.builds(
    Terms,
    margin_rate_bp=basis_points,
    pays=pays,
    per_deal_cap=st.none() | minor_units,
    tier_multipliers_bp=st.dictionaries(
        st.sampled_from(Tier), st.integers(min_value=0, max_value=5 * BP)
    ),
)


def exact(plan: Terms, milestone: Milestone, amount: int, tier: Tier) -> Fraction:
    """The milestone's pay as an exact fraction, before any rounding."""
    pay = plan.pay(milestone)
    if pay is None:
        return Fraction(0)
    multiplier = Fraction(plan.tier_multipliers_bp.get(tier, BP), BP)
    if pay.fixed is not None:
        return pay.fixed * multiplier
    assert pay.margin_share_bp is not None
    margin = amount * Fraction(plan.margin_rate_bp, BP)
    return margin * Fraction(pay.margin_share_bp, BP) * multiplier


@settings(max_examples=500)
@given(plans, st.sampled_from(MILESTONES), minor_units, st.sampled_from(Tier))
def test_uncapped_is_the_exact_pay_rounded_half_even_and_never_negative(
    plan: Terms, milestone: Milestone, amount: int, tier: Tier
) -> None:
    paid = uncapped(plan, milestone, amount, tier)
    assert type(paid) is int
    assert paid >= 0
    assert paid == round(exact(plan, milestone, amount, tier))


@settings(max_examples=500)
@given(plans, minor_units, st.sampled_from(Tier))
def test_schedule_follows_milestone_order_and_never_exceeds_the_cap(
    plan: Terms, amount: int, tier: Tier
) -> None:
    paid = schedule(plan, amount, tier)
    milestones = [milestone for milestone, _ in paid]
    assert milestones == [m for m in MILESTONES if plan.pay(m) is not None]
    for milestone, amount_paid in paid:
        assert 0 <= amount_paid <= uncapped(plan, milestone, amount, tier)
    total = sum(amount_paid for _, amount_paid in paid)
    if plan.per_deal_cap is None:
        assert paid == [(m, uncapped(plan, m, amount, tier)) for m in milestones]
    else:
        assert total <= plan.per_deal_cap
        # The cap only cuts: up to it, everything owed is paid.
        owed = sum(uncapped(plan, m, amount, tier) for m in milestones)
        assert total == min(owed, plan.per_deal_cap)
