"""The token and revocation endpoints for apps people sign in to, under the default limits: an
app's client id is public and shared by all its users, so only addresses are counted, and a
stranger's bogus requests under the id spend the stranger's budget, not the app's."""

from collections.abc import AsyncIterator, Callable

import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.config import RATE_LIMIT_SETTINGS, Settings
from tests.factories import Factory
from tests.problems import assert_problem
from tests.signin import REVOKE, browser, make_app, person, refresh, signed_in

Build = Callable[[], Litestar]

DEFAULT_LIMITS = {
    field.name: field.default
    for field in msgspec.structs.fields(Settings)
    if field.name in RATE_LIMIT_SETTINGS
}


@pytest.fixture
async def build(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Build]:
    """An app with the suite's settings but the limits a deployment has by default."""
    apps: list[Litestar] = []

    def app() -> Litestar:
        built = create_app(
            msgspec.structs.replace(settings, **DEFAULT_LIMITS), sessionmaker=sessionmaker
        )
        apps.append(built)
        return built

    yield app
    for built in apps:
        await built.state.throttle.close()


async def test_a_stranger_sending_bogus_refreshes_under_an_apps_id_locks_out_only_itself(
    build: Build, db: AsyncSession, factory: Factory
) -> None:
    app = build()
    rep_app = await make_app(db)
    rep = await person(factory)
    async with browser(app, ip="198.51.100.30") as owner, browser(app, ip="203.0.113.30") as other:
        tokens = await signed_in(owner, rep_app, rep)
        statuses = [
            (await refresh(other, rep_app.client_id, f"bogus-{n}")).status_code for n in range(25)
        ]
        revoked = await other.post(REVOKE, data={"client_id": rep_app.client_id, "token": "bogus"})

        refreshed = await refresh(owner, rep_app.client_id, tokens["refresh_token"])

    assert statuses == [400] * 20 + [429] * 5
    assert_problem(revoked, 429, "too-many-requests")
    assert "oauth-client" not in revoked.headers["ratelimit-policy"]
    assert refreshed.status_code == 200, refreshed.text


async def test_an_apps_users_together_refresh_more_often_than_a_machine_client_may(
    build: Build, db: AsyncSession, factory: Factory
) -> None:
    app = build()
    rep_app = await make_app(db)
    rep = await person(factory)
    async with browser(app, ip="198.51.100.31") as web:
        token = (await signed_in(web, rep_app, rep))["refresh_token"]
    for n in range(30):
        # Each refresh from another of the app's users' addresses.
        async with browser(app, ip=f"198.51.100.{100 + n}") as user:
            answer = await refresh(user, rep_app.client_id, token)
        assert answer.status_code == 200, (n, answer.text)
        token = answer.json()["refresh_token"]
