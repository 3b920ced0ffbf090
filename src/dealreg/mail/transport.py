"""How mail leaves: SMTP (`DEALREG_SMTP_URL`, sent with aiosmtplib), or `.eml` files under the
data directory when none is set (the demo's and a developer's mode: each file opens in any mail
program, and the link it carries is logged so that a demo can follow it)."""

import asyncio
import ssl
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib
import structlog

log = structlog.get_logger("dealreg.mail")

DEFAULT_FROM = "dealreg <no-reply@localhost>"
# A mail server that does not answer must fail the attempt (to be retried), not hang a worker.
TIMEOUT_SECONDS = 30.0


class InvalidSmtpUrl(ValueError):
    pass


class Refused(Exception):
    """The mail server refused the mail for good (a 5xx reply): sending it again cannot help."""


@dataclass(frozen=True)
class SmtpServer:
    """`smtp://user:pass@host:587?starttls=true` (STARTTLS, the submission port's way) or
    `smtps://user:pass@host:465` (TLS from the first byte); without `starttls`, plain `smtp://`
    upgrades when the server offers it."""

    host: str
    port: int
    username: str | None
    password: str | None
    use_tls: bool
    start_tls: bool | None

    @classmethod
    def from_url(cls, url: str) -> "SmtpServer":
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError as exc:
            raise InvalidSmtpUrl(f"DEALREG_SMTP_URL has a bad port: {exc}") from None
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise InvalidSmtpUrl("DEALREG_SMTP_URL is smtp://[user:pass@]host[:port] or smtps://…")
        flags = {key: values[-1].lower() for key, values in parse_qs(parts.query).items()}
        implicit = parts.scheme == "smtps"
        starttls = flags.get("starttls")
        return cls(
            host=parts.hostname,
            port=port or (465 if implicit else 587),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_tls=implicit,
            start_tls=None if starttls is None else starttls in ("true", "1", "yes"),
        )


class Mailer:
    def __init__(
        self,
        *,
        smtp_url: str | None = None,
        sender: str = DEFAULT_FROM,
        directory: Path = Path(".dealreg") / "mail",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.server = SmtpServer.from_url(smtp_url) if smtp_url else None
        self.sender = sender
        self.directory = directory
        self.tls = tls

    def message(self, to: str, subject: str, text: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = subject
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = make_msgid(domain="dealreg")
        message.set_content(text)
        return message

    async def deliver(self, message: EmailMessage, link: str | None = None) -> None:
        """Send `message`; `Refused` when the server refuses it for good, any other error for a
        failure worth another attempt (no answer, a 4xx, a dropped connection)."""
        if self.server is None:
            await asyncio.to_thread(self._write, message, link)
            return
        server = self.server
        try:
            await aiosmtplib.send(
                message,
                hostname=server.host,
                port=server.port,
                username=server.username,
                password=server.password,
                use_tls=server.use_tls,
                start_tls=server.start_tls,
                tls_context=self.tls,
                timeout=TIMEOUT_SECONDS,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            if all(refusal.code >= 500 for refusal in exc.recipients):
                raise Refused(str(exc)) from exc
            raise
        except aiosmtplib.SMTPAuthenticationError:
            # The installation's credentials, not this mail: every mail waits for their fix.
            raise
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code >= 500:
                raise Refused(f"{exc.code} {exc.message}") from exc
            raise
        log.info("mail sent", to_domain=str(message["To"]).rpartition("@")[2])

    def _write(self, message: EmailMessage, link: str | None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(message.as_bytes())
        # A warning: nobody receives it (fine for a demo, not in production). The link is
        # logged for the demo's sake: in this mode it lies in the file beside the log anyway.
        log.warning(
            "mail not sent (no DEALREG_SMTP_URL): written to a file",
            path=str(path),
            to=str(message["To"]),
            link=link,
        )
