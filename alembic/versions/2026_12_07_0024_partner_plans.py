"""partner plans: vendor fiscal calendar and pipeline indexes, plans per fiscal quarter

Revision ID: ff393d885169
Revises: 7e1a9c2d4b60
Create Date: 2026-12-07 21:31:07.033179
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "ff393d885169"
down_revision: str | None = "7e1a9c2d4b60"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planning_settings",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("fiscal_year_start_month", sa.Integer(), nullable=False),
        sa.Column("total_pipeline_percent", sa.Integer(), nullable=False),
        sa.Column("risk_adjusted_pipeline_percent", sa.Integer(), nullable=False),
        sa.Column("qualified_percent", sa.Integer(), nullable=False),
        sa.Column("proposal_percent", sa.Integer(), nullable=False),
        sa.Column("negotiation_percent", sa.Integer(), nullable=False),
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
            "fiscal_year_start_month BETWEEN 1 AND 12",
            name=op.f("ck_planning_settings_fiscal_year_start_month_valid"),
        ),
        sa.CheckConstraint(
            "qualified_percent BETWEEN 0 AND 100 AND proposal_percent BETWEEN 0 AND 100 AND negotiation_percent BETWEEN 0 AND 100",
            name=op.f("ck_planning_settings_probabilities_valid"),
        ),
        sa.CheckConstraint(
            "total_pipeline_percent > 0 AND risk_adjusted_pipeline_percent > 0",
            name=op.f("ck_planning_settings_indexes_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_planning_settings_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_settings")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_planning_settings_vendor_id")),
    )
    op.create_table(
        "partner_plans",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("partnership_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_before", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.Enum("proposed", "accepted", name="planstatus"), nullable=False),
        sa.Column("proposed_by", sa.UUID(), nullable=False),
        sa.Column("proposed_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.UUID(), nullable=True),
        sa.Column("accepted_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
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
            "(status = 'accepted') = (accepted_by IS NOT NULL AND accepted_at IS NOT NULL)",
            name=op.f("ck_partner_plans_acceptance_recorded"),
        ),
        sa.CheckConstraint(
            "currency ~ '^[A-Z]{3}$'", name=op.f("ck_partner_plans_currency_iso4217")
        ),
        sa.CheckConstraint(
            "quarter ~ '^[0-9]{4}-Q[1-4]$'", name=op.f("ck_partner_plans_quarter_label")
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_partner_plans_amount_nonnegative")),
        sa.CheckConstraint("starts_on < ends_before", name=op.f("ck_partner_plans_period_valid")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_partner_plans_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partner_plans_partnership_id_partnerships"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_plans_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_plans")),
        sa.UniqueConstraint(
            "partnership_id", "quarter", name=op.f("uq_partner_plans_partnership_id_quarter")
        ),
    )
    op.create_index(
        op.f("ix_partner_plans_partner_id"), "partner_plans", ["partner_id"], unique=False
    )
    op.create_index(
        "ix_partner_plans_vendor_id_quarter",
        "partner_plans",
        ["vendor_id", "quarter"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_partner_plans_vendor_id_quarter", table_name="partner_plans")
    op.drop_index(op.f("ix_partner_plans_partner_id"), table_name="partner_plans")
    op.drop_table("partner_plans")
    op.drop_table("planning_settings")
    sa.Enum(name="planstatus").drop(op.get_bind())
