"""The demo signs people in: `dealreg-app` with its redirect URIs, and one password for every
demo user, DEALREG_DEMO_PASSWORD's or a new random one printed each run."""

import asyncio
import re
from pathlib import Path

from sqlalchemy import select

from dealreg.auth.models import OAuthApp
from dealreg.auth.passwords import verify_password
from dealreg.config import Settings
from dealreg.db import make_engine, make_sessionmaker, transaction
from dealreg.demo import USERS, seed_and_describe
from dealreg.migrations import upgrade
from dealreg.orgs.models import User

PASSWORD_LINE = re.compile(r"the password '([^']+)'")


async def _state(url: str) -> tuple[OAuthApp, dict[str, str | None]]:
    engine = make_engine(url, pool_size=1)
    try:
        async with transaction(make_sessionmaker(engine)) as session:
            app = await session.scalar(select(OAuthApp).where(OAuthApp.client_id == "dealreg-app"))
            assert app is not None
            hashes = {
                user.email: user.password_hash
                for user in await session.scalars(
                    select(User).where(User.email.in_([email for email, *_ in USERS]))
                )
            }
    finally:
        await engine.dispose()
    return app, hashes


async def test_the_demo_app_and_a_chosen_password(scratch_url: str, tmp_path: Path) -> None:
    await asyncio.to_thread(upgrade, scratch_url)
    settings = Settings.from_env({}, data_dir=tmp_path, demo_password="demo pass phrase 1")

    printed = await seed_and_describe(settings, scratch_url, "http://localhost:8123")

    assert PASSWORD_LINE.search(printed).group(1) == "demo pass phrase 1"  # type: ignore[union-attr]
    assert "/oauth/authorize?response_type=code&client_id=dealreg-app" in printed
    app, hashes = await _state(scratch_url)
    assert app.redirect_uris == [
        "http://127.0.0.1/callback",
        "http://localhost:8000/app/callback",
        "http://localhost:8123/app/callback",
    ]
    assert app.first_party is True
    assert len(hashes) == len(USERS)
    assert all(verify_password(h, "demo pass phrase 1") for h in hashes.values())

    # The same password again: nothing is re-hashed, so nobody's sessions end.
    await seed_and_describe(settings, scratch_url, "http://localhost:8000")
    assert (await _state(scratch_url))[1] == hashes


async def test_without_a_chosen_password_each_run_prints_a_new_one(
    scratch_url: str, tmp_path: Path
) -> None:
    await asyncio.to_thread(upgrade, scratch_url)
    settings = Settings.from_env({}, data_dir=tmp_path)

    first = PASSWORD_LINE.search(await seed_and_describe(settings, scratch_url, "http://demo"))
    second = PASSWORD_LINE.search(await seed_and_describe(settings, scratch_url, "http://demo"))

    assert first
    assert second
    assert first.group(1) != second.group(1)
    _, hashes = await _state(scratch_url)
    assert all(verify_password(h, second.group(1)) for h in hashes.values())
    assert not any(verify_password(h, first.group(1)) for h in hashes.values())
