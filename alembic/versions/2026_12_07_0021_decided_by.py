"""who made a vendor's decision: a person, a machine client or a rule, on the registration and
on its clock (the approver reports group by it); the clock's copy of its partner (the partner
reports)

Filled from each registration's history as it stands at the upgrade: its latest approval,
rejection or question, made by its actor (a machine client's id is found among the clients),
else by the rule its data names.

Revision ID: 5c2e8a7f1d93
Revises: a3f1c9d2e4b6
Create Date: 2026-12-07 19:05:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c2e8a7f1d93"
down_revision: str | None = "a3f1c9d2e4b6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPORTED = [
    "partner_id",
    "program_id",
    "approver_id",
    "decided",
    "decided_by_id",
    "breached",
    "elapsed_us",
    "target_minutes",
    "state",
    "next_threshold",
]
_REPORTED_BEFORE = [c for c in _REPORTED if c not in ("decided_by_id", "partner_id")]

decider = sa.Enum("user", "client", "rule", name="decider")


def upgrade() -> None:
    decider.create(op.get_bind())
    op.add_column("registrations", sa.Column("decided_by", decider, nullable=True))
    op.add_column("registrations", sa.Column("decided_by_id", sa.UUID(), nullable=True))
    op.add_column(
        "registrations", sa.Column("decided_by_rule", sa.String(length=40), nullable=True)
    )
    op.add_column("sla_clocks", sa.Column("decided_by_id", sa.UUID(), nullable=True))
    # Null until filled: every clock has a registration, hence a partner.
    op.add_column("sla_clocks", sa.Column("partner_id", sa.UUID(), nullable=True))
    op.execute(
        """
        UPDATE registrations AS r
        SET decided_by = CASE
                WHEN h.actor_id IS NULL THEN 'rule'
                WHEN EXISTS (SELECT FROM api_clients c WHERE c.id = h.actor_id) THEN 'client'
                ELSE 'user'
            END::decider,
            decided_by_id = h.actor_id,
            decided_by_rule = CASE WHEN h.actor_id IS NULL THEN h.data ->> 'rule' END
        FROM (
            SELECT DISTINCT ON (registration_id) registration_id, actor_id, data
            FROM registration_history
            WHERE action IN ('approved', 'rejected', 'info_requested')
            ORDER BY registration_id, at DESC, id DESC
        ) AS h
        WHERE h.registration_id = r.id
        """
    )
    op.execute(
        """
        UPDATE sla_clocks AS c
        SET decided_by_id = CASE WHEN c.decided THEN r.decided_by_id END,
            partner_id = r.partner_id
        FROM registrations AS r
        WHERE r.id = c.registration_id
        """
    )
    op.alter_column("sla_clocks", "partner_id", nullable=False)
    op.create_foreign_key(
        op.f("fk_sla_clocks_partner_id_organizations"),
        "sla_clocks",
        "organizations",
        ["partner_id"],
        ["id"],
        ondelete="RESTRICT",
    )
    _report_indexes(_REPORTED)


def downgrade() -> None:
    _report_indexes(_REPORTED_BEFORE)
    op.drop_constraint(
        op.f("fk_sla_clocks_partner_id_organizations"), "sla_clocks", type_="foreignkey"
    )
    op.drop_column("sla_clocks", "partner_id")
    op.drop_column("sla_clocks", "decided_by_id")
    op.drop_column("registrations", "decided_by_rule")
    op.drop_column("registrations", "decided_by_id")
    op.drop_column("registrations", "decided_by")
    decider.drop(op.get_bind())


def _report_indexes(reported: list[str]) -> None:
    op.drop_index("ix_sla_clocks_report_vendor", table_name="sla_clocks")
    op.drop_index("ix_sla_clocks_report", table_name="sla_clocks")
    op.create_index(
        "ix_sla_clocks_report",
        "sla_clocks",
        ["started_at"],
        unique=False,
        postgresql_include=["vendor_id", *reported],
    )
    op.create_index(
        "ix_sla_clocks_report_vendor",
        "sla_clocks",
        ["vendor_id", "started_at"],
        unique=False,
        postgresql_include=reported,
    )
