"""The registry of problem types: every type the code can answer with is in it (found by walking
the `DealRegError` subclasses of every module, not by a list kept beside the code), every type's
page answers, and the OpenAPI document has a schema per type that each error response refers
to."""

import importlib
import json
import pkgutil
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest

import dealreg
from dealreg.api.problem_types import PROBLEM_TYPES
from dealreg.api.problems import schema_name
from dealreg.errors import HTTP_TYPES, PROBLEM_BASE, DealRegError
from dealreg.openapi import render_openapi
from dealreg.orgs.models import Role
from tests.deals import DEALS, REGISTRATIONS, deal_body, line, partner_setup, submit, vendor_setup
from tests.factories import Factory
from tests.problems import assert_problem, problem_media_type


def _every_error_class() -> list[type[DealRegError]]:
    for module in pkgutil.walk_packages(dealreg.__path__, "dealreg."):
        importlib.import_module(module.name)

    def below(cls: type[DealRegError]) -> Iterator[type[DealRegError]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return [DealRegError, *below(DealRegError)]


ERROR_CLASSES = _every_error_class()


def test_the_walk_finds_the_errors_of_every_layer() -> None:
    modules = {cls.__module__.split(".")[1] for cls in ERROR_CLASSES}
    assert {"errors", "api", "auth", "orgs", "registrations", "leads", "webhooks"} <= modules


@pytest.mark.parametrize("error", ERROR_CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_error_class_is_registered_with_its_status_and_title(
    error: type[DealRegError],
) -> None:
    registered = PROBLEM_TYPES.get(error.type)
    assert registered is not None, f"{error.__qualname__}: add {error.type!r} to problem_types.py"
    assert (registered.status, registered.title) == (error.status, error.title)


def test_every_type_litestar_errors_are_given_is_registered() -> None:
    for status, (type_, title) in HTTP_TYPES.items():
        assert (PROBLEM_TYPES[type_].status, PROBLEM_TYPES[type_].title) == (status, title)


JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("method", "url", "content", "headers", "status", "type_"),
    [
        ("GET", "/v1/registrations?staus=approved", None, {}, 400, "invalid-parameter"),
        ("POST", "/v1/deals", b"{", JSON, 400, "malformed-body"),
        ("POST", "/v1/deals", b"<a/>", {"content-type": "text/xml"}, 415, "unsupported-media-type"),
        ("POST", "/v1/deals", b'{"title": 1}', JSON, 422, "validation-error"),
        ("DELETE", "/v1/events", None, {}, 405, "method-not-allowed"),
        ("GET", "/v1/no-such-thing", None, {}, 404, "not-found"),
    ],
)
async def test_the_problems_litestar_raises_are_registered(
    client: httpx.AsyncClient,
    factory: Factory,
    method: str,
    url: str,
    content: bytes | None,
    headers: dict[str, str],
    status: int,
    type_: str,
) -> None:
    caller = await factory.headers_for(await factory.partner(), Role.partner_admin)
    response = await client.request(method, url, content=content, headers=caller | headers)
    body = assert_problem(response, status, type_)
    assert body["type"].removeprefix(PROBLEM_BASE) in PROBLEM_TYPES


async def test_every_type_has_a_page(client: httpx.AsyncClient) -> None:
    for name, problem in PROBLEM_TYPES.items():
        page = await client.get(f"/problems/{name}")
        assert page.status_code == 200, name
        assert page.headers["content-type"].startswith("text/html")
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert PROBLEM_BASE + name in page.text
        assert problem.action.split("`")[0].strip()[:30].replace("'", "&#39;") in page.text
        for member in problem.members:
            assert f"<code>{member}</code>" in page.text


async def test_the_index_links_every_type_and_loads_nothing_from_elsewhere(
    client: httpx.AsyncClient,
) -> None:
    index = await client.get("/problems")
    assert index.status_code == 200
    assert set(re.findall(r'href="/problems/([a-z-]+)"', index.text)) == set(PROBLEM_TYPES)
    assert re.findall(r'(?:src|href)="(?:https?:)?//', index.text) == []
    assert "<script" not in index.text


async def test_an_unknown_type_is_a_404_page(client: httpx.AsyncClient) -> None:
    page = await client.get("/problems/no-such-problem")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")


def test_each_type_has_a_schema_fixing_its_uri_and_declaring_its_members() -> None:
    schemas = json.loads(render_openapi())["components"]["schemas"]
    for problem in PROBLEM_TYPES.values():
        schema = schemas[schema_name(problem)]
        assert schema["properties"]["type"]["const"] == PROBLEM_BASE + problem.type
        assert set(problem.members) <= set(schema["properties"])
        assert schema["externalDocs"]["url"] == f"/problems/{problem.type}"
    below = schemas["LeadBelowThresholdProblem"]["properties"]
    assert below["score"]["type"] == below["forward_threshold"]["type"] == "integer"
    duplicate = schemas["DuplicateRegistrationProblem"]["properties"]
    assert duplicate["registration_id"]["format"] == "uuid"


def test_each_error_response_refers_to_the_types_of_its_status() -> None:
    document = json.loads(render_openapi())
    schemas = document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) < 400:
                    continue
                media = problem_media_type(path, int(status))
                ref = response["content"][media]["schema"]["$ref"]
                target = schemas[ref.rsplit("/", 1)[1]]
                consts = (
                    {
                        schemas[r["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["const"]
                        for r in target["oneOf"]
                    }
                    if "oneOf" in target
                    else {target["properties"]["type"]["const"]}
                )
                expected = {
                    PROBLEM_BASE + p.type for p in PROBLEM_TYPES.values() if str(p.status) == status
                }
                assert consts == expected, f"{method.upper()} {path} {status}"


def _documented(document: dict[str, Any], method: str, path: str, status: int) -> Any:
    """A validator of what the document says `method path` answers with `status`."""
    response = document["paths"][path][method]["responses"][str(status)]
    schema = response["content"][problem_media_type(path, status)]["schema"]
    return jsonschema_rs.validator_for({"components": document["components"], **schema})


async def test_problems_with_extension_members_match_their_documented_schemas(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    document = json.loads(render_openapi())
    acme = await vendor_setup(factory)
    partner = await partner_setup(factory, acme)
    body = deal_body(line(acme))
    await submit(client, partner.rep, body)

    duplicate = assert_problem(
        await client.post(DEALS, json=body, headers=partner.admin), 409, "duplicate-registration"
    )
    assert {"registration_id", "number"} <= set(duplicate)
    assert _documented(document, "post", DEALS, 409).is_valid(duplicate)
    # The members are declared, not merely allowed: one of the wrong type does not match.
    assert not _documented(document, "post", DEALS, 409).is_valid(
        duplicate | {"registration_id": 7}
    )
    missing = assert_problem(
        await client.get(f"{REGISTRATIONS}/{uuid.uuid4()}", headers=partner.admin),
        404,
        "registration-not-found",
    )
    assert _documented(document, "get", f"{REGISTRATIONS}/{{registration_id}}", 404).is_valid(
        missing
    )
