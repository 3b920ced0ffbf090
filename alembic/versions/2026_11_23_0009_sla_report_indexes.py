"""SLA reports: registrations by vendor and submission, breaches in breach order

Revision ID: 6391adb70a16
Revises: 22f5e60fd110
Create Date: 2026-11-23 19:43:10.025406
"""

from collections.abc import Sequence

from alembic import op

revision: str = "6391adb70a16"
down_revision: str | None = "22f5e60fd110"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_registrations_vendor_id_submitted_at",
        "registrations",
        ["vendor_id", "submitted_at"],
        unique=False,
    )
    op.create_index(
        "ix_sla_breaches_breached_at_id", "sla_breaches", ["breached_at", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_sla_breaches_breached_at_id", table_name="sla_breaches")
    op.drop_index("ix_registrations_vendor_id_submitted_at", table_name="registrations")
