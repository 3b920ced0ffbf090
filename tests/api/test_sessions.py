"""After signing in: refresh tokens rotate on every use and a rotated one coming back ends its
family (RFC 9700 §4.14); idle and absolute expiry; revocation (RFC 7009); a person's sessions,
signing one device out or all of them; a new password signs the others out."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.models import OAuthApp, RefreshToken, SignInSession
from dealreg.auth.service import set_password
from dealreg.orgs.models import Organization, Role, User
from tests.factories import Factory
from tests.problems import assert_oauth_problem, assert_problem, if_match
from tests.signin import (
    REVOKE,
    SESSIONS,
    bearer,
    browser,
    make_app,
    person,
    refresh,
    signed_in,
)


@pytest.fixture
async def web(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


@pytest.fixture
async def rep_app(db: AsyncSession) -> OAuthApp:
    return await make_app(db)


@pytest.fixture
async def rep(factory: Factory) -> User:
    return await person(factory)


async def me(web: httpx.AsyncClient, access_token: str) -> int:
    return (await web.get("/v1/me", headers=bearer(access_token))).status_code


# --- refresh -----------------------------------------------------------------------------


async def test_a_refresh_token_is_exchanged_once_for_the_next(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    first = await signed_in(web, rep_app, rep)

    renewed = await refresh(web, rep_app.client_id, first["refresh_token"])

    assert renewed.status_code == 200, renewed.text
    assert renewed.headers["cache-control"] == "no-store"
    second = renewed.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["scope"] == first["scope"]
    assert await me(web, second["access_token"]) == 200
    third = await refresh(web, rep_app.client_id, second["refresh_token"])
    assert third.status_code == 200


async def test_a_rotated_refresh_token_coming_back_ends_the_whole_family(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    first = await signed_in(web, rep_app, rep)
    second = (await refresh(web, rep_app.client_id, first["refresh_token"])).json()

    replayed = await refresh(web, rep_app.client_id, first["refresh_token"])

    assert_oauth_problem(replayed, 400, "invalid_grant")
    # The thief and the app alike: the newest refresh token and every access token are dead.
    assert_oauth_problem(
        await refresh(web, rep_app.client_id, second["refresh_token"]), 400, "invalid_grant"
    )
    assert await me(web, second["access_token"]) == 401
    assert await me(web, first["access_token"]) == 401


async def test_another_sign_in_is_another_family(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    phone = await signed_in(web, rep_app, rep)
    laptop = await signed_in(web, rep_app, rep)
    await refresh(web, rep_app.client_id, phone["refresh_token"])

    await refresh(web, rep_app.client_id, phone["refresh_token"])

    assert await me(web, laptop["access_token"]) == 200
    assert (await refresh(web, rep_app.client_id, laptop["refresh_token"])).status_code == 200


async def test_a_refresh_token_is_bound_to_its_app(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    other = await make_app(db)

    assert_oauth_problem(
        await refresh(web, other.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )
    assert (await refresh(web, rep_app.client_id, tokens["refresh_token"])).status_code == 200


async def test_a_refresh_may_narrow_the_scope_but_never_widen_it(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    narrow = await web.post(
        "/v1/oauth/token",
        data={
            "grant_type": "refresh_token",
            "client_id": rep_app.client_id,
            "refresh_token": tokens["refresh_token"],
            "scope": "registrations:read",
        },
    )
    assert narrow.status_code == 200, narrow.text
    assert narrow.json()["scope"] == "registrations:read"

    wider = await web.post(
        "/v1/oauth/token",
        data={
            "grant_type": "refresh_token",
            "client_id": rep_app.client_id,
            "refresh_token": narrow.json()["refresh_token"],
            "scope": "payouts:write",
        },
    )
    assert_oauth_problem(wider, 400, "invalid_scope")


async def _refresh_row(db: AsyncSession, user: User) -> tuple[SignInSession, RefreshToken]:
    stmt = (
        select(SignInSession, RefreshToken)
        .join(RefreshToken, RefreshToken.session_id == SignInSession.id)
        .where(SignInSession.user_id == user.id, RefreshToken.rotated_at.is_(None))
    )
    found = (await db.execute(stmt)).one()
    return found[0], found[1]


async def test_a_refresh_token_lapses_after_thirty_idle_days(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    session, row = await _refresh_row(db, rep)
    now = datetime.now(UTC)
    assert timedelta(days=29, hours=23) < row.expires_at - now <= timedelta(days=30)
    assert timedelta(days=89, hours=23) < session.expires_at - now <= timedelta(days=90)
    # Thirty days without a refresh.
    await db.execute(update(RefreshToken).where(RefreshToken.id == row.id).values(expires_at=now))

    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )


async def test_a_session_ends_ninety_days_after_sign_in_however_often_refreshed(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    session, _ = await _refresh_row(db, rep)
    await db.execute(
        update(SignInSession)
        .where(SignInSession.id == session.id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )

    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )
    assert await me(web, tokens["access_token"]) == 401


async def test_a_disabled_person_cannot_refresh(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    await db.execute(update(User).where(User.id == rep.id).values(active=False))

    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )


async def test_a_disabled_app_cannot_refresh(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    await db.execute(update(OAuthApp).where(OAuthApp.id == rep_app.id).values(active=False))

    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 401, "invalid_client"
    )


async def test_an_unknown_or_missing_refresh_token_is_refused(
    web: httpx.AsyncClient, rep_app: OAuthApp
) -> None:
    assert_oauth_problem(await refresh(web, rep_app.client_id, "drr_nothing"), 400, "invalid_grant")
    missing = await web.post(
        "/v1/oauth/token", data={"grant_type": "refresh_token", "client_id": rep_app.client_id}
    )
    assert_oauth_problem(missing, 400, "invalid_request")


# --- revocation --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["refresh_token", "access_token"])
async def test_revoking_a_token_signs_its_session_out(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, which: str
) -> None:
    tokens = await signed_in(web, rep_app, rep)

    revoked = await web.post(
        REVOKE,
        data={"token": tokens[which], "token_type_hint": which, "client_id": rep_app.client_id},
    )

    assert revoked.status_code == 200, revoked.text
    assert revoked.json() == {}
    assert await me(web, tokens["access_token"]) == 401
    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )


async def test_revoking_an_unknown_token_is_fine_and_another_apps_is_not(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    unknown = await web.post(REVOKE, data={"token": "drr_x", "client_id": rep_app.client_id})
    assert unknown.status_code == 200

    tokens = await signed_in(web, rep_app, rep)
    other = await make_app(db)
    theirs = await web.post(
        REVOKE, data={"token": tokens["refresh_token"], "client_id": other.client_id}
    )
    assert_oauth_problem(theirs, 400, "invalid_grant")
    assert await me(web, tokens["access_token"]) == 200

    no_token = await web.post(REVOKE, data={"client_id": rep_app.client_id})
    assert_oauth_problem(no_token, 400, "invalid_request")
    no_client = await web.post(REVOKE, data={"token": tokens["refresh_token"]})
    assert_oauth_problem(no_client, 401, "invalid_client")


# --- sessions ----------------------------------------------------------------------------


async def test_a_person_sees_their_devices_and_signs_one_out(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    web.headers["User-Agent"] = "RepApp/1.0 (iPhone)"
    phone = await signed_in(web, rep_app, rep)
    web.headers["User-Agent"] = "Firefox/140"
    laptop = await signed_in(web, rep_app, rep)

    listed = await web.get(SESSIONS, headers=bearer(laptop["access_token"]))

    assert listed.status_code == 200
    items = listed.json()["items"]
    assert len(items) == 2
    by_agent = {item["user_agent"]: item for item in items}
    assert by_agent["Firefox/140"]["current"] is True
    assert by_agent["RepApp/1.0 (iPhone)"]["current"] is False
    for item in items:
        assert item["client_id"] == rep_app.client_id
        assert item["client_name"] == rep_app.name
        assert item["created_at"] <= item["last_used_at"] < item["expires_at"]

    phone_id = by_agent["RepApp/1.0 (iPhone)"]["id"]
    ended = await web.delete(f"{SESSIONS}/{phone_id}", headers=bearer(laptop["access_token"]))
    assert ended.status_code == 204
    assert await me(web, phone["access_token"]) == 401
    assert_oauth_problem(
        await refresh(web, rep_app.client_id, phone["refresh_token"]), 400, "invalid_grant"
    )
    assert await me(web, laptop["access_token"]) == 200
    again = await web.delete(f"{SESSIONS}/{phone_id}", headers=bearer(laptop["access_token"]))
    assert_problem(again, 404, "session-not-found")


async def test_nobody_ends_another_persons_session(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, factory: Factory
) -> None:
    mine = await signed_in(web, rep_app, rep)
    stranger = await signed_in(web, rep_app, await person(factory))
    listed = await web.get(SESSIONS, headers=bearer(mine["access_token"]))
    (my_session,) = listed.json()["items"]

    refused = await web.delete(
        f"{SESSIONS}/{my_session['id']}", headers=bearer(stranger["access_token"])
    )

    assert_problem(refused, 404, "session-not-found")
    assert await me(web, mine["access_token"]) == 200


async def test_signing_out_everywhere_ends_every_session(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, factory: Factory
) -> None:
    phone = await signed_in(web, rep_app, rep)
    laptop = await signed_in(web, rep_app, rep)
    someone_else = await signed_in(web, rep_app, await person(factory))

    ended = await web.delete(SESSIONS, headers=bearer(phone["access_token"]))

    assert ended.status_code == 204
    for tokens in (phone, laptop):
        assert await me(web, tokens["access_token"]) == 401
        assert_oauth_problem(
            await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
        )
    assert await me(web, someone_else["access_token"]) == 200


async def test_a_machine_client_has_no_sessions(web: httpx.AsyncClient, factory: Factory) -> None:
    vendor = await factory.vendor()
    from dealreg.auth.clients import create_api_client
    from dealreg.orgs.models import Role

    admin = factory.principal(await factory.user(vendor, Role.vendor_admin), vendor)
    issued = await create_api_client(factory.db, admin, vendor.id, name="CRM")
    token = await web.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": issued.client.client_id,
            "client_secret": issued.secret,
        },
    )
    assert_problem(
        await web.get(SESSIONS, headers=bearer(token.json()["access_token"])), 403, "forbidden"
    )


async def test_a_new_password_signs_the_other_devices_out(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    phone = await signed_in(web, rep_app, rep)
    laptop = await signed_in(web, rep_app, rep)
    listed = await web.get(SESSIONS, headers=bearer(laptop["access_token"]))
    (kept,) = [item["id"] for item in listed.json()["items"] if item["current"]]

    import uuid

    await set_password(db, rep.email, "another long pass phrase", keep_session=uuid.UUID(kept))

    assert await me(web, phone["access_token"]) == 401
    assert await me(web, laptop["access_token"]) == 200


async def test_a_session_unused_for_thirty_days_is_no_longer_listed(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    current = await signed_in(web, rep_app, rep)
    await signed_in(web, rep_app, rep)
    current_session = (await web.get(SESSIONS, headers=bearer(current["access_token"]))).json()
    current_id = next(item["id"] for item in current_session["items"] if item["current"])
    await db.execute(
        update(SignInSession)
        .where(SignInSession.user_id == rep.id, SignInSession.id != current_id)
        .values(last_used_at=datetime.now(UTC) - timedelta(days=30, seconds=1))
    )

    listed = await web.get(SESSIONS, headers=bearer(current["access_token"]))

    assert [item["id"] for item in listed.json()["items"]] == [current_id]


async def test_disabling_a_person_ends_their_sessions(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, factory: Factory, db: AsyncSession
) -> None:
    tokens = await signed_in(web, rep_app, rep)
    org = await db.get_one(Organization, rep.organization_id)
    admin = factory.token(await factory.user(org, Role.partner_admin), org)
    url = f"/v1/organizations/{org.id}/users/{rep.id}"
    version = (await web.get(f"/v1/organizations/{org.id}/users", headers=bearer(admin))).json()

    disabled = await web.patch(
        url,
        json={"active": False},
        headers=bearer(admin) | if_match(_version_of(version, rep)),
    )
    assert disabled.status_code == 200, disabled.text
    enabled = await web.patch(
        url, json={"active": True}, headers=bearer(admin) | {"If-Match": disabled.headers["etag"]}
    )
    assert enabled.status_code == 200, enabled.text

    ended = list(
        await db.scalars(select(SignInSession.ended_at).where(SignInSession.user_id == rep.id))
    )
    assert ended
    assert all(at is not None for at in ended)
    assert await me(web, tokens["access_token"]) == 401
    assert_oauth_problem(
        await refresh(web, rep_app.client_id, tokens["refresh_token"]), 400, "invalid_grant"
    )


def _version_of(listing: dict[str, Any], user: User) -> int:
    return next(int(item["version"]) for item in listing["items"] if item["id"] == str(user.id))
