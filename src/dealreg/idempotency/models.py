import uuid
from datetime import datetime

from sqlalchemy import Index, LargeBinary, SmallInteger, String, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base


class IdempotencyRecord(Base):
    """A completed POST: what it was (fingerprint) and what it answered (status, headers, body).

    Written in the transaction of the request's own work, so a request that failed leaves none.
    """

    __tablename__ = "idempotency_records"
    __table_args__ = (
        UniqueConstraint("caller_id", "key"),
        Index("ix_idempotency_records_created_at", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    caller_id: Mapped[uuid.UUID]
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(SmallInteger)
    headers: Mapped[list[list[str]]] = mapped_column(JSONB)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
