"""All SQL of outgoing mail: an attempt claims its mail, then records how it went."""

import uuid
from datetime import timedelta
from typing import NamedTuple

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.mail.models import MailStatus, OutgoingMail


class Claim(NamedTuple):
    recipient: str
    sealed: bytes | None
    expired: bool


class Busy(Exception):
    """Another attempt holds the mail: this copy of the message is to be retried later (should
    that attempt die, the mail is still sent)."""


async def claim(session: AsyncSession, mail_id: uuid.UUID, hold: timedelta) -> Claim | None:
    """Hold a pending mail for one attempt; None when it is sent or given up (or unknown);
    `Busy` while another attempt holds it."""
    mail = OutgoingMail.__table__.c
    row = (
        await session.execute(
            update(OutgoingMail)
            .where(
                mail.id == mail_id,
                mail.status == MailStatus.pending,
                or_(mail.claimed_until.is_(None), mail.claimed_until < func.now()),
            )
            .values(claimed_until=func.now() + hold, attempts=mail.attempts + 1)
            .returning(
                mail.recipient,
                mail.sealed,
                func.coalesce(mail.send_before < func.now(), False),
            )
        )
    ).first()
    if row is not None:
        return Claim(row[0], row[1], bool(row[2]))
    pending = select(mail.id).where(mail.id == mail_id, mail.status == MailStatus.pending)
    if await session.scalar(select(exists(pending))):
        raise Busy(f"mail {mail_id} is being sent by another attempt")
    return None


async def finish(
    session: AsyncSession, mail_id: uuid.UUID, status: MailStatus, error: str | None = None
) -> None:
    """The mail is sent, or given up: its sealed text goes, its record stays."""
    await session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id)
        .values(
            status=status,
            sealed=None,
            claimed_until=None,
            last_error=error,
            sent_at=func.now() if status is MailStatus.sent else None,
        )
    )


async def release(session: AsyncSession, mail_id: uuid.UUID, error: str) -> None:
    """The attempt failed in a way worth another: the next one may claim it at once."""
    await session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id)
        .values(claimed_until=None, last_error=error[:1000])
    )


async def prune(session: AsyncSession, keep_for: timedelta) -> None:
    """Forget the records of mails sent or given up longer ago than `keep_for`."""
    await session.execute(
        delete(OutgoingMail).where(
            OutgoingMail.status != MailStatus.pending,
            OutgoingMail.created_at < func.now() - keep_for,
        )
    )
