"""leads: vendor lead policies, leads, their engagements, dispositions and history

Revision ID: 50f9223d693b
Revises: 6391adb70a16
Create Date: 2026-12-01 19:49:33.456661
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "50f9223d693b"
down_revision: str | None = "6391adb70a16"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lead_policies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("points", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("forward_threshold", sa.Integer(), nullable=False),
        sa.Column("accept_days", sa.Numeric(precision=5, scale=2, asdecimal=False), nullable=False),
        sa.Column(
            "first_touch_days", sa.Numeric(precision=5, scale=2, asdecimal=False), nullable=False
        ),
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
            "accept_days > 0 AND first_touch_days > 0", name=op.f("ck_lead_policies_days_positive")
        ),
        sa.CheckConstraint(
            "forward_threshold >= 0", name=op.f("ck_lead_policies_forward_threshold_nonnegative")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_lead_policies_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_policies")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_lead_policies_vendor_id")),
    )
    op.create_table(
        "leads",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("rep_id", sa.UUID(), nullable=True),
        sa.Column("created_by", sa.UUID(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "forwarded",
                "accepted",
                "rejected",
                "recalled",
                "won",
                "lost",
                "no_decision",
                name="leadstatus",
            ),
            nullable=False,
        ),
        sa.Column("customer", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("contact", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("customer_name", sa.String(length=200), nullable=False),
        sa.Column("skus", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("interest", sa.Text(), nullable=False),
        sa.Column("campaign", sa.String(length=100), nullable=True),
        sa.Column("source", sa.String(length=100), nullable=True),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("calendar", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("accept_minutes", sa.Integer(), nullable=True),
        sa.Column("first_touch_minutes", sa.Integer(), nullable=True),
        sa.Column("forwarded_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("accept_due_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("accepted_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("accept_business_us", sa.BigInteger(), nullable=True),
        sa.Column("rejected_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "reject_code",
            sa.Enum(
                "not_my_territory",
                "no_capacity",
                "not_qualified",
                "existing_customer",
                "duplicate",
                "other",
                name="leadrejection",
            ),
            nullable=True,
        ),
        sa.Column("reject_note", sa.Text(), nullable=True),
        sa.Column("recalled_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("first_touch_due_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("first_touch_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("first_touch_business_us", sa.BigInteger(), nullable=True),
        sa.Column(
            "first_touch_overdue", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
        sa.Column(
            "disposition",
            sa.Enum(
                "first_touch",
                "follow_up",
                "qualified",
                "converted",
                "won",
                "lost",
                "no_decision",
                name="disposition",
            ),
            nullable=True,
        ),
        sa.Column("disposition_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("qualified_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("converted_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("closed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("registration_id", sa.UUID(), nullable=True),
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
            "(status = 'draft') = (forwarded_at IS NULL)",
            name=op.f("ck_leads_forwarded_unless_draft"),
        ),
        sa.CheckConstraint(
            "(status IN ('accepted', 'won', 'lost', 'no_decision')) = (accepted_at IS NOT NULL)",
            name=op.f("ck_leads_accepted_once_accepted"),
        ),
        sa.CheckConstraint("score >= 0", name=op.f("ck_leads_score_nonnegative")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_leads_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["registrations.id"],
            name=op.f("fk_leads_registration_id_registrations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["rep_id"], ["users.id"], name=op.f("fk_leads_rep_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_leads_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint("registration_id", name=op.f("uq_leads_registration_id")),
    )
    op.create_index(
        "ix_leads_accept_due_at",
        "leads",
        ["accept_due_at"],
        unique=False,
        postgresql_where=sa.text("status = 'forwarded'"),
    )
    op.create_index(
        "ix_leads_first_touch_due_at",
        "leads",
        ["first_touch_due_at"],
        unique=False,
        postgresql_where=sa.text(
            "status = 'accepted' AND first_touch_at IS NULL AND NOT first_touch_overdue"
        ),
    )
    op.create_index(
        "ix_leads_partner_id_created_at_id",
        "leads",
        ["partner_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_leads_partner_id_forwarded_at", "leads", ["partner_id", "forwarded_at"], unique=False
    )
    op.create_index(
        "ix_leads_partner_id_updated_at_id",
        "leads",
        ["partner_id", "updated_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_leads_rep_id_created_at_id", "leads", ["rep_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_leads_vendor_id_created_at_id", "leads", ["vendor_id", "created_at", "id"], unique=False
    )
    reported = [
        "vendor_id",
        "partner_id",
        "rep_id",
        "campaign",
        "status",
        "reject_code",
        "accepted_at",
        "converted_at",
        "accept_business_us",
        "first_touch_business_us",
        "first_touch_overdue",
    ]
    op.create_index(
        "ix_leads_report", "leads", ["forwarded_at"], unique=False, postgresql_include=reported
    )
    op.create_index(
        "ix_leads_report_vendor",
        "leads",
        ["vendor_id", "forwarded_at"],
        unique=False,
        postgresql_include=reported[1:],
    )
    op.create_index(
        "ix_leads_vendor_id_updated_at_id", "leads", ["vendor_id", "updated_at", "id"], unique=False
    )
    op.create_table(
        "lead_dispositions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "first_touch",
                "follow_up",
                "qualified",
                "converted",
                "won",
                "lost",
                "no_decision",
                name="disposition",
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("lost_reason", sa.Text(), nullable=True),
        sa.Column("reported_by", sa.UUID(), nullable=True),
        sa.Column(
            "reported_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["leads.id"],
            name=op.f("fk_lead_dispositions_lead_id_leads"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_dispositions")),
    )
    op.create_index(
        "ix_lead_dispositions_lead_id_occurred_at",
        "lead_dispositions",
        ["lead_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "lead_engagements",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "email_open", "site_visit", "email_click", "webinar", "event", name="engagementtype"
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.UUID(), nullable=False),
        sa.Column(
            "recorded_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"],
            ["leads.id"],
            name=op.f("fk_lead_engagements_lead_id_leads"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_engagements")),
    )
    op.create_index(
        "ix_lead_engagements_lead_id_occurred_at",
        "lead_engagements",
        ["lead_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "lead_history",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
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
                "draft",
                "forwarded",
                "accepted",
                "rejected",
                "recalled",
                "won",
                "lost",
                "no_decision",
                name="leadstatus",
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "draft",
                "forwarded",
                "accepted",
                "rejected",
                "recalled",
                "won",
                "lost",
                "no_decision",
                name="leadstatus",
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
            ["lead_id"],
            ["leads.id"],
            name=op.f("fk_lead_history_lead_id_leads"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_history")),
    )
    op.create_index("ix_lead_history_lead_id_at", "lead_history", ["lead_id", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_lead_history_lead_id_at", table_name="lead_history")
    op.drop_table("lead_history")
    op.drop_index("ix_lead_engagements_lead_id_occurred_at", table_name="lead_engagements")
    op.drop_table("lead_engagements")
    op.drop_index("ix_lead_dispositions_lead_id_occurred_at", table_name="lead_dispositions")
    op.drop_table("lead_dispositions")
    op.drop_index("ix_leads_vendor_id_updated_at_id", table_name="leads")
    op.drop_index("ix_leads_report_vendor", table_name="leads")
    op.drop_index("ix_leads_report", table_name="leads")
    op.drop_index("ix_leads_vendor_id_created_at_id", table_name="leads")
    op.drop_index("ix_leads_rep_id_created_at_id", table_name="leads")
    op.drop_index("ix_leads_partner_id_updated_at_id", table_name="leads")
    op.drop_index("ix_leads_partner_id_forwarded_at", table_name="leads")
    op.drop_index("ix_leads_partner_id_created_at_id", table_name="leads")
    op.drop_index(
        "ix_leads_first_touch_due_at",
        table_name="leads",
        postgresql_where=sa.text(
            "status = 'accepted' AND first_touch_at IS NULL AND NOT first_touch_overdue"
        ),
    )
    op.drop_index(
        "ix_leads_accept_due_at",
        table_name="leads",
        postgresql_where=sa.text("status = 'forwarded'"),
    )
    op.drop_table("leads")
    op.drop_table("lead_policies")
    for enum_name in ("leadstatus", "leadrejection", "disposition", "engagementtype"):
        sa.Enum(name=enum_name).drop(op.get_bind(), checkfirst=True)
