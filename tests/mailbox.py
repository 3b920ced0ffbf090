"""A real SMTP server (aiosmtpd) in the test's process, this process's mail set up to send to
it or to write files, and the outbox's jobs run as a worker would run them (the ones named)."""

import email
import email.policy
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dealreg.auth.tokens import TokenService
from dealreg.db import transaction
from dealreg.mail import tasks
from dealreg.mail.letters import mail_sealer
from dealreg.mail.transport import Mailer
from dealreg.outbox import repository
from dealreg.outbox.jobs import REGISTRY
from dealreg.outbox.models import OutboxMessage
from tests.servers import free_port

SITE = "https://dealreg.test"


class Inbox:
    """Keeps what arrives; answers each recipient with `reply` (a refusal, when set)."""

    def __init__(self) -> None:
        self.received: list[Envelope] = []
        self.reply: str | None = None

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.reply is not None:
            return self.reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        self.received.append(envelope)
        return "250 OK"


class Smtp:
    def __init__(self, port: int, inbox: Inbox) -> None:
        self.url = f"smtp://127.0.0.1:{port}"
        self.inbox = inbox


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield Smtp(port, inbox)
    controller.stop()


Configure = Callable[[Mailer], tasks.Outbound]


@pytest.fixture
def outbound(tokens: TokenService) -> Iterator[Configure]:
    """Set this process's mail up for one test (the app's mail key), then undo it."""
    before = tasks._outbound

    def configure(mailer: Mailer) -> tasks.Outbound:
        setup = tasks.Outbound(mailer, mail_sealer(tokens.signing_key), SITE)
        tasks.configure(setup)
        return setup

    yield configure
    tasks.configure(before)


@pytest.fixture
def to_smtp(smtp: Smtp, outbound: Configure) -> Smtp:
    outbound(Mailer(smtp_url=smtp.url, sender="Deal Desk <desk@dealreg.test>"))
    return smtp


@pytest.fixture
def to_files(tmp_path: Path, outbound: Configure) -> Path:
    directory = tmp_path / "mail"
    outbound(Mailer(directory=directory))
    return directory


async def run_jobs(sessionmaker: async_sessionmaker[AsyncSession], *names: str) -> int:
    """Run the outbox's pending messages of the jobs `names`, oldest first, as the worker's
    actors would (with the message's id), until none is left; return how many ran."""
    ran = 0
    while True:
        async with sessionmaker() as session:
            pending = (
                await session.scalars(
                    select(OutboxMessage)
                    .where(OutboxMessage.job.in_(names), OutboxMessage.done_at.is_(None))
                    .order_by(OutboxMessage.created_at)
                )
            ).all()
        if not pending:
            return ran
        for message in pending:
            spec = REGISTRY[message.job]
            if spec.own_transactions:
                await spec.fn(sessionmaker, **message.payload)
            else:
                async with transaction(sessionmaker) as session:
                    await spec.fn(session, **message.payload)
            async with transaction(sessionmaker) as session:
                await repository.mark_done(session, message.id)
            ran += 1


def mails_to(smtp: Smtp, address: str) -> list[email.message.EmailMessage]:
    """The mails that arrived for `address`, parsed."""
    found = []
    for envelope in smtp.inbox.received:
        if address in envelope.rcpt_tos:
            assert isinstance(envelope.content, bytes)
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            assert isinstance(message, email.message.EmailMessage)
            found.append(message)
    return found


def link_in(message: email.message.EmailMessage) -> str:
    [link] = re.findall(r"https://\S+", message.get_content())
    return str(link)


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def form_fields(html: str) -> dict[str, str]:
    """The hidden fields of the page's form."""
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
