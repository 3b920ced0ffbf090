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
    Identity,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum


class BreachAction(enum.StrEnum):
    none = "none"
    escalate = "escalate"
    auto_approve = "auto_approve"


class Threshold(enum.StrEnum):
    """In the order they fire: half the target, the target, the hard limit."""

    reminder = "reminder"
    at_risk = "at_risk"
    breached = "breached"


class ClockState(enum.StrEnum):
    running = "running"
    paused = "paused"
    stopped = "stopped"


class SlaState(enum.StrEnum):
    """Where a registration stands against its SLA, as a person reads it: nothing fired yet, its
    reminder fired, past its target, past its hard limit, waiting on the partner (ahead of any
    of those), or decided or withdrawn."""

    on_track = "on_track"
    reminded = "reminded"
    at_risk = "at_risk"
    breached = "breached"
    paused = "paused"
    stopped = "stopped"


class SlaPolicy(Entity):
    """A vendor's approval SLA (or one program's, overriding the vendor's)."""

    __tablename__ = "sla_policies"
    __table_args__ = (
        CheckConstraint("target_days > 0 AND hard_limit_days >= target_days", name="limits_valid"),
        Index(
            "uq_sla_policies_vendor_default",
            "vendor_id",
            unique=True,
            postgresql_where=text("program_id IS NULL"),
        ),
        Index(
            "uq_sla_policies_program",
            "program_id",
            unique=True,
            postgresql_where=text("program_id IS NOT NULL"),
        ),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    program_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("programs.id", ondelete="RESTRICT")
    )
    # Seven lists (Monday first) of [start, end) minutes after local midnight.
    working_hours: Mapped[list[list[list[int]]]] = mapped_column(JSONB)
    closed_dates: Mapped[list[date]] = mapped_column(ARRAY(Date))
    # Public holidays of this country (and subdivision); null country: none.
    holiday_country: Mapped[str | None] = mapped_column(String(2))
    holiday_subdivision: Mapped[str | None] = mapped_column(String(10))
    # In business days: a business day is the average working day of `working_hours`.
    target_days: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    hard_limit_days: Mapped[float] = mapped_column(Numeric(5, 2, asdecimal=False))
    breach_action: Mapped[BreachAction] = mapped_column(pg_enum(BreachAction))
    escalation_email: Mapped[str | None] = mapped_column(String(254))


# What the SLA reports read of a clock (sla/reports.py); the registration scorecard
# (scorecards.py) joins the decided ones to their registrations.
_REPORTED = [
    "vendor_id",
    "registration_id",
    "partner_id",
    "program_id",
    "approver_id",
    "decided",
    "decided_by_id",
    "breached",
    "elapsed_us",
    "target_minutes",
    "state",
    "next_threshold",
    # The wall-clock time to decision, and the hard limit the report page draws.
    "stopped_at",
    "hard_limit_minutes",
]


class SlaClock(Base):
    """The business-time clock of one registration's decision.

    The policy is copied in when the clock starts, so a later policy change applies only to
    clocks started after it. `next_due_at` is when the next threshold fires; the sweep picks
    due clocks by it (null when paused or stopped).

    It also carries copies of what the SLA reports read of its registration (program, approver,
    decided, breached), kept by the code that changes them (clocks.py, approvals, the sweep), so
    that a report reads the clocks alone."""

    __tablename__ = "sla_clocks"
    __table_args__ = (
        Index(
            "ix_sla_clocks_next_due_at",
            "next_due_at",
            postgresql_where=text("next_due_at IS NOT NULL"),
        ),
        # The reports' scope: the clocks started (registrations submitted) in a range, every
        # vendor's or one's. They carry every column a report reads, so it is an index-only
        # scan of narrow entries rather than a join of two wide rows per registration.
        Index("ix_sla_clocks_report", "started_at", postgresql_include=_REPORTED),
        Index(
            "ix_sla_clocks_report_vendor",
            "vendor_id",
            "started_at",
            postgresql_include=[column for column in _REPORTED if column != "vendor_id"],
        ),
        # The registration scorecard's decided clocks of a period (scorecards.py): a tenth of
        # the report index's pages for a quarter at 1 M clocks.
        Index(
            "ix_sla_clocks_decided",
            "started_at",
            postgresql_where=text("decided"),
            postgresql_include=["registration_id", "elapsed_us", "vendor_id", "partner_id"],
        ),
    )

    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT"), primary_key=True
    )
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    # The registration's partner and program (they never change) and its current approver.
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="RESTRICT"))
    approver_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT")
    )
    # The registration was approved or rejected (it has a `decided_at`).
    decided: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # Who approved or rejected it (the registration's `decided_by_id`): a person or a machine
    # client; null while undecided, or when a rule decided.
    decided_by_id: Mapped[uuid.UUID | None]
    # It has its `sla_breaches` row.
    breached: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    # The BusinessCalendar the clock runs on, as JSON.
    calendar: Mapped[dict[str, Any]] = mapped_column(JSONB)
    target_minutes: Mapped[int] = mapped_column(Integer)
    hard_limit_minutes: Mapped[int] = mapped_column(Integer)
    breach_action: Mapped[BreachAction] = mapped_column(pg_enum(BreachAction))
    escalation_email: Mapped[str | None] = mapped_column(String(254))
    state: Mapped[ClockState] = mapped_column(pg_enum(ClockState))
    started_at: Mapped[datetime]
    # Business time counted up to `running_since` (or up to the pause or stop), in microseconds.
    elapsed_us: Mapped[int] = mapped_column(BigInteger, server_default="0")
    running_since: Mapped[datetime | None]
    # Closed pauses as [start, end] ISO pairs; an open pause is `paused_since`.
    pauses: Mapped[list[list[str]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    paused_since: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    next_threshold: Mapped[Threshold | None] = mapped_column(pg_enum(Threshold))
    next_due_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.clock_timestamp(), onupdate=func.clock_timestamp()
    )


class SlaFiring(Base):
    """A threshold that fired for a registration: once each, whatever the sweeps."""

    __tablename__ = "sla_firings"
    __table_args__ = (UniqueConstraint("registration_id", "threshold"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    threshold: Mapped[Threshold] = mapped_column(pg_enum(Threshold))
    due_at: Mapped[datetime]
    fired_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())


class SlaBreach(Base):
    """An approval that passed its hard limit undecided. Immutable: inserted, never changed."""

    __tablename__ = "sla_breaches"
    __table_args__ = (
        UniqueConstraint("registration_id"),
        Index("ix_sla_breaches_vendor_id_breached_at", "vendor_id", "breached_at"),
        # The breach list across vendors, in the order it pages.
        Index("ix_sla_breaches_breached_at_id", "breached_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("registrations.id", ondelete="RESTRICT")
    )
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="RESTRICT"))
    approver_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT")
    )
    due_at: Mapped[datetime]
    breached_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    action: Mapped[BreachAction] = mapped_column(pg_enum(BreachAction))


# --- rollups (sla/rollups.py) -------------------------------------------------------------------
# Maintained by the trigger and SQL functions of migration 0032 (sla_rollup_change,
# sla_rollups_fold, sla_rollups_rebuild); these classes only declare the tables. Two sets of
# cells: weekly ones by vendor, program, approver and decider, and monthly ones by partner.

# A cell: the clocks started in one ISO week (Monday, UTC) of one vendor and program, assigned to
# one approver (or none), decided by one person (or a rule, or not decided).
_CELL = ["week", "vendor_id", "program_id", "approver_id", "decided_by_id"]


class SlaRollup(Base):
    """How many clocks of a cell there are, decided within target, breached, open at risk."""

    __tablename__ = "sla_rollups"
    __table_args__ = (UniqueConstraint(*_CELL, "decided", postgresql_nulls_not_distinct=True),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    week: Mapped[date]
    vendor_id: Mapped[uuid.UUID]
    program_id: Mapped[uuid.UUID]
    approver_id: Mapped[uuid.UUID | None]
    decided_by_id: Mapped[uuid.UUID | None]
    decided: Mapped[bool]
    clocks: Mapped[int]
    within_target: Mapped[int]
    breached: Mapped[int]
    open_at_risk: Mapped[int]


class SlaRollupBucket(Base):
    """How many decided clocks of a cell took a duration of one histogram bucket
    (histogram.py) to their decision: in business time (kind 0) or wall-clock time (1)."""

    __tablename__ = "sla_rollup_buckets"
    __table_args__ = (
        UniqueConstraint(*_CELL, "kind", "bucket", postgresql_nulls_not_distinct=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    week: Mapped[date]
    vendor_id: Mapped[uuid.UUID]
    program_id: Mapped[uuid.UUID]
    approver_id: Mapped[uuid.UUID | None]
    decided_by_id: Mapped[uuid.UUID | None]
    kind: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(SmallInteger)
    n: Mapped[int]


class SlaPartnerRollup(Base):
    """A partner's clocks started in one month (UTC), every vendor's: the report by partner
    across vendors, whose partners' weekly cells would hold few clocks each (a histogram of a
    handful of values is no smaller than the values)."""

    __tablename__ = "sla_partner_rollups"
    __table_args__ = (UniqueConstraint("month", "partner_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    month: Mapped[date]
    partner_id: Mapped[uuid.UUID]
    clocks: Mapped[int]
    decided: Mapped[int]
    within_target: Mapped[int]
    breached: Mapped[int]
    open_at_risk: Mapped[int]


class SlaPartnerRollupBucket(Base):
    """SlaRollupBucket's counts for a partner's month."""

    __tablename__ = "sla_partner_rollup_buckets"
    __table_args__ = (UniqueConstraint("month", "partner_id", "kind", "bucket"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    month: Mapped[date]
    partner_id: Mapped[uuid.UUID]
    kind: Mapped[int] = mapped_column(SmallInteger)
    bucket: Mapped[int] = mapped_column(SmallInteger)
    n: Mapped[int]


class SlaRollupChange(Base):
    """A clock's contribution to its cell, added (sign 1) or taken back (-1), written by the
    trigger on sla_clocks in the transaction that changed the clock, until a fold adds it to
    the rollups and deletes it."""

    __tablename__ = "sla_rollup_changes"
    __table_args__ = (
        # A report reads the pending changes of its weeks (months): by an index, as the table is
        # a queue whose deleted rows wait for autovacuum (a million after a rebuild).
        Index("ix_sla_rollup_changes_week", "week"),
        Index("ix_sla_rollup_changes_month", "month"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    week: Mapped[date]
    vendor_id: Mapped[uuid.UUID]
    program_id: Mapped[uuid.UUID]
    approver_id: Mapped[uuid.UUID | None]
    decided_by_id: Mapped[uuid.UUID | None]
    decided: Mapped[bool]
    # The partner's cell (SlaPartnerRollup).
    month: Mapped[date]
    partner_id: Mapped[uuid.UUID]
    sign: Mapped[int] = mapped_column(SmallInteger)
    within_target: Mapped[bool]
    breached: Mapped[bool]
    open_at_risk: Mapped[bool]
    business_bucket: Mapped[int | None] = mapped_column(SmallInteger)
    wall_bucket: Mapped[int | None] = mapped_column(SmallInteger)
