"""Who owes a partner the call: where a new call task goes, and whom it is mailed to.

Until partners have size segments, every task goes to the vendor's channel team's queue (no
owner, `CallTask.owner_id` null): partnerships name no channel owner. The one who claims a task
becomes its owner. The team is the vendor's active approvers (its
channel account managers) and admins. Segments will route here, by the partner's segment's
coverage motion: a named owner (set when the task is made), or a team's queue; `recipients`
already mails a named owner alone."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask
from dealreg.orgs.models import Role, User

CHANNEL_TEAM = (Role.vendor_approver, Role.vendor_admin)


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
