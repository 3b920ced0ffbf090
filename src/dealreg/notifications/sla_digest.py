"""A vendor's morning digest of its approval SLA: every open registration past its target or hard
limit (sla/reports.py `all_at_risk`), mailed to the vendor's channel ops (its admins while it has
none) at 08:00 on the vendor's own wall clock, on days there is something to say.

The job runs hourly (the scheduler claims each hour once); a vendor's 08:00 falls in one of those
hours a day, so each vendor gets one digest a day."""

import zoneinfo
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import database_now
from dealreg.mail import tasks as mail
from dealreg.mail.letters import Mail
from dealreg.mail.service import send_later
from dealreg.orgs.models import Organization, OrgKind, Role, User
from dealreg.outbox.jobs import job
from dealreg.sla import watchlists
from dealreg.sla.watchlists import AtRisk

DIGEST_HOUR = 8


@job("notifications.sla_digest")
async def sla_digest(session: AsyncSession) -> None:
    await send_digests(session, await database_now(session))


async def send_digests(session: AsyncSession, now: datetime) -> int:
    """Mail the digest of every vendor whose wall clock reads 08:xx at `now`; how many mails."""
    vendors = await session.scalars(select(Organization).where(Organization.kind == OrgKind.vendor))
    sent = 0
    for vendor in vendors:
        assert vendor.timezone is not None  # noqa: S101 - a vendor's is required (check constraint)
        if now.astimezone(zoneinfo.ZoneInfo(vendor.timezone)).hour != DIGEST_HOUR:
            continue
        items = [item async for item in watchlists.all_at_risk(session, vendor.id)]
        if not items:
            continue
        recipients = await _ops_of(session, vendor)
        setup = mail.outbound()
        subject, text = _digest(vendor, items, now, setup.site_url)
        for address in recipients:
            await send_later(session, setup.sealer, Mail(to=address, subject=subject, text=text))
            sent += 1
    return sent


async def _ops_of(session: AsyncSession, vendor: Organization) -> list[str]:
    """The vendor's active channel ops; its admins while it has none."""
    for role in (Role.channel_ops, Role.vendor_admin):
        stmt = (
            select(User.email)
            .where(User.organization_id == vendor.id, User.active, User.role == role)
            .order_by(User.email)
        )
        found = list(await session.scalars(stmt))
        if found:
            return found
    return []


def _digest(
    vendor: Organization, items: list[AtRisk], now: datetime, site_url: str
) -> tuple[str, str]:
    breached = sum(item.sla_state == "breached" for item in items)
    at_risk = len(items) - breached
    subject = (
        f"{vendor.name}: {breached} breached, {at_risk} at risk (approval SLA, {now:%Y-%m-%d})"
    )
    lines = [f"Open registrations past their approval target or hard limit, {now:%Y-%m-%d}:", ""]
    for item in items:
        owner = item.approver_name or "unassigned"
        waiting = " · waiting on the partner" if item.waiting_on_partner else ""
        lines += [
            f"{item.number} · {item.sla_state.replace('_', ' ')} · {item.hours_overdue:.0f} h "
            f"overdue · {owner}{waiting}",
            f"  {item.customer_name}, from {item.partner_name}",
            f"  {site_url.rstrip('/')}{item.link}",
        ]
    return subject, "\n".join([*lines, ""])
