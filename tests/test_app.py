"""The rep's app (clients/app).

The build: what is committed in the package (src/dealreg/app_dist) is what the sources build to: `npm ci && npm run build` (type check, then Vite) on a copy of the repository's
clients, compared file by file and byte for byte with the committed build. A change to the app,
the SDK or the generated types without a rebuild fails here; so would a build that depends on
the machine (a path, a time) rather than on the sources.

The app in Chromium at a phone's size (390 by 844), served by `dealreg serve --demo` on a
database of its own: the demo's rep signs in through the authorization server, registers one
deal with Acme and Nordlys (a 422 shown on its field first, then the
incentive preview), and finds both registrations on the home screen with their SLA badges,
loaded in at most two requests; each screen is photographed and checked by axe-core (no serious
or critical violation) and for targets of at least 44 px.

Node and npm are part of CI's machine: there, a missing one fails the test; elsewhere it is
skipped (as for the TypeScript client's checks); without Chromium the browser test is skipped."""

import json
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest

from tests.servers import DemoServer
from tests.test_typescript_client import _npm, _run

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "src" / "dealreg" / "app_dist"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clients/app and the SDK it depends on (clients/typescript) copied without node_modules and
    installed from the app's lock file; the copy of clients/app."""
    npm = _npm()
    root = tmp_path_factory.mktemp("repo")
    for package in ("app", "typescript"):
        shutil.copytree(
            ROOT / "clients" / package,
            root / "clients" / package,
            ignore=shutil.ignore_patterns("node_modules"),
        )
    app = root / "clients" / "app"
    done = _run([npm, "ci", "--prefer-offline"], app)
    assert done.returncode == 0, done.stdout + done.stderr
    return app


@pytest.fixture(scope="module")
def rebuilt(installed: Path) -> Path:
    """The folder a fresh build of the installed copy wrote."""
    built = _run([_npm(), "run", "build"], installed)
    assert built.returncode == 0, built.stdout + built.stderr
    return installed.parents[1] / "src" / "dealreg" / "app_dist"


def test_the_committed_build_is_what_the_sources_build_to(rebuilt: Path) -> None:
    fresh, committed = _files(rebuilt), _files(COMMITTED)
    assert sorted(fresh) == sorted(committed), (
        "src/dealreg/app_dist is stale: run `npm ci && npm run build` in clients/app and commit it"
    )
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], f"rebuilt files differ from the committed ones: {changed}"


def test_the_build_holds_the_app_shell_and_its_worker(rebuilt: Path) -> None:
    names = set(_files(rebuilt))
    assert {"index.html", "sw.js", "registerSW.js", "manifest.webmanifest"} <= names
    assert any(name.startswith("assets/") and name.endswith(".js") for name in names)


# --- in a browser ------------------------------------------------------------------------------

# What a person taps: each at least this tall and wide (WCAG 2.5.5's 44 CSS pixels).
TARGET_PX = 44
TAPPABLE = """
() => [...document.querySelectorAll(
    'a, button, select, input:not([type=checkbox]), textarea, label:has(input[type=checkbox])'
  )]
  .filter((e) => e.offsetParent !== null)
  .map((e) => { const r = e.getBoundingClientRect();
                return {what: e.outerHTML.slice(0, 80), width: r.width, height: r.height}; })
"""


CHROMIUM = shutil.which("chromium")
PASSWORD = "a long pass phrase for the app"
REP = "rep@northwind.example"
CUSTOMER = "Contoso Retail SRL"


async def registrations_of(database_url: str, customer: str) -> list[str]:
    """The vendors' codes of the registrations for `customer`, counted in the database."""
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        rows = await connection.fetch(
            "SELECT o.code FROM registrations r JOIN deals d ON d.id = r.deal_id "
            "JOIN organizations o ON o.id = r.vendor_id WHERE d.customer->>'legal_name' = $1 "
            "ORDER BY o.code",
            customer,
        )
    finally:
        await connection.close()
    return [row["code"] for row in rows]


async def lead_status(database_url: str, customer: str) -> str:
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        status: str = await connection.fetchval(
            "SELECT status FROM leads WHERE customer->>'legal_name' = $1", customer
        )
    finally:
        await connection.close()
    return status


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
async def test_a_rep_signs_in_registers_a_deal_with_two_vendors_and_sees_both_on_home(
    installed: Path, scratch_url: str, tmp_path: Path
) -> None:
    from playwright.async_api import Page, async_playwright

    shots = tmp_path
    axe = (installed / "node_modules" / "axe-core" / "axe.min.js").read_text()
    server = DemoServer(
        tmp_path / "serve.log",
        time.monotonic() + 300,
        DEALREG_DATABASE_URL=scratch_url,
        DEALREG_DATA_DIR=str(tmp_path / "data"),
        DEALREG_DEMO_PASSWORD=PASSWORD,
        # `localhost`: a secure context for the browser (PKCE's crypto, the service worker).
        DEALREG_JWT_ISSUER="http://localhost:{port}",
        DEALREG_LOG_LEVEL="WARNING",
    )
    url = f"http://localhost:{server.port}"

    async def check(page: Page, name: str) -> None:
        """Photographed, checked by axe-core and for target sizes, and not wider than a phone."""
        await page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        await page.add_script_tag(content=axe)
        found = await page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.html)}))"
        )
        bad = [v for v in found if v["impact"] in {"serious", "critical"}]
        assert bad == [], f"{name}: {json.dumps(bad, indent=1)}"
        small = [
            t
            for t in await page.evaluate(TAPPABLE)
            if t["height"] < TARGET_PX or t["width"] < TARGET_PX
        ]
        assert small == [], f"{name}: targets under {TARGET_PX}px: {small}"
        wide = await page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, f"{name} scrolls sideways: {wide}px"

    accepted: list[str] = []
    try:
        server.wait_for(r"the password '")
        server.wait_ready()
        async with async_playwright() as playwright:
            chromium = await playwright.chromium.launch(
                executable_path=CHROMIUM,
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
                await walk(chromium, url, check, accepted)
            finally:
                await chromium.close()
        assert await registrations_of(scratch_url, CUSTOMER) == ["ACME", "NORDLYS"]
        assert await lead_status(scratch_url, accepted[0]) == "accepted"
    finally:
        server.stop()


async def walk(chromium: Any, url: str, check: Any, accepted: list[str]) -> None:
    # axe-core goes in as an inline script, which the app's policy (rightly) refuses.
    context = await chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="en-GB", bypass_csp=True
    )
    page = await context.new_page()
    messages: list[str] = []
    page.on("pageerror", lambda error: messages.append(str(error)))
    requests: list[str] = []
    # The page's own calls (a service worker passing one on is not another request).
    page.on(
        "request",
        lambda request: (
            requests.append(urlsplit(request.url).path)
            if request.resource_type in {"fetch", "xhr"} and request.service_worker is None
            else None
        ),
    )
    sent: list[str] = []
    context.on(
        "request",
        lambda request: sent.append(
            f"{urlsplit(request.url).path} sw={request.service_worker is not None} "
            f"type={request.resource_type}"
        ),
    )

    await page.goto(f"{url}/app/")
    await page.get_by_role("heading", name="Your deals, leads and earnings").wait_for()
    await check(page, "1-sign-in")
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{url}/oauth/authorize**")
    await page.get_by_label("Email").fill(REP)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{url}/app/")
    await page.get_by_role("heading", name="Home").wait_for()
    await page.locator("a.row").first.wait_for()
    await check(page, "2-home")

    await page.get_by_role("link", name="New deal").click()
    await page.get_by_role("heading", name="New deal").wait_for()
    await page.get_by_label("Legal name").fill(CUSTOMER)
    await page.get_by_label("Country (two letters, e.g. RO)").fill("RO")
    await page.get_by_label("Web domain (optional)").fill("contoso-retail.ro")
    await page.get_by_label("Name", exact=True).fill("Ioana Popescu")
    await page.get_by_label("Title").fill("Stores' firewalls and endpoints")
    close = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
    await page.get_by_label("Expected close date").fill(close)
    await page.get_by_label("Acme Networks").check()
    await page.get_by_label("Nordlys Security").check()
    acme = page.locator("fieldset", has_text="Primary use case")
    await acme.get_by_label("Product").select_option("ACME-FW-100")
    await acme.get_by_label("Quantity").fill("20")
    await acme.get_by_label("Unit price (USD)").fill("1500")
    await acme.get_by_label("Primary use case").select_option("branch")
    nordlys = page.locator("fieldset", has_text="Number of endpoints")
    await nordlys.get_by_label("Product").select_option("NRD-EDR-ENT")
    await nordlys.get_by_label("Unit price (USD)").fill("9000")

    # The endpoints left out: the vendor's 422 lands on its field.
    await page.get_by_role("button", name="Register").click()
    endpoints = nordlys.get_by_label("Number of endpoints")
    await page.locator("[aria-invalid=true]").first.wait_for()
    assert await endpoints.get_attribute("aria-invalid") == "true"
    await check(page, "3-new-deal-422")

    await endpoints.fill("500")
    await page.get_by_role("button", name="See what I earn").click()
    await page.get_by_role("heading", name="What you would earn").wait_for()
    await check(page, "4-new-deal-preview")
    await page.get_by_role("button", name="Register").click()
    await page.wait_for_url(f"{url}/app/")
    # Home, once its answer is in: the reload below then starts from a quiet page.
    await page.locator("a.row", has_text=CUSTOMER).first.wait_for()
    requests.clear()
    sent.clear()
    await page.reload()
    await page.wait_for_load_state("networkidle")
    ours = page.locator("a.row", has_text=CUSTOMER)
    await ours.nth(1).wait_for()
    assert await ours.count() == 2
    texts = sorted([await ours.nth(i).inner_text() for i in range(2)])
    assert "Acme Networks" in texts[0]
    assert "Nordlys Security" in texts[1]
    for text in texts:
        assert "On track" in text, text
    api_calls = [p for p in requests if p.startswith(("/v1/", "/.well-known/", "/oauth/"))]
    # One request: the home summary (the token is fresh, so no metadata read nor refresh).
    assert api_calls == ["/v1/me/home"], (api_calls, sent)
    await check(page, "5-home-registered")

    # The demo's lead waiting for the rep: the reasons to reject it shown, then it is accepted.
    lead = page.locator("li.lead").first
    prospect = (await lead.locator(".row-title").inner_text()).split(" · ")[0]
    await lead.get_by_role("button", name="Reject").click()
    await lead.get_by_label("Why not?").select_option("other")
    await lead.get_by_label("In a few words").wait_for()
    await check(page, "6-lead-reject")
    await lead.get_by_role("button", name="Cancel").click()
    await lead.get_by_role("button", name="Accept").click()
    await page.get_by_text("No lead is waiting for you.").wait_for()
    accepted.append(prospect)

    await ours.first.click()
    await page.get_by_role("heading", name="Decision time").wait_for()
    await check(page, "7-registration")

    await page.get_by_label("Language").select_option("ro")
    await page.get_by_role("link", name="dealreg").click()
    await page.get_by_role("heading", name="Acasă").wait_for()
    await page.reload()
    await page.get_by_role("heading", name="Acasă").wait_for()
    await check(page, "8-home-ro")
    assert messages == []
