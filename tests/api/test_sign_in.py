"""People sign in (authorization code + PKCE, RFC 6749 §4.1, RFC 7636, OAuth 2.1): the page, the
code it gives the app, and every refusal on the way."""

import re
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.models import AuthorizationCode, OAuthApp
from dealreg.orgs.models import Role, User
from tests.factories import Factory
from tests.problems import assert_oauth_problem
from tests.signin import (
    AUTHORIZE,
    LOOPBACK,
    NATIVE,
    PASSWORD,
    WEB,
    bearer,
    browser,
    code_for,
    csrf_of,
    exchange,
    make_app,
    person,
    pkce,
    query,
    redirected,
    submit,
)

WRONG = "The email or password is not right."


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


# --- metadata ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]
)
async def test_the_metadata_says_where_and_how(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    meta = response.json()
    assert meta["issuer"] == "https://dealreg.test"
    assert meta["authorization_endpoint"] == "https://dealreg.test/oauth/authorize"
    assert meta["token_endpoint"] == "https://dealreg.test/v1/oauth/token"
    assert meta["revocation_endpoint"] == "https://dealreg.test/v1/oauth/revoke"
    assert meta["jwks_uri"] == "https://dealreg.test/.well-known/jwks.json"
    assert meta["response_types_supported"] == ["code"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert set(meta["grant_types_supported"]) == {
        "authorization_code",
        "refresh_token",
        "client_credentials",
    }
    assert "registrations:write" in meta["scopes_supported"]


# --- the page ----------------------------------------------------------------------------


async def test_the_sign_in_page_is_a_plain_form_under_a_strict_policy(
    web: httpx.AsyncClient, rep_app: OAuthApp
) -> None:
    _, challenge = pkce()
    page = await web.get(AUTHORIZE, params=query(rep_app.client_id, challenge))

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<label for="email">Email</label>' in html
    assert '<label for="password">Password</label>' in html
    assert '<button type="submit">Sign in</button>' in html
    assert 'type="password"' in html
    assert rep_app.name in html
    assert csrf_of(page)
    # Nothing from anywhere else: no scripts, no external sheets, images or fonts.
    assert "<script" not in html
    assert "http://" not in html.replace('action="', "")
    assert "https://" not in html
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    # Its form posts here, and the redirect that follows goes to this request's app only.
    assert "form-action 'self' http://127.0.0.1;" in policy
    assert page.headers["cache-control"] == "no-store"
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "Secure" in cookie
    assert "samesite=strict" in cookie.lower()
    assert "Path=/oauth/authorize" in cookie


async def test_a_person_signs_in_and_the_app_gets_a_code_and_its_state_back(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    verifier, challenge = pkce()
    params = query(rep_app.client_id, challenge, state="xyz-Ünïcode &=?")

    answer = await submit(web, params, rep.email)

    where, values = redirected(answer)
    assert where == LOOPBACK
    # The redirect carries the code: no cache may keep it.
    assert answer.headers["cache-control"] == "no-store"
    assert values["state"] == "xyz-Ünïcode &=?"
    assert len(values["code"]) >= 40
    tokens = await exchange(web, rep_app.client_id, values["code"], verifier)
    assert tokens.status_code == 200, tokens.text
    assert tokens.headers["cache-control"] == "no-store"
    body = tokens.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert body["refresh_token"].startswith("drr_")
    me = await web.get("/v1/me", headers=bearer(body["access_token"]))
    assert me.status_code == 200
    assert me.json()["email"] == rep.email
    assert me.json()["scopes"] == sorted(body["scope"].split())


async def test_parameters_the_server_does_not_know_are_ignored_as_oauth_requires(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    """RFC 6749 §3.1, although every other route refuses a query parameter it does not know."""
    _, challenge = pkce()
    params = query(rep_app.client_id, challenge, state="s") | {"prompt": "login", "nonce": "n"}

    assert (await web.get(AUTHORIZE, params=params)).status_code == 200
    where, values = redirected(await submit(web, params, rep.email))
    assert where == LOOPBACK
    assert values["state"] == "s"


@pytest.mark.parametrize("redirect_uri", [WEB, NATIVE, "http://127.0.0.1:53682/callback"])
async def test_every_registered_kind_of_redirect_uri_gets_the_code(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, redirect_uri: str
) -> None:
    verifier, challenge = pkce()
    params = query(rep_app.client_id, challenge, redirect_uri=redirect_uri)

    where, values = redirected(await submit(web, params, rep.email))

    assert where == redirect_uri
    tokens = await exchange(web, rep_app.client_id, values["code"], verifier, redirect_uri)
    assert tokens.status_code == 200, tokens.text


async def test_an_email_is_matched_whatever_its_case_and_spaces(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    _, challenge = pkce()
    answer = await submit(web, query(rep_app.client_id, challenge), f"  {rep.email.upper()} ")
    redirected(answer)


# --- refusals before anyone signs in -----------------------------------------------------


@pytest.mark.parametrize(
    ("client_id", "redirect_uri"),
    [
        pytest.param("no-such-app", LOOPBACK, id="unknown-app"),
        pytest.param(None, "https://evil.example/callback", id="unregistered-uri"),
        pytest.param(None, "https://app.example.com/callback/../evil", id="path-trick"),
        pytest.param(None, "https://app.example.com/callback?next=evil", id="extra-query"),
        pytest.param(None, "http://localhost:9999/callback", id="localhost-other-port"),
        pytest.param(None, "https://127.0.0.1/callback", id="loopback-https"),
        pytest.param(
            None,
            "http://evil;frame-ancestors *;script-src 'unsafe-inline';@127.0.0.1:5555/callback",
            id="csp-injection-in-userinfo",
        ),
        pytest.param(None, "http://127.0.0.1:5555/call\r\nback", id="loopback-crlf"),
        pytest.param(None, "", id="no-redirect-uri"),
    ],
)
async def test_a_bad_app_or_redirect_uri_gets_a_page_never_a_redirect(
    web: httpx.AsyncClient,
    rep_app: OAuthApp,
    rep: User,
    client_id: str | None,
    redirect_uri: str,
) -> None:
    _, challenge = pkce()
    params = query(client_id or rep_app.client_id, challenge, redirect_uri=redirect_uri)
    if not redirect_uri:
        del params["redirect_uri"]

    for answer in [
        await web.get(AUTHORIZE, params=params),
        await web.post(AUTHORIZE, params=params, data={"email": rep.email, "password": PASSWORD}),
    ]:
        assert answer.status_code == 400
        assert "location" not in answer.headers
        assert answer.headers["content-type"].startswith("text/html")
        assert "This sign-in link is not valid" in answer.text
        assert "evil" not in answer.headers["content-security-policy"]
        assert "unsafe-inline" not in answer.headers["content-security-policy"]


async def test_a_disabled_app_cannot_be_signed_in_to(
    web: httpx.AsyncClient, db: AsyncSession
) -> None:
    disabled = await make_app(db, active=False)
    _, challenge = pkce()

    answer = await web.get(AUTHORIZE, params=query(disabled.client_id, challenge))

    assert answer.status_code == 400
    assert "location" not in answer.headers


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"code_challenge_method": "plain"}, id="plain"),
        pytest.param({"code_challenge_method": None}, id="no-method"),
        pytest.param({"code_challenge": None, "code_challenge_method": None}, id="no-pkce"),
        pytest.param({"code_challenge": "too-short"}, id="malformed-challenge"),
        pytest.param({"response_type": "token"}, id="implicit"),
        pytest.param({"scope": "registrations:read nonsense:write"}, id="unknown-scope"),
    ],
)
async def test_a_good_apps_faulty_request_goes_back_to_it_with_the_error_and_state(
    web: httpx.AsyncClient, rep_app: OAuthApp, change: dict[str, str | None]
) -> None:
    _, challenge = pkce()
    params = query(rep_app.client_id, challenge)
    for key, value in change.items():
        if value is None:
            del params[key]
        else:
            params[key] = value

    where, values = redirected(await web.get(AUTHORIZE, params=params))

    assert where == LOOPBACK
    assert values["state"] == params["state"]
    assert values["error"] in ("invalid_request", "unsupported_response_type", "invalid_scope")
    assert "code" not in values


async def test_a_repeated_parameter_is_refused(web: httpx.AsyncClient, rep_app: OAuthApp) -> None:
    _, challenge = pkce()
    params = [*query(rep_app.client_id, challenge).items(), ("state", "second")]

    answer = await web.get(AUTHORIZE, params=params)

    assert answer.status_code == 400
    assert "location" not in answer.headers


# --- refusals of the person --------------------------------------------------------------


def _alert(page: httpx.Response) -> str:
    found = re.search(r'<p class="message" role="alert">([^<]*)</p>', page.text)
    assert found, page.text
    return found.group(1)


async def _attempt(
    web: httpx.AsyncClient, app: OAuthApp, email: str, password: str
) -> httpx.Response:
    _, challenge = pkce()
    return await submit(web, query(app.client_id, challenge), email, password)


async def test_a_wrong_password_and_an_unknown_email_get_one_answer_as_slowly(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    timings: dict[str, list[float]] = {"wrong": [], "unknown": []}
    answers = {}
    for _ in range(3):
        for kind, email, password in [
            ("wrong", rep.email, "not the password at all"),
            ("unknown", "nobody-here@example.com", "not the password at all"),
        ]:
            started = time.perf_counter()
            answers[kind] = await _attempt(web, rep_app, email, password)
            timings[kind].append(time.perf_counter() - started)

    for answer in answers.values():
        assert answer.status_code == 401
        assert "location" not in answer.headers
        assert WRONG in answer.text
    assert _alert(answers["wrong"]) == _alert(answers["unknown"]) == WRONG
    assert answers["wrong"].headers.keys() == answers["unknown"].headers.keys()
    # Both verify an argon2 hash (a dummy one for nobody): the same work, give or take noise.
    wrong, unknown = sorted(timings["wrong"])[1], sorted(timings["unknown"])[1]
    assert 0.5 < wrong / unknown < 2, timings


async def test_a_person_without_a_password_cannot_sign_in(
    web: httpx.AsyncClient, rep_app: OAuthApp, factory: Factory
) -> None:
    nobody = await factory.user(await factory.partner(), Role.partner_rep)

    answer = await _attempt(web, rep_app, nobody.email, "")

    assert answer.status_code == 401


async def test_a_disabled_person_cannot_sign_in_even_with_the_right_password(
    web: httpx.AsyncClient, rep_app: OAuthApp, factory: Factory
) -> None:
    disabled = await person(factory, active=False)

    answer = await _attempt(web, rep_app, disabled.email, PASSWORD)

    assert answer.status_code == 401
    assert "location" not in answer.headers
    assert WRONG in answer.text


async def test_a_person_disabled_after_signing_in_gets_no_tokens_for_the_code(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    verifier, challenge = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)
    await db.execute(update(User).where(User.id == rep.id).values(active=False))

    assert_oauth_problem(
        await exchange(web, rep_app.client_id, code, verifier), 400, "invalid_grant"
    )


@pytest.mark.parametrize("csrf", [None, "", "forged", "é"])
async def test_a_form_without_its_csrf_token_signs_nobody_in(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, csrf: str | None
) -> None:
    _, challenge = pkce()
    params = query(rep_app.client_id, challenge)
    await web.get(AUTHORIZE, params=params)
    form = {"email": rep.email, "password": PASSWORD}
    if csrf is not None:
        form["csrf"] = csrf

    answer = await web.post(AUTHORIZE, params=params, data=form)

    assert answer.status_code == 403
    assert "location" not in answer.headers


@pytest.mark.parametrize("origin", ["https://evil.example", "http://["])
async def test_a_form_posted_from_another_site_signs_nobody_in(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, origin: str
) -> None:
    _, challenge = pkce()
    params = query(rep_app.client_id, challenge)
    page = await web.get(AUTHORIZE, params=params)

    answer = await web.post(
        AUTHORIZE,
        params=params,
        data={"email": rep.email, "password": PASSWORD, "csrf": csrf_of(page)},
        headers={"Origin": origin},
    )

    assert answer.status_code == 403


# --- the code ----------------------------------------------------------------------------


async def test_a_verifier_that_does_not_match_the_challenge_gets_no_tokens(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    _, challenge = pkce()
    other_verifier, _ = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)

    assert_oauth_problem(
        await exchange(web, rep_app.client_id, code, other_verifier), 400, "invalid_grant"
    )
    missing = await web.post(
        "/v1/oauth/token",
        data={
            "grant_type": "authorization_code",
            "client_id": rep_app.client_id,
            "code": code,
            "redirect_uri": LOOPBACK,
        },
    )
    assert_oauth_problem(missing, 400, "invalid_request")


async def test_a_code_is_bound_to_its_redirect_uri_and_app(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    verifier, challenge = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)
    other = await make_app(db)

    assert_oauth_problem(
        await exchange(web, rep_app.client_id, code, verifier, WEB), 400, "invalid_grant"
    )
    assert_oauth_problem(await exchange(web, other.client_id, code, verifier), 400, "invalid_grant")
    # None of that used it up.
    assert (await exchange(web, rep_app.client_id, code, verifier)).status_code == 200


async def test_a_code_used_twice_ends_what_its_first_use_issued(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User
) -> None:
    verifier, challenge = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)
    first = (await exchange(web, rep_app.client_id, code, verifier)).json()
    assert (await web.get("/v1/me", headers=bearer(first["access_token"]))).status_code == 200

    again = await exchange(web, rep_app.client_id, code, verifier)

    assert_oauth_problem(again, 400, "invalid_grant")
    assert (await web.get("/v1/me", headers=bearer(first["access_token"]))).status_code == 401
    renewed = await web.post(
        "/v1/oauth/token",
        data={
            "grant_type": "refresh_token",
            "client_id": rep_app.client_id,
            "refresh_token": first["refresh_token"],
        },
    )
    assert_oauth_problem(renewed, 400, "invalid_grant")


async def test_a_code_lives_sixty_seconds(
    web: httpx.AsyncClient, rep_app: OAuthApp, rep: User, db: AsyncSession
) -> None:
    verifier, challenge = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)
    issued = (await db.scalars(select(AuthorizationCode))).all()
    (row,) = [r for r in issued if r.user_id == rep.id]
    assert timedelta(seconds=55) < row.expires_at - datetime.now(UTC) <= timedelta(seconds=60)
    # The sign-in was a minute ago.
    await db.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.id == row.id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )

    assert_oauth_problem(
        await exchange(web, rep_app.client_id, code, verifier), 400, "invalid_grant"
    )


async def test_an_unknown_code_gets_invalid_grant(
    web: httpx.AsyncClient, rep_app: OAuthApp
) -> None:
    verifier, _ = pkce()
    assert_oauth_problem(
        await exchange(web, rep_app.client_id, "made-up", verifier), 400, "invalid_grant"
    )


async def test_an_unknown_app_at_the_token_endpoint_is_invalid_client(
    web: httpx.AsyncClient,
) -> None:
    verifier, _ = pkce()
    assert_oauth_problem(await exchange(web, "no-such-app", "x", verifier), 401, "invalid_client")
    no_id = await web.post(
        "/v1/oauth/token", data={"grant_type": "authorization_code", "code": "x"}
    )
    assert_oauth_problem(no_id, 401, "invalid_client")


@pytest.mark.parametrize(
    "change",
    [
        {"redirect_uri": 'http://127.0.0.1/"\\callback'},
        {"response_type": 'code"\\'},
        {"client_id": 'x"\\'},
        {"state": 'a"\\\x7f'},
        {"code_challenge_method": 'S256"'},
        {"scope": 'a"\\'},
    ],
)
async def test_characters_an_oauth_error_cannot_carry_make_no_server_error(
    web: httpx.AsyncClient, rep_app: OAuthApp, change: dict[str, str]
) -> None:
    _, challenge = pkce()

    answer = await web.get(AUTHORIZE, params=query(rep_app.client_id, challenge) | change)

    assert answer.status_code in (200, 303, 400), answer.text


async def test_a_code_is_judged_by_the_clock_of_tokens_not_the_databases(
    web: httpx.AsyncClient, db: AsyncSession, rep_app: OAuthApp, rep: User
) -> None:
    verifier, challenge = pkce()
    code = await code_for(web, query(rep_app.client_id, challenge), rep.email)
    # The database's clock an hour behind this process's, and the person disabled and enabled
    # again half an hour ago (by this process's clock): the code, issued after, still counts.
    await db.execute(
        update(AuthorizationCode).values(
            created_at=AuthorizationCode.created_at - timedelta(hours=1)
        )
    )
    await db.execute(
        update(User)
        .where(User.id == rep.id)
        .values(tokens_valid_after=datetime.now(UTC) - timedelta(minutes=30))
    )

    exchanged = await exchange(web, rep_app.client_id, code, verifier)

    assert exchanged.status_code == 200, exchanged.text
