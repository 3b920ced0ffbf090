"""SLA reports read the clocks alone: each carries its registration's program, approver, whether
it was decided and whether it breached, and covering indexes make a report an index-only scan

The copies are filled from the registrations and breaches as they stand at the upgrade (about
80 s at 1M clocks on 2 cores). The new indexes are built in the same transaction as that update,
so they also hold the clocks' replaced row versions until a vacuum, about half empty after it: a
large installation may `REINDEX INDEX CONCURRENTLY` them afterwards (measured at 1M clocks: 179
MB each, 105 MB rebuilt).

Revision ID: 8519c838ad19
Revises: d1ca1ed51575
Create Date: 2026-12-01 23:24:14.987181
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8519c838ad19"
down_revision: str | None = "d1ca1ed51575"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPORTED = [
    "program_id",
    "approver_id",
    "decided",
    "breached",
    "elapsed_us",
    "target_minutes",
    "state",
    "next_threshold",
]


def upgrade() -> None:
    # Null until filled: every clock has a registration, hence a program.
    op.add_column("sla_clocks", sa.Column("program_id", sa.UUID(), nullable=True))
    op.add_column("sla_clocks", sa.Column("approver_id", sa.UUID(), nullable=True))
    op.add_column(
        "sla_clocks",
        sa.Column("decided", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.add_column(
        "sla_clocks",
        sa.Column("breached", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.execute(
        """
        UPDATE sla_clocks AS c
        SET program_id = r.program_id,
            approver_id = r.approver_id,
            decided = r.decided_at IS NOT NULL,
            breached = EXISTS (SELECT FROM sla_breaches b WHERE b.registration_id = r.id)
        FROM registrations AS r
        WHERE r.id = c.registration_id
        """
    )
    op.alter_column("sla_clocks", "program_id", nullable=False)
    op.drop_index(op.f("ix_sla_clocks_vendor_id_started_at"), table_name="sla_clocks")
    # It served the reports' scope on the registrations, which they no longer read.
    op.drop_index("ix_registrations_vendor_id_submitted_at", table_name="registrations")
    op.create_index(
        "ix_sla_clocks_report",
        "sla_clocks",
        ["started_at"],
        unique=False,
        postgresql_include=["vendor_id", *_REPORTED],
    )
    op.create_index(
        "ix_sla_clocks_report_vendor",
        "sla_clocks",
        ["vendor_id", "started_at"],
        unique=False,
        postgresql_include=_REPORTED,
    )
    op.create_foreign_key(
        op.f("fk_sla_clocks_approver_id_users"),
        "sla_clocks",
        "users",
        ["approver_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        op.f("fk_sla_clocks_program_id_programs"),
        "sla_clocks",
        "programs",
        ["program_id"],
        ["id"],
        ondelete="RESTRICT",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("fk_sla_clocks_program_id_programs"), "sla_clocks", type_="foreignkey")
    op.drop_constraint(op.f("fk_sla_clocks_approver_id_users"), "sla_clocks", type_="foreignkey")
    op.drop_index("ix_sla_clocks_report_vendor", table_name="sla_clocks")
    op.drop_index("ix_sla_clocks_report", table_name="sla_clocks")
    op.create_index(
        "ix_registrations_vendor_id_submitted_at",
        "registrations",
        ["vendor_id", "submitted_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_sla_clocks_vendor_id_started_at"),
        "sla_clocks",
        ["vendor_id", "started_at"],
        unique=False,
    )
    op.drop_column("sla_clocks", "breached")
    op.drop_column("sla_clocks", "decided")
    op.drop_column("sla_clocks", "approver_id")
    op.drop_column("sla_clocks", "program_id")
