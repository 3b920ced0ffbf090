"""`/app`: the committed build of clients/app served from the package: the page for the app's
own routes (the callback's query included), its hashed files kept a year, the page, worker and
manifest revalidated, everything under a policy that lets in this origin only; serving the page
registers the first-party app `dealreg-app` with the issuer's callback, keeping what an admin set."""

import json
import re

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.api.app_shell import APP_CLIENT_ID, POLICY, built_files
from dealreg.auth.models import OAuthApp
from dealreg.config import Settings

pytestmark = pytest.mark.skipif(
    "index.html" not in built_files(), reason="the app is not built (npm run build in clients/app)"
)
SCRIPT = re.compile(r'src="(/app/assets/[^"]+\.js)"')


async def app_of(db: AsyncSession) -> OAuthApp | None:
    found: OAuthApp | None = await db.scalar(
        select(OAuthApp).where(OAuthApp.client_id == APP_CLIENT_ID)
    )
    return found


@pytest.mark.parametrize(
    "path",
    ["/app", "/app/", "/app/callback?code=abc&state=xyz", "/app/deals/new", "/app/registrations/1"],
)
async def test_every_route_of_the_app_answers_its_page_never_kept_unchecked(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-security-policy"] == POLICY
    assert '<link rel="manifest" href="/app/manifest.webmanifest">' in response.text
    # Nothing inline: the policy allows none.
    assert "<script>" not in response.text
    assert "<style" not in response.text


async def test_serving_the_page_registers_the_app_with_the_issuers_callback_once(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    await client.get("/app/")
    await client.get("/app/deals/new")
    app = await app_of(db)
    assert app is not None
    await db.refresh(app)
    assert app.first_party
    assert app.active
    assert app.redirect_uris.count(settings.jwt_issuer.rstrip("/") + "/app/callback") == 1


async def test_an_app_the_admin_disabled_stays_disabled(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await client.get("/app/")
    await db.execute(
        update(OAuthApp)
        .where(OAuthApp.client_id == APP_CLIENT_ID)
        .values(active=False, redirect_uris=["https://elsewhere.example/app/callback"])
    )
    assert (await client.get("/app/")).status_code == 200
    app = await app_of(db)
    assert app is not None
    await db.refresh(app)
    assert app.active is False
    assert "https://elsewhere.example/app/callback" in app.redirect_uris


async def test_hashed_files_are_kept_a_year_and_the_worker_and_manifest_are_revalidated(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/app/")
    match = SCRIPT.search(page.text)
    assert match is not None, page.text
    script = await client.get(match[1])
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"

    worker = await client.get("/app/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"
    # The worker caches the app shell: the page and the script it loads are precached.
    assert "index.html" in worker.text
    assert match[1].removeprefix("/app/") in worker.text

    manifest = await client.get("/app/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert manifest.headers["cache-control"] == "no-cache"
    body = json.loads(manifest.content)
    assert body["start_url"] == "/app/"
    assert body["scope"] == "/app/"
    assert body["display"] == "standalone"
    assert body["theme_color"]
    sizes = set()
    for icon in body["icons"]:
        served = await client.get(f"/app/{icon['src']}")
        assert served.status_code == 200
        assert served.headers["content-type"] == icon["type"]
        assert served.content.startswith(b"\x89PNG")
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


@pytest.mark.parametrize(
    "path",
    [
        "/app/assets/index-00000000.js",
        "/app/assets/../../app_shell.py",
        "/app/assets/%2e%2e/%2e%2e/app_shell.py",
    ],
)
async def test_a_file_the_build_does_not_have_is_a_404_and_nothing_outside_it_is_served(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 404
    assert "built_files" not in response.text


async def test_a_path_outside_the_build_gets_the_page_not_the_file(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/app/%2e%2e/api/app_shell.py")
    assert "built_files" not in response.text
