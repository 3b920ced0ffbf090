"""`/docs` offline: Swagger UI's files come from this origin (the wheel that bundles them), with
the types a `nosniff` browser runs; the page's policy lets in this origin, its own inline script
and style, nothing else; and in headless Chromium with every request to another host refused,
the page draws the API's operations."""

import base64
import hashlib
import re
import shutil
from urllib.parse import urlsplit

import httpx
import pytest

from dealreg.api.docs import ASSETS, ASSETS_PATH
from tests.problems import assert_problem

CHROMIUM = shutil.which("chromium")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split(";") if d.strip())}


async def test_the_page_loads_only_files_of_this_origin(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    head = page.text.split("spec:")[0]
    loaded = set(re.findall(r'(?:src|href)="([^"]+)"', head))
    assert loaded == {f"{ASSETS_PATH}/{name}" for name in ASSETS}
    assert not re.search(r"\b(?:https?:)?//", head), "the page names another host"
    for url in loaded:
        assert urlsplit(url).netloc == "", url


async def test_the_policy_lets_in_this_origin_and_the_pages_own_inline_code_only(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/docs")
    policy = _directives(page.headers["content-security-policy"])
    (script,) = re.findall(r"<script type='text/javascript'>(.*?)</script>", page.text, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", page.text, re.S)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'", _sha256(script)]
    assert policy["style-src"] == ["'self'", _sha256(style)]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)
    assert not any("//" in value for values in policy.values() for value in values), policy


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        ("swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8"),
        ("swagger-ui.css", "text/css; charset=utf-8"),
        ("favicon-32x32.png", "image/png"),
    ],
)
async def test_each_file_is_served_with_its_type_and_kept_for_a_year(
    client: httpx.AsyncClient, name: str, media_type: str
) -> None:
    response = await client.get(f"{ASSETS_PATH}/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert len(response.content) > 500


async def test_the_big_bundle_travels_compressed(client: httpx.AsyncClient) -> None:
    response = await client.get(
        f"{ASSETS_PATH}/swagger-ui-bundle.js", headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < len(response.content) / 2


@pytest.mark.parametrize(
    "path",
    [
        f"{ASSETS_PATH}/index.html",
        f"{ASSETS_PATH}/swagger-ui-bundle.js.map",
        f"{ASSETS_PATH}/..%2F__init__.py",
        "/docs/assets/swagger-ui-0.0.1/swagger-ui.css",
    ],
)
async def test_no_other_file_is_served(client: httpx.AsyncClient, path: str) -> None:
    assert_problem(await client.get(path), 404, "not-found")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
async def test_the_docs_draw_the_operations_with_no_internet(live_url: str) -> None:
    from playwright.async_api import Route, async_playwright

    refused: list[str] = []

    async def only_this_server(route: Route) -> None:
        if urlsplit(route.request.url).netloc == urlsplit(live_url).netloc:
            await route.continue_()
        else:
            refused.append(route.request.url)
            await route.abort("internetdisconnected")

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
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
            context = await browser.new_context()
            await context.route("**/*", only_this_server)
            page = await context.new_page()
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.on("pageerror", lambda error: messages.append(str(error)))

            answer = await page.goto(f"{live_url}/docs")
            assert answer is not None
            assert answer.status == 200
            operations = page.locator(".opblock")
            await operations.first.wait_for(timeout=20_000)
            assert await operations.count() > 50
            summaries = await page.locator(".opblock-summary-path").all_inner_texts()
            assert any("/v1/registrations" in text for text in summaries), summaries[:5]
            assert refused == []
            # A script or style refused by the policy would be logged here.
            assert messages == []
        finally:
            await browser.close()
