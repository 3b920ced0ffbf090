"""Request bodies are described by schemas of their own: no property a client may leave out
carries a `default` (which openapi-typescript, by default, reads as "always present"), a struct
that answers and is sent keeps its default on the answer's side, and the server still fills in
what a body leaves out."""

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.openapi.spec import OpenAPI

from dealreg.api.request_schemas import separate_request_schemas
from dealreg.openapi import render_openapi
from tests.deals import DEALS, close_date, line, partner_setup, vendor_setup
from tests.factories import Factory

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
Json = dict[str, Any]


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}


def _document(schemas: Json, *, body: str, answer: str, webhook: str | None = None) -> Json:
    """A document with one operation taking `body` and answering `answer`."""
    document: Json = {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": _ref(body)}}},
                    "responses": {
                        "201": {"content": {"application/json": {"schema": _ref(answer)}}}
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }
    if webhook is not None:
        document["webhooks"] = {
            "thing.created": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": _ref(webhook)}}}
                }
            }
        }
    return document


def _object(title: str, required: list[str], **properties: Json) -> Json:
    return {"title": title, "type": "object", "required": required, "properties": properties}


SHARED = _object(
    "Shared",
    ["name"],
    name={"type": "string"},
    note={"type": "string", "default": "", "description": "Free text"},
    count={"type": "integer", "default": 0},
)
PLAIN = _object("Plain", ["name"], name={"type": "string"}, email={"type": "string"})


def _request_side_defaults(document: Json) -> list[str]:
    """Every optional property with a `default` in a schema a request body reaches."""
    schemas = document["components"]["schemas"]
    # Parameters shared by reference (Idempotency-Key) are part of the request side too.
    shared = document["components"].get("parameters", {})
    seen: set[str] = set()
    todo = [
        match.removeprefix("#/components/schemas/")
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for match in _refs_in(
            [
                operation.get("requestBody"),
                operation.get("parameters"),
                item.get("parameters"),
                list(shared.values()),
            ]
        )
        if match.startswith("#/components/schemas/")
    ]
    found = []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [ref.removeprefix("#/components/schemas/") for ref in _refs_in(schemas[name])]
        required = set(schemas[name].get("required", ()))
        found += [
            f"{name}.{prop}"
            for prop, schema in schemas[name].get("properties", {}).items()
            if "default" in schema and prop not in required
        ]
    return sorted(found)


def _refs_in(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in _refs_in(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs_in(value)]
    return []


# --- the committed document -----------------------------------------------------------------------


def test_no_request_body_reaches_a_defaulted_optional_property() -> None:
    document = json.loads(COMMITTED.read_text())
    assert _request_side_defaults(document) == []


def test_litestar_alone_would_put_defaults_on_the_request_side(shared_app: Litestar) -> None:
    """The check above can fail: the document as Litestar builds it shares `Opportunity` (with
    its `description` default) between the deal a client sends and the one it reads back."""
    litestars = OpenAPI.to_schema(shared_app.openapi_schema)
    assert "Opportunity.description" in _request_side_defaults(litestars)
    assert "LeadInput.forward" in _request_side_defaults(litestars)


def test_a_shared_struct_keeps_its_default_where_it_is_answered() -> None:
    schemas = json.loads(COMMITTED.read_text())["components"]["schemas"]
    assert schemas["Opportunity"]["properties"]["description"]["default"] == ""
    assert "default" not in schemas["OpportunityInput"]["properties"]["description"]
    assert schemas["DealInput"]["properties"]["opportunity"] == _ref("OpportunityInput")


async def test_the_served_document_is_the_committed_one(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(render_openapi())


async def test_a_body_with_only_its_required_fields_gets_the_stated_defaults(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    """What the request schema now says in words, the server still does."""
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    body = {
        "customer": {"legal_name": "Minimal Corp", "country": "US"},
        "contact": {"name": "Min Imal"},
        "opportunity": {"title": "Minimal", "currency": "USD", "expected_close_date": close_date()},
        "lines": [line(vendor)],
    }
    response = await client.post(DEALS, json=body, headers=partner.rep)
    assert response.status_code == 201, response.text
    assert response.json()["opportunity"]["description"] == ""
    said = json.loads(COMMITTED.read_text())["components"]["schemas"]["OpportunityInput"]
    assert said["properties"]["description"]["description"] == 'Default when left out: `""`.'


# --- the mechanism --------------------------------------------------------------------------------


def test_a_struct_sent_and_answered_is_split_and_the_request_form_says_its_defaults() -> None:
    document = _document(
        {
            "Shared": SHARED,
            "Body": _object("Body", ["shared"], shared=_ref("Shared")),
            "Answer": _object("Answer", ["shared"], shared=_ref("Shared")),
        },
        body="Body",
        answer="Answer",
    )
    schemas = separate_request_schemas(document)["components"]["schemas"]
    assert schemas["Shared"] == SHARED
    assert schemas["SharedInput"] == _object(
        "SharedInput",
        ["name"],
        name={"type": "string"},
        note={"type": "string", "description": 'Free text Default when left out: `""`.'},
        count={"type": "integer", "description": "Default when left out: `0`."},
    )
    assert schemas["Body"]["properties"]["shared"] == _ref("SharedInput")
    assert schemas["Answer"]["properties"]["shared"] == _ref("Shared")
    assert document["components"]["schemas"]["Body"]["properties"]["shared"] == _ref("Shared")


def test_a_struct_with_the_same_form_both_ways_stays_one_component() -> None:
    document = _document(
        {
            "Plain": PLAIN,
            "Body": _object("Body", ["plain"], plain=_ref("Plain")),
            "Answer": _object("Answer", ["plain"], plain=_ref("Plain")),
        },
        body="Body",
        answer="Answer",
    )
    assert separate_request_schemas(document) == document


def test_a_request_only_struct_is_rewritten_in_place() -> None:
    body = _object(
        "Body", ["name"], name={"type": "string"}, flag={"type": "boolean", "default": True}
    )
    document = _document({"Body": body, "Plain": PLAIN}, body="Body", answer="Plain")
    schemas = separate_request_schemas(document)["components"]["schemas"]
    assert set(schemas) == {"Body", "Plain"}
    assert schemas["Body"]["properties"]["flag"] == {
        "type": "boolean",
        "description": "Default when left out: `true`.",
    }


def test_a_struct_reaching_a_split_one_is_split_too() -> None:
    """`Middle` has no default of its own, but its request form must refer to `SharedInput`."""
    document = _document(
        {
            "Shared": SHARED,
            "Middle": _object("Middle", ["shared"], shared=_ref("Shared")),
            "Body": _object("Body", ["middle"], middle={"type": "array", "items": _ref("Middle")}),
            "Answer": _object("Answer", ["middle"], middle=_ref("Middle")),
        },
        body="Body",
        answer="Answer",
    )
    schemas = separate_request_schemas(document)["components"]["schemas"]
    assert schemas["MiddleInput"]["properties"]["shared"] == _ref("SharedInput")
    assert schemas["MiddleInput"]["title"] == "MiddleInput"
    assert schemas["Middle"]["properties"]["shared"] == _ref("Shared")
    assert schemas["Body"]["properties"]["middle"]["items"] == _ref("MiddleInput")


def test_a_webhook_payload_is_what_the_server_writes() -> None:
    """A webhook's body is sent by dealreg, so its schemas are the answering side's."""
    document = _document(
        {"Shared": SHARED, "Body": _object("Body", ["shared"], shared=_ref("Shared"))},
        body="Body",
        answer="Body",
        webhook="Shared",
    )
    schemas = separate_request_schemas(document)["components"]["schemas"]
    assert schemas["Shared"] == SHARED
    assert "default" not in schemas["SharedInput"]["properties"]["note"]


def test_a_required_property_keeps_its_schema() -> None:
    body = _object("Body", ["mode"], mode={"type": "string", "default": "fast"})
    document = _document({"Body": body, "Plain": PLAIN}, body="Body", answer="Plain")
    assert separate_request_schemas(document) == document


def test_a_request_name_already_taken_is_refused() -> None:
    document = _document(
        {
            "Shared": SHARED,
            "SharedInput": PLAIN | {"title": "SharedInput"},
            "Body": _object("Body", ["shared"], shared=_ref("Shared")),
        },
        body="Body",
        answer="Shared",
    )
    with pytest.raises(ValueError, match="SharedInput"):
        separate_request_schemas(document)
