"""mail to people: the sealed text of each mail to send, and its record once sent

Revision ID: 5a1f0c9e3b27
Revises: 7d2c41e8a0b5
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5a1f0c9e3b27"
down_revision: str | None = "7d2c41e8a0b5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

mailstatus = postgresql.ENUM("pending", "sent", "failed", name="mailstatus", create_type=False)


def upgrade() -> None:
    mailstatus.create(op.get_bind())
    op.create_table(
        "mails",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("status", mailstatus, server_default="pending", nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("send_before", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("claimed_until", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mails")),
    )
    op.create_index(
        "ix_mails_pending",
        "mails",
        ["created_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_mails_pending", table_name="mails", postgresql_where=sa.text("status = 'pending'")
    )
    op.drop_table("mails")
    mailstatus.drop(op.get_bind())
