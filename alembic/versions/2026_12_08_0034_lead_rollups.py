"""Lead rollups: per month, the forwarded leads' counts and histograms of business time to
accept and to first touch, by partner, by campaign and by rep, kept by a trigger on leads
(leads/rollups.py)

Revision ID: 731f877f6732
Revises: 93d0e2ac1ec8
Create Date: 2026-12-08 04:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "731f877f6732"
down_revision: str | None = "93d0e2ac1ec8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REASONS = [
    "not_my_territory",
    "no_capacity",
    "not_qualified",
    "existing_customer",
    "duplicate",
    "other",
]
# A cell's counters and what a lead needs to count in each, over a change's columns: those of
# leads/reports.py's `_measures` (accepted: the statuses accepted_at is set in, by the leads'
# accepted_once_accepted constraint).
_COUNTERS = [
    ("forwarded", "true"),
    ("pending", "status = 'forwarded'"),
    ("accepted", "status IN ('accepted', 'won', 'lost', 'no_decision')"),
    ("rejected", "status = 'rejected'"),
    *((f"rejected_{reason}", f"reject_code = '{reason}'") for reason in _REASONS),
    ("recalled", "status = 'recalled'"),
    ("first_touch_overdue", "first_touch_overdue"),
    ("converted", "converted"),
    ("won", "status = 'won'"),
    ("lost", "status = 'lost'"),
    ("no_decision", "status = 'no_decision'"),
]
# The slices: 0 by partner, 1 by campaign, 2 by rep; each cell is one month of one of them,
# its other keys null.
_CELL = ["slice", "month", "partner_id", "campaign", "rep_id"]
_CELL_SQL = ", ".join(_CELL)
_SLICED = """
    SELECT 0::smallint AS slice, month, partner_id, NULL::varchar(100) AS campaign,
           NULL::uuid AS rep_id, {columns} FROM moved
    UNION ALL
    SELECT 1::smallint, month, NULL::uuid, campaign, NULL::uuid, {columns} FROM moved
    UNION ALL
    SELECT 2::smallint, month, NULL::uuid, NULL::varchar(100), rep_id, {columns} FROM moved
"""

# What one lead `c` adds to its cells (times `sign`), as the columns of lead_rollup_changes in
# _COLUMNS' order; a draft (never forwarded) adds nothing.
_CONTRIBUTION = """
    date_trunc('month', {c}.forwarded_at AT TIME ZONE 'UTC')::date, {c}.partner_id,
    {c}.campaign, {c}.rep_id, {sign}, {c}.status, {c}.reject_code, {c}.converted_at IS NOT NULL,
    {c}.first_touch_overdue, sla_bucket({c}.accept_business_us::float8),
    sla_bucket({c}.first_touch_business_us::float8)
"""
_COLUMNS = """month, partner_id, campaign, rep_id, sign, status, reject_code, converted,
    first_touch_overdue, accept_bucket, first_touch_bucket"""

_CHANGE = f"""
CREATE FUNCTION lead_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.forwarded_at IS NOT NULL THEN
        INSERT INTO lead_rollup_changes ({_COLUMNS})
        VALUES ({_CONTRIBUTION.format(c="OLD", sign=-1)});
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.forwarded_at IS NOT NULL THEN
        INSERT INTO lead_rollup_changes ({_COLUMNS})
        VALUES ({_CONTRIBUTION.format(c="NEW", sign=1)});
    END IF;
    RETURN NULL;
END
$$
"""  # noqa: S608 - built from this module's constants, no input

# Only an update that changes what the lead adds to the rollups writes a change: a new
# engagement, a note, a disposition short of conversion or a close do not.
_KEY = """(
    date_trunc('month', {c}.forwarded_at AT TIME ZONE 'UTC'), {c}.forwarded_at IS NULL,
    {c}.partner_id, {c}.campaign, {c}.rep_id, {c}.status, {c}.reject_code,
    {c}.converted_at IS NULL, {c}.first_touch_overdue, {c}.accept_business_us,
    {c}.first_touch_business_us
)"""

_TRIGGERS = [
    """CREATE TRIGGER leads_rollup_rows AFTER INSERT OR DELETE ON leads
    FOR EACH ROW EXECUTE FUNCTION lead_rollup_change()""",
    f"""CREATE TRIGGER leads_rollup_updates AFTER UPDATE ON leads
    FOR EACH ROW
    WHEN ({_KEY.format(c="OLD")} IS DISTINCT FROM {_KEY.format(c="NEW")})
    EXECUTE FUNCTION lead_rollup_change()""",
    # Row triggers do not see a TRUNCATE.
    """CREATE FUNCTION lead_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE lead_rollups, lead_rollup_buckets, lead_rollup_changes;
    RETURN NULL;
END
$$""",
    """CREATE TRIGGER leads_rollup_truncate AFTER TRUNCATE ON leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollups_truncate()""",
]

_COUNTER_NAMES = ", ".join(name for name, _ in _COUNTERS)
_COUNTER_SUMS = ", ".join(f"sum(CASE WHEN {when} THEN sign ELSE 0 END)" for _, when in _COUNTERS)
_COUNTER_ADDS = ", ".join(f"{name} = r.{name} + excluded.{name}" for name, _ in _COUNTERS)
_COUNTER_FLAGS = ", ".join(
    f"CASE WHEN {when} THEN sign ELSE 0 END AS {name}" for name, when in _COUNTERS
)

# Adds the pending changes to the cells and deletes them, in one statement: a change is in the
# cells or pending, never both, in any snapshot (as sla_rollups_fold, migration 0032).
_FOLD = f"""
CREATE FUNCTION lead_rollups_fold() RETURNS bigint LANGUAGE sql AS $$
    WITH moved AS (
        DELETE FROM lead_rollup_changes RETURNING *
    ), counts AS (
        INSERT INTO lead_rollups AS r ({_CELL_SQL}, {_COUNTER_NAMES})
        SELECT {_CELL_SQL}, {", ".join(f"sum({name})" for name, _ in _COUNTERS)}
        FROM ({_SLICED.format(columns=_COUNTER_FLAGS)}) AS changed
        GROUP BY {_CELL_SQL}
        ON CONFLICT ({_CELL_SQL}) DO UPDATE SET {_COUNTER_ADDS}
    ), buckets AS (
        INSERT INTO lead_rollup_buckets AS b ({_CELL_SQL}, kind, bucket, n)
        SELECT {_CELL_SQL}, kind, bucket, sum(sign)
        FROM ({
    _SLICED.format(
        columns="unnest(ARRAY[0, 1]) AS kind, "
        "unnest(ARRAY[accept_bucket, first_touch_bucket]) AS bucket, sign"
    )
}) AS changed
        WHERE bucket IS NOT NULL
        GROUP BY {_CELL_SQL}, kind, bucket
        ON CONFLICT ({_CELL_SQL}, kind, bucket) DO UPDATE SET n = b.n + excluded.n
    )
    SELECT count(*) FROM moved
$$
"""  # noqa: S608 - built from this module's constants, no input

# The cells recomputed from the leads; the lock as in sla_rollups_rebuild (migration 0032).
_REBUILD = f"""
CREATE FUNCTION lead_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE lead_rollup_changes IN EXCLUSIVE MODE;
    DELETE FROM lead_rollup_changes;
    DELETE FROM lead_rollups;
    DELETE FROM lead_rollup_buckets;
    INSERT INTO lead_rollup_changes ({_COLUMNS})
    SELECT {_CONTRIBUTION.format(c="c", sign=1)} FROM leads AS c
    WHERE c.forwarded_at IS NOT NULL;
    PERFORM lead_rollups_fold();
END
$$
"""  # noqa: S608 - built from this module's constants, no input


def _cell_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("slice", sa.SmallInteger(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=True),
        sa.Column("campaign", sa.String(length=100), nullable=True),
        sa.Column("rep_id", sa.UUID(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "lead_rollups",
        *_cell_columns(),
        *(sa.Column(name, sa.Integer(), nullable=False) for name, _ in _COUNTERS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_rollups")),
        sa.UniqueConstraint(
            *_CELL,
            name=op.f("uq_lead_rollups_slice_month_partner_id_campaign_rep_id"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "lead_rollup_buckets",
        *_cell_columns(),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.SmallInteger(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_rollup_buckets")),
        sa.UniqueConstraint(
            *_CELL,
            "kind",
            "bucket",
            name=op.f("uq_lead_rollup_buckets_slice_month_partner_id_campaign_rep_id_kind_bucket"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    status = sa.Enum(name="leadstatus", create_type=False)
    reason = sa.Enum(name="leadrejection", create_type=False)
    op.create_table(
        "lead_rollup_changes",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("campaign", sa.String(length=100), nullable=True),
        sa.Column("rep_id", sa.UUID(), nullable=True),
        sa.Column("sign", sa.SmallInteger(), nullable=False),
        sa.Column("status", status, nullable=False),
        sa.Column("reject_code", reason, nullable=True),
        sa.Column("converted", sa.Boolean(), nullable=False),
        sa.Column("first_touch_overdue", sa.Boolean(), nullable=False),
        sa.Column("accept_bucket", sa.SmallInteger(), nullable=True),
        sa.Column("first_touch_bucket", sa.SmallInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_rollup_changes")),
    )
    op.create_index("ix_lead_rollup_changes_month", "lead_rollup_changes", ["month"])
    # A STRICT SQL function is inlined only when the planner can prove its body null on a null
    # argument, which it cannot for sla_bucket's CASE: each call ran the function executor.
    # Not strict, a null still gives null (every branch of the CASE does), and a report that
    # buckets the leads at its edges computes the expression in line (at 1M leads, the bucketing
    # of a month's edge took 180 ms of CPU, then 80).
    op.execute("ALTER FUNCTION sla_bucket(double precision) CALLED ON NULL INPUT")
    op.execute(_CHANGE)
    op.execute(_FOLD)
    op.execute(_REBUILD)
    for trigger in _TRIGGERS:
        op.execute(trigger)
    op.execute("SELECT lead_rollups_rebuild()")


def downgrade() -> None:
    op.execute("DROP TRIGGER leads_rollup_truncate ON leads")
    op.execute("DROP TRIGGER leads_rollup_updates ON leads")
    op.execute("DROP TRIGGER leads_rollup_rows ON leads")
    for function in (
        "lead_rollups_truncate()",
        "lead_rollups_rebuild()",
        "lead_rollups_fold()",
        "lead_rollup_change()",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_table("lead_rollup_changes")
    op.drop_table("lead_rollup_buckets")
    op.drop_table("lead_rollups")
    op.execute("ALTER FUNCTION sla_bucket(double precision) STRICT")
