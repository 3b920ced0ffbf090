"""The histogram's percentiles are within the stated bound of the exact ones (percentile_cont
over the same durations): at most 1 % of the exact figure or 15 minutes, whichever is larger,
for any durations and any fraction, reports' median and 90th percentile included."""

import math

from hypothesis import example, given
from hypothesis import strategies as st

from dealreg import histogram
from dealreg.histogram import MINUTE_US

# Up to ten years of microseconds: a clock's business or wall-clock time to decision.
durations = st.integers(min_value=0, max_value=10 * 366 * 24 * 60 * MINUTE_US)
# Business time clusters around the targets: many equal or close values, and wide gaps.
clustered = st.one_of(
    durations,
    st.sampled_from([0, 2 * 60 * MINUTE_US, 16 * 60 * MINUTE_US, 1_500 * MINUTE_US]),
    st.integers(min_value=1_490 * MINUTE_US, max_value=1_510 * MINUTE_US),
)


def exact(values: list[int], fraction: float) -> float:
    """PostgreSQL's percentile_cont: linear between the values at ranks floor and ceil of
    fraction x (n - 1)."""
    ordered = sorted(values)
    rank = fraction * (len(ordered) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (rank - low) * (ordered[high] - ordered[low])


def within_bound(estimate: float, truth: float) -> bool:
    # A hair of float slack: bucket edges are computed with logarithms.
    return abs(estimate - truth) <= histogram.bound_us(truth) * (1 + 1e-9) + 1e-3


@given(
    values=st.lists(clustered, min_size=1, max_size=300),
    fraction=st.one_of(st.sampled_from([0.0, 0.5, 0.9, 1.0]), st.floats(0, 1)),
)
@example(values=[0, 100 * 60 * MINUTE_US * 24 * 365], fraction=0.01)
@example(values=[1_499 * MINUTE_US, 1_501 * MINUTE_US], fraction=0.5)
def test_a_histograms_percentile_is_within_the_stated_error_of_the_exact_one(
    values: list[int], fraction: float
) -> None:
    counts = [(histogram.bucket(value), 1) for value in values]

    estimate = histogram.percentiles(counts, [fraction])

    assert estimate is not None
    assert within_bound(estimate[0], exact(values, fraction)), (estimate, exact(values, fraction))


@given(values=st.lists(st.lists(clustered, max_size=40), min_size=1, max_size=8))
def test_merging_histograms_of_parts_is_the_histogram_of_the_whole(
    values: list[list[int]],
) -> None:
    """Rollups add counts of cells (weeks, groups) together: the order and split do not matter."""
    parts = [[(histogram.bucket(v), 1) for v in part] for part in values]
    whole = [(histogram.bucket(v), 1) for part in values for v in part]

    merged = histogram.percentiles([c for part in reversed(parts) for c in part], [0.5, 0.9])

    assert merged == histogram.percentiles(whole, [0.5, 0.9])


def test_nothing_counted_has_no_percentiles() -> None:
    assert histogram.percentiles([], [0.5]) is None
    assert histogram.percentiles([(3, 0)], [0.5]) is None


@given(durations)
def test_a_bucket_holds_its_values_within_half_the_bound_of_its_midpoint(value: int) -> None:
    midpoint = histogram.midpoint_us(histogram.bucket(value))

    assert abs(midpoint - value) <= histogram.bound_us(value) / 2 * (1 + 1e-9) + 1e-3
