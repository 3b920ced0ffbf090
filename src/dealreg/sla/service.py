"""SLA policies, the threshold sweep, and what a registration's clock says.

The sweep fires thresholds as they fall due. It takes due clocks with FOR UPDATE SKIP LOCKED, so
sweeps running side by side share the work, and a firing row unique per registration and
threshold makes a second firing impossible. A decision stops the clock under the same row lock,
so a decision and a sweep are ordered: a breach is never recorded after a decision.

A question to the partner or a withdrawal, pausing or stopping the clock, first fires what fell
due while it ran and no sweep has fired yet (the sweep runs every minute, and a worker may be
down longer): a paused clock never comes due, so a breach due just before the question would
be hidden until the partner answered, and lost if they withdrew instead.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.business_time import BusinessCalendar
from dealreg.db import database_now, flush_unique
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.orgs.programs import get_program
from dealreg.preconditions import IfMatch
from dealreg.registrations.events import Changed
from dealreg.registrations.models import Registration
from dealreg.registrations.service import get_registration
from dealreg.sla import clocks, firing, repository
from dealreg.sla.models import (
    BreachAction,
    ClockState,
    SlaClock,
    SlaPolicy,
    SlaState,
    Threshold,
)

# Due clocks per page. The sweep is one transaction, holding every clock it took until it commits
# whatever the page: a larger page costs no lock time, and each page rescans the due index past
# the entries the pages before it moved on (10k due: 2.0 s of SQL in pages of 1,000, 3.6 s in
# pages of 200, bench/sweep.py).
_BATCH = 1000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ClockNotFound(NotFound):
    type = "sla-clock-not-found"


def invalid(pointer: str, detail: str, code: str = "invalid", **params: Any) -> InvalidInput:
    return InvalidInput(
        detail, errors=[field_error(code, pointer=pointer, detail=detail, **params)]
    )


# --- the sweep ---------------------------------------------------------------------------------


async def sweep(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Fire every threshold due by `now` (the database's clock unless given); how many fired.

    A page of due clocks at a time: their firings worked out in Python (each calendar decoded
    once), then written in a few statements for the whole page (firing.py), not a round trip
    per firing and per event."""
    now = now or await database_now(session)
    calendars = firing.Calendars()
    fired = 0
    while True:
        page = [
            firing.DueClock.of(row) for row in await repository.due_clocks(session, now, _BATCH)
        ]
        fired += await _fire_page(session, page, calendars, now)
        if len(page) < _BATCH:
            return fired


async def _fire_page(
    session: AsyncSession, page: list[firing.DueClock], calendars: firing.Calendars, now: datetime
) -> int:
    moved: dict[uuid.UUID, tuple[firing.DueClock, firing.Fallen]] = {}
    dues: list[firing.Due] = []
    for clock in page:
        fallen = firing.fallen_due(
            clock, ClockState.running, clock.next_threshold, calendars[clock.calendar], now
        )
        if fallen is not None:
            moved[clock.registration_id] = (clock, fallen)
            dues += [firing.Due(threshold, at, clock, clock) for threshold, at in fallen.due]
    fired = await firing.claim(session, dues, now)
    breached = {due.registration_id for due in fired if due.threshold is Threshold.breached}
    # The clocks move on before the breach action's approval, which stops them (and reads them).
    await repository.move_clocks(
        session,
        [
            {
                "registration_id": key,
                "next_threshold": fallen.next_threshold,
                "next_due_at": fallen.next_due_at,
                "breached": clock.breached or key in breached,
            }
            for key, (clock, fallen) in moved.items()
        ],
    )
    await firing.announce(session, fired, now, act=True)
    await session.flush()
    return len(fired)


async def _fire_before_pause(
    session: AsyncSession, clock: SlaClock, registration: Registration, now: datetime
) -> None:
    """Fire what fell due on `clock` by `now`, before it pauses or stops. The breach action's
    approval is not taken: the registration is being moved by someone already."""
    fallen = firing.fallen_due(
        clock, clock.state, clock.next_threshold, clocks.calendar_of(clock), now
    )
    if fallen is None:
        return
    clock.next_threshold, clock.next_due_at = fallen.next_threshold, fallen.next_due_at
    fired = await firing.claim(
        session,
        [firing.Due(threshold, at, clock, registration) for threshold, at in fallen.due],
        now,
    )
    if any(due.threshold is Threshold.breached for due in fired):
        clock.breached = True
    await firing.announce(session, fired, now, act=False)


async def follow_change(event: Changed) -> None:
    """A registration's status moved: its clock follows (a change of stage alone leaves it),
    firing first what fell due before a question or a withdrawal."""
    change, registration = event.change, event.registration
    if change.to_status is change.from_status:
        return
    if change.to_status in clocks.PAUSES_AND_WITHDRAWALS:
        clock = await event.session.get(SlaClock, registration.id, with_for_update=True)
        if clock is not None:
            await _fire_before_pause(event.session, clock, registration, event.at)
    await clocks.follow(
        event.session,
        registration.id,
        change.to_status,
        event.at,
        decided_by_id=registration.decided_by_id,
    )


# --- a registration's clock --------------------------------------------------------------------


# A running clock's next threshold says which it has passed: they fire in order (ORDER).
_PASSED = {
    Threshold.reminder: SlaState.on_track,
    Threshold.at_risk: SlaState.reminded,
    Threshold.breached: SlaState.at_risk,
    None: SlaState.breached,
}


def state_of(clock: clocks.Summarized) -> SlaState:
    """The badge of `clock`, from what has fired (the sweep's record), like `next_threshold`."""
    if clock.state is ClockState.paused:
        return SlaState.paused
    if clock.state is ClockState.stopped:
        return SlaState.stopped
    return _PASSED[clock.next_threshold]


class SlaSummary(msgspec.Struct, frozen=True, kw_only=True):
    """A registration's clock in a list row: what `GET /v1/registrations/{id}/sla` says of it,
    without its pauses and firings."""

    state: Annotated[
        SlaState,
        msgspec.Meta(
            description=(
                "Where the clock stands: `on_track`, `reminded` (half the target run), "
                "`at_risk` (past the target), `breached` (past the hard limit), `paused` "
                "(waiting on the partner) or `stopped` (decided or withdrawn)."
            )
        ),
    ]
    next_threshold: Annotated[
        Threshold | None,
        msgspec.Meta(description="The next threshold to fire; null when all have, or stopped."),
    ]
    next_due_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When the next threshold is due; null while paused or stopped."),
    ]
    # Null while paused short of them: nobody knows when the partner will answer.
    target_at: Annotated[
        datetime | None,
        msgspec.Meta(
            description=(
                "When the approval target fell (its true instant, across pauses) or falls if the "
                "clock keeps running; null while paused or stopped short of it."
            )
        ),
    ]
    hard_limit_at: Annotated[
        datetime | None, msgspec.Meta(description="The same, for the hard limit.")
    ]
    elapsed_seconds: Annotated[
        int,
        msgspec.Meta(
            description=(
                "Business time run so far (time waiting on the partner not counted), seconds."
            )
        ),
    ]


def summary_of(clock: clocks.Summarized, now: datetime) -> SlaSummary:
    calendar, target_at, hard_limit_at = clocks.summary_instants(clock)
    return SlaSummary(
        state=state_of(clock),
        next_threshold=clock.next_threshold,
        next_due_at=clock.next_due_at,
        target_at=target_at,
        hard_limit_at=hard_limit_at,
        elapsed_seconds=int(clocks.elapsed_now(clock, now, calendar).total_seconds()),
    )


async def summaries(
    session: AsyncSession, registration_ids: Sequence[uuid.UUID], *, now: datetime
) -> dict[uuid.UUID, SlaSummary]:
    """The SLA summaries of a page of registrations the caller may see, in one query."""
    return {
        clock.registration_id: summary_of(clock, now)
        for clock in await repository.summary_rows(session, registration_ids)
    }


class Firing(msgspec.Struct, frozen=True):
    threshold: Threshold
    due_at: datetime
    fired_at: datetime


class ThresholdView(msgspec.Struct, frozen=True, kw_only=True):
    """One of a clock's thresholds: its business time, and when it fell (or falls) due."""

    threshold: Threshold
    after: timedelta
    due_at: datetime | None
    fired_at: datetime | None


class ClockView(msgspec.Struct, frozen=True, kw_only=True):
    registration_id: uuid.UUID
    # The instant the elapsed business time is counted to.
    as_of: datetime
    elapsed: timedelta
    # The calendar the clock runs on: the policy's when it started, its holidays frozen then.
    calendar: BusinessCalendar
    thresholds: list[ThresholdView]
    # Its state, next threshold, and target and hard limit instants: None while paused, since
    # nobody knows when the partner will answer.
    summary: SlaSummary
    state: ClockState
    started_at: datetime
    stopped_at: datetime | None
    target: timedelta
    hard_limit: timedelta
    paused: list[tuple[datetime, datetime | None]]
    fired: list[Firing]
    version: int


async def clock_of(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID, *, now: datetime
) -> ClockView:
    registration = await get_registration(session, actor, registration_id)
    clock = await session.get(SlaClock, registration.id)
    if clock is None:
        raise ClockNotFound(f"Registration {registration.number} has no approval clock.")
    firings = await repository.firings_of(session, registration.id)
    paused: list[tuple[datetime, datetime | None]] = [
        (datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in clock.pauses
    ]
    if clock.paused_since is not None:
        paused.append((clock.paused_since, None))
    calendar = clocks.calendar_of(clock)
    fired_at = {f.threshold: f.fired_at for f in firings}
    return ClockView(
        registration_id=registration.id,
        as_of=now,
        elapsed=clocks.elapsed_now(clock, now, calendar),
        calendar=calendar,
        thresholds=[
            ThresholdView(
                threshold=threshold,
                after=timedelta(minutes=clocks.threshold_minutes(clock, threshold)),
                due_at=clocks.threshold_at(clock, threshold, calendar),
                fired_at=fired_at.get(threshold),
            )
            for threshold in clocks.ORDER
        ],
        summary=summary_of(clock, now),
        state=clock.state,
        started_at=clock.started_at,
        stopped_at=clock.stopped_at,
        target=timedelta(minutes=clock.target_minutes),
        hard_limit=timedelta(minutes=clock.hard_limit_minutes),
        paused=paused,
        fired=[Firing(f.threshold, f.due_at, f.fired_at) for f in firings],
        # Every change of the row moves `updated_at` (clock_timestamp, to the microsecond), a
        # firing included (it advances `next_threshold`): the row's instant versions the clock.
        version=(clock.updated_at - _EPOCH) // timedelta(microseconds=1),
    )


# --- policies ----------------------------------------------------------------------------------


class PolicyView(msgspec.Struct, frozen=True, kw_only=True):
    """The policy in force for a vendor (or program), and its stored row when there is one."""

    vendor_id: uuid.UUID
    program_id: uuid.UUID | None
    policy: clocks.Policy
    row: SlaPolicy | None
    # The version of the vendor's own policy a program without one inherits (0: none stored).
    inherited: int = 0

    @property
    def tag(self) -> int:
        """The strong validator of what is shown. A vendor's: its row's version (0 for the
        defaults). A program's: even for its own row, odd for what it inherits, so that the
        switch from one to the other always changes it."""
        own = self.row.version if self.row is not None else 0
        if self.program_id is None:
            return own
        return 2 * own if self.row is not None else 2 * self.inherited + 1


_POLICY_EDITORS = frozenset({Role.vendor_admin, Role.platform_admin})
_POLICY_KEYS = ("uq_sla_policies_vendor_default", "uq_sla_policies_program")


def _created_meanwhile() -> Exception:
    return Conflict("Another request set this policy just now; read it and apply your change.")


async def _vendor_and_program(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID, program_id: uuid.UUID | None
) -> None:
    if not actor.is_platform and actor.organization_id != vendor_id:
        raise NotFound(f"No SLA policy of vendor {vendor_id} visible to you.")
    if program_id is not None:
        program = await get_program(session, actor, program_id)
        if program.vendor_id != vendor_id:
            detail = f"{program_id} is not a program of vendor {vendor_id}"
            raise InvalidInput(
                detail,
                errors=[
                    field_error(
                        "not_found", parameter="program_id", location="query", detail=detail
                    )
                ],
            )


async def get_policy(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID, program_id: uuid.UUID | None
) -> PolicyView:
    """The policy in force: the program's, else the vendor's, else the defaults (2 and 4
    business days, Monday to Friday 09:00 to 17:00, the vendor country's holidays)."""
    await _vendor_and_program(session, actor, vendor_id, program_id)
    vendors, policies = await clocks.policies_for(session, [vendor_id])
    vendor = vendors.get(vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")
    row = await repository.stored_policy(session, vendor_id, program_id)
    inherited = 0
    if program_id is not None and row is None:
        vendor_row = await repository.stored_policy(session, vendor_id, None)
        inherited = vendor_row.version if vendor_row is not None else 0
    policy = clocks.policy_of(policies, vendor, program_id)
    return PolicyView(
        vendor_id=vendor_id, program_id=program_id, policy=policy, row=row, inherited=inherited
    )


async def put_policy(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    program_id: uuid.UUID | None,
    data: clocks.Policy,
    *,
    if_match: IfMatch,
) -> PolicyView:
    """Set the policy; it applies to the clocks that start from now on."""
    current = await get_policy(session, actor, vendor_id, program_id)
    if actor.role not in _POLICY_EDITORS:
        raise Forbidden("Only the vendor's admin sets its SLA policy.")
    if data.breach_action is BreachAction.escalate and data.escalation_email is None:
        raise invalid(
            "/escalation_email", "escalating a breach needs someone to escalate to", "required"
        )
    if data.hard_limit_days < data.target_days:
        raise invalid(
            "/hard_limit_days",
            "the hard limit cannot come before the target",
            "minimum",
            minimum=data.target_days,
        )
    for pointer, country, subdivision in (
        ("/holiday_country", data.holiday_country, None),
        ("/holiday_subdivision", data.holiday_country, data.holiday_subdivision),
    ):
        try:
            BusinessCalendar.of("UTC", country=country, subdivision=subdivision)
        except ValueError as exc:
            raise invalid(pointer, str(exc)) from exc
    fields = {
        "working_hours": [[list(interval) for interval in day] for day in data.hours.days],
        "closed_dates": sorted(data.closed_dates),
        "holiday_country": data.holiday_country,
        "holiday_subdivision": data.holiday_subdivision,
        "target_days": data.target_days,
        "hard_limit_days": data.hard_limit_days,
        "breach_action": data.breach_action,
        "escalation_email": data.escalation_email,
    }
    if_match.check_put(current.tag, stored=current.row is not None)
    row = current.row
    if row is None:
        row = SlaPolicy(vendor_id=vendor_id, program_id=program_id, **fields)
    else:
        for key, value in fields.items():
            setattr(row, key, value)
    await flush_unique(session, dict.fromkeys(_POLICY_KEYS, _created_meanwhile), row)
    return PolicyView(vendor_id=vendor_id, program_id=program_id, policy=data, row=row)
