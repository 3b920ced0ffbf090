"""Keyset pagination shared by every list: rows ordered by (created_at, id), resumed after a key.

A key names a row, not an offset, so rows inserted while a client pages never shift or repeat what
it sees. The HTTP layer turns keys into opaque cursors.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

import msgspec
from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageKey(msgspec.Struct, frozen=True, array_like=True):
    at: datetime
    id: uuid.UUID


class Page(msgspec.Struct, Generic[T], frozen=True):
    items: list[T]
    next_key: PageKey | None


def paginate(
    stmt: Select[Any],
    *,
    created_at: InstrumentedAttribute[datetime],
    id_: InstrumentedAttribute[uuid.UUID],
    after: PageKey | None,
    limit: int,
) -> Select[Any]:
    """Order `stmt` by (created_at, id), start after `after`, and fetch one row more than `limit`
    so the caller knows whether another page exists."""
    if after is not None:
        stmt = stmt.where(or_(created_at > after.at, and_(created_at == after.at, id_ > after.id)))
    return stmt.order_by(created_at, id_).limit(limit + 1)


class Keyed(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def created_at(self) -> datetime: ...


K = TypeVar("K", bound=Keyed)


def page_of(rows: Sequence[K], limit: int) -> Page[K]:
    """Cut the `limit + 1` rows `paginate` fetched into a page and the key of the next one."""
    items = list(rows[:limit])
    last = items[-1] if len(rows) > limit and items else None
    return Page(items=items, next_key=PageKey(at=last.created_at, id=last.id) if last else None)
