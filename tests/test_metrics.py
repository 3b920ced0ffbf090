"""Prometheus metrics of a running `dealreg serve`: scraped from their own port after a little
load, with the values of granian's worker process and of the main process's background work
added up."""

import re
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from dealreg.db import make_engine
from tests.servers import DemoServer, free_port

pytestmark = pytest.mark.slow

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def _scrape(url: str) -> Samples:
    text = httpx.get(url, timeout=5).text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def test_a_scrape_after_some_load_has_every_series(scratch_url: str) -> None:
    metrics_port = free_port()
    with tempfile.TemporaryDirectory(prefix="drm", dir="/tmp") as data_dir:
        deadline = time.monotonic() + 90
        server = DemoServer(
            Path(data_dir, "serve.log"),
            deadline,
            DEALREG_DATA_DIR=data_dir,
            DEALREG_DATABASE_URL=scratch_url,
            DEALREG_METRICS_PORT=str(metrics_port),
        )
        try:
            server.wait_for("curl")
            token = re.search(r"Bearer (\S+)' http://localhost", server.printed())
            assert token
            server.wait_ready()
            rep = {"Authorization": f"Bearer {token.group(1)}"}
            for _ in range(5):
                assert httpx.get(f"{server.url}/v1/me", headers=rep, timeout=5).status_code == 200
            missing = f"{server.url}/v1/registrations/00000000-0000-0000-0000-000000000000"
            assert httpx.get(missing, headers=rep, timeout=5).status_code == 404
            url = f"http://127.0.0.1:{metrics_port}/metrics"
            samples = _scrape(url)
            # The periodic jobs the scheduler enqueues at start run in the main process.
            while _value(samples, "dealreg_jobs_total", job="sla.sweep", outcome="ok") is None:
                assert time.monotonic() < deadline, sorted(name for name, _ in samples)
                time.sleep(0.2)
                samples = _scrape(url)
        finally:
            server.stop()

    requests = "dealreg_http_requests_total"
    assert _value(samples, requests, route="/v1/me", method="GET", status="200") == 5
    assert (
        _value(
            samples,
            requests,
            route="/v1/registrations/{registration_id}",
            method="GET",
            status="404",
        )
        == 1
    )
    latency = _value(
        samples, "dealreg_http_request_duration_seconds_count", route="/v1/me", method="GET"
    )
    assert latency == 5
    # Every request has given its connection back; nothing waits.
    assert _value(samples, "dealreg_db_connections_in_use", pool="default") == 0
    assert _value(samples, "dealreg_db_connections_waiting", pool="default") == 0
    # One duration a run: the sweep runs each minute, so a test straddling one sees it twice.
    sweeps = _value(samples, "dealreg_jobs_total", job="sla.sweep", outcome="ok")
    assert sweeps is not None
    assert sweeps >= 1
    assert _value(samples, "dealreg_job_duration_seconds_count", job="sla.sweep") == sweeps
    assert _value(samples, "dealreg_outbox_pending", state="unsent") is not None
    oldest = _value(samples, "dealreg_outbox_oldest_pending_seconds")
    assert oldest is not None
    assert 0 <= oldest < 90
    lag = _value(samples, "dealreg_sla_sweep_lag_seconds")
    assert lag is not None
    assert 0 <= lag < 120


async def test_connections_in_use_add_up_over_the_pools_of_one_name(migrated_url: str) -> None:
    """A worker has a pool per event loop, all reported as `jobs`: the gauge is their sum."""
    engines = [make_engine(migrated_url, pool_size=2, metrics_name="test-sum") for _ in range(2)]
    try:
        async with engines[0].connect() as one, engines[1].connect() as other:
            await one.execute(text("SELECT 1"))
            await other.execute(text("SELECT 1"))
            assert _in_use("test-sum") == 2
        assert _in_use("test-sum") == 0
    finally:
        for engine in engines:
            await engine.dispose()


def _in_use(pool: str) -> float | None:
    return REGISTRY.get_sample_value("dealreg_db_connections_in_use", {"pool": pool})
