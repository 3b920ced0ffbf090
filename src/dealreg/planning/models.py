import enum
import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Entity, pg_enum


class PlanningSettings(Entity):
    """A vendor's fiscal calendar, pipeline indexes and sales stage probabilities; a vendor
    without a row has the defaults (service.DEFAULTS)."""

    __tablename__ = "planning_settings"
    __table_args__ = (
        CheckConstraint(
            "fiscal_year_start_month BETWEEN 1 AND 12", name="fiscal_year_start_month_valid"
        ),
        CheckConstraint(
            "total_pipeline_percent > 0 AND risk_adjusted_pipeline_percent > 0",
            name="indexes_positive",
        ),
        CheckConstraint(
            "qualified_percent BETWEEN 0 AND 100 AND proposal_percent BETWEEN 0 AND 100"
            " AND negotiation_percent BETWEEN 0 AND 100",
            name="probabilities_valid",
        ),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), unique=True
    )
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer)
    # Indexes in percent of the plan: 200 is "2x plan". Whole percents keep money integral.
    total_pipeline_percent: Mapped[int] = mapped_column(Integer)
    risk_adjusted_pipeline_percent: Mapped[int] = mapped_column(Integer)
    # The chance, in percent, that an approved registration at this stage is won.
    qualified_percent: Mapped[int] = mapped_column(Integer)
    proposal_percent: Mapped[int] = mapped_column(Integer)
    negotiation_percent: Mapped[int] = mapped_column(Integer)


class PlanStatus(enum.StrEnum):
    proposed = "proposed"
    accepted = "accepted"


class PartnerPlan(Entity):
    """A partner's target bookings with a vendor for one fiscal quarter."""

    __tablename__ = "partner_plans"
    __table_args__ = (
        UniqueConstraint("partnership_id", "quarter"),
        CheckConstraint("amount >= 0", name="amount_nonnegative"),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso4217"),
        CheckConstraint("quarter ~ '^[0-9]{4}-Q[1-4]$'", name="quarter_label"),
        CheckConstraint("starts_on < ends_before", name="period_valid"),
        CheckConstraint(
            "(status = 'accepted') = (accepted_by IS NOT NULL AND accepted_at IS NOT NULL)",
            name="acceptance_recorded",
        ),
        # The pipeline report reads a vendor's plans of one quarter.
        Index("ix_partner_plans_vendor_id_quarter", "vendor_id", "quarter"),
    )

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="RESTRICT")
    )
    # The partnership's parties, kept on the plan so that reports filter without a join.
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    quarter: Mapped[str] = mapped_column(String(7))
    # The quarter's local dates, [starts_on, ends_before), in the fiscal calendar in force when
    # the plan was made (a vendor with plans cannot move its fiscal year start).
    starts_on: Mapped[date] = mapped_column(Date)
    ends_before: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[PlanStatus] = mapped_column(pg_enum(PlanStatus))
    proposed_by: Mapped[uuid.UUID]
    proposed_at: Mapped[datetime]
    accepted_by: Mapped[uuid.UUID | None]
    accepted_at: Mapped[datetime | None]
