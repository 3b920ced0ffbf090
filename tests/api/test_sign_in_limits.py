"""Failed sign-ins are limited per account from one address, per address, and per account from
anywhere: a 429 page with Retry-After, even for the right password, that a stranger elsewhere
cannot bring on the person."""

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from dealreg.orgs.models import User
from tests.factories import Factory
from tests.signin import (
    PASSWORD,
    browser,
    csrf_of,
    make_app,
    person,
    pkce,
    query,
    redirected,
    submit,
)


async def _try(web: httpx.AsyncClient, client_id: str, email: str, password: str) -> httpx.Response:
    _, challenge = pkce()
    return await submit(web, query(client_id, challenge), email, password)


Build = Callable[..., Litestar]


@pytest.fixture
async def build(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Build]:
    """An app with the suite's settings but the given limits."""
    apps: list[Litestar] = []

    def app(**changes: object) -> Litestar:
        built = create_app(msgspec.structs.replace(settings, **changes), sessionmaker=sessionmaker)
        apps.append(built)
        return built

    yield app
    for built in apps:
        await built.state.throttle.close()


@pytest.fixture
async def rep(factory: Factory) -> User:
    return await person(factory)


async def test_failures_from_one_address_lock_that_address_out_of_that_account(
    build: Build,
    db: AsyncSession,
    rep: User,
) -> None:
    app = build(rate_limit_sign_in_account_ip="3/15 minutes")
    rep_app = await make_app(db)
    async with browser(app, ip="203.0.113.9") as guesser, browser(app, ip="198.51.100.4") as owner:
        for _ in range(3):
            assert (
                await _try(guesser, rep_app.client_id, rep.email, "wrong guess!")
            ).status_code == 401

        limited = await _try(guesser, rep_app.client_id, rep.email, PASSWORD)

        assert limited.status_code == 429
        assert "location" not in limited.headers
        assert 1 <= int(limited.headers["retry-after"]) <= 900
        assert '"sign-in-account-ip"' in limited.headers["ratelimit-policy"]
        assert "Too many failed sign-ins" in limited.text
        # The person, elsewhere, is not locked out by the guesser.
        redirected(await _try(owner, rep_app.client_id, rep.email, PASSWORD))


async def test_failures_from_one_address_across_accounts_are_limited(
    build: Build,
    db: AsyncSession,
    factory: Factory,
) -> None:
    app = build(rate_limit_sign_in_ip="2/15 minutes")
    rep_app = await make_app(db)
    other = await person(factory)
    async with browser(app, ip="203.0.113.10") as guesser:
        for email in ("a@example.com", "b@example.com"):
            assert (
                await _try(guesser, rep_app.client_id, email, "wrong guess!")
            ).status_code == 401

        limited = await _try(guesser, rep_app.client_id, other.email, PASSWORD)

    assert limited.status_code == 429
    assert '"sign-in-ip"' in limited.headers["ratelimit-policy"]


async def test_an_unknown_email_is_limited_like_a_known_one(
    build: Build,
    db: AsyncSession,
) -> None:
    app = build(rate_limit_sign_in_account_ip="2/15 minutes")
    rep_app = await make_app(db)
    async with browser(app, ip="203.0.113.11") as guesser:
        statuses = [
            (
                await _try(guesser, rep_app.client_id, "ghost@example.com", "wrong guess!")
            ).status_code
            for _ in range(3)
        ]

    assert statuses == [401, 401, 429]


async def test_signing_in_spends_nothing_of_the_limit(
    build: Build,
    db: AsyncSession,
    rep: User,
) -> None:
    app = build(rate_limit_sign_in_account_ip="2/15 minutes")
    rep_app = await make_app(db)
    async with browser(app, ip="203.0.113.12") as owner:
        for _ in range(4):
            redirected(await _try(owner, rep_app.client_id, rep.email, PASSWORD))


async def test_the_page_counts_against_its_address_like_any_request_without_a_token(
    build: Build, db: AsyncSession
) -> None:
    app = build(rate_limit_anonymous="2/minute")
    rep_app = await make_app(db)
    _, challenge = pkce()
    async with browser(app, ip="203.0.113.13") as visitor:
        statuses = [
            (await visitor.get("/oauth/authorize", params=query(rep_app.client_id, challenge)))
            for _ in range(3)
        ]

    assert [answer.status_code for answer in statuses] == [200, 200, 429]
    assert int(statuses[-1].headers["retry-after"]) >= 1
    assert statuses[-1].headers["content-type"].startswith("text/html")


async def test_a_burst_of_guesses_at_once_gets_no_more_than_the_limit(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory
) -> None:
    # Requests at once need connections of their own: a database where work commits.
    rep = await person(committed)
    rep_app = await make_app(committed.db)
    await committed.db.commit()
    app = create_app(
        msgspec.structs.replace(settings, rate_limit_sign_in_account_ip="3/15 minutes"),
        sessionmaker=make_sessionmaker(committing_engine),
    )
    _, challenge = pkce()
    params = query(rep_app.client_id, challenge)
    async with browser(app, ip="203.0.113.14") as guesser:
        page = await guesser.get("/oauth/authorize", params=params)
        form = {"email": rep.email, "password": "wrong guess!", "csrf": csrf_of(page)}
        answers = await asyncio.gather(
            *[guesser.post("/oauth/authorize", params=params, data=form) for _ in range(8)]
        )

    assert sorted(answer.status_code for answer in answers) == [401] * 3 + [429] * 5


async def test_a_guesser_spread_over_addresses_cannot_keep_the_person_out(
    build: Build, db: AsyncSession, rep: User
) -> None:
    app = build(rate_limit_sign_in_account="3/15 minutes")
    rep_app = await make_app(db)
    for n in range(3):
        async with browser(app, ip=f"203.0.113.{40 + n}") as guesser:
            answer = await _try(guesser, rep_app.client_id, rep.email, "wrong guess!")
            assert answer.status_code == 401

    async with browser(app, ip="203.0.113.40") as guesser:
        limited = await _try(guesser, rep_app.client_id, rep.email, PASSWORD)
    async with browser(app, ip="198.51.100.41") as owner:
        signed_in = await _try(owner, rep_app.client_id, rep.email, PASSWORD)

    assert limited.status_code == 429
    assert '"sign-in-account"' in limited.headers["ratelimit-policy"]
    redirected(signed_in)


@pytest.mark.parametrize("storage", ["memory", "redis"])
async def test_each_lockout_soon_after_the_last_lasts_twice_as_long(
    storage: str, build: Build, db: AsyncSession, rep: User, request: pytest.FixtureRequest
) -> None:
    redis_url = request.getfixturevalue("shared_redis_url") if storage == "redis" else None
    app = build(rate_limit_sign_in_account_ip="2/second", redis_url=redis_url)
    rep_app = await make_app(db)

    async def lock_out(guesser: httpx.AsyncClient) -> int:
        for _ in range(2):
            wrong = await _try(guesser, rep_app.client_id, rep.email, "wrong guess!")
            assert wrong.status_code == 401
        limited = await _try(guesser, rep_app.client_id, rep.email, PASSWORD)
        assert limited.status_code == 429
        return int(limited.headers["retry-after"])

    async with (
        browser(app, ip="203.0.113.50") as guesser,
        browser(app, ip="198.51.100.50") as owner,
    ):
        waits = []
        for _ in range(3):
            waits.append(await lock_out(guesser))
            await asyncio.sleep(waits[-1] + 0.1)
        # The person, from an address of their own, is never locked out by it.
        redirected(await _try(owner, rep_app.client_id, rep.email, PASSWORD))

    assert waits == [1, 2, 4]
