"""A vendor's partner engagement rubric: points per engagement type, the decay window outside
which points no longer count, the threshold whose crossing makes a call task, and whether its
partners may read their own scores."""

import uuid
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.engagement import repository
from dealreg.engagement.models import PartnerEngagementPolicy, PartnerEngagementType
from dealreg.errors import Conflict, Forbidden, NotFound
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch

Points = Annotated[int, msgspec.Meta(ge=0, le=1000)]
DecayDays = Annotated[int, msgspec.Meta(ge=1, le=730)]
# The engagement score at which the channel team calls.
ScoreThreshold = Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]

# The channel marketers' rule of thumb (issue #23): a click is worth five opens, a webinar or a
# trade show ten.
DEFAULT_POINTS: dict[PartnerEngagementType, int] = {
    PartnerEngagementType.email_open: 1,
    PartnerEngagementType.key_page_visit: 3,
    PartnerEngagementType.email_click: 5,
    PartnerEngagementType.webinar: 10,
    PartnerEngagementType.trade_show: 10,
}
DEFAULT_DECAY_DAYS = 90
# Two events and a few clicks within the window: a partner plainly paying attention.
DEFAULT_THRESHOLD = 30

_EDITORS = frozenset({Role.vendor_admin, Role.platform_admin})


class Rubric(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Points per engagement type (a type left out keeps its default), the days an engagement's
    points count after it happened, the score at which the channel team calls, and whether each
    partner reads its own score."""

    points: dict[PartnerEngagementType, Points] = msgspec.field(
        default_factory=lambda: dict(DEFAULT_POINTS)
    )
    decay_days: DecayDays = DEFAULT_DECAY_DAYS
    threshold: ScoreThreshold = DEFAULT_THRESHOLD
    # Whether each partner may read its own score (GET /v1/partnerships/{id}/engagement); by
    # default the score is the vendor's alone.
    share_score_with_partners: bool = False

    @classmethod
    def of_row(cls, row: PartnerEngagementPolicy | None) -> "Rubric":
        if row is None:
            return cls()
        return cls(
            points={PartnerEngagementType(key): value for key, value in row.points.items()},
            decay_days=row.decay_days,
            threshold=row.threshold,
            share_score_with_partners=row.share_score_with_partners,
        )

    def points_for(self, type_: PartnerEngagementType) -> int:
        return self.points.get(type_, DEFAULT_POINTS[type_])


class PolicyView(msgspec.Struct, frozen=True):
    vendor_id: uuid.UUID
    rubric: Rubric
    row: PartnerEngagementPolicy | None

    @property
    def tag(self) -> int:
        # 0 for the defaults: the first PUT may create the row without If-Match.
        return self.row.version if self.row is not None else 0


async def check_vendor_setting(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID, what: str
) -> None:
    """A vendor's setting (`what`) is read by its own people and the platform: 404 otherwise."""
    if not actor.is_platform and actor.organization_id != vendor_id:
        raise NotFound(f"No {what} of vendor {vendor_id} visible to you.")
    vendor = await session.get(Organization, vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")


async def get_policy(session: AsyncSession, actor: Principal, vendor_id: uuid.UUID) -> PolicyView:
    await check_vendor_setting(session, actor, vendor_id, "partner engagement policy")
    row = await repository.policy_of(session, vendor_id)
    return PolicyView(vendor_id, Rubric.of_row(row), row)


def _created_meanwhile() -> Exception:
    return Conflict("Another request set this policy just now; read it and apply your change.")


async def put_policy(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    rubric: Rubric,
    *,
    if_match: IfMatch,
) -> PolicyView:
    """Set the rubric. Engagements keep the points they were recorded with; the window and the
    threshold apply to the score from now on (a partner above a raised threshold is below it
    again, and crosses it anew)."""
    current = await get_policy(session, actor, vendor_id)
    if actor.role not in _EDITORS:
        raise Forbidden("Only the vendor's admin sets its partner engagement policy.")
    if_match.check_put(current.tag, stored=current.row is not None)
    fields = {
        # Every type, so the stored rubric says what each engagement is worth.
        "points": {t.value: rubric.points_for(t) for t in PartnerEngagementType},
        "decay_days": rubric.decay_days,
        "threshold": rubric.threshold,
        "share_score_with_partners": rubric.share_score_with_partners,
    }
    row = current.row
    if row is None:
        row = PartnerEngagementPolicy(vendor_id=vendor_id, **fields)
    else:
        for key, value in fields.items():
            setattr(row, key, value)
    await flush_unique(
        session, {"uq_partner_engagement_policies_vendor_id": _created_meanwhile}, row
    )
    return PolicyView(vendor_id, Rubric.of_row(row), row)


async def rubric_of(session: AsyncSession, vendor_id: uuid.UUID) -> Rubric:
    return Rubric.of_row(await repository.policy_of(session, vendor_id))
