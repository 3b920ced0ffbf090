"""Firing thresholds, many at a time: which of a clock's thresholds have fallen due (worked out in
Python, on its business calendar), and what a firing writes (its unique firing row, its events,
a breach's row, the mail's outbox rows), each kind in one statement for all the clocks of a
sweep's page. Only thresholds whose firing row this transaction inserted are announced: a
threshold another sweep (or a pause) fired first is passed over, never fired twice.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.business_time import BusinessCalendar
from dealreg.events.repository import add_event_page, event_row
from dealreg.messagebus import BUS
from dealreg.registrations import repository as registrations
from dealreg.registrations import states
from dealreg.registrations.changes import record
from dealreg.registrations.models import Registration
from dealreg.sla import clocks, repository
from dealreg.sla.events import Fired, ThresholdsFired
from dealreg.sla.models import BreachAction, ClockState, Threshold


@dataclass(slots=True)
class DueClock:
    """A due clock and the facts of its registration a firing writes, as the sweep reads them
    (repository.due_clocks, column for field): no ORM object, whose loading cost more than the
    firing."""

    registration_id: uuid.UUID
    number: str
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    program_id: uuid.UUID
    approver_id: uuid.UUID | None
    conflict: bool
    calendar: str  # the JSON text: Calendars decodes it
    target_minutes: int
    hard_limit_minutes: int
    elapsed_us: int
    started_at: datetime
    running_since: datetime | None
    pauses: list[list[str]]
    paused_since: datetime | None
    stopped_at: datetime | None
    next_threshold: Threshold | None
    breached: bool
    breach_action: BreachAction
    escalation_email: str | None

    @classmethod
    def of(cls, row: Any) -> "DueClock":
        return cls(**row._mapping)


class Calendars:
    """The calendars clocks copied, each decoded once from its JSON text, however many clocks
    share it."""

    def __init__(self) -> None:
        self._decoded: dict[str, BusinessCalendar] = {}

    def __getitem__(self, text: str) -> BusinessCalendar:
        calendar = self._decoded.get(text)
        if calendar is None:
            calendar = self._decoded[text] = msgspec.json.decode(text, type=BusinessCalendar)
        return calendar


def following(threshold: Threshold) -> Threshold | None:
    after = clocks.ORDER.index(threshold) + 1
    return clocks.ORDER[after] if after < len(clocks.ORDER) else None


@dataclass(frozen=True, slots=True)
class Fallen:
    """A clock's thresholds due by a sweep's instant, in order (a late sweep catches up), and
    where the clock stands once they are past: its next threshold and when that falls due."""

    due: list[tuple[Threshold, datetime]]
    next_threshold: Threshold | None
    next_due_at: datetime | None


def fallen_due(
    clock: clocks.Times,
    state: ClockState,
    threshold: Threshold | None,
    calendar: BusinessCalendar,
    now: datetime,
) -> Fallen | None:
    """The thresholds of `clock` (in `state`, next to fire `threshold`) due by `now`; None when
    none is."""
    due: list[tuple[Threshold, datetime]] = []
    while state is not ClockState.stopped and threshold is not None:
        at = clocks.threshold_at(clock, threshold, calendar)
        if at is None or at > now:
            break
        due.append((threshold, at))
        threshold = following(threshold)
    if not due:
        return None
    last, last_at = due[-1]
    next_due_at = clocks.due_after(clock, threshold, calendar, last, last_at) if threshold else None
    return Fallen(due, threshold, next_due_at)


class FiredClock(Protocol):
    """What a firing writes of the clock: a stored one, or the sweep's DueClock."""

    @property
    def registration_id(self) -> uuid.UUID: ...
    @property
    def breach_action(self) -> BreachAction: ...
    @property
    def escalation_email(self) -> str | None: ...


class FiredRegistration(Protocol):
    """What a firing writes of the clock's registration: a stored one, or the sweep's
    DueClock."""

    @property
    def number(self) -> str: ...
    @property
    def vendor_id(self) -> uuid.UUID: ...
    @property
    def partner_id(self) -> uuid.UUID: ...
    @property
    def program_id(self) -> uuid.UUID: ...
    @property
    def approver_id(self) -> uuid.UUID | None: ...
    @property
    def conflict(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Due:
    """A threshold of `clock` to fire, due at `due_at`."""

    threshold: Threshold
    due_at: datetime
    clock: FiredClock
    registration: FiredRegistration

    @property
    def registration_id(self) -> uuid.UUID:
        return self.clock.registration_id


async def claim(session: AsyncSession, dues: list[Due], now: datetime) -> list[Due]:
    """Insert the firing rows of `dues` (fired at `now`); those this transaction fired, in order."""
    claimed = await repository.claim_firings(
        session,
        [
            {
                "id": uuid.uuid4(),
                "registration_id": due.registration_id,
                "threshold": due.threshold,
                "due_at": due.due_at,
                "fired_at": now,
            }
            for due in dues
        ],
    )
    return [due for due in dues if (due.registration_id, due.threshold) in claimed]


async def announce(session: AsyncSession, fired: list[Due], now: datetime, *, act: bool) -> None:
    """Write what the claimed thresholds `fired` set off: their events, a breach's row, the mail
    (ThresholdsFired), and the breach action's approval if `act`."""
    if not fired:
        return
    await add_event_page(session, [row for due in fired for row in _events(due)])
    await repository.add_breaches(
        session,
        [
            {
                "id": uuid.uuid4(),
                "registration_id": due.registration_id,
                "vendor_id": due.registration.vendor_id,
                "partner_id": due.registration.partner_id,
                "program_id": due.registration.program_id,
                "approver_id": due.registration.approver_id,
                "due_at": due.due_at,
                "breached_at": now,
                "action": due.clock.breach_action,
            }
            for due in fired
            if due.threshold is Threshold.breached
        ],
    )
    await BUS.emit(
        ThresholdsFired(
            session, tuple(Fired(due.registration_id, due.threshold, due.due_at) for due in fired)
        )
    )
    # A conflicting registration is never approved by a rule: which partner to protect is the
    # vendor's call, and the breach itself tells it to make it.
    for due in fired:
        if (
            act
            and due.threshold is Threshold.breached
            and due.clock.breach_action is BreachAction.auto_approve
            and not due.registration.conflict
        ):
            # Locked already, by the sweep's page or by the move that paused it.
            registration = await session.get_one(Registration, due.registration_id)
            await _approve_by_rule(session, registration, now)


def _events(due: Due) -> list[dict[str, Any]]:
    clock, approver_id = due.clock, due.registration.approver_id
    data: dict[str, Any] = {
        "registration_id": str(due.registration_id),
        "number": due.registration.number,
        "threshold": due.threshold.value,
        "due_at": due.due_at.isoformat(),
        "approver_id": str(approver_id) if approver_id else None,
    }
    types = [f"sla.{due.threshold.value}"]
    if due.threshold is Threshold.at_risk and clock.escalation_email:
        data["escalate_to"] = clock.escalation_email
    if due.threshold is Threshold.breached:
        data["action"] = clock.breach_action.value
        if clock.breach_action is BreachAction.escalate:
            data["escalate_to"] = clock.escalation_email
            types.append("sla.escalated")
    # Reminders and escalations are the vendor's business; a breach is both sides', but whom the
    # vendor assigned or escalates to is its own: the partner is shown it without them
    # (disclosure.py).
    return [
        event_row(
            type_,
            due.registration_id,
            vendor_id=due.registration.vendor_id,
            partner_id=due.registration.partner_id if type_ == "sla.breached" else None,
            data=data,
        )
        for type_ in types
    ]


async def _approve_by_rule(
    session: AsyncSession, registration: Registration, now: datetime
) -> None:
    program = await registrations.program_terms(session, registration.program_id)
    change = states.approve(
        registration,
        at=now,
        protection_days=program.protection_days,
        reason="approved by the vendor's SLA breach rule",
    )
    await record(session, None, registration, change, {"rule": "sla_breach"}, at=now)
