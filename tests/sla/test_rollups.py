"""The SLA report rollups (sla/rollups.py) never drift from the clocks: after any sequence of
submissions, assignments, questions and answers, decisions, withdrawals, breaches and folds, the
cells with their pending changes equal the cells rebuilt from the clocks; the SQL histogram
bucket is the Python one."""

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text, union_all
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg import histogram
from dealreg.db import make_sessionmaker
from dealreg.histogram import MINUTE_US
from dealreg.sla import rollups
from dealreg.sla.models import (
    SlaClock,
    SlaPartnerRollup,
    SlaPartnerRollupBucket,
    SlaRollup,
    SlaRollupBucket,
    SlaRollupChange,
)
from tests.clocks import attempt, register, sweep
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.rollups import racing_folds_and_a_rebuild
from tests.sla.test_report_copies import ACTIONS, QUESTION, REPLY, Scene, scene_of

# Every threshold of a clock started now is due by then: a sweep at it breaches what runs.
LONG_AFTER = datetime(2035, 1, 1, tzinfo=UTC)
_CELL = ("week", "vendor_id", "program_id", "approver_id", "decided_by_id")


async def cells(db: AsyncSession) -> tuple[dict[Any, Any], ...]:
    """Each cell's counts and each (cell, kind, bucket)'s count, pending changes added; cells
    and buckets that add up to nothing left out."""
    await db.flush()
    change = SlaRollupChange

    def keys(table: Any) -> list[Any]:
        return [getattr(table, name) for name in _CELL]

    def flag(condition: Any) -> Any:
        return func.cast(condition, type_=SlaRollup.clocks.type) * change.sign

    counted = union_all(
        select(
            *keys(SlaRollup),
            SlaRollup.decided,
            SlaRollup.clocks,
            SlaRollup.within_target,
            SlaRollup.breached,
            SlaRollup.open_at_risk,
        ),
        select(
            *keys(change),
            change.decided,
            change.sign,
            flag(change.within_target),
            flag(change.breached),
            flag(change.open_at_risk),
        ),
    ).subquery()
    group = [counted.c[name] for name in (*_CELL, "decided")]
    sums = [
        func.sum(counted.c[name])
        for name in ("clocks", "within_target", "breached", "open_at_risk")
    ]
    count_rows = await db.execute(select(*group, *sums).group_by(*group))
    bucketed = union_all(
        select(
            *keys(SlaRollupBucket), SlaRollupBucket.kind, SlaRollupBucket.bucket, SlaRollupBucket.n
        ),
        select(
            *keys(change),
            func.cast(0, SlaRollupBucket.kind.type),
            change.business_bucket,
            change.sign,
        ).where(change.business_bucket.is_not(None)),
        select(
            *keys(change), func.cast(1, SlaRollupBucket.kind.type), change.wall_bucket, change.sign
        ).where(change.wall_bucket.is_not(None)),
    ).subquery()
    bucket_group = [bucketed.c[name] for name in (*_CELL, "kind", "bucket")]
    bucket_rows = await db.execute(
        select(*bucket_group, func.sum(bucketed.c.n)).group_by(*bucket_group)
    )
    partners = await partner_cells(db)
    return (
        {tuple(row[:6]): tuple(row[6:]) for row in count_rows if any(row[6:])},
        {tuple(row[:7]): row[7] for row in bucket_rows if row[7]},
        *partners,
    )


async def partner_cells(db: AsyncSession) -> tuple[dict[Any, tuple[int, ...]], dict[Any, int]]:
    """As `cells`, the partners' monthly cells."""
    change = SlaRollupChange

    def flag(condition: Any) -> Any:
        return func.cast(condition, type_=SlaPartnerRollup.clocks.type) * change.sign

    figures = ("clocks", "decided", "within_target", "breached", "open_at_risk")
    counted = union_all(
        select(
            SlaPartnerRollup.month,
            SlaPartnerRollup.partner_id,
            *(getattr(SlaPartnerRollup, name) for name in figures),
        ),
        select(
            change.month,
            change.partner_id,
            change.sign,
            *(flag(getattr(change, name)) for name in figures[1:]),
        ),
    ).subquery()
    count_rows = await db.execute(
        select(
            counted.c.month,
            counted.c.partner_id,
            *(func.sum(counted.c[name]) for name in figures),
        ).group_by(counted.c.month, counted.c.partner_id)
    )
    kind = SlaPartnerRollupBucket.kind.type
    bucketed = union_all(
        select(
            SlaPartnerRollupBucket.month,
            SlaPartnerRollupBucket.partner_id,
            SlaPartnerRollupBucket.kind,
            SlaPartnerRollupBucket.bucket,
            SlaPartnerRollupBucket.n,
        ),
        select(
            change.month, change.partner_id, func.cast(0, kind), change.business_bucket, change.sign
        ).where(change.business_bucket.is_not(None)),
        select(
            change.month, change.partner_id, func.cast(1, kind), change.wall_bucket, change.sign
        ).where(change.wall_bucket.is_not(None)),
    ).subquery()
    group = [bucketed.c[name] for name in ("month", "partner_id", "kind", "bucket")]
    bucket_rows = await db.execute(select(*group, func.sum(bucketed.c.n)).group_by(*group))
    return (
        {tuple(row[:2]): tuple(row[2:]) for row in count_rows if any(row[2:])},
        {tuple(row[:4]): row[4] for row in bucket_rows if row[4]},
    )


@pytest.fixture
async def scene(factory: Factory) -> Scene:
    return await scene_of(factory)


@settings(
    max_examples=25,
    deadline=None,
    # The scene is shared by the examples: each adds a registration of its own to it, and the
    # rollups of every clock in it must agree after every example.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(st.sampled_from([*ACTIONS, "sweep", "fold"]), max_size=7))
async def test_after_any_sequence_of_changes_the_rollups_equal_their_rebuild_from_the_clocks(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene, steps: list[str]
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    for step in steps:
        if step == "sweep":
            await sweep(db, LONG_AFTER)
        elif step == "fold":
            await rollups.fold(db)
        elif step in ("assign", "reassign"):
            body = {"approver_id": str(scene.approvers[step == "reassign"])}
            await attempt(client, scene.admin, registration_id, "assign", body)
        else:
            headers, body = {
                "request-info": (scene.vendor.approver, QUESTION),
                "resubmit": (scene.partner.rep, REPLY),
                "approve": (scene.vendor.approver, {}),
                "reject": (scene.vendor.approver, {"reason": "not_qualified"}),
                "withdraw": (scene.partner.rep, {}),
            }[step]
            await attempt(client, headers, registration_id, step, body)
    kept = await cells(db)

    await rollups.rebuild(db)

    assert await cells(db) == kept, steps
    assert await db.scalar(select(func.count()).select_from(SlaRollupChange)) == 0
    clocks = await db.scalar(select(func.count()).select_from(SlaClock))
    assert sum(counts[0] for counts in kept[0].values()) == clocks
    assert sum(counts[0] for counts in kept[2].values()) == clocks


async def test_a_fold_moves_every_pending_change_into_the_cells_and_changes_no_figure(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    registration_id = await register(client, scene.partner, scene.vendor)
    await attempt(client, scene.vendor.approver, registration_id, "approve", {})
    before = await cells(db)
    pending = await db.scalar(select(func.count()).select_from(SlaRollupChange))

    assert await rollups.fold(db) == pending > 0

    assert await cells(db) == before
    assert await db.scalar(select(func.count()).select_from(SlaRollupChange)) == 0


@given(
    us=st.one_of(
        st.integers(min_value=0, max_value=10 * 366 * 24 * 60 * MINUTE_US),
        st.sampled_from([0, 900_000_000, 89_999_999_999, 90_000_000_000, 90_900_000_000]),
    )
)
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
async def test_the_sql_bucket_is_the_python_one(db: AsyncSession, us: int) -> None:
    in_sql = await db.scalar(text("SELECT sla_bucket(CAST(:us AS double precision))"), {"us": us})

    assert in_sql == histogram.bucket(us)


async def test_decisions_racing_folds_and_a_rebuild_are_each_counted_once(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """Each request commits: decisions and withdrawals race two folding loops and a rebuild,
    and the cells end equal to their rebuild from the clocks."""
    setup = await vendor_setup(committed)
    partner = await partner_setup(committed, setup)
    await committed.db.commit()
    ids = [await register(committing_client, partner, setup) for _ in range(12)]
    moves = [
        *((setup.approver, i, "approve", {}) for i in ids[:6]),
        *((setup.approver, i, "reject", {"reason": "not_qualified"}) for i in ids[6:9]),
        *((partner.rep, i, "withdraw", {}) for i in ids[9:]),
    ]

    responses = await racing_folds_and_a_rebuild(
        committing_engine,
        rollups.fold,
        rollups.rebuild,
        [attempt(committing_client, who, i, action, body) for who, i, action, body in moves],
    )

    assert {r.status_code for r in responses} == {200}, responses
    async with make_sessionmaker(committing_engine)() as session:
        kept = await cells(session)
        await rollups.rebuild(session)
        assert await cells(session) == kept
    (counted,) = [
        figures for key, figures in kept[0].items() if key[1] == setup.vendor.id and key[5]
    ]
    assert counted[0] == 9, "decided: the approved and the rejected"
    assert sum(f[0] for k, f in kept[0].items() if k[1] == setup.vendor.id) == 12
