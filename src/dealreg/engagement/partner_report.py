"""The partner report: per partner of a vendor, its engagement score, its RFM figures, scores and
segment (rfm.py says how), and its open call tasks. The vendor's alone: a vendor's staff see its
partners; the platform names the vendor; a partner sees nothing of it (nor of its score).

Every partner of the vendor is scored (quintiles are against all of them); the filters then
choose which rows are shown."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import report_repository as repository
from dealreg.engagement import rfm
from dealreg.engagement.coverage import SizeSegment, band_of, coverage_of
from dealreg.engagement.policy import rubric_of
from dealreg.engagement.rfm import Segment
from dealreg.errors import InvalidInput, NotFound, field_error
from dealreg.orgs.models import Organization, OrgKind, PartnershipStatus, Tier
from dealreg.orgs.principals import Principal

SortKey = Literal[
    "partner_name",
    "segment",
    "rfm",
    "days_since_registration",
    "registrations_12m",
    "won_amount_12m",
    "engagement_score",
]
SEGMENT_ORDER = {segment: i for i, segment in enumerate(Segment)}


class PartnerRow(msgspec.Struct, kw_only=True):
    partner_id: uuid.UUID
    partner_name: str
    # The partnership and its version (promote the partner: PATCH it with If-Match), its tier
    # and status.
    partnership_id: uuid.UUID
    partnership_version: int
    tier: Tier
    status: PartnershipStatus
    # The partner's size segment with the vendor (coverage.py), and the partnership's owner.
    size_segment: SizeSegment
    owner_id: uuid.UUID | None
    # Points within the vendor's decay window, as of the report.
    engagement_score: int
    last_registration_at: datetime | None
    days_since_registration: int | None
    last_win_at: datetime | None
    days_since_win: int | None
    # Registrations submitted, and won amount (minor units of the report's currency), in the
    # last 365 days.
    registrations_12m: int
    won_amount_12m: int
    # Quintile scores 1-5 against the vendor's partners, and the segment they make.
    recency_score: int
    frequency_score: int
    monetary_score: int
    segment: Segment
    open_call_tasks: int


@dataclass(frozen=True)
class Filters:
    segments: Sequence[Segment] = ()
    tiers: Sequence[Tier] = ()
    sizes: Sequence[SizeSegment] = ()
    owner_id: uuid.UUID | None = None


async def vendor_of(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID | None
) -> uuid.UUID:
    """A vendor's staff report on their vendor; the platform names one."""
    if actor.org_kind is OrgKind.vendor:
        if vendor_id not in (None, actor.organization_id):
            raise NotFound(f"No vendor {vendor_id} visible to you.")
        return actor.organization_id
    if actor.org_kind is OrgKind.partner:
        raise NotFound("A partner has no partner report.")
    if vendor_id is None:
        detail = "name the vendor whose partners to report on"
        raise InvalidInput(
            detail,
            errors=[
                field_error("required", parameter="vendor_id", location="query", detail=detail)
            ],
        )
    vendor = await session.get(Organization, vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")
    return vendor_id


def _days(now: datetime, at: datetime | None) -> int | None:
    return None if at is None else (now - at) // timedelta(days=1)


async def partner_rows(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    currency: str | None,
    now: datetime | None = None,
) -> tuple[str | None, list[PartnerRow]]:
    """Every partner of the vendor, scored; and the currency its monetary figures are in (the
    one asked for, else the vendor's oldest active program's)."""
    now = now or datetime.now(UTC)
    currency = currency or await repository.main_currency(session, vendor_id)
    since = now - timedelta(days=rfm.YEAR_DAYS)
    ships = await repository.partnerships(session, vendor_id)
    registered = {
        r.partner_id: r
        for r in await repository.registrations(session, vendor_id, since=since, now=now)
    }
    won = {
        r.partner_id: r
        for r in await repository.wins(session, vendor_id, since=since, now=now, currency=currency)
    }
    rubric = await rubric_of(session, vendor_id)
    engagement = await repository.engagement_scores(
        session, vendor_id, now=now, window=timedelta(days=rubric.decay_days)
    )
    tasks = await repository.open_tasks(session, vendor_id)
    coverage = await coverage_of(session, vendor_id)

    last_registered = [
        registered[s.partner_id].last_at if s.partner_id in registered else None for s in ships
    ]
    recency_days = [_days(now, at) for at in last_registered]
    frequency = [
        int(registered[s.partner_id].recent) if s.partner_id in registered else 0 for s in ships
    ]
    monetary = [int(won[s.partner_id].amount) if s.partner_id in won else 0 for s in ships]
    r_scores = rfm.recency_scores(recency_days)
    f_scores = rfm.scores(frequency)
    m_scores = rfm.scores(monetary)
    rows = []
    for i, ship in enumerate(ships):
        last_win = won[ship.partner_id].last_at if ship.partner_id in won else None
        rows.append(
            PartnerRow(
                partner_id=ship.partner_id,
                partner_name=ship.partner_name,
                partnership_id=ship.partnership_id,
                partnership_version=ship.partnership_version,
                tier=ship.tier,
                status=ship.status,
                size_segment=coverage.segment_of(ship.employees, band_of(ship.annual_revenue_band)),
                owner_id=ship.owner_id,
                engagement_score=engagement.get(ship.partner_id, 0),
                last_registration_at=last_registered[i],
                days_since_registration=recency_days[i],
                last_win_at=last_win,
                days_since_win=_days(now, last_win),
                registrations_12m=frequency[i],
                won_amount_12m=monetary[i],
                recency_score=r_scores[i],
                frequency_score=f_scores[i],
                monetary_score=m_scores[i],
                segment=rfm.segment(r_scores[i], f_scores[i], m_scores[i]),
                open_call_tasks=tasks.get(ship.partner_id, 0),
            )
        )
    return currency, rows


_KEYS: dict[str, Callable[[PartnerRow], Any]] = {
    "partner_name": lambda row: row.partner_name.casefold(),
    "segment": lambda row: SEGMENT_ORDER[row.segment],
    "rfm": lambda row: row.recency_score + row.frequency_score + row.monetary_score,
    "days_since_registration": lambda row: row.days_since_registration,
    "registrations_12m": lambda row: row.registrations_12m,
    "won_amount_12m": lambda row: row.won_amount_12m,
    "engagement_score": lambda row: row.engagement_score,
}


def chosen(rows: list[PartnerRow], filters: Filters, sort: str) -> list[PartnerRow]:
    """The rows the filters keep, by `sort` (a key, `-` first for descending; rows without the
    figure last, ties by name)."""
    kept = [
        row
        for row in rows
        if (not filters.segments or row.segment in filters.segments)
        and (not filters.tiers or row.tier in filters.tiers)
        and (not filters.sizes or row.size_segment in filters.sizes)
        and (filters.owner_id is None or row.owner_id == filters.owner_id)
    ]
    kept.sort(key=lambda row: (row.partner_name.casefold(), row.partner_id))
    descending = sort.startswith("-")
    key = _KEYS[sort.removeprefix("-")]
    known = [row for row in kept if key(row) is not None]
    # Stable, also reversed: equal figures stay in name order.
    return sorted(known, key=key, reverse=descending) + [row for row in kept if key(row) is None]
