"""The fiscal calendar: the naming rule on worked examples, and, for every start month, that
quarters tile the fiscal year and every day and instant falls in exactly one quarter."""

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealreg.planning import fiscal
from dealreg.planning.fiscal import Quarter

months = st.integers(min_value=1, max_value=12)
days = st.dates(min_value=date(1901, 1, 1), max_value=date(9997, 12, 31))
quarters = st.builds(
    Quarter,
    st.integers(min_value=fiscal.MIN_YEAR, max_value=fiscal.MAX_YEAR - 1),
    st.integers(1, 4),
)


@pytest.mark.parametrize(
    ("start_month", "label", "first", "last"),
    [
        # A calendar fiscal year: the fiscal year is the calendar year.
        (1, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
        (1, "2027-Q4", date(2027, 10, 1), date(2027, 12, 31)),
        # Named by the year it ends in: fiscal 2027 from July 2026 to June 2027.
        (7, "2027-Q1", date(2026, 7, 1), date(2026, 9, 30)),
        (7, "2027-Q2", date(2026, 10, 1), date(2026, 12, 31)),
        (7, "2027-Q3", date(2027, 1, 1), date(2027, 3, 31)),
        (7, "2027-Q4", date(2027, 4, 1), date(2027, 6, 30)),
        # A quarter across a calendar year end.
        (11, "2027-Q1", date(2026, 11, 1), date(2027, 1, 31)),
        (2, "2024-Q4", date(2023, 11, 1), date(2024, 1, 31)),
    ],
)
def test_quarters_are_named_by_the_fiscal_year_they_end_in(
    start_month: int, label: str, first: date, last: date
) -> None:
    quarter = fiscal.parse(label)

    assert quarter.start(start_month) == first
    assert quarter.end(start_month) - timedelta(days=1) == last
    assert fiscal.quarter_of(first, start_month) == quarter
    assert fiscal.quarter_of(last, start_month) == quarter


@given(day=days, start_month=months)
def test_every_day_falls_in_the_quarter_it_is_said_to(day: date, start_month: int) -> None:
    quarter = fiscal.quarter_of(day, start_month)

    assert quarter.start(start_month) <= day < quarter.end(start_month)
    # ... and in no other: its neighbours end at its start and start at its end.
    assert quarter.next().start(start_month) == quarter.end(start_month)
    assert fiscal.quarter_of(quarter.start(start_month) - timedelta(days=1), start_month) != quarter


@given(quarter=quarters, start_month=months)
def test_quarters_tile_their_fiscal_year(quarter: Quarter, start_month: int) -> None:
    year = [Quarter(quarter.year, number) for number in (1, 2, 3, 4)]

    for one, after in itertools.pairwise(year):
        assert one.end(start_month) == after.start(start_month)
    first, last = year[0].start(start_month), year[3].end(start_month)
    # Twelve months from the start month, ending in the calendar year that names it.
    assert (first.month, first.day) == (start_month, 1)
    assert (last.year, last.month) == (first.year + 1, first.month)
    assert (last - timedelta(days=1)).year == quarter.year
    for q in year:
        start, end = q.start(start_month), q.end(start_month)
        assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == 3
        assert fiscal.quarter_of(start, start_month) == q
        assert fiscal.quarter_of(end - timedelta(days=1), start_month) == q


@given(quarter=quarters)
def test_the_quarter_before_is_the_one_whose_next_it_is(quarter: Quarter) -> None:
    assert quarter.next().previous() == quarter
    assert Quarter(2027, 1).previous() == Quarter(2026, 4)


@given(quarter=quarters)
def test_a_label_reads_back_as_its_quarter(quarter: Quarter) -> None:
    assert fiscal.parse(quarter.label) == quarter


@given(
    instant=st.datetimes(
        # Naive bounds, as hypothesis takes them; the instants drawn are UTC.
        min_value=datetime(1950, 1, 2),  # noqa: DTZ001
        max_value=datetime(2200, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    start_month=months,
    timezone=st.sampled_from(["Pacific/Kiritimati", "America/New_York", "UTC", "Pacific/Niue"]),
)
def test_an_instant_is_in_the_quarter_of_its_local_date(
    instant: datetime, start_month: int, timezone: str
) -> None:
    """The report counts a win in [local midnight of the start, local midnight of the end)."""
    quarter = fiscal.quarter_at(instant, start_month, timezone)
    zone = ZoneInfo(timezone)
    start = datetime.combine(quarter.start(start_month), datetime.min.time(), zone)
    end = datetime.combine(quarter.end(start_month), datetime.min.time(), zone)

    assert start <= instant < end


@pytest.mark.parametrize(
    "label",
    ["2027-Q5", "2027-Q0", "2027Q1", "27-Q1", "2027-q1", "0000-Q1", "9999-Q1", " 2027-Q1", ""],
)
def test_a_bad_label_is_refused(label: str) -> None:
    with pytest.raises(fiscal.BadQuarter):
        fiscal.parse(label)
