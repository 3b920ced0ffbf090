"""SQL of the decision workflow: the approvers a registration may be given to, and the vendor's
queue of open registrations."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role, User
from dealreg.pagination import Page, PageRequest, fetch_ranked_page
from dealreg.registrations.models import Registration
from dealreg.registrations.repository import REGISTRATION_COLUMNS
from dealreg.registrations.states import UNDECIDED
from dealreg.sla.models import ClockState, SlaBreach, SlaClock, SlaState, Threshold
from dealreg.sla.repository import sla_state

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


# A registration without a clock (none is ever left so) comes last of the running ones.
_NEVER = datetime(9999, 12, 31, tzinfo=UTC)


async def open_registrations(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    approver_id: uuid.UUID | None,
    program_id: uuid.UUID | None = None,
    sla_states: frozenset[SlaState] = frozenset(),
    unassigned: bool = False,
    page: PageRequest,
) -> Page[Any]:
    """The vendor's open registrations, the most urgent first: breached (the longest overdue
    first), at risk, the rest by when their next threshold falls due, those waiting on the
    partner last (the longest waiting first). A page resumes after the (rank, instant, id) of
    the last row it gave."""
    paused = SlaClock.state == ClockState.paused
    rank = case(
        (paused, 3),
        (SlaClock.breached, 0),
        (SlaClock.next_threshold == Threshold.breached, 1),
        else_=2,
    ).label("rank")
    urgency = case(
        (paused, SlaClock.paused_since),
        (SlaClock.breached, SlaBreach.due_at),
        else_=func.coalesce(SlaClock.next_due_at, literal(_NEVER)),
    ).label("urgency")
    stmt = (
        select(*REGISTRATION_COLUMNS, rank, urgency)
        .outerjoin(SlaClock, SlaClock.registration_id == Registration.id)
        .outerjoin(SlaBreach, SlaBreach.registration_id == Registration.id)
        .where(Registration.vendor_id == vendor_id, Registration.status.in_(UNDECIDED))
    )
    if approver_id is not None:
        stmt = stmt.where(Registration.approver_id == approver_id)
    if unassigned:
        stmt = stmt.where(Registration.approver_id.is_(None))
    if program_id is not None:
        stmt = stmt.where(Registration.program_id == program_id)
    if sla_states:
        stmt = stmt.where(sla_state().in_([state.value for state in sla_states]))
    return await fetch_ranked_page(session, stmt, rank, urgency, Registration.id, page)
