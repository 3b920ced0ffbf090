"""A vendor's fiscal calendar: twelve months from its fiscal year start month, in four quarters
of three months each.

Naming rule: a fiscal year is named by the calendar year in which it **ends**. With a July
start, fiscal 2027 runs from 1 July 2026 to 30 June 2027, and `2027-Q1` is July to September
2026. With a January start the fiscal year is the calendar year. A quarter is a range of the
vendor's local dates, `[start, end)`; an instant belongs to the quarter of its date on the
vendor's wall clock.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import msgspec

_LABEL = re.compile(r"^(\d{4})-Q([1-4])$")
# Fiscal years named from 1901 to 9998: every quarter's first and last day is a valid `date`.
MIN_YEAR, MAX_YEAR = 1901, 9998


class BadQuarter(ValueError):
    """Not a quarter label (`YYYY-Qn`) in the supported years."""


class Quarter(msgspec.Struct, frozen=True, order=True):
    """Quarter `number` (1 to 4) of the fiscal year named `year`."""

    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    def start(self, start_month: int) -> date:
        """The first day of the quarter, for a fiscal year starting in `start_month`."""
        # The fiscal year named `year` ends in `year`: it starts that year when it starts in
        # January, else the calendar year before.
        first_year = self.year if start_month == 1 else self.year - 1
        months = (start_month - 1) + 3 * (self.number - 1)
        return date(first_year + months // 12, months % 12 + 1, 1)

    def end(self, start_month: int) -> date:
        """The day after the quarter's last day (the next quarter's first)."""
        return self.next().start(start_month)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def previous(self) -> "Quarter":
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)


def parse(label: str) -> Quarter:
    match = _LABEL.match(label)
    if match is None:
        raise BadQuarter(f"{label!r} is not a quarter like 2027-Q1")
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadQuarter(f"{label!r} is outside the fiscal years {MIN_YEAR} to {MAX_YEAR}")
    return Quarter(year, int(match.group(2)))


def quarter_of(day: date, start_month: int) -> Quarter:
    """The fiscal quarter `day` falls in, for a fiscal year starting in `start_month`."""
    months_in = (day.month - start_month) % 12
    # A fiscal year that does not start in January ends in the calendar year after the one it
    # starts in; its months before January are in the calendar year before the name.
    year = day.year if start_month == 1 or day.month < start_month else day.year + 1
    return Quarter(year, months_in // 3 + 1)


def quarter_at(instant: datetime, start_month: int, timezone: str) -> Quarter:
    """The fiscal quarter of `instant` on the vendor's wall clock in `timezone`."""
    return quarter_of(instant.astimezone(ZoneInfo(timezone)).date(), start_month)
