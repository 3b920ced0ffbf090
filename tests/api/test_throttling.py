"""Rate limits: a caller's requests per token holder, requests without a usable token per client
IP, and the token endpoint per client IP and per client id with a tighter budget for failures;
each refusal a 429 problem with Retry-After and the draft's RateLimit fields, writing nothing."""

import asyncio
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import httpx
import msgspec
import pytest
from litestar import Litestar
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.auth.clients import IssuedClient, create_api_client
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from dealreg.idempotency.models import IdempotencyRecord
from dealreg.orgs.models import Organization, Role
from tests.api.test_oauth import GRANTED, basic, request_token
from tests.factories import Factory
from tests.problems import assert_oauth_problem, assert_problem, count_rows
from tests.servers import PrivateRedis

ME = "/v1/me"
ORGS = "/v1/organizations"
BAD_TOKEN = {"Authorization": "Bearer not-a-token"}
FIELD = re.compile(r'"([a-z-]+)";r=(\d+);t=(\d+)')

Build = Callable[..., Litestar]


@pytest.fixture
async def build(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Build]:
    """An app with the suite's settings but the given limits (others as the suite has them)."""
    apps: list[Litestar] = []

    def app(**changes: object) -> Litestar:
        built = create_app(msgspec.structs.replace(settings, **changes), sessionmaker=sessionmaker)
        apps.append(built)
        return built

    yield app
    # The transport runs no lifespan: close what the shutdown would.
    for built in apps:
        await built.state.throttle.close()


@asynccontextmanager
async def caller_at(app: Litestar, ip: str = "203.0.113.7") -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests come from `ip` (the ASGI scope's client address)."""
    transport = httpx.ASGITransport(app=app, client=(ip, 50123))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def remaining(response: httpx.Response) -> dict[str, tuple[int, int]]:
    """The RateLimit field as {policy: (remaining, seconds to reset)}."""
    return {name: (int(r), int(t)) for name, r, t in FIELD.findall(response.headers["ratelimit"])}


def assert_throttled(response: httpx.Response, policy: str) -> int:
    """A 429 problem naming `policy` spent; returns its Retry-After."""
    assert_problem(response, 429, "too-many-requests")
    retry_after = int(response.headers["retry-after"])
    assert retry_after >= 1
    assert policy in response.headers["ratelimit-policy"]
    spent = remaining(response)[policy]
    assert spent[0] == 0
    assert spent[1] == retry_after
    return retry_after


@pytest.fixture
async def vendor(factory: Factory) -> Organization:
    return await factory.vendor()


async def issue(db: AsyncSession, factory: Factory, vendor: Organization) -> IssuedClient:
    admin = factory.principal(await factory.user(vendor, Role.vendor_admin), vendor)
    return await create_api_client(
        db, admin, vendor.id, name="CRM", role=Role.vendor_system, scopes=GRANTED
    )


# The API: requests without a usable token, per client IP.


async def test_requests_without_a_usable_token_are_limited_per_client_ip(build: Build) -> None:
    app = build(rate_limit_anonymous="4/minute")
    async with caller_at(app, "198.51.100.1") as first, caller_at(app, "198.51.100.2") as other:
        answers = [await first.get(ME, headers=BAD_TOKEN) for _ in range(3)]
        answers.append(await first.get(ME))  # no token at all counts the same
        assert [a.status_code for a in answers] == [401] * 4
        assert [remaining(a)["anonymous"][0] for a in answers] == [3, 2, 1, 0]
        assert answers[0].headers["ratelimit-policy"] == '"anonymous";q=4;w=60'

        refused = await first.get(ME, headers=BAD_TOKEN)
        retry_after = assert_throttled(refused, "anonymous")
        assert retry_after <= 60
        assert refused.headers["ratelimit-policy"] == '"anonymous";q=4;w=60'

        assert (await other.get(ME, headers=BAD_TOKEN)).status_code == 401


async def test_a_burst_of_bad_tokens_is_mostly_refused(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    """The issue's 500 bad-token requests in 0.6 s, under the default limit (60 a minute)."""
    defaults = Settings.from_env({}, data_dir=settings.data_dir, log_level="WARNING")
    app = create_app(defaults, sessionmaker=sessionmaker)
    counted_before = _refusals("anonymous")
    async with caller_at(app) as client:
        answers = await asyncio.gather(*(client.get(ME, headers=BAD_TOKEN) for _ in range(500)))
    statuses = [answer.status_code for answer in answers]
    # 60 in a minute, 120 if the burst straddles the turn of one.
    assert 60 <= statuses.count(401) <= 120
    assert statuses.count(429) == 500 - statuses.count(401)
    # Each refusal is counted for the metrics, by the quota it spent.
    assert _refusals("anonymous") - counted_before == statuses.count(429)


def _refusals(quota: str) -> float:
    return REGISTRY.get_sample_value("dealreg_rate_limited_total", {"quota": quota}) or 0.0


async def test_the_client_address_comes_from_forwarded_for_only_behind_trusted_proxies(
    build: Build,
) -> None:
    spoofed = BAD_TOKEN | {"X-Forwarded-For": "192.0.2.1"}
    untrusting = build(rate_limit_anonymous="1/minute")
    async with caller_at(untrusting, "10.0.0.5") as client:
        assert (await client.get(ME, headers=spoofed)).status_code == 401
        # Another X-Forwarded-For from the same peer is the same client.
        other = BAD_TOKEN | {"X-Forwarded-For": "192.0.2.2"}
        assert_throttled(await client.get(ME, headers=other), "anonymous")

    trusting = build(rate_limit_anonymous="1/minute", trusted_proxies="10.0.0.0/8, ::1")
    async with caller_at(trusting, "10.0.0.5") as proxy:
        # The client's own claim (leftmost) is not believed, the proxy's record (rightmost) is.
        first = BAD_TOKEN | {"X-Forwarded-For": "192.0.2.9, 192.0.2.1"}
        second = BAD_TOKEN | {"X-Forwarded-For": "192.0.2.9, 192.0.2.2, 10.0.0.7"}
        assert (await proxy.get(ME, headers=first)).status_code == 401
        assert (await proxy.get(ME, headers=second)).status_code == 401
        assert_throttled(await proxy.get(ME, headers=first), "anonymous")
    async with caller_at(trusting, "192.0.2.50") as direct:
        # A peer that is not a trusted proxy is counted by its own address.
        forged = BAD_TOKEN | {"X-Forwarded-For": "192.0.2.1"}
        assert (await direct.get(ME, headers=forged)).status_code == 401


# The API: a caller's requests, per token holder.


async def test_a_caller_is_limited_per_holder_whichever_token_it_uses(
    build: Build, factory: Factory, vendor: Organization
) -> None:
    app = build(rate_limit_caller="3/minute")
    user = await factory.user(vendor, Role.vendor_admin)
    other = await factory.headers_for(vendor, Role.vendor_admin)
    one, two = ({"Authorization": f"Bearer {factory.token(user, vendor)}"} for _ in range(2))
    async with caller_at(app) as client, caller_at(app, "198.51.100.9") as elsewhere:
        first = await client.get(ME, headers=one)
        assert first.status_code == 200
        assert first.headers["ratelimit-policy"] == '"caller";q=3;w=60'
        assert remaining(first)["caller"][0] == 2
        assert (await client.get(ME, headers=two)).status_code == 200
        # A refused request counts too: the holder asked.
        refused = await client.get(f"{ORGS}/{uuid.uuid4()}/users", headers=one)
        assert refused.status_code in {403, 404}
        assert_throttled(await elsewhere.get(ME, headers=two), "caller")

        # Another holder, from the same address, has a budget of its own.
        assert (await client.get(ME, headers=other)).status_code == 200


async def spend(client: httpx.AsyncClient, headers: dict[str, str]) -> httpx.Response:
    """Call until refused: the refusal."""
    for _ in range(10):
        answer = await client.get(ME, headers=headers)
        if answer.status_code == 429:
            return answer
        assert answer.status_code == 200
    pytest.fail("never refused")


async def test_retry_after_is_honoured(
    build: Build, factory: Factory, vendor: Organization
) -> None:
    app = build(rate_limit_caller="2/2 seconds")
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    async with caller_at(app) as client:
        retry_after = assert_throttled(await spend(client, headers), "caller")
        assert retry_after <= 2
        await asyncio.sleep(retry_after)
        assert (await client.get(ME, headers=headers)).status_code == 200


async def test_a_throttled_post_writes_nothing_and_keeps_no_idempotency_record(
    build: Build, factory: Factory, db: AsyncSession
) -> None:
    app = build(rate_limit_caller="1/2 seconds")
    platform = await factory.platform()
    user = await factory.user(platform, Role.platform_admin)
    headers = {"Authorization": f"Bearer {factory.token(user, platform)}", "Idempotency-Key": "k1"}
    name = f"Partner {uuid.uuid4().hex[:8]}"
    body = {"kind": "partner", "name": name, "country": "NO"}
    async with caller_at(app) as client:
        await spend(client, headers)
        refused = await client.post(ORGS, json=body, headers=headers)
        retry_after = assert_throttled(refused, "caller")
        assert await count_rows(db, Organization, Organization.name == name) == 0
        assert await count_rows(db, IdempotencyRecord, IdempotencyRecord.key == "k1") == 0

        await asyncio.sleep(retry_after)
        created = await client.post(ORGS, json=body, headers=headers)
        assert created.status_code == 201
        assert "idempotent-replayed" not in created.headers
        assert await count_rows(db, Organization, Organization.name == name) == 1


async def test_a_token_whose_holder_was_refused_spends_its_address_budget_not_the_holders(
    build: Build, db: AsyncSession, factory: Factory, vendor: Organization
) -> None:
    """A leaked token of someone whose old tokens were cut off (disabled and enabled again, a
    rotated client) keeps verifying; sent on and on, it must not use up the budget of the
    holder's new tokens."""
    app = build(rate_limit_caller="3/minute", rate_limit_anonymous="4/minute")
    user = await factory.user(vendor, Role.vendor_admin)
    leaked = {"Authorization": f"Bearer {factory.token(user, vendor)}"}
    user.tokens_valid_after = datetime.now(UTC) + timedelta(seconds=1)
    await db.flush()
    async with caller_at(app) as client:
        refused = [await client.get(ME, headers=leaked) for _ in range(4)]
        assert [answer.status_code for answer in refused] == [401] * 4
        assert [remaining(answer)["anonymous"][0] for answer in refused] == [3, 2, 1, 0]
        assert_throttled(await client.get(ME, headers=leaked), "anonymous")
        await asyncio.sleep(1.1)  # a token issued from now on is good
        fresh = {"Authorization": f"Bearer {factory.token(user, vendor)}"}
        answers = [await client.get(ME, headers=fresh) for _ in range(3)]
        assert [answer.status_code for answer in answers] == [200] * 3
        assert_throttled(await client.get(ME, headers=fresh), "caller")


async def test_ipv6_clients_are_counted_by_their_64(build: Build) -> None:
    app = build(rate_limit_anonymous="2/minute")
    async with (
        caller_at(app, "2001:db8:1:2::10") as first,
        caller_at(app, "2001:db8:1:2:ffff::1") as neighbour,
        caller_at(app, "2001:db8:1:3::10") as elsewhere,
    ):
        assert (await first.get(ME, headers=BAD_TOKEN)).status_code == 401
        assert (await neighbour.get(ME, headers=BAD_TOKEN)).status_code == 401
        # The same /64: its budget is spent whichever of its addresses asks.
        assert_throttled(await first.get(ME, headers=BAD_TOKEN), "anonymous")
        assert (await elsewhere.get(ME, headers=BAD_TOKEN)).status_code == 401


async def test_the_report_page_is_limited_like_the_api(build: Build) -> None:
    app = build(rate_limit_anonymous="2/minute")
    async with caller_at(app) as client:
        pages = [await client.get("/reports/sla", headers=BAD_TOKEN) for _ in range(2)]
        assert [page.status_code for page in pages] == [401, 401]
        throttled = await client.get("/reports/sla", headers=BAD_TOKEN)
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0


async def test_a_limit_of_zero_is_off(build: Build, factory: Factory, vendor: Organization) -> None:
    app = build(rate_limit_caller="0", rate_limit_anonymous="0")
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    async with caller_at(app) as client:
        for _ in range(5):
            answer = await client.get(ME, headers=headers)
            assert answer.status_code == 200
            assert "ratelimit" not in answer.headers
            assert (await client.get(ME, headers=BAD_TOKEN)).status_code == 401


# The token endpoint.


async def test_wrong_secrets_are_limited_per_client_id_and_address(
    build: Build, db: AsyncSession, factory: Factory, vendor: Organization
) -> None:
    app = build(
        rate_limit_oauth_failures_client="3/minute", rate_limit_oauth_failures_ip="5/minute"
    )
    target = await issue(db, factory, vendor)
    neighbour = await issue(db, factory, vendor)
    wrong = basic(target.client.client_id, "drs_guess")
    async with caller_at(app, "198.51.100.1") as client, caller_at(app, "198.51.100.2") as other:
        for _ in range(3):
            assert_oauth_problem(await request_token(client, wrong), 401, "invalid_client")
        # Spent from this address: the right secret is refused too. From another address the
        # client still gets its token: a stranger's guesses do not lock the client out.
        right = basic(target.client.client_id, target.secret)
        retry_after = assert_throttled(await request_token(client, right), "oauth-failures-client")
        assert 55 <= retry_after <= 60
        assert (await request_token(other, right)).status_code == 200

        # Another client id from the same address has its own budget...
        mine = basic(neighbour.client.client_id, neighbour.secret)
        assert (await request_token(client, mine)).status_code == 200
        # ...up to the address's: two more failures spend it, for every client id.
        for _ in range(2):
            stranger = basic(f"unknown-{uuid.uuid4().hex}", "drs_guess")
            assert_oauth_problem(await request_token(client, stranger), 401, "invalid_client")
        assert_throttled(await request_token(client, mine), "oauth-failures-ip")
        assert (await request_token(other, mine)).status_code == 200


async def test_a_burst_of_wrong_secrets_gets_five_tries(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """The issue's 250 wrong secrets for one client id, sent at once, under the default limits
    (5 failures in 10 minutes per client id and address), on a database of the test's own: the burst's
    requests really run side by side."""
    vendor = await committed.vendor()
    issued = await issue(committed.db, committed, vendor)
    await committed.db.commit()
    defaults = Settings.from_env({}, data_dir=settings.data_dir, log_level="WARNING")
    app = create_app(defaults, sessionmaker=make_sessionmaker(committing_engine))
    wrong = basic(issued.client.client_id, "drs_guess")
    async with caller_at(app) as client:
        answers = await asyncio.gather(*(request_token(client, wrong) for _ in range(250)))
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(401) == 5
    assert statuses.count(429) == 245


async def test_successes_do_not_spend_the_failure_budget(
    build: Build, db: AsyncSession, factory: Factory, vendor: Organization
) -> None:
    app = build(
        rate_limit_oauth_failures_client="2/minute", rate_limit_oauth_failures_ip="2/minute"
    )
    issued = await issue(db, factory, vendor)
    async with caller_at(app) as client:
        for _ in range(5):
            granted = await request_token(
                client, client_id=issued.client.client_id, client_secret=issued.secret
            )
            assert granted.status_code == 200
            assert {"oauth-ip", "oauth-client"} <= set(remaining(granted))
        # A wrong scope is not a wrong secret.
        scoped = await request_token(
            client, basic(issued.client.client_id, issued.secret), scope="x"
        )
        assert scoped.status_code == 400
        wrong = basic(issued.client.client_id, "drs_guess")
        assert_oauth_problem(await request_token(client, wrong), 401, "invalid_client")
        assert_oauth_problem(await request_token(client, wrong), 401, "invalid_client")
        assert_throttled(await request_token(client, wrong), "oauth-failures-client")


async def test_token_requests_are_limited_per_address_and_per_client_id(
    build: Build, db: AsyncSession, factory: Factory, vendor: Organization
) -> None:
    app = build(rate_limit_oauth_ip="3/minute", rate_limit_oauth_client="3/minute")
    first, second = await issue(db, factory, vendor), await issue(db, factory, vendor)
    one = basic(first.client.client_id, first.secret)
    two = basic(second.client.client_id, second.secret)
    async with caller_at(app, "198.51.100.1") as here, caller_at(app, "198.51.100.2") as there:
        granted = await request_token(here, one)
        assert granted.status_code == 200
        assert remaining(granted) == {
            "oauth-ip": (2, remaining(granted)["oauth-ip"][1]),
            "oauth-client": (2, remaining(granted)["oauth-client"][1]),
        }
        assert (await request_token(there, one)).status_code == 200
        assert (await request_token(there, one)).status_code == 200
        # The same client id from another address: its 3 are spent.
        assert_throttled(await request_token(here, one), "oauth-client")
        # Another client id from here has its own, up to here's 3 (the refusal counted).
        assert (await request_token(here, two)).status_code == 200
        assert_throttled(await request_token(here, two), "oauth-ip")
        assert (await request_token(there, two)).status_code == 200


async def test_a_failure_budget_comes_back_after_retry_after(
    build: Build, db: AsyncSession, factory: Factory, vendor: Organization
) -> None:
    app = build(rate_limit_oauth_failures_client="1/2 seconds")
    issued = await issue(db, factory, vendor)
    async with caller_at(app) as client:
        await request_token(client, basic(issued.client.client_id, "drs_guess"))
        right = basic(issued.client.client_id, issued.secret)
        retry_after = assert_throttled(await request_token(client, right), "oauth-failures-client")
        assert retry_after <= 2
        await asyncio.sleep(retry_after)
        assert (await request_token(client, right)).status_code == 200


# Redis storage: every process of an installation shares the counts.


async def test_counts_in_redis_are_shared_by_every_app(
    build: Build, private_redis: PrivateRedis, db: AsyncSession, factory: Factory
) -> None:
    limits = {"redis_url": private_redis.url, "rate_limit_anonymous": "3/minute"}
    one, two = build(**limits), build(**limits)
    async with caller_at(one) as first, caller_at(two) as second:
        assert (await first.get(ME, headers=BAD_TOKEN)).status_code == 401
        assert (await second.get(ME, headers=BAD_TOKEN)).status_code == 401
        assert remaining(await first.get(ME, headers=BAD_TOKEN))["anonymous"][0] == 0
        assert_throttled(await second.get(ME, headers=BAD_TOKEN), "anonymous")

    vendor = await factory.vendor()
    issued = await issue(db, factory, vendor)
    failing = build(redis_url=private_redis.url, rate_limit_oauth_failures_client="2/minute")
    wrong = basic(issued.client.client_id, "drs_guess")
    async with caller_at(failing) as client:
        for _ in range(2):
            assert_oauth_problem(await request_token(client, wrong), 401, "invalid_client")
        right = basic(issued.client.client_id, issued.secret)
        assert_throttled(await request_token(client, right), "oauth-failures-client")


async def test_requests_pass_uncounted_while_redis_is_down(
    build: Build, private_redis: PrivateRedis, factory: Factory, vendor: Organization
) -> None:
    app = build(redis_url=private_redis.url, rate_limit_caller="1/minute")
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    private_redis.stop()
    async with caller_at(app) as client:
        started = time.monotonic()
        for _ in range(3):
            answer = await client.get(ME, headers=headers)
            assert answer.status_code == 200
            assert "ratelimit" not in answer.headers
        assert time.monotonic() - started < 5


async def test_the_memory_storage_counts_per_app(build: Build) -> None:
    one, two = build(rate_limit_anonymous="1/minute"), build(rate_limit_anonymous="1/minute")
    async with caller_at(one) as first, caller_at(two) as second:
        assert (await first.get(ME, headers=BAD_TOKEN)).status_code == 401
        assert (await second.get(ME, headers=BAD_TOKEN)).status_code == 401
        assert_throttled(await first.get(ME, headers=BAD_TOKEN), "anonymous")
