"""Mail: written to the outbox with the change, sent by the job to a real SMTP server (aiosmtpd,
in the test), or written as an `.eml` file when no server is set."""

import email
import email.policy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from structlog.testing import capture_logs

from dealreg.mail import tasks
from dealreg.mail.service import Mail, send_later
from dealreg.mail.transport import InvalidSmtpUrl, Mailer, SmtpServer
from dealreg.worker.models import OutboxMessage
from tests.servers import free_port

WELCOME = Mail(
    to="casey@example.com",
    subject="You are invited to dealreg",
    text="Set your password: https://dealreg.test/invitations/secret-token\n",
)


class Inbox:
    def __init__(self) -> None:
        self.received: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[str, Inbox]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield f"smtp://127.0.0.1:{port}", inbox
    controller.stop()


@pytest.fixture
def mailer_of() -> Iterator[Any]:
    """Configure the process's mailer for one test, then restore it."""
    before = tasks._mailer

    def configure(mailer: Mailer) -> Mailer:
        tasks.configure(mailer)
        return mailer

    yield configure
    tasks.configure(before)


async def _run_job(sessionmaker: async_sessionmaker[AsyncSession], mail: Mail) -> None:
    await tasks.send.fn(sessionmaker, to=mail.to, subject=mail.subject, text=mail.text)


async def test_mail_waits_in_the_outbox_for_the_commit(db: AsyncSession) -> None:
    await send_later(db, WELCOME)
    row = await db.scalar(select(OutboxMessage).where(OutboxMessage.job == "mail.send"))
    assert row is not None
    assert row.payload == {"to": WELCOME.to, "subject": WELCOME.subject, "text": WELCOME.text}


async def test_the_job_sends_it_to_the_smtp_server(
    smtp: tuple[str, Inbox],
    mailer_of: Any,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    url, inbox = smtp
    mailer_of(Mailer(smtp_url=url, sender="Deal Desk <desk@dealreg.test>"))
    await _run_job(sessionmaker, WELCOME)
    [envelope] = inbox.received
    assert envelope.mail_from == "desk@dealreg.test"
    assert envelope.rcpt_tos == [WELCOME.to]
    assert isinstance(envelope.content, bytes)
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == WELCOME.subject
    assert message["From"] == "Deal Desk <desk@dealreg.test>"
    assert message["Message-ID"]
    assert message.get_content().replace("\r\n", "\n") == WELCOME.text  # type: ignore[attr-defined]


async def test_a_server_that_does_not_answer_fails_the_job_to_be_retried(
    mailer_of: Any, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    mailer_of(Mailer(smtp_url=f"smtp://127.0.0.1:{free_port()}"))
    with pytest.raises(OSError, match="onnect"):
        await _run_job(sessionmaker, WELCOME)


async def test_without_smtp_each_mail_is_an_eml_file_and_the_log_names_only_its_path(
    tmp_path: Path, mailer_of: Any, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    mailer_of(Mailer(directory=tmp_path / "mail"))
    with capture_logs() as logs:
        await _run_job(sessionmaker, WELCOME)
    [written] = (tmp_path / "mail").glob("*.eml")
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert (message["To"], message["Subject"]) == (WELCOME.to, WELCOME.subject)
    assert "secret-token" in written.read_text()
    assert [entry["path"] for entry in logs] == [str(written)]
    assert "secret-token" not in repr(logs)


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


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "mail.example.com:25"])
def test_an_smtp_url_that_is_not_one_is_refused(url: str) -> None:
    with pytest.raises(InvalidSmtpUrl):
        Mailer(smtp_url=url)
