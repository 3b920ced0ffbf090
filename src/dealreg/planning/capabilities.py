"""Capability scorecards: a vendor's template of weighted attributes (grouped sales, technical,
marketing, support) and its channel team's quarterly assessment of each partner on them.

Figures (hand-workable; tests/planning/test_capabilities.py works them out):

- an assessment's `score` is the weighted mean of its attribute scores, `sum(score x weight) /
  sum(weight)`, with the weights it was scored with; a group's score is the same over the group's
  attributes;
- `vendor_average`: the mean of the scores of the vendor's partners assessed in the quarter (each
  partner once, whatever its number of attributes); `tier_average`: the same over the partners
  in the assessed partner's tier when they were assessed; per group and per attribute alike;
- `change`: the score minus the score of the fiscal quarter before (null without one);
- every figure is computed exactly and rounded half up to one decimal at the end.

A partner reads its own assessments; an average over fewer than `MIN_PEERS` partners is not shown
to a partner (null), since with one or two others in it the partner could work out their scores.
"""

import uuid
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Annotated, Final, TypeVar

import msgspec
from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from dealreg.db import database_now, flush_unique
from dealreg.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound, field_error
from dealreg.orgs.models import OrgKind, Partnership, Role, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import get_partnership
from dealreg.planning import fiscal
from dealreg.planning.errors import (
    AssessmentNotFound,
    CapabilityTemplateNotFound,
    NoCapabilityTemplate,
)
from dealreg.planning.models import (
    CapabilityAssessment,
    CapabilityGroup,
    CapabilityScore,
    CapabilityTemplate,
)
from dealreg.planning.service import parse_quarter
from dealreg.preconditions import IfMatch

MIN_PEERS: Final = 3
_TEMPLATE_EDITORS = frozenset({Role.vendor_admin, Role.platform_admin})
_ASSESSORS = frozenset({Role.vendor_admin, Role.vendor_approver})

AttributeKey = Annotated[
    str,
    msgspec.Meta(
        pattern="^[a-z][a-z0-9_]{0,39}$",
        description="Stable key of the attribute: lower case letters, digits, `_`.",
        examples=["pipeline_coverage"],
    ),
]
Score = Annotated[int, msgspec.Meta(ge=1, le=100, description="1 to 100.")]


class Attribute(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    key: AttributeKey
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    group: CapabilityGroup
    weight: Annotated[
        int, msgspec.Meta(ge=1, le=100, description="Its weight in its group and overall.")
    ]


class TemplateView(msgspec.Struct, frozen=True, kw_only=True):
    vendor_id: uuid.UUID
    attributes: list[Attribute]
    version: int


class ScoreIn(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    attribute: AttributeKey
    score: Score
    goal: Annotated[
        Score | None, msgspec.Meta(description="The score aimed at for the next quarter.")
    ] = None


def _may_see_vendor(actor: Principal, vendor_id: uuid.UUID) -> bool:
    return actor.is_platform or actor.organization_id == vendor_id


async def _template_row(session: AsyncSession, vendor_id: uuid.UUID) -> CapabilityTemplate | None:
    stmt = select(CapabilityTemplate).where(CapabilityTemplate.vendor_id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


def _view(row: CapabilityTemplate) -> TemplateView:
    return TemplateView(
        vendor_id=row.vendor_id,
        attributes=msgspec.convert(row.attributes, list[Attribute]),
        version=row.version,
    )


async def get_template(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID
) -> TemplateView:
    """The vendor's template: its own staff's and the platform's to read."""
    if not _may_see_vendor(actor, vendor_id):
        raise NotFound(f"No capability template of vendor {vendor_id} visible to you.")
    row = await _template_row(session, vendor_id)
    if row is None:
        raise CapabilityTemplateNotFound(f"Vendor {vendor_id} has no capability template.")
    return _view(row)


def _duplicates(keys: Sequence[str], base: str) -> list[FieldError]:
    seen: set[str] = set()
    errors = []
    for i, key in enumerate(keys):
        if key in seen:
            errors.append(field_error("duplicate", pointer=f"{base}/{i}", detail=f"{key} twice"))
        seen.add(key)
    return errors


async def put_template(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    attributes: list[Attribute],
    *,
    if_match: IfMatch,
) -> TemplateView:
    """Replace the vendor's attributes. Assessments made before keep the weights they had."""
    if not _may_see_vendor(actor, vendor_id):
        raise NotFound(f"No capability template of vendor {vendor_id} visible to you.")
    if actor.role not in _TEMPLATE_EDITORS:
        raise Forbidden("Only the vendor's admin defines its capability template.")
    errors = _duplicates([a.key for a in attributes], "/attributes")
    if errors:
        raise InvalidInput(
            "Each attribute's key is given once.",
            errors=[
                field_error("duplicate", pointer=f"{e.pointer}/key", detail=e.detail)
                for e in errors
            ],
        )
    row = await _template_row(session, vendor_id)
    # If-Match may be left out only by the PUT that creates the template.
    if not (if_match.missing and row is None):
        if_match.check(row.version if row is not None else 0)
    stored = [msgspec.to_builtins(a) for a in attributes]
    if row is None:
        row = CapabilityTemplate(vendor_id=vendor_id, attributes=stored)
    elif row.attributes != stored:
        row.attributes = stored
    await flush_unique(
        session,
        {
            "uq_capability_templates_vendor_id": lambda: Conflict(
                "Another request defined this template just now; read it and apply your change."
            )
        },
        row,
    )
    return _view(row)


def _check_scores(template: TemplateView, scores: list[ScoreIn]) -> None:
    """Every attribute of the template scored once, and nothing else."""
    known = {a.key for a in template.attributes}
    errors = _duplicates([s.attribute for s in scores], "/scores")
    errors = [
        field_error("duplicate", pointer=f"{e.pointer}/attribute", detail=e.detail) for e in errors
    ]
    for i, score in enumerate(scores):
        if score.attribute not in known:
            errors.append(
                field_error(
                    "not_found",
                    pointer=f"/scores/{i}/attribute",
                    detail=f"{score.attribute} is not an attribute of the vendor's template",
                )
            )
    missing = [a.key for a in template.attributes if a.key not in {s.attribute for s in scores}]
    if missing:
        errors.append(
            field_error("required", pointer="/scores", detail=f"no score for {', '.join(missing)}")
        )
    if errors:
        raise InvalidInput("Score each attribute of the template once, 1 to 100.", errors=errors)


async def _assessment_of(
    session: AsyncSession, partnership_id: uuid.UUID, quarter: str, *, lock: bool = False
) -> CapabilityAssessment | None:
    stmt = select(CapabilityAssessment).where(
        CapabilityAssessment.partnership_id == partnership_id,
        CapabilityAssessment.quarter == quarter,
    )
    if lock:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def put_assessment(
    session: AsyncSession,
    actor: Principal,
    partnership_id: uuid.UUID,
    label: str,
    *,
    scores: list[ScoreIn],
    note: str,
    goal: str,
    if_match: IfMatch,
) -> CapabilityAssessment:
    """The vendor's channel team assesses the partner for the quarter (or changes it)."""
    quarter = parse_quarter(label)
    partnership = await get_partnership(session, actor, partnership_id)
    if actor.organization_id != partnership.vendor_id or actor.role not in _ASSESSORS:
        raise Forbidden("A partner is assessed by its vendor's channel account managers or admin.")
    row = await _template_row(session, partnership.vendor_id)
    if row is None:
        raise NoCapabilityTemplate("Define the capability template before assessing partners.")
    template = _view(row)
    _check_scores(template, scores)
    assessment = await _assessment_of(session, partnership.id, quarter.label, lock=True)
    if not (if_match.missing and assessment is None):
        if_match.check(assessment.version if assessment is not None else 0)
    given = {s.attribute: s for s in scores}
    rows = [
        {
            "attribute": a.key,
            "position": position,
            "name": a.name,
            "group": a.group,
            "weight": a.weight,
            "score": given[a.key].score,
            "goal": given[a.key].goal,
        }
        for position, a in enumerate(template.attributes)
    ]
    if (
        assessment is not None
        and (assessment.note, assessment.goal) == (note, goal)
        and await _score_rows(session, assessment.id) == rows
    ):
        return assessment  # the same assessment again changes nothing, its version included
    now = await database_now(session)
    if assessment is None:
        assessment = CapabilityAssessment(
            partnership_id=partnership.id,
            vendor_id=partnership.vendor_id,
            partner_id=partnership.partner_id,
            quarter=quarter.label,
        )
    else:
        # Its scores are rows of their own: a change of them alone is a new version too.
        flag_modified(assessment, "assessed_at")
    assessment.tier = partnership.tier
    assessment.template_version = template.version
    assessment.note, assessment.goal = note, goal
    assessment.assessed_by, assessment.assessed_at = actor.subject_id, now
    await flush_unique(
        session,
        {
            "uq_capability_assessments_partnership_id_quarter": lambda: Conflict(
                "Another request assessed this partner just now; read it and apply your change."
            )
        },
        assessment,
    )
    await session.execute(
        delete(CapabilityScore).where(CapabilityScore.assessment_id == assessment.id)
    )
    await session.execute(
        insert(CapabilityScore), [row | {"assessment_id": assessment.id} for row in rows]
    )
    return assessment


async def _score_rows(session: AsyncSession, assessment_id: uuid.UUID) -> list[dict[str, object]]:
    columns = [
        getattr(CapabilityScore, name)
        for name in ("attribute", "position", "name", "group", "weight", "score", "goal")
    ]
    stmt = (
        select(*columns)
        .where(CapabilityScore.assessment_id == assessment_id)
        .order_by(CapabilityScore.position)
    )
    return [dict(row._mapping) for row in await session.execute(stmt)]


# --- reading an assessment against the others ---------------------------------------------------


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
            func.sum(score.score * score.weight).label("points"),
            func.sum(score.weight).label("weight"),
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
    assessment = await _assessment_of(session, partnership.id, quarter.label)
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
        return make(
            score=_one_decimal(own),
            vendor_average=average(everyone),
            tier_average=average(tier),
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
