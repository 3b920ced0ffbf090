"""Calendar arithmetic shared by the domains."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import msgspec

from dealreg.errors import InvalidInput, field_error

# The days and instants the API takes in: anything a deal, a lead or a report can be about, and
# far enough inside years 1-9999 that no offset, report span or period arithmetic leaves them
# (PostgreSQL's and Python's calendars end there, and asyncpg fails outside them without SQLSTATE).
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2200, 12, 31)
_START = datetime.combine(FIRST_DAY, time(), tzinfo=UTC)
_END = datetime.combine(LAST_DAY + timedelta(days=1), time(), tzinfo=UTC)
OUT_OF_RANGE = f"must be from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()} (UTC)"
NO_OFFSET = "must name its UTC offset (Z or +hh:mm)"

# A report covers at most this many years, and the last 90 days when no range is given.
REPORT_YEARS = 2
REPORT_DAYS = 90


def refusal(value: date) -> str | None:
    """Why the API does not take `value` (a day, or an instant: datetime is a date), or None."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            return NO_OFFSET
        # Aware instants compare by their UTC value, whatever their own offsets.
        return None if _START <= value < _END else OUT_OF_RANGE
    return None if FIRST_DAY <= value <= LAST_DAY else OUT_OF_RANGE


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def mondays(first_day: date, last_day: date) -> list[date]:
    """The ISO weeks (their Mondays) that hold a day of [first_day, last_day]."""
    monday = first_day - timedelta(days=first_day.weekday())
    weeks = []
    while monday <= last_day:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


class DayRange(msgspec.Struct, frozen=True, kw_only=True):
    """Whole UTC days, `first_day` to `last_day` inclusive, as the instants [start, end)."""

    first_day: date
    last_day: date
    start: datetime
    end: datetime


def report_range(start: date | None, end: date | None, today: date) -> DayRange:
    """A report's `from` and `to`, checked: `to` defaults to today, `from` to 90 days before it,
    and `from` may be neither after `to` nor more than two years before it."""
    end = end or today
    start = start or end - timedelta(days=REPORT_DAYS - 1)
    if start > end:
        raise _invalid_from("`from` is after `to`", maximum=str(end))
    if end >= years_after(start, REPORT_YEARS):
        raise _invalid_from(
            "a report spans at most two years",
            minimum=str(years_after(end, -REPORT_YEARS) + timedelta(days=1)),
        )
    return DayRange(
        first_day=start,
        last_day=end,
        start=datetime.combine(start, time(), tzinfo=UTC),
        end=datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC),
    )


def _invalid_from(detail: str, **limit: Any) -> InvalidInput:
    code = "maximum" if "maximum" in limit else "minimum"
    error = field_error(code, parameter="from", location="query", detail=detail, **limit)
    return InvalidInput(detail, errors=[error])
