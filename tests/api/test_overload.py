"""Overload and a database that cannot serve: slow reports draw from a pool of their own and are
cut off by a statement timeout, so they cannot starve the rest of the API; a request that finds
no connection in time, or no database, gets a 503 with Retry-After, never a 500."""

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.api.unit_of_work import DEFAULT_POOL
from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.orgs.models import Role
from tests.deals import DEALS, deal_body, line, partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem

pytestmark = pytest.mark.slow


def _url(engine: AsyncEngine) -> str:
    return engine.url.render_as_string(hide_password=False)


async def _serving(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client
    finally:
        for hook in app.on_shutdown:
            await hook(app)  # type: ignore[call-arg]


@pytest.fixture
async def small_pools(
    committing_engine: AsyncEngine, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """The app with pools of its own, as `dealreg serve` builds it, small enough to exhaust."""
    small = msgspec.structs.replace(
        settings,
        database_url=_url(committing_engine),
        db_pool_size=3,
        db_report_pool_size=2,
        db_pool_timeout_seconds=0.5,
        db_report_statement_timeout_ms=1500,
    )
    async for client in _serving(create_app(small)):
        yield client


async def test_hung_reports_leave_the_rest_of_the_api_answering(
    small_pools: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    vendor = await vendor_setup(committed)
    partner = await partner_setup(committed, vendor)
    ops = await committed.headers_for(vendor.vendor, Role.channel_ops)
    await committed.db.commit()

    async with committing_engine.connect() as blocker:
        # Every read of leads now waits for this transaction: the lead report hangs.
        await blocker.execute(text("LOCK TABLE leads IN ACCESS EXCLUSIVE MODE"))
        reports = [
            asyncio.create_task(small_pools.get("/v1/reports/leads", headers=ops))
            for _ in range(30)
        ]
        await asyncio.sleep(0.2)  # the reports hold every connection they can get
        started = time.monotonic()
        me = await small_pools.get("/v1/me", headers=partner.rep)
        deal = await small_pools.post(DEALS, json=deal_body(line(vendor)), headers=partner.rep)
        elapsed = time.monotonic() - started
        answers = await asyncio.gather(*reports)
        await blocker.rollback()

    assert me.status_code == 200, me.text
    assert deal.status_code == 201, deal.text
    assert elapsed < 2, elapsed
    # Two reports got the report pool's connections and ran into the statement timeout; the
    # others found no connection free in time. Each is told when to retry.
    for answer in answers:
        assert_problem(answer, 503, "service-unavailable")
        assert int(answer.headers["retry-after"]) > 0
    timed_out = [a for a in answers if "took longer" in a.json()["detail"]]
    assert len(timed_out) == 2


async def test_an_exhausted_pool_is_a_503_with_retry_after(
    committing_engine: AsyncEngine, committed: Factory, settings: Settings
) -> None:
    vendor = await vendor_setup(committed)
    await committed.db.commit()
    one = msgspec.structs.replace(
        settings,
        database_url=_url(committing_engine),
        db_pool_size=1,
        db_pool_timeout_seconds=0.3,
        db_statement_timeout_ms=5000,
    )
    async for client in _serving(create_app(one)):
        async with committing_engine.connect() as blocker:
            # The one connection's request waits on this lock; the next request finds no
            # connection (the pool's overflow is used up too by as many more).
            await blocker.execute(text("LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
            waiting = [
                asyncio.create_task(client.get("/v1/me", headers=vendor.approver))
                for _ in range(11)
            ]
            await asyncio.sleep(0.1)
            refused = await client.get("/v1/me", headers=vendor.approver)
            await blocker.rollback()
            held = await asyncio.gather(*waiting)
        assert_problem(refused, 503, "service-unavailable")
        assert refused.headers["retry-after"] == "2"
        assert [r.status_code for r in held].count(200) == 11


async def test_a_connection_the_server_closed_is_replaced_and_the_request_served(
    committing_engine: AsyncEngine, committed: Factory, settings: Settings
) -> None:
    """The pool sends no ping on checkout (it cost three round trips a request), yet a pooled
    connection the server has since closed (restarted, or its backend ended by an operator or an
    idle timeout) is not handed to a request, which would get a 503: it is replaced."""
    vendor = await vendor_setup(committed)
    await committed.db.commit()
    one = msgspec.structs.replace(settings, database_url=_url(committing_engine), db_pool_size=1)
    app = create_app(one)
    async for client in _serving(app):
        assert (await client.get("/v1/me", headers=vendor.approver)).status_code == 200
        # Requests one at a time share the pool's one connection: this is the one they used.
        async with app.state.sessionmakers[DEFAULT_POOL]() as session:
            pid = await session.scalar(text("SELECT pg_backend_pid()"))
        async with committing_engine.connect() as admin:
            assert await admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # The server's goodbye reaches the idle connection as soon as the event loop reads it.
        await asyncio.sleep(0.2)
        served = await client.get("/v1/me", headers=vendor.approver)
        async with app.state.sessionmakers[DEFAULT_POOL]() as session:
            assert await session.scalar(text("SELECT pg_backend_pid()")) != pid
    assert served.status_code == 200, served.text


async def test_a_database_that_cannot_be_reached_is_a_503_with_retry_after(
    settings: Settings, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    nowhere = msgspec.structs.replace(
        settings, database_url="postgresql://postgres@127.0.0.1:9/nowhere"
    )
    async for client in _serving(create_app(nowhere)):
        me = await client.get("/v1/me", headers=vendor.approver)
        post = await client.post(
            "/v1/organizations",
            json={"kind": "partner", "name": "Never", "country": "US"},
            headers=vendor.approver | {"Idempotency-Key": "k1"},
        )
        ready = await client.get("/ready")
    assert_problem(me, 503, "service-unavailable")
    assert me.headers["retry-after"] == "5"
    assert_problem(post, 503, "service-unavailable")
    assert ready.status_code == 503
