import enum
import uuid
from datetime import datetime

from sqlalchemy import Index, LargeBinary, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, pg_enum


class MailStatus(enum.StrEnum):
    pending = "pending"
    sent = "sent"
    # Refused for good by the mail server (a 5xx), or not sent before its link expired.
    failed = "failed"


class OutgoingMail(Base):
    """A mail to send once the transaction that wrote it commits.

    Its subject and text are sealed (mail/service.py): a mail may carry a one-time link, which
    neither a copy of the database nor the job's arguments (Dramatiq logs them) may show. The
    sealed text is dropped once the mail is sent or given up; the row stays as its record."""

    __tablename__ = "mails"
    __table_args__ = (
        Index("ix_mails_pending", "created_at", postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    recipient: Mapped[str] = mapped_column(String(254))
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[MailStatus] = mapped_column(
        pg_enum(MailStatus), server_default=MailStatus.pending.value
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    # A mail still unsent then is given up: the link it carries has expired.
    send_before: Mapped[datetime | None]
    # An attempt under way holds the mail until then, so a second copy of its message does not
    # send it too.
    claimed_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
