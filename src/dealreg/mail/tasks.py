from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.mail.transport import Mailer
from dealreg.worker.jobs import job

_mailer = Mailer()


def configure(mailer: Mailer) -> None:
    """The process's way of sending mail, set at start-up from the settings."""
    global _mailer
    _mailer = mailer


# Sent outside any transaction: a slow mail server holds no connection. A crash between the send
# and the run's record sends it again, the usual at-least-once of mail.
@job("mail.send", own_transactions=True)
async def send(
    sessions: async_sessionmaker[AsyncSession], to: str, subject: str, text: str
) -> None:
    await _mailer.deliver(_mailer.message(to, subject, text))
