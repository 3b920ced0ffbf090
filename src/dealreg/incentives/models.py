import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum
from dealreg.incentives.terms import Milestone


class IncentivePlan(Base):
    """One version of a program's incentive plan. Versions are never changed: a new one is made,
    and a registration keeps the version in force when it was submitted."""

    __tablename__ = "incentive_plans"
    __table_args__ = (
        UniqueConstraint("program_id", "version"),
        CheckConstraint("version > 0", name="version_positive"),
        CheckConstraint("margin_rate_bp BETWEEN 0 AND 10000", name="margin_rate_bp_range"),
        CheckConstraint(
            "per_deal_cap IS NULL OR per_deal_cap >= 0", name="per_deal_cap_nonnegative"
        ),
        CheckConstraint("clawback_days >= 0", name="clawback_days_nonnegative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="RESTRICT"))
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    version: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    margin_rate_bp: Mapped[int] = mapped_column(Integer)
    # [{milestone, fixed | margin_share_bp}], checked by terms.Pay when written.
    pays: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)
    per_deal_cap: Mapped[int | None] = mapped_column(BigInteger)
    tier_multipliers_bp: Mapped[dict[str, int]] = mapped_column(JSONB)
    clawback_days: Mapped[int] = mapped_column(Integer)
    clawback_on_closed_lost: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class Entry(enum.StrEnum):
    earning = "earning"
    reversal = "reversal"


class Earning(Base):
    """A row of the rep's ledger: an earning at a milestone, or the reversal of one.

    Append-only, enforced by a trigger (see the migration): a correction is a reversal row that
    points at the entry it reverses, on the same registration, at most once."""

    __tablename__ = "earnings"
    __table_args__ = (
        # A milestone is earned at most once per registration, whatever replays the event.
        Index(
            "uq_earnings_registration_milestone",
            "registration_id",
            "milestone",
            unique=True,
            postgresql_where=text("entry = 'earning'"),
        ),
        UniqueConstraint("reverses_id"),
        # The target of the composite key below: a reversal's entry is of its registration.
        UniqueConstraint("id", "registration_id"),
        ForeignKeyConstraint(
            ["reverses_id", "registration_id"],
            ["earnings.id", "earnings.registration_id"],
            name="fk_earnings_reverses_same_registration",
            ondelete="RESTRICT",
        ),
        CheckConstraint(
            "(entry = 'earning' AND amount >= 0 AND reverses_id IS NULL) OR "
            "(entry = 'reversal' AND amount <= 0 AND reverses_id IS NOT NULL)",
            name="entry_shape",
        ),
        Index("ix_earnings_rep_id_earned_at", "rep_id", "earned_at"),
        Index("ix_earnings_vendor_id_earned_at", "vendor_id", "earned_at"),
        Index("ix_earnings_partner_id_earned_at", "partner_id", "earned_at"),
        # The registration scorecard's ledger since the period began, any scope (scorecards.py):
        # an index-only scan of what it sums rather than a scan of the whole ledger.
        Index(
            "ix_earnings_earned_at",
            "earned_at",
            postgresql_include=[
                "id",
                "registration_id",
                "currency",
                "amount",
                "vendor_id",
                "partner_id",
                "rep_id",
            ],
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    plan_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incentive_plans.id", ondelete="RESTRICT")
    )
    rep_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    milestone: Mapped[Milestone] = mapped_column(pg_enum(Milestone))
    entry: Mapped[Entry] = mapped_column(pg_enum(Entry))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    reverses_id: Mapped[uuid.UUID | None]
    reason: Mapped[str | None] = mapped_column(Text)
    earned_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class PayoutStatus(enum.StrEnum):
    building = "building"
    ready = "ready"
    paid = "paid"


class Payout(Entity):
    """A vendor's batch of ledger entries earned in a period, paid together."""

    __tablename__ = "payouts"
    __table_args__ = (CheckConstraint("period_start <= period_end", name="period_ordered"),)

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[PayoutStatus] = mapped_column(pg_enum(PayoutStatus))
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT")
    )
    paid_at: Mapped[datetime | None]
    paid_reference: Mapped[str | None] = mapped_column(String(200))


class PayoutItem(Base):
    """A ledger entry in a payout: each entry is in one payout at most."""

    __tablename__ = "payout_items"
    __table_args__ = (Index("ix_payout_items_payout_id", "payout_id"),)

    earning_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("earnings.id", ondelete="RESTRICT"), primary_key=True
    )
    payout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payouts.id", ondelete="RESTRICT"))
    added_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
