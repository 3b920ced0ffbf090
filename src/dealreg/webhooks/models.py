import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum


class DeliveryStatus(enum.StrEnum):
    # Waiting for its next attempt (`next_attempt_at`).
    pending = "pending"
    delivered = "delivered"
    # Every attempt of the schedule failed, or its endpoint was disabled meanwhile.
    failed = "failed"


class WebhookEndpoint(Entity):
    """Where an organization wants its events pushed, signed with the endpoint's secret.

    A rotated secret keeps signing beside the new one until `previous_secret_expires_at`, so a
    receiver can switch over without dropping a delivery."""

    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        Index("ix_webhook_endpoints_organization_id_created_at", "organization_id", "created_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), server_default="")
    # The event types it takes (`registration.*` for all of a resource); empty: every type.
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(100)))
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    secret: Mapped[str] = mapped_column(String(100))
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None]
    # Since when every attempt has failed (a delivered one clears it); long enough, and the
    # endpoint is disabled.
    failing_since: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[uuid.UUID]


class WebhookDelivery(Base):
    """One event for one endpoint: its attempts, and when it is next tried. A timer row, like the
    SLA clocks: the retry sweep takes due ones with FOR UPDATE SKIP LOCKED."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "event_id"),
        CheckConstraint(
            "(status = 'pending') = (next_attempt_at IS NOT NULL)", name="due_while_pending"
        ),
        Index(
            "ix_webhook_deliveries_next_attempt_at",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_endpoint_id_created_at", "endpoint_id", "created_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    event_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(String(100))
    # The event's resource as the endpoint's organization would GET it at dispatch (null when
    # the event names none it may see): the same in every attempt and replay.
    data: Mapped[Any] = mapped_column(JSONB(none_as_null=True), nullable=True)
    status: Mapped[DeliveryStatus] = mapped_column(pg_enum(DeliveryStatus))
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class WebhookAttempt(Base):
    """One try of a delivery: what the receiver answered, or why it could not be reached."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_delivery_id_at", "delivery_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE")
    )
    at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int] = mapped_column(Integer)
    # The start of the receiver's answer, for the sender's own debugging.
    response_body: Mapped[str | None] = mapped_column(Text)


class DispatchCursor(Base):
    """How far the dispatcher has turned events into deliveries: one row, locked by the
    dispatcher that works, so two never hand out the same events."""

    __tablename__ = "webhook_dispatch_cursor"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    event_id: Mapped[uuid.UUID]
