"""A log-scale histogram of durations whose percentiles are within a stated error of the exact
ones (`percentile_cont` over the same values): at most 1 % of the exact figure or 15 minutes,
whichever is larger (the product's bound for reports over more than a quarter, issue #22).

Buckets: 15 minutes wide below 1,500 minutes (where 1 % is 15 minutes), then each 1 % wider
than the last. A value is read as its bucket's midpoint, at most 7.5 minutes or 0.5 % from it:
half the bound, because a percentile interpolates between two neighbouring values (rank
q x (n - 1), as percentile_cont does) that may lie in different buckets. With f the fraction
between them, v_lo <= p <= v_hi and p = (1 - f) v_lo + f v_hi, the error is at most
(1 - f) e(v_lo) + f e(v_hi) <= 0.5 % x p + 7.5 minutes <= max(1 % x p, 15 minutes), since
f x v_hi <= p and (1 - f) x v_lo <= p. The SQL twin of `bucket` is migration 0032's
`sla_bucket(us)`: the rollups (the SLA reports' and the lead reports') store bucket numbers,
this module reads them back.
"""

import math
from collections.abc import Iterable, Sequence

MINUTE_US = 60_000_000
# The stated bound: a percentile from a histogram is within the larger of these of the exact one.
MAX_RELATIVE_ERROR = 0.01
MAX_ABSOLUTE_MINUTES = 15.0
# In microseconds, as sla_bucket computes them (the same float operations, the same buckets).
_WIDTH_US = 900_000_000.0  # 15 minutes
_LINEAR_BUCKETS = 100
_LOG_START_US = 90_000_000_000.0  # 1,500 minutes
_GROWTH = 1.01


def bucket(us: float) -> int:
    """The bucket of a duration in microseconds (negative ones, which a clock never counts, in
    the first): Python's twin of the SQL function sla_bucket."""
    if us < _LOG_START_US:
        return int(max(us, 0.0) // _WIDTH_US)
    return _LINEAR_BUCKETS + math.floor(math.log(us / _LOG_START_US) / math.log(_GROWTH))


def midpoint_us(index: int) -> float:
    """The value a bucket's durations are read as, in microseconds."""
    if index < _LINEAR_BUCKETS:
        return (index + 0.5) * _WIDTH_US
    low = _LOG_START_US * _GROWTH ** (index - _LINEAR_BUCKETS)
    return low * (1 + _GROWTH) / 2


def bound_us(exact_us: float) -> float:
    """How far a histogram's percentile may be from `exact_us`, the exact one."""
    return max(MAX_RELATIVE_ERROR * exact_us, MAX_ABSOLUTE_MINUTES * MINUTE_US)


def percentiles(
    counts: Iterable[tuple[int, int]], fractions: Sequence[float]
) -> list[float] | None:
    """percentile_cont at each of `fractions` of the durations counted as (bucket, count), in
    microseconds; None when nothing is counted. Buckets may repeat (merged cells)."""
    merged: dict[int, int] = {}
    for index, count in counts:
        merged[index] = merged.get(index, 0) + count
    ordered = sorted((index, count) for index, count in merged.items() if count)
    total = sum(count for _, count in ordered)
    if not total:
        return None
    return [_at(ordered, fraction * (total - 1)) for fraction in fractions]


def _at(ordered: list[tuple[int, int]], rank: float) -> float:
    low = math.floor(rank)
    high = min(low + 1, sum(count for _, count in ordered) - 1)
    low_value, high_value = _nth(ordered, low), _nth(ordered, high)
    return low_value + (rank - low) * (high_value - low_value)


def _nth(ordered: list[tuple[int, int]], nth: int) -> float:
    """The midpoint of the bucket of the `nth` smallest value (0-based)."""
    seen = 0
    for index, count in ordered:
        seen += count
        if nth < seen:
            return midpoint_us(index)
    raise IndexError(nth)
