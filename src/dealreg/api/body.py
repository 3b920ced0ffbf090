"""The JSON body of a request, refused when it nests deeper than any schema of the API does.

msgspec decodes nesting until Python's recursion limit and then raises RecursionError, and every
later walk of the value (conversion into the handler's struct, its error messages) recurses
again: a body a few hundred levels deep was a 500. The depth is bounded right where Litestar
decodes the body, before anything walks it."""

from typing import Any

from litestar import Request

from dealreg.errors import DealRegError, field_error

# The API's deepest body nests a handful of levels; this leaves room and stays far from the limit.
MAX_DEPTH = 32


class NestedTooDeep(DealRegError):
    status, type, title = 400, "malformed-body", "Malformed request body"

    def __init__(self) -> None:
        detail = f"The JSON body nests deeper than {MAX_DEPTH} levels."
        error = field_error("too_deep", detail=detail, pointer="", max_depth=MAX_DEPTH)
        super().__init__(detail, errors=[error])


def nests_deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects in `value` nest more than `limit` levels (without recursing)."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JsonRequest(Request[Any, Any, Any]):
    """Litestar's request, with the body's depth checked as it is decoded."""

    async def json(self) -> Any:
        try:
            value = await super().json()
        except RecursionError as exc:
            raise NestedTooDeep from exc
        if isinstance(value, dict | list) and nests_deeper_than(value, MAX_DEPTH):
            raise NestedTooDeep
        return value
