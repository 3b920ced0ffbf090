"""Calendar arithmetic shared by the domains."""

from datetime import UTC, date, datetime, time, timedelta

import msgspec

from dealreg.errors import FieldError, InvalidInput

# A report covers at most this many years, and the last 90 days when no range is given.
REPORT_YEARS = 2
REPORT_DAYS = 90


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


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
        raise _invalid_from("`from` is after `to`")
    if end >= years_after(start, REPORT_YEARS):
        raise _invalid_from("a report spans at most two years")
    return DayRange(
        first_day=start,
        last_day=end,
        start=datetime.combine(start, time(), tzinfo=UTC),
        end=datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC),
    )


def _invalid_from(detail: str) -> InvalidInput:
    return InvalidInput(
        detail, errors=[FieldError(parameter="from", location="query", detail=detail)]
    )
