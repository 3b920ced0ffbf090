"""SQL of the decision workflow: the approvers a registration may be given to, and the vendor's
queue of open registrations."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role, User
from dealreg.pagination import Page, PageKey, PageRequest
from dealreg.registrations.models import Registration
from dealreg.registrations.repository import REGISTRATION_COLUMNS
from dealreg.registrations.states import UNDECIDED
from dealreg.sla.models import SlaClock

APPROVER_ROLES = (Role.vendor_approver, Role.vendor_admin)


async def vendor_approver(
    session: AsyncSession, vendor_id: uuid.UUID, user_id: uuid.UUID
) -> User | None:
    stmt = select(User).where(
        User.id == user_id,
        User.organization_id == vendor_id,
        User.active.is_(True),
        User.role.in_(APPROVER_ROLES),
    )
    return (await session.scalars(stmt)).one_or_none()


# Paused clocks (waiting on the partner) have no due threshold: they come after every running one.
_NEVER = datetime(9999, 12, 31, tzinfo=UTC)


async def open_registrations(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    approver_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[Any]:
    """The vendor's open registrations, the most urgent first: by when their next SLA threshold
    falls due. A page resumes after the (urgency, id) of the last row it gave."""
    urgency = func.coalesce(SlaClock.next_due_at, literal(_NEVER)).label("urgency")
    stmt = (
        select(*REGISTRATION_COLUMNS, urgency)
        .outerjoin(SlaClock, SlaClock.registration_id == Registration.id)
        .where(Registration.vendor_id == vendor_id, Registration.status.in_(UNDECIDED))
    )
    if approver_id is not None:
        stmt = stmt.where(Registration.approver_id == approver_id)
    if page.after is not None:
        stmt = stmt.where(tuple_(urgency, Registration.id) > tuple_(page.after.at, page.after.id))
    rows = (
        await session.execute(stmt.order_by(urgency, Registration.id).limit(page.limit + 1))
    ).all()
    items = list(rows[: page.limit])
    more = len(rows) > page.limit
    return Page(
        items=items, next_key=PageKey(at=items[-1].urgency, id=items[-1].id) if more else None
    )
