import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum


class PartnerEngagementType(enum.StrEnum):
    """What a partner's people did on the vendor's marketing."""

    email_open = "email_open"
    key_page_visit = "key_page_visit"
    email_click = "email_click"
    webinar = "webinar"
    trade_show = "trade_show"


class CallTaskState(enum.StrEnum):
    """open (in its queue) → claimed (someone is calling) → closed."""

    open = "open"
    claimed = "claimed"
    closed = "closed"


class CallOutcome(enum.StrEnum):
    reached = "reached"
    no_answer = "no_answer"
    not_interested = "not_interested"
    opportunity = "opportunity"


class OfferState(enum.StrEnum):
    """`active`: an offer holds for the next registration; else why it no longer does."""

    active = "active"
    used_up = "used_up"
    expired = "expired"
    revoked = "revoked"


class PartnerEngagementPolicy(Entity):
    """A vendor's rubric for its partners' engagement: points per type, how long points count,
    and the score at which the channel team calls."""

    __tablename__ = "partner_engagement_policies"
    __table_args__ = (
        CheckConstraint("decay_days > 0", name="decay_days_positive"),
        CheckConstraint("threshold > 0", name="threshold_positive"),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), unique=True
    )
    # Points per PartnerEngagementType value.
    points: Mapped[dict[str, int]] = mapped_column(JSONB)
    decay_days: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(Integer)
    # Whether each partner may read its own score (never the threshold, nor its call tasks).
    share_score_with_partners: Mapped[bool] = mapped_column(server_default=text("false"))


class PartnerEngagement(Base):
    """One engagement of a partner's person with a vendor's marketing, with the points the
    vendor's rubric gave it when it was recorded. Inserted, never changed."""

    __tablename__ = "partner_engagements"
    __table_args__ = (
        # A source system's id counts once per vendor, however often it is sent.
        Index(
            "uq_partner_engagements_source",
            "vendor_id",
            "source_id",
            unique=True,
            postgresql_where=text("source_id IS NOT NULL"),
        ),
        # The score: one partner's points of a vendor within the window, an index-only scan.
        Index(
            "ix_partner_engagements_score",
            "vendor_id",
            "partner_id",
            "occurred_at",
            postgresql_include=["points"],
        ),
        # The partner report: every partner's points of a vendor within the window, read as
        # one range of the window's entries (report_repository.py).
        Index(
            "ix_partner_engagements_window",
            "vendor_id",
            "occurred_at",
            postgresql_include=["partner_id", "points"],
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    type: Mapped[PartnerEngagementType] = mapped_column(pg_enum(PartnerEngagementType))
    occurred_at: Mapped[datetime]
    points: Mapped[int] = mapped_column(Integer)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    campaign: Mapped[str | None] = mapped_column(String(100))
    source_id: Mapped[str | None] = mapped_column(String(200))
    # The vendor's user or machine client that posted it.
    recorded_by: Mapped[uuid.UUID]
    recorded_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))


class PartnerEngagementStanding(Base):
    """Where a partner stands against a vendor's threshold: above it since its last crossing, or
    not. Its row is the lock that orders the engagement posts of one vendor and partner, so that a
    crossing is seen by exactly one of them."""

    __tablename__ = "partner_engagement_standings"

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), primary_key=True
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), primary_key=True
    )
    above: Mapped[bool] = mapped_column(server_default=text("false"))
    # How often the score has crossed the threshold upwards: the call tasks' sequence.
    crossings: Mapped[int] = mapped_column(Integer, server_default="0")


class CallTask(Entity):
    """A call the vendor's channel team owes a partner whose engagement crossed the threshold.

    Routing (routing.py): `owner_id` is the person the task is routed to (the partnership's
    owner, when the partner's segment is covered by a named owner); null is the vendor's channel
    team's queue. Claiming a task makes the claimer its owner."""

    __tablename__ = "call_tasks"
    __table_args__ = (
        # One task per crossing, whatever races: the database says so, not a read.
        Index("uq_call_tasks_crossing", "vendor_id", "partner_id", "crossing", unique=True),
        Index("ix_call_tasks_vendor_id_state", "vendor_id", "state", "created_at"),
        CheckConstraint("(state = 'open') = (claimed_at IS NULL)", name="claimed_unless_open"),
        CheckConstraint("(state = 'closed') = (closed_at IS NOT NULL)", name="closed_when_closed"),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    crossing: Mapped[int] = mapped_column(Integer)
    # The score that crossed, and the threshold it crossed.
    score: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[int] = mapped_column(Integer)
    state: Mapped[CallTaskState] = mapped_column(
        pg_enum(CallTaskState), server_default=CallTaskState.open.value
    )
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    claimed_at: Mapped[datetime | None]
    outcome: Mapped[CallOutcome | None] = mapped_column(pg_enum(CallOutcome))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]


class PartnerOffer(Entity):
    """Points on the deal: extra discount a vendor's channel rep grants a partner, in basis
    points, on some products (or all), until a time, for a number of registrations.

    Each registration submitted while it holds takes one use, counted here: the count never
    passes the allowance (a constraint backs the conditional update that takes a use), and the
    registration names the offer it used (`registrations.offer_id`)."""

    __tablename__ = "partner_offers"
    __table_args__ = (
        CheckConstraint("discount_bp BETWEEN 1 AND 10000", name="discount_bp_valid"),
        CheckConstraint(
            "registrations_used BETWEEN 0 AND registrations_allowed", name="uses_within_allowance"
        ),
        CheckConstraint("(revoked_at IS NULL) = (revoked_by IS NULL)", name="revoked_by_someone"),
        Index("ix_partner_offers_vendor_id_partner_id", "vendor_id", "partner_id", "created_at"),
        Index("ix_partner_offers_partner_id", "partner_id", "created_at"),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    discount_bp: Mapped[int] = mapped_column(Integer)
    # The products (SKUs of the vendor's programs) a registration must be all of; null: any.
    skus: Mapped[list[str] | None] = mapped_column(ARRAY(Text))
    valid_until: Mapped[datetime]
    registrations_allowed: Mapped[int] = mapped_column(Integer)
    registrations_used: Mapped[int] = mapped_column(Integer, server_default="0")
    # The rep who granted it, and the call it was offered on (if on one).
    granted_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    call_task_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("call_tasks.id", ondelete="RESTRICT")
    )
    note: Mapped[str | None] = mapped_column(Text)
    revoked_at: Mapped[datetime | None]
    revoked_by: Mapped[uuid.UUID | None]


class PartnerCoveragePolicy(Entity):
    """A vendor's size segments of its partners and the coverage motion of each (coverage.py):
    the thresholds and motions as the Coverage shape, checked before they are stored."""

    __tablename__ = "partner_coverage_policies"

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), unique=True
    )
    coverage: Mapped[dict[str, Any]] = mapped_column(JSONB)
