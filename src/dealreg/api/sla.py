"""Approval SLAs: a vendor's policy (`/v1/vendors/{id}/sla-policy`) and a registration's clock
(`/v1/registrations/{id}/sla`)."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, put
from litestar.params import FromPath, FromQuery, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    WEAK_ETAG_HEADER,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import Caller, Db
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.business_time import WorkingHours
from dealreg.fields import Country, Email
from dealreg.sla import clocks, service
from dealreg.sla.models import BreachAction, ClockState, SlaState, Threshold

ClockTime = Annotated[
    str, msgspec.Meta(pattern=r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", examples=["09:00"])
]
BusinessDays = Annotated[float, msgspec.Meta(gt=0, le=60, multiple_of=0.25)]
_WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Shift(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    start: Annotated[ClockTime, msgspec.Meta(description="When work starts, local wall clock.")]
    end: Annotated[
        ClockTime,
        msgspec.Meta(
            description="When it ends, local wall clock (after `start`; 24:00 is midnight)."
        ),
    ]


Day = Annotated[
    list[Shift],
    msgspec.Meta(
        max_length=6,
        description="The day's working shifts, in order; none: the vendor is closed that day.",
    ),
]


class Week(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Working time on the vendor's local wall clock, per weekday."""

    monday: Day = msgspec.field(default_factory=list)
    tuesday: Day = msgspec.field(default_factory=list)
    wednesday: Day = msgspec.field(default_factory=list)
    thursday: Day = msgspec.field(default_factory=list)
    friday: Day = msgspec.field(default_factory=list)
    saturday: Day = msgspec.field(default_factory=list)
    sunday: Day = msgspec.field(default_factory=list)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours_of(week: Week) -> WorkingHours:
    """The working hours of `week`, refusing in the body's own terms a shift that ends before it
    starts or overlaps the one before, and a week with no working time."""
    for day in _WEEK:
        previous: Shift | None = None
        for index, shift in enumerate(getattr(week, day)):
            pointer = f"/working_hours/{day}/{index}"
            if _minutes(shift.end) <= _minutes(shift.start):
                raise service.invalid(
                    pointer, f"ends ({shift.end}) before it starts ({shift.start})"
                )
            if previous is not None and _minutes(shift.start) < _minutes(previous.end):
                raise service.invalid(
                    pointer,
                    f"starts ({shift.start}) before the shift before it ends ({previous.end})",
                )
            previous = shift
    if not any(getattr(week, day) for day in _WEEK):
        raise service.invalid("/working_hours", "there is no working time on any day")
    return WorkingHours(
        days=tuple(
            tuple((_minutes(s.start), _minutes(s.end)) for s in getattr(week, day)) for day in _WEEK
        )
    )


def _week_of(hours: WorkingHours) -> Week:
    return Week(
        **{
            day: [Shift(_clock(start), _clock(end)) for start, end in intervals]
            for day, intervals in zip(_WEEK, hours.days, strict=True)
        }
    )


class PolicyBody(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    working_hours: Week = msgspec.field(default_factory=lambda: _week_of(WorkingHours.default()))
    closed_dates: Annotated[list[date], msgspec.Meta(max_length=366)] = msgspec.field(
        default_factory=list
    )
    # Whose public holidays close the vendor (none when null); subdivision as in `holidays`.
    holiday_country: Country | None = None
    holiday_subdivision: Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]{1,10}$")] | None = None
    target_days: BusinessDays = 2.0
    hard_limit_days: BusinessDays = 4.0
    breach_action: BreachAction = BreachAction.none
    escalation_email: Email | None = None


class PolicyOut(msgspec.Struct, kw_only=True):
    vendor_id: uuid.UUID
    program_id: uuid.UUID | None
    # False: nothing is stored, these are the defaults (or the vendor's, for a program).
    stored: bool
    version: int
    working_hours: Week
    closed_dates: list[date]
    holiday_country: str | None
    holiday_subdivision: str | None
    target_days: float
    hard_limit_days: float
    breach_action: BreachAction
    escalation_email: str | None


def _policy_out(view: service.PolicyView) -> PolicyOut:
    policy = view.policy
    return PolicyOut(
        vendor_id=view.vendor_id,
        program_id=view.program_id,
        stored=view.row is not None,
        version=view.tag,
        working_hours=_week_of(policy.hours),
        closed_dates=sorted(policy.closed_dates),
        holiday_country=policy.holiday_country,
        holiday_subdivision=policy.holiday_subdivision,
        target_days=policy.target_days,
        hard_limit_days=policy.hard_limit_days,
        breach_action=policy.breach_action,
        escalation_email=policy.escalation_email,
    )


class SlaPolicyController(Controller):
    path = "/v1/vendors/{vendor_id:uuid}/sla-policy"
    tags = ["sla"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="The approval SLA in force for a vendor (or one of its programs)",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        program_id: FromQuery[uuid.UUID | None] = None,
    ) -> Response[PolicyOut]:
        view = await service.get_policy(db, principal, vendor_id, program_id)
        return with_etag(request, _policy_out(view), view.tag)

    @put(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Set a vendor's (or a program's) approval SLA; it applies to clocks started later",
    )
    async def write(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromPath[uuid.UUID],
        data: JSONBody[PolicyBody],
        precondition: Precondition,
        program_id: FromQuery[uuid.UUID | None] = None,
    ) -> Response[PolicyOut]:
        hours = _hours_of(data.working_hours)
        view = await service.put_policy(
            db,
            principal,
            vendor_id,
            program_id,
            clocks.Policy(
                hours=hours,
                closed_dates=frozenset(data.closed_dates),
                holiday_country=data.holiday_country,
                holiday_subdivision=data.holiday_subdivision,
                target_days=data.target_days,
                hard_limit_days=data.hard_limit_days,
                breach_action=data.breach_action,
                escalation_email=data.escalation_email,
            ),
            if_match=precondition,
        )
        return tagged(_policy_out(view), view.tag)


class Pause(msgspec.Struct):
    start: Annotated[
        datetime, msgspec.Meta(description="When the vendor asked the partner for information.")
    ]
    end: Annotated[
        datetime | None,
        msgspec.Meta(description="When the partner resubmitted; null while still waiting."),
    ]


class FiringOut(msgspec.Struct):
    threshold: Annotated[Threshold, msgspec.Meta(description="The threshold that fired.")]
    due_at: Annotated[
        datetime, msgspec.Meta(description="When it fell due, on the clock's business time.")
    ]
    fired_at: Annotated[
        datetime,
        msgspec.Meta(description="When the sweep fired it (at or after `due_at`), once."),
    ]


class ThresholdOut(msgspec.Struct, kw_only=True):
    threshold: Annotated[
        Threshold,
        msgspec.Meta(
            description=(
                "`reminder` (half the target), `at_risk` (the target) or `breached` (the hard "
                "limit)."
            )
        ),
    ]
    after_seconds: Annotated[
        int, msgspec.Meta(description="Business time on the clock at which it falls due, seconds.")
    ]
    due_at: Annotated[
        datetime | None,
        msgspec.Meta(
            description=(
                "When it fell due (its true instant, across pauses), or falls due if the clock "
                "keeps running; null while paused (or stopped) short of it."
            )
        ),
    ]
    fired_at: Annotated[
        datetime | None, msgspec.Meta(description="When the sweep fired it; null until then.")
    ]


class CalendarOut(msgspec.Struct, kw_only=True):
    """The calendar a clock runs on: its vendor's (or program's) policy as it was when the clock
    started, which a later policy change does not alter."""

    timezone: Annotated[
        str, msgspec.Meta(description="The IANA time zone of the working hours (the vendor's).")
    ]
    working_hours: Annotated[
        Week, msgspec.Meta(description="Working time per weekday, on that zone's wall clock.")
    ]
    holiday_country: Annotated[
        str | None,
        msgspec.Meta(description="Whose public holidays close the vendor; null for none."),
    ]
    holiday_subdivision: Annotated[
        str | None,
        msgspec.Meta(description="The country's subdivision whose holidays also count, if any."),
    ]
    closed_dates: Annotated[
        list[date], msgspec.Meta(description="The organization's own closed dates.")
    ]
    holidays: Annotated[
        list[date],
        msgspec.Meta(
            description=(
                "The public holidays kept with the clock when it started (its submission's year "
                "and the next): a newer holiday calendar does not move it."
            )
        ),
    ]


class ClockOut(msgspec.Struct, kw_only=True):
    """A registration's approval clock. Times in `*_seconds` and `elapsed_microseconds` are
    business time, on `calendar`; instants are wall-clock, in UTC."""

    registration_id: Annotated[uuid.UUID, msgspec.Meta(description="The registration timed.")]
    as_of: Annotated[
        datetime, msgspec.Meta(description="The instant the elapsed business time is counted to.")
    ]
    elapsed_microseconds: Annotated[
        int, msgspec.Meta(description="Business time run by `as_of`, to the microsecond.")
    ]
    thresholds: Annotated[
        list[ThresholdOut],
        msgspec.Meta(
            description="Reminder, at risk and breached, in order, each with its instant."
        ),
    ]
    calendar: Annotated[
        CalendarOut,
        msgspec.Meta(
            description=(
                "The calendar the clock runs on: the policy copied when it started (today's "
                "policy may differ)."
            )
        ),
    ]
    summary_state: Annotated[
        SlaState,
        msgspec.Meta(description="As the registration's row in a list shows it (its `sla.state`)."),
    ]
    state: Annotated[
        ClockState,
        msgspec.Meta(
            description=(
                "`running`; `paused` while waiting on the partner; `stopped` at a decision or "
                "a withdrawal."
            )
        ),
    ]
    started_at: Annotated[
        datetime, msgspec.Meta(description="When the clock started: the submission.")
    ]
    stopped_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When it stopped (decided or withdrawn); null while open."),
    ]
    elapsed_seconds: Annotated[
        int, msgspec.Meta(description="Business time run by `as_of`, in whole seconds.")
    ]
    target_seconds: Annotated[
        int, msgspec.Meta(description="The approval target, in business seconds.")
    ]
    hard_limit_seconds: Annotated[
        int, msgspec.Meta(description="The hard limit, in business seconds.")
    ]
    target_at: Annotated[
        datetime | None,
        msgspec.Meta(
            description=(
                "When the target fell (its true instant, across pauses) or falls if the clock "
                "keeps running; null while paused or stopped short of it."
            )
        ),
    ]
    hard_limit_at: Annotated[
        datetime | None,
        msgspec.Meta(description="The same, for the hard limit."),
    ]
    paused: Annotated[
        list[Pause],
        msgspec.Meta(description="Each wait on the partner, in order; the clock stood still."),
    ]
    next_threshold: Annotated[
        Threshold | None,
        msgspec.Meta(description="The next threshold to fire; null when all have, or stopped."),
    ]
    next_due_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When the next threshold is due; null while paused or stopped."),
    ]
    fired: Annotated[
        list[FiringOut], msgspec.Meta(description="The thresholds fired so far, in order.")
    ]


@get(
    "/v1/registrations/{registration_id:uuid}/sla",
    operation_id="registrationReadSla",
    tags=["sla"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_REGISTRATIONS)],
    responses=problems(404) | NOT_MODIFIED,
    response_headers=[WEAK_ETAG_HEADER],
    summary="A registration's approval clock: business time run, pauses, thresholds",
    description=(
        "The ETag is weak: it changes with every change of the clock (a pause, a threshold "
        "fired, a stop), not with the business seconds a running clock adds meanwhile, so a "
        "304 may come with `elapsed_seconds` behind by the time since the copy was read."
    ),
)
async def registration_clock(
    request: Request[Any, Any, Any],
    db: Db,
    principal: Caller,
    registration_id: FromPath[uuid.UUID],
) -> Response[ClockOut]:
    view = await service.clock_of(db, principal, registration_id, now=datetime.now(UTC))
    summary = view.summary
    calendar = view.calendar
    out = ClockOut(
        registration_id=view.registration_id,
        as_of=view.as_of,
        elapsed_microseconds=view.elapsed // timedelta(microseconds=1),
        thresholds=[
            ThresholdOut(
                threshold=t.threshold,
                after_seconds=int(t.after.total_seconds()),
                due_at=t.due_at,
                fired_at=t.fired_at,
            )
            for t in view.thresholds
        ],
        calendar=CalendarOut(
            timezone=calendar.timezone,
            working_hours=_week_of(calendar.hours),
            holiday_country=calendar.country,
            holiday_subdivision=calendar.subdivision,
            closed_dates=sorted(calendar.closed_dates),
            holidays=sorted(day for days in calendar.frozen_holidays.values() for day in days),
        ),
        summary_state=summary.state,
        state=view.state,
        started_at=view.started_at,
        stopped_at=view.stopped_at,
        elapsed_seconds=summary.elapsed_seconds,
        target_seconds=int(view.target.total_seconds()),
        hard_limit_seconds=int(view.hard_limit.total_seconds()),
        target_at=summary.target_at,
        hard_limit_at=summary.hard_limit_at,
        paused=[Pause(start, end) for start, end in view.paused],
        next_threshold=summary.next_threshold,
        next_due_at=summary.next_due_at,
        fired=[FiringOut(f.threshold, f.due_at, f.fired_at) for f in view.fired],
    )
    return with_etag(request, out, view.version, weak=True)
