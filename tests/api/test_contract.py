"""The OpenAPI document says everything the server enforces (api/contract.py): If-Match required
wherever a 428 is possible, Idempotency-Key on every POST that honours it, and every header sent
declared with a schema. What the server does is found from the server itself, by calling what it
calls or sending it requests, never from a list kept beside the code."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.routes import HTTPRoute

from dealreg.api.unit_of_work import MAX_KEY_LENGTH
from dealreg.orgs.models import Role
from tests.api.test_leads import LEADS, Scene, accepted, create, read

# The leads' fixture, for the append-only actions below.
from tests.api.test_leads import scene as scene
from tests.documented import CHECKED, undeclared
from tests.factories import Factory
from tests.problems import assert_problem, if_match

Json = dict[str, Any]
_PATH_PARAMETER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _handlers(app: Litestar) -> list[tuple[str, str, HTTPRouteHandler]]:
    """(method, path template as the document writes it, handler) of every operation."""
    return [
        (method, route.path_format, handler)
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for method, (handler, _) in route.route_handler_map.items()
        if handler.resolve_include_in_schema()
    ]


def _document(app: Litestar) -> Json:
    document: Json = app.openapi_schema.to_schema()
    return document


def _parameters(document: Json, operation: Json) -> dict[str, Json]:
    """The operation's parameters by name, references resolved."""
    found = {}
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            name = parameter["$ref"].rsplit("/", 1)[-1]
            parameter = document["components"]["parameters"][name]
        found[parameter["name"]] = parameter
    return found


def test_every_operation_that_can_answer_428_declares_if_match_required(
    shared_app: Litestar,
) -> None:
    """A change answers 428 when the If-Match its handler is given says one was required and
    none came (preconditions.IfMatch.check): each handler's `precondition` is asked what it
    makes of a request without the header, as the server asks it."""
    document = _document(shared_app)
    can_answer_428 = set()
    for method, path, handler in _handlers(shared_app):
        operation = document["paths"][path][method.lower()]
        declared = _parameters(document, operation).get("If-Match")
        if "precondition" not in handler.parsed_fn_signature.parameters:
            assert declared is None, f"{method} {path} declares If-Match it never reads"
            continue
        provider = handler.resolve_dependencies()["precondition"]
        missing = provider.dependency(None).missing
        assert declared is not None, f"{method} {path}"
        assert declared["required"] is missing, f"{method} {path}"
        assert declared["schema"] == {"type": "string"}, f"{method} {path}"
        assert ("428" in operation["responses"]) is missing, f"{method} {path}"
        assert "412" in operation["responses"], f"{method} {path}"
        if missing:
            can_answer_428.add(operation["operationId"])
    # The issue found 27 operations answering 428 while declaring If-Match optional.
    assert len(can_answer_428) >= 27
    # Append-only actions need none; state transitions keep it.
    assert not {"leadReportDisposition", "leadAddEngagements"} & can_answer_428
    assert {"leadAccept", "registrationApprove", "leadPolicyWrite"} <= can_answer_428


def _url(path: str) -> str:
    """`path` with a made-up value for each parameter: routing needs no real object."""

    def value(match: re.Match[str]) -> str:
        kind = match.group(2)
        return "1" if kind == "int" else "x" if kind == "str" else str(uuid.uuid4())

    return _PATH_PARAMETER.sub(value, path)


async def test_every_post_that_honours_an_idempotency_key_declares_it(
    client: httpx.AsyncClient, shared_app: Litestar, factory: Factory
) -> None:
    """A key over the limit is refused (400) by the unit of work before anything else looks at
    the request, wherever keys are honoured, whoever calls: the refusal shows which POSTs honour
    them, without the objects, roles and bodies each would need to succeed."""
    headers = await factory.headers_for(await factory.vendor(), Role.vendor_admin)
    headers["Idempotency-Key"] = "k" * (MAX_KEY_LENGTH + 1)
    document = _document(shared_app)
    honoured, declared = set(), set()
    for method, path, _ in _handlers(shared_app):
        operation = document["paths"][path][method.lower()]
        if "Idempotency-Key" in _parameters(document, operation):
            declared.add(operation["operationId"])
            key = _parameters(document, operation)["Idempotency-Key"]
            assert key["schema"]["maxLength"] == MAX_KEY_LENGTH
            assert key["schema"]["minLength"] == 1
            assert key["required"] is False
            assert {"400", "409", "422"} <= set(operation["responses"])
        if method != "POST":
            continue
        response = await client.post(_url(path), headers=headers)
        if response.status_code == 400 and response.json()["type"].endswith(
            "/invalid-idempotency-key"
        ):
            honoured.add(operation["operationId"])
    assert honoured == declared
    # The token endpoints' answers are secrets and never kept: they take no key.
    assert not {"tokenIssue", "tokenRevoke", "passwordResetRequest"} & honoured
    assert {"dealCreate", "registrationApprove", "leadReportDisposition"} <= honoured


def test_every_header_declared_has_a_schema(shared_app: Litestar) -> None:
    """ETag had no schema in 46 places: a generated client typed it `unknown`."""
    document = _document(shared_app)
    headers = document["components"]["headers"]
    assert set(CHECKED) <= set(headers)
    for name, header in headers.items():
        assert header["schema"]["type"] in ("string", "integer"), name
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                for name, header in response.get("headers", {}).items():
                    assert header == {"$ref": f"#/components/headers/{name}"}, (
                        f"{method.upper()} {path} {status} {name}"
                    )
            for parameter in _parameters(document, operation).values():
                if parameter["in"] == "header":
                    assert "null" not in str(parameter["schema"]), (method, path, parameter)


def test_every_operation_can_refuse_a_bad_parameter(shared_app: Litestar) -> None:
    """Every operation refuses a query parameter it does not take (a 400), the public ones too."""
    document = _document(shared_app)
    for method, path, _ in _handlers(shared_app):
        assert "400" in document["paths"][path][method.lower()]["responses"], (method, path)


async def test_an_unknown_query_parameter_on_a_public_read_is_a_documented_400(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/health", params={"verbose": "1"})
    assert_problem(response, 400, "invalid-parameter")


async def test_the_headers_a_change_sends_are_the_declared_ones(
    client: httpx.AsyncClient, shared_app: Litestar, scene: Scene
) -> None:
    """One lead through create, read, revalidation, a stale change and a replayed retry: each
    answer's ETag, RateLimit fields and Idempotent-Replayed are declared for its status."""
    lead = await create(client, scene, rep_id=str(scene.partner.rep_id))
    url = f"{LEADS}/{lead['id']}"
    rep = scene.partner.rep
    answers = [
        await client.get(url, headers=rep),
        await client.get(url, headers=rep | {"If-None-Match": f'"{lead["version"]}"'}),
        await client.post(f"{url}/accept", json={}, headers=rep | if_match(lead["version"] + 1)),
    ]
    key = {"Idempotency-Key": str(uuid.uuid4())}
    accept = {"json": {}, "headers": rep | if_match(lead["version"]) | key}
    answers += [await client.post(f"{url}/accept", **accept) for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 304, 412, 200, 200]
    assert answers[-1].headers["Idempotent-Replayed"] == "true"
    for answer in answers:
        assert "ETag" in answer.headers
        assert "RateLimit" in answer.headers
        assert undeclared(shared_app, answer) == []


# --- append-only actions -----------------------------------------------------------------------


async def test_an_offline_queue_of_dispositions_goes_out_without_if_match(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    """A phone queues two dispositions offline against the lead it last read, then sends them in
    order, each with its own Idempotency-Key and no If-Match: both are recorded, and a retry of
    the first (its answer lost) is the first's replay, not a third disposition."""
    lead = await accepted(client, scene)
    rep, url = scene.partner.rep, f"{LEADS}/{lead['id']}/dispositions"
    queue = [
        ({"type": "first_touch", "note": "called"}, str(uuid.uuid4())),
        ({"type": "follow_up", "note": "sent the quote"}, str(uuid.uuid4())),
    ]
    sent = [
        await client.post(url, json=body, headers=rep | {"Idempotency-Key": key})
        for body, key in queue
    ]
    assert [response.status_code for response in sent] == [201, 201], sent[1].text
    assert sent[1].json()["lead"]["disposition"] == "follow_up"
    body, key = queue[0]
    retried = await client.post(url, json=body, headers=rep | {"Idempotency-Key": key})
    assert retried.status_code == 201
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert retried.json() == sent[0].json()
    listed = await client.get(url, headers=rep)
    assert [d["type"] for d in listed.json()["items"]] == ["first_touch", "follow_up"]


async def test_an_if_match_sent_with_an_append_only_action_is_still_checked(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    lead = await accepted(client, scene)
    rep = scene.partner.rep
    stale = await client.post(
        f"{LEADS}/{lead['id']}/dispositions",
        json={"type": "first_touch"},
        headers=rep | if_match(lead["version"] - 1),
    )
    assert_problem(stale, 412, "stale-version")
    assert stale.headers["ETag"] == f'"{lead["version"]}"'
    current = await client.post(
        f"{LEADS}/{lead['id']}/dispositions",
        json={"type": "first_touch"},
        headers=rep | if_match(lead["version"]),
    )
    assert current.status_code == 201, current.text
    assert (await read(client, rep, lead["id"]))["disposition"] == "first_touch"


async def test_engagements_go_out_without_if_match(client: httpx.AsyncClient, scene: Scene) -> None:
    lead = await create(client, scene, score=0, forward=False)
    url = f"{LEADS}/{lead['id']}/engagements"
    now = datetime.now(UTC)
    batches = [
        {"engagements": [{"type": kind, "occurred_at": (now - timedelta(hours=2)).isoformat()}]}
        for kind in ("email_open", "site_visit")
    ]
    for batch in batches:
        response = await client.post(url, json=batch, headers=scene.vendor.approver)
        assert response.status_code == 200, response.text
    assert (await read(client, scene.vendor.approver, lead["id"]))["score"] == 1 + 3


@pytest.mark.parametrize("action", ["accept", "reject"])
async def test_a_state_transition_still_needs_if_match(
    client: httpx.AsyncClient, scene: Scene, action: str
) -> None:
    lead = await create(client, scene, rep_id=str(scene.partner.rep_id))
    body = {"reason": "no_capacity"} if action == "reject" else {}
    response = await client.post(
        f"{LEADS}/{lead['id']}/{action}", json=body, headers=scene.partner.rep
    )
    assert_problem(response, 428, "precondition-required")
    assert (await read(client, scene.partner.rep, lead["id"]))["status"] == "forwarded"
