"""The job that sends a mail: given the mail's id only (Dramatiq logs a failed job's
arguments), it reads and opens the sealed text, sends it outside any transaction, and records
the outcome. A failure worth another attempt (no answer, a 4xx, a dropped connection) fails the
job, which Dramatiq retries with backoff; a refusal for good (a 5xx) or a mail whose link has
expired is recorded as failed and not tried again."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.db import transaction
from dealreg.mail import repository
from dealreg.mail.letters import unseal
from dealreg.mail.models import MailStatus
from dealreg.mail.transport import TIMEOUT_SECONDS, Mailer, Refused
from dealreg.outbox.jobs import job
from dealreg.sealing import Sealer, Unsealable

log = structlog.get_logger("dealreg.mail")

# An attempt holds its mail past its longest wait on the server, so no other copy sends it too.
_HOLD = timedelta(seconds=3 * TIMEOUT_SECONDS)


@dataclass(frozen=True)
class Outbound:
    """How this process sends mail and opens what was sealed, and the public address links in
    mail point at; set at start-up from the settings (`configure`)."""

    mailer: Mailer
    sealer: Sealer
    site_url: str


_outbound: Outbound | None = None
# A mail's record (recipient, outcome, error) is kept this long, for whoever asks where it went.
KEEP_FOR = timedelta(days=30)


def configure(outbound: Outbound | None) -> None:
    global _outbound
    _outbound = outbound


def outbound() -> Outbound:
    if _outbound is None:
        raise RuntimeError("mail is not configured in this process (mail.tasks.configure)")
    return _outbound


# The mail's status makes a repeated message harmless: no run record needed.
@job("mail.send", own_transactions=True, record_run=False)
async def send(sessions: async_sessionmaker[AsyncSession], mail_id: str) -> None:
    setup = outbound()
    key = uuid.UUID(mail_id)
    async with transaction(sessions) as session:
        claim = await repository.claim(session, key, _HOLD)
    if claim is None:
        return
    if claim.expired or claim.sealed is None:
        await _give_up(sessions, key, "not sent before the link it carries expired")
        return
    try:
        mail = unseal(setup.sealer, key, claim.sealed)
    except Unsealable:
        await _give_up(sessions, key, "sealed under another key: the signing key was replaced")
        return
    try:
        await setup.mailer.deliver(
            setup.mailer.message(mail.to, mail.subject, mail.text), link=mail.link
        )
    except Refused as exc:
        await _give_up(sessions, key, str(exc))
        return
    except Exception as exc:
        async with transaction(sessions) as session:
            await repository.release(session, key, f"{type(exc).__name__}: {exc}")
        raise
    async with transaction(sessions) as session:
        await repository.finish(session, key, MailStatus.sent)


async def _give_up(
    sessions: async_sessionmaker[AsyncSession], mail_id: uuid.UUID, why: str
) -> None:
    log.warning("mail given up", mail_id=str(mail_id), error=why)
    async with transaction(sessions) as session:
        await repository.finish(session, mail_id, MailStatus.failed, why[:1000])


@job("mail.prune")
async def prune(session: AsyncSession) -> None:
    await repository.prune(session, KEEP_FOR)
