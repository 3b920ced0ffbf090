"""SLA rollups: per week, vendor, program, approver and decider, and per month and partner,
the clocks' counts and histograms of time to decision, kept by a trigger on sla_clocks
(sla/rollups.py)

Revision ID: 9a4e1c7b3d20
Revises: 4e8b2d6a0c37
Create Date: 2026-12-08 04:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9a4e1c7b3d20"
down_revision: str | None = "4e8b2d6a0c37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CELL = ["week", "vendor_id", "program_id", "approver_id", "decided_by_id"]

# histogram.py's `bucket`, with the same float operations: 15-minute buckets below 1,500
# minutes, then each 1 % wider than the last.
_BUCKET = """
CREATE FUNCTION sla_bucket(us double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (CASE WHEN us < 90000000000.0 THEN floor(greatest(us, 0.0) / 900000000.0)
                 ELSE 100 + floor(ln(us / 90000000000.0) / ln(1.01::double precision))
            END)::smallint
$$
"""

# What one clock `c` adds to its cell (times `sign`), as the columns of sla_rollup_changes in
# _COLUMNS' order. The figures are those of sla/reports.py's `_measures`.
_CONTRIBUTION = """
    date_trunc('week', {c}.started_at AT TIME ZONE 'UTC')::date,
    {c}.vendor_id, {c}.program_id, {c}.approver_id, {c}.decided_by_id, {c}.decided,
    date_trunc('month', {c}.started_at AT TIME ZONE 'UTC')::date, {c}.partner_id, {sign},
    {c}.decided AND {c}.elapsed_us <= {c}.target_minutes::bigint * 60000000,
    {c}.breached,
    NOT {c}.decided AND {c}.state <> 'stopped'
        AND {c}.next_threshold IS DISTINCT FROM 'reminder'
        AND {c}.next_threshold IS DISTINCT FROM 'at_risk',
    CASE WHEN {c}.decided THEN sla_bucket({c}.elapsed_us) END,
    CASE WHEN {c}.decided
         THEN sla_bucket(extract(epoch FROM {c}.stopped_at - {c}.started_at)::float8 * 1e6) END
"""
_COLUMNS = """week, vendor_id, program_id, approver_id, decided_by_id, decided, month, partner_id, sign,
    within_target, breached, open_at_risk, business_bucket, wall_bucket"""

_CHANGE = f"""
CREATE FUNCTION sla_rollup_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO sla_rollup_changes ({_COLUMNS})
        VALUES ({_CONTRIBUTION.format(c="OLD", sign=-1)});
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO sla_rollup_changes ({_COLUMNS})
        VALUES ({_CONTRIBUTION.format(c="NEW", sign=1)});
    END IF;
    RETURN NULL;
END
$$
"""  # noqa: S608 - built from this module's constants, no input

# Only an update that changes what the clock adds to the rollups writes a change: the sweep's
# reminder, a pause, a running clock's elapsed time do not.
_KEY = """(
    date_trunc('week', {c}.started_at AT TIME ZONE 'UTC'), {c}.started_at, {c}.partner_id,
    {c}.vendor_id, {c}.program_id,
    {c}.approver_id, {c}.decided_by_id, {c}.decided, {c}.breached, {c}.target_minutes,
    {c}.state = 'stopped', {c}.next_threshold IN ('reminder', 'at_risk'),
    CASE WHEN {c}.decided THEN {c}.elapsed_us END,
    CASE WHEN {c}.decided THEN {c}.stopped_at - {c}.started_at END
)"""

_TRIGGERS = [
    """CREATE TRIGGER sla_clocks_rollup_rows AFTER INSERT OR DELETE ON sla_clocks
    FOR EACH ROW EXECUTE FUNCTION sla_rollup_change()""",
    f"""CREATE TRIGGER sla_clocks_rollup_updates AFTER UPDATE ON sla_clocks
    FOR EACH ROW
    WHEN ({_KEY.format(c="OLD")} IS DISTINCT FROM {_KEY.format(c="NEW")})
    EXECUTE FUNCTION sla_rollup_change()""",
    # Row triggers do not see a TRUNCATE (the benches empty the clocks with one).
    """CREATE FUNCTION sla_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE sla_rollups, sla_rollup_buckets, sla_partner_rollups, sla_partner_rollup_buckets,
        sla_rollup_changes;
    RETURN NULL;
END
$$""",
    """CREATE TRIGGER sla_clocks_rollup_truncate AFTER TRUNCATE ON sla_clocks
    FOR EACH STATEMENT EXECUTE FUNCTION sla_rollups_truncate()""",
]

_CELL_SQL = ", ".join(_CELL)

# Adds the pending changes to the rollups and deletes them, in one statement: a change is in
# the rollups or pending, never both, in any snapshot. A concurrent fold waits on the changes
# this one deletes and then skips them; two folds adding to one cell take turns on its row.
_FOLD = f"""
CREATE FUNCTION sla_rollups_fold() RETURNS bigint LANGUAGE sql AS $$
    WITH moved AS (
        DELETE FROM sla_rollup_changes RETURNING *
    ), counts AS (
        INSERT INTO sla_rollups AS r ({_CELL_SQL}, decided, clocks, within_target, breached,
                                      open_at_risk)
        SELECT {_CELL_SQL}, decided, sum(sign),
               sum(CASE WHEN within_target THEN sign ELSE 0 END),
               sum(CASE WHEN breached THEN sign ELSE 0 END),
               sum(CASE WHEN open_at_risk THEN sign ELSE 0 END)
        FROM moved
        GROUP BY {_CELL_SQL}, decided
        ON CONFLICT ({_CELL_SQL}, decided) DO UPDATE
        SET clocks = r.clocks + excluded.clocks,
            within_target = r.within_target + excluded.within_target,
            breached = r.breached + excluded.breached,
            open_at_risk = r.open_at_risk + excluded.open_at_risk
    ), partner_counts AS (
        INSERT INTO sla_partner_rollups AS r (month, partner_id, clocks, decided, within_target,
                                              breached, open_at_risk)
        SELECT month, partner_id, sum(sign),
               sum(CASE WHEN decided THEN sign ELSE 0 END),
               sum(CASE WHEN within_target THEN sign ELSE 0 END),
               sum(CASE WHEN breached THEN sign ELSE 0 END),
               sum(CASE WHEN open_at_risk THEN sign ELSE 0 END)
        FROM moved
        GROUP BY month, partner_id
        ON CONFLICT (month, partner_id) DO UPDATE
        SET clocks = r.clocks + excluded.clocks,
            decided = r.decided + excluded.decided,
            within_target = r.within_target + excluded.within_target,
            breached = r.breached + excluded.breached,
            open_at_risk = r.open_at_risk + excluded.open_at_risk
    ), partner_buckets AS (
        INSERT INTO sla_partner_rollup_buckets AS b (month, partner_id, kind, bucket, n)
        SELECT month, partner_id, kind, bucket, sum(sign)
        FROM (
            SELECT month, partner_id, 0 AS kind, business_bucket AS bucket, sign
            FROM moved WHERE business_bucket IS NOT NULL
            UNION ALL
            SELECT month, partner_id, 1, wall_bucket, sign FROM moved WHERE wall_bucket IS NOT NULL
        ) AS changed
        GROUP BY month, partner_id, kind, bucket
        ON CONFLICT (month, partner_id, kind, bucket) DO UPDATE SET n = b.n + excluded.n
    ), buckets AS (
        INSERT INTO sla_rollup_buckets AS b ({_CELL_SQL}, kind, bucket, n)
        SELECT {_CELL_SQL}, kind, bucket, sum(sign)
        FROM (
            SELECT {_CELL_SQL}, 0 AS kind, business_bucket AS bucket, sign
            FROM moved WHERE business_bucket IS NOT NULL
            UNION ALL
            SELECT {_CELL_SQL}, 1, wall_bucket, sign FROM moved WHERE wall_bucket IS NOT NULL
        ) AS changed
        GROUP BY {_CELL_SQL}, kind, bucket
        ON CONFLICT ({_CELL_SQL}, kind, bucket) DO UPDATE SET n = b.n + excluded.n
    )
    SELECT count(*) FROM moved
$$
"""  # noqa: S608 - built from this module's constants, no input

# The rollups recomputed from the clocks. The lock waits for every transaction that has
# changed a clock's contribution (it wrote a change) to end, and holds off new ones (their
# trigger waits) until this one commits: what it reads of the clocks is what the changes so
# far describe, and the next changes start from it.
_REBUILD = f"""
CREATE FUNCTION sla_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE sla_rollup_changes IN EXCLUSIVE MODE;
    DELETE FROM sla_rollup_changes;
    DELETE FROM sla_rollups;
    DELETE FROM sla_rollup_buckets;
    DELETE FROM sla_partner_rollups;
    DELETE FROM sla_partner_rollup_buckets;
    INSERT INTO sla_rollup_changes ({_COLUMNS})
    SELECT {_CONTRIBUTION.format(c="c", sign=1)} FROM sla_clocks AS c;
    PERFORM sla_rollups_fold();
END
$$
"""  # noqa: S608 - built from this module's constants, no input


def _cell_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("vendor_id", sa.UUID(), nullable=False),
        sa.Column("program_id", sa.UUID(), nullable=False),
        sa.Column("approver_id", sa.UUID(), nullable=True),
        sa.Column("decided_by_id", sa.UUID(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "sla_rollups",
        *_cell_columns(),
        sa.Column("decided", sa.Boolean(), nullable=False),
        sa.Column("clocks", sa.Integer(), nullable=False),
        sa.Column("within_target", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("open_at_risk", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_rollups")),
        sa.UniqueConstraint(
            *_CELL,
            "decided",
            name=op.f("uq_sla_rollups_week_vendor_id_program_id_approver_id_decided_by_id_decided"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "sla_rollup_buckets",
        *_cell_columns(),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.SmallInteger(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_rollup_buckets")),
        sa.UniqueConstraint(
            *_CELL,
            "kind",
            "bucket",
            name=op.f(
                "uq_sla_rollup_buckets_week_vendor_id_program_id_approver_id_decided_by_id_kind_bucket"
            ),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_table(
        "sla_partner_rollups",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("clocks", sa.Integer(), nullable=False),
        sa.Column("decided", sa.Integer(), nullable=False),
        sa.Column("within_target", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("open_at_risk", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_partner_rollups")),
        sa.UniqueConstraint(
            "month", "partner_id", name=op.f("uq_sla_partner_rollups_month_partner_id")
        ),
    )
    op.create_table(
        "sla_partner_rollup_buckets",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.SmallInteger(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_partner_rollup_buckets")),
        sa.UniqueConstraint(
            "month",
            "partner_id",
            "kind",
            "bucket",
            name=op.f("uq_sla_partner_rollup_buckets_month_partner_id_kind_bucket"),
        ),
    )
    op.create_table(
        "sla_rollup_changes",
        *_cell_columns(),
        sa.Column("decided", sa.Boolean(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.UUID(), nullable=False),
        sa.Column("sign", sa.SmallInteger(), nullable=False),
        sa.Column("within_target", sa.Boolean(), nullable=False),
        sa.Column("breached", sa.Boolean(), nullable=False),
        sa.Column("open_at_risk", sa.Boolean(), nullable=False),
        sa.Column("business_bucket", sa.SmallInteger(), nullable=True),
        sa.Column("wall_bucket", sa.SmallInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sla_rollup_changes")),
    )
    op.create_index("ix_sla_rollup_changes_week", "sla_rollup_changes", ["week"])
    op.create_index("ix_sla_rollup_changes_month", "sla_rollup_changes", ["month"])
    op.execute(_BUCKET)
    op.execute(_CHANGE)
    op.execute(_FOLD)
    op.execute(_REBUILD)
    for trigger in _TRIGGERS:
        op.execute(trigger)
    op.execute("SELECT sla_rollups_rebuild()")


def downgrade() -> None:
    op.execute("DROP TRIGGER sla_clocks_rollup_truncate ON sla_clocks")
    op.execute("DROP TRIGGER sla_clocks_rollup_updates ON sla_clocks")
    op.execute("DROP TRIGGER sla_clocks_rollup_rows ON sla_clocks")
    for function in (
        "sla_rollups_truncate()",
        "sla_rollups_rebuild()",
        "sla_rollups_fold()",
        "sla_rollup_change()",
        "sla_bucket(double precision)",
    ):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_table("sla_rollup_changes")
    op.drop_table("sla_partner_rollup_buckets")
    op.drop_table("sla_partner_rollups")
    op.drop_table("sla_rollup_buckets")
    op.drop_table("sla_rollups")
