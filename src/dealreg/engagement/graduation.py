"""Graduation candidates: the few long-tail partners worth moving up a tier, found where their
attention to the vendor's marketing and their business with it rise together.

A partner is a candidate when all of these hold:
- its partnership is active and in a lower tier (`community` or `registered`);
- its engagement rises: its score now (the points of the last decay window) is above its score
  one window earlier (the points of the window before);
- its RFM rises: its R + F + M now is above its R + F + M a quarter (91 days) earlier, each
  scored against the vendor's partners as of then (rfm.py; registrations and wins after then
  not yet counted).
Candidates are listed by R + F + M now, then engagement score, both highest first. Promoting one
is one call: PATCH its partnership (`partnership_id`) with the new tier and `If-Match:
"<partnership_version>"`."""

import uuid
from datetime import UTC, datetime, timedelta

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.partner_report import PartnerRow, Scored, partner_rows
from dealreg.orgs.models import PartnershipStatus, Tier

LOWER_TIERS = frozenset({Tier.community, Tier.registered})
# A quarter back: long enough for a partner's business to move, short enough to be news.
LOOKBACK = timedelta(days=91)


class GraduationCandidate(PartnerRow, kw_only=True):
    # The engagement score one decay window earlier.
    engagement_score_before: int
    # R + F + M now, and a quarter earlier.
    rfm_score: int
    rfm_score_before: int


def _rfm(row: PartnerRow) -> int:
    return row.recency_score + row.frequency_score + row.monetary_score


async def candidates(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    now: datetime | None = None,
    scored: Scored | None = None,
) -> list[GraduationCandidate]:
    """`scored`: the vendor's partners as partner_rows scored them as of `now` with this
    module's LOOKBACK, when the caller has them already."""
    now = now or datetime.now(UTC)
    if scored is None or scored.before is None:
        scored = await partner_rows(session, vendor_id, currency=None, now=now, lookback=LOOKBACK)
    before = scored.before
    assert before is not None  # noqa: S101 - asked with a lookback
    found = [
        GraduationCandidate(
            **msgspec.structs.asdict(row),
            engagement_score_before=before.engagement.get(row.partner_id, 0),
            rfm_score=_rfm(row),
            rfm_score_before=before.rfm[row.partner_id],
        )
        for row in scored.rows
        if row.tier in LOWER_TIERS and row.status is PartnershipStatus.active
    ]
    rising = [
        c
        for c in found
        if c.engagement_score > c.engagement_score_before and c.rfm_score > c.rfm_score_before
    ]
    rising.sort(key=lambda c: (c.partner_name.casefold(), c.partner_id))
    return sorted(rising, key=lambda c: (c.rfm_score, c.engagement_score), reverse=True)
