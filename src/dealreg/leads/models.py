import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum


class LeadStatus(enum.StrEnum):
    # Created by the vendor, not yet sent to the partner (below the forwarding threshold, or held).
    draft = "draft"
    forwarded = "forwarded"
    accepted = "accepted"
    rejected = "rejected"
    # Not accepted within the vendor's lead SLA: taken back by the sweep.
    recalled = "recalled"
    won = "won"
    lost = "lost"
    no_decision = "no_decision"


class Disposition(enum.StrEnum):
    """What the partner reports it did with an accepted lead, in the order it may happen."""

    first_touch = "first_touch"
    follow_up = "follow_up"
    qualified = "qualified"
    converted = "converted"
    won = "won"
    lost = "lost"
    no_decision = "no_decision"


class LeadRejection(enum.StrEnum):
    not_my_territory = "not_my_territory"
    no_capacity = "no_capacity"
    not_qualified = "not_qualified"
    existing_customer = "existing_customer"
    duplicate = "duplicate"
    other = "other"


class EngagementType(enum.StrEnum):
    email_open = "email_open"
    site_visit = "site_visit"
    email_click = "email_click"
    webinar = "webinar"
    event = "event"


class LeadPolicy(Entity):
    """A vendor's lead rules: points per engagement, the score a lead needs to be forwarded, and
    the lead SLA in the vendor's business days (the calendar of its approval SLA)."""

    __tablename__ = "lead_policies"
    __table_args__ = (
        CheckConstraint("forward_threshold >= 0", name="forward_threshold_nonnegative"),
        CheckConstraint("accept_days > 0 AND first_touch_days > 0", name="days_positive"),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), unique=True
    )
    # Points per EngagementType value.
    points: Mapped[dict[str, int]] = mapped_column(JSONB)
    forward_threshold: Mapped[int] = mapped_column(Integer)
    accept_days: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    first_touch_days: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))


_OPEN_FORWARDED = "status = 'forwarded'"
# What the lead reports read of a lead (leads/reports.py).
_REPORTED = [
    "vendor_id",
    "partner_id",
    "rep_id",
    "campaign",
    "status",
    "reject_code",
    "accepted_at",
    "converted_at",
    "accept_business_us",
    "first_touch_business_us",
    "first_touch_overdue",
]
_AWAITING_TOUCH = "status = 'accepted' AND first_touch_at IS NULL AND NOT first_touch_overdue"


class Lead(Entity):
    """A prospect a vendor hands to a partner, and what the partner did with it.

    The lead SLA's calendar and allowances are copied in when the lead is forwarded, so a later
    policy change applies only to leads forwarded after it; the due instants follow from them.
    Business time to accept and to first touch is measured when each happens, for the reports.
    """

    __tablename__ = "leads"
    __table_args__ = (
        CheckConstraint("score >= 0", name="score_nonnegative"),
        CheckConstraint(
            "(status = 'draft') = (forwarded_at IS NULL)", name="forwarded_unless_draft"
        ),
        CheckConstraint(
            "(status IN ('accepted', 'won', 'lost', 'no_decision')) = (accepted_at IS NOT NULL)",
            name="accepted_once_accepted",
        ),
        Index("ix_leads_vendor_id_created_at_id", "vendor_id", "created_at", "id"),
        Index("ix_leads_partner_id_created_at_id", "partner_id", "created_at", "id"),
        Index("ix_leads_rep_id_created_at_id", "rep_id", "created_at", "id"),
        Index("ix_leads_vendor_id_updated_at_id", "vendor_id", "updated_at", "id"),
        Index("ix_leads_partner_id_updated_at_id", "partner_id", "updated_at", "id"),
        # The reports' scope: the leads forwarded in a range, every vendor's or one's. They carry
        # every column a report reads, so it is an index-only scan of narrow entries rather than
        # a visit to each wide row (measured at 1M leads: 233k rows in 1.2 s through the heap).
        Index("ix_leads_report", "forwarded_at", postgresql_include=_REPORTED),
        Index(
            "ix_leads_report_vendor",
            "vendor_id",
            "forwarded_at",
            postgresql_include=[column for column in _REPORTED if column != "vendor_id"],
        ),
        # A partner's leads are a sliver of the whole: its rows are read from the heap.
        Index("ix_leads_partner_id_forwarded_at", "partner_id", "forwarded_at"),
        # The sweep reads only the leads whose deadline can still pass.
        Index("ix_leads_accept_due_at", "accept_due_at", postgresql_where=text(_OPEN_FORWARDED)),
        Index(
            "ix_leads_first_touch_due_at",
            "first_touch_due_at",
            postgresql_where=text(_AWAITING_TOUCH),
        ),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    # The partner's user working the lead: named by the vendor, or assigned by the partner admin.
    rep_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_by: Mapped[uuid.UUID]
    status: Mapped[LeadStatus] = mapped_column(pg_enum(LeadStatus))
    # Validated by the schemas (the deal's Customer and Contact); read whole, never queried.
    customer: Mapped[dict[str, Any]] = mapped_column(JSONB)
    contact: Mapped[dict[str, Any]] = mapped_column(JSONB)
    customer_name: Mapped[str] = mapped_column(String(200))
    # Product interest: SKUs of the vendor's catalogue, and words.
    skus: Mapped[list[str]] = mapped_column(ARRAY(Text))
    interest: Mapped[str] = mapped_column(Text)
    campaign: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(100))
    score: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text)
    # The BusinessCalendar of the lead SLA, and its allowances in business minutes.
    calendar: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    accept_minutes: Mapped[int | None] = mapped_column(Integer)
    first_touch_minutes: Mapped[int | None] = mapped_column(Integer)
    forwarded_at: Mapped[datetime | None]
    accept_due_at: Mapped[datetime | None]
    accepted_at: Mapped[datetime | None]
    accept_business_us: Mapped[int | None] = mapped_column(BigInteger)
    rejected_at: Mapped[datetime | None]
    reject_code: Mapped[LeadRejection | None] = mapped_column(pg_enum(LeadRejection))
    reject_note: Mapped[str | None] = mapped_column(Text)
    recalled_at: Mapped[datetime | None]
    first_touch_due_at: Mapped[datetime | None]
    # When the first touch happened (as the partner reports it), and the business time from
    # acceptance to it.
    first_touch_at: Mapped[datetime | None]
    first_touch_business_us: Mapped[int | None] = mapped_column(BigInteger)
    first_touch_overdue: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # The latest disposition and when it happened.
    disposition: Mapped[Disposition | None] = mapped_column(pg_enum(Disposition))
    disposition_at: Mapped[datetime | None]
    qualified_at: Mapped[datetime | None]
    converted_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    lost_reason: Mapped[str | None] = mapped_column(Text)
    # The deal registration the lead became (POST /v1/leads/{id}/convert).
    registration_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT"), unique=True
    )


class LeadEngagement(Base):
    """Something the prospect did that the vendor's rubric scores. Append-only."""

    __tablename__ = "lead_engagements"
    __table_args__ = (Index("ix_lead_engagements_lead_id_occurred_at", "lead_id", "occurred_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"))
    type: Mapped[EngagementType] = mapped_column(pg_enum(EngagementType))
    occurred_at: Mapped[datetime]
    points: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[uuid.UUID]
    recorded_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class LeadDispositionRow(Base):
    """One disposition the partner reported: what, when it happened, who said so. Append-only."""

    __tablename__ = "lead_dispositions"
    __table_args__ = (Index("ix_lead_dispositions_lead_id_occurred_at", "lead_id", "occurred_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"))
    type: Mapped[Disposition] = mapped_column(pg_enum(Disposition))
    occurred_at: Mapped[datetime]
    note: Mapped[str | None] = mapped_column(Text)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    # Null: dealreg itself (the outcome of the lead's registration).
    reported_by: Mapped[uuid.UUID | None]
    reported_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class LeadHistory(Base):
    """One thing that happened to a lead: who, when, from what status to what, and why.
    Append-only."""

    __tablename__ = "lead_history"
    __table_args__ = (Index("ix_lead_history_lead_id_at", "lead_id", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    lead_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("leads.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    action: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[uuid.UUID | None]
    actor_role: Mapped[str | None] = mapped_column(String(40))
    from_status: Mapped[LeadStatus | None] = mapped_column(pg_enum(LeadStatus))
    to_status: Mapped[LeadStatus | None] = mapped_column(pg_enum(LeadStatus))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


# --- rollups (leads/rollups.py) -----------------------------------------------------------------
# Maintained by the trigger and SQL functions of migration 0034 (lead_rollup_change,
# lead_rollups_fold, lead_rollups_rebuild); these classes only declare the tables.

# A cell: the leads forwarded in one month (UTC) to one partner (slice 0), in one campaign
# (slice 1) or to one rep (slice 2), every vendor's; the keys of the other slices are null.
_CELL = ["slice", "month", "partner_id", "campaign", "rep_id"]


class LeadCell:
    slice: Mapped[int] = mapped_column(SmallInteger)
    month: Mapped[date]
    partner_id: Mapped[uuid.UUID | None]
    campaign: Mapped[str | None] = mapped_column(String(100))
    rep_id: Mapped[uuid.UUID | None]


class LeadRollup(LeadCell, Base):
    """How many leads of a cell there are in each of the lead report's counts."""

    __tablename__ = "lead_rollups"
    __table_args__ = (UniqueConstraint(*_CELL, postgresql_nulls_not_distinct=True),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    forwarded: Mapped[int]
    pending: Mapped[int]
    accepted: Mapped[int]
    rejected: Mapped[int]
    rejected_not_my_territory: Mapped[int]
    rejected_no_capacity: Mapped[int]
    rejected_not_qualified: Mapped[int]
    rejected_existing_customer: Mapped[int]
    rejected_duplicate: Mapped[int]
    rejected_other: Mapped[int]
    recalled: Mapped[int]
    first_touch_overdue: Mapped[int]
    converted: Mapped[int]
    won: Mapped[int]
    lost: Mapped[int]
    no_decision: Mapped[int]


class LeadRollupBucket(LeadCell, Base):
    """How many leads of a cell took a business time of one histogram bucket (histogram.py) to
    be accepted (kind 0) or first touched after acceptance (kind 1)."""

    __tablename__ = "lead_rollup_buckets"
    __table_args__ = (
        UniqueConstraint(*_CELL, "kind", "bucket", postgresql_nulls_not_distinct=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(SmallInteger)
    n: Mapped[int]


class LeadRollupChange(Base):
    """A forwarded lead's contribution to its cells, added (sign 1) or taken back (-1), written
    by the trigger on leads in the transaction that changed the lead, until a fold adds it to
    the cells and deletes it."""

    __tablename__ = "lead_rollup_changes"
    # A report reads the pending changes of its months: by an index, as the table is a queue.
    __table_args__ = (Index("ix_lead_rollup_changes_month", "month"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    month: Mapped[date]
    partner_id: Mapped[uuid.UUID]
    campaign: Mapped[str | None] = mapped_column(String(100))
    rep_id: Mapped[uuid.UUID | None]
    sign: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[LeadStatus] = mapped_column(pg_enum(LeadStatus))
    reject_code: Mapped[LeadRejection | None] = mapped_column(pg_enum(LeadRejection))
    converted: Mapped[bool]
    first_touch_overdue: Mapped[bool]
    accept_bucket: Mapped[int | None] = mapped_column(SmallInteger)
    first_touch_bucket: Mapped[int | None] = mapped_column(SmallInteger)
