"""Every way a decoded JSON body misses its schema, at once.

msgspec converts a body into the handler's struct and stops at the first error; a person filling
a form wants to see all of them. When msgspec refuses a body, the body is checked again against
the JSON Schema msgspec writes for that same type (the one the OpenAPI document shows), with the
`jsonschema` validator, which reports every error; each becomes an `Issue`: where (a JSON Pointer),
a stable code and the limit it broke. msgspec stays the judge of what is valid: this only runs on
a body it refused, and when the schema finds nothing (a rule a schema cannot say, as a naive
time where one with an offset is needed) the caller reports msgspec's own error.
"""

import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

import msgspec
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

# Enough for any form of the API; a body wrong in more places than this is not a person's typo.
MAX_ISSUES = 50


class Issue(msgspec.Struct, frozen=True):
    pointer: str
    code: str
    params: dict[str, Any]


# The formats msgspec's schemas name, checked by msgspec itself, so that both agree on them.
_FORMATS: dict[str, type] = {
    "date": date,
    "date-time": datetime,
    "time": time,
    "duration": timedelta,
    "uuid": uuid.UUID,
}
_FORMAT_CHECKER = FormatChecker(formats=())


def _msgspec_checker(format_type: type) -> Any:
    def check(value: object) -> bool:
        if not isinstance(value, str):
            return True  # a type error, reported as one
        try:
            msgspec.convert(value, format_type, strict=False)
        except msgspec.ValidationError:
            return False
        return True

    return check


for _name, _type in _FORMATS.items():
    _FORMAT_CHECKER.checks(_name)(_msgspec_checker(_type))


@cache
def _validator(body_type: Any) -> Draft202012Validator:
    return Draft202012Validator(msgspec.json.schema(body_type), format_checker=_FORMAT_CHECKER)


def _pointer(path: Iterable[Any]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the alternative of an `anyOf`/`oneOf` the value was meant for: the one
    whose type it has (`X | None` given an X); None when its type matches no alternative."""
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    typed = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    return min(typed, key=len) if typed else None


def _expected_types(error: ValidationError) -> list[str]:
    names: list[str] = []
    for sub in error.context or []:
        if sub.validator == "type" and not sub.relative_path:
            wanted = sub.validator_value
            names.extend(wanted if isinstance(wanted, list) else [wanted])
    return sorted(set(names))


def _issues(error: ValidationError) -> Iterator[Issue]:
    pointer = _pointer(error.absolute_path)
    value, limit = error.instance, error.validator_value
    match error.validator:
        case "anyOf" | "oneOf":
            branch = _branch(error)
            if branch is None:
                yield Issue(pointer, "type", {"expected": _expected_types(error)})
            else:
                for sub in branch:
                    yield from _issues(sub)
        case "required":
            for name in limit:
                if isinstance(value, dict) and name not in value:
                    yield Issue(f"{pointer}/{name}", "required", {})
        case "additionalProperties" if limit is False and isinstance(value, dict):
            known = error.schema.get("properties", {})
            for name in value:
                if name not in known:
                    yield Issue(_pointer([*error.absolute_path, name]), "unknown_field", {})
        case "maxLength":
            yield Issue(pointer, "too_long", {"max_length": limit})
        case "minLength":
            yield Issue(pointer, "too_short", {"min_length": limit})
        case "maxItems" | "maxProperties":
            yield Issue(pointer, "too_many", {"max_items": limit})
        case "minItems" | "minProperties":
            yield Issue(pointer, "too_few", {"min_items": limit})
        case "pattern":
            yield Issue(pointer, "pattern", {"pattern": limit})
        case "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum":
            code = "minimum" if error.validator.endswith("inimum") else "maximum"
            name = "exclusive_" + code if error.validator.startswith("exclusive") else code
            yield Issue(pointer, code, {name: limit})
        case "enum":
            yield Issue(pointer, "enum", {"allowed": list(limit)})
        case "const":
            yield Issue(pointer, "enum", {"allowed": [limit]})
        case "type":
            yield Issue(
                pointer, "type", {"expected": limit if isinstance(limit, list) else [limit]}
            )
        case "format":
            yield Issue(pointer, "format", {"format": limit})
        case _:
            yield Issue(pointer, "invalid", {})


def body_issues(body_type: Any, value: Any) -> list[Issue]:
    """Where and how `value` (a decoded JSON body) misses `body_type`'s schema, at most
    `MAX_ISSUES`; empty when the schema finds it valid."""
    try:
        validator = _validator(body_type)
    except (TypeError, ValueError):  # a type msgspec writes no schema for: msgspec's error says it
        return []
    found: dict[tuple[str, str], Issue] = {}
    for error in validator.iter_errors(value):
        for issue in _issues(error):
            found.setdefault((issue.pointer, issue.code), issue)
            if len(found) >= MAX_ISSUES:
                return list(found.values())
    return list(found.values())
