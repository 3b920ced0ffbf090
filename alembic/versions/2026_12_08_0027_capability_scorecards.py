"""capability scorecards: a vendor's template of weighted attributes, its assessments of each
partner per fiscal quarter, and their scores

Revision ID: c4b1e7a90d26
Revises: 498065286ccf
Create Date: 2026-12-08 00:48:13.226639
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c4b1e7a90d26"
down_revision: str | None = "498065286ccf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "capability_templates",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("attributes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_capability_templates_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capability_templates")),
        sa.UniqueConstraint("vendor_id", name=op.f("uq_capability_templates_vendor_id")),
    )
    op.create_table(
        "capability_assessments",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("partnership_id", sa.UUID(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("tier", postgresql.ENUM(name="tier", create_type=False), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("template_version", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("assessed_by", sa.UUID(), nullable=False),
        sa.Column("assessed_at", postgresql.TIMESTAMP(timezone=True), nullable=False),
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
            "quarter ~ '^[0-9]{4}-Q[1-4]$'", name=op.f("ck_capability_assessments_quarter_label")
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["organizations.id"],
            name=op.f("fk_capability_assessments_partner_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_capability_assessments_partnership_id_partnerships"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["vendor_id"],
            ["organizations.id"],
            name=op.f("fk_capability_assessments_vendor_id_organizations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_capability_assessments")),
        sa.UniqueConstraint(
            "partnership_id",
            "quarter",
            name=op.f("uq_capability_assessments_partnership_id_quarter"),
        ),
    )
    op.create_index(
        op.f("ix_capability_assessments_partner_id"),
        "capability_assessments",
        ["partner_id"],
        unique=False,
    )
    op.create_index(
        "ix_capability_assessments_vendor_id_quarter",
        "capability_assessments",
        ["vendor_id", "quarter"],
        unique=False,
    )
    op.create_table(
        "capability_scores",
        sa.Column("assessment_id", sa.UUID(), nullable=False),
        sa.Column("attribute", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "group",
            sa.Enum("sales", "technical", "marketing", "support", name="capabilitygroup"),
            nullable=False,
        ),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "goal IS NULL OR goal BETWEEN 1 AND 100", name=op.f("ck_capability_scores_goal_range")
        ),
        sa.CheckConstraint(
            "score BETWEEN 1 AND 100", name=op.f("ck_capability_scores_score_range")
        ),
        sa.CheckConstraint("weight > 0", name=op.f("ck_capability_scores_weight_positive")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["capability_assessments.id"],
            name=op.f("fk_capability_scores_assessment_id_capability_assessments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("assessment_id", "attribute", name=op.f("pk_capability_scores")),
    )


def downgrade() -> None:
    op.drop_table("capability_scores")
    op.drop_index(
        "ix_capability_assessments_vendor_id_quarter", table_name="capability_assessments"
    )
    op.drop_index(op.f("ix_capability_assessments_partner_id"), table_name="capability_assessments")
    op.drop_table("capability_assessments")
    op.drop_table("capability_templates")
    sa.Enum(name="capabilitygroup").drop(op.get_bind())
