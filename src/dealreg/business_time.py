"""Business time: how much of a stretch of real time counts against an SLA (a registration's
approval, a lead's acceptance and first touch).

An SLA of "two business days" means sixteen hours of the vendor's working time, measured on the
vendor's own wall clock: working hours per weekday in the vendor's time zone, minus the public
holidays of its country and its own closed dates.

The definition everything here implements: a real instant t is *business time* when its local
reading in the calendar's zone, local date d and local time of day m, has d open (not a holiday or
closed date) and m inside one of the working intervals of d's weekday. Business time between two
instants is the measure of that set of real instants. Across DST changes this is exact, not
approximate: a working interval that contains a spring-forward gap holds less real time that day,
and a fall-back repeat is worked (and counted) twice, as it is in the office.

Nothing is computed minute by minute. For each local working interval the real instants reading
inside it are found per stretch of constant UTC offset: within one stretch the wall clock is the
real clock shifted by the offset, so the interval maps to a single UTC interval, clipped to the
stretch. Gaps then simply contain no instants and folds produce two pieces. The offset stretches
come from sampling `zoneinfo` (it exposes no transition list) once per zone and year, cached.

No database and no I/O: the SLA clocks, sweeps and reports, and the lead SLA, build on these
functions.
"""

import functools
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import msgspec

# A working interval: [start, end) in minutes after local midnight, 0 <= start < end <= 1440.
Interval = tuple[int, int]

MINUTES_PER_DAY = 24 * 60
# How far `add` and `next_open` look ahead before deciding a calendar never opens again (a
# decade of holidays and closed dates, or hours that only ever fall into DST gaps).
SEARCH_LIMIT = timedelta(days=3653)

# Internally instants are integer microseconds since the Unix epoch (UTC) and offsets integer
# microseconds: exact, and cheap to compare and add.
_US = timedelta(microseconds=1)
_SECOND = 1_000_000
_MINUTE = 60 * _SECOND
_DAY = 86_400 * _SECOND
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_ORDINAL = _EPOCH.date().toordinal()
# Pieces are produced a week at a time so `add` never builds more than it consumes.
_CHUNK = 7 * _DAY
# Offsets are sampled this far apart and the changes found are bisected to the second. Sampling
# can only miss an offset that changes and changes back between two samples; no zone in tzdata
# (2025b, all of history) changes its offset twice within three days, so a day leaves a margin.
_SAMPLE_SECONDS = 86_400


class WorkingHours(msgspec.Struct, frozen=True):
    """When work happens, on the local wall clock: `days[0]` is Monday, `days[6]` Sunday.

    Each day holds sorted, non-overlapping intervals [start, end) in minutes after local midnight,
    so a lunch break is two intervals and a night shift up to midnight ends at 1440. Validated on
    construction and on decoding, so an impossible schedule never reaches a clock.
    """

    days: tuple[tuple[Interval, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"working hours need 7 days (Monday to Sunday), got {len(self.days)}")
        for weekday, intervals in enumerate(self.days):
            previous_end = 0
            for start, end in intervals:
                if not 0 <= start < end <= MINUTES_PER_DAY:
                    raise ValueError(
                        f"day {weekday}: interval ({start}, {end}) must satisfy "
                        f"0 <= start < end <= {MINUTES_PER_DAY} (minutes after midnight)"
                    )
                if start < previous_end:
                    raise ValueError(
                        f"day {weekday}: interval ({start}, {end}) overlaps or precedes the one "
                        "before it; intervals must be sorted and must not overlap"
                    )
                previous_end = end
        if not any(self.days):
            # With no working time at all every deadline would be infinitely far away.
            raise ValueError("working hours contain no working time on any day")

    @classmethod
    def default(cls) -> "WorkingHours":
        """Monday to Friday, 09:00 to 17:00."""
        office: tuple[Interval, ...] = ((9 * 60, 17 * 60),)
        return cls(days=(office,) * 5 + ((), ()))


class BusinessCalendar(msgspec.Struct, frozen=True, kw_only=True):
    """A vendor's working time: an IANA time zone, working hours, and the dates it is closed.

    Closed dates are the public holidays of `country` (optionally a `subdivision` such as a US
    state or German Land) from the `holidays` package, looked up lazily for whichever years a
    computation touches, plus the organization's own `closed_dates`. `country` may be None for an
    organization that observes no public holidays.

    All results are exact to the microsecond; instants returned are aware and in UTC.
    """

    timezone: str
    hours: WorkingHours = msgspec.field(default_factory=WorkingHours.default)
    country: str | None = None
    subdivision: str | None = None
    closed_dates: frozenset[date] = frozenset()
    # The country's public holidays of some years as they were when frozen
    # (`with_holidays_frozen`): a clock started under one release of `holidays` keeps its
    # deadlines under the next. Other years are looked up.
    frozen_holidays: dict[int, frozenset[date]] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        _zone(self.timezone)
        if self.country is None:
            if self.subdivision is not None:
                raise ValueError("a holiday subdivision needs a country")
            return
        _check_region(self.country, self.subdivision)

    @classmethod
    def of(
        cls,
        timezone: str,
        *,
        country: str | None = None,
        subdivision: str | None = None,
        hours: WorkingHours | None = None,
        closed_dates: Iterable[date] = (),
    ) -> "BusinessCalendar":
        """Build a calendar; `hours` defaults to Monday to Friday 09:00 to 17:00."""
        return cls(
            timezone=timezone,
            hours=WorkingHours.default() if hours is None else hours,
            country=country,
            subdivision=subdivision,
            closed_dates=frozenset(closed_dates),
        )

    def is_closed(self, day: date) -> bool:
        """Whether a local date is a public holiday or one of the organization's closed dates."""
        if day in self.closed_dates:
            return True
        if self.country is None:
            return False
        frozen = self.frozen_holidays.get(day.year)
        if frozen is not None:
            return day in frozen
        return day in _public_holidays(self.country, self.subdivision, day.year)

    def with_holidays_frozen(self, years: Iterable[int]) -> "BusinessCalendar":
        """This calendar with the public holidays of `years` kept as they are now."""
        if self.country is None:
            return self
        frozen = {year: _public_holidays(self.country, self.subdivision, year) for year in years}
        return msgspec.structs.replace(self, frozen_holidays=frozen)

    def is_open(self, instant: datetime) -> bool:
        """Whether `instant` is business time (read straight off its local wall clock)."""
        local = _aware(instant).astimezone(_zone(self.timezone))
        if self.is_closed(local.date()):
            return False
        time_of_day = (
            (local.hour * 60 + local.minute) * 60 + local.second
        ) * _SECOND + local.microsecond
        return any(
            start * _MINUTE <= time_of_day < end * _MINUTE
            for start, end in self.hours.days[local.weekday()]
        )

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time in [start, end); zero when `end` is not after `start`."""
        total = sum(hi - lo for lo, hi in self._pieces(_micros(start), _micros(end)))
        return timedelta(microseconds=total)

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The earliest instant T >= start with `elapsed(start, T) == amount`.

        This is a deadline: `add(submitted_at, timedelta(hours=16))` is two business days after
        submission. Being the earliest such instant, it lands at the end of a working stretch
        rather than at the start of the next one ("Tuesday 17:00", not "Wednesday 09:00").
        Raises ValueError when the calendar does not provide `amount` within SEARCH_LIMIT.
        """
        if amount < timedelta(0):
            raise ValueError(f"business time to add must not be negative, got {amount}")
        origin = _micros(start)
        remaining = amount // _US
        if remaining == 0:
            return _instant(origin)
        for lo, hi in self._pieces(origin, origin + SEARCH_LIMIT // _US):
            if hi - lo >= remaining:
                return _instant(lo + remaining)
            remaining -= hi - lo
        raise ValueError(
            f"{self._describe()} does not provide {amount} of business time within "
            f"{SEARCH_LIMIT.days} days after {start.isoformat()}"
        )

    def subtract(self, end: datetime, amount: timedelta) -> datetime:
        """The latest instant S <= end with `elapsed(S, end) == amount`: when something must
        have started to have run `amount` of business time by `end` (`add` backwards).

        Raises ValueError when the calendar does not provide `amount` within SEARCH_LIMIT."""
        if amount < timedelta(0):
            raise ValueError(f"business time to subtract must not be negative, got {amount}")
        origin = _micros(end)
        remaining = amount // _US
        floor = origin - SEARCH_LIMIT // _US
        hi = origin
        while remaining and hi > floor:
            lo = max(hi - _CHUNK, floor)
            for piece_lo, piece_hi in reversed(list(self._pieces(lo, hi))):
                if piece_hi - piece_lo >= remaining:
                    return _instant(piece_hi - remaining)
                remaining -= piece_hi - piece_lo
            hi = lo
        if remaining == 0:
            return _instant(origin)
        raise ValueError(
            f"{self._describe()} does not provide {amount} of business time within "
            f"{SEARCH_LIMIT.days} days before {end.isoformat()}"
        )

    def next_open(self, instant: datetime) -> datetime:
        """The first instant at or after `instant` that is business time."""
        origin = _micros(instant)
        for lo, _ in self._pieces(origin, origin + SEARCH_LIMIT // _US):
            return _instant(lo)
        raise ValueError(
            f"{self._describe()} has no business time within {SEARCH_LIMIT.days} days after "
            f"{instant.isoformat()}"
        )

    def _pieces(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """Business time in [lo, hi) as disjoint [start, end) microsecond pieces, in order."""
        # A day first, then twice as much each time up to _CHUNK: a deadline hours away (the
        # SLA sweep works out thousands) reads a day or two of calendar, not a week.
        size = _DAY
        while lo < hi:
            chunk_hi = min(lo + size, hi)
            yield from self._chunk_pieces(lo, chunk_hi)
            lo = chunk_hi
            size = min(2 * size, _CHUNK)

    def _chunk_pieces(self, lo: int, hi: int) -> list[tuple[int, int]]:
        segments = _offset_segments(self.timezone, lo, hi)
        offsets = [offset for _, _, offset in segments]
        # Every local date some instant in [lo, hi) reads as.
        first_day = (lo + min(offsets)) // _DAY
        last_day = (hi - 1 + max(offsets)) // _DAY
        pieces: list[tuple[int, int]] = []
        for day_number in range(first_day, last_day + 1):
            day = date.fromordinal(_EPOCH_ORDINAL + day_number)
            if self.is_closed(day):
                continue
            midnight = day_number * _DAY
            for start, end in self.hours.days[day.weekday()]:
                wall_lo, wall_hi = midnight + start * _MINUTE, midnight + end * _MINUTE
                for segment_lo, segment_hi, offset in segments:
                    piece_lo = max(segment_lo, wall_lo - offset)
                    piece_hi = min(segment_hi, wall_hi - offset)
                    if piece_lo < piece_hi:
                        pieces.append((piece_lo, piece_hi))
        # Each real instant has one local reading, so pieces never overlap; but a fold can put a
        # repeated hour of one date after the first hour of the next, hence the sort.
        pieces.sort()
        return pieces

    def _region(self) -> str:
        return f"{self.country}-{self.subdivision}" if self.subdivision else f"{self.country}"

    def _describe(self) -> str:
        holidays_of = f", holidays of {self._region()}" if self.country else ""
        return f"the calendar ({self.timezone}{holidays_of})"


def _aware(instant: datetime) -> datetime:
    if instant.utcoffset() is None:
        raise ValueError(f"instant must be timezone-aware, got naive {instant.isoformat()}")
    return instant


def _micros(instant: datetime) -> int:
    return (_aware(instant) - _EPOCH) // _US


def _instant(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)  # cached by zoneinfo itself
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


@functools.lru_cache(maxsize=1024)
def _check_region(country: str, subdivision: str | None) -> None:
    # Cached: a sweep builds a calendar per clock, and asking `holidays` costs ~100 µs.
    try:
        holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError as exc:  # how `holidays` says "no such country/subdivision"
        region = f"{country}-{subdivision}" if subdivision else country
        raise ValueError(f"no public holidays known for {region}: {exc}") from exc


@functools.lru_cache(maxsize=4096)
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    found: frozenset[date] = frozenset(
        holidays.country_holidays(country, subdiv=subdivision, years=year)
    )
    return found


def _offset_at(zone: ZoneInfo, second: int) -> int:
    """The zone's UTC offset, in microseconds, at a whole second since the epoch."""
    offset = datetime.fromtimestamp(second, zone).utcoffset()
    if offset is None:  # never for a ZoneInfo; says so to the type checker
        raise ValueError(f"{zone.key} has no UTC offset at {second}")
    return offset // _US


@functools.lru_cache(maxsize=4096)
def _year_transitions(zone_name: str, year: int) -> tuple[tuple[int, int], ...]:
    """Offset changes in UTC year `year`: (first second with the new offset, new offset in µs).

    Transitions happen on whole seconds, so the offset is constant from each found second on.
    """
    zone = _zone(zone_name)
    # Sample (Jan 1 - 1 s, ..., Dec 31 23:59:59]: a change exactly at Jan 1 00:00 belongs here.
    first = int(datetime(year, 1, 1, tzinfo=UTC).timestamp()) - 1
    last = int(datetime(year + 1, 1, 1, tzinfo=UTC).timestamp()) - 1
    samples = [*range(first, last, _SAMPLE_SECONDS), last]
    found: list[tuple[int, int]] = []
    before, before_offset = samples[0], _offset_at(zone, samples[0])
    for sample in samples[1:]:
        sample_offset = _offset_at(zone, sample)
        while sample_offset != before_offset:
            # The first second after `before` whose offset differs: "same as before" holds for a
            # prefix of (before, sample], so bisection finds the earliest change.
            same, changed = before, sample
            while changed - same > 1:
                middle = (same + changed) // 2
                if _offset_at(zone, middle) == before_offset:
                    same = middle
                else:
                    changed = middle
            before, before_offset = changed, _offset_at(zone, changed)
            found.append((changed, before_offset))
        before = sample
    return tuple(found)


def _offset_segments(zone_name: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """[lo, hi) split where the offset changes: (segment start, segment end, offset), all µs."""
    first_year = _instant(lo).year
    last_year = _instant(hi - 1).year
    segments: list[tuple[int, int, int]] = []
    segment_lo = lo
    offset = _offset_at(_zone(zone_name), lo // _SECOND)
    for year in range(first_year, last_year + 1):
        for second, new_offset in _year_transitions(zone_name, year):
            change = second * _SECOND
            if lo < change < hi:
                segments.append((segment_lo, change, offset))
                segment_lo, offset = change, new_offset
    segments.append((segment_lo, hi, offset))
    return segments
