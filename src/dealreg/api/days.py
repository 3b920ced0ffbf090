"""Every day and instant a request carries, in its parameters or anywhere in its body, is checked
against the range the API takes (`dates.refusal`) once Litestar has decoded them and before any
handler runs: a 400 naming the parameter, or a 422 pointing into the body, like any other
invalid input.

The check is installed on every route of the app rather than written into the types: msgspec
decodes `date` and `datetime` natively, so neither a type decoder nor a `Meta` constraint can bound
them, and a bound that each schema had to spell would be forgotten by the next one. Litestar has no
hook between decoding and the handler, so the check wraps each handler's function."""

import inspect
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from functools import cache, wraps
from typing import Any

import msgspec
import msgspec.inspect as mi
from litestar import Litestar
from litestar.constants import RESERVED_KWARGS
from litestar.exceptions import ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute

from dealreg.dates import refusal

# (argument name, where the client sends it: body, query, path, header or cookie)
Checked = tuple[tuple[str, str], ...]


def _holds_days(info: mi.Type, seen: set[type]) -> bool:
    """Whether a value of this type can carry a day or an instant anywhere inside it."""
    if isinstance(info, mi.DateType | mi.DateTimeType):
        return True
    if isinstance(info, mi.Metadata):
        return _holds_days(info.type, seen)
    if isinstance(info, mi.ListType | mi.SetType | mi.FrozenSetType | mi.VarTupleType):
        return _holds_days(info.item_type, seen)
    if isinstance(info, mi.TupleType):
        return any(_holds_days(item, seen) for item in info.item_types)
    if isinstance(info, mi.DictType):
        return _holds_days(info.key_type, seen) or _holds_days(info.value_type, seen)
    if isinstance(info, mi.UnionType):
        return any(_holds_days(member, seen) for member in info.types)
    if isinstance(info, mi.StructType):
        if info.cls in seen:
            return False
        seen.add(info.cls)
        return any(_holds_days(field.type, seen) for field in info.fields)
    return False


@cache
def _dated_fields(cls: type[msgspec.Struct]) -> tuple[tuple[str, str], ...]:
    """(attribute, name in JSON) of the fields of `cls` that can hold a day or an instant: the
    walk skips the rest, so a batch of 500 leads costs nothing to check."""
    fields = msgspec.structs.fields(cls)
    return tuple(
        (field.name, field.encode_name)
        for field in fields
        if _holds_days(mi.type_info(field.type), {cls})
    )


def _refusals(value: Any, key: str) -> Iterator[tuple[str, str]]:
    """(key, why) for each day or instant in `value` the API does not take; keys are Litestar's
    (`engagements[1].occurred_at`), which the error map turns into JSON Pointers."""
    if isinstance(value, date):
        if (why := refusal(value)) is not None:
            yield key, why
    elif isinstance(value, msgspec.Struct):
        for attribute, name in _dated_fields(type(value)):
            yield from _refusals(getattr(value, attribute), f"{key}.{name}" if key else name)
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from _refusals(item, f"{key}[{index}]")
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _refusals(item, f"{key}.{name}" if key else str(name))


def check(kwargs: dict[str, Any], checked: Checked) -> None:
    errors = [
        {"key": key, "message": why, "source": source}
        for name, source in checked
        for key, why in _refusals(kwargs.get(name), "" if source == "body" else name)
    ]
    if errors:
        raise ValidationException(detail="A day or an instant is out of range.", extra=errors)


def _checked(handler: HTTPRouteHandler, path_parameters: set[str]) -> Checked:
    """The handler's arguments a client sends, and from where (dependencies are the server's)."""
    dependencies = set(handler.resolve_dependencies())
    checked: list[tuple[str, str]] = []
    for name, parameter in handler.parsed_fn_signature.parameters.items():
        if name in dependencies or (name in RESERVED_KWARGS and name != "data"):
            continue
        kwarg = parameter.kwarg_definition
        if name == "data":
            source = "body"
        elif name in path_parameters:
            source = "path"
        elif isinstance(kwarg, ParameterKwarg) and kwarg.header:
            source = "header"
        elif isinstance(kwarg, ParameterKwarg) and kwarg.cookie:
            source = "cookie"
        else:
            source = "query"
        checked.append((name, source))
    return tuple(checked)


def _checking(fn: Callable[..., Any], checked: Checked) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(fn):
        async_fn: Callable[..., Awaitable[Any]] = fn

        @wraps(fn)
        async def checking_async(**kwargs: Any) -> Any:
            check(kwargs, checked)
            return await async_fn(**kwargs)

        return checking_async

    @wraps(fn)
    def checking(**kwargs: Any) -> Any:
        check(kwargs, checked)
        return fn(**kwargs)

    return checking


def check_every_route(app: Litestar) -> None:
    """Install the check on each handler of `app` that takes anything from the client."""
    done: set[int] = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        path_parameters = set(route.path_parameters)
        for handler in route.route_handlers:
            if id(handler) in done:
                continue
            done.add(id(handler))
            if checked := _checked(handler, path_parameters):
                # Litestar calls `fn` with the decoded arguments; its signature was read already.
                handler._fn = _checking(handler.fn, checked)
