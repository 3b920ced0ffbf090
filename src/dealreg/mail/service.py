"""Mail to send once the caller's transaction commits (never if it does not)."""

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.mail.tasks import send
from dealreg.worker.jobs import enqueue


class Mail(msgspec.Struct, frozen=True):
    to: str
    subject: str
    text: str


async def send_later(session: AsyncSession, mail: Mail) -> None:
    await enqueue(session, send, to=mail.to, subject=mail.subject, text=mail.text)
