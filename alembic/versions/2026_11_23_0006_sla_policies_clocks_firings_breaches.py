"""SLA policies, approval clocks, threshold firings and breaches

Revision ID: cf371da1b469
Revises: 1afc135b293a
Create Date: 2026-11-23 16:49:34.163651
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "cf371da1b469"
down_revision: str | None = "1afc135b293a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sla_policies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("program_id", sa.UUID(), nullable=True),
        sa.Column("working_hours", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("closed_dates", postgresql.ARRAY(sa.Date()), nullable=False),
        sa.Column("holiday_country", sa.String(length=2), nullable=True),
        sa.Column("holiday_subdivision", sa.String(length=10), nullable=True),
        sa.Column("target_days", sa.Numeric(precision=5, scale=2, asdecimal=False), nullable=False),
        sa.Column(
            "hard_limit_days", sa.Numeric(precision=5, scale=2, asdecimal=False), nullable=False
        ),
        sa.Column(
            "breach_action",
            sa.Enum("none", "escalate", "auto_approve", name="breachaction"),
            nullable=False,
        ),
        sa.Column("escalation_email", sa.String(length=254), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "target_days > 0 AND hard_limit_days >= target_days",
            name=op.f("ck_sla_policies_limits_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_sla_policies_program_id_programs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_sla_policies_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_policies")),
    )
    op.create_index(
        "uq_sla_policies_program",
        "sla_policies",
        ["program_id"],
        unique=True,
        postgresql_where=sa.text("program_id IS NOT NULL"),
    )
    op.create_index(
        "uq_sla_policies_vendor_default",
        "sla_policies",
        ["vendor_id"],
        unique=True,
        postgresql_where=sa.text("program_id IS NULL"),
    )
    op.create_table(
        "sla_breaches",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("program_id", sa.UUID(), nullable=False),
        sa.Column("approver_id", sa.UUID(), nullable=True),
        sa.Column("due_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column(
            "breached_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "action",
            sa.Enum("none", "escalate", "auto_approve", name="breachaction"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["approver_id"],
            ["users.id"],
            name=op.f("fk_sla_breaches_approver_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_sla_breaches_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_sla_breaches_program_id_programs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_sla_breaches_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_sla_breaches_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_breaches")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_sla_breaches_registration_id")),
    )
    op.create_index(
        "ix_sla_breaches_vendor_id_breached_at",
        "sla_breaches",
        ["vendor_id", "breached_at"],
        unique=False,
    )
    op.create_table(
        "sla_clocks",
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("calendar", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("target_minutes", sa.Integer(), nullable=False),
        sa.Column("hard_limit_minutes", sa.Integer(), nullable=False),
        sa.Column(
            "breach_action",
            sa.Enum("none", "escalate", "auto_approve", name="breachaction"),
            nullable=False,
        ),
        sa.Column("escalation_email", sa.String(length=254), nullable=True),
        sa.Column(
            "state", sa.Enum("running", "paused", "stopped", name="clockstate"), nullable=False
        ),
        sa.Column("started_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("elapsed_us", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("running_since", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "pauses",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("paused_since", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("stopped_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "next_threshold",
            sa.Enum("reminder", "at_risk", "breached", name="threshold"),
            nullable=True,
        ),
        sa.Column("next_due_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_sla_clocks_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_sla_clocks_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("registration_id", name=op.f("pk_sla_clocks")),
    )
    op.create_index(
        "ix_sla_clocks_next_due_at",
        "sla_clocks",
        ["next_due_at"],
        unique=False,
        postgresql_where=sa.text("next_due_at IS NOT NULL"),
    )
    op.create_index(
        "ix_sla_clocks_vendor_id_started_at",
        "sla_clocks",
        ["vendor_id", "started_at"],
        unique=False,
    )
    op.create_table(
        "sla_firings",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column(
            "threshold",
            sa.Enum("reminder", "at_risk", "breached", name="threshold"),
            nullable=False,
        ),
        sa.Column("due_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column(
            "fired_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_sla_firings_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_firings")),
        sa.UniqueConstraint(
            "registration_id", "threshold", name=op.f("uq_sla_firings_registration_id_threshold")
        ),
    )


def downgrade() -> None:
    op.drop_table("sla_firings")
    op.drop_index("ix_sla_clocks_vendor_id_started_at", table_name="sla_clocks")
    op.drop_index(
        "ix_sla_clocks_next_due_at",
        table_name="sla_clocks",
        postgresql_where=sa.text("next_due_at IS NOT NULL"),
    )
    op.drop_table("sla_clocks")
    op.drop_index("ix_sla_breaches_vendor_id_breached_at", table_name="sla_breaches")
    op.drop_table("sla_breaches")
    op.drop_index(
        "uq_sla_policies_vendor_default",
        table_name="sla_policies",
        postgresql_where=sa.text("program_id IS NULL"),
    )
    op.drop_index(
        "uq_sla_policies_program",
        table_name="sla_policies",
        postgresql_where=sa.text("program_id IS NOT NULL"),
    )
    op.drop_table("sla_policies")
    for enum_name in ("breachaction", "threshold", "clockstate"):
        sa.Enum(name=enum_name).drop(op.get_bind(), checkfirst=True)
