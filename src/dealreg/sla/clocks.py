"""Approval clocks: started at submission, paused while the registration waits on the partner,
resumed on resubmission, stopped at a decision or withdrawal.

A clock copies its vendor's policy (the program's, if it has one) when it starts. It counts the
business time run so far in `elapsed_us`, and `next_due_at` is the instant its next threshold
falls due while it runs: reminder at half the target, at_risk at the target, breached at the
hard limit. The sweep (sla/service.py) fires what is due; this module only keeps clocks right,
with the copies of their registration's program, approver and decision the reports read.
"""

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.business_time import BusinessCalendar, WorkingHours
from dealreg.orgs.models import Organization
from dealreg.registrations.events import Submitted
from dealreg.registrations.models import RegistrationStatus
from dealreg.sla import repository
from dealreg.sla.models import BreachAction, ClockState, SlaClock, SlaPolicy, Threshold

DEFAULT_TARGET_DAYS = 2.0
DEFAULT_HARD_LIMIT_DAYS = 4.0
ORDER = (Threshold.reminder, Threshold.at_risk, Threshold.breached)
# A decision, or the partner taking the registration back: the clock stops for good.
_DECISIONS = frozenset({RegistrationStatus.approved, RegistrationStatus.rejected})
_STOPS = _DECISIONS | {RegistrationStatus.withdrawn}
# Moves that pause or stop the clock by someone's hand other than the vendor's decision.
PAUSES_AND_WITHDRAWALS = frozenset(
    {RegistrationStatus.info_requested, RegistrationStatus.withdrawn}
)


class Policy(msgspec.Struct, frozen=True, kw_only=True):
    """The SLA a vendor (or one of its programs) holds itself to."""

    hours: WorkingHours = msgspec.field(default_factory=WorkingHours.default)
    closed_dates: frozenset[date] = frozenset()
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    target_days: float = DEFAULT_TARGET_DAYS
    hard_limit_days: float = DEFAULT_HARD_LIMIT_DAYS
    breach_action: BreachAction = BreachAction.none
    escalation_email: str | None = None

    @classmethod
    def of_row(cls, row: SlaPolicy) -> "Policy":
        return cls(
            hours=WorkingHours(
                days=tuple(tuple((s, e) for s, e in day) for day in row.working_hours)
            ),
            closed_dates=frozenset(row.closed_dates),
            holiday_country=row.holiday_country,
            holiday_subdivision=row.holiday_subdivision,
            target_days=row.target_days,
            hard_limit_days=row.hard_limit_days,
            breach_action=row.breach_action,
            escalation_email=row.escalation_email,
        )

    def calendar(self, timezone: str) -> BusinessCalendar:
        return BusinessCalendar.of(
            timezone,
            country=self.holiday_country,
            subdivision=self.holiday_subdivision,
            hours=self.hours,
            closed_dates=self.closed_dates,
        )

    def minutes(self, days: float) -> int:
        """Business days as business minutes: a business day is the average working day."""
        working_days = [day for day in self.hours.days if day]
        weekly = sum(end - start for day in working_days for start, end in day)
        return round(days * weekly / len(working_days))


def default_policy(vendor_country: str) -> Policy:
    """The defaults, closed on the vendor country's public holidays when `holidays` knows them
    (a country it does not know observes none, rather than stopping every submission)."""
    try:
        BusinessCalendar.of("UTC", country=vendor_country)
    except ValueError:
        return Policy()
    return Policy(holiday_country=vendor_country)


async def policies_for(
    session: AsyncSession, vendor_ids: Iterable[uuid.UUID]
) -> tuple[dict[uuid.UUID, Organization], dict[tuple[uuid.UUID, uuid.UUID | None], Policy]]:
    """The vendors, and every stored policy of theirs keyed by (vendor, program or None)."""
    vendors, rows = await repository.vendors_and_policies(session, vendor_ids)
    return (
        {org.id: org for org in vendors},
        {(row.vendor_id, row.program_id): Policy.of_row(row) for row in rows},
    )


def policy_of(
    policies: dict[tuple[uuid.UUID, uuid.UUID | None], Policy],
    vendor: Organization,
    program_id: uuid.UUID | None,
) -> Policy:
    return (
        policies.get((vendor.id, program_id))
        or policies.get((vendor.id, None))
        or default_policy(vendor.country)
    )


class Times(Protocol):
    """What the instants of a clock's thresholds are worked out from: a stored clock, or the
    sweep's copy of one read without the ORM (sla/firing.py)."""

    @property
    def target_minutes(self) -> int: ...
    @property
    def hard_limit_minutes(self) -> int: ...
    @property
    def elapsed_us(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def running_since(self) -> datetime | None: ...
    @property
    def paused_since(self) -> datetime | None: ...
    @property
    def stopped_at(self) -> datetime | None: ...
    @property
    def pauses(self) -> Sequence[Sequence[str]]: ...


def threshold_minutes(clock: Times, threshold: Threshold) -> int:
    if threshold is Threshold.reminder:
        return clock.target_minutes // 2
    if threshold is Threshold.at_risk:
        return clock.target_minutes
    return clock.hard_limit_minutes


class Summarized(Times, Protocol):
    """What a clock's summary is worked out from: a stored clock, or a list's plain row of it
    (sla/repository.py `summary_rows`)."""

    @property
    def calendar(self) -> dict[str, Any]: ...
    @property
    def state(self) -> ClockState: ...
    @property
    def next_threshold(self) -> Threshold | None: ...
    @property
    def next_due_at(self) -> datetime | None: ...


def calendar_of(clock: Summarized) -> BusinessCalendar:
    # Stored as JSON, whose keys are text: the years of its frozen holidays among them.
    return msgspec.convert(clock.calendar, BusinessCalendar, str_keys=True)


def due_at(clock: Times, threshold: Threshold, calendar: BusinessCalendar) -> datetime | None:
    """When `threshold` falls due if the clock keeps running from now on (None when not
    running)."""
    if clock.running_since is None:
        return None
    remaining = threshold_minutes(clock, threshold) * 60_000_000 - clock.elapsed_us
    return calendar.add(clock.running_since, timedelta(microseconds=max(remaining, 0)))


def due_after(
    clock: Times,
    threshold: Threshold,
    calendar: BusinessCalendar,
    earlier: Threshold,
    earlier_at: datetime,
) -> datetime | None:
    """`due_at(clock, threshold, calendar)`, given that the earlier threshold `earlier` fell due
    at `earlier_at`. When that instant was counted on from `running_since`, the business time
    between the two is added to it: the same instant (adding business time is additive), from a
    walk of the calendar hours long rather than days (the sweep works out thousands)."""
    counted_on = clock.elapsed_us < threshold_minutes(clock, earlier) * 60_000_000
    if clock.running_since is None or not counted_on:
        return due_at(clock, threshold, calendar)
    between = threshold_minutes(clock, threshold) - threshold_minutes(clock, earlier)
    return calendar.add(earlier_at, timedelta(minutes=between))


def reached_at(clock: Times, threshold: Threshold, calendar: BusinessCalendar) -> datetime | None:
    """When the clock's business time reached `threshold` in the spans it has finished running
    (up to its last pause, resume or stop); None when it had not reached it by then. Worked out
    from its start and pauses, so that a threshold passed before a pause keeps its true instant
    after the clock resumes."""
    wanted = timedelta(minutes=threshold_minutes(clock, threshold))
    if timedelta(microseconds=clock.elapsed_us) < wanted:
        return None
    pauses = [
        (datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in clock.pauses
    ]
    last = clock.paused_since or clock.stopped_at or clock.running_since or clock.started_at
    starts = [clock.started_at, *(end for _, end in pauses)]
    ends = [*(start for start, _ in pauses), last]
    run = timedelta(0)
    for start, end in zip(starts, ends, strict=True):
        span = calendar.elapsed(start, end)
        if run + span >= wanted:
            return calendar.add(start, wanted - run)
        run += span
    # The spans sum to the clock's count; rounding to whole microseconds can leave it short.
    return last


def threshold_at(clock: Times, threshold: Threshold, calendar: BusinessCalendar) -> datetime | None:
    """When `threshold` fell due, or falls due if the clock keeps running from now on; None
    while paused short of it (nobody knows when the partner will answer)."""
    return reached_at(clock, threshold, calendar) or due_at(clock, threshold, calendar)


class _Frozen(msgspec.Struct, frozen=True, kw_only=True):
    """A clock's state as far as the instants of its thresholds go (Times): hashable, so that
    they are worked out once for it, whatever the requests that show it."""

    calendar: bytes  # its calendar's JSON
    target_minutes: int
    hard_limit_minutes: int
    elapsed_us: int
    started_at: datetime
    running_since: datetime | None
    paused_since: datetime | None
    stopped_at: datetime | None
    pauses: tuple[tuple[str, str], ...]


def summary_instants(
    clock: Summarized,
) -> tuple[BusinessCalendar, datetime | None, datetime | None]:
    """The clock's calendar and the instants of its target and hard limit (threshold_at). A
    page of registrations shows each clock's, and walking the calendar to them was half of a
    registrations list's CPU: the same clock in the same state gives the same instants, so
    they are kept (for the last few thousand states) rather than worked out on every request."""
    frozen = _Frozen(
        calendar=msgspec.json.encode(clock.calendar),
        target_minutes=clock.target_minutes,
        hard_limit_minutes=clock.hard_limit_minutes,
        elapsed_us=clock.elapsed_us,
        started_at=clock.started_at,
        running_since=clock.running_since,
        paused_since=clock.paused_since,
        stopped_at=clock.stopped_at,
        pauses=tuple((start, end) for start, end in clock.pauses),
    )
    return _instants(frozen)


@lru_cache(maxsize=256)
def _calendar(encoded: bytes) -> BusinessCalendar:
    # Stored as JSON, whose keys are text: the years of its frozen holidays among them.
    return msgspec.convert(msgspec.json.decode(encoded), BusinessCalendar, str_keys=True)


@lru_cache(maxsize=8192)
def _instants(clock: _Frozen) -> tuple[BusinessCalendar, datetime | None, datetime | None]:
    calendar = _calendar(clock.calendar)
    return (
        calendar,
        threshold_at(clock, Threshold.at_risk, calendar),
        threshold_at(clock, Threshold.breached, calendar),
    )


def schedule(clock: SlaClock, calendar: BusinessCalendar) -> None:
    clock.next_due_at = (
        due_at(clock, clock.next_threshold, calendar) if clock.next_threshold else None
    )


async def start_clocks(session: AsyncSession, registrations: Sequence[Any]) -> None:
    """Start the clock of each newly submitted registration at its submission."""
    vendors, policies = await policies_for(session, (r.vendor_id for r in registrations))
    for registration in registrations:
        vendor = vendors[registration.vendor_id]
        policy = policy_of(policies, vendor, registration.program_id)
        assert vendor.timezone is not None  # noqa: S101 - a vendor's is required (check constraint)
        # The holidays of this year and the next are kept with the clock: an upgrade of the
        # `holidays` package does not move a running deadline.
        year = registration.submitted_at.year
        calendar = policy.calendar(vendor.timezone).with_holidays_frozen((year, year + 1))
        clock = SlaClock(
            registration_id=registration.id,
            vendor_id=vendor.id,
            partner_id=registration.partner_id,
            program_id=registration.program_id,
            approver_id=registration.approver_id,
            decided=False,
            breached=False,
            calendar=msgspec.to_builtins(calendar),
            target_minutes=policy.minutes(policy.target_days),
            hard_limit_minutes=policy.minutes(policy.hard_limit_days),
            breach_action=policy.breach_action,
            escalation_email=policy.escalation_email,
            state=ClockState.running,
            started_at=registration.submitted_at,
            elapsed_us=0,
            running_since=registration.submitted_at,
            pauses=[],
            next_threshold=Threshold.reminder,
        )
        schedule(clock, calendar)
        session.add(clock)
    await session.flush()


async def start_submitted(event: Submitted) -> None:
    """Newly submitted registrations: their clocks start."""
    await start_clocks(event.session, event.registrations)


def _count_until(clock: SlaClock, calendar: BusinessCalendar, at: datetime) -> None:
    if clock.running_since is not None:
        clock.elapsed_us += _us(calendar.elapsed(clock.running_since, at))
        clock.running_since = None


def _us(delta: timedelta) -> int:
    return delta // timedelta(microseconds=1)


async def follow(
    session: AsyncSession,
    registration_id: uuid.UUID,
    to: RegistrationStatus,
    at: datetime,
    *,
    decided_by_id: uuid.UUID | None = None,
) -> None:
    """Keep the registration's clock in step with a move of its status to `to` at `at` (a
    decision's made by `decided_by_id`)."""
    clock = await session.get(SlaClock, registration_id, with_for_update=True)
    if clock is None or clock.state is ClockState.stopped:
        return
    calendar = calendar_of(clock)
    if to is RegistrationStatus.info_requested and clock.state is ClockState.running:
        _count_until(clock, calendar, at)
        clock.state, clock.paused_since, clock.next_due_at = ClockState.paused, at, None
    elif to is RegistrationStatus.in_review and clock.state is ClockState.paused:
        _close_pause(clock, at)
        clock.state, clock.running_since = ClockState.running, at
        schedule(clock, calendar)
    elif to in _STOPS:
        _count_until(clock, calendar, at)
        _close_pause(clock, at)
        clock.state, clock.stopped_at = ClockState.stopped, at
        clock.next_threshold, clock.next_due_at = None, None
        # A decision comes only from submitted or in_review (states.py), while the clock runs:
        # the return above for a stopped clock never skips one.
        clock.decided = to in _DECISIONS
        clock.decided_by_id = decided_by_id if clock.decided else None
    await session.flush()


async def assign(session: AsyncSession, registration_id: uuid.UUID, approver_id: uuid.UUID) -> None:
    """Keep the clock's copy of the registration's approver (the reports group by it)."""
    clock = await session.get(SlaClock, registration_id, with_for_update=True)
    if clock is not None:
        clock.approver_id = approver_id


def _close_pause(clock: SlaClock, at: datetime) -> None:
    if clock.paused_since is not None:
        clock.pauses = [*clock.pauses, [clock.paused_since.isoformat(), at.isoformat()]]
        clock.paused_since = None


def elapsed_now(clock: Times, now: datetime, calendar: BusinessCalendar) -> timedelta:
    """Business time on the clock (running on `calendar`) at `now`."""
    running = timedelta(0)
    if clock.running_since is not None:
        running = calendar.elapsed(clock.running_since, now)
    return timedelta(microseconds=clock.elapsed_us) + running
