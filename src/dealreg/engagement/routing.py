"""Who owes a partner the call: where a new call task goes, and whom it is mailed to.

By the coverage motion of the partner's size segment with the vendor (coverage.py):
- `named_owner`: to the partnership's owner, when it names one who is still an active member
  of the channel team; else, like the others, to the queue;
- `inside_team` and `digital`: to the vendor's channel team's queue (no owner,
  `CallTask.owner_id` null). A digital partner crossing the threshold is exactly the one the
  long-tail practice puts a person on the phone for: the inside team takes the call.
The one who claims a task becomes its owner. The team is the vendor's active approvers (its
channel account managers) and admins."""

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.coverage import Motion, band_of, coverage_of
from dealreg.engagement.models import CallTask
from dealreg.orgs.models import Organization, Partnership, Role, User

CHANNEL_TEAM = (Role.vendor_approver, Role.vendor_admin)


async def owner_for(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> uuid.UUID | None:
    """The person a new call task for the partner goes to; None: the channel team's queue."""
    stmt = (
        select(Organization.employees, Organization.annual_revenue_band, User.id)
        .select_from(Partnership)
        .join(Organization, Organization.id == Partnership.partner_id)
        .outerjoin(
            User,
            (User.id == Partnership.owner_id)
            & User.active
            & (User.organization_id == vendor_id)
            & User.role.in_(CHANNEL_TEAM),
        )
        .where(Partnership.vendor_id == vendor_id, Partnership.partner_id == partner_id)
    )
    row = (await session.execute(stmt)).one_or_none()
    if row is None or row.id is None:
        return None
    coverage = await coverage_of(session, vendor_id)
    segment = coverage.segment_of(row.employees, band_of(row.annual_revenue_band))
    return row.id if coverage.motion_of(segment) is Motion.named_owner else None


async def recipients(session: AsyncSession, task: CallTask) -> list[str]:
    """Whom to tell of a new task: its owner while active, else the vendor's channel team."""
    if task.owner_id is not None:
        owner = await session.get(User, task.owner_id)
        if owner is not None and owner.active:
            return [owner.email]
    stmt = (
        select(User.email)
        .where(User.organization_id == task.vendor_id, User.active, User.role.in_(CHANNEL_TEAM))
        .order_by(User.email)
    )
    return list(await session.scalars(stmt))
