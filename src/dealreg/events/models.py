import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base


class Event(Base):
    """Something that happened to a resource, written in the transaction that did it.

    Append-only. `vendor_id` and `partner_id` name the organizations it concerns, so a delivery
    (webhooks) sends each party only its own events."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_created_at_id", "created_at", "id"),
        # The feed of one organization, in the order it pages (events/repository.py).
        Index("ix_events_vendor_id_created_at_id", "vendor_id", "created_at", "id"),
        Index("ix_events_partner_id_created_at_id", "partner_id", "created_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    type: Mapped[str] = mapped_column(String(100))
    subject_id: Mapped[uuid.UUID]
    vendor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
