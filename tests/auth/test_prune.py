"""The hourly `auth.prune` job forgets codes, sessions and refresh tokens nobody can use, a day
after they stopped being usable, and keeps the rest."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.models import AuthorizationCode, RefreshToken, SignInSession
from dealreg.auth.tasks import prune
from dealreg.orgs.models import Role
from tests.factories import Factory
from tests.signin import make_app


async def test_what_nobody_can_use_is_forgotten_a_day_later(
    db: AsyncSession, factory: Factory
) -> None:
    now = datetime.now(UTC)
    long_ago = now - timedelta(days=2)
    soon = now + timedelta(days=1)
    user = await factory.user(await factory.partner(), Role.partner_rep)
    app = await make_app(db)

    def code(expires_at: datetime) -> AuthorizationCode:
        return AuthorizationCode(
            code_hash=uuid.uuid4().hex,
            app_id=app.id,
            user_id=user.id,
            redirect_uri="http://127.0.0.1/callback",
            scope="",
            code_challenge="x" * 43,
            expires_at=expires_at,
            session_id=uuid.uuid4(),
        )

    def session(**fields: object) -> SignInSession:
        return SignInSession(
            **{"user_id": user.id, "app_id": app.id, "scope": "", "last_used_at": now}
            | {"expires_at": soon}
            | fields
        )

    fresh_code, old_code = code(soon), code(long_ago)
    live, ended, expired, just_ended = (
        session(),
        session(ended_at=long_ago),
        session(expires_at=long_ago),
        session(ended_at=now),
    )
    db.add_all([fresh_code, old_code, live, ended, expired, just_ended])
    await db.flush()

    def token(owner: SignInSession, **fields: object) -> RefreshToken:
        return RefreshToken(
            **{"session_id": owner.id, "token_hash": uuid.uuid4().hex, "expires_at": soon} | fields
        )

    current, spent_recently, spent_long_ago = (
        token(live),
        token(live, rotated_at=now),
        token(live, rotated_at=long_ago, expires_at=long_ago),
    )
    db.add_all([current, spent_recently, spent_long_ago, token(ended)])
    await db.flush()

    await prune.fn(db)

    codes = set(await db.scalars(select(AuthorizationCode.id)))
    assert fresh_code.id in codes
    assert old_code.id not in codes
    sessions = set(await db.scalars(select(SignInSession.id)))
    assert {live.id, just_ended.id} <= sessions
    assert not {ended.id, expired.id} & sessions
    # The ended session's token went with it.
    assert set(await db.scalars(select(RefreshToken.id))) == {current.id, spent_recently.id}
