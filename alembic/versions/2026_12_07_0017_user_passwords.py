"""people may have a password (argon2id), to sign in with

Revision ID: 7d2c41e8a0b5
Revises: 3c5e0b7a91d2
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d2c41e8a0b5"
down_revision: str | None = "3c5e0b7a91d2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("password_hash", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "password_hash")
