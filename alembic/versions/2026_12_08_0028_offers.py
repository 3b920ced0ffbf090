"""offers of extra registration discount ("points on the deal"): programs' standard discount,
partners' offers, and the discount each registration was granted

Revision ID: 3b7f5e2a9c14
Revises: c4b1e7a90d26
Create Date: 2026-12-08 00:46:14.909579
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "3b7f5e2a9c14"
down_revision: str | None = "c4b1e7a90d26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_offers",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("skus", postgresql.ARRAY(sa.Text()), nullable=True),
        sa.Column("valid_until", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("registrations_allowed", sa.Integer(), nullable=False),
        sa.Column("registrations_used", sa.Integer(), server_default="0", nullable=False),
        sa.Column("granted_by", sa.UUID(), nullable=False),
        sa.Column("call_task_id", sa.UUID(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("revoked_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.UUID(), nullable=True),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "(revoked_at IS NULL) = (revoked_by IS NULL)",
            name=op.f("ck_partner_offers_revoked_by_someone"),
        ),
        sa.CheckConstraint(
            "discount_bp BETWEEN 1 AND 10000", name=op.f("ck_partner_offers_discount_bp_valid")
        ),
        sa.CheckConstraint(
            "registrations_used BETWEEN 0 AND registrations_allowed",
            name=op.f("ck_partner_offers_uses_within_allowance"),
        ),
        sa.ForeignKeyConstraint(
            ["call_task_id"],
            ["call_tasks.id"],
            name=op.f("fk_partner_offers_call_task_id_call_tasks"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["granted_by"],
            ["users.id"],
            name=op.f("fk_partner_offers_granted_by_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_partner_offers_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_offers_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_offers")),
    )
    op.create_index(
        "ix_partner_offers_partner_id", "partner_offers", ["partner_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_partner_offers_vendor_id_partner_id",
        "partner_offers",
        ["vendor_id", "partner_id", "created_at"],
        unique=False,
    )
    op.add_column(
        "programs",
        sa.Column("registration_discount_bp", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "registrations",
        sa.Column("standard_discount_bp", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "registrations",
        sa.Column("offer_discount_bp", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column("registrations", sa.Column("offer_id", sa.UUID(), nullable=True))
    op.add_column(
        "registrations",
        sa.Column(
            "discount_bp",
            sa.Integer(),
            sa.Computed("standard_discount_bp + offer_discount_bp", persisted=True),
            nullable=False,
        ),
    )
    op.create_index(
        "ix_registrations_offer_id",
        "registrations",
        ["offer_id"],
        unique=False,
        postgresql_where=sa.text("offer_id IS NOT NULL"),
    )
    op.create_foreign_key(
        op.f("fk_registrations_offer_id_partner_offers"),
        "registrations",
        "partner_offers",
        ["offer_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    op.create_check_constraint(
        op.f("ck_programs_registration_discount_bp_valid"),
        "programs",
        "registration_discount_bp BETWEEN 0 AND 10000",
    )
    op.create_check_constraint(
        op.f("ck_registrations_discount_valid"),
        "registrations",
        "standard_discount_bp BETWEEN 0 AND 10000 AND offer_discount_bp BETWEEN 0 AND 10000"
        " AND standard_discount_bp + offer_discount_bp <= 10000"
        " AND (offer_id IS NULL) = (offer_discount_bp = 0)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_registrations_discount_valid"), "registrations", type_="check")
    op.drop_constraint(
        op.f("ck_programs_registration_discount_bp_valid"), "programs", type_="check"
    )
    op.drop_constraint(
        op.f("fk_registrations_offer_id_partner_offers"), "registrations", type_="foreignkey"
    )
    op.drop_index(
        "ix_registrations_offer_id",
        table_name="registrations",
        postgresql_where=sa.text("offer_id IS NOT NULL"),
    )
    op.drop_column("registrations", "discount_bp")
    op.drop_column("registrations", "offer_id")
    op.drop_column("registrations", "offer_discount_bp")
    op.drop_column("registrations", "standard_discount_bp")
    op.drop_column("programs", "registration_discount_bp")
    op.drop_index("ix_partner_offers_vendor_id_partner_id", table_name="partner_offers")
    op.drop_index("ix_partner_offers_partner_id", table_name="partner_offers")
    op.drop_table("partner_offers")
