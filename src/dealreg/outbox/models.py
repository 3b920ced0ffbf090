import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, UniqueConstraint, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base


class OutboxMessage(Base):
    """A job to run once the transaction that wrote it has committed, and the source of truth
    about it until its run is recorded.

    The relay publishes each row that is due with the row's id as the message id. A sent row stays
    pending until the actor that runs it records the run (`done_at`, in the job's own
    transaction): a message the broker loses is sent again, and the run record makes the second
    copy of one that was not lost harmless. A rolled-back transaction leaves no row, so its job
    never runs."""

    __tablename__ = "outbox"
    __table_args__ = (
        # The relay's scan: rows not yet run, by when they are next due to be sent.
        Index("ix_outbox_pending", "due_at", postgresql_where=text("done_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    job: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    # When the relay next sends it: at once when written; after a send, when it is sent again
    # should its run still not be recorded; for a job this version lacks, when to look again.
    due_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    # The last send, how many there were, and the broker's epoch then (relay.py): a message sent
    # under an epoch the broker no longer has was lost with the broker's data.
    sent_at: Mapped[datetime | None]
    sends: Mapped[int] = mapped_column(server_default="0")
    sent_epoch: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None]


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
