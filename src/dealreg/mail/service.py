"""Mail to send once the caller's transaction commits (never if it does not): a row holding the
sealed text (mail/letters.py), and a job given only its id."""

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.mail.letters import Mail, seal
from dealreg.mail.models import OutgoingMail
from dealreg.mail.tasks import send
from dealreg.outbox.jobs import enqueue
from dealreg.sealing import Sealer


async def send_later(
    session: AsyncSession, sealer: Sealer, mail: Mail, *, send_before: datetime | None = None
) -> OutgoingMail:
    """Have `mail` sent once the caller's transaction commits; given up if still unsent at
    `send_before` (when the link it carries expires)."""
    row = OutgoingMail(id=uuid.uuid4(), recipient=mail.to, send_before=send_before)
    row.sealed = seal(sealer, row.id, mail)
    session.add(row)
    await enqueue(session, send, mail_id=str(row.id))
    return row
