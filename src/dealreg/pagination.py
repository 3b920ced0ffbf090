"""Keyset pagination shared by every list, and delta sync.

A page resumes after a key that names a row, not an offset, so rows inserted while a client pages
never shift or repeat what it sees. Two orders:

- by creation, `(created_at, id)`: the default;
- by change, `(updated_at, id)`, when the client syncs with `updated_since`. Here a row may be
  written by a transaction that commits after the client has paged past its `updated_at`; it
  would be missed forever. So a delta page stops at the horizon: the start of the oldest
  transaction open in this database when the page is read (every row such a transaction writes,
  or wrote, is stamped later than its start; every transaction starting later stamps later
  still), and the client resumes from the last row it got. The horizon is read in a statement of
  its own before the page's: a transaction that commits in between is then visible to the page.
  A delta page always carries a cursor, even when empty, so the client can poll from where it
  stopped. A transaction left open holds every delta sync back until it ends; and PostgreSQL
  shows `xact_start` only for sessions of the same role (or to `pg_read_all_stats`), so every
  dealreg process must connect as one role.
"""

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

import msgspec
from sqlalchemy import Select, and_, func, literal, or_, text, tuple_
from sqlalchemy.dialects.postgresql import TIMESTAMP
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Entity

T = TypeVar("T")


class Keyed(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...


K = TypeVar("K", bound=Keyed)
E = TypeVar("E", bound=Entity)

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_NIL = uuid.UUID(int=0)
_EPOCH = datetime.fromtimestamp(0, UTC)

# Rows stamped before this instant can no longer appear or change behind a delta cursor.
# pg_stat_clear_snapshot(): the activity a transaction reads is otherwise cached at its first read.
_HORIZON = text(
    "SELECT LEAST(clock_timestamp(), min(xact_start)) FROM ("
    " SELECT pg_stat_clear_snapshot()) AS fresh, pg_stat_activity"
    " WHERE xact_start IS NOT NULL"
    " AND datname = current_database() AND pid <> pg_backend_pid()"
).columns(least=TIMESTAMP(timezone=True))


class PageKey(msgspec.Struct, frozen=True, array_like=True):
    at: datetime
    id: uuid.UUID
    by_change: bool = False
    # For a list ordered by a rank first (the approval queue's urgency), the last row's.
    rank: int = 0


class PageRequest(msgspec.Struct, frozen=True):
    limit: int = DEFAULT_LIMIT
    after: PageKey | None = None
    updated_since: datetime | None = None

    @property
    def by_change(self) -> bool:
        return self.updated_since is not None or (self.after is not None and self.after.by_change)


class Page(msgspec.Struct, Generic[T], frozen=True):
    items: list[T]
    next_key: PageKey | None


async def horizon(session: AsyncSession) -> datetime:
    """The start of the oldest transaction still open (now, if none): what a reader may pass in
    the order of change without skipping a row that transaction has yet to commit."""
    return (await session.execute(_HORIZON)).scalar_one()  # type: ignore[no-any-return]


async def _horizon(session: AsyncSession, page: PageRequest) -> datetime | None:
    return await horizon(session) if page.by_change else None


async def fetch_page(
    session: AsyncSession, stmt: Select[Any], model: type[E], page: PageRequest
) -> Page[E]:
    """The page of `stmt`'s rows that `page` asks for."""
    stmt = paginate(stmt, model, page, await _horizon(session, page))
    rows = (await session.scalars(stmt)).all()
    return page_of(rows, page)


async def fetch_row_page(
    session: AsyncSession, stmt: Select[Any], model: type[Entity], page: PageRequest
) -> Page[Any]:
    """`fetch_page` for a Core select of `model`'s columns (it must include id, created_at and
    updated_at): rows, not entities, for lists read straight into response structs."""
    stmt = paginate(stmt, model, page, await _horizon(session, page))
    rows = (await session.execute(stmt)).all()
    return page_of(rows, page)


def paginate(
    stmt: Select[Any], model: type[Entity], page: PageRequest, horizon: datetime | None
) -> Select[Any]:
    """Order `stmt` for `page`, start after its key, and fetch one row more than its limit so the
    caller knows whether another page exists."""
    at = model.updated_at if page.by_change else model.created_at
    if page.after is not None:
        stmt = stmt.where(
            or_(at > page.after.at, and_(at == page.after.at, model.id > page.after.id))
        )
    elif page.updated_since is not None:
        stmt = stmt.where(at > page.updated_since)
    if horizon is not None:
        stmt = stmt.where(at < horizon)
    return stmt.order_by(at, model.id).limit(page.limit + 1)


def page_of(rows: Sequence[K], page: PageRequest) -> Page[K]:
    """Cut the rows `paginate` fetched into a page and the key of the next one."""
    items = list(rows[: page.limit])
    if page.by_change:
        if items:
            key = PageKey(at=items[-1].updated_at, id=items[-1].id, by_change=True)
        else:
            key = page.after or PageKey(at=page.updated_since or _EPOCH, id=_NIL, by_change=True)
        return Page(items=items, next_key=key)
    tail = items[-1] if len(rows) > page.limit and items else None
    return Page(items=items, next_key=PageKey(at=tail.created_at, id=tail.id) if tail else None)


def by_key(
    stmt: Select[Any],
    at: Any,
    id_: Any,
    page: PageRequest,
    *,
    newest_first: bool = False,
) -> Select[Any]:
    """`paginate` for a list ordered by a key of its own, `(at, id_)`, oldest or newest first:
    start after the page's key, and fetch one row more than its limit."""
    if page.after is not None:
        key = func.row(at, id_)
        after = func.row(literal(page.after.at), literal(page.after.id))
        stmt = stmt.where(key < after if newest_first else key > after)
    order = (at.desc(), id_.desc()) if newest_first else (at, id_)
    return stmt.order_by(*order).limit(page.limit + 1)


def cut(
    rows: Sequence[T], page: PageRequest, key: Callable[[T], tuple[datetime, uuid.UUID]]
) -> Page[T]:
    """`page_of` for `by_key`: the page's items, and the key of the next page if there is one."""
    items = list(rows[: page.limit])
    more = len(rows) > page.limit and items
    return Page(items=items, next_key=PageKey(*key(items[-1])) if more else None)


async def fetch_ranked_page(
    session: AsyncSession, stmt: Select[Any], rank: Any, at: Any, id_: Any, page: PageRequest
) -> Page[Any]:
    """`stmt`'s rows ordered by (rank, at, id), the page `page` asks for: for lists ordered by
    urgency rather than creation. `rank` and `at` must be labelled columns of `stmt` (the next
    key is read off the last row by their names), as `id` is."""
    if page.after is not None:
        stmt = stmt.where(
            tuple_(rank, at, id_) > tuple_(page.after.rank, page.after.at, page.after.id)
        )
    rows = (await session.execute(stmt.order_by(rank, at, id_).limit(page.limit + 1))).all()
    items = list(rows[: page.limit])
    last = items[-1] if len(rows) > page.limit else None
    key = (
        PageKey(at=getattr(last, at.name), id=last.id, rank=getattr(last, rank.name))
        if last
        else None
    )
    return Page(items=items, next_key=key)
