"""The rep's app (clients/app).

The build: what is committed in the package (src/dealreg/app_dist) is what the sources build to: `npm ci && npm run build` (type check, then Vite) on a copy of the repository's
clients, compared file by file and byte for byte with the committed build. A change to the app,
the SDK or the generated types without a rebuild fails here; so would a build that depends on
the machine (a path, a time) rather than on the sources.

The app in Chromium at a phone's size (390 by 844), served by `dealreg serve --demo` on a
database of its own: the demo's rep signs in through the authorization server, registers one
deal with Acme and Nordlys (a 422 shown on its field first, then the
incentive preview), and finds both registrations on the home screen with their SLA badges,
loaded in at most two requests; accepts one waiting lead and rejects the other with a reason;
goes offline, reports a stage and a lead's first touch (queued, shown pending), comes back
online and each reaches the server exactly once (counted in the database); and once Acme
approves, finds the registration milestone in its earnings. Each screen is photographed and checked by axe-core (no serious
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
import httpx
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
# The demo's lead the rep accepted and has not contacted yet.
DATUM = "A. Datum"


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


async def fetchval(database_url: str, query: str, *args: object) -> Any:
    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return await connection.fetchval(query, *args)
    finally:
        await connection.close()


async def lead_status(database_url: str, customer: str) -> str:
    status: str = await fetchval(
        database_url, "SELECT status FROM leads WHERE customer->>'legal_name' = $1", customer
    )
    return status


async def stages_reported(database_url: str, customer: str, stage: str) -> int:
    """How many times the server took `stage` for the registration of `customer`."""
    count: int = await fetchval(
        database_url,
        "SELECT count(*) FROM registration_history h JOIN registrations r "
        "ON r.id = h.registration_id JOIN deals d ON d.id = r.deal_id "
        "WHERE d.customer->>'legal_name' = $1 AND h.to_stage = $2",
        customer,
        stage,
    )
    return count


async def dispositions_reported(database_url: str, customer: str, kind: str) -> int:
    count: int = await fetchval(
        database_url,
        "SELECT count(*) FROM lead_dispositions x JOIN leads l ON l.id = x.lead_id "
        "WHERE l.customer->>'legal_name' = $1 AND x.type = $2",
        customer,
        kind,
    )
    return count


async def extensions_asked(database_url: str, customer: str) -> int:
    count: int = await fetchval(
        database_url,
        "SELECT count(*) FROM extension_requests x JOIN registrations r "
        "ON r.id = x.registration_id JOIN deals d ON d.id = r.deal_id "
        "WHERE d.customer->>'legal_name' = $1",
        customer,
    )
    return count


async def registration_id(database_url: str, customer: str, vendor: str) -> str:
    found = await fetchval(
        database_url,
        "SELECT r.id FROM registrations r JOIN deals d ON d.id = r.deal_id "
        "JOIN organizations o ON o.id = r.vendor_id "
        "WHERE d.customer->>'legal_name' = $1 AND o.code = $2",
        customer,
        vendor,
    )
    return str(found)


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

    done: dict[str, str] = {}

    async def approve_for_acme() -> None:
        """Acme's approver approves the rep's registration through the API."""
        token = server.wait_for(r"vendor_approver\s+approver@acme\.example\s+(\S+)").group(1)
        ours = await registration_id(scratch_url, CUSTOMER, "ACME")
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            answer = await client.post(
                f"/v1/registrations/{ours}/approve",
                json={"note": "Welcome aboard"},
                headers={"Authorization": f"Bearer {token}", "If-Match": "*"},
            )
        assert answer.status_code == 200, answer.text

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
                await walk(chromium, url, check, done, scratch_url, approve_for_acme)
            finally:
                await chromium.close()
        assert await registrations_of(scratch_url, CUSTOMER) == ["ACME", "NORDLYS"]
        assert await lead_status(scratch_url, done["accepted"]) == "accepted"
        assert await lead_status(scratch_url, done["rejected"]) == "rejected"
    finally:
        server.stop()


async def walk(
    chromium: Any, url: str, check: Any, done: dict[str, str], database_url: str, approve: Any
) -> None:
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

    # The demo's two leads waiting for the rep: one accepted on home, the other rejected with a
    # reason on the leads screen.
    lead = page.locator("li.lead").first
    done["accepted"] = (await lead.locator(".row-title").inner_text()).split(" · ")[0]
    await lead.get_by_role("button", name="Accept").click()
    await page.get_by_role("heading", name="1 lead waiting for you").wait_for()
    await page.get_by_role("link", name="Leads", exact=True).click()
    await page.get_by_role("heading", name="Leads", exact=True).wait_for()
    waiting = page.locator(
        "section", has=page.get_by_role("heading", name="1 lead waiting for you")
    )
    lead = waiting.locator("li.lead")
    await lead.wait_for()
    done["rejected"] = (await lead.locator(".row-title").inner_text()).split(" · ")[0]
    await lead.get_by_role("button", name="Reject").click()
    await lead.get_by_label("Why not?").select_option("other")
    await lead.get_by_label("In a few words").fill("Their head office buys for them")
    await check(page, "6-lead-reject")
    await lead.get_by_role("button", name="Reject").click()
    await page.get_by_text("No lead is waiting for you.").wait_for()
    await check(page, "7-leads")

    # Offline: a stage on an approved registration and a lead's first touch, each queued with its
    # key, shown pending, and sent once when the network is back.
    await page.get_by_role("link", name="Earnings", exact=True).click()
    await page.get_by_role("heading", name="By deal").wait_for()
    await check(page, "8-earnings")
    await page.get_by_role("link", name="Relecloud").click()
    await page.get_by_role("heading", name="What this deal earned you").wait_for()
    await page.get_by_label("Stage reached").wait_for()
    await check(page, "9-registration-approved")
    await page.context.set_offline(True)
    await page.get_by_label("Stage reached").select_option("proposal")
    await page.get_by_role("button", name="Report the stage").click()
    await page.get_by_text("Waiting for the network: Proposal").wait_for()
    await check(page, "10-registration-offline")
    await page.get_by_role("link", name="Leads", exact=True).click()
    touched = page.locator("li.lead", has_text=DATUM)
    await touched.get_by_label("What happened").select_option("first_touch")
    await touched.get_by_role("button", name="Report").click()
    await page.get_by_text("Waiting for the network: First contact made").wait_for()
    await page.get_by_text("Offline: showing what this phone saved.").wait_for()
    await check(page, "11-leads-offline")
    await page.get_by_role("link", name="Home", exact=True).click()
    await page.get_by_text("Offline: showing what this phone saved.").wait_for()
    await page.locator("a.row", has_text=CUSTOMER).first.wait_for()
    await page.get_by_role("link", name="Leads", exact=True).click()
    await page.get_by_text("Waiting for the network: First contact made").wait_for()
    assert await stages_reported(database_url, "Relecloud", "proposal") == 0
    assert await dispositions_reported(database_url, DATUM, "first_touch") == 0
    await page.context.set_offline(False)
    await page.get_by_text("Waiting for the network").wait_for(state="detached", timeout=30_000)
    await touched.get_by_text("First contact made").wait_for()
    assert await stages_reported(database_url, "Relecloud", "proposal") == 1
    assert await dispositions_reported(database_url, DATUM, "first_touch") == 1

    # The lead just touched, converted to a deal with Acme: prefilled from the lead.
    await touched.get_by_role("link", name="Register deal").click()
    await page.get_by_role("heading", name=f"Register the deal of {DATUM}").wait_for()
    await page.get_by_label("Title").fill("Firewalls for the labs")
    await page.get_by_label("Expected close date").fill(close)
    await page.get_by_label("Quantity").fill("10")
    await page.get_by_label("Unit price (USD)").fill("1200")
    await page.get_by_label("Primary use case").select_option("branch")
    await check(page, "12-convert")
    await page.get_by_role("button", name="Register the deal").click()
    refused = page.locator("[role=alert]")
    registered = page.get_by_role("heading", name=DATUM, exact=True)
    await refused.or_(registered).first.wait_for()
    assert await refused.count() == 0, await refused.all_inner_texts()
    assert await registrations_of(database_url, DATUM) == ["ACME"]

    # Acme approves the new deal: its registration milestone shows in the rep's earnings (the
    # ledger is written by a job, a moment later).
    await approve()
    for _ in range(60):
        await page.get_by_role("link", name="Earnings", exact=True).click()
        await page.get_by_role("heading", name="By deal").wait_for()
        if await page.get_by_role("link", name=CUSTOMER).count():
            break
        await page.get_by_role("link", name="Home", exact=True).click()
        await page.wait_for_timeout(500)
    deal = page.locator("li.row", has=page.get_by_role("link", name=CUSTOMER))
    await deal.get_by_text("Registration approved").wait_for()
    await check(page, "13-earnings-approved")

    await page.get_by_role("link", name=CUSTOMER).click()
    await page.get_by_role("heading", name="Decision time").wait_for()
    await page.get_by_role("heading", name="Protection").wait_for()
    await page.locator(".entries", has_text="Registration approved").wait_for()
    await check(page, "14-registration-earned")
    await page.get_by_label("Why you need more time").fill("The board meets in March")
    await page.get_by_role("button", name="Ask for an extension").click()
    await page.get_by_text("Extension asked for: the vendor will decide.").wait_for()
    assert await extensions_asked(database_url, CUSTOMER) == 1

    await page.get_by_label("Language").select_option("ro")
    await page.get_by_role("link", name="Acasă").click()
    await page.get_by_role("heading", name="Acasă").wait_for()
    await page.reload()
    await page.get_by_role("heading", name="Acasă").wait_for()
    await page.locator("a.row").first.wait_for()
    await check(page, "15-home-ro")
    assert messages == []
