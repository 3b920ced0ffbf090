"""outbox, job runs, scheduled runs

Revision ID: c513a376bbe2
Revises: 813f4c379826
Create Date: 2026-11-23 15:32:34.318952
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c513a376bbe2"
down_revision: str | None = "813f4c379826"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_runs",
        sa.Column("message_id", sa.UUID(), nullable=False),
        sa.Column("job", sa.String(length=100), nullable=False),
        sa.Column(
            "finished_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_job_runs")),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("job", sa.String(length=100), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("sent_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("sent_at IS NULL"),
    )
    op.create_table(
        "scheduled_runs",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("job", sa.String(length=100), nullable=False),
        sa.Column("slot", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column(
            "claimed_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_runs")),
        sa.UniqueConstraint("job", "slot", name=op.f("uq_scheduled_runs_job_slot")),
    )


def downgrade() -> None:
    op.drop_table("scheduled_runs")
    op.drop_index(
        "ix_outbox_unsent", table_name="outbox", postgresql_where=sa.text("sent_at IS NULL")
    )
    op.drop_table("outbox")
    op.drop_table("job_runs")
