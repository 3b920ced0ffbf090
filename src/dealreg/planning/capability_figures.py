"""A capability assessment read beside the others: the averages of the vendor's partners and of
the partner's tier, and the change since the quarter before (the assessments are
capabilities.py's).

Figures (hand-workable; tests/api/test_capabilities.py works them out):

- an assessment's `score` is the weighted mean of its attribute scores, `sum(score x weight) /
  sum(weight)`, with the weights it was scored with; a group's score is the same over the group's
  attributes;
- `vendor_average`: the mean of the scores of the vendor's partners assessed in the quarter (each
  partner once, whatever its number of attributes); `tier_average`: the same over the partners
  in the assessed partner's tier when they were assessed; per group and per attribute alike;
- `change`: the score minus the score of the fiscal quarter before (null without one);
- every figure is computed exactly and rounded half up to one decimal at the end.

A partner reads its own assessments; an average over fewer than `MIN_PEERS` partners is not shown
to a partner (null), since with one or two others in it the partner could work out their scores;
nor is the vendor's average beside its tier's when fewer than `MIN_PEERS` partners are outside
the tier (the two averages' difference would give their sum).
"""

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final, TypeVar

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import OrgKind, Partnership, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import get_partnership
from dealreg.planning import fiscal
from dealreg.planning.capabilities import assessment_of
from dealreg.planning.errors import AssessmentNotFound
from dealreg.planning.models import CapabilityAssessment, CapabilityGroup, CapabilityScore
from dealreg.planning.service import parse_quarter

MIN_PEERS: Final = 3


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """A score beside the averages of the vendor's partners and of the partner's tier, and its
    change since the quarter before."""

    score: float
    vendor_average: float | None
    tier_average: float | None
    previous: float | None
    change: float | None


class GroupFigure(Figure, frozen=True, kw_only=True):
    group: CapabilityGroup


class AttributeFigure(Figure, frozen=True, kw_only=True):
    key: str
    name: str
    group: CapabilityGroup
    weight: int
    goal: int | None
    # The goal set for this quarter at the quarter before, and whether the score reached it.
    previous_goal: int | None
    goal_met: bool | None


_F = TypeVar("_F", bound=Figure)


class Comparison(msgspec.Struct, frozen=True, kw_only=True):
    assessment: CapabilityAssessment
    tier: Tier
    overall: Figure
    partners_assessed: int
    partners_in_tier_assessed: int
    groups: list[GroupFigure]
    attributes: list[AttributeFigure]


def _one_decimal(value: Fraction) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class _Sums(msgspec.Struct):
    """Weighted sums of one assessment, `[score x weight, weight]`: overall and per group."""

    tier: Tier
    total: list[int]
    groups: dict[CapabilityGroup, list[int]]


class _Quarter(msgspec.Struct):
    """A vendor's assessments of one quarter, summed by the database: per partnership, its
    weighted sums; per attribute and tier, `[sum of the scores, number of them]`."""

    partners: dict[uuid.UUID, _Sums]
    attributes: dict[str, dict[Tier, list[int]]]


# The weighted sums of a group of scores: `points` over `weight` is their weighted mean.
_WEIGHTED = (
    func.sum(CapabilityScore.score * CapabilityScore.weight).label("points"),
    func.sum(CapabilityScore.weight).label("weight"),
)


async def _quarter(session: AsyncSession, vendor_id: uuid.UUID, quarter: str) -> _Quarter:
    # Two aggregates, so that a vendor with thousands of partners sends sums per group and per
    # attribute, not every score.
    assessment, score = CapabilityAssessment, CapabilityScore
    where = (assessment.vendor_id == vendor_id, assessment.quarter == quarter)
    joined = score.assessment_id == assessment.id
    by_group = (
        select(
            assessment.partnership_id,
            assessment.tier,
            score.group,
            *_WEIGHTED,
        )
        .join(score, joined)
        .where(*where)
        .group_by(assessment.partnership_id, assessment.tier, score.group)
    )
    partners: dict[uuid.UUID, _Sums] = {}
    for row in await session.execute(by_group):
        entry = partners.setdefault(row.partnership_id, _Sums(row.tier, [0, 0], {}))
        entry.total[0] += row.points
        entry.total[1] += row.weight
        entry.groups[row.group] = [row.points, row.weight]
    by_attribute = (
        select(
            score.attribute,
            assessment.tier,
            func.sum(score.score).label("points"),
            func.count().label("n"),
        )
        .join(score, joined)
        .where(*where)
        .group_by(score.attribute, assessment.tier)
    )
    attributes: dict[str, dict[Tier, list[int]]] = {}
    for pooled in await session.execute(by_attribute):
        attributes.setdefault(pooled.attribute, {})[pooled.tier] = [pooled.points, pooled.n]
    return _Quarter(partners=partners, attributes=attributes)


def _ratio(pair: list[int] | None) -> Fraction | None:
    return Fraction(pair[0], pair[1]) if pair else None


def _pool(values: Iterable[Fraction | None]) -> list[Fraction | int]:
    """`[sum, number]` of the values there are."""
    present = [value for value in values if value is not None]
    return [sum(present, Fraction(0)), len(present)]


async def compare(
    session: AsyncSession, actor: Principal, partnership: Partnership, quarter: fiscal.Quarter
) -> Comparison | None:
    """The partnership's assessment for `quarter` beside the others; None when not assessed."""
    assessment = await assessment_of(session, partnership.id, quarter.label)
    if assessment is None:
        return None
    scores = (
        await session.scalars(
            select(CapabilityScore)
            .where(CapabilityScore.assessment_id == assessment.id)
            .order_by(CapabilityScore.position)
        )
    ).all()
    now = await _quarter(session, partnership.vendor_id, quarter.label)
    last = (await _quarter(session, partnership.vendor_id, quarter.previous().label)).partners.get(
        partnership.id
    )
    earlier = await _own_scores(session, partnership.id, quarter.previous().label)
    mine = now.partners[partnership.id]
    peers = list(now.partners.values())
    tier_peers = [s for s in peers if s.tier == mine.tier]
    # Partners see averages over enough others only (the module's docstring says why).
    hide = actor.org_kind is OrgKind.partner

    def average(pooled: Sequence[Fraction | int]) -> float | None:
        total, number = pooled
        if number == 0 or (hide and number < MIN_PEERS):
            return None
        return _one_decimal(Fraction(total) / number)

    def compared(
        make: Callable[..., _F],
        own: Fraction,
        previous: Fraction | None,
        everyone: Sequence[Fraction | int],
        tier: Sequence[Fraction | int],
        **more: object,
    ) -> _F:
        """`own` beside the quarter before, all the vendor's partners assessed in the quarter
        and those in the tier (each `[sum, number]`)."""
        tier_average = average(tier)
        vendor_average = average(everyone)
        # Both averages shown to a partner would give the sum of the partners outside its tier
        # (vendor's sum less tier's): withheld unless those are enough not to name one.
        outside = everyone[1] - tier[1]
        if hide and tier_average is not None and 0 < outside < MIN_PEERS:
            vendor_average = None
        return make(
            score=_one_decimal(own),
            vendor_average=vendor_average,
            tier_average=tier_average,
            previous=None if previous is None else _one_decimal(previous),
            change=None if previous is None else _one_decimal(own - previous),
            **more,
        )

    overall = compared(
        Figure,
        Fraction(*mine.total),
        _ratio(last.total) if last else None,
        _pool(_ratio(s.total) for s in peers),
        _pool(_ratio(s.total) for s in tier_peers),
    )
    groups = [
        compared(
            GroupFigure,
            Fraction(*pair),
            _ratio(last.groups.get(group)) if last else None,
            _pool(_ratio(s.groups.get(group)) for s in peers),
            _pool(_ratio(s.groups.get(group)) for s in tier_peers),
            group=group,
        )
        for group in CapabilityGroup
        if (pair := mine.groups.get(group))
    ]
    attributes = []
    for score in scores:
        by_tier = now.attributes.get(score.attribute, {})
        before, aimed = earlier.get(score.attribute, (None, None))
        attributes.append(
            compared(
                AttributeFigure,
                Fraction(score.score),
                None if before is None else Fraction(before),
                [sum(p[0] for p in by_tier.values()), sum(p[1] for p in by_tier.values())],
                by_tier.get(mine.tier, [0, 0]),
                key=score.attribute,
                name=score.name,
                group=score.group,
                weight=score.weight,
                goal=score.goal,
                previous_goal=aimed,
                goal_met=None if aimed is None else score.score >= aimed,
            )
        )
    return Comparison(
        assessment=assessment,
        tier=mine.tier,
        overall=overall,
        partners_assessed=len(peers),
        partners_in_tier_assessed=len(tier_peers),
        groups=groups,
        attributes=attributes,
    )


async def _own_scores(
    session: AsyncSession, partnership_id: uuid.UUID, quarter: str
) -> dict[str, tuple[int | None, int | None]]:
    """The partnership's score and goal of each attribute in `quarter`."""
    stmt = (
        select(CapabilityScore.attribute, CapabilityScore.score, CapabilityScore.goal)
        .join(CapabilityAssessment, CapabilityAssessment.id == CapabilityScore.assessment_id)
        .where(
            CapabilityAssessment.partnership_id == partnership_id,
            CapabilityAssessment.quarter == quarter,
        )
    )
    return {row.attribute: (row.score, row.goal) for row in await session.execute(stmt)}


async def get_assessment(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID, label: str
) -> Comparison:
    """The assessment beside the averages: the vendor's staff, the partner (its own), the
    platform."""
    quarter = parse_quarter(label)
    partnership = await get_partnership(session, actor, partnership_id)
    comparison = await compare(session, actor, partnership, quarter)
    if comparison is None:
        raise AssessmentNotFound(
            f"No capability assessment for {quarter.label} in partnership {partnership_id}."
        )
    return comparison


class AssessedQuarter(msgspec.Struct, frozen=True, kw_only=True):
    quarter: str
    score: float
    version: int
    assessed_at: datetime


async def history(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID
) -> list[AssessedQuarter]:
    """The partnership's weighted score in each quarter it was assessed, oldest first."""
    partnership = await get_partnership(session, actor, partnership_id)
    assessment, score = CapabilityAssessment, CapabilityScore
    stmt = (
        select(
            assessment.quarter,
            assessment.version,
            assessment.assessed_at,
            *_WEIGHTED,
        )
        .join(score, score.assessment_id == assessment.id)
        .where(assessment.partnership_id == partnership.id)
        .group_by(assessment.id)
        .order_by(assessment.quarter)
    )
    return [
        AssessedQuarter(
            quarter=row.quarter,
            score=_one_decimal(Fraction(row.points, row.weight)),
            version=row.version,
            assessed_at=row.assessed_at,
        )
        for row in await session.execute(stmt)
    ]
