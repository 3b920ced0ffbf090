"""A browser signs in to the report pages through the authorization flow, as `dealreg-pages`:
sent to the sign-in page with PKCE and a state, back at the callback with a code, kept signed in
by a sealed session cookie that holds no token, sent to sign in again when the session ends, and
signed out by a CSRF-protected form. Then all of it in headless Chromium at a phone's width."""

import asyncio
import csv
import io
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import msgspec
import pytest
from granian.constants import Interfaces
from granian.server.embed import Server
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.api.pages import (
    CALLBACK_PATH,
    FLOW_COOKIE,
    PAGES_APP,
    SESSION_COOKIE,
    flow_cookie_name,
)
from dealreg.app import create_app
from dealreg.auth import service
from dealreg.auth.models import OAuthApp, SignInSession
from dealreg.config import Settings
from dealreg.orgs.models import Role, User
from tests.factories import Factory
from tests.report_pages import PAGE, Scene, assert_page
from tests.servers import free_port
from tests.signin import ORIGIN, PASSWORD, browser, csrf_of, person

SIGN_OUT = "/reports/sign-out"
SIGNED_OUT = "/reports/signed-out"
CALLBACK = ORIGIN + CALLBACK_PATH
CHROMIUM = shutil.which("chromium")
Query = dict[str, str] | list[tuple[str, str]]


@pytest.fixture
async def web(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with browser(app) as client:
        yield client


@pytest.fixture
async def ops(factory: Factory) -> User:
    return await person(factory, await factory.platform(), Role.channel_ops)


def cookie_named(response: httpx.Response, name: str) -> str:
    found = [c for c in response.headers.get_list("set-cookie") if c.startswith(f"{name}=")]
    assert len(found) == 1, response.headers.get_list("set-cookie")
    return found[0]


async def to_callback(
    web: httpx.AsyncClient, email: str, query: Query | None = None
) -> httpx.Response:
    """Open the report unsigned and sign in on the page it sends to: the sign-in page's answer,
    a redirect to the callback."""
    start = await web.get(PAGE, params=query or {})
    assert start.status_code == 303, start.text
    authorize = start.headers["location"]
    form = await web.get(authorize)
    assert form.status_code == 200, form.text
    return await web.post(
        authorize, data={"email": email, "password": PASSWORD, "csrf": csrf_of(form)}
    )


async def signed_in(
    web: httpx.AsyncClient, email: str, query: Query | None = None
) -> httpx.Response:
    """The callback's answer to a whole sign-in."""
    back = await to_callback(web, email, query)
    assert back.status_code == 303, back.text
    assert back.headers["location"].startswith(CALLBACK + "?")
    return await web.get(back.headers["location"])


def state_of(redirect: httpx.Response) -> str:
    return parse_qs(urlsplit(redirect.headers["location"]).query)["state"][0]


async def page_session(db: AsyncSession, user: User) -> SignInSession:
    return await db.scalar(select(SignInSession).where(SignInSession.user_id == user.id))


# --- being sent to sign in ---------------------------------------------------------------------


async def test_an_unsigned_browser_is_sent_to_sign_in_with_pkce_and_a_state(
    web: httpx.AsyncClient, db: AsyncSession
) -> None:
    response = await web.get(PAGE, params={"from": "2026-01-01"})

    assert response.status_code == 303
    assert response.headers["cache-control"] == "no-store"
    location = urlsplit(response.headers["location"])
    assert location.path == "/oauth/authorize"
    query = {key: value[0] for key, value in parse_qs(location.query).items()}
    assert query["client_id"] == PAGES_APP
    assert query["redirect_uri"] == CALLBACK
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32
    flow = cookie_named(response, flow_cookie_name(query["state"])).lower()
    for attribute in ("httponly", "secure", "samesite=lax", f"path={CALLBACK_PATH}", "max-age=600"):
        assert attribute in flow, flow
    # Sealed: neither the state nor the verifier can be read from it.
    assert query["state"].lower() not in flow
    form = await web.get(response.headers["location"])
    assert "to continue to dealreg reports" in form.text
    # A person who forgot finds the way to a new password from here.
    assert 'href="/account/password-reset"' in form.text
    # dealreg-pages registered itself, first-party, with the issuer's callback.
    app = await db.scalar(select(OAuthApp).where(OAuthApp.client_id == PAGES_APP))
    assert app is not None
    assert app.first_party
    assert app.redirect_uris == [CALLBACK]


async def test_the_pages_app_keeps_what_an_admin_set_and_gains_a_moved_callback(
    web: httpx.AsyncClient, db: AsyncSession
) -> None:
    db.add(OAuthApp(client_id=PAGES_APP, name="Ours", redirect_uris=["https://old.example/cb"]))
    await db.flush()
    assert (await web.get(PAGE)).status_code == 303
    assert (await web.get(PAGE)).status_code == 303
    app = await db.scalar(select(OAuthApp).where(OAuthApp.client_id == PAGES_APP))
    assert app is not None
    await db.refresh(app)
    assert app.redirect_uris == ["https://old.example/cb", CALLBACK]
    assert app.name == "Ours"


async def test_a_disabled_pages_app_signs_nobody_in(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    db.add(OAuthApp(client_id=PAGES_APP, name="Ours", redirect_uris=[CALLBACK], active=False))
    await db.flush()
    start = await web.get(PAGE)
    assert_page(await web.get(start.headers["location"]), 400)


# --- the callback ------------------------------------------------------------------------------


async def test_signing_in_returns_to_the_report_with_a_session_cookie_holding_no_token(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    query = {"from": "2026-01-01", "to": "2026-02-01"}
    response = await signed_in(web, ops.email, query)

    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"{PAGE}?from=2026-01-01&to=2026-02-01"
    session = cookie_named(response, SESSION_COOKIE)
    for attribute in ("httponly", "secure", "samesite=lax", "path=/reports"):
        assert attribute in session.lower(), session
    value = session.split(";", 1)[0].split("=", 1)[1]
    assert "." not in value, "no JWT: the cookie holds the session's id, sealed"
    (flow,) = [c for c in response.headers.get_list("set-cookie") if c.startswith(FLOW_COOKIE)]
    assert "max-age=0" in flow.lower()
    row = await page_session(db, ops)
    assert str(row.id) not in session
    assert row.ended_at is None

    report = await web.get(response.headers["location"])
    html = assert_page(report, 200)
    assert "Approval SLA" in html
    assert f'action="{SIGN_OUT}"' in html
    assert 'name="csrf"' in html
    # The API itself never takes the cookie: another site's form cannot make it act.
    assert (await web.get("/v1/reports/sla")).status_code == 401


async def test_two_tabs_signing_in_at_once_both_finish(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    first = await to_callback(web, ops.email)
    second = await to_callback(web, ops.email)

    for back in (first, second):
        finished = await web.get(back.headers["location"])
        assert finished.status_code == 303, finished.text
        assert finished.headers["location"] == PAGE
    assert_page(await web.get(PAGE), 200)


async def test_filters_too_long_to_carry_are_left_behind(web: httpx.AsyncClient, ops: User) -> None:
    response = await signed_in(web, ops.email, [("from", "2026-01-01")] * 30)
    assert response.headers["location"] == PAGE


async def test_a_state_that_does_not_match_starts_no_session(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    back = await to_callback(web, ops.email)
    location = back.headers["location"].replace("state=", "state=x")
    response = await web.get(location)
    assert "did not start in this browser" in assert_page(response, 400)
    assert not [c for c in response.headers.get_list("set-cookie") if SESSION_COOKIE + "=" in c]
    assert await page_session(db, ops) is None


async def test_a_callback_without_its_flow_cookie_or_with_a_forged_one_starts_no_session(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    back = await to_callback(web, ops.email)
    web.cookies.clear()
    response = await web.get(back.headers["location"])
    assert "did not start in this browser" in assert_page(response, 400)
    forged = flow_cookie_name(state_of(back))
    web.cookies.set(forged, "AQ" + "A" * 80, domain="dealreg.test", path=CALLBACK_PATH)
    response = await web.get(back.headers["location"])
    assert_page(response, 400)
    assert await page_session(db, ops) is None


async def test_a_refusal_from_the_sign_in_page_is_shown_with_a_way_back(
    web: httpx.AsyncClient,
) -> None:
    start = await web.get(PAGE)
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    response = await web.get(
        CALLBACK, params={"error": "access_denied", "error_description": "No.", "state": state}
    )
    html = assert_page(response, 400)
    assert "No." in html
    assert f'href="{PAGE}"' in html


async def test_a_code_used_twice_ends_the_session_it_started(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    back = await to_callback(web, ops.email)
    name = flow_cookie_name(state_of(back))
    flow = web.cookies.get(name)
    assert (await web.get(back.headers["location"])).status_code == 303
    web.cookies.set(name, flow, domain="dealreg.test", path=CALLBACK_PATH)
    again = await web.get(back.headers["location"])
    assert_page(again, 400)
    row = await page_session(db, ops)
    await db.refresh(row)
    assert row.ended_at is not None
    assert (await web.get(PAGE)).status_code == 303


# --- each page from the session ----------------------------------------------------------------


async def test_a_forged_session_cookie_is_sent_to_sign_in_and_cleared(
    web: httpx.AsyncClient,
) -> None:
    web.cookies.set(SESSION_COOKIE, "AQ" + "B" * 60, domain="dealreg.test", path="/reports")
    response = await web.get(PAGE)
    assert response.status_code == 303
    assert "max-age=0" in cookie_named(response, SESSION_COOKIE).lower()


@pytest.mark.parametrize(
    "ending", ["signed out elsewhere", "unused 30 days", "disabled", "new password"]
)
async def test_an_ended_session_or_a_disabled_person_is_sent_to_sign_in_again(
    web: httpx.AsyncClient, db: AsyncSession, ops: User, ending: str
) -> None:
    await signed_in(web, ops.email)
    assert (await web.get(PAGE)).status_code == 200
    if ending == "signed out elsewhere":
        row = await page_session(db, ops)
        row.ended_at = row.created_at
    elif ending == "unused 30 days":
        row = await page_session(db, ops)
        row.last_used_at -= timedelta(days=30)
    elif ending == "disabled":
        ops.active = False
    else:
        await service.set_password(db, ops.email, "another long pass phrase")
    await db.flush()

    response = await web.get(PAGE)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/oauth/authorize?")


async def test_a_partner_signed_in_gets_the_403_page(
    web: httpx.AsyncClient, factory: Factory
) -> None:
    rep = await person(factory)
    assert (await signed_in(web, rep.email)).status_code == 303
    assert "for vendors and channel operations" in assert_page(await web.get(PAGE), 403)


async def test_a_vendor_admin_signed_in_sees_its_own_vendor(
    web: httpx.AsyncClient, factory: Factory, scene: Scene
) -> None:
    admin = await person(factory, scene.other.vendor, Role.vendor_admin)
    await signed_in(web, admin.email)
    html = assert_page(await web.get(PAGE), 200)
    assert scene.other.vendor.name in html
    assert "Acme" not in html


# --- signing out -------------------------------------------------------------------------------


async def test_signing_out_ends_the_session_and_clears_the_cookies(
    web: httpx.AsyncClient, db: AsyncSession, ops: User
) -> None:
    await signed_in(web, ops.email)
    report = await web.get(PAGE)
    csrf = csrf_of(report)

    response = await web.post(SIGN_OUT, data={"csrf": csrf})

    assert response.status_code == 303
    assert response.headers["location"] == SIGNED_OUT
    assert "max-age=0" in cookie_named(response, SESSION_COOKIE).lower()
    row = await page_session(db, ops)
    await db.refresh(row)
    assert row.ended_at is not None
    html = assert_page(await web.get(SIGNED_OUT), 200)
    assert "You are signed out" in html
    assert (await web.get(PAGE)).status_code == 303


@pytest.mark.parametrize("forgery", ["no token", "forged token", "another site"])
async def test_a_sign_out_without_its_csrf_token_or_from_another_site_ends_nothing(
    web: httpx.AsyncClient, db: AsyncSession, ops: User, forgery: str
) -> None:
    await signed_in(web, ops.email)
    csrf = csrf_of(await web.get(PAGE))
    data, headers = {"csrf": csrf}, {}
    if forgery == "no token":
        data = {}
    elif forgery == "forged token":
        data = {"csrf": "A" * 43}
    else:
        headers = {"Origin": "https://evil.example"}

    response = await web.post(SIGN_OUT, data=data, headers=headers)

    assert "expired or was not sent from dealreg" in assert_page(response, 403)
    assert (await page_session(db, ops)).ended_at is None
    assert (await web.get(PAGE)).status_code == 200


# --- in a browser ------------------------------------------------------------------------------


@pytest.fixture
async def served_at_own_issuer(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[str]:
    """The app at an address of its own that is also its issuer (the suite's issuer is a name
    no browser can reach, and the sign-in sends the browser back to the issuer's callback)."""
    port = free_port()
    url = f"http://localhost:{port}"
    app = create_app(msgspec.structs.replace(settings, jwt_issuer=url), sessionmaker=sessionmaker)
    server = Server(app, address="127.0.0.1", port=port, interface=Interfaces.ASGI)
    serving = asyncio.create_task(server.serve())
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        break
    yield url
    server.stop()
    await asyncio.wait_for(serving, timeout=10)
    await app.state.throttle.close()


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
async def test_a_person_signs_in_drills_down_downloads_and_signs_out(
    served_at_own_issuer: str, scene: Scene, factory: Factory, tmp_path: Path, width: int
) -> None:
    from playwright.async_api import async_playwright

    url = served_at_own_issuer
    ops = await person(factory, await factory.platform(), Role.channel_ops)
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            # Without these Chromium reaches for Google's services, refused on a closed network.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            context = await chromium.new_context(
                viewport={"width": width, "height": 844}, accept_downloads=True
            )
            page = await context.new_page()
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.on("pageerror", lambda error: messages.append(str(error)))

            async def fits() -> None:
                scrolled = await page.evaluate("document.documentElement.scrollWidth")
                assert scrolled <= width, f"{page.url} scrolls sideways: {scrolled}px wide"

            await page.goto(f"{url}{PAGE}")
            assert urlsplit(page.url).path == "/oauth/authorize"
            await page.screenshot(path=str(tmp_path / "1-sign-in.png"), full_page=True)
            await page.get_by_label("Email").fill(ops.email)
            await page.get_by_label("Password").fill(PASSWORD)
            await page.get_by_role("button", name="Sign in").click()
            await page.wait_for_url(f"{url}{PAGE}")

            assert await page.title() == "Approval SLA · dealreg"
            assert await page.get_by_text(f"Signed in as {ops.email}").is_visible()
            await fits()
            charts = page.locator("svg.chart")
            assert await charts.count() == 3
            for index in range(3):
                box = await charts.nth(index).bounding_box()
                assert box is not None
                assert box["width"] > 300, box
                assert box["height"] > 150, box
            # The policy's lines and their labels are drawn, and no label is cut off.
            for label in ("target 16 h", "hard limit 32 h"):
                text = page.locator("svg.chart .rule text", has_text=label)
                box = await text.bounding_box()
                chart_box = await charts.first.bounding_box()
                assert box is not None, label
                assert chart_box is not None
                assert chart_box["x"] <= box["x"], label
                assert box["x"] + box["width"] <= chart_box["x"] + chart_box["width"], label
                assert chart_box["y"] <= box["y"], label
            await page.screenshot(path=str(tmp_path / "2-report.png"), full_page=True)
            for index in range(3):
                await charts.nth(index).screenshot(path=str(tmp_path / f"2-chart-{index}.png"))
            await page.locator(".tiles").screenshot(path=str(tmp_path / "2-tiles.png"))
            await page.locator("table").first.screenshot(path=str(tmp_path / "2-figures.png"))
            # No script can read the session: the cookie is HttpOnly.
            assert await page.evaluate("document.cookie") == ""

            # From the count of breaches to the breached registration, and back.
            await page.get_by_text("breaches of the hard limit").click()
            breach = page.locator("#breaches a[href^='/reports/registrations/']").first
            breached_number = await breach.inner_text()
            await breach.click()
            await page.wait_for_url(f"{url}/reports/registrations/**")
            assert await page.locator("h1").inner_text() == breached_number
            await fits()
            await page.get_by_role("link", name="Back to the report").click()
            await page.wait_for_url(f"{url}{PAGE}")

            # From the count of those past target to the registration, and back.
            await page.get_by_text("open past target now").click()
            overdue = page.locator("#at-risk a[href^='/reports/registrations/']").first
            number = await overdue.inner_text()
            await overdue.click()
            await page.wait_for_url(f"{url}/reports/registrations/**")
            assert await page.locator("h1").inner_text() == number
            await fits()
            await page.screenshot(path=str(tmp_path / "3-registration.png"), full_page=True)
            await page.get_by_role("link", name="Back to the report").click()
            await page.wait_for_url(f"{url}{PAGE}")

            async with page.expect_download() as download:
                await page.locator("#at-risk").get_by_role("link", name="CSV").click()
            saved = tmp_path / "at-risk.csv"
            await (await download.value).save_as(saved)
            assert number in saved.read_text()
            # The figures as shown, wall-clock hours beside business hours.
            figures = page.locator("section", has=page.get_by_role("heading", name="By vendor"))
            async with page.expect_download() as download:
                await figures.get_by_role("link", name="CSV").click()
            saved = tmp_path / "figures.csv"
            await (await download.value).save_as(saved)
            first = next(csv.DictReader(io.StringIO(saved.read_text())))
            assert (
                first["median_hours_to_decision"],
                first["median_wall_clock_hours_to_decision"],
            ) == (
                "10.0",
                "26.0",
            )

            await page.get_by_role("button", name="Sign out").click()
            await page.wait_for_url(f"{url}{SIGNED_OUT}")
            assert await page.title() == "Signed out · dealreg"
            await page.screenshot(path=str(tmp_path / "4-signed-out.png"), full_page=True)
            await page.goto(f"{url}{PAGE}")
            assert urlsplit(page.url).path == "/oauth/authorize"
            assert messages == []
        finally:
            await chromium.close()
