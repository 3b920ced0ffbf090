"""The score and its threshold, as pure rules.

A partner's score, as of an instant, is the sum of the points of its engagements that happened
in the decay window ending then: after `now - window`, up to `now`. An engagement older than the
window counts nothing; one dated after `now` counts from when it happened.

A crossing is the score reaching the threshold from below. Each post of engagements looks at the
score before its own engagements and after them, both as of the same instant: a partner above
the threshold whose points decayed below it is re-armed by the score before (so a post that
lifts it back above is a new crossing), and a post lifting an armed partner to the threshold is
the crossing. Posts of one vendor and partner take turns (the standing's row lock), so every
crossing is seen by exactly one post."""

from collections.abc import Iterable
from datetime import datetime, timedelta


def points_within(
    engagements: Iterable[tuple[datetime, int]], now: datetime, window: timedelta
) -> int:
    """The score of `(occurred_at, points)` engagements as of `now`."""
    return sum(points for at, points in engagements if now - window < at <= now)


def step(above: bool, before: int, after: int, threshold: int) -> tuple[bool, bool]:
    """Whether the partner stands above the threshold after a post, and whether the post
    crossed it, given where it stood and its score before and after the post's engagements."""
    if before < threshold:
        above = False
    crossed = not above and after >= threshold
    return above or crossed, crossed
