"""The event feed: every event concerning an organization, in the order they were written, for
clients that poll rather than take webhooks. Kept 30 days.

A page never runs past the start of the oldest transaction still open in the database: an event
it has written but not yet committed carries an earlier instant than events committed after it,
and a cursor past that instant would skip it for good. So every event is delivered once, in
order, to a client that follows `next_cursor`.
"""

import uuid
from datetime import datetime, timedelta

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.errors import InvalidInput, field_error
from dealreg.events import repository
from dealreg.events.models import Event
from dealreg.events.types import unknown_error
from dealreg.orgs.principals import Principal
from dealreg.pagination import PageKey, horizon

KEEP_FOR = timedelta(days=30)
_NIL = uuid.UUID(int=0)


class FeedPage(msgspec.Struct, frozen=True):
    items: list[Event]
    next_key: PageKey


def parse_types(types: str | None) -> list[str]:
    """The comma-separated types of the `types` parameter, checked against the catalogue."""
    if not types:
        return []
    wanted = [t.strip() for t in types.split(",") if t.strip()]
    if len(wanted) > 50:
        too_many = field_error("too_many", parameter="types", location="query", max_items=50)
        raise InvalidInput(too_many.detail, errors=[too_many])
    errors = [error for t in wanted if (error := unknown_error(t))]
    if errors:
        raise InvalidInput(errors[0].detail, errors=errors)
    return wanted


async def feed(
    session: AsyncSession,
    actor: Principal,
    *,
    after: PageKey | None,
    types: list[str],
    limit: int,
) -> FeedPage:
    """The caller's events after `after`, oldest first, up to the horizon of open writers."""
    until = await horizon(session)
    oldest = until - KEEP_FOR
    rows = await repository.events_between(
        session, actor, oldest=oldest, until=until, after=after, types=types, limit=limit
    )
    if rows:
        key = PageKey(at=rows[-1].created_at, id=rows[-1].id)
    else:
        # Nothing new: poll again from where this page started.
        key = after or PageKey(at=oldest, id=_NIL)
    return FeedPage(items=rows, next_key=key)


async def prune_batch(session: AsyncSession, *, before: datetime, batch: int) -> int:
    """Delete up to `batch` of the events written before `before` (and with them their webhook
    deliveries); how many."""
    return await repository.delete_before(session, before=before, batch=batch)
