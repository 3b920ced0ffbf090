"""The registration state machine, as pure functions of a registration and the moment.

Each move checks that it is allowed from where the registration is, changes it, and returns the
`Change` that the service writes as history and as an event. Nothing here touches the database,
so the rules can be tested exhaustively (tests/registrations/test_states.py).

    submitted → in_review → approved | rejected | info_requested
    submitted → approved | rejected | info_requested   (decided without a review step)
    info_requested → in_review                    (the partner resubmits)
    approved → won | lost | expired | cancelled
    submitted | in_review | info_requested → withdrawn

The sales stage of an approved registration only moves forward:
qualified → proposal → negotiation → closed_won | closed_lost; a closed stage closes the
registration as won or lost.
"""

from datetime import datetime, timedelta

import msgspec

from dealreg.errors import Conflict
from dealreg.registrations.models import Registration, SalesStage
from dealreg.registrations.models import RegistrationStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.submitted: frozenset({S.in_review, S.approved, S.rejected, S.info_requested, S.withdrawn}),
    S.in_review: frozenset({S.approved, S.rejected, S.info_requested, S.withdrawn}),
    S.info_requested: frozenset({S.in_review, S.withdrawn}),
    S.approved: frozenset({S.won, S.lost, S.expired, S.cancelled}),
    S.rejected: frozenset(),
    S.withdrawn: frozenset(),
    S.won: frozenset(),
    S.lost: frozenset(),
    S.expired: frozenset(),
    S.cancelled: frozenset(),
}
UNDECIDED = frozenset({S.submitted, S.in_review, S.info_requested})
STAGE_ORDER = {
    SalesStage.qualified: 1,
    SalesStage.proposal: 2,
    SalesStage.negotiation: 3,
    SalesStage.closed_won: 4,
    SalesStage.closed_lost: 4,
}
_CLOSING = {SalesStage.closed_won: S.won, SalesStage.closed_lost: S.lost}


class IllegalTransition(Conflict):
    type, title = "illegal-transition", "Not allowed in the registration's current state"


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """What one move did: the history row's and the event's content."""

    action: str
    event: str
    from_status: S
    to_status: S
    from_stage: SalesStage | None = None
    to_stage: SalesStage | None = None
    reason: str | None = None


def _move(
    registration: Registration,
    to: S,
    *,
    action: str,
    reason: str | None,
    only_from: S | None = None,
) -> Change:
    current = registration.status
    if to not in TRANSITIONS[current] or only_from not in (None, current):
        raise IllegalTransition(
            f"Registration {registration.number} is {current.value}; it cannot be {action}.",
            extra={"registration_status": current.value},
        )
    registration.status = to
    return Change(
        action=action,
        event=f"registration.{action}",
        from_status=current,
        to_status=to,
        from_stage=registration.stage,
        to_stage=registration.stage,
        reason=reason,
    )


def unchanged(registration: Registration, *, action: str, reason: str | None) -> Change:
    """A recorded happening that leaves status and stage as they are (an extension asked for or
    refused, a stage reported)."""
    return Change(
        action=action,
        event=f"registration.{action}",
        from_status=registration.status,
        to_status=registration.status,
        from_stage=registration.stage,
        to_stage=registration.stage,
        reason=reason,
    )


def require_protected(registration: Registration) -> None:
    """Refuse unless the registration is approved, so it has a protection period."""
    if registration.status is not S.approved or registration.expires_at is None:
        raise IllegalTransition(
            f"Registration {registration.number} is {registration.status.value}; only an "
            "approved registration's protection can be extended.",
            extra={"registration_status": registration.status.value},
        )


def start_review(registration: Registration) -> Change:
    return _move(
        registration, S.in_review, action="review_started", reason=None, only_from=S.submitted
    )


def approve(
    registration: Registration, *, at: datetime, protection_days: int, reason: str | None = None
) -> Change:
    change = _move(registration, S.approved, action="approved", reason=reason)
    registration.decided_at = at
    registration.approved_at = at
    registration.expires_at = at + timedelta(days=protection_days)
    return change


def reject(registration: Registration, *, at: datetime, reason: str) -> Change:
    change = _move(registration, S.rejected, action="rejected", reason=reason)
    registration.decided_at = at
    return change


def request_info(registration: Registration, *, question: str) -> Change:
    return _move(registration, S.info_requested, action="info_requested", reason=question)


def resubmit(registration: Registration, *, note: str | None = None) -> Change:
    # Only an answer to the vendor's question is a resubmission; review starts otherwise.
    return _move(
        registration, S.in_review, action="resubmitted", reason=note, only_from=S.info_requested
    )


def withdraw(registration: Registration, *, reason: str | None) -> Change:
    return _move(registration, S.withdrawn, action="withdrawn", reason=reason)


def cancel(registration: Registration, *, reason: str) -> Change:
    return _move(registration, S.cancelled, action="cancelled", reason=reason)


def expire(registration: Registration, *, at: datetime) -> Change:
    if registration.expires_at is None or registration.expires_at > at:
        raise IllegalTransition(
            f"Registration {registration.number} is protected until "
            f"{registration.expires_at}; it has not lapsed.",
            extra={"registration_status": registration.status.value},
        )
    return _move(registration, S.expired, action="expired", reason="protection lapsed")


def report_stage(registration: Registration, stage: SalesStage, *, note: str | None) -> Change:
    current = registration.stage
    if registration.status is not S.approved:
        raise IllegalTransition(
            f"Registration {registration.number} is {registration.status.value}; only an "
            "approved registration has a sales stage to report.",
            extra={"registration_status": registration.status.value},
        )
    if current is not None and STAGE_ORDER[stage] <= STAGE_ORDER[current]:
        raise IllegalTransition(
            f"Registration {registration.number} is at {current.value}; a stage only moves "
            f"forward, and {stage.value} does not.",
            extra={
                "registration_status": registration.status.value,
                "registration_stage": current.value,
            },
        )
    closing = _CLOSING.get(stage)
    if closing is not None:
        change = _move(registration, closing, action=closing.value, reason=note)
    else:
        change = unchanged(registration, action="stage_changed", reason=note)
    registration.stage = stage
    return msgspec.structs.replace(change, from_stage=current, to_stage=stage)


def extend(registration: Registration, *, days: int, reason: str | None) -> Change:
    """Lengthen the protection of an approved registration by `days`."""
    require_protected(registration)
    assert registration.expires_at is not None  # noqa: S101 - require_protected made sure
    registration.expires_at += timedelta(days=days)
    registration.extensions_granted += 1
    return unchanged(registration, action="extension_granted", reason=reason)
