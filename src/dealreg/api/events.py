"""`/v1/events`: the events of the caller's organization as a feed, for clients that poll."""

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import get
from litestar.params import QueryParameter

from dealreg.api.deps import Caller, Db, Limit, decode_cursor, encode_cursor
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.disclosure import details
from dealreg.events import service
from dealreg.pagination import DEFAULT_LIMIT

After = Annotated[
    str | None,
    QueryParameter(max_length=200, description="`next_cursor` of the previous page."),
]
Types = Annotated[
    str | None,
    QueryParameter(
        max_length=2000,
        description="Comma-separated event types, or all of a resource's: `registration.*`.",
    ),
]


class EventOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    type: str
    occurred_at: datetime
    subject_id: uuid.UUID
    # What the event itself says (from and to, a reason...), as the caller's side may see it
    # (disclosure.py). A webhook delivery carries the same under `details`, beside `data`: the
    # resource as the API returns it to the receiver.
    details: dict[str, Any]


class EventFeed(msgspec.Struct):
    items: list[EventOut]
    # Always present, even on an empty page: poll again with it.
    next_cursor: str


@get(
    "/v1/events",
    operation_id="eventList",
    tags=["events"],
    security=BEARER_SECURITY,
    guards=[requires(scopes.READ_EVENTS)],
    responses=problems(),
    summary="The organization's events, oldest first: a feed to poll with `after`",
    description=(
        "Each event comes once across pages, in the order it was written, even one whose "
        "transaction commits late; events are kept 30 days. Every page carries `next_cursor`: "
        "keep it and poll with it."
    ),
)
async def event_feed(
    db: Db,
    principal: Caller,
    after: After = None,
    types: Types = None,
    limit: Limit = DEFAULT_LIMIT,
) -> EventFeed:
    page = await service.feed(
        db,
        principal,
        after=decode_cursor(after, parameter="after") if after else None,
        types=service.parse_types(types),
        limit=limit,
    )
    return EventFeed(
        items=[
            EventOut(
                id=e.id,
                type=e.type,
                occurred_at=e.created_at,
                subject_id=e.subject_id,
                details=details(principal.org_kind, e.data),
            )
            for e in page.items
        ],
        next_cursor=encode_cursor(page.next_key) or "",
    )
