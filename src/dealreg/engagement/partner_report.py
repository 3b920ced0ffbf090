"""The partner report: per partner of a vendor, its engagement score, its RFM figures, scores and
segment (rfm.py says how), and its open call tasks. The vendor's alone: a vendor's staff see its
partners; the platform names the vendor; a partner sees nothing of it (nor of its score).

Every partner of the vendor is scored (quintiles are against all of them); the filters then
choose which rows are shown."""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any, Literal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import report_repository as repository
from dealreg.engagement import rfm
from dealreg.engagement.coverage import SizeSegment, band_of, coverage_of
from dealreg.engagement.policy import rubric_of
from dealreg.engagement.rfm import Segment
from dealreg.errors import InvalidInput, NotFound, field_error
from dealreg.orgs import repository as orgs_repository
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


# gc=False: a report makes one per partner, tens of thousands, and the garbage collections
# they set off traversed every one (half the partner report's Python time at 20,000 partners);
# a row holds no reference cycle.
class PartnerRow(msgspec.Struct, kw_only=True, gc=False):
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


@dataclass(frozen=True)
class Before:
    """What graduation.py compares the partners with, per partner: its R + F + M as of `now -
    lookback` (scored against the vendor's partners then), and its engagement score one decay
    window before `now`."""

    rfm: dict[uuid.UUID, int]
    engagement: dict[uuid.UUID, int]


@dataclass(frozen=True)
class Scored:
    """The vendor's partners scored as of `now`, in `currency`; with a lookback, `before`."""

    currency: str | None
    rows: list[PartnerRow]
    before: Before | None = None


def _rfm_scores(
    now: datetime,
    last_registered: Sequence[datetime | None],
    frequency: Sequence[int],
    monetary: Sequence[int],
) -> tuple[list[int | None], list[int], list[int], list[int]]:
    """The days since each partner's last registration, and its R, F and M scores."""
    recency_days = [_days(now, at) for at in last_registered]
    return (
        recency_days,
        rfm.recency_scores(recency_days),
        rfm.scores(frequency),
        rfm.scores(monetary),
    )


async def partner_rows(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    currency: str | None,
    now: datetime | None = None,
    lookback: timedelta | None = None,
) -> Scored:
    """Every partner of the vendor, scored; and the currency its monetary figures are in (the
    one asked for, else the vendor's oldest active program's). With `lookback`, also `before`,
    what graduation.py compares them with: every figure of both instants is read by one
    statement (report_repository.py)."""
    now = now or datetime.now(UTC)
    currency = currency or await repository.main_currency(session, vendor_id)
    instants = [now] if lookback is None else [now, now - lookback]
    rubric = await rubric_of(session, vendor_id)
    window = timedelta(days=rubric.decay_days)
    positions, ships = await repository.partner_figures(
        session,
        vendor_id,
        instants=instants,
        year=timedelta(days=rfm.YEAR_DAYS),
        currency=currency,
        ends=[now] if lookback is None else [now, now - window],
        window=window,
    )
    coverage = await coverage_of(session, vendor_id)

    def columns(*names: str) -> Callable[[Any], tuple[Any, ...]]:
        # By position, each row's columns at once: by name on each row was a large share of
        # the report's Python time at 20,000 partners.
        return itemgetter(*(positions[name] for name in names))

    def figures_at(i: int) -> tuple[list[datetime | None], list[int], list[int]]:
        last_registered, frequency, monetary = [], [], []
        figure = columns(
            f"last_registration_{i}",
            "last_registration_before",
            f"registrations_{i}",
            f"won_amount_{i}",
        )
        for at, before, count, amount in map(figure, ships):
            last_registered.append(at if at is not None else before)
            frequency.append(count)
            monetary.append(int(amount))
        return last_registered, frequency, monetary

    last_registered, frequency, monetary = figures_at(0)
    recency_days, r_scores, f_scores, m_scores = _rfm_scores(
        now, last_registered, frequency, monetary
    )
    partner = columns(
        "partner_id",
        "partner_name",
        "partnership_id",
        "partnership_version",
        "tier",
        "status",
        "owner_id",
        "employees",
        "annual_revenue_band",
        "last_win_0",
        "last_win_before",
        "engagement_0",
        "open_call_tasks",
    )
    # Few distinct sizes among many partners: each segment decided once.
    sizes: dict[tuple[int | None, str | None], SizeSegment] = {}
    rows = []
    for i, (
        partner_id,
        name,
        partnership_id,
        partnership_version,
        tier,
        status,
        owner_id,
        employees,
        band,
        last_win,
        last_win_before,
        engagement,
        open_call_tasks,
    ) in enumerate(map(partner, ships)):
        size = (employees, band)
        if size not in sizes:
            sizes[size] = coverage.segment_of(employees, band_of(band))
        if last_win is None:
            last_win = last_win_before
        rows.append(
            PartnerRow(
                partner_id=partner_id,
                partner_name=name,
                partnership_id=partnership_id,
                partnership_version=partnership_version,
                tier=tier,
                status=status,
                size_segment=sizes[size],
                owner_id=owner_id,
                engagement_score=engagement,
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
                open_call_tasks=open_call_tasks,
            )
        )
    if lookback is None:
        return Scored(currency, rows)
    _, r_before, f_before, m_before = _rfm_scores(instants[1], *figures_at(1))
    return Scored(
        currency,
        rows,
        Before(
            rfm={
                row.partner_id: r_before[i] + f_before[i] + m_before[i]
                for i, row in enumerate(rows)
            },
            engagement=dict(map(columns("partner_id", "engagement_1"), ships)),
        ),
    )


async def owner_names(
    session: AsyncSession, vendor_id: uuid.UUID, rows: Sequence[PartnerRow]
) -> dict[uuid.UUID, str]:
    """The names of the rows' partnership owners: the vendor's own people."""
    return await orgs_repository.user_names(
        session, vendor_id, {row.owner_id for row in rows if row.owner_id is not None}
    )


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
