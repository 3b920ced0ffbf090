"""The lead report rollups (leads/rollups.py): after any sequence of changes to leads and folds,
the cells folded equal the cells rebuilt from the leads; a report over more than a quarter
across every vendor reads them (pending changes added, edges exact) and has the exact report's
rows and counts, its medians within the stated error; a quarter or less, or one vendor's
report, stays exact.

The leads are created over HTTP; their fields are then set in SQL (forwarded in any month, any
status, times, campaign and rep), as any writer may: the trigger keeps the rollups whoever
writes.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import make_sessionmaker
from dealreg.leads import rollups
from dealreg.leads.models import (
    Lead,
    LeadRejection,
    LeadRollup,
    LeadRollupBucket,
    LeadRollupChange,
    LeadStatus,
)
from dealreg.orgs.models import Role
from tests.api.test_leads import Scene, attempt, create
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.rollups import racing_folds_and_a_rebuild

REPORT = "/v1/reports/leads"
HOUR_US = 3_600_000_000
APPROXIMATE = {"approximate": True, "max_relative_error": 0.01, "max_error_minutes": 15.0}
MEDIANS = ("median_hours_to_accept", "median_hours_to_first_touch")
LEADS = 8
Json = dict[str, Any]
Headers = dict[str, str]
_ACCEPTED = {LeadStatus.accepted, LeadStatus.won, LeadStatus.lost, LeadStatus.no_decision}


@dataclass
class Pool:
    leads: list[uuid.UUID]
    reps: list[uuid.UUID | None]
    vendor_id: uuid.UUID
    ops: Headers
    vendor_admin: Headers


@pytest.fixture
async def pool(client: httpx.AsyncClient, factory: Factory) -> Pool:
    vendor = await vendor_setup(factory)
    a = await partner_setup(factory, vendor)
    b = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    leads = [
        uuid.UUID((await create(client, Scene(vendor, partner, admin)))["id"])
        for partner in (a, b)
        for _ in range(LEADS // 2)
    ]
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    return Pool(leads, [None, a.rep_id, b.rep_id], vendor.vendor.id, ops, admin)


@dataclass(frozen=True)
class State:
    """What a lead is set to: forwarded on a day of 2026, its status and the rest."""

    day: int
    status: LeadStatus
    reason: LeadRejection
    accept_hours: float
    touch_hours: float | None
    converted: bool
    overdue: bool
    campaign: str | None
    rep: int


states = st.builds(
    State,
    day=st.integers(min_value=0, max_value=300),
    status=st.sampled_from([s for s in LeadStatus if s is not LeadStatus.draft]),
    reason=st.sampled_from(list(LeadRejection)),
    accept_hours=st.floats(min_value=0, max_value=6),
    touch_hours=st.none() | st.floats(min_value=0, max_value=4),
    converted=st.booleans(),
    overdue=st.booleans(),
    campaign=st.sampled_from([None, "Spring", "Autumn"]),
    rep=st.integers(min_value=0, max_value=2),
)


async def set_lead(db: AsyncSession, pool: Pool, lead: int, state: State) -> None:
    forwarded = datetime(2026, 1, 1, 9, tzinfo=UTC) + timedelta(days=state.day)
    accepted = state.status in _ACCEPTED
    await db.execute(
        update(Lead)
        .where(Lead.id == pool.leads[lead])
        .values(
            forwarded_at=forwarded,
            status=state.status,
            reject_code=state.reason if state.status is LeadStatus.rejected else None,
            accepted_at=forwarded + timedelta(hours=1) if accepted else None,
            accept_business_us=int(state.accept_hours * HOUR_US) if accepted else None,
            first_touch_business_us=(
                int(state.touch_hours * HOUR_US)
                if accepted and state.touch_hours is not None
                else None
            ),
            converted_at=forwarded + timedelta(days=1) if accepted and state.converted else None,
            first_touch_overdue=state.overdue,
            campaign=state.campaign,
            rep_id=pool.reps[state.rep],
        )
    )


async def cells(db: AsyncSession) -> tuple[set[Any], set[Any]]:
    """Every cell's counters and every (cell, kind, bucket)'s count, those of nothing left out."""
    key = [LeadRollup.slice, LeadRollup.month, LeadRollup.partner_id, LeadRollup.campaign]
    counters = [getattr(LeadRollup, name) for name in rollups.COUNTERS]
    counted = {
        tuple(row)
        for row in await db.execute(select(*key, LeadRollup.rep_id, *counters))
        if any(row[5:])
    }
    b = LeadRollupBucket
    bucketed = {
        tuple(row)
        for row in await db.execute(
            select(b.slice, b.month, b.partner_id, b.campaign, b.rep_id, b.kind, b.bucket, b.n)
        )
        if row[-1]
    }
    return counted, bucketed


async def get_report(client: httpx.AsyncClient, headers: Headers, **params: Any) -> Json:
    response = await client.get(REPORT, params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: Json = response.json()
    return body


def within_stated_error(long: float | None, exact: float | None) -> bool:
    """Both rounded to hundredths of an hour, hence the 0.01 beside the stated bound."""
    if exact is None or long is None:
        return long is exact
    return abs(long - exact) <= max(0.01 * exact, 0.25) + 0.01


def assert_same_but_medians(approximate: list[Json], exact: list[Json]) -> None:
    assert [r["label"] for r in approximate] == [r["label"] for r in exact]
    for got, want in zip(approximate, exact, strict=True):
        assert {k: v for k, v in got.items() if k not in MEDIANS} == {
            k: v for k, v in want.items() if k not in MEDIANS
        }
        for name in MEDIANS:
            assert within_stated_error(got[name], want[name]), (name, got[name], want[name])


# Over more than a quarter: with edges in January and September, and whole months only.
LONG = [("2026-01-10", "2026-09-20"), ("2026-02-01", "2026-08-31")]


@settings(
    max_examples=20,
    deadline=None,
    # The pool of leads is shared by the examples: each sets them anew.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(st.integers(min_value=0, max_value=LEADS - 1), states) | st.just("fold"),
        max_size=12,
    ),
    span=st.sampled_from(LONG),
)
async def test_after_any_changes_reports_over_a_long_range_match_the_exact_ones_and_the_rebuild(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pool: Pool,
    steps: list[Any],
    span: tuple[str, str],
) -> None:
    for step in steps:
        if step == "fold":
            await rollups.fold(db)
        else:
            await set_lead(db, pool, *step)
    dates = {"from": span[0], "to": span[1]}

    for group_by in ("partner", "campaign", "rep"):
        # Across every vendor (the rollups, pending changes added) and for the one vendor
        # whose leads these are (exact): the same leads.
        long = await get_report(client, pool.ops, group_by=group_by, **dates)
        exact = await get_report(
            client, pool.ops, group_by=group_by, vendor_id=str(pool.vendor_id), **dates
        )
        assert long["percentile_error"] == APPROXIMATE
        assert "percentile_error" not in exact
        assert_same_but_medians(long["rows"], exact["rows"])

    await rollups.fold(db)
    kept = await cells(db)
    await rollups.rebuild(db)
    assert await cells(db) == kept, steps
    assert await db.scalar(select(func.count()).select_from(LeadRollupChange)) == 0
    forwarded = await db.scalar(select(func.count()).where(Lead.forwarded_at.is_not(None)))
    slices = await db.execute(
        select(LeadRollup.slice, func.sum(LeadRollup.forwarded)).group_by(LeadRollup.slice)
    )
    assert {row[0]: row[1] for row in slices} == {0: forwarded, 1: forwarded, 2: forwarded}


@given(lead_states=st.lists(states, min_size=LEADS, max_size=LEADS))
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
async def test_a_quarter_or_less_and_one_vendors_year_are_exact(
    client: httpx.AsyncClient, db: AsyncSession, pool: Pool, lead_states: list[State]
) -> None:
    for lead, state in enumerate(lead_states):
        await set_lead(db, pool, lead, state)
    quarter = {"from": "2026-03-01", "to": "2026-05-31"}  # 92 days

    for group_by in ("partner", "campaign", "rep"):
        across = await get_report(client, pool.ops, group_by=group_by, **quarter)
        one = await get_report(
            client, pool.ops, group_by=group_by, vendor_id=str(pool.vendor_id), **quarter
        )
        assert "percentile_error" not in across
        assert across["rows"] == one["rows"]
        year = await get_report(
            client,
            pool.vendor_admin,
            group_by=group_by,
            **{"from": "2026-01-01", "to": "2026-10-31"},
        )
        assert "percentile_error" not in year


async def test_a_fold_moves_every_pending_change_into_the_cells(
    db: AsyncSession, pool: Pool
) -> None:
    await rollups.fold(db)
    state = State(
        day=40,
        status=LeadStatus.won,
        reason=LeadRejection.other,
        accept_hours=2.5,
        touch_hours=1.0,
        converted=True,
        overdue=False,
        campaign="Spring",
        rep=1,
    )
    await set_lead(db, pool, 0, state)
    pending = await db.scalar(select(func.count()).select_from(LeadRollupChange))

    # The lead's old contribution taken back and its new one added.
    assert await rollups.fold(db) == pending == 2
    assert await db.scalar(select(func.count()).select_from(LeadRollupChange)) == 0
    february = await db.execute(
        select(LeadRollup.slice, LeadRollup.forwarded, LeadRollup.won, LeadRollup.converted).where(
            LeadRollup.month == date(2026, 2, 1)
        )
    )
    assert sorted(tuple(row) for row in february) == [(0, 1, 1, 1), (1, 1, 1, 1), (2, 1, 1, 1)]


async def test_answers_racing_folds_and_a_rebuild_are_each_counted_once(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """Each request commits: leads accepted and rejected race two folding loops and a rebuild,
    and the cells end equal to their rebuild from the leads."""
    vendor = await vendor_setup(committed)
    partner = await partner_setup(committed, vendor)
    admin = await committed.headers_for(vendor.vendor, Role.vendor_admin)
    await committed.db.commit()
    scene = Scene(vendor, partner, admin)
    rep = {"rep_id": str(partner.rep_id)}
    ids = [(await create(committing_client, scene, **rep))["id"] for _ in range(10)]
    moves = [
        *((i, "accept", {}) for i in ids[:6]),
        *((i, "reject", {"reason": "no_capacity"}) for i in ids[6:]),
    ]

    responses = await racing_folds_and_a_rebuild(
        committing_engine,
        rollups.fold,
        rollups.rebuild,
        [attempt(committing_client, partner.rep, i, action, body) for i, action, body in moves],
    )

    assert {r.status_code for r in responses} == {200}, responses
    async with make_sessionmaker(committing_engine)() as session:
        await rollups.fold(session)
        kept = await cells(session)
        await rollups.rebuild(session)
        assert await cells(session) == kept
        figures = await session.execute(
            select(
                func.sum(LeadRollup.forwarded),
                func.sum(LeadRollup.accepted),
                func.sum(LeadRollup.rejected_no_capacity),
            ).where(LeadRollup.slice == 0, LeadRollup.partner_id == partner.partner.id)
        )
        assert tuple(figures.one()) == (10, 6, 4)
