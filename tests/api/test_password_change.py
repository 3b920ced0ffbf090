"""`PUT /v1/me/password`: the current password and a new one; the person's other sessions end
with codes not yet exchanged, this one goes on; a wrong current password is a problem counted
like a failed sign-in to the account."""

import uuid

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.auth.models import OAuthApp
from dealreg.auth.passwords import verify_password
from dealreg.config import Settings
from dealreg.orgs.models import Organization, User
from tests.factories import Factory
from tests.problems import assert_problem
from tests.signin import (
    PASSWORD,
    bearer,
    browser,
    code_for,
    exchange,
    make_app,
    person,
    pkce,
    query,
    refresh,
    signed_in,
)

URL = "/v1/me/password"
NEW = "a brand new passphrase 42"


@pytest.fixture
async def rep_app(db: AsyncSession) -> OAuthApp:
    return await make_app(db)


@pytest.fixture
async def rep(factory: Factory) -> User:
    return await person(factory)


async def _password_of(db: AsyncSession, user_id: uuid.UUID) -> str | None:
    db.expire_all()
    return (await db.get_one(User, user_id)).password_hash


async def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(
    app: Litestar, db: AsyncSession, rep_app: OAuthApp, rep: User
) -> None:
    client_id, rep_id = rep_app.client_id, rep.id
    async with browser(app) as here, browser(app, ip="198.51.100.77") as there:
        this = await signed_in(here, rep_app, rep)
        other = await signed_in(there, rep_app, rep)
        changed = await here.put(
            URL,
            json={"current_password": PASSWORD, "password": NEW},
            headers=bearer(this["access_token"]),
        )

        assert changed.status_code == 204, changed.text
        assert verify_password(await _password_of(db, rep_id), NEW)
        assert (await here.get("/v1/me", headers=bearer(this["access_token"]))).is_success
        assert (await refresh(here, client_id, this["refresh_token"])).status_code == 200
        assert_problem(await there.get("/v1/me", headers=bearer(other["access_token"])), 401)
        assert (await refresh(there, client_id, other["refresh_token"])).status_code == 400


async def test_a_code_issued_before_the_change_is_exchanged_for_nothing(
    app: Litestar, rep_app: OAuthApp, rep: User
) -> None:
    async with browser(app) as here, browser(app, ip="198.51.100.78") as thief:
        this = await signed_in(here, rep_app, rep)
        verifier, challenge = pkce()
        code = await code_for(thief, query(rep_app.client_id, challenge), rep.email)
        changed = await here.put(
            URL,
            json={"current_password": PASSWORD, "password": NEW},
            headers=bearer(this["access_token"]),
        )
        assert changed.status_code == 204, changed.text

        exchanged = await exchange(thief, rep_app.client_id, code, verifier)

    assert exchanged.status_code == 400, exchanged.text


async def test_a_wrong_current_password_or_a_weak_new_one_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory, rep: User
) -> None:
    org = await db.get_one(Organization, rep.organization_id)
    headers = bearer(factory.token(rep, org))
    rep_id = rep.id

    wrong = await client.put(
        URL, json={"current_password": "not my password", "password": NEW}, headers=headers
    )
    weak = await client.put(
        URL, json={"current_password": PASSWORD, "password": "password"}, headers=headers
    )
    missing = await client.put(URL, json={"password": NEW}, headers=headers)

    assert_problem(wrong, 403, "wrong-password")
    assert_problem(weak, 422, pointer="/password")
    assert_problem(missing, 422, pointer="/current_password")
    assert verify_password(await _password_of(db, rep_id), PASSWORD)


async def test_wrong_current_passwords_are_limited_like_failed_sign_ins(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    db: AsyncSession,
    factory: Factory,
    rep: User,
) -> None:
    app = create_app(
        msgspec.structs.replace(settings, rate_limit_sign_in_account_ip="2/15 minutes"),
        sessionmaker=sessionmaker,
    )
    org = await db.get_one(Organization, rep.organization_id)
    headers = bearer(factory.token(rep, org))
    wrong = {"current_password": "not my password", "password": NEW}
    async with browser(app) as web:
        statuses = [(await web.put(URL, json=wrong, headers=headers)).status_code for _ in range(2)]
        limited = await web.put(
            URL, json={"current_password": PASSWORD, "password": NEW}, headers=headers
        )
    await app.state.throttle.close()

    assert statuses == [403, 403]
    assert_problem(limited, 429, "too-many-requests")
    assert "sign-in-account-ip" in limited.headers["ratelimit-policy"]
    assert verify_password(await _password_of(db, rep.id), PASSWORD)
