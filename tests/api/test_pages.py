"""`/reports/sla`, the SLA report as a page: who may see it and how a browser signs in (a bearer
header, or the cookie its sign-in form sets), what it shows, how it refuses bad input (as HTML, with
the API problem's status and words), and that it renders in headless Chromium on a phone-sized
screen without errors, console messages or sideways scrolling.
"""

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.api.pages import COOKIE
from dealreg.orgs.models import Organization, Role
from tests.clocks import Headers, decided_after, register, started_at, sweep
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem

PAGE = "/reports/sla"
SIGN_IN = "/reports/sign-in"
SIGN_OUT = "/reports/sign-out"
HOSTILE_NAME = 'Acme <script>alert("x")</script> & Co'
CHROMIUM = shutil.which("chromium")


@dataclass
class Scene:
    vendor: VendorSetup
    other: VendorSetup
    partner: PartnerSetup
    ops: Headers
    ops_token: str
    admin: Headers
    other_admin: Headers


def token_of(headers: Headers) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


@pytest.fixture
async def scene(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Scene:
    """A vendor with a hostile name: one registration decided after 10 business hours, one
    breached (submitted ten days ago and swept now), one fresh; and another vendor's, fresh."""
    vendor = await vendor_setup(factory)
    vendor.vendor.name = HOSTILE_NAME
    other = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor, other)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    decided = await register(client, partner, vendor)
    await decided_after(client, db, admin, decided, 10)
    breached = await register(client, partner, vendor)
    now = datetime.now(UTC)
    await started_at(db, breached, now - timedelta(days=10))
    await sweep(db, now)
    await register(client, partner, vendor)
    await register(client, partner, other)
    return Scene(
        vendor,
        other,
        partner,
        ops,
        token_of(ops),
        admin,
        await factory.headers_for(other.vendor, Role.vendor_admin),
    )


def assert_page(response: httpx.Response, status: int) -> str:
    """An HTML page with `status`, never cached, allowed no script and only its own style."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html"), response.headers
    assert response.headers["cache-control"] == "no-store"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", policy), policy
    assert "frame-ancestors 'none'" in policy
    return response.text


def assert_sign_in_form(html: str) -> None:
    assert f'action="{SIGN_IN}"' in html
    assert 'name="token"' in html


def cookie_of(response: httpx.Response) -> str:
    header = response.headers["set-cookie"]
    assert header.startswith(f"{COOKIE}="), header
    return header


async def sign_in(client: httpx.AsyncClient, token: str, back: str = "") -> httpx.Response:
    return await client.post(
        SIGN_IN, data={"token": token, "back": back}, headers={"Origin": "http://testserver"}
    )


# --- who sees it -------------------------------------------------------------------------------


async def test_without_a_token_the_page_is_the_sign_in_form(client: httpx.AsyncClient) -> None:
    html = assert_page(await client.get(PAGE, params={"from": "2026-01-01"}), 401)
    assert_sign_in_form(html)
    assert 'name="back" value="from=2026-01-01"' in html


async def test_channel_ops_with_a_bearer_header_see_every_vendor(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    assert scene.other.vendor.name in html
    assert "all vendors" in html
    assert 'name="vendor_id"' in html


async def test_a_vendor_admin_sees_its_own_vendor_only(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.other_admin), 200)
    assert scene.other.vendor.name in html
    assert "Acme" not in html
    assert 'name="vendor_id"' not in html


async def test_a_vendor_admin_naming_another_vendor_gets_a_403_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(
        PAGE, params={"vendor_id": str(scene.vendor.vendor.id)}, headers=scene.other_admin
    )
    html = assert_page(response, 403)
    assert "own SLA reports" in html
    assert "Acme" not in html


@pytest.mark.parametrize("role", [Role.partner_admin, Role.partner_rep])
async def test_a_partners_token_gets_a_403_page(
    client: httpx.AsyncClient, scene: Scene, factory: Factory, role: Role
) -> None:
    headers = await factory.headers_for(scene.partner.partner, role)
    html = assert_page(await client.get(PAGE, headers=headers), 403)
    assert "for vendors and channel operations" in html


async def test_a_vendor_approver_without_the_reports_scope_gets_a_403_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.vendor.approver), 403)
    assert "vendors and channel operations" in html


async def test_a_refused_token_shows_the_form_again_with_the_reason(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(PAGE, headers={"Authorization": "Bearer not-a-jwt"})
    html = assert_page(response, 401)
    assert_sign_in_form(html)
    assert "The access token was refused" in html


async def test_a_token_of_a_disabled_user_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    platform = await factory.platform()
    user = await factory.user(platform, Role.channel_ops)
    token = factory.token(user, platform)
    user.active = False
    await db.flush()
    html = assert_page(await client.get(PAGE, headers={"Authorization": f"Bearer {token}"}), 401)
    assert "no longer exists, is disabled" in html


# --- signing in with the form ------------------------------------------------------------------


async def test_signing_in_sets_a_cookie_only_the_report_pages_read_and_returns_to_the_report(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await sign_in(client, scene.ops_token, back="from=2026-01-01&to=2026-02-01")
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"{PAGE}?from=2026-01-01&to=2026-02-01"
    cookie = cookie_of(response)
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/reports"):
        assert attribute.lower() in cookie.lower(), cookie
    assert "max-age" not in cookie.lower(), "a session cookie, gone with the browser"

    html = assert_page(
        await client.get(PAGE, headers={"Cookie": f"{COOKIE}={scene.ops_token}"}), 200
    )
    assert "Approval SLA" in html
    # The API itself never takes the cookie: it cannot be made to act by another site's form.
    api = await client.get("/v1/reports/sla", headers={"Cookie": f"{COOKIE}={scene.ops_token}"})
    assert_problem(api, 401)


async def test_sign_in_returns_to_the_reports_own_filters_only(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    back = "from=2026-01-01&next=https%3A%2F%2Fevil.example&vendor_id=x&to=2026-02-01"
    response = await sign_in(client, scene.ops_token, back=back)
    location = urlsplit(response.headers["location"])
    assert location.netloc == ""
    assert location.path == PAGE
    assert parse_qs(location.query) == {
        "from": ["2026-01-01"],
        "vendor_id": ["x"],
        "to": ["2026-02-01"],
    }


async def test_a_refused_token_at_sign_in_sets_no_cookie(client: httpx.AsyncClient) -> None:
    response = await sign_in(client, "eyJhbGciOiJub25lIn0.e30.", back="from=2026-01-01")
    html = assert_page(response, 401)
    assert "set-cookie" not in response.headers
    assert_sign_in_form(html)
    assert 'value="from=2026-01-01"' in html


async def test_an_empty_token_at_sign_in_is_a_400_form(client: httpx.AsyncClient) -> None:
    response = await sign_in(client, "   ")
    assert "Paste an access token" in assert_page(response, 400)
    assert "set-cookie" not in response.headers


async def test_a_partners_token_cannot_sign_in(
    client: httpx.AsyncClient, scene: Scene, factory: Factory
) -> None:
    headers = await factory.headers_for(scene.partner.partner, Role.partner_admin)
    response = await sign_in(client, token_of(headers))
    assert_page(response, 403)
    assert "set-cookie" not in response.headers


async def test_a_sign_in_posted_from_another_site_is_refused(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.post(
        SIGN_IN, data={"token": scene.ops_token}, headers={"Origin": "https://evil.example"}
    )
    assert "own page" in assert_page(response, 403)
    assert "set-cookie" not in response.headers


async def test_a_refused_cookie_is_cleared(client: httpx.AsyncClient) -> None:
    response = await client.get(PAGE, headers={"Cookie": f"{COOKIE}=expired-or-forged"})
    assert_sign_in_form(assert_page(response, 401))
    cleared = cookie_of(response)
    assert 'dealreg_reports="";' in cleared or "max-age=0" in cleared.lower(), cleared


async def test_signing_out_clears_the_cookie(client: httpx.AsyncClient) -> None:
    response = await client.post(SIGN_OUT, headers={"Cookie": f"{COOKIE}=anything"})
    assert response.status_code == 303
    assert response.headers["location"] == PAGE
    assert "max-age=0" in cookie_of(response).lower()


# --- what it shows -----------------------------------------------------------------------------


async def test_the_page_shows_totals_charts_vendors_and_breaches(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    tiles = re.findall(r'<div class="tile[^"]*"><b>([^<]+)</b><span>([^<]+)</span>', html)
    figures = {label: value for value, label in tiles}
    assert figures["submitted"] == "4"
    assert figures["decided"] == "1"
    assert figures["median to decision (business)"] == "10 h"
    assert figures["breaches of the hard limit"] == "1"
    assert html.count('<svg class="chart"') == 2
    assert html.count("<circle ") == 1, "one week with one decision: one point"
    assert html.count("<rect x=") == 1, "one week with one breach: one bar"
    assert re.search(r"-\d{4}-000002</td>", html), "the breached registration is listed"


async def test_names_are_escaped_everywhere(client: httpx.AsyncClient, scene: Scene) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    assert "<script>" not in html
    assert "Acme &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co" in html


async def test_one_vendor_chosen_by_channel_ops(client: httpx.AsyncClient, scene: Scene) -> None:
    response = await client.get(
        PAGE, params={"vendor_id": str(scene.other.vendor.id)}, headers=scene.ops
    )
    html = assert_page(response, 200)
    assert f"·\n{scene.other.vendor.name}</p>" in html
    assert "<circle " not in html
    assert "Acme" in html, "still among the vendors to choose from"


async def test_an_empty_period_says_so(client: httpx.AsyncClient, scene: Scene) -> None:
    params = {"from": "2020-01-01", "to": "2020-01-31"}
    html = assert_page(await client.get(PAGE, params=params, headers=scene.ops), 200)
    assert "No registrations were submitted in this period." in html
    assert "No breaches in this period." in html


# --- refused input, as pages -------------------------------------------------------------------


async def test_a_bad_date_is_a_400_page_naming_the_parameter(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(PAGE, params={"from": "yesterday"}, headers=scene.ops)
    html = assert_page(response, 400)
    assert "<code>from</code>" in html


async def test_from_after_to_is_a_422_page(client: httpx.AsyncClient, scene: Scene) -> None:
    params = {"from": "2026-02-01", "to": "2026-01-01"}
    html = assert_page(await client.get(PAGE, params=params, headers=scene.ops), 422)
    assert "`from` is after `to`" in html


async def test_an_unknown_vendor_is_a_404_page(
    client: httpx.AsyncClient, scene: Scene, db: AsyncSession
) -> None:
    partner: Organization = scene.partner.partner
    params = {"vendor_id": str(partner.id)}
    assert_page(await client.get(PAGE, params=params, headers=scene.ops), 404)


# --- in a browser ------------------------------------------------------------------------------


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
async def test_the_page_renders_in_headless_chromium_on_a_phone(
    live_url: str, scene: Scene, tmp_path: Path
) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
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
            context = await browser.new_context(viewport={"width": 390, "height": 844})
            page = await context.new_page()
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.on("pageerror", lambda error: messages.append(str(error)))

            first = await page.goto(f"{live_url}{PAGE}")
            assert first is not None
            assert first.status == 401
            await page.fill("#token", scene.ops_token)
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{live_url}{PAGE}")

            assert await page.title() == "Approval SLA · dealreg"
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page scrolls sideways: {width}px wide"
            charts = page.locator("svg.chart")
            assert await charts.count() == 2
            for index in range(2):
                box = await charts.nth(index).bounding_box()
                assert box is not None
                assert box["width"] > 300, box
                assert box["height"] > 150, box
            await page.screenshot(path=str(tmp_path / "sla-phone.png"), full_page=True)
            # The 401 of the first visit is the only message: a style or script refused by the
            # page's policy would be logged here too.
            assert [m for m in messages if "401" not in m] == []
        finally:
            await browser.close()
