import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum
from dealreg.orgs.models import Tier


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


class CapabilityGroup(enum.StrEnum):
    sales = "sales"
    technical = "technical"
    marketing = "marketing"
    support = "support"


class CapabilityTemplate(Entity):
    """A vendor's capability scorecard: the attributes its channel team assesses partners on.

    One per vendor; its `version` is the ETag every change is made against. The attributes are
    kept whole on the row (a change replaces them all and bumps the version); each assessment
    copies the names, groups and weights it was scored with, so a later change of the template
    never moves an old score."""

    __tablename__ = "capability_templates"

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), unique=True
    )
    # [{"key", "name", "group", "weight"}], in the vendor's order (capabilities.Attribute).
    attributes: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)


class CapabilityAssessment(Entity):
    """The vendor's channel team's assessment of a partner for one fiscal quarter."""

    __tablename__ = "capability_assessments"
    __table_args__ = (
        UniqueConstraint("partnership_id", "quarter"),
        CheckConstraint("quarter ~ '^[0-9]{4}-Q[1-4]$'", name="quarter_label"),
        # The averages read a vendor's assessments of one quarter.
        Index("ix_capability_assessments_vendor_id_quarter", "vendor_id", "quarter"),
    )

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="RESTRICT")
    )
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    # The partnership's tier when assessed: a quarter's tier average is over the partners that
    # were in the tier then, whatever tier they moved to since.
    tier: Mapped[Tier] = mapped_column(pg_enum(Tier))
    quarter: Mapped[str] = mapped_column(String(7))
    template_version: Mapped[int]
    note: Mapped[str] = mapped_column(Text)
    goal: Mapped[str] = mapped_column(Text)
    assessed_by: Mapped[uuid.UUID]
    assessed_at: Mapped[datetime]


class CapabilityScore(Base):
    """One attribute's score in an assessment, with the name, group and weight it had then, and
    the score aimed at for the next quarter."""

    __tablename__ = "capability_scores"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 100", name="score_range"),
        CheckConstraint("goal IS NULL OR goal BETWEEN 1 AND 100", name="goal_range"),
        CheckConstraint("weight > 0", name="weight_positive"),
    )

    assessment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("capability_assessments.id", ondelete="CASCADE"), primary_key=True
    )
    attribute: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    group: Mapped[CapabilityGroup] = mapped_column(pg_enum(CapabilityGroup))
    weight: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    goal: Mapped[int | None] = mapped_column(Integer)
