"""What an incentive plan pays, as pure integer arithmetic on minor units: no floats anywhere.

Rates are basis points (1/100 of a percent: 25 % is 2500), multipliers too (1.25x is 12500), so
every figure is an exact fraction of integers until the one rounding at the end: half-even to the
minor unit of the registration's currency (0.5 goes to the even neighbour, so rounding errors do
not pile up on one side over many earnings).

    deal margin      = amount x margin_rate_bp / 10 000
    milestone base   = fixed amount, or deal margin x margin_share_bp / 10 000
    milestone amount = round_half_even(base x tier multiplier_bp / 10 000)
    capped           = min(milestone amount, per-deal cap - what the registration earned before)

Milestones are earned in the order of MILESTONES; reaching a stage also earns the stages before
it that were skipped (a rep who reports negotiation straight after approval passed proposal).
"""

import enum

import msgspec

from dealreg.orgs.models import Tier
from dealreg.registrations.models import SalesStage

BP = 10_000


class Milestone(enum.StrEnum):
    registration = "registration"
    proposal = "proposal"
    negotiation = "negotiation"
    close = "close"


MILESTONES = tuple(Milestone)
# The milestones a registration has reached once it is approved and at a stage.
_BY_STAGE: dict[SalesStage | None, tuple[Milestone, ...]] = {
    None: (Milestone.registration,),
    SalesStage.qualified: (Milestone.registration,),
    SalesStage.proposal: MILESTONES[:2],
    SalesStage.negotiation: MILESTONES[:3],
    SalesStage.closed_won: MILESTONES,
    # Lost after negotiation or not: what it reached before is not known from the stage alone;
    # the earnings already recorded say it (see service.settle).
    SalesStage.closed_lost: (Milestone.registration,),
}


def reached(stage: SalesStage | None) -> tuple[Milestone, ...]:
    """The milestones an approved registration at `stage` has reached, in order."""
    return _BY_STAGE[stage]


class Pay(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    """What one milestone pays: a fixed amount, or a share of the deal margin (not both)."""

    milestone: Milestone
    fixed: int | None = None
    margin_share_bp: int | None = None


class Terms(msgspec.Struct, frozen=True, kw_only=True):
    margin_rate_bp: int
    pays: tuple[Pay, ...]
    per_deal_cap: int | None = None
    tier_multipliers_bp: dict[Tier, int] = {}
    clawback_days: int = 90
    clawback_on_closed_lost: bool = False

    def pay(self, milestone: Milestone) -> Pay | None:
        return next((p for p in self.pays if p.milestone is milestone), None)


def round_half_even(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, ties to the even one."""
    if denominator <= 0:
        raise ValueError("the denominator must be positive")
    quotient, remainder = divmod(numerator, denominator)
    twice = 2 * remainder
    if twice > denominator or (twice == denominator and quotient % 2 == 1):
        quotient += 1
    return quotient


def uncapped(terms: Terms, milestone: Milestone, amount: int, tier: Tier) -> int:
    """What `milestone` pays on a registration of `amount` minor units, before the cap."""
    pay = terms.pay(milestone)
    if pay is None:
        return 0
    multiplier = terms.tier_multipliers_bp.get(tier, BP)
    if pay.fixed is not None:
        return round_half_even(pay.fixed * multiplier, BP)
    share = pay.margin_share_bp or 0
    return round_half_even(amount * terms.margin_rate_bp * share * multiplier, BP**3)


def capped(terms: Terms, owed: int, earned_before: int) -> int:
    """`owed`, cut down so the registration's total stays within the per-deal cap."""
    if terms.per_deal_cap is None:
        return owed
    return max(0, min(owed, terms.per_deal_cap - earned_before))


def schedule(terms: Terms, amount: int, tier: Tier) -> list[tuple[Milestone, int]]:
    """What each milestone would pay, in order, if the registration reached them all: the cap
    applied as they accumulate."""
    total = 0
    out = []
    for milestone in MILESTONES:
        if terms.pay(milestone) is None:
            continue
        earned = capped(terms, uncapped(terms, milestone, amount, tier), total)
        total += earned
        out.append((milestone, earned))
    return out
