"""Database plumbing: the declarative base, the engine, and the one transaction per request or job.

Services never commit. The edge owns the transaction: for a request, the unit-of-work middleware
(api/unit_of_work.py), which commits before the response is sent; for a job or a command,
`transaction()`, which commits when its block succeeds and rolls back when it raises.
"""

import enum
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Enum,
    MetaData,
    Select,
    Table,
    bindparam,
    event,
    exc,
    false,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TIMESTAMP, UUID
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, QueryableAttribute, declared_attr, mapped_column
from sqlalchemy.pool import PoolProxiedConnection

from dealreg.metrics import metered_pool

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: TIMESTAMP(timezone=True), uuid.UUID: UUID(as_uuid=True)}


def pg_enum(cls: type[enum.Enum]) -> Enum:
    """A PostgreSQL enum named after the class, whose labels are the members' values."""
    return Enum(cls, name=cls.__name__.lower(), values_callable=lambda e: [m.value for m in e])


class Entity(Base):
    """A row with a UUID key, creation/update instants from the database clock, and a version.

    `version` starts at 1 and grows by one with every change; it is the resource's ETag.
    """

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4, sort_order=-1)
    # clock_timestamp(), not now(): rows made in one transaction keep their order of creation.
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.clock_timestamp(), onupdate=func.clock_timestamp()
    )
    version: Mapped[int] = mapped_column(server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # The ORM bumps `version` on every UPDATE and adds `WHERE version = <loaded>`, so two
        # writers racing on one row cannot both win (the loser gets StaleDataError).
        # eager_defaults: read database-made values (updated_at) back with RETURNING, since an
        # async session cannot lazy-load them later while a response is built.
        return {"version_id_col": cls.__table__.c.version, "eager_defaults": True}


def async_url(url: str) -> str:
    """Accept the common `postgresql://` spelling and select the asyncpg driver."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    raise ValueError("dealreg needs a PostgreSQL URL (postgresql://…)")


# Every connection's settings. No JIT compilation: dealreg's statements are either cheap (the
# request path) or reports over many rows whose plans cost enough to be compiled, and compiling
# took longer than it saved (the partner report of 20,000 partners: 590 ms of JIT in a
# 1,250 ms statement; a year's scorecard channel-wide 250 ms; a year of SLA rollups 50 ms).
SERVER_SETTINGS = {"jit": "off"}


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    pool_timeout: float = 30.0,
    statement_timeout_ms: int | None = None,
    metrics_name: str | None = None,
) -> AsyncEngine:
    """An engine whose pool holds `pool_size` connections (and `max_overflow` more while busy),
    makes a caller wait at most `pool_timeout` seconds for one, and has PostgreSQL cancel any
    statement running past `statement_timeout_ms` (none when None: jobs, migrations). A pool
    with a `metrics_name` reports its connections in use and checkouts waiting."""
    server_settings = SERVER_SETTINGS | (
        {"statement_timeout": str(statement_timeout_ms)} if statement_timeout_ms else {}
    )
    pool: dict[str, Any] = {"poolclass": metered_pool(metrics_name)} if metrics_name else {}
    # hide_parameters: error messages (and so logs) never carry bound values: emails, hashes.
    engine = create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_timeout=pool_timeout,
        hide_parameters=True,
        # asyncpg would wait a minute for a server that does not answer.
        connect_args={"server_settings": server_settings, "timeout": 5},
        **pool,
    )
    event.listen(engine.sync_engine, "checkout", _refuse_closed)
    return engine


def _refuse_closed(_dbapi_connection: Any, _record: Any, proxy: PoolProxiedConnection) -> None:
    """Hand out no connection the server has closed (a restart, a terminated backend, an idle
    timeout): the pool opens another in its place. Not `pool_pre_ping`, which spends three round
    trips (BEGIN, a ping, ROLLBACK) on every checkout: asyncpg's event loop reads a closing
    server's goodbye even while the connection sits idle in the pool, so a closed one is known
    without asking. A connection lost without a word (a network cut) is found by its first
    statement, whose request gets a 503 (errors.unavailable) and whose connection is dropped."""
    if proxy.driver_connection is None or proxy.driver_connection.is_closed():
        raise exc.DisconnectionError("the server closed this connection while it was idle")


def make_sessionmaker(bind: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: responses are built from objects after the service returns.
    return async_sessionmaker(bind, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit when the block succeeds, roll back when it raises."""
    async with sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


def violated_constraint(exc: IntegrityError) -> str | None:
    """The name of the constraint a failed statement broke, as PostgreSQL reported it."""
    return getattr(exc.orig.__cause__, "constraint_name", None) if exc.orig else None


async def flush_unique(
    session: AsyncSession, conflicts: Mapping[str, Callable[[], Exception]], *new_rows: Base
) -> None:
    """Add `new_rows` and flush pending changes, turning a violation of one of the named unique
    constraints into the error `conflicts` gives for it.

    The flush runs in a savepoint so that a conflict leaves the surrounding transaction usable, and
    the database, not a read before the write, decides: two racing requests cannot both pass.
    """
    try:
        async with session.begin_nested():
            session.add_all(new_rows)
            await session.flush()
    except IntegrityError as exc:
        make_error = conflicts.get(violated_constraint(exc) or "")
        if make_error is None:
            raise
        raise make_error() from exc


async def ping(session: AsyncSession) -> None:
    await session.execute(text("SELECT 1"))


async def sort_in_memory(session: AsyncSession) -> None:
    """Give a report's transaction room to sort in memory: a percentile sorts every value of its
    group, about 24 bytes each, and the default 4 MB spills a year of a busy marketplace to disk
    (a year's SLA totals over 1M clocks, under EXPLAIN ANALYZE: 650 ms spilling, 400 ms in
    memory)."""
    await session.execute(text("SET LOCAL work_mem = '64MB'"))


async def database_now(session: AsyncSession) -> datetime:
    """The database's clock: the start of the current transaction."""
    return (await session.execute(select(func.now()))).scalar_one()


def contains_text(
    needle: str, *columns: ColumnElement[str] | QueryableAttribute[str]
) -> ColumnElement[bool]:
    """One of `columns` contains `needle`, ignoring case, literally: `%`, `_` and the escape
    character in it match themselves, not any text. A plain scan of the rows the rest of the
    query leaves (one tenant's, walked in the page's order), not an index lookup."""
    return or_(
        false(), *(column.ilike(contains_pattern(needle), escape="\\") for column in columns)
    )


def contains_pattern(needle: str) -> str:
    """The ILIKE pattern (escaped by a backslash) of text containing `needle`, literally."""
    literal = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{literal}%"


def table_of(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


# The rows go as parameters of a plain INSERT, never into the statement (`.values(rows)`): a
# statement holding its rows has no cache key and was compiled anew on every call, 4.8 ms of a
# deal's CPU (issue #22). SQLAlchemy still sends them as one multi-row INSERT, one round trip
# ("insertmanyvalues"). Every row of one call has the same keys.


async def insert_rows(session: AsyncSession, model: type[Base], rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(table_of(model)), rows)


def unnested(table: Table, columns: Sequence[str]) -> Select[Any]:
    """`SELECT unnest(:each_a) AS a, unnest(:each_b) AS b…`: rows given a column at a time,
    each column one array parameter (`as_columns`), unnested in lockstep. (A parameter may not
    take the name of a column an INSERT or UPDATE sets, hence `each_`.)"""
    return select(
        *(
            func.unnest(
                bindparam(f"each_{c}", type_=ARRAY(table.c[c].type)), type_=table.c[c].type
            ).label(c)
            for c in columns
        )
    )


def as_columns(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Rows that share their keys, as a list of values per key (`unnested`'s parameters)."""
    return {f"each_{key}": [row[key] for row in rows] for key in rows[0]}


async def insert_columns(
    session: AsyncSession, model: type[Base], rows: list[dict[str, Any]]
) -> None:
    """Insert `rows` (hundreds, such as a page of the SLA sweep's) as one statement bound to an
    array per column (`unnested`): one execution in the database, where `insert_rows` makes one
    per row, and a few arrays for SQLAlchemy to bind rather than every value of every row."""
    if rows:
        table = table_of(model)
        stmt = insert(table).from_select(list(rows[0]), unnested(table, list(rows[0])))
        await session.execute(stmt, as_columns(rows))


async def insert_returning(
    session: AsyncSession, model: type[Base], rows: list[dict[str, Any]]
) -> Sequence[Any]:
    """Insert `rows` in one statement; every column of each, as stored (defaults included), in
    the order of `rows`."""
    table = table_of(model)
    stmt = insert(table).returning(*table.c, sort_by_parameter_order=True)
    return (await session.execute(stmt, rows)).all()
