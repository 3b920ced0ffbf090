"""the outbox is the truth until a job's run is recorded: rows stay pending after a send, are
sent again when the broker lost them, and a job this version lacks is parked, not in the way

Revision ID: 3b6f0e2a9c41
Revises: fed4914c2c7d
Create Date: 2026-12-07 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3b6f0e2a9c41"
down_revision: str | None = "fed4914c2c7d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "outbox",
        sa.Column(
            "due_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
    )
    op.add_column("outbox", sa.Column("sends", sa.Integer(), server_default="0", nullable=False))
    op.add_column("outbox", sa.Column("sent_epoch", sa.String(length=64), nullable=True))
    op.add_column(
        "outbox", sa.Column("done_at", postgresql.TIMESTAMP(timezone=True), nullable=True)
    )
    # Rows sent before the upgrade were taken as done when sent, as they were then; unsent ones
    # are due in the order they were written.
    op.execute("UPDATE outbox SET done_at = sent_at, sends = 1 WHERE sent_at IS NOT NULL")
    op.execute("UPDATE outbox SET due_at = created_at WHERE sent_at IS NULL")
    op.drop_index(
        "ix_outbox_unsent", table_name="outbox", postgresql_where=sa.text("sent_at IS NULL")
    )
    op.create_index(
        "ix_outbox_pending",
        "outbox",
        ["due_at"],
        unique=False,
        postgresql_where=sa.text("done_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_outbox_pending", table_name="outbox", postgresql_where=sa.text("done_at IS NULL")
    )
    # Pending rows that were sent become unsent again, so the older relay sends them once more.
    op.execute("UPDATE outbox SET sent_at = NULL WHERE done_at IS NULL")
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("sent_at IS NULL"),
    )
    op.drop_column("outbox", "done_at")
    op.drop_column("outbox", "sent_epoch")
    op.drop_column("outbox", "sends")
    op.drop_column("outbox", "due_at")
