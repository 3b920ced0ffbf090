"""The business-time calendar against a brute-force oracle, plus worked examples.

The oracle knows nothing of the calendar's method: it walks real time in fixed UTC steps, reads
the local wall clock at each step with zoneinfo, and asks whether that local date is open and that
time of day inside the working hours, which is the definition itself.

Stepping is exact only when the answer cannot change inside a step. For the property tests every
input is on a 15-minute grid: start instants (in UTC), amounts, and working-interval bounds. In
2024-2030 every zone's offsets are multiples of 15 minutes and every transition falls on a
15-minute UTC boundary, so the local wall clock, midnight and the working bounds all line up with
the steps, and one reading per step decides the whole step. The oracle checks that assumption on
every walk instead of trusting it. A separate example-based test repeats the comparison at
1-minute granularity, with odd-minute hours and starts, for zones with odd offsets and DST rules.
"""

import functools
import itertools
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import msgspec
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from dealreg import business_time
from dealreg.business_time import SEARCH_LIMIT, BusinessCalendar, Interval, WorkingHours

QUARTER = timedelta(minutes=15)
MINUTE = timedelta(minutes=1)
WEEKLY = tuple[tuple[Interval, ...], ...]

# Zones with DST, half-hour DST (Lord_Howe), odd offsets (+05:45, +08:45, +12:45, -03:30),
# transitions at local midnight (Santiago, Havana, Cairo, Beirut), negative DST (Dublin), a
# two-hour DST (Troll), Ramadan-dependent rules (Casablanca, Gaza). Random others are drawn too.
INTERESTING_ZONES = (
    "America/New_York",
    "Europe/Oslo",
    "Europe/London",
    "Europe/Dublin",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Australia/Eucla",
    "Australia/Adelaide",
    "Pacific/Chatham",
    "Pacific/Auckland",
    "America/St_Johns",
    "America/Santiago",
    "America/Havana",
    "America/Asuncion",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Asia/Beirut",
    "Asia/Gaza",
    "Asia/Jerusalem",
    "Antarctica/Troll",
    "America/Nuuk",
)
ALL_ZONES = tuple(sorted(zoneinfo.available_timezones()))
REGIONS: tuple[tuple[str | None, str | None], ...] = (
    (None, None),
    ("NO", None),
    ("US", None),
    ("US", "CA"),
    ("DE", "BY"),
    ("AU", "NSW"),
    ("JP", None),
    ("NP", None),
    ("CL", None),
)
FIRST = datetime(2024, 1, 1, tzinfo=UTC)
LAST = datetime(2030, 12, 1, tzinfo=UTC)
MAX_SPAN_STEPS = 3 * 7 * 96  # three weeks of quarter hours


@dataclass(frozen=True)
class Spec:
    zone: str
    days: WEEKLY
    country: str | None = None
    subdivision: str | None = None
    closed: frozenset[date] = frozenset()

    def calendar(self) -> BusinessCalendar:
        return BusinessCalendar.of(
            self.zone,
            country=self.country,
            subdivision=self.subdivision,
            hours=WorkingHours(days=self.days),
            closed_dates=self.closed,
        )


@functools.cache
def public_holidays(country: str, subdivision: str | None) -> holidays.HolidayBase:
    # One expanding HolidayBase per region: a different path through `holidays` than the
    # calendar's per-year sets.
    return holidays.country_holidays(country, subdiv=subdivision)


@functools.cache
def is_public_holiday(country: str, subdivision: str | None, day: date) -> bool:
    return day in public_holidays(country, subdivision)


def oracle_open(spec: Spec, local: datetime) -> bool:
    day = local.date()
    if day in spec.closed:
        return False
    if spec.country is not None and is_public_holiday(spec.country, spec.subdivision, day):
        return False
    minute = local.hour * 60 + local.minute
    return any(start <= minute < end for start, end in spec.days[local.weekday()])


def oracle_walk(spec: Spec, start: datetime, steps: int, step: timedelta) -> list[bool]:
    """Whether each step [start + i*step, start + (i+1)*step) is business time."""
    zone = ZoneInfo(spec.zone)
    tick = datetime.min.replace(tzinfo=UTC)
    assert (start - tick) % step == timedelta(0), "starts must be on the step grid"
    opened: list[bool] = []
    previous_offset = None
    for i in range(steps + 1):
        instant = start + i * step
        local = instant.astimezone(zone)
        offset = local.utcoffset()
        assert offset is not None
        assert offset % step == timedelta(0), f"{spec.zone} offset {offset} is off the grid"
        if previous_offset is not None and offset != previous_offset:
            # The offset changed; it must have changed exactly at this step's boundary.
            just_before = (instant - timedelta(microseconds=1)).astimezone(zone).utcoffset()
            assert just_before == previous_offset, f"{spec.zone} changes offset mid-step"
        previous_offset = offset
        if i < steps:
            opened.append(oracle_open(spec, local))
    return opened


def oracle_add(start: datetime, opened: list[bool], count: int, step: timedelta) -> datetime:
    """The end of the step that brings business time to `count` steps (start when 0)."""
    if count == 0:
        return start
    reached = itertools.accumulate(opened)
    index = next(i for i, total in enumerate(reached) if total == count)
    return start + (index + 1) * step


def oracle_subtract(start: datetime, opened: list[bool], count: int, step: timedelta) -> datetime:
    """The start of the step, counting back from the end, that brings business time to `count`
    steps (the end when 0)."""
    if count == 0:
        return start + len(opened) * step
    reached = itertools.accumulate(reversed(opened))
    index = next(i for i, total in enumerate(reached) if total == count)
    return start + (len(opened) - 1 - index) * step


@functools.cache
def transitions(zone_name: str, year: int) -> tuple[datetime, ...]:
    """Instants in `year` at which the zone's offset changes, to the quarter hour (for biasing
    generated starts towards DST changes; the oracle does not rely on it)."""
    zone = ZoneInfo(zone_name)
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    offset = day.astimezone(zone).utcoffset()
    while day.year == year:
        following = day + timedelta(days=1)
        following_offset = following.astimezone(zone).utcoffset()
        if following_offset != offset:
            change = next(
                day + k * QUARTER
                for k in range(1, 97)
                if (day + k * QUARTER).astimezone(zone).utcoffset() != offset
            )
            found.append(change)
        day, offset = following, following_offset
    return tuple(found)


def local_midnight(zone: str, day: date) -> datetime:
    """The instant a local date begins (its first instant, if midnight falls in a gap)."""
    return datetime.combine(day, time(), tzinfo=ZoneInfo(zone)).astimezone(UTC)


FULL_DAY = (1 << 96) - 1


def runs(mask: int) -> tuple[Interval, ...]:
    """Working intervals from a mask of quarter hours: bit i set means 15*i minutes is worked."""
    intervals = []
    quarter = 0
    while quarter < 96:
        if mask >> quarter & 1:
            end = quarter
            while end < 96 and mask >> end & 1:
                end += 1
            intervals.append((quarter * 15, end * 15))
            quarter = end
        else:
            quarter += 1
    return tuple(intervals)


def crosses_a_change(zone: str, start: datetime, end: datetime) -> bool:
    changes = itertools.chain.from_iterable(
        transitions(zone, year) for year in range(start.year, end.year + 1)
    )
    return any(start < change < end for change in changes)


# The interesting zones that change offsets every year of 2024-2030.
CHANGING_ZONES = tuple(
    zone for zone in INTERESTING_ZONES if all(transitions(zone, y) for y in range(2024, 2031))
)


@st.composite
def sparse_day(draw: st.DrawFn) -> tuple[Interval, ...]:
    """Up to three stretches of work starting at any quarter hour."""
    stretches = draw(st.lists(st.tuples(st.integers(0, 95), st.integers(1, 40)), max_size=3))
    mask = 0
    for start, length in stretches:
        mask |= ((1 << length) - 1) << start
    return runs(mask & FULL_DAY)


# Any quarter hours at all: many short stretches, several of them inside one DST change.
dense_day = st.integers(0, FULL_DAY).map(runs)
# Work up to some morning hour and from some evening hour: across midnight, where date changes
# and many DST changes meet.
night_day = st.tuples(st.integers(0, 96), st.integers(0, 96)).map(
    lambda bounds: runs((1 << bounds[0]) - 1 | FULL_DAY >> bounds[1] << bounds[1])
)


@st.composite
def weekly_hours(draw: st.DrawFn) -> WEEKLY:
    kind = draw(st.sampled_from(["default", "office", "sparse", "dense", "night"]))
    if kind == "default":
        return WorkingHours.default().days
    days: WEEKLY
    if kind == "office":
        weekday = draw(sparse_day())
        weekend = draw(st.one_of(st.just(()), sparse_day()))
        days = (weekday,) * 5 + (weekend, weekend)
    else:
        day = {"sparse": sparse_day(), "dense": dense_day, "night": night_day}[kind]
        days = tuple(draw(st.one_of(day, sparse_day())) for _ in range(7))
    if not any(days):
        days = (((9 * 60, 17 * 60),), *days[1:])
    return days


@st.composite
def cases(draw: st.DrawFn) -> tuple[Spec, datetime, int]:
    """A calendar, a start on the quarter-hour grid and a span in quarter hours.

    Starts fall anywhere in 2024-2030, or near one of the zone's offset changes, or near a local
    midnight next to one; spans are short, long, end near a local midnight, or run across the
    chosen change.
    """
    zone = draw(st.one_of(st.sampled_from(INTERESTING_ZONES), st.sampled_from(ALL_ZONES)))
    start = FIRST + draw(st.integers(0, (LAST - FIRST) // QUARTER)) * QUARTER
    # Weighted towards offset changes: that is where calendars go wrong.
    start_kind = draw(st.sampled_from(["anywhere", "near-a-change", "near-a-change", "midnight"]))
    change = None
    if start_kind != "anywhere":
        year = draw(st.integers(2024, 2030))
        if not transitions(zone, year):
            zone = draw(st.sampled_from(CHANGING_ZONES))
        change = draw(st.sampled_from(transitions(zone, year)))
        if start_kind == "near-a-change":
            start = change + draw(st.one_of(st.integers(-8, 8), st.integers(-96, 48))) * QUARTER
        else:
            day = change.astimezone(ZoneInfo(zone)).date() + timedelta(
                days=draw(st.integers(-1, 1))
            )
            start = local_midnight(zone, day) + draw(st.integers(-4, 4)) * QUARTER
    country, subdivision = draw(st.sampled_from(REGIONS))
    closed_offsets = draw(st.lists(st.integers(-2, 24), unique=True, max_size=5))
    closed = frozenset(start.date() + timedelta(days=k) for k in closed_offsets)
    span_kind = draw(
        st.sampled_from(["short", "long", "to-midnight", "across", "across", "across"])
    )
    if span_kind == "across" and change is not None and change > start:
        span = (change - start) // QUARTER + draw(st.integers(1, 2 * 96))
    elif span_kind == "short":
        span = draw(st.integers(0, 16))
    elif span_kind == "to-midnight":  # where one local date hands over to the next
        day = start.astimezone(ZoneInfo(zone)).date() + timedelta(days=draw(st.integers(1, 20)))
        end = local_midnight(zone, day) + draw(st.integers(-4, 4)) * QUARTER
        span = max(0, (end - start) // QUARTER)
    else:
        span = draw(st.integers(0, MAX_SPAN_STEPS))
    spec = Spec(zone, draw(weekly_hours()), country, subdivision, closed)
    return spec, start, span


@settings(max_examples=2000, deadline=None)
@given(case=cases(), data=st.data())
def test_elapsed_matches_the_oracle(case: tuple[Spec, datetime, int], data: st.DataObject) -> None:
    spec, start, span = case
    calendar = spec.calendar()
    end = start + span * QUARTER
    opened = oracle_walk(spec, start, span, QUARTER)
    event("crosses an offset change" if crosses_a_change(spec.zone, start, end) else "no change")

    assert calendar.elapsed(start, end) == sum(opened) * QUARTER
    assert calendar.elapsed(end, start) == timedelta(0)
    # Any split point: more ends (and internal chunk boundaries) for the price of one walk.
    split = data.draw(st.integers(0, span), label="split")
    middle = start + split * QUARTER
    assert calendar.elapsed(start, middle) == sum(opened[:split]) * QUARTER
    assert calendar.elapsed(middle, end) == sum(opened[split:]) * QUARTER
    if opened:
        assert calendar.is_open(start) == opened[0]
    if split:
        assert calendar.is_open(middle - MINUTE) == opened[split - 1]


@settings(max_examples=1000, deadline=None)
@given(case=cases(), data=st.data())
def test_add_matches_the_oracle(case: tuple[Spec, datetime, int], data: st.DataObject) -> None:
    spec, start, span = case
    calendar = spec.calendar()
    opened = oracle_walk(spec, start, span, QUARTER)
    available = sum(opened)
    # Any amount the span provides; often its extremes or its second half (past the change).
    extremes = sorted({0, min(1, available), available})
    count = data.draw(
        st.one_of(
            st.integers(0, available),
            st.sampled_from(extremes),
            st.integers(available // 2, available),
        ),
        label="count",
    )
    deadline_of_oracle = oracle_add(start, opened, count, QUARTER)
    crosses = crosses_a_change(spec.zone, start, deadline_of_oracle)
    event("crosses an offset change" if crosses else "no change")

    deadline = calendar.add(start, count * QUARTER)

    assert deadline == deadline_of_oracle
    assert deadline.tzinfo is UTC
    if available:
        first_open = opened.index(True)
        assert calendar.next_open(start) == start + first_open * QUARTER


@settings(max_examples=1000, deadline=None)
@given(case=cases(), data=st.data())
def test_subtract_matches_the_oracle(case: tuple[Spec, datetime, int], data: st.DataObject) -> None:
    spec, start, span = case
    calendar = spec.calendar()
    end = start + span * QUARTER
    opened = oracle_walk(spec, start, span, QUARTER)
    available = sum(opened)
    extremes = sorted({0, min(1, available), available})
    count = data.draw(
        st.one_of(st.integers(0, available), st.sampled_from(extremes)), label="count"
    )
    began = oracle_subtract(start, opened, count, QUARTER)
    event("crosses an offset change" if crosses_a_change(spec.zone, began, end) else "no change")

    assert calendar.subtract(end, count * QUARTER) == began
    assert calendar.elapsed(began, end) == count * QUARTER


# Odd-minute hours. Weekends and Mondays have many short intervals in 00:00-03:30, so that several
# of them fall inside each zone's (Sunday) DST change; a lunch break and a night shift elsewhere.
NIGHTS = (
    (7, 53),
    (79, 97),
    (103, 131),
    (137, 149),
    (163, 211),
    (538, 723),
    (767, 1049),
    (1391, 1440),
)
WEEKDAY = ((0, 181), (541, 1019))
ODD_HOURS: WEEKLY = (NIGHTS, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, NIGHTS, NIGHTS)
OFFSETS_MINUTES = (-1441, -97, -31, -1, 0, 1, 29, 61, 373)
SPANS_MINUTES = (0, 1, 37, 311, 1447, 4327)


@pytest.mark.parametrize(
    "zone", ["Europe/Oslo", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kathmandu"]
)
def test_minute_granularity_matches_the_oracle(zone: str) -> None:
    # Kathmandu has had no DST since 1986: its cases just centre on 2026-03-29 01:00 UTC.
    centres = transitions(zone, 2026) or (datetime(2026, 3, 29, 1, tzinfo=UTC),)
    spec = Spec(zone, ODD_HOURS, closed=frozenset({date(2026, 3, 31), date(2026, 10, 6)}))
    calendar = spec.calendar()
    checked = 0
    for centre in centres:
        for offset, span in itertools.product(OFFSETS_MINUTES, SPANS_MINUTES):
            start = centre + offset * MINUTE
            opened = oracle_walk(spec, start, span, MINUTE)
            available = sum(opened)
            assert calendar.elapsed(start, start + span * MINUTE) == available * MINUTE
            for count in {0, min(1, available), available // 3, available}:
                expected = oracle_add(start, opened, count, MINUTE)
                assert calendar.add(start, count * MINUTE) == expected
            checked += 1
    assert checked == len(centres) * len(OFFSETS_MINUTES) * len(SPANS_MINUTES)


# Short stretches all around midnight and the small hours, where DST changes happen.
AROUND_THE_CHANGES: tuple[Interval, ...] = (
    (0, 30),
    (45, 60),
    (75, 135),
    (150, 165),
    (180, 240),
    (540, 1020),
    (1350, 1380),
    (1395, 1440),
)


@pytest.mark.parametrize(
    "zone",
    ["Europe/Oslo", "America/Santiago", "America/Havana", "Australia/Lord_Howe", "Africa/Cairo"],
)
def test_every_quarter_hour_around_each_change(zone: str) -> None:
    """Every start within two days of each 2026 DST change, with ends at every local midnight,
    at the change, and at the window's end: the places where dates, offsets and the calendar's
    internal stretches meet. Deterministic, so these cases never depend on luck."""
    spec = Spec(zone, (AROUND_THE_CHANGES,) * 7)
    calendar = spec.calendar()
    for change in transitions(zone, 2026):
        origin = change - timedelta(days=2)
        steps = 4 * 96
        opened = oracle_walk(spec, origin, steps, QUARTER)
        reached = [0, *itertools.accumulate(opened)]
        first_day = origin.astimezone(ZoneInfo(zone)).date()
        marks = [local_midnight(zone, first_day + timedelta(days=k)) for k in range(1, 5)]
        marks.append(change)
        nudged = {(mark - origin) // QUARTER + nudge for mark in marks for nudge in range(-2, 3)}
        ends = {end for end in nudged if 0 <= end <= steps} | {steps}
        for i in range(steps):
            start = origin + i * QUARTER
            for j in ends:
                expected = max(reached[j] - reached[i], 0) * QUARTER
                assert calendar.elapsed(start, origin + j * QUARTER) == expected, (start, j)
            available = reached[steps] - reached[i]
            for count in {1, 2, 5, available}:
                if 0 < count <= available:
                    j = reached.index(reached[i] + count)
                    assert calendar.add(start, count * QUARTER) == origin + j * QUARTER, start


def test_a_change_exactly_at_new_year_utc() -> None:
    # Casey went from UTC to +08:00 at 1969-01-01 00:00 UTC: local 1 January began at 08:00.
    spec = Spec("Antarctica/Casey", (((0, 8 * 60),),) * 7)
    calendar = spec.calendar()
    start = datetime(1968, 12, 30, 12, tzinfo=UTC)
    opened = oracle_walk(spec, start, 5 * 96, QUARTER)

    assert calendar.elapsed(start, start + timedelta(days=5)) == sum(opened) * QUARTER
    assert not calendar.is_open(datetime(1969, 1, 1, 0, 30, tzinfo=UTC))
    assert calendar.next_open(datetime(1969, 1, 1, tzinfo=UTC)) == datetime(
        1969, 1, 1, 16, tzinfo=UTC
    )


def at(zone: str, year: int, month: int, day: int, hour: int = 0, *more: int) -> datetime:
    """A local wall-clock time in `zone` (minute, second, microsecond may follow the hour)."""
    minute, second, microsecond = (*more, 0, 0, 0)[:3]
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=ZoneInfo(zone))


def every_day(*intervals: Interval) -> WorkingHours:
    return WorkingHours(days=(intervals,) * 7)


def test_friday_afternoon_plus_two_business_days_is_tuesday_afternoon() -> None:
    calendar = BusinessCalendar.of("America/New_York", country="US")
    submitted = at("America/New_York", 2026, 6, 5, 16)  # a Friday

    deadline = calendar.add(submitted, timedelta(hours=16))

    assert deadline == at("America/New_York", 2026, 6, 9, 16)
    assert deadline.tzinfo is UTC
    assert calendar.elapsed(submitted, deadline) == timedelta(hours=16)


def test_deadline_is_the_end_of_a_working_day_not_the_next_morning() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo")

    deadline = calendar.add(at("Europe/Oslo", 2026, 6, 8, 9), timedelta(hours=16))

    assert deadline == at("Europe/Oslo", 2026, 6, 9, 17)


def test_norwegian_constitution_day_is_skipped() -> None:
    norway = BusinessCalendar.of("Europe/Oslo", country="NO")
    no_holidays = BusinessCalendar.of("Europe/Oslo")
    constitution_day = at("Europe/Oslo", 2028, 5, 17)  # a Wednesday

    assert norway.is_closed(date(2028, 5, 17))
    assert norway.elapsed(constitution_day, constitution_day + timedelta(days=1)) == timedelta(0)
    assert no_holidays.elapsed(constitution_day, constitution_day + timedelta(days=1)) == (
        timedelta(hours=8)
    )
    assert norway.add(at("Europe/Oslo", 2028, 5, 16, 9), timedelta(hours=16)) == (
        at("Europe/Oslo", 2028, 5, 18, 17)
    )
    assert norway.next_open(constitution_day) == at("Europe/Oslo", 2028, 5, 18, 9)
    assert not norway.is_open(at("Europe/Oslo", 2028, 5, 17, 12))


def test_us_thanksgiving_is_skipped() -> None:
    calendar = BusinessCalendar.of("America/New_York", country="US")
    thanksgiving = at("America/New_York", 2026, 11, 26)

    assert calendar.elapsed(thanksgiving, thanksgiving + timedelta(days=1)) == timedelta(0)
    assert calendar.add(at("America/New_York", 2026, 11, 25, 9), timedelta(hours=16)) == (
        at("America/New_York", 2026, 11, 27, 17)
    )


def test_own_closed_dates_are_skipped() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo", closed_dates=[date(2026, 6, 9)])

    assert calendar.add(at("Europe/Oslo", 2026, 6, 8, 9), timedelta(hours=16)) == (
        at("Europe/Oslo", 2026, 6, 10, 17)
    )


def test_spring_forward_inside_working_hours_leaves_an_hour_less() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo", hours=every_day((0, 4 * 60)))
    day = at("Europe/Oslo", 2026, 3, 29)  # 02:00 jumps to 03:00

    assert calendar.elapsed(day, day + timedelta(days=1)) == timedelta(hours=3)
    assert calendar.add(day, timedelta(hours=3)) == at("Europe/Oslo", 2026, 3, 29, 4)


def test_fall_back_inside_working_hours_gives_an_hour_more() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo", hours=every_day((0, 4 * 60)))
    day = at("Europe/Oslo", 2026, 10, 25)  # 03:00 falls back to 02:00

    assert calendar.elapsed(day, day + timedelta(days=1)) == timedelta(hours=5)
    # Four hours after midnight is 03:00 on the repeated (second) pass of 02:00-03:00.
    deadline = calendar.add(day, timedelta(hours=4))
    assert deadline == datetime(2026, 10, 25, 2, tzinfo=UTC)
    assert deadline.astimezone(ZoneInfo("Europe/Oslo")).hour == 3


def test_transitions_at_local_midnight() -> None:
    # Chile changes clocks at midnight: 2026-09-06 starts at 01:00, and on 2026-04-04 the hour
    # 23:00-24:00 happens twice.
    early = BusinessCalendar.of("America/Santiago", hours=every_day((0, 2 * 60)))
    late = BusinessCalendar.of("America/Santiago", hours=every_day((22 * 60, 24 * 60)))
    santiago = ZoneInfo("America/Santiago")
    spring = datetime(2026, 9, 5, 12, tzinfo=santiago)
    autumn = datetime(2026, 4, 4, 12, tzinfo=santiago)

    assert early.elapsed(spring, spring + timedelta(days=1)) == timedelta(hours=1)
    assert early.next_open(spring) == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert late.elapsed(autumn, autumn + timedelta(days=1)) == timedelta(hours=3)
    assert late.add(autumn, timedelta(hours=3)) == datetime(2026, 4, 5, 4, tzinfo=UTC)


def test_half_hour_dst_of_lord_howe() -> None:
    calendar = BusinessCalendar.of("Australia/Lord_Howe", hours=every_day((60, 3 * 60)))
    spring = at("Australia/Lord_Howe", 2026, 10, 4)  # 02:00 jumps to 02:30
    autumn = at("Australia/Lord_Howe", 2026, 4, 5)  # 02:00 falls back to 01:30

    assert calendar.elapsed(spring, spring + timedelta(hours=12)) == timedelta(minutes=90)
    assert calendar.elapsed(autumn, autumn + timedelta(hours=12)) == timedelta(minutes=150)


def test_microseconds_are_exact() -> None:
    calendar = BusinessCalendar.of("Asia/Kathmandu")
    start = at("Asia/Kathmandu", 2026, 6, 8, 16, 59, 59, 999_999)
    amount = timedelta(hours=1, microseconds=7)

    deadline = calendar.add(start, amount)

    assert deadline == at("Asia/Kathmandu", 2026, 6, 9, 10, 0, 0, 6)
    assert calendar.elapsed(start, deadline) == amount


def test_zero_and_boundaries() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo")
    closing = at("Europe/Oslo", 2026, 6, 8, 17)

    assert calendar.add(closing, timedelta(0)) == closing
    assert calendar.add(closing, timedelta(0)).tzinfo is UTC
    assert not calendar.is_open(closing)
    assert calendar.is_open(closing - timedelta(microseconds=1))
    assert calendar.next_open(closing) == at("Europe/Oslo", 2026, 6, 9, 9)
    assert calendar.next_open(closing - MINUTE) == closing - MINUTE


def test_a_calendar_that_never_opens_again_stops_searching() -> None:
    mondays_only = WorkingHours(days=(((540, 1020),), (), (), (), (), (), ()))
    first_monday = date(2026, 6, 1)
    closed = [first_monday + timedelta(weeks=k) for k in range(SEARCH_LIMIT.days // 7 + 2)]
    calendar = BusinessCalendar.of("Europe/Oslo", hours=mondays_only, closed_dates=closed)
    start = at("Europe/Oslo", 2026, 6, 1)

    with pytest.raises(ValueError, match="does not provide"):
        calendar.add(start, timedelta(minutes=1))
    with pytest.raises(ValueError, match="no business time"):
        calendar.next_open(start)
    assert calendar.elapsed(start, start + timedelta(days=400)) == timedelta(0)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        pytest.param((((540, 1020),),) * 5, "7 days", id="five-days"),
        pytest.param((((1020, 540),),) + ((),) * 6, "start < end", id="reversed"),
        pytest.param((((540, 540),),) + ((),) * 6, "start < end", id="empty-interval"),
        pytest.param((((-15, 60),),) + ((),) * 6, "start < end", id="negative"),
        pytest.param((((1380, 1455),),) + ((),) * 6, "start < end", id="past-midnight"),
        pytest.param((((540, 720), (700, 1020)),) + ((),) * 6, "overlaps", id="overlap"),
        pytest.param((((780, 1020), (540, 720)),) + ((),) * 6, "overlaps", id="unsorted"),
        pytest.param(((),) * 7, "no working time", id="never-open"),
    ],
)
def test_invalid_working_hours(days: WEEKLY, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorkingHours(days=days)


def test_working_hours_are_validated_when_decoded() -> None:
    with pytest.raises(msgspec.ValidationError, match="overlaps"):
        msgspec.json.decode(
            b'{"days": [[[540, 720], [700, 1020]], [], [], [], [], [], []]}', type=WorkingHours
        )


def test_calendar_round_trips_through_json() -> None:
    calendar = BusinessCalendar.of(
        "America/St_Johns",
        country="CA",
        subdivision="NL",
        hours=every_day((0, 60), (540, 1020)),
        closed_dates=[date(2026, 12, 24)],
    )

    decoded = msgspec.json.decode(msgspec.json.encode(calendar), type=BusinessCalendar)

    assert decoded == calendar


@pytest.mark.parametrize(
    ("zone", "country", "subdivision", "message"),
    [
        pytest.param("Europe/Oslo", "XX", None, "XX", id="unknown-country"),
        pytest.param("Europe/Oslo", "no", None, "no", id="lowercase-country"),
        pytest.param("Europe/Oslo", "US", "ZZ", "US-ZZ", id="unknown-subdivision"),
        pytest.param("Europe/Oslo", None, "BY", "needs a country", id="subdivision-alone"),
        pytest.param("Mars/Olympus_Mons", None, None, "unknown time zone", id="unknown-zone"),
        pytest.param("../etc/passwd", None, None, "unknown time zone", id="path-as-zone"),
        pytest.param("", None, None, "unknown time zone", id="empty-zone"),
    ],
)
def test_invalid_calendar(
    zone: str, country: str | None, subdivision: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        BusinessCalendar.of(zone, country=country, subdivision=subdivision)


def test_naive_instants_and_negative_amounts_are_refused() -> None:
    calendar = BusinessCalendar.of("Europe/Oslo")
    naive = datetime(2026, 6, 8, 9)  # noqa: DTZ001 - the point of the test
    aware = at("Europe/Oslo", 2026, 6, 8, 9)

    with pytest.raises(ValueError, match="timezone-aware"):
        calendar.elapsed(naive, aware)
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar.is_open(naive)
    with pytest.raises(ValueError, match="negative"):
        calendar.add(aware, timedelta(hours=-1))


def test_frozen_holidays_survive_a_new_release_of_holidays_and_a_round_trip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thanksgiving 2025 (Thursday, November 27) closes a US calendar; frozen, it still does when
    `holidays` no longer says so, and a year not frozen follows the package."""
    frozen = BusinessCalendar.of("America/New_York", country="US").with_holidays_frozen([2025])
    stored = msgspec.convert(msgspec.to_builtins(frozen), BusinessCalendar)
    thanksgiving, next_one = date(2025, 11, 27), date(2026, 11, 26)

    monkeypatch.setattr(business_time, "_public_holidays", lambda *_: frozenset())

    assert stored == frozen
    assert stored.is_closed(thanksgiving)
    assert not stored.is_closed(next_one)
    unfrozen = BusinessCalendar.of("America/New_York", country="US")
    assert not unfrozen.is_closed(thanksgiving)
