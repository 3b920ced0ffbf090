"""Dependencies every controller shares: the transaction, the caller, and list paging."""

import base64
import binascii
from collections.abc import AsyncIterator
from typing import Any

import msgspec
from litestar import Request
from litestar.datastructures import State
from litestar.di import Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.api.security import current_principal
from dealreg.auth.tokens import Principal
from dealreg.db import transaction
from dealreg.errors import DealRegError
from dealreg.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageKey


class InvalidCursor(DealRegError):
    status, type, title = 400, "invalid-cursor", "Invalid cursor"


class PageRequest(msgspec.Struct, frozen=True):
    after: PageKey | None
    limit: int


async def provide_db(state: State) -> AsyncIterator[AsyncSession]:
    async with transaction(state.sessionmaker) as session:
        yield session


def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    return current_principal(request)


def provide_page(
    limit: int = Parameter(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Page size."),
    cursor: str | None = Parameter(
        default=None, max_length=200, description="`next_cursor` of the previous page."
    ),
) -> PageRequest:
    return PageRequest(after=decode_cursor(cursor) if cursor else None, limit=limit)


def encode_cursor(key: PageKey | None) -> str | None:
    if key is None:
        return None
    return base64.urlsafe_b64encode(msgspec.json.encode(key)).decode().rstrip("=")


def decode_cursor(cursor: str) -> PageKey:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return msgspec.json.decode(raw, type=PageKey)
    except (binascii.Error, ValueError, msgspec.DecodeError) as exc:
        raise InvalidCursor(
            "The cursor is not one this API issued; start again without it."
        ) from exc


DEPENDENCIES = {
    "db": Provide(provide_db),
    "principal": Provide(provide_principal, sync_to_thread=False),
    "page": Provide(provide_page, sync_to_thread=False),
}
