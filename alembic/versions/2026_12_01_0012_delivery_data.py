"""webhook deliveries keep the resource as the receiver's organization would GET it at dispatch

Deliveries pending at the upgrade keep a null `data`: their resource was not read then.

Revision ID: d1ca1ed51575
Revises: bfeef8248547
Create Date: 2026-12-01 22:53:25.008097
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "d1ca1ed51575"
down_revision: str | None = "bfeef8248547"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "webhook_deliveries",
        sa.Column(
            "data", postgresql.JSONB(none_as_null=True, astext_type=sa.Text()), nullable=True
        ),
    )


def downgrade() -> None:
    op.drop_column("webhook_deliveries", "data")
