"""indexes for the registration scorecard and pipeline to plan: both read narrow index entries
rather than the wide registration rows (measured at 1 M registrations, bench/plans.py); the SLA
report indexes carry each clock's registration, which the scorecard joins its decided ones to

Revision ID: 498065286ccf
Revises: 8d41f0b6c2a7
Create Date: 2026-12-08 01:29:10.941123
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "498065286ccf"
down_revision: str | None = "8d41f0b6c2a7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCORECARD = [
    "id",
    "vendor_id",
    "partner_id",
    "rep_id",
    "program_id",
    "status",
    "amount",
    "currency",
    "decision_code",
]
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
    "stopped_at",
    "hard_limit_minutes",
]


def upgrade() -> None:
    op.create_index(
        "ix_registrations_scorecard",
        "registrations",
        ["submitted_at"],
        unique=False,
        postgresql_include=_SCORECARD,
    )
    op.create_index(
        "ix_registrations_pipeline",
        "registrations",
        ["vendor_id", "expected_close_date"],
        unique=False,
        postgresql_where=sa.text("status = 'approved'"),
        postgresql_include=["partner_id", "currency", "amount", "stage"],
    )
    op.create_index(
        "ix_registration_history_wins",
        "registration_history",
        ["at"],
        unique=False,
        postgresql_where=sa.text("to_status = 'won'"),
        postgresql_include=["registration_id"],
    )
    _report_indexes(["registration_id", *_REPORTED_BEFORE])


def downgrade() -> None:
    _report_indexes(_REPORTED_BEFORE)
    op.drop_index("ix_registration_history_wins", table_name="registration_history")
    op.drop_index("ix_registrations_pipeline", table_name="registrations")
    op.drop_index("ix_registrations_scorecard", table_name="registrations")


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
