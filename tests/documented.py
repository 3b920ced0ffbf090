"""The headers the server sends, held to what the OpenAPI document declares for the operation and
status that sent them. The tests' HTTP clients check every answer (tests/conftest.py), so each
exchange of the suite is a case: an answer carrying an `ETag` its operation does not declare
fails the test that received it."""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
from litestar import Litestar

# Headers the document must declare wherever they are sent (api/contract.py declares most).
CHECKED = (
    "ETag",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "Idempotent-Replayed",
    "Content-Language",
)
_PARAMETER = re.compile(r"\{[^}]+\}")


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]


@cache
def _operations(app: Litestar) -> tuple[Operation, ...]:
    document = app.openapi_schema.to_schema()
    found = [
        Operation(
            method.upper(),
            template,
            re.compile("^" + "[^/]+".join(map(re.escape, _PARAMETER.split(template))) + "$"),
            spec,
        )
        for template, item in document["paths"].items()
        for method, spec in item.items()
    ]
    # A literal segment wins over a parameter: /v1/leads/batch is not /v1/leads/{lead_id}.
    found.sort(key=lambda operation: operation.template.count("{"))
    return tuple(found)


def operation_of(app: Litestar, method: str, path: str) -> Operation | None:
    for operation in _operations(app):
        if operation.method == method and operation.pattern.match(path):
            return operation
    return None


def undeclared(app: Litestar, response: httpx.Response) -> list[str]:
    """The headers of `CHECKED` that `response` carries and its operation does not declare for
    its status (all of them when a 4xx is not declared at all: the 415 was found so)."""
    sent = [name for name in CHECKED if name in response.headers]
    if not sent:
        return []
    operation = operation_of(app, response.request.method, response.request.url.path)
    if operation is None:
        return []  # no operation of the document (a page, an unknown path): nothing declared
    responses = operation.spec["responses"]
    if str(response.status_code) not in responses and response.status_code >= 500:
        return []  # a crash (a failed commit's 500) is no part of the contract
    declared = responses.get(str(response.status_code), {}).get("headers", {})
    return [name for name in sent if name not in declared]


def check_declared(app: Litestar, response: httpx.Response) -> None:
    missing = undeclared(app, response)
    request = response.request
    assert not missing, (
        f"{request.method} {request.url.path} answered {response.status_code} with {missing}, "
        "which its operation in the OpenAPI document does not declare (api/contract.py)"
    )
