"""Mail: written with the change that causes it (its text sealed), sent by the job to a real SMTP
server (aiosmtpd, in the test), retried on a passing failure, given up on a refusal for good or
once its link has expired, or written as an `.eml` file when no server is set."""

import email
import email.policy
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import msgspec
import pytest
import structlog
from joserfc.jwk import ECKey
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from structlog.testing import capture_logs

from dealreg import cli
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.mail import tasks, transport
from dealreg.mail.letters import Mail, mail_sealer
from dealreg.mail.models import MailStatus, OutgoingMail
from dealreg.mail.service import send_later
from dealreg.mail.transport import InvalidSmtpUrl, Mailer, SmtpServer
from dealreg.outbox.models import OutboxMessage
from tests.mailbox import Configure, Smtp, run_jobs
from tests.servers import free_port

LINK = "https://dealreg.test/account/invitation?token=secret-token"
WELCOME = Mail(
    to="casey@example.com",
    subject="You are invited to dealreg",
    text=f"Set your password: {LINK}\n",
    link=LINK,
)


@contextmanager
def logged() -> Iterator[list[dict[str, Any]]]:
    """What mail logs meanwhile. Its loggers are swapped for fresh ones: the app the suite built
    configured structlog to cache a logger once used, past capture_logs' reach."""
    with (
        capture_logs() as logs,
        mock.patch.object(transport, "log", structlog.get_logger("dealreg.mail")),
        mock.patch.object(tasks, "log", structlog.get_logger("dealreg.mail")),
    ):
        yield logs


async def _written(db: AsyncSession, tokens: TokenService, **options: datetime) -> OutgoingMail:
    row = await send_later(db, mail_sealer(tokens.signing_key), WELCOME, **options)
    await db.commit()
    return row


async def _row(db: AsyncSession, mail_id: uuid.UUID) -> OutgoingMail:
    db.expire_all()
    return await db.get_one(OutgoingMail, mail_id)


def _files(directory: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in sorted(directory.glob("*.eml"))]


def _parsed(content: bytes | str | None) -> email.message.EmailMessage:
    assert isinstance(content, bytes)
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


async def test_the_job_gets_only_the_mail_id_and_the_database_only_the_sealed_text(
    db: AsyncSession, tokens: TokenService
) -> None:
    row = await _written(db, tokens)
    job = await db.scalar(select(OutboxMessage).where(OutboxMessage.job == "mail.send"))
    assert job is not None
    assert job.payload == {"mail_id": str(row.id)}
    stored = await _row(db, row.id)
    assert stored.recipient == WELCOME.to
    assert stored.status is MailStatus.pending
    assert stored.sealed is not None
    assert b"secret-token" not in stored.sealed
    assert b"invited" not in stored.sealed


async def test_a_rolled_back_change_sends_nothing(
    sessionmaker: async_sessionmaker[AsyncSession], tokens: TokenService
) -> None:
    async with sessionmaker() as session:
        await send_later(session, mail_sealer(tokens.signing_key), WELCOME)
        await session.rollback()
    async with sessionmaker() as session:
        assert await session.scalar(select(OutgoingMail)) is None
        assert await session.scalar(select(OutboxMessage)) is None


async def test_the_job_sends_it_to_the_smtp_server_once(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await _written(db, tokens)
    assert await run_jobs(sessionmaker, "mail.send") == 1
    [envelope] = to_smtp.inbox.received
    assert envelope.mail_from == "desk@dealreg.test"
    assert envelope.rcpt_tos == [WELCOME.to]
    message = _parsed(envelope.content)
    assert message["Subject"] == WELCOME.subject
    assert message["From"] == "Deal Desk <desk@dealreg.test>"
    assert message["Message-ID"]
    assert message.get_content().replace("\r\n", "\n") == WELCOME.text
    stored = await _row(db, row.id)
    assert (stored.status, stored.sealed, stored.attempts) == (MailStatus.sent, None, 1)
    assert stored.sent_at is not None
    # The outbox sends a message again when its run was not seen in time: a second copy does
    # nothing.
    await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert len(to_smtp.inbox.received) == 1


async def test_a_copy_of_the_message_waits_while_another_attempt_holds_the_mail(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await _written(db, tokens)
    await db.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == row.id)
        .values(claimed_until=datetime.now(UTC) + timedelta(minutes=1))
    )
    await db.commit()
    with pytest.raises(tasks.repository.Busy):
        await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert to_smtp.inbox.received == []


async def test_a_passing_refusal_fails_the_job_to_be_retried_and_the_retry_sends(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await _written(db, tokens)
    to_smtp.inbox.reply = "451 4.3.0 Try again later"
    with pytest.raises(Exception, match="451"):
        await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    stored = await _row(db, row.id)
    assert (stored.status, stored.attempts, stored.claimed_until) == (MailStatus.pending, 1, None)
    assert stored.last_error is not None
    assert "451" in stored.last_error
    to_smtp.inbox.reply = None
    await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert len(to_smtp.inbox.received) == 1
    assert (await _row(db, row.id)).status is MailStatus.sent


async def test_a_refusal_for_good_is_recorded_and_not_retried(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await _written(db, tokens)
    to_smtp.inbox.reply = "550 5.1.1 No such mailbox"
    with logged() as logs:
        await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    stored = await _row(db, row.id)
    assert (stored.status, stored.sealed) == (MailStatus.failed, None)
    assert stored.last_error is not None
    assert "550" in stored.last_error
    assert [entry["event"] for entry in logs] == ["mail given up"]
    assert "secret-token" not in repr(logs)
    # Nothing left to try: another copy does nothing.
    to_smtp.inbox.reply = None
    await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert to_smtp.inbox.received == []


async def test_a_mail_whose_link_expired_before_it_could_be_sent_is_given_up(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await _written(db, tokens, send_before=datetime.now(UTC) - timedelta(seconds=1))
    await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert to_smtp.inbox.received == []
    stored = await _row(db, row.id)
    assert stored.status is MailStatus.failed
    assert stored.last_error == "not sent before the link it carries expired"


async def test_a_mail_sealed_under_another_key_is_given_up(
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
) -> None:
    row = await send_later(db, mail_sealer(ECKey.generate_key("P-256")), WELCOME)
    await db.commit()
    await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert to_smtp.inbox.received == []
    assert (await _row(db, row.id)).status is MailStatus.failed


async def test_a_server_that_does_not_answer_fails_the_job_to_be_retried(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    outbound: Configure,
) -> None:
    outbound(Mailer(smtp_url=f"smtp://127.0.0.1:{free_port()}"))
    row = await _written(db, tokens)
    with pytest.raises(OSError, match="onnect"):
        await tasks.send.fn(sessionmaker, mail_id=str(row.id))
    assert (await _row(db, row.id)).status is MailStatus.pending


async def test_without_smtp_each_mail_is_an_eml_file_and_its_link_is_logged(
    db: AsyncSession,
    tokens: TokenService,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_files: Path,
) -> None:
    row = await _written(db, tokens)
    with logged() as logs:
        await run_jobs(sessionmaker, "mail.send")
    [(written, content)] = _files(to_files)
    message = _parsed(content)
    assert (message["To"], message["Subject"]) == (WELCOME.to, WELCOME.subject)
    assert LINK in message.get_content()
    [entry] = logs
    assert entry["log_level"] == "warning"
    assert (entry["path"], entry["link"]) == (str(written), LINK)
    assert (await _row(db, row.id)).status is MailStatus.sent


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://user%40corp:p%3Ass@mail.example.com:587?starttls=true",
            SmtpServer("mail.example.com", 587, "user@corp", "p:ss", False, True),
        ),
        ("smtps://mail.example.com", SmtpServer("mail.example.com", 465, None, None, True, None)),
        ("smtp://localhost:1025", SmtpServer("localhost", 1025, None, None, False, None)),
        ("smtp://h?starttls=false", SmtpServer("h", 587, None, None, False, False)),
    ],
)
def test_smtp_urls(url: str, expected: SmtpServer) -> None:
    assert SmtpServer.from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["http://mail.example.com", "smtp://", "mail.example.com:25", "smtp://h:99999"]
)
def test_an_smtp_url_that_is_not_one_is_refused(url: str) -> None:
    with pytest.raises(InvalidSmtpUrl):
        Mailer(smtp_url=url)


def test_the_commands_set_mail_up_from_the_settings(settings: Settings) -> None:
    setup = cli._mail_outbound(
        msgspec.structs.replace(
            settings, smtp_url="smtps://u:p@mail.example.com", mail_from="x@y.z"
        )
    )
    assert setup.site_url == settings.jwt_issuer
    assert setup.mailer.server == SmtpServer("mail.example.com", 465, "u", "p", True, None)
    assert setup.mailer.sender == "x@y.z"
    files = cli._mail_outbound(settings).mailer
    assert (files.server, files.directory) == (None, settings.data_dir / "mail")
    with pytest.raises(SystemExit, match="smtp://"):
        cli._mail_outbound(msgspec.structs.replace(settings, smtp_url="http://mail.example.com"))


async def test_records_of_mail_sent_or_given_up_are_forgotten_after_a_month(
    db: AsyncSession, tokens: TokenService
) -> None:
    rows = [await _written(db, tokens) for _ in range(4)]
    month_ago = datetime.now(UTC) - tasks.KEEP_FOR - timedelta(minutes=1)
    for row, status, created in [
        (rows[0], MailStatus.sent, month_ago),
        (rows[1], MailStatus.failed, month_ago),
        (rows[2], MailStatus.pending, month_ago),
        (rows[3], MailStatus.sent, datetime.now(UTC)),
    ]:
        await db.execute(
            update(OutgoingMail)
            .where(OutgoingMail.id == row.id)
            .values(status=status, created_at=created)
        )
    await tasks.prune.fn(db)
    left = set((await db.scalars(select(OutgoingMail.id))).all())
    assert left == {rows[2].id, rows[3].id}
