"""The API bench (bench/run.py) still runs: every scenario answers on dealreg and on the raw
baseline, and the two do the same work.

A ratio is only worth reading if both servers succeed and write the same rows: the deal baseline
once answered 500 on every request after a migration made a column it left out NOT NULL, and
nobody ran the bench to see it. Here each scenario runs through run.py's own path (the bulk
load, the shape check, load.py) for a few requests, and one more request per server is checked
to change every table by the same number of rows. dealreg is given a Redis, so that it runs no
background work in its process (the scheduler's sweeps would change tables of their own at any
moment); the requests are the only writers.
"""

import argparse
import asyncio
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import create_database

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
REQUESTS = 4

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    """bench/run.py, imported as its script is run: with bench/ on the path."""
    sys.path.insert(0, str(BENCH_DIR))
    try:
        yield importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCH_DIR))


@pytest.fixture
async def bench_url(server_url: str, scratch_url: str, migrated_template: str) -> str:
    """A migrated database of the test's own, as the bench creates one (run.py migrates it
    again: a no-op)."""
    name = make_url(scratch_url).database
    assert name is not None
    await create_database(server_url, name, template=migrated_template)
    return scratch_url


async def row_counts(dsn: str) -> dict[str, int]:
    conn = await asyncpg.connect(dsn)
    try:
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        # The names come from the catalogue, not from a request.
        count = 'SELECT count(*) FROM "{}"'
        return {t["tablename"]: await conn.fetchval(count.format(t["tablename"])) for t in tables}
    finally:
        await conn.close()


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {table: after[table] - before[table] for table in after if after[table] != before[table]}


def test_every_scenario_succeeds_on_both_servers_doing_the_same_work(
    bench: ModuleType, bench_url: str, shared_redis_url: str, tmp_path: Path
) -> None:
    args = argparse.Namespace(
        requests=REQUESTS,
        duration=30.0,
        concurrency=2,
        warmup=0,
        gzip=False,
        registrations=[50],
    )
    names = list(bench.SCENARIOS)
    dealreg_settings = {"DEALREG_REDIS_URL": shared_redis_url}
    with bench.serving(tmp_path, bench_url, dealreg_settings) as (seeded, running):
        results = bench.measure_sizes(args, names, seeded, bench_url, running)

        for name in names:
            for server in bench.SERVERS:
                figures = results[50][name][server]
                assert (figures["requests"], figures["errors"]) == (REQUESTS, 0), (name, server)

        dsn = bench.asyncpg_dsn(bench_url)
        run = bench.RunValues(size=50, values=seeded.values)
        for name, scenario in bench.SCENARIOS.items():
            token = seeded.tokens[scenario.user]
            writes = {}
            for server in bench.SERVERS:
                before = asyncio.run(row_counts(dsn))
                port = running.ports[server]
                response = bench.send_one(scenario, server, port, token, run, "rows")
                assert response.is_success, (name, server, response.text)
                writes[server] = changed(before, asyncio.run(row_counts(dsn)))
            assert writes["dealreg"] == writes["baseline"], name
