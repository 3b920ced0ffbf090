"""A vendor's morning digest, through a real SMTP server: at 08:00 on the vendor's wall clock,
its channel ops (its admins while it has none) get every open registration past its target or
hard limit, breached first; at any other hour, or with nothing overdue, nobody is mailed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.notifications.sla_digest import send_digests
from dealreg.orgs.models import Role
from tests.clocks import register, started_at, sweep
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.mailbox import SITE, Smtp, mails_to, run_jobs
from tests.sla.test_sweep import AT_RISK_AT, BREACH_AT, MONDAY

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


async def test_each_vendor_gets_its_digest_at_eight_on_its_own_wall_clock(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    ops = await factory.user(vendor.vendor, Role.channel_ops)
    admin = await factory.user(vendor.vendor, Role.vendor_admin)
    breached = await register(client, partner, vendor)
    at_risk = await register(client, partner, vendor)
    await register(client, partner, vendor)
    await started_at(db, breached, MONDAY)
    await sweep(db, BREACH_AT)
    await started_at(db, at_risk, AT_RISK_AT.replace(day=4))
    await sweep(db, BREACH_AT)
    # Without channel ops, a vendor's admins get it.
    quiet = await vendor_setup(factory, name="Quiet")
    quiet_admin = await factory.user(quiet.vendor, Role.vendor_admin)
    overdue_elsewhere = await register(client, await partner_setup(factory, quiet), quiet)
    await started_at(db, overdue_elsewhere, MONDAY)
    await sweep(db, BREACH_AT)

    assert await send_digests(db, datetime(2025, 3, 10, 7, 59, tzinfo=NEW_YORK)) == 0
    assert await send_digests(db, datetime(2025, 3, 10, 8, 30, tzinfo=BERLIN)) == 0
    assert await send_digests(db, datetime(2025, 3, 10, 8, 0, tzinfo=NEW_YORK)) == 2
    await run_jobs(sessionmaker, "mail.send")

    (digest,) = mails_to(to_smtp, ops.email)
    assert mails_to(to_smtp, admin.email) == []
    assert (
        digest["Subject"]
        == f"{vendor.vendor.name}: 1 breached, 1 at risk (approval SLA, 2025-03-10)"
    )
    text = digest.get_content()
    assert text.index("breached") < text.index("at risk")
    assert f"{SITE}/v1/registrations/{breached}" in text
    assert f"{SITE}/v1/registrations/{at_risk}" in text
    (other,) = mails_to(to_smtp, quiet_admin.email)
    assert f"{SITE}/v1/registrations/{overdue_elsewhere}" in other.get_content()
