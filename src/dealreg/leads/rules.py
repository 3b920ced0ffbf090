"""A vendor's lead rules: the scoring rubric, the forwarding threshold and the lead SLA."""

import uuid
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.errors import Conflict, Forbidden, NotFound
from dealreg.leads import repository
from dealreg.leads.errors import BelowThreshold, field_error
from dealreg.leads.models import EngagementType, LeadPolicy
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch

Score = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
Points = Annotated[int, msgspec.Meta(ge=0, le=1000)]
LeadDays = Annotated[float, msgspec.Meta(gt=0, le=60, multiple_of=0.25)]

DEFAULT_POINTS: dict[EngagementType, int] = {
    EngagementType.email_open: 1,
    EngagementType.site_visit: 3,
    EngagementType.email_click: 5,
    EngagementType.webinar: 10,
    EngagementType.event: 10,
}
DEFAULT_THRESHOLD = 10
DEFAULT_ACCEPT_DAYS = 2.0
DEFAULT_FIRST_TOUCH_DAYS = 3.0


class LeadRules(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A vendor's scoring rubric and lead SLA (business days of its approval SLA's calendar)."""

    points: dict[EngagementType, Points] = msgspec.field(
        default_factory=lambda: dict(DEFAULT_POINTS)
    )
    forward_threshold: Score = DEFAULT_THRESHOLD
    accept_days: LeadDays = DEFAULT_ACCEPT_DAYS
    first_touch_days: LeadDays = DEFAULT_FIRST_TOUCH_DAYS

    @classmethod
    def of_row(cls, row: LeadPolicy | None) -> "LeadRules":
        if row is None:
            return cls()
        return cls(
            points={EngagementType(key): value for key, value in row.points.items()},
            forward_threshold=row.forward_threshold,
            accept_days=row.accept_days,
            first_touch_days=row.first_touch_days,
        )

    def points_for(self, engagement: EngagementType) -> int:
        return self.points.get(engagement, DEFAULT_POINTS[engagement])


class PolicyView(msgspec.Struct, frozen=True):
    vendor_id: uuid.UUID
    rules: LeadRules
    row: LeadPolicy | None

    @property
    def tag(self) -> int:
        # 0 for the defaults: the first PUT may create the row without If-Match.
        return self.row.version if self.row is not None else 0


def _vendor_staff(actor: Principal, vendor_id: uuid.UUID) -> None:
    if not actor.is_platform and actor.organization_id != vendor_id:
        raise NotFound(f"No lead policy of vendor {vendor_id} visible to you.")


async def _vendor(session: AsyncSession, vendor_id: uuid.UUID) -> Organization:
    vendor = await session.get(Organization, vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")
    return vendor


async def get_policy(session: AsyncSession, actor: Principal, vendor_id: uuid.UUID) -> PolicyView:
    _vendor_staff(actor, vendor_id)
    await _vendor(session, vendor_id)
    row = await repository.policy_of(session, vendor_id)
    return PolicyView(vendor_id, LeadRules.of_row(row), row)


def _policy_created_meanwhile() -> Exception:
    return Conflict("Another request set this policy just now; read it and apply your change.")


async def put_policy(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    rules: LeadRules,
    *,
    if_match: IfMatch,
) -> PolicyView:
    """Set the vendor's lead rules; the SLA applies to leads forwarded from now on."""
    current = await get_policy(session, actor, vendor_id)
    if actor.role not in (Role.vendor_admin, Role.platform_admin):
        raise Forbidden("Only the vendor's admin sets its lead policy.")
    if_match.check_put(current.tag, stored=current.row is not None)
    fields = {
        # Every type, so the stored rubric says what each engagement is worth.
        "points": {t.value: rules.points_for(t) for t in EngagementType},
        "forward_threshold": rules.forward_threshold,
        "accept_days": rules.accept_days,
        "first_touch_days": rules.first_touch_days,
    }
    row = current.row
    if row is None:
        row = LeadPolicy(vendor_id=vendor_id, **fields)
    else:
        for key, value in fields.items():
            setattr(row, key, value)
    await flush_unique(session, {"uq_lead_policies_vendor_id": _policy_created_meanwhile}, row)
    return PolicyView(vendor_id, LeadRules.of_row(row), row)


def require_threshold(score: int, rules: LeadRules, base: str | None) -> None:
    """Refuse to forward a lead scoring below the vendor's threshold; `base` points at the body
    whose score falls short, when there is one."""
    if score >= rules.forward_threshold:
        return
    detail = f"the lead scores {score}, below the forwarding threshold of {rules.forward_threshold}"
    raise BelowThreshold(
        f"Not forwarded: {detail}. Create it with forward: false and forward it once its "
        "engagements reach the threshold.",
        errors=[field_error("minimum", f"{base}/score", detail, minimum=rules.forward_threshold)]
        if base is not None
        else None,
        extra={"score": score, "forward_threshold": rules.forward_threshold},
    )


async def rules_of(session: AsyncSession, vendor_id: uuid.UUID) -> LeadRules:
    return LeadRules.of_row(await repository.policy_of(session, vendor_id))
