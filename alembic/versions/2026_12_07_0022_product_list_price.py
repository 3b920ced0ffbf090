"""products may carry a list price

Revision ID: 5c2e8a71d9f3
Revises: 5c2e8a7f1d93
Create Date: 2026-12-07 19:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c2e8a71d9f3"
down_revision: str | None = "5c2e8a7f1d93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("products", sa.Column("list_price", sa.BigInteger(), nullable=True))
    op.add_column("products", sa.Column("list_price_currency", sa.String(length=3), nullable=True))
    op.create_check_constraint(
        op.f("ck_products_list_price_valid"),
        "products",
        "(list_price IS NULL) = (list_price_currency IS NULL)"
        " AND list_price >= 0 AND list_price_currency ~ '^[A-Z]{3}$'",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_products_list_price_valid"), "products", type_="check")
    op.drop_column("products", "list_price_currency")
    op.drop_column("products", "list_price")
