"""Issue #7, end to end: a `dealreg worker` killed (SIGKILL) in the middle of a payout batch
leaves nothing of it behind, and another worker, given the message back by Redis, builds the
payout once and whole."""

import asyncio
import contextlib
import os
import signal
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.incentives import payouts
from dealreg.incentives.models import Earning, Entry, Payout, PayoutItem, PayoutStatus
from dealreg.incentives.service import PlanIn, create_plan
from dealreg.incentives.terms import Milestone, Pay
from dealreg.orgs.models import Role
from dealreg.outbox.models import JobRun, OutboxMessage
from dealreg.registrations.models import Deal, Registration, RegistrationStatus, SalesStage
from tests.factories import Factory
from tests.servers import PrivateRedis

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DEALREG_TEST_REDIS_URL"), reason="DEALREG_TEST_REDIS_URL is not set"
    ),
    pytest.mark.slow,
]

PERIOD_START, PERIOD_END = date(2025, 3, 1), date(2025, 3, 31)
PERIOD_OPENS = datetime.combine(PERIOD_START, clock(), UTC)
PERIOD_CLOSES = datetime.combine(PERIOD_END + timedelta(days=1), clock(), UTC)
REGISTRATIONS = 300
FEE = 1_000  # cents, each milestone
PAID_IN_PERIOD = (Milestone.registration, Milestone.proposal)

T = TypeVar("T")


async def eventually(check: Callable[[], Awaitable[T | None]], *, seconds: float = 30) -> T:
    """The first truthy value `check` gives within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached in {seconds} s")
        await asyncio.sleep(0.1)


@pytest.fixture
async def spawn_worker(
    scratch_url: str,
    private_redis: PrivateRedis,
    tmp_path: Path,
) -> AsyncIterator[Callable[[], Awaitable[asyncio.subprocess.Process]]]:
    """Starts `dealreg worker` processes on the test's database and Redis, each in a process
    group of its own; whatever is still running at the end is killed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEALREG_")} | {
        "DEALREG_DATABASE_URL": scratch_url,
        "DEALREG_REDIS_URL": private_redis.url,
        "DEALREG_DATA_DIR": str(tmp_path),
        # A worker silent for 2 s is dead, and every broker command looks for dead workers: the
        # killed worker's message is back on the queue in seconds, not Dramatiq's minute.
        "DEALREG_BROKER_HEARTBEAT_TIMEOUT_MS": "2000",
        "DEALREG_BROKER_MAINTENANCE_CHANCE": "1000000",
    }
    started: list[asyncio.subprocess.Process] = []

    async def spawn() -> asyncio.subprocess.Process:
        # No scheduler: the payout's message is the only one in flight. The worker's log goes to
        # the test's captured output, shown when the test fails.
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "dealreg.cli",
            "worker",
            "--no-scheduler",
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield spawn
    for process in started:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()


def _earning(registration: dict[str, Any], milestone: Milestone, at: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "registration_id": registration["id"],
        "plan_id": registration["incentive_plan_id"],
        "rep_id": registration["rep_id"],
        "partner_id": registration["partner_id"],
        "vendor_id": registration["vendor_id"],
        "milestone": milestone,
        "entry": Entry.earning,
        "amount": FEE,
        "currency": "USD",
        "earned_at": at,
    }


async def _seed(committed: Factory) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A vendor's won registrations, each with two earnings in the period and some with a third
    just outside it, and a `building` payout of the period, committed. Returns the payout and
    the earnings it must take."""
    db = committed.db
    vendor, partner = await committed.vendor(), await committed.partner()
    admin = committed.principal(await committed.user(vendor, Role.vendor_admin), vendor)
    rep = await committed.user(partner, Role.partner_rep)
    program = await committed.program(vendor)
    plan = await create_plan(
        db,
        admin,
        program.id,
        PlanIn(
            margin_rate_bp=1_000,
            pays=[Pay(milestone=m, fixed=FEE) for m in (*PAID_IN_PERIOD, Milestone.negotiation)],
        ),
    )
    deals, registrations, earnings = [], [], []
    for i in range(REGISTRATIONS):
        deal = {
            "id": uuid.uuid4(),
            "partner_id": partner.id,
            "rep_id": rep.id,
            "submitted_by": rep.id,
            "customer": {"legal_name": f"Customer {i}", "country": "US"},
            "contact": {"name": f"Buyer {i}", "email": f"buyer{i}@example.com"},
            "title": f"Opportunity {i}",
            "description": "",
            "expected_close_date": PERIOD_END,
            "currency": "USD",
            "competitors": [],
        }
        registration = {
            "id": uuid.uuid4(),
            "number": f"CRASH-{i:05d}",
            "deal_id": deal["id"],
            "vendor_id": vendor.id,
            "program_id": program.id,
            "partner_id": partner.id,
            "rep_id": rep.id,
            "incentive_plan_id": plan.id,
            "status": RegistrationStatus.won,
            "stage": SalesStage.closed_won,
            "amount": 100_000,
            "currency": "USD",
            "customer_name": f"Customer {i}",
            "title": f"Opportunity {i}",
            "expected_close_date": PERIOD_END,
            "customer_name_key": f"customer {i}|US",
            "answers": {},
            "decided_at": PERIOD_OPENS,
            "approved_at": PERIOD_OPENS,
            "expires_at": PERIOD_OPENS + timedelta(days=92),
        }
        deals.append(deal)
        registrations.append(registration)
        earned_at = PERIOD_OPENS + timedelta(hours=i)
        earnings += [_earning(registration, m, earned_at) for m in PAID_IN_PERIOD]
        if i % 10 == 0:
            # A microsecond before the period, or its first instant after: not this payout's.
            outside = PERIOD_CLOSES if i % 20 else PERIOD_OPENS - timedelta(microseconds=1)
            earnings.append(_earning(registration, Milestone.negotiation, outside))
    await db.execute(insert(Deal), deals)
    await db.execute(insert(Registration), registrations)
    await db.execute(insert(Earning), earnings)
    payout = await payouts.create(db, admin, vendor_id=None, start=PERIOD_START, end=PERIOD_END)
    await db.commit()
    owed = [e["id"] for e in earnings if PERIOD_OPENS <= e["earned_at"] < PERIOD_CLOSES]
    return payout.id, owed


async def _ledger(engine: AsyncEngine) -> list[tuple[Any, ...]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(Earning.id, Earning.registration_id, Earning.milestone, Earning.entry)
        )
        return sorted(tuple(row) for row in rows)


async def _payout(
    engine: AsyncEngine, payout_id: uuid.UUID
) -> tuple[PayoutStatus | None, list[uuid.UUID]]:
    async with engine.connect() as conn:
        status = await conn.scalar(select(Payout.status).where(Payout.id == payout_id))
        items = await conn.scalars(
            select(PayoutItem.earning_id).where(PayoutItem.payout_id == payout_id)
        )
        return status, sorted(items)


async def _batch_blocked_by(engine: AsyncEngine, holder_pid: int) -> int | None:
    """The backend whose batch INSERT waits on `holder_pid`'s lock, if one does yet."""
    async with engine.connect() as conn:
        pid: int | None = await conn.scalar(
            text(
                "SELECT pid FROM pg_stat_activity"
                " WHERE :holder = ANY(pg_blocking_pids(pid))"
                " AND query LIKE 'INSERT INTO payout_items%'"
            ),
            {"holder": holder_pid},
        )
        return pid


async def _sent(engine: AsyncEngine) -> bool:
    async with engine.connect() as conn:
        unsent = await conn.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
        )
        return unsent == 0


async def _gone(engine: AsyncEngine, pid: int) -> bool:
    async with engine.connect() as conn:
        return not await conn.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
        )


async def _runs(engine: AsyncEngine) -> list[tuple[Any, ...]]:
    async with engine.connect() as conn:
        return [tuple(row) for row in await conn.execute(select(JobRun.message_id, JobRun.job))]


async def _ready(engine: AsyncEngine, payout_id: uuid.UUID) -> bool:
    status, _ = await _payout(engine, payout_id)
    return status is PayoutStatus.ready


async def test_a_payout_batch_killed_half_way_is_built_once_and_whole_by_the_next_worker(
    committed: Factory,
    committing_engine: AsyncEngine,
    spawn_worker: Callable[[], Awaitable[asyncio.subprocess.Process]],
) -> None:
    """The worker is killed while its job's transaction holds the whole batch, written and not
    committed: the test's lock on one entry holds the job there, so the kill lands mid-batch
    every time, not by luck of timing."""
    payout_id, owed = await _seed(committed)
    ledger = await _ledger(committing_engine)
    async with committing_engine.connect() as conn:
        message_id = await conn.scalar(
            select(OutboxMessage.id).where(OutboxMessage.job == payouts.build_job.name)
        )

    async with committing_engine.connect() as holder:
        holder_pid: int = (await holder.execute(select(func.pg_backend_pid()))).scalar_one()
        # One owed entry locked: the batch's INSERT writes its rows, then waits on this one's
        # foreign-key check, its transaction open, until the worker is dead.
        await holder.execute(
            select(Earning.id).where(Earning.id == owed[len(owed) // 2]).with_for_update()
        )
        first = await spawn_worker()
        job_pid = await eventually(lambda: _batch_blocked_by(committing_engine, holder_pid))
        # Relayed and marked sent: the message is now only in Redis, fetched by this worker.
        await eventually(lambda: _sent(committing_engine))
        os.killpg(first.pid, signal.SIGKILL)
        assert await first.wait() == -signal.SIGKILL
        await holder.commit()

    # The orphaned backend finishes its statement, finds its client gone and rolls back.
    await eventually(lambda: _gone(committing_engine, job_pid))
    assert await _payout(committing_engine, payout_id) == (PayoutStatus.building, [])
    assert await _runs(committing_engine) == []

    await spawn_worker()
    await eventually(lambda: _ready(committing_engine, payout_id), seconds=60)
    assert await _payout(committing_engine, payout_id) == (PayoutStatus.ready, sorted(owed))
    assert await _ledger(committing_engine) == ledger
    assert await _runs(committing_engine) == [(message_id, payouts.build_job.name)]
