"""Single use under concurrency, on a database where work commits: requests sent at once with
one refresh token or one code get exactly one set of tokens."""

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.app import create_app
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from tests.factories import Factory
from tests.signin import browser, code_for, exchange, make_app, person, pkce, query, refresh


async def test_one_refresh_token_sent_four_times_at_once_is_exchanged_once(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory
) -> None:
    rep = await person(committed)
    rep_app = await make_app(committed.db)
    client_id, email = rep_app.client_id, rep.email
    await committed.db.commit()
    app = create_app(settings, sessionmaker=make_sessionmaker(committing_engine))
    async with browser(app) as web:
        verifier, challenge = pkce()
        code = await code_for(web, query(client_id, challenge), email)
        tokens = (await exchange(web, client_id, code, verifier)).json()

        answers = await asyncio.gather(
            *[refresh(web, client_id, tokens["refresh_token"]) for _ in range(4)]
        )

    assert sorted(answer.status_code for answer in answers) == [200, 400, 400, 400]


async def test_one_code_sent_four_times_at_once_is_exchanged_once(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory
) -> None:
    rep = await person(committed)
    rep_app = await make_app(committed.db)
    client_id, email = rep_app.client_id, rep.email
    await committed.db.commit()
    app = create_app(settings, sessionmaker=make_sessionmaker(committing_engine))
    async with browser(app) as web:
        verifier, challenge = pkce()
        code = await code_for(web, query(client_id, challenge), email)

        answers = await asyncio.gather(
            *[exchange(web, client_id, code, verifier) for _ in range(4)]
        )

    assert sorted(answer.status_code for answer in answers) == [200, 400, 400, 400]
