"""registrations: assigned approver, decision reason code and note

Revision ID: 1afc135b293a
Revises: f29cc99a7811
Create Date: 2026-11-23 16:46:14.503823
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1afc135b293a"
down_revision: str | None = "f29cc99a7811"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("registrations", sa.Column("approver_id", sa.UUID(), nullable=True))
    op.add_column("registrations", sa.Column("decision_code", sa.String(length=40), nullable=True))
    op.add_column("registrations", sa.Column("decision_note", sa.Text(), nullable=True))
    op.create_foreign_key(
        op.f("fk_registrations_approver_id_users"),
        "registrations",
        "users",
        ["approver_id"],
        ["id"],
        ondelete="RESTRICT",
    )


def downgrade() -> None:
    op.drop_constraint(
        op.f("fk_registrations_approver_id_users"), "registrations", type_="foreignkey"
    )
    op.drop_column("registrations", "decision_note")
    op.drop_column("registrations", "decision_code")
    op.drop_column("registrations", "approver_id")
