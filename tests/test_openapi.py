"""The committed OpenAPI document is what the code generates, and it documents problems."""

import json
import re
from pathlib import Path
from typing import Any

from dealreg.openapi import render_openapi
from tests.problems import problem_media_type

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def test_committed_document_matches_the_code() -> None:
    assert COMMITTED.read_text() == render_openapi(), (
        "openapi/openapi.json is stale: run `dealreg openapi` and commit the result"
    )


def test_every_error_response_is_documented_as_problem_json() -> None:
    """A problem everywhere; at the OAuth endpoints RFC 6749 §5.2's errors are the same problem
    in the media type the RFC names."""
    document = json.loads(render_openapi())
    assert document["openapi"].startswith("3.1")
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    media = problem_media_type(path, int(status))
                    assert list(response["content"]) == [media], f"{method.upper()} {path} {status}"
                    assert "Content-Language" in response["headers"], f"{method.upper()} {path}"


def test_operations_and_schemas_have_names_of_their_own() -> None:
    """Generated clients name functions by operationId and classes by schema title: two of one
    name would collide, or be told apart by an unreadable prefix."""
    document = json.loads(render_openapi())
    ids = [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
    ]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][A-Za-z0-9]*", operation_id) for operation_id in ids), ids
    schemas = document["components"]["schemas"]
    assert [key for key, schema in schemas.items() if schema.get("title", key) != key] == []


def test_authenticated_operations_declare_bearer_security() -> None:
    document = json.loads(render_openapi())
    public = {
        "/health",
        "/ready",
        "/.well-known/jwks.json",
        "/v1/oauth/token",
        "/v1/password-resets",
        "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration",
        "/v1/oauth/revoke",
    }
    for path, item in document["paths"].items():
        for operation in item.values():
            if path in public:
                assert "security" not in operation, path
            else:
                assert operation["security"] == [{"bearerAuth": []}], path
                assert "401" in operation["responses"], path


async def test_docs_are_served(client) -> None:
    response = await client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
    spec = await client.get("/docs/openapi.json")
    assert spec.status_code == 200
    assert spec.json()["info"]["title"] == "dealreg"


# What an operation does, after the resource it does it to (`registrationApprove`,
# `leadListDispositions`); a name starting with one (`listEarnings`) or holding none
# (`myEarnings`, `leadDispositions`) breaks the one style a generated client's readers learn.
ACTIONS = {
    "Accept", "Add", "Approve", "Assign", "Cancel", "Change", "Check", "Claim", "Close",
    "Convert", "Create",
    "Decide", "End", "Forward", "Issue", "List", "Mark", "Preview", "Read", "Reject", "Remove",
    "Replay", "Report", "Request", "Resubmit", "Revoke", "Rotate", "Set", "Update", "Withdraw",
    "Write",
}  # fmt: skip


def test_operation_ids_are_a_resource_then_an_action() -> None:
    document = json.loads(render_openapi())
    wrong = []
    for item in document["paths"].values():
        for operation in item.values():
            words = re.findall(r"[A-Z]?[a-z0-9]+", operation["operationId"])
            first, rest = words[0].title(), [word.title() for word in words[1:]]
            if first in ACTIONS or not ACTIONS & set(rest):
                wrong.append(operation["operationId"])
    assert wrong == []


# The SLA's shapes as integrators meet them: a registration's clock, the reports, and the clock's
# summary in a list row (reached through the row's `sla`, the row's other fields not being SLA's).
SLA_OPERATIONS = [
    "/v1/registrations/{registration_id}/sla",
    "/v1/reports/sla",
    "/v1/reports/sla/breaches",
    "/v1/reports/sla/at-risk",
]


def undescribed(document: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    """Every property reachable from `schema` without a description, as `Schema.property`; each
    named schema walked once."""
    schemas = document["components"]["schemas"]
    missing: list[str] = []
    seen: set[str] = set()

    def walk(node: dict[str, Any], name: str) -> None:
        if "$ref" in node:
            ref = node["$ref"].removeprefix("#/components/schemas/")
            if ref not in seen:
                seen.add(ref)
                walk(schemas[ref], ref)
            return
        for key in ("oneOf", "anyOf", "allOf"):
            for option in node.get(key, []):
                walk(option, name)
        if "items" in node:
            walk(node["items"], name)
        for prop, value in node.get("properties", {}).items():
            if not value.get("description"):
                missing.append(f"{name}.{prop}")
            walk(value, name)

    walk(schema, where)
    return missing


def test_every_sla_field_is_described() -> None:
    document = json.loads(render_openapi())
    roots = [
        (
            document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"][
                "schema"
            ],
            path,
        )
        for path in SLA_OPERATIONS
    ]
    row = document["components"]["schemas"]["RegistrationRow"]["properties"]["sla"]
    assert row.get("description"), "RegistrationRow.sla"
    roots.append((row, "RegistrationRow.sla"))

    missing = [field for schema, where in roots for field in undescribed(document, schema, where)]

    assert missing == [], "SLA fields without a description in the OpenAPI document"


def test_the_walk_finds_a_field_without_a_description() -> None:
    """The check above cannot pass by walking nothing: a bare field, however deep, is found."""
    document = {
        "components": {
            "schemas": {
                "Outer": {
                    "properties": {
                        "inner": {
                            "description": "x",
                            "allOf": [{"$ref": "#/components/schemas/Inner"}],
                        }
                    }
                },
                "Inner": {"properties": {"bare": {"type": "integer"}}},
            }
        }
    }

    assert undescribed(document, {"$ref": "#/components/schemas/Outer"}, "root") == ["Inner.bare"]
