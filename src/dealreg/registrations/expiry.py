"""Protection that ends: lapsed registrations expire, those about to lapse are announced once, and
an extension still undecided when protection ends is refused."""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import database_now
from dealreg.events.repository import add_events, event_row
from dealreg.registrations import repository, states
from dealreg.registrations.changes import record
from dealreg.registrations.models import ExtensionStatus, Registration

REMIND_BEFORE_EXPIRY = timedelta(days=14)
_BATCH = 500


async def expire_lapsed(session: AsyncSession) -> int:
    """Expire every approved registration whose protection has run out; how many it expired."""
    now = await database_now(session)
    expired = 0
    while True:
        batch = await repository.lapsed(session, now, _BATCH)
        for registration in batch:
            await record(session, None, registration, states.expire(registration, at=now), at=now)
            if registration.extension_pending:
                await close_pending_extension(
                    session, registration, now, "protection lapsed before a decision"
                )
        await session.flush()
        expired += len(batch)
        if len(batch) < _BATCH:
            return expired


async def close_pending_extension(
    session: AsyncSession, registration: Registration, now: datetime, why: str
) -> None:
    """An extension still undecided when protection ends (lapsed, won, lost, cancelled) can no
    longer be granted: it is refused, saying why."""
    request = await repository.pending_extension(session, registration.id)
    registration.extension_pending = False
    if request is not None:
        request.status = ExtensionStatus.refused
        request.decided_at = now
        request.decision_reason = why


async def remind_expiring(session: AsyncSession) -> int:
    """Announce, once per protection period, the registrations expiring within 14 days."""
    now = await database_now(session)
    reminded = 0
    while True:
        due = await repository.due_expiry_reminders(session, now + REMIND_BEFORE_EXPIRY, _BATCH)
        await add_events(
            session,
            [
                event_row(
                    "registration.expiring",
                    row.id,
                    vendor_id=row.vendor_id,
                    partner_id=row.partner_id,
                    data={
                        "registration_id": str(row.id),
                        "number": row.number,
                        "rep_id": str(row.rep_id),
                        "expires_at": row.expires_at.isoformat(),
                    },
                )
                for row in due
            ],
        )
        await repository.mark_reminded(session, {row.id: row.expires_at for row in due})
        reminded += len(due)
        if len(due) < _BATCH:
            return reminded
