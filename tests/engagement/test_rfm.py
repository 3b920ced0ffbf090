"""RFM's rules on their own (engagement/rfm.py): quintile scores against hand-computed values,
ties (the lower score shared, but the higher for recency), partners that never registered, and
every segment of the documented table."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealreg.engagement.rfm import Segment, recency_scores, scores, segment


def test_ten_distinct_figures_score_two_partners_to_each_quintile() -> None:
    assert scores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]


def test_ties_share_the_lower_score_and_none_is_worst() -> None:
    # n = 6. The zeros have one worse (None): 1 + 5 * 1 // 6 = 1; the fives four: 1 + 20 // 6.
    assert scores([0, 0, 0, 5, 5, None]) == [1, 1, 1, 4, 4, 1]
    assert scores([7, 7, 7]) == [1, 1, 1]


def test_fewer_days_since_is_the_better_recency() -> None:
    # Days 2, 5, 20, 100, 500 and never: 5, 4, 3 worse... (the report test's data set).
    assert recency_scores([2, 5, 20, 100, 500, None]) == [5, 4, 3, 2, 1, 1]


def test_recency_ties_share_the_higher_score_and_never_registered_scores_1() -> None:
    # n = 6. Each of the three registered today has five others not better (the other two, the
    # five days, the two nevers): 1 + 5 * 5 // 6 = 5 (sharing the lower, 3 worse: 3). The five
    # days has two not better: 1 + 10 // 6 = 2. Never registered: 1, however many share it.
    assert recency_scores([0, 0, 0, 5, None, None]) == [5, 5, 5, 2, 1, 1]
    # A demo's partners, all registered today: all recent.
    assert recency_scores([0] * 5) == [5] * 5
    assert recency_scores([None, None]) == [1, 1]
    # However few the partners, the most recent is recent: one alone, or two tied.
    assert recency_scores([3]) == [5]
    assert recency_scores([0, 0]) == [5, 5]
    assert recency_scores([0, 40, None]) == [5, 2, 1]


@given(st.lists(st.one_of(st.none(), st.integers(0, 50)), min_size=1, max_size=40))
def test_recency_scores_are_1_to_5_and_never_rank_a_more_recent_partner_lower(
    days: list[int | None],
) -> None:
    scored = recency_scores(days)
    assert all(1 <= score <= 5 for score in scored)
    never = max(d for d in days if d is not None) + 1 if any(d is not None for d in days) else 0
    keyed = [(never if d is None else d, s) for d, s in zip(days, scored, strict=True)]
    for value, score in keyed:
        for other, other_score in keyed:
            if value < other:
                assert score >= other_score
            if value == other:
                assert score == other_score
    assert all(score == 1 for d, score in zip(days, scored, strict=True) if d is None)
    assert all(
        score == 5 for d, score in zip(days, scored, strict=True) if d == min(keyed)[0]
    ) or all(d is None for d in days)
    # Ties never score below what strictly-worse counting gives them.
    assert all(
        r >= s
        for r, s in zip(scored, scores([None if d is None else -d for d in days]), strict=True)
    )


@given(st.lists(st.one_of(st.none(), st.integers(0, 50)), min_size=1, max_size=40))
def test_scores_are_1_to_5_and_never_rank_a_better_figure_lower(
    values: list[int | None],
) -> None:
    scored = scores(values)
    assert all(1 <= score <= 5 for score in scored)
    keyed = [(-1 if v is None else v, s) for v, s in zip(values, scored, strict=True)]
    for value, score in keyed:
        for other, other_score in keyed:
            if value > other:
                assert score >= other_score
            if value == other:
                assert score == other_score


@pytest.mark.parametrize(
    ("r", "f", "m", "expected"),
    [
        (5, 5, 5, Segment.champions),
        (4, 4, 4, Segment.champions),
        (4, 5, 2, Segment.loyal),
        (3, 4, 4, Segment.loyal),
        (3, 3, 3, Segment.loyal),
        (5, 1, 1, Segment.promising),
        (4, 3, 2, Segment.promising),
        (3, 2, 3, Segment.needs_attention),
        (3, 1, 1, Segment.needs_attention),
        (2, 5, 5, Segment.at_risk),
        (1, 3, 3, Segment.at_risk),
        (2, 2, 3, Segment.hibernating),
        (2, 1, 1, Segment.hibernating),
        (1, 2, 3, Segment.lost),
        (1, 1, 1, Segment.lost),
    ],
)
def test_each_segment_is_the_first_rule_that_matches(
    r: int, f: int, m: int, expected: Segment
) -> None:
    assert segment(r, f, m) is expected


def test_every_score_triple_has_a_segment_and_every_segment_is_reached() -> None:
    reached = {segment(r, f, m) for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}
    assert reached == set(Segment)
