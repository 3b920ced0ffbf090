"""Dependencies every controller shares: the transaction, the caller, a change's If-Match, and
list paging."""

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request
from litestar.di import NamedDependency, Provide
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.api.conditional import IF_MATCH_REQUIRED
from dealreg.api.security import current_principal
from dealreg.api.unit_of_work import session_of
from dealreg.dates import refusal
from dealreg.errors import DealRegError, field_error
from dealreg.fields import NO_CONTROL
from dealreg.orgs.principals import Principal
from dealreg.pagination import MAX_LIMIT, PageKey, PageRequest


class InvalidCursor(DealRegError):
    status, type, title = 400, "invalid-cursor", "Invalid cursor"


def provide_db(request: Request[Any, Any, Any]) -> AsyncSession:
    """The request's session; its transaction belongs to the unit-of-work middleware."""
    return session_of(request.scope)


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """The caller, whose holder the unit of work has already found current."""
    return current_principal(request)


# Paging arrives as handler parameters, not through a dependency: Litestar resolves dependencies
# side by side and drops the ones already open when another fails, which would leave the request's
# session open if a bad `limit` were refused there. Handler parameters are checked inside the
# transaction, so a refusal rolls it back like any other error.
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Cursor = Annotated[
    str | None, QueryParameter(max_length=200, description="`next_cursor` of the previous page.")
]


SEARCH_MAX_LENGTH = 100
Search = Annotated[
    str | None,
    QueryParameter(
        name="q",
        max_length=SEARCH_MAX_LENGTH,
        pattern=NO_CONTROL,
        description=(
            "What a person typed in a search box: rows containing it, ignoring case (leading and "
            "trailing blanks are dropped; only blanks search nothing)."
        ),
    ),
]


def search_text(q: str | None) -> str | None:
    """The text to search for, or None when nothing is."""
    return (q or "").strip() or None


UpdatedSince = Annotated[
    datetime | None,
    QueryParameter(
        description=(
            "Delta sync: only what changed after this instant, oldest change first. Every page "
            "then carries a `next_cursor`, even an empty one: keep it and poll with it."
        )
    ),
]


def page_request(limit: int, cursor: str | None, updated_since: datetime | None) -> PageRequest:
    after = decode_cursor(cursor) if cursor else None
    if after is not None and updated_since is not None and not after.by_change:
        raise InvalidCursor("This cursor pages by creation; it cannot continue a delta sync.")
    return PageRequest(limit=limit, after=after, updated_since=updated_since)


def encode_cursor(key: PageKey | None) -> str | None:
    if key is None:
        return None
    return base64.urlsafe_b64encode(msgspec.json.encode(key)).decode().rstrip("=")


def _not_issued(parameter: str) -> InvalidCursor:
    detail = "The cursor is not one this API issued; start again without it."
    return InvalidCursor(
        detail,
        errors=[field_error("invalid", detail=detail, parameter=parameter, location="query")],
    )


def decode_cursor(cursor: str, *, parameter: str = "cursor") -> PageKey:
    """The key `cursor` (sent as the query parameter `parameter`) carries."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = msgspec.json.decode(raw, type=PageKey)
    except (binascii.Error, ValueError, msgspec.DecodeError) as exc:
        raise _not_issued(parameter) from exc
    # Well-formed is not issued: an instant no row carries would reach the database as a bound.
    if refusal(key.at) is not None:
        raise _not_issued(parameter)
    return key


# Handlers name their dependencies explicitly (Litestar 3 stops inferring them).
Db = NamedDependency[AsyncSession]
Caller = NamedDependency[Principal]

DEPENDENCIES = {
    "db": Provide(provide_db, sync_to_thread=False),
    "principal": Provide(provide_principal, sync_to_thread=False),
    # Every change requires If-Match unless its handler overrides this (conditional.py).
    "precondition": IF_MATCH_REQUIRED,
}
