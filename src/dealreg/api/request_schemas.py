"""What a client sends gets schemas of its own, with no `default` that a generator would take
for "always present".

Litestar names a component after its msgspec Struct and gives one struct one component, wherever
it is used. A field with a default is then described once, `default` and all: right for an
answer, which carries it (msgspec encodes every field, unless a struct says `omit_defaults`), and
wrong for a body, which may leave it out. openapi-typescript 7 (whose `defaultNonNullable` is on
unless turned off) makes every property that has a `default` required in the type of its
component; it spares only schemas written inline under `parameters` or `requestBody`, never a
`$ref`'d component. So `Opportunity.description` (default "") was
required in the type a client builds its `DealInput` with, and a body without it did not compile.

`separate_request_schemas` rewrites the finished document, so every struct gets it without being
named here:

- the request side is everything a client writes: each operation's (and path's) `parameters` and
  `requestBody`, and the `parameters` and `requestBodies` components; the response side is every
  other place that refers to a schema (responses, headers, webhooks, which the server writes);
- a schema reached from the request side loses its properties' `default` (not on required ones,
  which have none), and the default is said in the property's description instead: the server
  still fills it in, the schema just no longer claims the field is always there;
- a schema reached only from the request side is rewritten in place; one reached from both sides
  whose request form differs (it has such a default, or refers to a schema that was split) is
  split: the response keeps the struct's name, the request side gets `<Name>Input`. A struct whose
  two forms are the same keeps one component.

The server's behaviour does not change: msgspec still decodes the same structs with their
defaults; only the description of them does.
"""

import copy
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import OpenAPI

INPUT_SUFFIX = "Input"
_SCHEMA_REF = "#/components/schemas/"
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def separate_request_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of `document` whose request side is described by request schemas (see the
    module's docstring); ValueError when a split schema's request name is already taken."""
    document = copy.deepcopy(document)
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    written = list(_request_side(document))
    requested = _reachable(schemas, (parent[key] for parent, key in written))
    answered = _reachable(schemas, _response_side(document))

    stripped = {name: _without_defaults(schemas[name]) for name in requested}
    both = requested & answered
    split = {name for name in both if stripped[name] != schemas[name]}
    # A schema that refers to a split one is split too: its request form refers elsewhere.
    while grown := {name for name in both - split if _refs(schemas[name]) & split}:
        split |= grown

    taken = sorted(f"{name}{INPUT_SUFFIX}" for name in split if f"{name}{INPUT_SUFFIX}" in schemas)
    if taken:
        raise ValueError(
            f"request schemas {taken} would replace components of the same name: rename the "
            "structs so that a request form can take it"
        )

    def rename(ref: str) -> str:
        name = ref.removeprefix(_SCHEMA_REF)
        return f"{_SCHEMA_REF}{name}{INPUT_SUFFIX}" if name in split else ref

    for name in requested:
        request_form = _rewrite_refs(stripped[name], rename)
        if name in split:
            schemas[f"{name}{INPUT_SUFFIX}"] = {**request_form, "title": f"{name}{INPUT_SUFFIX}"}
        else:
            schemas[name] = request_form
    for parent, key in written:
        parent[key] = _rewrite_refs(parent[key], rename)
    return document


def _request_side(document: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Each (parent, key) whose value a client writes."""
    for item in document.get("paths", {}).values():
        if "parameters" in item:
            yield item, "parameters"
        for method in _OPERATIONS:
            operation = item.get(method)
            if operation is None:
                continue
            for key in ("parameters", "requestBody"):
                if key in operation:
                    yield operation, key
    components = document.get("components", {})
    for key in ("parameters", "requestBodies"):
        if key in components:
            yield components, key


def _response_side(document: dict[str, Any]) -> Iterator[object]:
    """Everything else that can refer to a schema: what the server writes."""
    for key, value in document.items():
        if key == "paths":
            for item in value.values():
                for item_key, part in item.items():
                    if item_key == "parameters":
                        continue
                    if item_key in _OPERATIONS:
                        yield {
                            k: v for k, v in part.items() if k not in ("parameters", "requestBody")
                        }
                    else:
                        yield part
        elif key == "components":
            yield {
                k: v
                for k, v in value.items()
                if k not in ("schemas", "parameters", "requestBodies")
            }
        else:
            yield value


def _walk(node: object) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _refs(node: object) -> set[str]:
    return {
        ref.removeprefix(_SCHEMA_REF)
        for found in _walk(node)
        if isinstance(ref := found.get("$ref"), str) and ref.startswith(_SCHEMA_REF)
    }


def _reachable(schemas: dict[str, Any], roots: Iterable[object]) -> set[str]:
    seen: set[str] = set()
    todo = set().union(*(_refs(root) for root in roots))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo |= _refs(schemas[name]) - seen
    return seen


def _without_defaults(node: Any) -> Any:
    """`node` with no optional property carrying a `default`: its description says it."""
    if isinstance(node, list):
        return [_without_defaults(value) for value in node]
    if not isinstance(node, dict):
        return node
    result = {key: _without_defaults(value) for key, value in node.items()}
    properties = result.get("properties")
    if isinstance(properties, dict):
        required = set(result.get("required", ()))
        result["properties"] = {
            name: _described_default(schema) if name not in required else schema
            for name, schema in properties.items()
        }
    return result


def _described_default(schema: Any) -> Any:
    if not isinstance(schema, dict) or "default" not in schema:
        return schema
    result = dict(schema)
    default = result.pop("default")
    said = f"Default when left out: `{json.dumps(default, ensure_ascii=False)}`."
    result["description"] = f"{result['description']} {said}" if "description" in result else said
    return result


def _rewrite_refs(node: Any, rename: Callable[[str], str]) -> Any:
    if isinstance(node, list):
        return [_rewrite_refs(value, rename) for value in node]
    if not isinstance(node, dict):
        return node
    return {
        key: rename(value)
        if key == "$ref" and isinstance(value, str)
        else _rewrite_refs(value, rename)
        for key, value in node.items()
    }


@dataclass
class _Document(OpenAPI):
    """Litestar's document, rendered with its request schemas separated: what `/docs` serves
    and `dealreg openapi` writes both come from `to_schema`."""

    def to_schema(self) -> dict[str, Any]:
        return separate_request_schemas(super().to_schema())


@dataclass
class DocumentConfig(OpenAPIConfig):
    """Litestar's OpenAPIConfig whose document separates request schemas (Litestar has no hook
    for the finished document: its plugin builds it on this config's `to_openapi_schema`)."""

    def to_openapi_schema(self) -> OpenAPI:
        document = super().to_openapi_schema()
        return _Document(
            **{field.name: getattr(document, field.name) for field in fields(document)}
        )
