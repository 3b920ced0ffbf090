"""Recency, frequency and monetary value (RFM) of a vendor's partners, as pure rules.

The figures, per partner of the vendor, as of an instant `now`:
- recency: whole days since the partner's last registration with the vendor (and, shown beside
  it, since its last win); none for a partner that never registered;
- frequency: its registrations with the vendor submitted in the last 365 days;
- monetary: the amount of its registrations with the vendor won (the instant their history
  records the move to won) in the last 365 days, in the report's currency.

Scores, 1 to 5, against the vendor's partners in the report (quintiles): a partner's score is
1 + floor(5 x w / n), where n is how many partners are scored and w how many of them did worse
(longer since, fewer, less; a partner that never registered is worse than any that did). The
best of ten partners scores 5, the worst 1, two partners to each score when all differ. The same
figure always gets the same score:
- frequency and monetary: ties share the lower score (w counts the partners strictly worse): a
  crowd with equally little business is not promoted by its size;
- recency: ties share the higher score (w counts the others not better), since a tie is the
  common case there (whole days, and a demo or a busy week registers many partners on one day):
  partners who all registered lately are all recent, and the most recent partner (or partners,
  tied) scores 5 however few the vendor has (one partner alone would otherwise be w = 0: 1). A
  partner that never registered scores 1.

The recency score is by the days since the last registration: activity, which moves before wins
do. Segments, by the recency score R and the sum of the frequency and monetary scores F + M
(2 to 10), the first rule that matches:

| segment          | rule                | reading                                            |
|------------------|---------------------|----------------------------------------------------|
| champions        | R >= 4, F + M >= 8  | recent, frequent, the most business                |
| loyal            | R >= 3, F + M >= 6  | steady business, registering lately                |
| promising        | R >= 4              | registering lately, little business yet            |
| needs_attention  | R = 3               | middling on every count                            |
| at_risk          | R <= 2, F + M >= 6  | did much business, gone quiet                      |
| hibernating      | R = 2               | little business, quiet                             |
| lost             | R = 1               | the longest quiet (or never registered)            |
"""

import enum
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

QUINTILES = 5
# "In 12 months": the year before `now`, whatever the calendar.
YEAR_DAYS = 365


class Segment(enum.StrEnum):
    champions = "champions"
    loyal = "loyal"
    promising = "promising"
    needs_attention = "needs_attention"
    at_risk = "at_risk"
    hibernating = "hibernating"
    lost = "lost"


def scores(values: Sequence[float | None]) -> list[int]:
    """Each value's quintile score among `values`, higher being better; None worst of all."""
    keys = [float("-inf") if value is None else value for value in values]
    ordered = sorted(keys)
    n = len(keys)
    # bisect_left: how many values are strictly below this one.
    return [1 + QUINTILES * bisect_left(ordered, key) // n for key in keys]


def recency_scores(days_since: Sequence[int | None]) -> list[int]:
    """Fewer days since is better; ties share the higher score, the most recent 5; never
    registered scores 1."""
    ordered = sorted(-days for days in days_since if days is not None)
    never = len(days_since) - len(ordered)
    n = len(days_since)
    latest = -ordered[-1] if ordered else None
    # never + bisect_right: the partners not better than this one, itself included.
    return [
        1
        if days is None
        else QUINTILES
        if days == latest
        else 1 + QUINTILES * (never + bisect_right(ordered, -days) - 1) // n
        for days in days_since
    ]


def segment(recency: int, frequency: int, monetary: int) -> Segment:
    """The segment of scores R, F and M (the rule in this module's docstring)."""
    business = frequency + monetary
    if recency >= 4 and business >= 8:
        return Segment.champions
    if recency >= 3 and business >= 6:
        return Segment.loyal
    if recency >= 4:
        return Segment.promising
    if recency == 3:
        return Segment.needs_attention
    if business >= 6:
        return Segment.at_risk
    if recency == 2:
        return Segment.hibernating
    return Segment.lost
