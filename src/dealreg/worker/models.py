import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base


class OutboxMessage(Base):
    """A job to run once the transaction that wrote it has committed.

    The relay publishes unsent rows to the broker with the row's id as the message id and marks
    them sent; a rolled-back transaction leaves no row, so its job never runs."""

    __tablename__ = "outbox"
    __table_args__ = (
        # The relay's scan: only unsent rows, oldest first.
        Index("ix_outbox_unsent", "created_at", postgresql_where=text("sent_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    job: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    sent_at: Mapped[datetime | None]


class JobRun(Base):
    """A message whose job has run and committed: a redelivered message finds it and does nothing."""

    __tablename__ = "job_runs"

    message_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(100))
    finished_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class ScheduledRun(Base):
    """A periodic job's slot that a scheduler has claimed: each slot is enqueued once, whatever
    the number of schedulers."""

    __tablename__ = "scheduled_runs"
    __table_args__ = (UniqueConstraint("job", "slot"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    job: Mapped[str] = mapped_column(String(100))
    slot: Mapped[datetime]
    claimed_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
