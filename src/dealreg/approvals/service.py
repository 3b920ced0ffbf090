"""The vendor's decision on a registration: assign, ask the partner for information, approve or
reject; and the partner's resubmission with its answer. Services never commit.

Each decision is a move of the registration state machine (registrations/states.py), written as
history and an event in the caller's transaction; every change needs the If-Match of the version
it was made against, so two approvers cannot decide on the same registration unknowingly.
"""

import enum
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.approvals import repository
from dealreg.errors import Forbidden, InvalidInput, field_error
from dealreg.orgs.models import Organization, OrgKind
from dealreg.orgs.principals import Principal
from dealreg.orgs.programs import ExtraField
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch
from dealreg.registrations import repository as registrations
from dealreg.registrations import states
from dealreg.registrations.answers import check_answers, stored_answers
from dealreg.registrations.changes import record
from dealreg.registrations.models import Registration, RegistrationStatus
from dealreg.registrations.permissions import require_partner_side, require_vendor_decider
from dealreg.registrations.schemas import Answer
from dealreg.registrations.service import get_registration
from dealreg.registrations.states import UNDECIDED, IllegalTransition
from dealreg.sla import clocks
from dealreg.sla.models import SlaState


class RejectionReason(enum.StrEnum):
    duplicate = "duplicate"
    existing_direct_opportunity = "existing_direct_opportunity"
    not_qualified = "not_qualified"
    insufficient_information = "insufficient_information"
    partner_not_eligible = "partner_not_eligible"
    other = "other"


async def _for_decision(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID, if_match: IfMatch
) -> Registration:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_vendor_decider(actor, "decide on a registration")
    if_match.check(registration.version)
    return registration


async def approve(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    note: str | None,
    at: datetime | None = None,
) -> Registration:
    """Approve: the partner is protected for the program's protection days from now. `at`, the
    instant it was decided, is now unless history is replayed (the demo's)."""
    registration = await _for_decision(session, actor, registration_id, if_match)
    program = await registrations.program_terms(session, registration.program_id)
    at = at or datetime.now(UTC)
    change = states.approve(
        registration, at=at, protection_days=program.protection_days, reason=note
    )
    registration.decision_note = note
    await record(session, actor, registration, change, _expiry(registration), at=at)
    await session.flush()
    return registration


def _expiry(registration: Registration) -> dict[str, Any]:
    expires_at = registration.expires_at
    return {"expires_at": expires_at.isoformat() if expires_at else None}


async def reject(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    reason: RejectionReason,
    note: str | None,
    at: datetime | None = None,
) -> Registration:
    registration = await _for_decision(session, actor, registration_id, if_match)
    at = at or datetime.now(UTC)
    change = states.reject(registration, at=at, reason=note or reason.value)
    if reason is RejectionReason.other and (note is None or not note.strip()):
        raise InvalidInput(
            "Say why, in words, when the reason is 'other'.",
            errors=[
                field_error(
                    "required", pointer="/note", detail="required when the reason is 'other'"
                )
            ],
        )
    registration.decision_code, registration.decision_note = reason.value, note
    await record(session, actor, registration, change, {"reason_code": reason.value}, at=at)
    await session.flush()
    return registration


async def request_info(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    question: str,
) -> Registration:
    """Ask the partner a question: the registration waits on the partner until it resubmits."""
    registration = await _for_decision(session, actor, registration_id, if_match)
    await record(session, actor, registration, states.request_info(registration, question=question))
    await session.flush()
    return registration


async def resubmit(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    reply: str,
    answers: dict[str, Answer] | None,
) -> Registration:
    """The partner answers the vendor's question (and may correct its answers to the program's
    extra fields, checked as at submission); the registration goes back to review."""
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_partner_side(actor, "resubmit a registration")
    if_match.check(registration.version)
    # The state machine first: answers sent for a registration that cannot be resubmitted are a
    # 409, whatever they say. A refusal below rolls this move back with the transaction.
    change = states.resubmit(registration, note=reply)
    if answers is not None:
        program = await registrations.program_terms(session, registration.program_id)
        vendor = await session.get_one(Organization, registration.vendor_id)
        errors = check_answers(
            answers,
            msgspec.convert(program.extra_fields, list[ExtraField]),
            base="/answers",
            vendor_id=vendor.id,
            vendor_name=vendor.name,
        )
        if errors:
            raise InvalidInput(
                f"The answers break {len(errors)} rule(s) of the program.", errors=errors
            )
        registration.answers = stored_answers(answers)
    await record(session, actor, registration, change, {"answers_changed": answers is not None})
    await session.flush()
    return registration


async def assign(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    approver_id: uuid.UUID,
) -> Registration:
    """Give an open registration to one of the vendor's approvers; a submitted one goes into
    review."""
    registration = await _for_decision(session, actor, registration_id, if_match)
    if registration.status not in UNDECIDED:
        raise IllegalTransition(
            f"Registration {registration.number} is {registration.status.value}; only an open "
            "registration is assigned.",
            extra={"registration_status": registration.status.value},
        )
    approver = await repository.vendor_approver(session, registration.vendor_id, approver_id)
    if approver is None:
        detail = f"{approver_id} is not an active approver or admin of this vendor"
        raise InvalidInput(
            detail, errors=[field_error("not_found", pointer="/approver_id", detail=detail)]
        )
    if registration.approver_id == approver.id:
        return registration  # already theirs: nothing changes, nothing to tell anyone
    data = {"approver_id": str(approver.id)}
    registration.approver_id = approver.id
    if registration.status is RegistrationStatus.submitted:
        await record(session, actor, registration, states.start_review(registration), data)
    else:
        await record(
            session,
            actor,
            registration,
            states.unchanged(registration, action="assigned", reason=None),
            data,
        )
    # After record: reading the clock flushes the registration's pending change, and flushed
    # before record's own change it would be two updates, two versions for one assignment.
    await clocks.assign(session, registration.id, approver.id)
    await session.flush()
    return registration


class QueueItem(msgspec.Struct, frozen=True):
    registration: Any
    conflicts: Sequence[Any]


class Assigned(enum.StrEnum):
    """The queue's registrations assigned to the caller, or to nobody."""

    me = "me"
    nobody = "nobody"


async def queue(
    session: AsyncSession,
    actor: Principal,
    *,
    approver_id: uuid.UUID | None,
    page: PageRequest,
    assigned: Assigned | None = None,
    program_id: uuid.UUID | None = None,
    sla_states: frozenset[SlaState] = frozenset(),
) -> Page[QueueItem]:
    """The vendor's open registrations, the most urgent first, each with its conflicts; only
    those assigned to `approver_id` (or to the caller, or to nobody), of `program_id`, in
    `sla_states`, when asked."""
    if actor.org_kind is not OrgKind.vendor:
        raise Forbidden("The approval queue is a vendor's.")
    if assigned is not None and approver_id is not None:
        raise InvalidInput(
            "Ask for one approver's registrations or for `assigned`, not both.",
            errors=[
                field_error(
                    "one_of", parameter="assigned", location="query", fields="assigned, approver_id"
                )
            ],
        )
    if assigned is Assigned.me:
        if actor.kind != "user":
            raise Forbidden("A machine client is assigned nothing; ask by approver_id.")
        approver_id = actor.subject_id
    result = await repository.open_registrations(
        session,
        actor.organization_id,
        approver_id=approver_id,
        program_id=program_id,
        sla_states=sla_states,
        unassigned=assigned is Assigned.nobody,
        page=page,
    )
    conflicts = await registrations.conflicts_of_many(session, [r.id for r in result.items])
    return Page(
        items=[QueueItem(r, conflicts.get(r.id, [])) for r in result.items],
        next_key=result.next_key,
    )
