import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum


class RegistrationStatus(enum.StrEnum):
    submitted = "submitted"
    in_review = "in_review"
    info_requested = "info_requested"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"
    won = "won"
    lost = "lost"
    expired = "expired"
    cancelled = "cancelled"


class Decider(enum.StrEnum):
    """What made a vendor's decision: one of its people (or the platform's), one of its machine
    clients, or one of its rules (an auto-approve rule at submission, the SLA breach action)."""

    user = "user"
    client = "client"
    rule = "rule"


class SalesStage(enum.StrEnum):
    qualified = "qualified"
    proposal = "proposal"
    negotiation = "negotiation"
    closed_won = "closed_won"
    closed_lost = "closed_lost"


class ExtensionStatus(enum.StrEnum):
    pending = "pending"
    granted = "granted"
    refused = "refused"


# A registration in one of these still claims its customer at its vendor: it is what a new
# registration can conflict with.
ACTIVE = (
    RegistrationStatus.submitted,
    RegistrationStatus.in_review,
    RegistrationStatus.info_requested,
    RegistrationStatus.approved,
)
_ACTIVE_SQL = "status IN ('submitted', 'in_review', 'info_requested', 'approved')"


class Deal(Entity):
    """What a rep submits once: the customer, the opportunity and the lines of every vendor."""

    __tablename__ = "deals"
    __table_args__ = (
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso4217"),
        Index("ix_deals_partner_id_created_at_id", "partner_id", "created_at", "id"),
        Index("ix_deals_rep_id_created_at_id", "rep_id", "created_at", "id"),
    )

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    # The rep the deal belongs to (and who earns from it); `submitted_by` is who sent it: the rep,
    # their admin, or a machine client of the partner.
    rep_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    submitted_by: Mapped[uuid.UUID]
    # Validated by the API's schemas; kept whole since they are read whole and never queried.
    customer: Mapped[dict[str, Any]] = mapped_column(JSONB)
    contact: Mapped[dict[str, Any]] = mapped_column(JSONB)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    expected_close_date: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    competitors: Mapped[list[str]] = mapped_column(ARRAY(Text))


class Registration(Entity):
    """A deal as one vendor sees it: its own number, status, stage, clock and protection."""

    __tablename__ = "registrations"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount_nonnegative"),
        CheckConstraint("extensions_granted >= 0", name="extensions_granted_nonnegative"),
        CheckConstraint(
            "standard_discount_bp BETWEEN 0 AND 10000 AND offer_discount_bp BETWEEN 0 AND 10000"
            " AND standard_discount_bp + offer_discount_bp <= 10000"
            " AND (offer_id IS NULL) = (offer_discount_bp = 0)",
            name="discount_valid",
        ),
        CheckConstraint(
            "(status IN ('approved', 'won', 'lost', 'expired', 'cancelled'))"
            " = (approved_at IS NOT NULL AND expires_at IS NOT NULL)",
            name="protected_once_approved",
        ),
        CheckConstraint(
            "stage IS NULL OR status IN ('approved', 'won', 'lost', 'expired', 'cancelled')",
            name="stage_once_approved",
        ),
        Index("ix_registrations_vendor_id_created_at_id", "vendor_id", "created_at", "id"),
        Index("ix_registrations_partner_id_created_at_id", "partner_id", "created_at", "id"),
        Index("ix_registrations_rep_id_created_at_id", "rep_id", "created_at", "id"),
        Index("ix_registrations_vendor_id_updated_at_id", "vendor_id", "updated_at", "id"),
        Index("ix_registrations_partner_id_updated_at_id", "partner_id", "updated_at", "id"),
        Index("ix_registrations_deal_id", "deal_id"),
        Index(
            "ix_registrations_offer_id", "offer_id", postgresql_where=text("offer_id IS NOT NULL")
        ),
        # Conflict detection reads only the active registrations of a customer at a vendor. The
        # customer leads: the lookup ORs a branch per vendor, which the planner then serves by
        # the key (measured at 1M rows: 0.08 ms, against 70-130 ms with the vendor first).
        Index(
            "ix_registrations_active_domain",
            "customer_domain_key",
            "vendor_id",
            postgresql_where=text(f"{_ACTIVE_SQL} AND customer_domain_key IS NOT NULL"),
        ),
        Index(
            "ix_registrations_active_name",
            "customer_name_key",
            "vendor_id",
            postgresql_where=text(_ACTIVE_SQL),
        ),
        Index(
            "ix_registrations_approved_expires_at",
            "expires_at",
            postgresql_where=text("status = 'approved'"),
        ),
        # The registration scorecard (scorecards.py) over the registrations submitted in a
        # period, any scope: an index-only scan of narrow entries, not the wide rows (at 1 M
        # registrations a quarter channel-wide read 190k pages of table).
        Index(
            "ix_registrations_scorecard",
            "submitted_at",
            postgresql_include=[
                "id",
                "vendor_id",
                "partner_id",
                "rep_id",
                "program_id",
                "status",
                "amount",
                "currency",
                "decision_code",
            ],
        ),
        # Pipeline to plan (planning/reports.py): a vendor's open (approved) registrations
        # expected to close in a quarter, with what it sums.
        # The partner report (engagement/report_repository.py): a vendor's registrations within
        # the report's window, by partner; a partner's last one before it; and its wins.
        Index(
            "ix_registrations_vendor_id_submitted_at",
            "vendor_id",
            "submitted_at",
            postgresql_include=["partner_id"],
        ),
        Index(
            "ix_registrations_vendor_id_partner_id_submitted_at",
            "vendor_id",
            "partner_id",
            "submitted_at",
        ),
        Index(
            "ix_registrations_won",
            "vendor_id",
            "partner_id",
            postgresql_where=text("status = 'won'"),
            postgresql_include=["id", "amount", "currency"],
        ),
        Index(
            "ix_registrations_pipeline",
            "vendor_id",
            "expected_close_date",
            postgresql_where=text("status = 'approved'"),
            postgresql_include=["partner_id", "currency", "amount", "stage"],
        ),
    )

    number: Mapped[str] = mapped_column(String(40), unique=True)
    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deals.id", ondelete="RESTRICT"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="RESTRICT"))
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    rep_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    status: Mapped[RegistrationStatus] = mapped_column(pg_enum(RegistrationStatus))
    stage: Mapped[SalesStage | None] = mapped_column(pg_enum(SalesStage))
    # The sum of this vendor's lines, in minor units of `currency` (the deal's).
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    # Copied from the deal, which never changes: a list of registrations reads one table.
    customer_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    expected_close_date: Mapped[date] = mapped_column(Date)
    # The normalised customer (see customers.py); conflicts are found by these.
    customer_domain_key: Mapped[str | None] = mapped_column(String(253))
    customer_name_key: Mapped[str] = mapped_column(String(260))
    # Answers to the program's extra fields, checked against them at submission.
    answers: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The program's incentive plan version in force at submission: what the rep earns by.
    incentive_plan_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("incentive_plans.id", ondelete="RESTRICT")
    )
    conflict: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # The discount it was granted at submission, in basis points of its amount, which it carries
    # once approved: its program's standard registration discount, plus the extra points of the
    # partner's offer it used (`offer_id`, engagement/offers.py), if one held.
    standard_discount_bp: Mapped[int] = mapped_column(Integer, server_default="0")
    offer_discount_bp: Mapped[int] = mapped_column(Integer, server_default="0")
    offer_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partner_offers.id", ondelete="RESTRICT")
    )
    discount_bp: Mapped[int] = mapped_column(
        Integer, Computed("standard_discount_bp + offer_discount_bp", persisted=True)
    )
    # The vendor's approver the registration is assigned to, if any.
    approver_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT")
    )
    # Who made the vendor's latest decision (approved, rejected, asked for information), set
    # with it (changes.py): the person or client (`decided_by_id`), or the rule.
    decided_by: Mapped[Decider | None] = mapped_column(pg_enum(Decider))
    decided_by_id: Mapped[uuid.UUID | None]
    decided_by_rule: Mapped[str | None] = mapped_column(String(40))
    # Why the vendor decided as it did: a rejection's reason code and the decider's words.
    decision_code: Mapped[str | None] = mapped_column(String(40))
    decision_note: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    decided_at: Mapped[datetime | None]
    approved_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]
    extensions_granted: Mapped[int] = mapped_column(Integer, server_default="0")
    extension_pending: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # The `expires_at` whose 14-day reminder went out: one reminder per protection period.
    expiry_reminded_for: Mapped[datetime | None]


class DealLine(Base):
    __tablename__ = "deal_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_nonnegative"),
        CheckConstraint("amount = quantity * unit_price", name="amount_is_quantity_times_price"),
        Index("ix_deal_lines_deal_id_position", "deal_id", "position", unique=True),
        Index("ix_deal_lines_registration_id", "registration_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    deal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("deals.id", ondelete="RESTRICT"))
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    # Its place in the submitted deal, so the deal reads back in the order it was written.
    position: Mapped[int] = mapped_column(Integer)
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    product_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class RegistrationConflict(Base):
    """A registration that arrived while another partner's active one claimed the same customer
    and product at the same vendor: `registration_id` is the newer, `other_id` the earlier."""

    __tablename__ = "registration_conflicts"
    __table_args__ = (
        PrimaryKeyConstraint("registration_id", "other_id"),
        Index("ix_registration_conflicts_other_id", "other_id"),
    )

    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    other_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("registrations.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class RegistrationHistory(Base):
    """One thing that happened to a registration: who, when, from what to what, and why.
    Append-only: rows are inserted, never changed."""

    __tablename__ = "registration_history"
    __table_args__ = (
        Index("ix_registration_history_registration_id_at", "registration_id", "at"),
        # Wins by the instant they were won (pipeline to plan's `won`): few rows, read by time.
        Index(
            "ix_registration_history_wins",
            "at",
            postgresql_where=text("to_status = 'won'"),
            postgresql_include=["registration_id"],
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    action: Mapped[str] = mapped_column(String(40))
    # Null actor: dealreg itself (a job); otherwise a user's or machine client's id and role.
    actor_id: Mapped[uuid.UUID | None]
    actor_role: Mapped[str | None] = mapped_column(String(40))
    from_status: Mapped[RegistrationStatus | None] = mapped_column(pg_enum(RegistrationStatus))
    to_status: Mapped[RegistrationStatus | None] = mapped_column(pg_enum(RegistrationStatus))
    from_stage: Mapped[SalesStage | None] = mapped_column(pg_enum(SalesStage))
    to_stage: Mapped[SalesStage | None] = mapped_column(pg_enum(SalesStage))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class ExtensionRequest(Entity):
    """A partner's request for longer protection of an approved registration, and its decision."""

    __tablename__ = "extension_requests"
    __table_args__ = (
        CheckConstraint("days > 0", name="days_positive"),
        CheckConstraint("granted_days IS NULL OR granted_days > 0", name="granted_days_positive"),
        # At most one undecided request per registration, whatever the races.
        Index(
            "uq_extension_requests_pending",
            "registration_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_extension_requests_registration_id_created_at", "registration_id", "created_at"),
    )

    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    requested_by: Mapped[uuid.UUID]
    days: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[ExtensionStatus] = mapped_column(
        pg_enum(ExtensionStatus), server_default=ExtensionStatus.pending.value
    )
    decided_by: Mapped[uuid.UUID | None]
    decided_at: Mapped[datetime | None]
    granted_days: Mapped[int | None] = mapped_column(Integer)
    decision_reason: Mapped[str | None] = mapped_column(Text)


class RegistrationCounter(Base):
    """The last number a vendor gave a registration in a year: numbers run without gaps."""

    __tablename__ = "registration_counters"
    __table_args__ = (PrimaryKeyConstraint("vendor_id", "year"),)

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    year: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(BigInteger)
