"""Prometheus metrics of a process: requests, the database pools, jobs, webhook attempts, the
backlog of the outbox and of the SLA sweep.

`dealreg serve` and `dealreg worker` expose them on `DEALREG_METRICS_PORT` (off when unset): a
port of its own, so a scrape needs no token and the API's port no unauthenticated route; keep it
off the public network. Granian's workers are processes of their own, so every process of a
`serve` writes its values to files in one directory (prometheus_client's multiprocess mode) and
the exposition adds them up. prometheus_client picks that mode when it is imported, from
`PROMETHEUS_MULTIPROC_DIR`: the CLI sets it before anything imports this module.
"""

import os
import threading
import time
import weakref
from typing import Any

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    multiprocess,
    start_http_server,
)
from sqlalchemy.pool import AsyncAdaptedQueuePool

from dealreg.config import METRICS_DIRECTORY_ENV

REQUESTS = Counter(
    "dealreg_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
REQUEST_SECONDS = Histogram(
    "dealreg_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DB_IN_USE = Gauge(
    "dealreg_db_connections_in_use",
    "Database connections checked out of the pool, by pool.",
    ["pool"],
    multiprocess_mode="livesum",
)
DB_WAITING = Gauge(
    "dealreg_db_connections_waiting",
    "Checkouts under way, by pool: a request waiting for a connection counts until it has one.",
    ["pool"],
    multiprocess_mode="livesum",
)
JOBS = Counter(
    "dealreg_jobs",
    "Job runs, by job and outcome (ok, failed: Dramatiq retries a failed run).",
    ["job", "outcome"],
)
JOB_RETRIES = Counter("dealreg_job_retries", "Runs that were retries, by job.", ["job"])
JOB_SECONDS = Histogram(
    "dealreg_job_duration_seconds",
    "Time a job's run took, by job.",
    ["job"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300),
)
WEBHOOK_ATTEMPTS = Counter(
    "dealreg_webhook_attempts",
    "Webhook delivery attempts, by what became of the delivery: delivered, pending (retried "
    "later) or failed (given up).",
    ["outcome"],
)
RATE_LIMITED = Counter(
    "dealreg_rate_limited",
    "Requests refused with a 429, by the quota they had spent (caller, anonymous, oauth_ip...).",
    ["quota"],
)
OUTBOX_PENDING = Gauge(
    "dealreg_outbox_pending",
    "Outbox rows whose job has not run, by state: unsent, or sent and not run yet.",
    ["state"],
    multiprocess_mode="livemax",
)
OUTBOX_OLDEST_SECONDS = Gauge(
    "dealreg_outbox_oldest_pending_seconds",
    "Age of the oldest outbox row whose job has not run (0 when none).",
    multiprocess_mode="livemax",
)
SLA_SWEEP_LAG_SECONDS = Gauge(
    "dealreg_sla_sweep_lag_seconds",
    "How long the oldest due SLA threshold has waited for the sweep (0 when none is due).",
    multiprocess_mode="livemax",
)


def serve(port: int, host: str) -> None:
    """Expose the metrics on `host:port`, from a thread of this process."""
    registry: CollectorRegistry = REGISTRY
    if os.environ.get(METRICS_DIRECTORY_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    start_http_server(port, addr=host, registry=registry)


def metered_pool(name: str) -> type[AsyncAdaptedQueuePool]:
    """A pool class that counts its checkouts in flight and its connections in use as `name`."""
    return type(f"MeteredPool_{name}", (_MeteredPool,), {"metrics_name": name})


# The live pools of each name, for their sum; pools of several threads' loops change it.
_POOLS: dict[str, "weakref.WeakSet[_MeteredPool]"] = {}
_POOLS_LOCK = threading.Lock()


class _MeteredPool(AsyncAdaptedQueuePool):
    metrics_name = "default"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with _POOLS_LOCK:
            _POOLS.setdefault(self.metrics_name, weakref.WeakSet()).add(self)

    def _do_get(self) -> Any:
        # The one step of a checkout that may wait (for a connection to come back, or a new one
        # to open); it can call itself again, which counts it twice for that instant only.
        waiting = DB_WAITING.labels(self.metrics_name)
        waiting.inc()
        try:
            record = super()._do_get()
        finally:
            waiting.dec()
        self._count_in_use()
        return record

    def _do_return_conn(self, record: Any) -> None:
        super()._do_return_conn(record)
        self._count_in_use()

    def _count_in_use(self) -> None:
        # Read off the pools rather than counted up and down: failed checkouts give connections
        # back without having taken them, and the figure must not drift. Summed over the pools
        # of one name: a worker has one per event loop (its actors', its relay's).
        with _POOLS_LOCK:
            in_use = sum(pool.checkedout() for pool in _POOLS[self.metrics_name])
        DB_IN_USE.labels(self.metrics_name).set(in_use)


def observe_request(route: str, method: str, status: int, started: float) -> None:
    REQUESTS.labels(route, method, str(status)).inc()
    REQUEST_SECONDS.labels(route, method).observe(time.perf_counter() - started)
