"""size segments and coverage: partners' size facts, vendors' coverage policies, partnerships'
owners

Revision ID: 6c0d2f8e4a51
Revises: 3b7f5e2a9c14
Create Date: 2026-12-08 01:16:19.636619
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "6c0d2f8e4a51"
down_revision: str | None = "3b7f5e2a9c14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_coverage_policies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("coverage", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_coverage_policies_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_coverage_policies")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_partner_coverage_policies_vendor_id")),
    )
    op.add_column("organizations", sa.Column("employees", sa.Integer(), nullable=True))
    op.add_column(
        "organizations", sa.Column("annual_revenue_band", sa.String(length=20), nullable=True)
    )
    op.add_column("partnerships", sa.Column("owner_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_partnerships_owner_id_users"),
        "partnerships",
        "users",
        ["owner_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_check_constraint(
        op.f("ck_organizations_size_of_partners"),
        "organizations",
        "kind = 'partner' OR (employees IS NULL AND annual_revenue_band IS NULL)",
    )
    op.create_check_constraint(
        op.f("ck_organizations_employees_nonnegative"), "organizations", "employees >= 0"
    )
    op.create_check_constraint(
        op.f("ck_organizations_annual_revenue_band_known"),
        "organizations",
        "annual_revenue_band IN"
        " ('under_1m', '1m_10m', '10m_50m', '50m_250m', '250m_1b', 'over_1b')",
    )


def downgrade() -> None:
    for name in ("size_of_partners", "employees_nonnegative", "annual_revenue_band_known"):
        op.drop_constraint(op.f(f"ck_organizations_{name}"), "organizations", type_="check")
    op.drop_constraint(op.f("fk_partnerships_owner_id_users"), "partnerships", type_="foreignkey")
    op.drop_column("partnerships", "owner_id")
    op.drop_column("organizations", "annual_revenue_band")
    op.drop_column("organizations", "employees")
    op.drop_table("partner_coverage_policies")
