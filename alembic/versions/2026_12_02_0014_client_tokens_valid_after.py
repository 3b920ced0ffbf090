"""machine clients refuse tokens issued before their secret was rotated or they were disabled

Revision ID: fed4914c2c7d
Revises: 8519c838ad19
Create Date: 2026-12-02 00:17:35.838235
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "fed4914c2c7d"
down_revision: str | None = "8519c838ad19"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "api_clients",
        sa.Column("tokens_valid_after", postgresql.TIMESTAMP(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("api_clients", "tokens_valid_after")
