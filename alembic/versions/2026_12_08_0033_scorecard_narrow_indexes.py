"""narrow indexes for the registration scorecard: the decided clocks of a period (their
registration and business time alone), and the ledger since an instant (what it sums), so that
neither is read from wide entries or rows (measured at 1 M registrations, bench/plans.py)

Revision ID: 93d0e2ac1ec8
Revises: 9a4e1c7b3d20
Create Date: 2026-12-08 04:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "93d0e2ac1ec8"
down_revision: str | None = "9a4e1c7b3d20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_sla_clocks_decided",
        "sla_clocks",
        ["started_at"],
        unique=False,
        postgresql_where=sa.text("decided"),
        postgresql_include=["registration_id", "elapsed_us", "vendor_id", "partner_id"],
    )
    op.create_index(
        "ix_earnings_earned_at",
        "earnings",
        ["earned_at"],
        unique=False,
        postgresql_include=[
            "id",
            "registration_id",
            "currency",
            "amount",
            "vendor_id",
            "partner_id",
            "rep_id",
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_earnings_earned_at", table_name="earnings")
    op.drop_index("ix_sla_clocks_decided", table_name="sla_clocks")
