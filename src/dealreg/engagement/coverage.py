"""Size segments and coverage: how a vendor serves its partners by their size.

Each partner organization may state its size (employees, annual revenue band). A vendor sets two
thresholds, each a minimum number of employees and a minimum revenue band: a partner meeting
either minimum of `strategic` is strategic; else one meeting either of `growth` is growth; else
(also when its size is not known) it is long tail. Each segment has a coverage motion:
`named_owner` (the partnership's owner, a channel account manager), `inside_team` (the vendor's
channel team by phone: its queue) or `digital` (marketing alone). A call task follows the motion
of the partner's segment (routing.py).

Without a stored policy, the defaults: strategic from 1,000 employees or 250M revenue, covered
by a named owner; growth from 100 employees or 10M revenue, by the inside team; the long tail
digital."""

import enum
import uuid
from typing import Annotated

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.engagement.models import PartnerCoveragePolicy
from dealreg.engagement.policy import check_vendor_setting
from dealreg.errors import Conflict, Forbidden, InvalidInput, field_error
from dealreg.orgs.models import REVENUE_BANDS, RevenueBand, Role
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch

Employees = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]


class SizeSegment(enum.StrEnum):
    strategic = "strategic"
    growth = "growth"
    long_tail = "long_tail"


class Motion(enum.StrEnum):
    named_owner = "named_owner"
    inside_team = "inside_team"
    digital = "digital"


class SegmentThreshold(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A partner meeting either minimum is in the segment (a null minimum is never met)."""

    min_employees: Employees | None = None
    min_revenue_band: RevenueBand | None = None
    motion: Motion

    def met_by(self, employees: int | None, band: RevenueBand | None) -> bool:
        by_people = (
            employees is not None
            and self.min_employees is not None
            and employees >= self.min_employees
        )
        by_revenue = (
            band is not None
            and self.min_revenue_band is not None
            and REVENUE_BANDS.index(band) >= REVENUE_BANDS.index(self.min_revenue_band)
        )
        return by_people or by_revenue


def _strategic() -> SegmentThreshold:
    return SegmentThreshold(
        min_employees=1000, min_revenue_band=RevenueBand.from_250m_to_1b, motion=Motion.named_owner
    )


def _growth() -> SegmentThreshold:
    return SegmentThreshold(
        min_employees=100, min_revenue_band=RevenueBand.from_10m_to_50m, motion=Motion.inside_team
    )


class Coverage(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The two thresholds (a segment left out keeps its default) and the long tail's motion."""

    # Factories, not instances: the OpenAPI document states a default as JSON.
    strategic: SegmentThreshold = msgspec.field(default_factory=_strategic)
    growth: SegmentThreshold = msgspec.field(default_factory=_growth)
    long_tail_motion: Motion = Motion.digital

    def segment_of(self, employees: int | None, band: RevenueBand | None) -> SizeSegment:
        if self.strategic.met_by(employees, band):
            return SizeSegment.strategic
        if self.growth.met_by(employees, band):
            return SizeSegment.growth
        return SizeSegment.long_tail

    def motion_of(self, segment: SizeSegment) -> Motion:
        return {
            SizeSegment.strategic: self.strategic.motion,
            SizeSegment.growth: self.growth.motion,
            SizeSegment.long_tail: self.long_tail_motion,
        }[segment]


# By value: a dict lookup, where calling the enum took a tenth of the partner report's Python
# time at 20,000 partners.
_BANDS: dict[str | None, RevenueBand | None] = {band.value: band for band in RevenueBand}


def band_of(value: str | None) -> RevenueBand | None:
    return _BANDS[value] if value is not None else None


async def coverage_row(session: AsyncSession, vendor_id: uuid.UUID) -> PartnerCoveragePolicy | None:
    stmt = select(PartnerCoveragePolicy).where(PartnerCoveragePolicy.vendor_id == vendor_id)
    return (await session.scalars(stmt)).one_or_none()


async def coverage_of(session: AsyncSession, vendor_id: uuid.UUID) -> Coverage:
    row = await coverage_row(session, vendor_id)
    return Coverage() if row is None else msgspec.convert(row.coverage, Coverage)


class CoverageView(msgspec.Struct, frozen=True):
    vendor_id: uuid.UUID
    coverage: Coverage
    row: PartnerCoveragePolicy | None

    @property
    def tag(self) -> int:
        # 0 for the defaults: the first PUT may create the row without If-Match.
        return self.row.version if self.row is not None else 0


async def get_coverage(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID
) -> CoverageView:
    await check_vendor_setting(session, actor, vendor_id, "partner coverage")
    row = await coverage_row(session, vendor_id)
    coverage = Coverage() if row is None else msgspec.convert(row.coverage, Coverage)
    return CoverageView(vendor_id, coverage, row)


def _check(coverage: Coverage) -> None:
    """Growth sits below strategic: a growth minimum above the strategic one would leave the
    growth segment empty by that measure, which is a mistake rather than a policy."""
    errors = []
    strategic, growth = coverage.strategic, coverage.growth
    if (
        strategic.min_employees is not None
        and growth.min_employees is not None
        and growth.min_employees > strategic.min_employees
    ):
        errors.append(
            field_error(
                "maximum",
                pointer="/growth/min_employees",
                detail="growth's minimum is above strategic's",
                maximum=strategic.min_employees,
            )
        )
    if (
        strategic.min_revenue_band is not None
        and growth.min_revenue_band is not None
        and REVENUE_BANDS.index(growth.min_revenue_band)
        > REVENUE_BANDS.index(strategic.min_revenue_band)
    ):
        errors.append(
            field_error(
                "maximum",
                pointer="/growth/min_revenue_band",
                detail="growth's minimum is above strategic's",
                maximum=strategic.min_revenue_band.value,
            )
        )
    if errors:
        raise InvalidInput("The segments' thresholds are out of order.", errors=errors)


async def put_coverage(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    coverage: Coverage,
    *,
    if_match: IfMatch,
) -> CoverageView:
    """Set the segments and motions; call tasks made from now on follow them."""
    current = await get_coverage(session, actor, vendor_id)
    if actor.role not in (Role.vendor_admin, Role.platform_admin):
        raise Forbidden("Only the vendor's admin sets its partner coverage.")
    if_match.check_put(current.tag, stored=current.row is not None)
    _check(coverage)
    stored = msgspec.to_builtins(coverage)
    row = current.row
    if row is None:
        row = PartnerCoveragePolicy(vendor_id=vendor_id, coverage=stored)
        await flush_unique(
            session,
            {
                "uq_partner_coverage_policies_vendor_id": lambda: Conflict(
                    "Another request set this coverage just now; read it and apply your change."
                )
            },
            row,
        )
    else:
        row.coverage = stored
        await session.flush()
    return CoverageView(vendor_id, coverage, row)
