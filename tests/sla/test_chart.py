"""The SLA report page's chart geometry, built from `WeekRow` values directly (no database).

The worked examples use five weeks, 2025-03-03 to 2025-04-06, so each week's slot is
(420 - 36 - 14) / 5 = 74 units wide and the weeks sit at x = 73, 147, 221, 295 and 369. The plot
runs from y = 10 (its top) to y = 220 - 26 = 194 (its bottom), 184 units high.
"""

import itertools
import uuid
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealreg.sla.chart import (
    MAX_SERIES,
    MAX_X_LABELS,
    MAX_Y_TICKS,
    PALETTE,
    TEXT_HEIGHT,
    TOP,
    Bar,
    Chart,
    Charts,
    Line,
    Rule,
    build,
    mondays,
    nice_ticks,
)
from dealreg.sla.reports import Limits, SlaRow, WeekRow

FIRST_DAY = date(2025, 3, 3)  # a Monday
LAST_DAY = date(2025, 4, 6)  # the Sunday of the fifth week
WEEKS = [FIRST_DAY + timedelta(weeks=i) for i in range(5)]
WEEK_X = [73.0, 147.0, 221.0, 295.0, 369.0]
SLACK = 1e-6


def vendor_id(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_OID, name)


def week_row(
    vendor: str,
    week: date,
    *,
    submitted: int = 1,
    decided: int | None = None,
    median: float | None = None,
    breaches: int = 0,
    within: float | None = None,
) -> WeekRow:
    """A vendor's week; by default every registration is decided when a median is given, and
    all of them within target."""
    if decided is None:
        decided = submitted if median is not None else 0
    if within is None and decided:
        within = 1.0
    return WeekRow(
        vendor_id=vendor_id(vendor),
        vendor=vendor,
        week=week,
        figures=SlaRow(
            group="vendor",
            group_id=vendor_id(vendor),
            label=vendor,
            submitted=submitted,
            decided=decided,
            median_hours_to_decision=median,
            p90_hours_to_decision=median,
            median_wall_clock_hours_to_decision=median,
            p90_wall_clock_hours_to_decision=median,
            decided_within_target=within,
            breaches=breaches,
            open_at_risk=0,
        ),
    )


def line_of(charts: Charts, vendor: str, chart: str = "hours") -> Line:
    (line,) = [line for line in getattr(charts, chart).lines if line.vendor == vendor]
    return line


def rules_of(charts: Charts) -> list[tuple[str, str, float, float]]:
    """The hours chart's policy lines: kind, label, y and the label's baseline, from the top."""
    return [(r.kind, r.label, r.y, r.label_y) for r in charts.hours.rules]


def stacks(bars: list[Bar]) -> dict[float, list[Bar]]:
    """The bars of each week (by their x), from the bottom of the plot up."""
    by_x: dict[float, list[Bar]] = defaultdict(list)
    for bar in bars:
        by_x[bar.x].append(bar)
    return {x: sorted(week, key=lambda bar: -bar.y) for x, week in by_x.items()}


# --- mondays ---------------------------------------------------------------------------------


def test_mondays_lists_every_week_of_the_range() -> None:
    assert mondays(FIRST_DAY, LAST_DAY) == WEEKS


def test_mondays_of_a_range_within_one_week_is_that_week() -> None:
    assert mondays(date(2025, 3, 4), date(2025, 3, 6)) == [date(2025, 3, 3)]
    assert mondays(date(2025, 3, 3), date(2025, 3, 3)) == [date(2025, 3, 3)]
    assert mondays(date(2025, 3, 9), date(2025, 3, 9)) == [date(2025, 3, 3)]


def test_mondays_of_a_range_starting_on_a_sunday_includes_that_sunday_week() -> None:
    assert mondays(date(2025, 3, 9), date(2025, 3, 10)) == [date(2025, 3, 3), date(2025, 3, 10)]


def test_mondays_across_a_year_end() -> None:
    assert mondays(date(2024, 12, 28), date(2025, 1, 8)) == [
        date(2024, 12, 23),
        date(2024, 12, 30),
        date(2025, 1, 6),
    ]


@given(
    first_day=st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    span=st.integers(min_value=0, max_value=800),
)
def test_mondays_are_the_iso_weeks_holding_a_day_of_the_range(first_day: date, span: int) -> None:
    last_day = first_day + timedelta(days=span)
    days = [first_day + timedelta(days=i) for i in range(span + 1)]
    weeks = {day.isocalendar()[:2] for day in days}

    result = mondays(first_day, last_day)

    assert all(monday.isoweekday() == 1 for monday in result)
    assert result == sorted(result)
    assert [monday.isocalendar()[:2] for monday in result] == sorted(weeks)


# --- nice_ticks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("highest", "whole", "expected"),
    [
        (0, False, [0, 1]),
        (0, True, [0, 1]),
        (-3, False, [0, 1]),
        (37, False, [0, 10, 20, 30, 40]),
        (37, True, [0, 10, 20, 30, 40]),
        (4, True, [0, 1, 2, 3, 4]),
        (7, True, [0, 2, 4, 6, 8]),
        (1, False, [0, 0.5, 1]),
        (1, True, [0, 1]),
        (3, True, [0, 1, 2, 3]),
        (0.6, False, [0, 0.2, 0.4, 0.6]),
        (0.01, False, [0, 0.005, 0.01]),
        (4.0000001, False, [0, 2, 4, 6]),
        (120, False, [0, 50, 100, 150]),
    ],
)
def test_nice_ticks_examples(highest: float, whole: bool, expected: list[float]) -> None:
    assert nice_ticks(highest, whole=whole) == pytest.approx(expected)


def assert_nice(ticks: list[float], highest: float) -> float:
    """The invariants shared by both kinds of ticks; returns the step."""
    assert 2 <= len(ticks) <= MAX_Y_TICKS
    assert ticks[0] == 0
    step = ticks[1]
    assert step > 0
    assert ticks == [step * i for i in range(len(ticks))]
    mantissa = f"{step:e}".split("e")[0]
    assert mantissa in {"1.000000", "2.000000", "5.000000"}, step
    # nice_ticks forgives a quotient up to 1e-9 over a whole number of steps as float noise, so
    # the last tick may fall short of the highest value by that fraction of it: less than a
    # millionth of a unit when drawn.
    assert ticks[-1] >= highest * (1 - 1e-9)
    # The last tick is the first to reach the highest value: no tick is wasted above it.
    assert ticks[-2] < highest
    return step


# Subnormal values are left out: the chart's medians come rounded to hundredths of an hour, and
# below about 1e-322 the step's power of ten underflows to nothing.
@given(st.floats(min_value=0, max_value=1e300, allow_subnormal=False, exclude_min=True))
def test_nice_ticks_are_round_evenly_spaced_and_reach_the_highest(highest: float) -> None:
    assert_nice(nice_ticks(highest, whole=False), highest)


@given(st.integers(min_value=1, max_value=10**15))
def test_nice_ticks_for_counts_step_by_whole_numbers(highest: int) -> None:
    ticks = nice_ticks(highest, whole=True)

    step = assert_nice(ticks, highest)
    assert step >= 1
    assert step == int(step)


# --- build: the hours chart ------------------------------------------------------------------


def test_points_sit_mid_slot_at_their_value_with_the_top_tick_at_top() -> None:
    rows = [
        week_row("Acme", WEEKS[0], median=10),
        week_row("Acme", WEEKS[1], median=20),
        week_row("Acme", WEEKS[3], median=30),
        week_row("Acme", WEEKS[4], median=40),
    ]

    charts = build(rows, FIRST_DAY, LAST_DAY)

    hours = charts.hours
    # 40 hours at most: ticks of 10, 184 / 40 = 4.6 units an hour.
    assert [tick.label for tick in hours.y_ticks] == ["0", "10", "20", "30", "40"]
    assert [tick.at for tick in hours.y_ticks] == pytest.approx([194, 148, 102, 56, 10])
    assert hours.y_ticks[-1].at == pytest.approx(TOP)
    assert hours.y_ticks[0].at == pytest.approx(hours.bottom)
    points = line_of(charts, "Acme").points
    assert [p.x for p in points] == pytest.approx([73, 147, 295, 369])
    assert [p.y for p in points] == pytest.approx([148, 102, 56, 10])


def test_points_x_is_the_middle_of_the_week_slot_for_any_number_of_weeks() -> None:
    last_day = FIRST_DAY + timedelta(weeks=13, days=-1)
    weeks = mondays(FIRST_DAY, last_day)
    rows = [week_row("Acme", week, median=1) for week in weeks]

    charts = build(rows, FIRST_DAY, last_day)

    hours = charts.hours
    slot = (hours.right - hours.left) / 13
    assert [p.x for p in line_of(charts, "Acme").points] == (
        pytest.approx([hours.left + slot * (i + 0.5) for i in range(13)])
    )


def test_a_week_without_decisions_breaks_the_line() -> None:
    rows = [
        week_row("Acme", WEEKS[0], median=10),
        week_row("Acme", WEEKS[1], median=20),
        # Submitted but none decided yet: no median.
        week_row("Acme", WEEKS[2], submitted=3),
        week_row("Acme", WEEKS[3], median=30),
        week_row("Acme", WEEKS[4], median=40),
        # Bolt submitted nothing in the second week.
        week_row("Bolt", WEEKS[0], median=5),
        week_row("Bolt", WEEKS[2], median=10),
        week_row("Bolt", WEEKS[3], median=20),
    ]

    charts = build(rows, FIRST_DAY, LAST_DAY)

    assert line_of(charts, "Acme").path == "M73.0,148.0 L147.0,102.0 M295.0,56.0 L369.0,10.0"
    assert [p.x for p in line_of(charts, "Acme").points] == pytest.approx([73, 147, 295, 369])
    assert line_of(charts, "Bolt").path == "M73.0,171.0 M221.0,148.0 L295.0,102.0"


def test_a_charted_vendor_without_decisions_has_an_empty_line() -> None:
    charts = build([week_row("Acme", WEEKS[1], submitted=4)], FIRST_DAY, LAST_DAY)

    assert line_of(charts, "Acme").path == ""
    assert line_of(charts, "Acme").points == []
    assert [tick.label for tick in charts.hours.y_ticks] == ["0", "1"]


def test_point_titles_name_the_vendor_week_and_figures() -> None:
    rows = [week_row("Acme Networks", WEEKS[1], submitted=5, decided=4, median=12.5)]

    (point,) = line_of(build(rows, FIRST_DAY, LAST_DAY), "Acme Networks").points

    assert point.title == (
        "Acme Networks, week of 2025-03-10: median 12.5 business hours over 4 decided"
    )


# --- build: the target and hard limit on the hours chart --------------------------------------


def test_the_target_and_hard_limit_are_lines_across_the_hours_chart_labelled_above_them() -> None:
    rows = [week_row("Acme", WEEKS[0], median=10), week_row("Acme", WEEKS[1], median=4)]

    charts = build(rows, FIRST_DAY, LAST_DAY, {vendor_id("Acme"): Limits(16, 32)})

    # The scale reaches the hard limit: ticks of 10 to 40, 4.6 units an hour; the target at
    # 194 - 16 x 4.6 = 120.4, the hard limit at 194 - 32 x 4.6 = 46.8, each label 3 units above.
    assert [tick.label for tick in charts.hours.y_ticks] == ["0", "10", "20", "30", "40"]
    assert rules_of(charts) == [
        ("hard_limit", "hard limit 32 h", pytest.approx(46.8), pytest.approx(43.8)),
        ("target", "target 16 h", pytest.approx(120.4), pytest.approx(117.4)),
    ]
    assert [r.title for r in charts.hours.rules] == [
        "Hard limit: 32 business hours (Acme)",
        "Target: 16 business hours (Acme)",
    ]
    assert [p.y for p in line_of(charts, "Acme").points] == pytest.approx([148, 175.6])
    assert charts.within_target.rules == charts.breaches.rules == []


def test_a_limit_at_the_top_of_the_plot_is_labelled_below_its_line() -> None:
    rows = [week_row("Acme", WEEKS[0], median=3)]

    charts = build(rows, FIRST_DAY, LAST_DAY, {vendor_id("Acme"): Limits(20, 40)})

    # Ticks to 40: the hard limit is the top line (y = 10); above it there is no room for 13
    # units of text, so its label hangs below: 10 + 3 + 13 = 26. The target at 194 - 20 x 4.6.
    assert rules_of(charts) == [
        ("hard_limit", "hard limit 40 h", pytest.approx(10), pytest.approx(26)),
        ("target", "target 20 h", pytest.approx(102), pytest.approx(99)),
    ]


def test_vendors_with_different_limits_each_have_their_line_named_and_shared_ones_one() -> None:
    rows = [
        week_row("Acme", WEEKS[0], median=3),
        week_row("Bolt", WEEKS[0], median=3),
        week_row("Cora", WEEKS[0], median=3),
    ]
    limits = {
        vendor_id("Acme"): Limits(16, 32),
        vendor_id("Bolt"): Limits(24, 32),
        vendor_id("Cora"): Limits(24, 32),
    }

    charts = build(rows, FIRST_DAY, LAST_DAY, limits)

    assert [(kind, label) for kind, label, _, _ in rules_of(charts)] == [
        ("hard_limit", "hard limit 32 h"),
        ("target", "target 24 h: 2 vendors"),
        ("target", "target 16 h: Acme"),
    ]
    assert charts.hours.rules[1].title == "Target: 24 business hours (Bolt, Cora)"


def test_labels_of_close_limits_are_stacked_without_overlapping() -> None:
    rows = [week_row(name, WEEKS[0], median=1) for name in ("Acme", "Bolt")]
    limits = {vendor_id("Acme"): Limits(30, 31), vendor_id("Bolt"): Limits(30.5, 31.5)}

    charts = build(rows, FIRST_DAY, LAST_DAY, limits)

    baselines = [label_y for _, _, _, label_y in rules_of(charts)]
    assert len(baselines) == 4
    assert all(b - a >= TEXT_HEIGHT for a, b in itertools.pairwise(baselines)), baselines


# --- build: the within-target chart -----------------------------------------------------------


def test_the_within_target_share_is_a_line_per_vendor_from_0_to_100_percent() -> None:
    rows = [
        week_row("Acme", WEEKS[0], submitted=4, median=10, within=0.75),
        week_row("Acme", WEEKS[1], submitted=2, median=30, within=0.0),
        # Nothing decided: a gap, not a zero.
        week_row("Acme", WEEKS[2], submitted=3),
        week_row("Acme", WEEKS[3], submitted=1, median=2, within=1.0),
    ]

    charts = build(rows, FIRST_DAY, LAST_DAY)

    within = charts.within_target
    assert [tick.label for tick in within.y_ticks] == ["0", "25", "50", "75", "100"]
    assert [tick.at for tick in within.y_ticks] == pytest.approx([194, 148, 102, 56, 10])
    line = line_of(charts, "Acme", "within_target")
    # 75% of 184 units above the bottom: 194 - 138 = 56.
    assert line.path == "M73.0,56.0 L147.0,194.0 M295.0,10.0"
    assert [p.title for p in line.points] == [
        "Acme, week of 2025-03-03: 75% of 4 decided within target",
        "Acme, week of 2025-03-10: 0% of 2 decided within target",
        "Acme, week of 2025-03-24: 100% of 1 decided within target",
    ]
    assert within.x_ticks == charts.hours.x_ticks
    assert [(line.vendor, line.color) for line in within.lines] == [("Acme", PALETTE[0])]


# --- build: the breaches chart ---------------------------------------------------------------


def test_breaches_stack_per_week_and_weeks_without_breaches_have_no_bar() -> None:
    rows = [
        week_row("Acme", WEEKS[0], submitted=5, breaches=2),
        week_row("Bolt", WEEKS[0], submitted=5, breaches=1),
        week_row("Acme", WEEKS[1], submitted=5, breaches=0),
        week_row("Bolt", WEEKS[1], submitted=5, breaches=4),
        week_row("Acme", WEEKS[3], submitted=5, breaches=0),
        week_row("Bolt", WEEKS[4], submitted=5, breaches=1),
    ]

    breaches = build(rows, FIRST_DAY, LAST_DAY).breaches

    # 4 breaches at most: ticks of 1, 184 / 4 = 46 units a breach; bars 74 * 0.7 = 51.8 wide.
    assert [tick.label for tick in breaches.y_ticks] == ["0", "1", "2", "3", "4"]
    assert [tick.at for tick in breaches.y_ticks] == pytest.approx([194, 148, 102, 56, 10])
    assert [(bar.color, bar.title) for bar in breaches.bars] == [
        (PALETTE[0], "Acme, week of 2025-03-03: 2 breached"),
        (PALETTE[1], "Bolt, week of 2025-03-03: 1 breached"),
        (PALETTE[1], "Bolt, week of 2025-03-10: 4 breached"),
        (PALETTE[1], "Bolt, week of 2025-03-31: 1 breached"),
    ]
    assert [bar.x for bar in breaches.bars] == pytest.approx([47.1, 47.1, 121.1, 343.1])
    assert [bar.width for bar in breaches.bars] == pytest.approx([51.8] * 4)
    assert [bar.y for bar in breaches.bars] == pytest.approx([102, 56, 10, 148])
    assert [bar.height for bar in breaches.bars] == pytest.approx([92, 46, 184, 46])


def test_a_week_of_two_vendors_breaches_is_one_stack_of_touching_bars() -> None:
    rows = [
        week_row("Zulu", WEEKS[2], submitted=9, breaches=3),
        week_row("Acme", WEEKS[2], submitted=9, breaches=5),
        week_row("Acme", WEEKS[0], submitted=9, breaches=10),
    ]

    breaches = build(rows, FIRST_DAY, LAST_DAY).breaches

    scale = (breaches.bottom - breaches.top) / float(breaches.y_ticks[-1].label)
    lower, upper = sorted(
        (bar for bar in breaches.bars if "2025-03-17" in bar.title), key=lambda bar: -bar.y
    )
    assert lower.x == upper.x == pytest.approx(221 - 25.9)
    assert lower.y + lower.height == pytest.approx(breaches.bottom)
    assert upper.y + upper.height == pytest.approx(lower.y)
    assert lower.height + upper.height == pytest.approx(8 * scale)
    assert {lower.title, upper.title} == {
        "Acme, week of 2025-03-17: 5 breached",
        "Zulu, week of 2025-03-17: 3 breached",
    }


# --- build: which vendors ---------------------------------------------------------------------


def test_at_most_max_series_vendors_are_charted_chosen_by_submissions_listed_by_name() -> None:
    submissions = {
        "Zeta": 90,
        "Yak": 80,
        "Xeno": 70,
        "Wolf": 60,
        "Vale": 50,
        "Umbra": 40,
        # Tarn's 30 are split over two weeks and still outrank the 20s.
        "Quill": 20,
        "Rook": 20,
        "Sable": 20,
        # Alpha comes first by name, last by submissions.
        "Alpha": 5,
    }
    hidden = {"Alpha", "Rook", "Sable"}
    rows = [
        # The hidden vendors' figures would set both scales if they counted.
        week_row(name, WEEKS[0], submitted=count, median=1000, breaches=count)
        if name in hidden
        else week_row(name, WEEKS[0], submitted=count, median=8 if name == "Zeta" else 1)
        for name, count in submissions.items()
    ]
    rows += [
        week_row("Tarn", WEEKS[0], submitted=15, median=2),
        week_row("Tarn", WEEKS[1], submitted=15, median=2, breaches=3),
    ]

    charts = build(rows, FIRST_DAY, LAST_DAY)

    shown = ["Quill", "Tarn", "Umbra", "Vale", "Wolf", "Xeno", "Yak", "Zeta"]
    assert len(shown) == MAX_SERIES
    assert [(s.vendor, s.color) for s in charts.series] == list(zip(shown, PALETTE, strict=True))
    assert [(line.vendor, line.color) for line in charts.hours.lines] == (
        list(zip(shown, PALETTE, strict=True))
    )
    assert charts.hidden_vendors == len(hidden)
    assert [tick.label for tick in charts.hours.y_ticks] == ["0", "2", "4", "6", "8"]
    assert [tick.label for tick in charts.breaches.y_ticks] == ["0", "1", "2", "3"]
    assert [(bar.color, bar.title) for bar in charts.breaches.bars] == [
        (PALETTE[1], "Tarn, week of 2025-03-10: 3 breached")
    ]


def test_no_registrations_give_empty_charts_with_unit_ticks_and_labelled_weeks() -> None:
    charts = build([], FIRST_DAY, LAST_DAY)

    assert charts.series == []
    assert charts.hidden_vendors == 0
    assert charts.hours.lines == []
    assert charts.breaches.bars == []
    for chart in (charts.hours, charts.breaches):
        assert [tick.label for tick in chart.y_ticks] == ["0", "1"]
        assert [tick.at for tick in chart.y_ticks] == pytest.approx([194, 10])
        assert [tick.label for tick in chart.x_ticks] == [
            "3 Mar",
            "10 Mar",
            "17 Mar",
            "24 Mar",
            "31 Mar",
        ]
        assert [tick.at for tick in chart.x_ticks] == pytest.approx(WEEK_X)


# --- build: week labels ----------------------------------------------------------------------


def test_week_labels_of_a_quarter_skip_weeks_to_fit() -> None:
    last_day = date(2025, 4, 6)
    first_day = date(2025, 1, 6)  # 13 weeks: every third is labelled

    charts = build([], first_day, last_day)

    assert [tick.label for tick in charts.hours.x_ticks] == [
        "6 Jan",
        "27 Jan",
        "17 Feb",
        "10 Mar",
        "31 Mar",
    ]
    slot = (charts.hours.right - charts.hours.left) / 13
    assert [tick.at for tick in charts.hours.x_ticks] == pytest.approx(
        [charts.hours.left + slot * (i + 0.5) for i in (0, 3, 6, 9, 12)]
    )


@given(
    first_day=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    span=st.integers(min_value=0, max_value=730),
)
def test_at_most_max_x_labels_each_on_a_week(first_day: date, span: int) -> None:
    last_day = first_day + timedelta(days=span)
    weeks = mondays(first_day, last_day)

    charts = build([], first_day, last_day)

    ticks = charts.hours.x_ticks
    assert 1 <= len(ticks) <= MAX_X_LABELS
    assert ticks == charts.breaches.x_ticks
    slot = (charts.hours.right - charts.hours.left) / len(weeks)
    labelled = {
        f"{week.day} {week:%b}": charts.hours.left + slot * (i + 0.5)
        for i, week in enumerate(weeks)
    }
    first_monday = first_day - timedelta(days=first_day.weekday())
    assert ticks[0].label == f"{first_monday.day} {first_monday:%b}"
    for tick in ticks:
        assert tick.at == pytest.approx(labelled[tick.label])


# --- build: everything inside the plot -------------------------------------------------------

NAMES = ("Acme", "Bolt", "Cora", "Dyne", "Echo", "Flux", "Gale", "Hive", "Iris", "Jade", "Kilo")


@st.composite
def reports(
    draw: st.DrawFn,
) -> tuple[list[WeekRow], date, date, dict[uuid.UUID, Limits]]:
    first_day = draw(st.dates(date(2020, 1, 1), date(2030, 12, 31)))
    last_day = first_day + timedelta(days=draw(st.integers(min_value=0, max_value=730)))
    first_monday = first_day - timedelta(days=first_day.weekday())
    week_count = (last_day - first_monday).days // 7 + 1
    rows = []
    limits = {}
    for name in draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES))):
        # Policies of up to 60 business days of 24 hours, in quarter days as the API takes them.
        target = draw(st.integers(min_value=1, max_value=240)) * 6.0
        hard_limit = target + draw(st.integers(min_value=0, max_value=240)) * 6.0
        limits[vendor_id(name)] = Limits(target, hard_limit)
        weeks = draw(st.sets(st.integers(min_value=0, max_value=week_count - 1), max_size=8))
        for week in sorted(weeks):
            submitted = draw(st.integers(min_value=1, max_value=1000))
            decided = draw(st.integers(min_value=0, max_value=submitted))
            median = within = None
            if decided:
                median = draw(st.floats(min_value=0, max_value=1e5, allow_subnormal=False))
                within = draw(st.integers(min_value=0, max_value=decided)) / decided
            rows.append(
                week_row(
                    name,
                    first_monday + timedelta(weeks=week),
                    submitted=submitted,
                    decided=decided,
                    median=median,
                    breaches=draw(st.integers(min_value=0, max_value=submitted)),
                    within=within,
                )
            )
    return rows, first_day, last_day, limits


def assert_inside(chart: Chart, x: float, y: float) -> None:
    assert chart.left - SLACK <= x <= chart.right + SLACK
    assert chart.top - SLACK <= y <= chart.bottom + SLACK


def assert_labels_apart(rules: list[Rule]) -> None:
    """Labels inside the picture, above the week labels, none over another."""
    baselines = sorted(rule.label_y for rule in rules if rule.label)
    for baseline in baselines:
        assert TEXT_HEIGHT - SLACK <= baseline <= CHART_BOTTOM + SLACK
    for upper, lower in itertools.pairwise(baselines):
        assert lower - upper >= TEXT_HEIGHT - SLACK


CHART_BOTTOM = 194


@given(reports())
def test_everything_is_drawn_inside_the_plot(
    report: tuple[list[WeekRow], date, date, dict[uuid.UUID, Limits]],
) -> None:
    rows, first_day, last_day, limits = report

    charts = build(rows, first_day, last_day, limits)

    shown = {series.vendor for series in charts.series}
    drawn = {
        (rule.kind, float(rule.title.split(": ")[1].split(" ")[0])) for rule in charts.hours.rules
    }
    charted = [limits[vendor_id(name)] for name in shown]
    assert drawn == {("target", limit.target_hours) for limit in charted} | {
        ("hard_limit", limit.hard_limit_hours) for limit in charted
    }
    for rule in charts.hours.rules:
        assert charts.hours.top - SLACK <= rule.y <= charts.hours.bottom + SLACK
    assert_labels_apart(charts.hours.rules)
    # Labels are left out only when there are more lines than fit one above the other.
    if (len(charts.hours.rules) - 1) * TEXT_HEIGHT <= CHART_BOTTOM - TEXT_HEIGHT:
        assert all(rule.label for rule in charts.hours.rules)
    for chart in (charts.hours, charts.within_target, charts.breaches):
        for tick in chart.x_ticks:
            assert chart.left <= tick.at <= chart.right
        for tick in chart.y_ticks:
            assert chart.top - SLACK <= tick.at <= chart.bottom + SLACK
    for chart in (charts.hours, charts.within_target):
        for line in chart.lines:
            for point in line.points:
                assert_inside(chart, point.x, point.y)
    for bar in charts.breaches.bars:
        assert bar.height > 0
        assert_inside(charts.breaches, bar.x, bar.y)
        assert_inside(charts.breaches, bar.x + bar.width, bar.y + bar.height)
    for week in stacks(charts.breaches.bars).values():
        assert week[0].y + week[0].height == pytest.approx(charts.breaches.bottom)
        for lower, upper in itertools.pairwise(week):
            assert upper.y + upper.height == pytest.approx(lower.y)
