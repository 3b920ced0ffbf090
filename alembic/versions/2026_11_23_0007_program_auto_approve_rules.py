"""programs: auto-approval rules

Revision ID: 0e4222498283
Revises: cf371da1b469
Create Date: 2026-11-23 16:53:12.808076
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0e4222498283"
down_revision: str | None = "cf371da1b469"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "programs",
        sa.Column(
            "auto_approve_rules",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("programs", "auto_approve_rules")
