"""Webhooks with everything running as in production: the API on a committing database, and a
`dealreg worker` process (the dispatcher, the outbox relay, Dramatiq workers) on a Redis of the
test's own. Each of 200 decisions, made ten a second as a busy deal desk might, reaches a receiver
on 127.0.0.1, signed; the latency from the decision's answer to the receiver is printed."""

import asyncio
import contextlib
import json
import os
import signal
import statistics
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from dealreg.orgs.models import Role
from tests.deals import REGISTRATIONS, deal_body, line, partner_setup, submit, vendor_setup
from tests.factories import Factory
from tests.problems import if_match
from tests.servers import PrivateRedis
from tests.webhooks.receiver import Receiver

pytestmark = pytest.mark.slow

DECISIONS = 200
# Between two decisions: the test measures how soon each is delivered, not how many a second one
# worker can deliver (about 25 with its 4 threads here, measured).
PACE_SECONDS = 0.1


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def worker(
    scratch_url: str, private_redis: PrivateRedis, tmp_path: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`dealreg worker` on the test's database and Redis, started and ready; killed at the end."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEALREG_")} | {
        "DEALREG_DATABASE_URL": scratch_url,
        "DEALREG_REDIS_URL": private_redis.url,
        "DEALREG_DATA_DIR": str(tmp_path),
        "DEALREG_WEBHOOKS_ALLOW_PRIVATE": "true",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "dealreg.cli",
        "worker",
        "--no-scheduler",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,
    )
    assert process.stdout is not None
    async with asyncio.timeout(60):
        line = b""
        while b"background work started" not in line:
            line = await process.stdout.readline()
            assert line, "the worker exited before it started"
    # Its log is not read from here on: drain it so that the worker never blocks on a full pipe.
    draining = asyncio.create_task(process.stdout.read())
    yield process
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    await process.wait()
    await draining


async def test_each_decision_reaches_the_receiver_signed_within_two_seconds(
    committing_client: httpx.AsyncClient,
    committed: Factory,
    receiver: Receiver,
    worker: asyncio.subprocess.Process,
) -> None:
    vendor = await vendor_setup(committed)
    partner = await partner_setup(committed, vendor)
    admin = await committed.headers_for(vendor.vendor, Role.vendor_admin)
    await committed.db.commit()
    created = await committing_client.post(
        "/v1/webhook-endpoints",
        json={"url": receiver.url, "event_types": ["registration.approved"]},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    verifier = Webhook(created.json()["secret"])
    registrations = []
    for _ in range(DECISIONS):
        deal = await submit(committing_client, partner.rep, deal_body(line(vendor)))
        registrations.append(deal["registrations"][0])

    decided: dict[str, float] = {}
    for registration in registrations:
        response = await committing_client.post(
            f"{REGISTRATIONS}/{registration['id']}/approve",
            json={},
            headers=vendor.approver | if_match(registration["version"]),
        )
        assert response.status_code == 200, response.text
        decided[registration["id"]] = time.monotonic()
        await asyncio.sleep(PACE_SECONDS)
    deadline = time.monotonic() + 60
    while len(receiver.received) < DECISIONS and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.1)

    arrived: dict[str, float] = {}
    for received in receiver.received:
        body = verifier.verify(received.body, received.headers)
        assert body["type"] == "registration.approved"
        arrived.setdefault(body["subject_id"], received.at)
    assert set(arrived) == set(decided)
    latencies = sorted(arrived[key] - decided[key] for key in decided)
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    sys.stdout.write(
        f"\nwebhook latency over {DECISIONS} decisions: p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms\n"
    )
    assert p95 < 2.0
    assert len({json.loads(r.body)["id"] for r in receiver.received}) == DECISIONS
    assert worker.returncode is None
