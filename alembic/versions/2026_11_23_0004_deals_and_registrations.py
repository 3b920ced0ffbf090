"""deals, registrations, their lines, conflicts, history and extensions; events

Revision ID: f29cc99a7811
Revises: c513a376bbe2
Create Date: 2026-11-23 16:16:56.764175
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "f29cc99a7811"
down_revision: str | None = "c513a376bbe2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=True),
        sa.Column("partner_id", sa.UUID(), nullable=True),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_events_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_events_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_created_at_id", "events", ["created_at", "id"], unique=False)
    op.create_table(
        "registration_counters",
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_registration_counters_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("vendor_id", "year", name=op.f("pk_registration_counters")),
    )
    op.create_table(
        "deals",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("rep_id", sa.UUID(), nullable=False),
        sa.Column("submitted_by", sa.UUID(), nullable=False),
        sa.Column("customer", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("contact", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("expected_close_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("competitors", postgresql.ARRAY(sa.Text()), nullable=False),
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
        sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name=op.f("ck_deals_currency_iso4217")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_deals_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["users.id"], name=op.f("fk_deals_rep_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deals")),
    )
    op.create_index(
        "ix_deals_partner_id_created_at_id",
        "deals",
        ["partner_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_deals_rep_id_created_at_id", "deals", ["rep_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "registrations",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("program_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("rep_id", sa.UUID(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "submitted",
                "in_review",
                "info_requested",
                "approved",
                "rejected",
                "withdrawn",
                "won",
                "lost",
                "expired",
                "cancelled",
                name="registrationstatus",
            ),
            nullable=False,
        ),
        sa.Column(
            "stage",
            sa.Enum(
                "qualified",
                "proposal",
                "negotiation",
                "closed_won",
                "closed_lost",
                name="salesstage",
            ),
            nullable=True,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("expected_close_date", sa.Date(), nullable=False),
        sa.Column("customer_domain_key", sa.String(length=253), nullable=True),
        sa.Column("customer_name_key", sa.String(length=260), nullable=False),
        sa.Column("answers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("conflict", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "submitted_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("decided_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("approved_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("expires_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("extensions_granted", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "extension_pending", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column("expiry_reminded_for", postgresql.TIMESTAMP(timezone=True), nullable=True),
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
            "(status IN ('approved', 'won', 'lost', 'expired', 'cancelled')) = (approved_at IS NOT NULL AND expires_at IS NOT NULL)",
            name=op.f("ck_registrations_protected_once_approved"),
        ),
        sa.CheckConstraint(
            "stage IS NULL OR status IN ('approved', 'won', 'lost', 'expired', 'cancelled')",
            name=op.f("ck_registrations_stage_once_approved"),
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_registrations_amount_nonnegative")),
        sa.CheckConstraint(
            "extensions_granted >= 0", name=op.f("ck_registrations_extensions_granted_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"],
            ["deals.id"],
            name=op.f("fk_registrations_deal_id_deals"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_registrations_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_registrations_program_id_programs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"],
            ["users.id"],
            name=op.f("fk_registrations_rep_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_registrations_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registrations")),
        sa.UniqueConstraint("number", name=op.f("uq_registrations_number")),
    )
    op.create_index(
        "ix_registrations_active_domain",
        "registrations",
        ["customer_domain_key", "vendor_id"],
        unique=False,
        postgresql_where=sa.text(
            "status IN ('submitted', 'in_review', 'info_requested', 'approved') AND customer_domain_key IS NOT NULL"
        ),
    )
    op.create_index(
        "ix_registrations_active_name",
        "registrations",
        ["customer_name_key", "vendor_id"],
        unique=False,
        postgresql_where=sa.text(
            "status IN ('submitted', 'in_review', 'info_requested', 'approved')"
        ),
    )
    op.create_index(
        "ix_registrations_approved_expires_at",
        "registrations",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("status = 'approved'"),
    )
    op.create_index("ix_registrations_deal_id", "registrations", ["deal_id"], unique=False)
    op.create_index(
        "ix_registrations_partner_id_created_at_id",
        "registrations",
        ["partner_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_registrations_partner_id_updated_at_id",
        "registrations",
        ["partner_id", "updated_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_registrations_rep_id_created_at_id",
        "registrations",
        ["rep_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_registrations_vendor_id_created_at_id",
        "registrations",
        ["vendor_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_registrations_vendor_id_updated_at_id",
        "registrations",
        ["vendor_id", "updated_at", "id"],
        unique=False,
    )
    op.create_table(
        "deal_lines",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("deal_id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("product_id", sa.UUID(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "amount = quantity * unit_price",
            name=op.f("ck_deal_lines_amount_is_quantity_times_price"),
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_deal_lines_quantity_positive")),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_deal_lines_unit_price_nonnegative")),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_deal_lines_deal_id_deals"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_deal_lines_product_id_products"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_deal_lines_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_deal_lines_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal_lines")),
    )
    op.create_index(
        "ix_deal_lines_deal_id_position", "deal_lines", ["deal_id", "position"], unique=True
    )
    op.create_index(
        "ix_deal_lines_registration_id", "deal_lines", ["registration_id"], unique=False
    )
    op.create_table(
        "extension_requests",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("requested_by", sa.UUID(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("pending", "granted", "refused", name="extensionstatus"),
            server_default="pending",
            nullable=False,
        ),
        sa.Column("decided_by", sa.UUID(), nullable=True),
        sa.Column("decided_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("granted_days", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
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
        sa.CheckConstraint("days > 0", name=op.f("ck_extension_requests_days_positive")),
        sa.CheckConstraint(
            "granted_days IS NULL OR granted_days > 0",
            name=op.f("ck_extension_requests_granted_days_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_extension_requests_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extension_requests")),
    )
    op.create_index(
        "ix_extension_requests_registration_id_created_at",
        "extension_requests",
        ["registration_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "uq_extension_requests_pending",
        "extension_requests",
        ["registration_id"],
        unique=True,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_table(
        "registration_conflicts",
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column("other_id", sa.UUID(), nullable=False),
        sa.Column(
            "created_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["registrations.id"],
            name=op.f("fk_registration_conflicts_other_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_registration_conflicts_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "registration_id", "other_id", name=op.f("pk_registration_conflicts")
        ),
    )
    op.create_index(
        "ix_registration_conflicts_other_id", "registration_conflicts", ["other_id"], unique=False
    )
    op.create_table(
        "registration_history",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("registration_id", sa.UUID(), nullable=False),
        sa.Column(
            "at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column("actor_role", sa.String(length=40), nullable=True),
        sa.Column(
            "from_status",
            sa.Enum(
                "submitted",
                "in_review",
                "info_requested",
                "approved",
                "rejected",
                "withdrawn",
                "won",
                "lost",
                "expired",
                "cancelled",
                name="registrationstatus",
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "submitted",
                "in_review",
                "info_requested",
                "approved",
                "rejected",
                "withdrawn",
                "won",
                "lost",
                "expired",
                "cancelled",
                name="registrationstatus",
            ),
            nullable=True,
        ),
        sa.Column(
            "from_stage",
            sa.Enum(
                "qualified",
                "proposal",
                "negotiation",
                "closed_won",
                "closed_lost",
                name="salesstage",
            ),
            nullable=True,
        ),
        sa.Column(
            "to_stage",
            sa.Enum(
                "qualified",
                "proposal",
                "negotiation",
                "closed_won",
                "closed_lost",
                name="salesstage",
            ),
            nullable=True,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "data",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_registration_history_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_history")),
    )
    op.create_index(
        "ix_registration_history_registration_id_at",
        "registration_history",
        ["registration_id", "at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_registration_history_registration_id_at", table_name="registration_history")
    op.drop_table("registration_history")
    op.drop_index("ix_registration_conflicts_other_id", table_name="registration_conflicts")
    op.drop_table("registration_conflicts")
    op.drop_index(
        "uq_extension_requests_pending",
        table_name="extension_requests",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index(
        "ix_extension_requests_registration_id_created_at", table_name="extension_requests"
    )
    op.drop_table("extension_requests")
    op.drop_index("ix_deal_lines_registration_id", table_name="deal_lines")
    op.drop_index("ix_deal_lines_deal_id_position", table_name="deal_lines")
    op.drop_table("deal_lines")
    op.drop_index("ix_registrations_vendor_id_updated_at_id", table_name="registrations")
    op.drop_index("ix_registrations_vendor_id_created_at_id", table_name="registrations")
    op.drop_index("ix_registrations_rep_id_created_at_id", table_name="registrations")
    op.drop_index("ix_registrations_partner_id_updated_at_id", table_name="registrations")
    op.drop_index("ix_registrations_partner_id_created_at_id", table_name="registrations")
    op.drop_index("ix_registrations_deal_id", table_name="registrations")
    op.drop_index(
        "ix_registrations_approved_expires_at",
        table_name="registrations",
        postgresql_where=sa.text("status = 'approved'"),
    )
    op.drop_index(
        "ix_registrations_active_name",
        table_name="registrations",
        postgresql_where=sa.text(
            "status IN ('submitted', 'in_review', 'info_requested', 'approved')"
        ),
    )
    op.drop_index(
        "ix_registrations_active_domain",
        table_name="registrations",
        postgresql_where=sa.text(
            "status IN ('submitted', 'in_review', 'info_requested', 'approved') AND customer_domain_key IS NOT NULL"
        ),
    )
    op.drop_table("registrations")
    op.drop_index("ix_deals_rep_id_created_at_id", table_name="deals")
    op.drop_index("ix_deals_partner_id_created_at_id", table_name="deals")
    op.drop_table("deals")
    op.drop_table("registration_counters")
    op.drop_index("ix_events_created_at_id", table_name="events")
    op.drop_table("events")
    for enum_name in ("registrationstatus", "salesstage", "extensionstatus"):
        sa.Enum(name=enum_name).drop(op.get_bind(), checkfirst=True)
