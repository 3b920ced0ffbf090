"""The rep's app against its budgets (issue #21), printed:

- JavaScript the first screen loads, gzip-compressed as sent (budget 150 KB);
- the first screen rendered on loopback, cold (no cache, no service worker): the sign-in screen
  for a new visitor, and the home screen with its data for a signed-in rep (budget 1.5 s each);
- the API requests the home screen makes once signed in (budget 2).

    python bench/app_budget.py

It runs `dealreg serve --demo` on a scratch database (of `DEALREG_BENCH_DATABASE_URL`'s server,
else the local PostgreSQL, else an embedded one) and Debian's Chromium through Playwright at a
phone's size (390x844), signs the demo rep in through the sign-in page, and measures. Exits 1
when a figure is over its budget.
"""

import asyncio
import gzip
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from run import free_port, postgres_server, scratch_database

JS_BUDGET_KB = 150
RENDER_BUDGET_S = 1.5
HOME_REQUESTS_BUDGET = 2
# The demo users' password for this run only.
PASSWORD = secrets.token_urlsafe(16)
REP = "rep@northwind.example"
CHROMIUM = shutil.which("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def serve(database_url: str, data_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEALREG_")} | {
        "DEALREG_DATABASE_URL": database_url,
        "DEALREG_DATA_DIR": str(data_dir),
        "DEALREG_DEMO_PASSWORD": PASSWORD,
        "DEALREG_JWT_ISSUER": f"http://localhost:{port}",
        "DEALREG_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603 - our own console script
            [sys.executable, "-m", "dealreg.cli", "serve", "--demo", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"dealreg serve --demo did not get ready:\n{log.read_text()[-3000:]}")


def script_bytes(url: str) -> tuple[int, int]:
    """The JavaScript the app's page loads (its module script and the worker's registration),
    gzip-compressed at level 9 as a server or CDN would, and as is."""
    page = httpx.get(f"{url}/app/").text
    sent = raw = 0
    for src in re.findall(r'<script[^>]+src="([^"]+)"', page):
        body = httpx.get(f"{url}{src}").content
        raw += len(body)
        sent += len(gzip.compress(body, compresslevel=9, mtime=0))
    return sent, raw


async def rendered_at(page: Any) -> float:
    """Seconds from the navigation's start to the moment the page recorded its first screen
    (the browser's own clock: no test driver's polling in it)."""
    seconds: float = await page.evaluate(
        "new Promise((done) => requestAnimationFrame(() => done(performance.now() / 1000)))"
    )
    return seconds


async def measure(url: str) -> dict[str, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = await chromium.new_context(viewport={"width": 390, "height": 844})
            page = await context.new_page()
            await page.goto(f"{url}/app/")
            await page.get_by_role("button", name="Sign in").wait_for()
            sign_in = await rendered_at(page)

            await page.get_by_role("button", name="Sign in").click()
            await page.get_by_label("Email").fill(REP)
            await page.get_by_label("Password").fill(PASSWORD)
            await page.get_by_role("button", name="Sign in").click()
            await page.wait_for_url(f"{url}/app/")
            await page.locator("a.row").first.wait_for()
            tokens = await page.evaluate("localStorage.getItem('dealreg.tokens')")
            await context.close()

            # A cold start of the signed-in app: a new context (no HTTP cache, no worker) that
            # holds only the tokens, as a phone whose cache was cleared.
            context = await chromium.new_context(viewport={"width": 390, "height": 844})
            await context.add_init_script(
                f"localStorage.getItem('dealreg.tokens') || "
                f"localStorage.setItem('dealreg.tokens', {tokens!r})"
            )
            page = await context.new_page()
            calls: list[str] = []
            page.on(
                "request",
                lambda request: (
                    calls.append(urlsplit(request.url).path)
                    if request.resource_type in {"fetch", "xhr"}
                    else None
                ),
            )
            await page.goto(f"{url}/app/")
            await page.locator("a.row").first.wait_for()
            home = await rendered_at(page)
            await page.wait_for_load_state("networkidle")
            for path in calls:
                print(f"  home requested {path}")
            return {"sign_in": sign_in, "home": home, "home_requests": len(calls)}
        finally:
            await chromium.close()


def main() -> int:
    if CHROMIUM is None:
        raise SystemExit("needs Chromium (Debian package `chromium`)")
    with (
        tempfile.TemporaryDirectory() as scratch,
        postgres_server(Path(scratch)) as server_url,
        scratch_database(server_url) as database_url,
    ):
        port = free_port()
        url = f"http://localhost:{port}"
        log = Path(scratch) / "serve.log"
        process = serve(database_url, Path(scratch) / "data", port, log)
        try:
            wait_ready(url, process, log)
            sent, raw = script_bytes(url)
            figures = asyncio.run(measure(url))
        finally:
            process.terminate()
            process.wait(timeout=30)
    rows = [
        (
            "JavaScript, gzipped",
            f"{sent / 1024:.1f} KB ({raw / 1024:.1f} KB as is)",
            sent / 1024 <= JS_BUDGET_KB,
            f"{JS_BUDGET_KB} KB",
        ),
        (
            "first screen (sign in), cold",
            f"{figures['sign_in']:.3f} s",
            figures["sign_in"] <= RENDER_BUDGET_S,
            f"{RENDER_BUDGET_S} s",
        ),
        (
            "home with its data, cold",
            f"{figures['home']:.3f} s",
            figures["home"] <= RENDER_BUDGET_S,
            f"{RENDER_BUDGET_S} s",
        ),
        (
            "API requests on home",
            f"{figures['home_requests']:.0f}",
            figures["home_requests"] <= HOME_REQUESTS_BUDGET,
            f"{HOME_REQUESTS_BUDGET}",
        ),
    ]
    for name, figure, within, budget in rows:
        print(f"{name}: {figure} (budget {budget}) {'ok' if within else 'OVER BUDGET'}")
    return 0 if all(within for *_, within, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
