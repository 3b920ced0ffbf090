"""Issue #25, scale-out: two `dealreg serve` and two `dealreg worker` processes on one PostgreSQL
database and one Redis, as the compose file runs them. Deals are submitted to both APIs at once,
the vendors' approvers race to approve each registration on both APIs, and the worker leading the
scheduler is SIGKILLed with every worker thread mid-job and decisions still arriving. Nothing may happen twice or not at all:
one decision per registration, one run per periodic slot and per outbox row, one registration
earning per approval, and no deadlock in any process."""

import asyncio
import contextlib
import inspect
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.config import Settings
from dealreg.events.models import Event
from dealreg.incentives.models import Earning, Entry
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import Role
from dealreg.outbox.models import JobRun, OutboxMessage, ScheduledRun
from dealreg.registrations.models import RegistrationHistory
from dealreg.worker.scheduler import LEADER_LOCK
from tests.deals import DEALS, REGISTRATIONS, deal_body, line, partner_setup, vendor_setup
from tests.factories import Factory
from tests.incentives.helpers import PAID, create_plan
from tests.problems import if_match
from tests.servers import PrivateRedis, free_port

pytestmark = pytest.mark.slow

DEALS_SUBMITTED = 24  # each names both vendors: two registrations a deal
APPROVALS_PER_REGISTRATION = 3  # racing, spread over both APIs
# Every wait is bounded; together they stay well under two minutes.
START_SECONDS = 40
# The new leader claims its first slot at the next minute (periodic sweeps run every minute),
# within a scheduler tick of it.
TAKEOVER_SECONDS = 75
DRAIN_SECONDS = 45
WORKER_THREADS = 4


@dataclass
class Node:
    """A `dealreg` process of the test's, its output in `log`."""

    name: str
    process: asyncio.subprocess.Process
    log: Path
    url: str = ""

    def printed(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
async def spawn(
    scratch_url: str,
    committing_engine: AsyncEngine,
    private_redis: PrivateRedis,
    settings: Settings,
    tmp_path: Path,
) -> AsyncIterator[Callable[..., Awaitable[Node]]]:
    """Starts `dealreg` processes on the test's migrated database and private Redis, with what a
    deployment shares: one data directory and one signing key (the suite's, so the factories'
    tokens are good on every node). Each runs in a process group of its own; what is still
    running at the end is killed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEALREG_")} | {
        "DEALREG_DATABASE_URL": scratch_url,
        "DEALREG_REDIS_URL": private_redis.url,
        "DEALREG_DATA_DIR": str(tmp_path / "data"),
        "DEALREG_JWT_SIGNING_KEY_FILE": str(settings.signing_key_path),
        "DEALREG_JWT_ISSUER": settings.jwt_issuer,
        "DEALREG_JWT_AUDIENCE": settings.jwt_audience,
        # A worker silent for 2 s is dead and every broker command looks for dead workers: what
        # the killed worker had fetched is back on the queue in seconds, not Dramatiq's minute.
        "DEALREG_BROKER_HEARTBEAT_TIMEOUT_MS": "2000",
        "DEALREG_BROKER_MAINTENANCE_CHANCE": "1000000",
        "DEALREG_WORKER_THREADS": str(WORKER_THREADS),
    }
    started: list[Node] = []

    async def start(name: str, *args: str) -> Node:
        log = tmp_path / f"{name}.log"
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "dealreg.cli",
                *args,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )
        node = Node(name, process, log)
        started.append(node)
        return node

    yield start
    for node in started:
        if node.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(node.process.pid, signal.SIGKILL)
            await node.process.wait()


async def serve(spawn: Callable[..., Awaitable[Node]], name: str) -> Node:
    port = free_port()
    node = await spawn(name, "serve", "--port", str(port))
    node.url = f"http://127.0.0.1:{port}"
    return node


async def ready(node: Node, client: httpx.AsyncClient, deadline: float) -> None:
    while True:
        with contextlib.suppress(httpx.TransportError):
            if (await client.get(f"{node.url}/ready")).status_code == 200:
                return
        assert node.process.returncode is None, node.printed()
        assert time.monotonic() < deadline, f"{node.name} not ready in time:\n{node.printed()}"
        await asyncio.sleep(0.2)


async def until(check: Callable[[], Any], seconds: float, what: str) -> Any:
    """The first truthy value of `check` (a function or a coroutine function) within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not in {seconds} s")
        await asyncio.sleep(0.2)


async def leader_backends(engine: AsyncEngine) -> list[int]:
    """The backends holding the scheduler's advisory lock (a bigint key: its halves) on the
    test's database (advisory locks are per database; other tests' schedulers hold theirs)."""
    async with engine.connect() as conn:
        rows = await conn.scalars(
            text(
                "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                " WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted"
                " AND l.classid = :high AND l.objid = :low AND l.objsubid = 1"
            ),
            {"high": LEADER_LOCK >> 32, "low": LEADER_LOCK & 0xFFFFFFFF},
        )
        return list(rows)


def leading(workers: list[Node]) -> list[Node]:
    return [w for w in workers if "scheduler leads" in w.printed()]


@dataclass
class Outcome:
    """What the database holds, read in one snapshot: a run recorded commits with its row's
    `done_at`, and a claimed slot with its outbox row, so the counts agree with each other."""

    pending: int
    outbox: list[tuple[Any, ...]]
    runs: list[tuple[Any, ...]]
    slots: list[tuple[Any, ...]]
    approvals: Counter[Any]
    approved_events: Counter[Any]
    earnings: list[tuple[Any, ...]]


async def outcome(engine: AsyncEngine) -> Outcome:
    async with engine.execution_options(isolation_level="REPEATABLE READ").begin() as conn:
        pending = await conn.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.done_at.is_(None))
        )
        outbox = [tuple(r) for r in await conn.execute(select(OutboxMessage.id, OutboxMessage.job))]
        runs = [tuple(r) for r in await conn.execute(select(JobRun.message_id, JobRun.job))]
        slots = [tuple(r) for r in await conn.execute(select(ScheduledRun.job, ScheduledRun.slot))]
        approvals = Counter(
            await conn.scalars(
                select(RegistrationHistory.registration_id).where(
                    RegistrationHistory.action == "approved"
                )
            )
        )
        approved_events = Counter(
            await conn.scalars(
                select(Event.subject_id).where(Event.type == "registration.approved")
            )
        )
        earnings = [
            tuple(r)
            for r in await conn.execute(
                select(Earning.registration_id, Earning.milestone, Earning.entry, Earning.amount)
            )
        ]
    return Outcome(int(pending or 0), outbox, runs, slots, approvals, approved_events, earnings)


async def jobs_waiting_on(engine: AsyncEngine, holder_pid: int, threads: int) -> bool:
    """Whether `threads` jobs wait on the lock of the backend `holder_pid`: each worker thread
    runs one job at a time, so this many means every thread of every worker."""
    async with engine.connect() as conn:
        waiting = await conn.scalar(
            text(
                # Whatever the statement: a job records its run first, but pruning deletes runs.
                "SELECT count(*) FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"
            ),
            {"holder": holder_pid},
        )
        return waiting == threads


async def database_now(engine: AsyncEngine) -> datetime:
    async with engine.connect() as conn:
        now: datetime = await conn.scalar(select(func.clock_timestamp()))
        return now


async def claimed_since(engine: AsyncEngine, instant: datetime) -> int:
    async with engine.connect() as conn:
        count = await conn.scalar(
            select(func.count()).select_from(ScheduledRun).where(ScheduledRun.claimed_at > instant)
        )
        return int(count or 0)


async def test_two_apis_and_two_workers_lose_nothing_and_do_nothing_twice_when_the_leader_dies(
    committed: Factory,
    committing_engine: AsyncEngine,
    spawn: Callable[..., Awaitable[Node]],
) -> None:
    vendors = [await vendor_setup(committed) for _ in range(2)]
    admins = [await committed.headers_for(v.vendor, Role.vendor_admin) for v in vendors]
    partners = [await partner_setup(committed, *vendors) for _ in range(2)]
    await committed.db.commit()

    apis = [await serve(spawn, "api-a"), await serve(spawn, "api-b")]
    workers = [await spawn("worker-a", "worker"), await spawn("worker-b", "worker")]
    started = time.monotonic()
    # Sixteen requests in flight at most, about eight an API: within each API's pool (10 and as
    # many overflow), so a request never waits out the pool timeout and is refused with a 503
    # on a busy machine. A registration's racing approvals are queued side by side, still racing.
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=16)) as http:
        for api in apis:
            await ready(api, http, started + START_SECONDS)
        # The plans, made on one API; the earnings they pay are settled by the workers.
        async with httpx.AsyncClient(base_url=apis[1].url, timeout=30) as api_b:
            for vendor, admin in zip(vendors, admins, strict=True):
                await create_plan(api_b, admin, vendor.program)

        # Submissions at once, alternating APIs, reps and the order the deal names the vendors
        # in (the order two transactions lock the vendors' numbering in), each with a key to
        # retry it by.
        bodies = [
            deal_body(*(line(v) for v in (vendors if i % 2 else vendors[::-1])))
            for i in range(DEALS_SUBMITTED)
        ]

        def submit(i: int, api: Node) -> Awaitable[httpx.Response]:
            partner = partners[i % len(partners)]
            headers = partner.rep | {"Idempotency-Key": f"deal-{i}"}
            return http.post(f"{api.url}{DEALS}", json=bodies[i], headers=headers)

        submitted = await asyncio.gather(*(submit(i, apis[i % 2]) for i in range(len(bodies))))
        assert {r.status_code for r in submitted} == {201}, [r.text for r in submitted]
        # Each retried on the other API is answered from the first's kept answer: the replicas
        # share the key that seals kept answers (the signing key) as well as the database.
        retried = await asyncio.gather(*(submit(i, apis[1 - i % 2]) for i in range(len(bodies))))
        for first_answer, retry in zip(submitted, retried, strict=True):
            assert retry.status_code == 201, retry.text
            assert retry.headers.get("idempotent-replayed") == "true"
            assert retry.json() == first_answer.json()
        registrations = [reg for r in submitted for reg in r.json()["registrations"]]
        assert len(registrations) == 2 * DEALS_SUBMITTED
        approver = {str(v.vendor.id): v.approver for v in vendors}

        def race(registration: dict[str, Any]) -> list[Awaitable[httpx.Response]]:
            """Approvals of one registration, all against the version it was submitted at,
            spread over both APIs."""
            headers = approver[registration["vendor_id"]] | if_match(registration["version"])
            return [
                http.post(
                    f"{apis[i % 2].url}{REGISTRATIONS}/{registration['id']}/approve",
                    json={},
                    headers=headers,
                )
                for i in range(APPROVALS_PER_REGISTRATION)
            ]

        half = len(registrations) // 2
        async with committing_engine.connect() as holder:
            # Runs cannot be recorded while the test holds this lock: a job's transaction
            # begins by recording its run, and waits there, open, so every worker thread is
            # mid-job when the leader is killed, not by luck of timing. Requests never write
            # runs, and a job waiting there holds no row a request needs.
            holder_pid = await holder.scalar(select(func.pg_backend_pid()))
            await holder.execute(text("LOCK TABLE job_runs IN SHARE MODE"))
            first = await asyncio.gather(*(a for reg in registrations[:half] for a in race(reg)))
            await until(lambda: leading(workers), START_SECONDS, "a scheduler leads")
            (leader,) = leading(workers)
            (survivor,) = [w for w in workers if w is not leader]
            (leader_backend,) = await leader_backends(committing_engine)
            await until(
                lambda: jobs_waiting_on(committing_engine, holder_pid, 2 * WORKER_THREADS),
                START_SECONDS,
                "every thread of both workers in a job",
            )
            # The second half of the decisions is sent as the leader dies.
            second_half = asyncio.gather(*(a for reg in registrations[half:] for a in race(reg)))
            os.killpg(leader.process.pid, signal.SIGKILL)
            assert await leader.process.wait() == -signal.SIGKILL
            killed_at = await database_now(committing_engine)
            await holder.commit()
        second = await second_half

        decisions = [*first, *second]
        for start in range(0, len(decisions), APPROVALS_PER_REGISTRATION):
            answers = decisions[start : start + APPROVALS_PER_REGISTRATION]
            statuses = sorted(r.status_code for r in answers)
            assert statuses[0] == 200, [r.text for r in answers]
            assert set(statuses[1:]) <= {409, 412}, [r.text for r in answers]

        # The survivor takes the lock over and schedules the next slots itself.
        await until(
            lambda: "scheduler leads" in survivor.printed(), TAKEOVER_SECONDS, "the takeover"
        )
        new_backends = await leader_backends(committing_engine)
        assert len(new_backends) == 1
        assert new_backends != [leader_backend]
        await until(
            lambda: claimed_since(committing_engine, killed_at),
            TAKEOVER_SECONDS,
            "a slot claimed by the new leader",
        )

        async def drained() -> Outcome | None:
            state = await outcome(committing_engine)
            return state if state.pending == 0 else None

        final: Outcome = await until(drained, DRAIN_SECONDS, "every outbox row run")

    # Every outbox row ran once (a run is keyed by its message), and nothing ran that no row asked.
    assert sorted(final.runs) == sorted(final.outbox)
    # Each periodic slot is claimed once (a unique constraint) and enqueued with its claim: the
    # runs of each periodic job are as many as its slots.
    periodic = Counter(job for job, _ in final.slots)
    assert Counter(job for _, job in final.runs if job in periodic) == periodic
    assert len(set(final.slots)) == len(final.slots)
    # Each registration approved once, and earned its approval once.
    ids = {registration["id"] for registration in registrations}
    assert {str(k): v for k, v in final.approvals.items()} == dict.fromkeys(ids, 1)
    assert {str(k): v for k, v in final.approved_events.items()} == dict.fromkeys(ids, 1)
    assert sorted((str(r), *rest) for r, *rest in final.earnings) == sorted(
        (r, Milestone.registration, Entry.earning, PAID["registration"]) for r in ids
    )
    assert Counter(job for _, job in final.runs)["incentives.settle"] == len(ids)
    for node in [*apis, *workers]:
        assert "deadlock detected" not in node.printed(), node.name
