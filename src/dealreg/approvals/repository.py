"""SQL of the decision workflow: the approvers a registration may be given to, and the vendor's
queue of open registrations."""

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role, User
from dealreg.pagination import Page, PageRequest, fetch_row_page
from dealreg.registrations.models import Registration
from dealreg.registrations.repository import REGISTRATION_COLUMNS
from dealreg.registrations.states import UNDECIDED

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


async def open_registrations(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    approver_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[Any]:
    stmt = select(*REGISTRATION_COLUMNS).where(
        Registration.vendor_id == vendor_id, Registration.status.in_(UNDECIDED)
    )
    if approver_id is not None:
        stmt = stmt.where(Registration.approver_id == approver_id)
    return await fetch_row_page(session, stmt, Registration, page)
