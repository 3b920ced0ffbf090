"""a vendor's engagement policy says whether its partners may read their own scores (by default
not: the score is the vendor's alone)

Revision ID: 4e8b2d6a0c37
Revises: 9a3c7e1f5b20
Create Date: 2026-12-08 04:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4e8b2d6a0c37"
down_revision: str | None = "9a3c7e1f5b20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "partner_engagement_policies",
        sa.Column(
            "share_score_with_partners",
            sa.Boolean(),
            server_default=sa.text("false"),
            nullable=False,
        ),
    )


def downgrade() -> None:
    op.drop_column("partner_engagement_policies", "share_score_with_partners")
