"""Capability scorecards: a vendor's template of weighted attributes (grouped sales, technical,
marketing, support) and its channel team's quarterly assessment of each partner on them. How an
assessment reads beside the others' is capability_figures.py's."""

import uuid
from collections.abc import Sequence
from typing import Annotated

import msgspec
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from dealreg.db import database_now, flush_unique
from dealreg.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound, field_error
from dealreg.orgs.models import Role
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import get_partnership
from dealreg.planning.errors import (
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
    if_match.check_put(row.version if row is not None else 0, stored=row is not None)
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


async def assessment_of(
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
    assessment = await assessment_of(session, partnership.id, quarter.label, lock=True)
    if_match.check_put(
        assessment.version if assessment is not None else 0, stored=assessment is not None
    )
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
