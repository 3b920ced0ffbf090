"""incentives: plan versions, the append-only earnings ledger, payouts

Revision ID: 22f5e60fd110
Revises: 0e4222498283
Create Date: 2026-11-23 18:43:29.341741
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "22f5e60fd110"
down_revision: str | None = "0e4222498283"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "incentive_plans",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("program_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("margin_rate_bp", sa.Integer(), nullable=False),
        sa.Column("pays", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("per_deal_cap", sa.BigInteger(), nullable=True),
        sa.Column("tier_multipliers_bp", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("clawback_days", sa.Integer(), nullable=False),
        sa.Column("clawback_on_closed_lost", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "clawback_days >= 0", name=op.f("ck_incentive_plans_clawback_days_nonnegative")
        ),
        sa.CheckConstraint(
            "margin_rate_bp BETWEEN 0 AND 10000",
            name=op.f("ck_incentive_plans_margin_rate_bp_range"),
        ),
        sa.CheckConstraint(
            "per_deal_cap IS NULL OR per_deal_cap >= 0",
            name=op.f("ck_incentive_plans_per_deal_cap_nonnegative"),
        ),
        sa.CheckConstraint("version > 0", name=op.f("ck_incentive_plans_version_positive")),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_incentive_plans_created_by_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_incentive_plans_program_id_programs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_incentive_plans_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incentive_plans")),
        sa.UniqueConstraint(
            "program_id", "version", name=op.f("uq_incentive_plans_program_id_version")
        ),
    )
    op.create_table(
        "payouts",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column(
            "status", sa.Enum("building", "ready", "paid", name="payoutstatus"), nullable=False
        ),
        sa.Column("created_by", sa.UUID(), nullable=True),
        sa.Column("paid_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("paid_reference", sa.String(length=200), nullable=True),
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
        sa.CheckConstraint("period_start <= period_end", name=op.f("ck_payouts_period_ordered")),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_payouts_created_by_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_payouts_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payouts")),
    )
    op.create_table(
        "earnings",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("rep_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column(
            "milestone",
            sa.Enum("registration", "proposal", "negotiation", "close", name="milestone"),
            nullable=False,
        ),
        sa.Column("entry", sa.Enum("earning", "reversal", name="entry"), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reverses_id", sa.UUID(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "earned_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(entry = 'earning' AND amount >= 0 AND reverses_id IS NULL) OR (entry = 'reversal' AND amount <= 0 AND reverses_id IS NOT NULL)",
            name=op.f("ck_earnings_entry_shape"),
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_earnings_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["incentive_plans.id"],
            name=op.f("fk_earnings_plan_id_incentive_plans"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_earnings_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["users.id"], name=op.f("fk_earnings_rep_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id", "registration_id"],
            ["earnings.id", "earnings.registration_id"],
            name="fk_earnings_reverses_same_registration",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_earnings_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_earnings")),
        sa.UniqueConstraint("id", "registration_id", name=op.f("uq_earnings_id_registration_id")),
        sa.UniqueConstraint("reverses_id", name=op.f("uq_earnings_reverses_id")),
    )
    op.create_index(
        "ix_earnings_partner_id_earned_at", "earnings", ["partner_id", "earned_at"], unique=False
    )
    op.create_index(
        "ix_earnings_rep_id_earned_at", "earnings", ["rep_id", "earned_at"], unique=False
    )
    op.create_index(
        "ix_earnings_vendor_id_earned_at", "earnings", ["vendor_id", "earned_at"], unique=False
    )
    op.create_index(
        "uq_earnings_registration_milestone",
        "earnings",
        ["registration_id", "milestone"],
        unique=True,
        postgresql_where=sa.text("entry = 'earning'"),
    )
    op.create_table(
        "payout_items",
        sa.Column("earning_id", sa.UUID(), nullable=False),
        sa.Column("payout_id", sa.UUID(), nullable=False),
        sa.Column(
            "added_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["earning_id"],
            ["earnings.id"],
            name=op.f("fk_payout_items_earning_id_earnings"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["payout_id"],
            ["payouts.id"],
            name=op.f("fk_payout_items_payout_id_payouts"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("earning_id", name=op.f("pk_payout_items")),
    )
    op.create_index("ix_payout_items_payout_id", "payout_items", ["payout_id"], unique=False)
    op.add_column("registrations", sa.Column("incentive_plan_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_registrations_incentive_plan_id_incentive_plans"),
        "registrations",
        "incentive_plans",
        ["incentive_plan_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    # The ledger is append-only in the database itself, whoever connects: a correction is a
    # reversal row, never an edit.
    op.execute(
        """
        CREATE FUNCTION refuse_earnings_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'earnings are append-only: % refused', TG_OP
                USING ERRCODE = 'restrict_violation';
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER earnings_append_only BEFORE UPDATE OR DELETE ON earnings "
        "FOR EACH ROW EXECUTE FUNCTION refuse_earnings_change()"
    )
    op.execute(
        "CREATE TRIGGER earnings_no_truncate BEFORE TRUNCATE ON earnings "
        "FOR EACH STATEMENT EXECUTE FUNCTION refuse_earnings_change()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER earnings_append_only ON earnings")
    op.execute("DROP TRIGGER earnings_no_truncate ON earnings")
    op.execute("DROP FUNCTION refuse_earnings_change()")
    op.drop_constraint(
        op.f("fk_registrations_incentive_plan_id_incentive_plans"),
        "registrations",
        type_="foreignkey",
    )
    op.drop_column("registrations", "incentive_plan_id")
    op.drop_index("ix_payout_items_payout_id", table_name="payout_items")
    op.drop_table("payout_items")
    op.drop_index(
        "uq_earnings_registration_milestone",
        table_name="earnings",
        postgresql_where=sa.text("entry = 'earning'"),
    )
    op.drop_index("ix_earnings_vendor_id_earned_at", table_name="earnings")
    op.drop_index("ix_earnings_rep_id_earned_at", table_name="earnings")
    op.drop_index("ix_earnings_partner_id_earned_at", table_name="earnings")
    op.drop_table("earnings")
    op.drop_table("payouts")
    op.drop_table("incentive_plans")
    op.execute("DROP TYPE payoutstatus")
    op.execute("DROP TYPE entry")
    op.execute("DROP TYPE milestone")
