"""Mail end to end: a request commits an invitation or a reset request, and the background
work of `dealreg serve` (the outbox relay and Dramatiq's worker threads, on the in-memory broker)
mails it to a real SMTP server, the password reset through its second job."""

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.auth.tokens import TokenService
from dealreg.mail.letters import mail_sealer
from dealreg.mail.tasks import Outbound
from dealreg.mail.transport import Mailer
from dealreg.orgs.models import Role
from dealreg.worker.runtime import Background
from tests.factories import Factory
from tests.mailbox import SITE, Configure, Smtp, link_in, mails_to

pytestmark = pytest.mark.slow


@pytest.fixture
async def background(
    committing_engine: AsyncEngine, smtp: Smtp, tokens: TokenService, outbound: Configure
) -> AsyncIterator[Background]:
    """`outbound` restores this process's mail set-up, which the runtime replaces."""
    work = Background(
        committing_engine.url.render_as_string(hide_password=False),
        None,
        worker_threads=2,
        with_scheduler=False,
        mail_outbound=Outbound(Mailer(smtp_url=smtp.url), mail_sealer(tokens.signing_key), SITE),
    )
    work.start()
    yield work
    await asyncio.to_thread(work.stop)


async def arrived(smtp: Smtp, address: str, *, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := mails_to(smtp, address):
            return link_in(found[-1])
        await asyncio.sleep(0.1)
    raise AssertionError(f"no mail to {address} in time")


@pytest.mark.usefixtures("background")
async def test_an_invitation_and_a_reset_reach_the_smtp_server(
    committing_client: httpx.AsyncClient, committed: Factory, smtp: Smtp
) -> None:
    partner = await committed.partner()
    admin = await committed.user(partner, Role.partner_admin)
    await committed.db.commit()
    headers = {"Authorization": f"Bearer {committed.token(admin, partner)}"}

    invited = await committing_client.post(
        f"/v1/organizations/{partner.id}/invitations",
        json={"email": "new.rep@example.test", "role": "partner_rep"},
        headers=headers,
    )
    assert invited.status_code == 201, invited.text
    assert (await arrived(smtp, "new.rep@example.test")).startswith(
        f"{SITE}/account/invitation?token="
    )

    asked = await committing_client.post("/v1/password-resets", json={"email": admin.email})
    assert asked.status_code == 202
    assert (await arrived(smtp, admin.email)).startswith(f"{SITE}/account/password-reset?token=")
    assert len(smtp.inbox.received) == 2
