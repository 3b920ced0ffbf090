"""the report indexes carry each clock's stop (wall-clock time to decision) and hard limit, so
the SLA report reads them without visiting the table

Revision ID: 8d41f0b6c2a7
Revises: ff393d885169
Create Date: 2026-12-07 21:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8d41f0b6c2a7"
down_revision: str | None = "ff393d885169"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPORTED_BEFORE = [
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
]
_REPORTED = [*_REPORTED_BEFORE, "stopped_at", "hard_limit_minutes"]


def upgrade() -> None:
    _report_indexes(_REPORTED)


def downgrade() -> None:
    _report_indexes(_REPORTED_BEFORE)


def _report_indexes(reported: list[str]) -> None:
    op.drop_index("ix_sla_clocks_report_vendor", table_name="sla_clocks")
    op.drop_index("ix_sla_clocks_report", table_name="sla_clocks")
    op.create_index(
        "ix_sla_clocks_report",
        "sla_clocks",
        ["started_at"],
        unique=False,
        postgresql_include=["vendor_id", *reported],
    )
    op.create_index(
        "ix_sla_clocks_report_vendor",
        "sla_clocks",
        ["vendor_id", "started_at"],
        unique=False,
        postgresql_include=reported,
    )
