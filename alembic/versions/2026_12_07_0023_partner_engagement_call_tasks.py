"""partner engagement: vendor rubrics, engagements, standings against the threshold, call tasks

Revision ID: 7e1a9c2d4b60
Revises: 5c2e8a71d9f3
Create Date: 2026-12-07 21:30:36.560322
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "7e1a9c2d4b60"
down_revision: str | None = "5c2e8a71d9f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partner_engagement_policies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("points", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("decay_days", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
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
            "decay_days > 0", name=op.f("ck_partner_engagement_policies_decay_days_positive")
        ),
        sa.CheckConstraint(
            "threshold > 0", name=op.f("ck_partner_engagement_policies_threshold_positive")
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_engagement_policies_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_engagement_policies")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_partner_engagement_policies_vendor_id")),
    )
    op.create_table(
        "partner_engagement_standings",
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("above", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("crossings", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_partner_engagement_standings_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_engagement_standings_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint(
            "vendor_id", "partner_id", name=op.f("pk_partner_engagement_standings")
        ),
    )
    op.create_table(
        "partner_engagements",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "email_open",
                "key_page_visit",
                "email_click",
                "webinar",
                "trade_show",
                name="partnerengagementtype",
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("campaign", sa.String(length=100), nullable=True),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.UUID(), nullable=False),
        sa.Column(
            "recorded_at",
            postgresql.TIMESTAMP(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_partner_engagements_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_partner_engagements_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_engagements")),
    )
    op.create_index(
        "ix_partner_engagements_score",
        "partner_engagements",
        ["vendor_id", "partner_id", "occurred_at"],
        unique=False,
        postgresql_include=["points"],
    )
    op.create_index(
        "uq_partner_engagements_source",
        "partner_engagements",
        ["vendor_id", "source_id"],
        unique=True,
        postgresql_where=sa.text("source_id IS NOT NULL"),
    )
    op.create_table(
        "call_tasks",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("crossing", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum("open", "claimed", "closed", name="calltaskstate"),
            server_default="open",
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.Column("claimed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum("reached", "no_answer", "not_interested", "opportunity", name="calloutcome"),
            nullable=True,
        ),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("outcome_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
        sa.Column("closed_at", postgresql.TIMESTAMP(timezone=True), nullable=True),
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
            "(state = 'closed') = (closed_at IS NOT NULL)",
            name=op.f("ck_call_tasks_closed_when_closed"),
        ),
        sa.CheckConstraint(
            "(state = 'open') = (claimed_at IS NULL)",
            name=op.f("ck_call_tasks_claimed_unless_open"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_call_tasks_owner_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_call_tasks_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_call_tasks_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_tasks")),
    )
    op.create_index(
        "ix_call_tasks_vendor_id_state",
        "call_tasks",
        ["vendor_id", "state", "created_at"],
        unique=False,
    )
    op.create_index(
        "uq_call_tasks_crossing", "call_tasks", ["vendor_id", "partner_id", "crossing"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_call_tasks_crossing", table_name="call_tasks")
    op.drop_index("ix_call_tasks_vendor_id_state", table_name="call_tasks")
    op.drop_table("call_tasks")
    op.drop_index(
        "uq_partner_engagements_source",
        table_name="partner_engagements",
        postgresql_where=sa.text("source_id IS NOT NULL"),
    )
    op.drop_index(
        "ix_partner_engagements_score",
        table_name="partner_engagements",
        postgresql_include=["points"],
    )
    op.drop_table("partner_engagements")
    op.drop_table("partner_engagement_standings")
    op.drop_table("partner_engagement_policies")
    for name in ("calloutcome", "calltaskstate", "partnerengagementtype"):
        sa.Enum(name=name).drop(op.get_bind(), checkfirst=False)
