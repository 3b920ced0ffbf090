"""Call tasks: the calls a vendor's channel team owes partners whose engagement crossed its
threshold. Claimed by one person (who becomes the owner), the call's outcome logged (again after
another try), then closed. The vendor's alone: a partner never sees them.

Each change is lock and load, authorize, If-Match, move (approvals/service.py's order)."""

import uuid
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import repository
from dealreg.engagement.errors import CallTaskNotFound
from dealreg.engagement.models import CallOutcome, CallTask, CallTaskState
from dealreg.engagement.routing import CHANNEL_TEAM
from dealreg.errors import Conflict, Forbidden
from dealreg.fields import NO_NUL
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch

OutcomeNote = Annotated[str, msgspec.Meta(max_length=2000, pattern=NO_NUL)]


def _vendor_of(actor: Principal) -> uuid.UUID | None:
    return actor.organization_id if actor.org_kind is OrgKind.vendor else None


async def list_tasks(
    session: AsyncSession,
    actor: Principal,
    *,
    state: CallTaskState | None,
    mine: bool,
    partner_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[CallTask]:
    """The caller's vendor's tasks, oldest first; `mine`: those the caller owns."""
    vendor_id = _vendor_of(actor)
    if vendor_id is None:
        return Page(items=[], next_key=None)
    filters = {
        CallTask.state: state,
        CallTask.partner_id: partner_id,
        CallTask.owner_id: actor.subject_id if mine else None,
    }
    return await repository.list_tasks(session, vendor_id, filters=filters, page=page)


def _not_found(task_id: uuid.UUID) -> CallTaskNotFound:
    return CallTaskNotFound(f"No call task {task_id} visible to you.")


async def get_task(session: AsyncSession, actor: Principal, task_id: uuid.UUID) -> CallTask:
    task = await session.get(CallTask, task_id)
    if task is None or task.vendor_id != _vendor_of(actor):
        raise _not_found(task_id)
    return task


async def _for_change(
    session: AsyncSession, actor: Principal, task_id: uuid.UUID, if_match: IfMatch, doing: str
) -> CallTask:
    task = await repository.task_for_update(session, task_id)
    if task is None or task.vendor_id != _vendor_of(actor):
        raise _not_found(task_id)
    # A person takes the call: a vendor's machine clients (vendor_system) are not of the team.
    if actor.role not in CHANNEL_TEAM:
        raise Forbidden(f"Only the vendor's channel team may {doing} a call task.")
    if (
        task.owner_id is not None
        and task.owner_id != actor.subject_id
        and actor.role is not Role.vendor_admin
    ):
        raise Forbidden(f"This call task is another's; only its owner or an admin may {doing} it.")
    if_match.check(task.version)
    return task


async def claim(
    session: AsyncSession, actor: Principal, task_id: uuid.UUID, *, if_match: IfMatch
) -> CallTask:
    """Take the task from the queue: the caller owns it and is the one to call."""
    task = await _for_change(session, actor, task_id, if_match, "claim")
    if task.state is not CallTaskState.open:
        raise Conflict(f"The call task is {task.state} already.")
    task.state = CallTaskState.claimed
    task.owner_id = actor.subject_id
    task.claimed_at = datetime.now(UTC)
    await session.flush()
    return task


async def log_outcome(
    session: AsyncSession,
    actor: Principal,
    task_id: uuid.UUID,
    outcome: CallOutcome,
    note: str | None,
    *,
    if_match: IfMatch,
) -> CallTask:
    """What came of the call; a later try (after no answer) logs over it."""
    task = await _for_change(session, actor, task_id, if_match, "log the outcome of")
    if task.state is CallTaskState.open:
        raise Conflict("Claim the call task before logging its outcome.")
    if task.state is CallTaskState.closed:
        raise Conflict("The call task is closed.")
    task.outcome = outcome
    task.outcome_note = note
    task.outcome_at = datetime.now(UTC)
    await session.flush()
    return task


async def close(
    session: AsyncSession, actor: Principal, task_id: uuid.UUID, *, if_match: IfMatch
) -> CallTask:
    """Done with the task: it needs the outcome of a call."""
    task = await _for_change(session, actor, task_id, if_match, "close")
    if task.state is CallTaskState.closed:
        raise Conflict("The call task is closed already.")
    if task.outcome is None:
        raise Conflict("Log the call's outcome before closing the call task.")
    task.state = CallTaskState.closed
    task.closed_at = datetime.now(UTC)
    await session.flush()
    return task
