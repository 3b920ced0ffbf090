"""indexes for the partner report: a vendor's registrations and partners' engagements by time
(the report reads its window's entries, not every one the vendor ever had), a partner's
registrations by time (its last one before the window) and its won ones (measured at 20,000
partners, 5 M engagements and 1 M registrations, bench/partners.py)

Revision ID: 9a3c7e1f5b20
Revises: 6c0d2f8e4a51
Create Date: 2026-12-08 04:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9a3c7e1f5b20"
down_revision: str | None = "6c0d2f8e4a51"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_registrations_vendor_id_submitted_at",
        "registrations",
        ["vendor_id", "submitted_at"],
        unique=False,
        postgresql_include=["partner_id"],
    )
    op.create_index(
        "ix_registrations_vendor_id_partner_id_submitted_at",
        "registrations",
        ["vendor_id", "partner_id", "submitted_at"],
        unique=False,
    )
    op.create_index(
        "ix_registrations_won",
        "registrations",
        ["vendor_id", "partner_id"],
        unique=False,
        postgresql_where=sa.text("status = 'won'"),
        postgresql_include=["id", "amount", "currency"],
    )
    op.create_index(
        "ix_partner_engagements_window",
        "partner_engagements",
        ["vendor_id", "occurred_at"],
        unique=False,
        postgresql_include=["partner_id", "points"],
    )


def downgrade() -> None:
    op.drop_index("ix_partner_engagements_window", table_name="partner_engagements")
    op.drop_index("ix_registrations_won", table_name="registrations")
    op.drop_index("ix_registrations_vendor_id_partner_id_submitted_at", table_name="registrations")
    op.drop_index("ix_registrations_vendor_id_submitted_at", table_name="registrations")
