"""The pages behind mailed links in a real browser (headless Chromium, a phone's width): an
invited person joins, a refused password is explained on the form, and the page's policy lets
nothing through that it does not mean to (a refused style or script would show as a console
message)."""

import shutil
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.auth.passwords import verify_password
from dealreg.orgs.models import Role, User
from tests.factories import Factory
from tests.mailbox import Smtp, link_in, mails_to, run_jobs

CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian package `chromium`)")
async def test_an_invited_person_joins_on_a_phone(
    live_url: str,
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
    tmp_path: Path,
) -> None:
    from playwright.async_api import async_playwright

    partner = await factory.partner(name="Northwind Traders")
    admin = await factory.headers_for(partner, Role.partner_admin)
    invited = await client.post(
        f"/v1/organizations/{partner.id}/invitations",
        json={"email": "robin@example.test", "role": "partner_rep"},
        headers=admin,
    )
    assert invited.status_code == 201
    await run_jobs(sessionmaker, "mail.send")
    link = link_in(mails_to(to_smtp, "robin@example.test")[0])
    path = link.removeprefix("https://dealreg.test")

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
            context = await browser.new_context(viewport={"width": 390, "height": 844})
            page = await context.new_page()
            messages: list[str] = []
            page.on("console", lambda message: messages.append(message.text))
            page.on("pageerror", lambda error: messages.append(str(error)))

            opened = await page.goto(f"{live_url}{path}")
            assert opened is not None
            assert opened.status == 200
            assert await page.title() == "Join Northwind Traders · dealreg"
            assert await page.get_by_label("Email").input_value() == "robin@example.test"
            await page.get_by_label("Name").fill("Robin Smith")
            await page.get_by_label("New password", exact=True).fill("password1234")
            await page.get_by_label("New password again").fill("password1234")
            await page.get_by_role("button", name="Join").click()
            await page.wait_for_load_state()
            alert = page.get_by_role("alert")
            assert "commonly used" in await alert.inner_text()
            await page.screenshot(path=str(tmp_path / "invitation-refused.png"), full_page=True)
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page scrolls sideways: {width}px wide"
            box = await page.get_by_label("Name").bounding_box()
            assert box is not None
            assert box["width"] > 300, box
            # The name typed is kept; the passwords are typed again.
            assert await page.get_by_label("Name").input_value() == "Robin Smith"

            await page.get_by_label("New password", exact=True).fill("tide pools at dawn 7")
            await page.get_by_label("New password again").fill("tide pools at dawn 7")
            await page.get_by_role("button", name="Join").click()
            await page.wait_for_load_state()
            assert await page.title() == "Welcome to dealreg · dealreg"
            await page.screenshot(path=str(tmp_path / "invitation-done.png"), full_page=True)
            # The 422 of the refused password is the only message.
            assert [m for m in messages if "422" not in m] == []
        finally:
            await browser.close()

    user = await db.get_one(User, uuid.UUID(invited.json()["user_id"]))
    await db.refresh(user)
    assert user.name == "Robin Smith"
    assert verify_password(user.password_hash, "tide pools at dawn 7")
