"""Property test (issue #16): arbitrary JSON values in every route's body and query parameters
never make a 5xx, every refusal is a problem document, and a refused request writes nothing.

The routes come from the app itself (every handler but the generated OPTIONS ones), their
parameters and bodies from the OpenAPI document it serves; each request goes out as a demo user
whose role holds the scope its route requires, with the identifiers of the demo's objects in its
path, query and body mostly (so handlers get past their 404s), made-up ones otherwise. Values
are mostly of the type the schema asks for, at its edges (days and instants outside any calendar,
integers past int64, 1e308, NUL, lone surrogates, right-to-left marks, long strings), and
sometimes anything at all: deep nesting, huge arrays, the wrong type.

Nothing written is checked by a fingerprint of every table (its row count and a hash of its
rows), taken after each success and compared after each refusal. Each example is one request
to a route drawn from them all."""

import inspect
import json
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.params import ParameterKwarg
from litestar.routes import HTTPRoute
from sqlalchemy import CompoundSelect, Text, cast, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.db import Base
from dealreg.demo import seed_demo
from dealreg.orgs.models import Organization, Product, Role, User
from tests.factories import Factory
from tests.problems import problem_media_type

Json = dict[str, Any]
Strategy = st.SearchStrategy[Any]

# About a minute here (30 s per 1,000 on an idle machine): each route is called about eighteen
# times, and missing one has a probability below 1e-7.
EXAMPLES = 2000
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

EDGE_STRINGS = [
    "",
    " ",
    "\x00",
    "nul\x00inside",
    "\ud800",
    "\u202eevil",
    "é",
    "\U0001d518\U0001d52b \U0001f99c",  # astral-plane letters and an emoji
    "0001-01-01",
    "0001-01-05",
    "1969-12-31",
    "9999-12-31",
    "0001-01-01T00:00:00+00:01",
    "9999-12-31T23:59:59-00:01",
    "1969-12-31T23:59:59Z",
    "2201-01-01T00:00:00Z",
    "2026-05-04T09:30:00",
    "2026-05-04T09:30:00Z",
    "1e308",
    "-1",
    "NaN",
    "null",
    "00000000-0000-0000-0000-000000000000",
    "' OR 1=1 --",
    "http://[::1/",
    "https://a..example/",
    "x" * 5000,
]
EDGE_INTEGERS = [0, -1, 1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**30, -(10**30)]
EDGE_FLOATS = [1e308, -1e308, 5e-324, -0.0, 0.1, 1.5]
EDGE_DAYS = ["2026-01-15", "1970-01-01", "2200-12-31", "0001-01-01", "9999-12-31", "1969-12-31"]
EDGE_INSTANTS = [
    "2026-01-15T10:00:00Z",
    "1970-01-01T00:00:00Z",
    "2200-12-31T23:59:59.999999Z",
    "0001-01-01T00:00:00+00:01",
    "9999-12-31T23:59:59-00:01",
    "2026-01-15T10:00:00",
    "2026-01-15T10:00:00+14:00",
]

# A third of the optional query parameters: a request sending every one is refused for one of them.
SOMETIMES = st.sampled_from([True, False, False])

SCALARS: Strategy = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(EDGE_INTEGERS),
    st.integers(),
    st.sampled_from(EDGE_FLOATS),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(EDGE_STRINGS),
    st.text(max_size=20),
)


# Anything at all: what a client that ignores the schema sends (within the body limit).
ANYTHING: Strategy = st.one_of(
    st.recursive(
        SCALARS,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=8,
    ),
    st.sampled_from(
        [
            [0] * 100_000,
            "ä" * 200_000,
            {"x": [None] * 50_000},
        ]
    ),
)


class Raw(bytes):
    """A body sent as these bytes: nesting deeper than Python's json module (or hypothesis's
    printer) can handle."""

    def __repr__(self) -> str:
        return f"Raw({bytes(self[:12])!r}... {len(self)} bytes)"


DEEP: Strategy = st.sampled_from(
    [
        Raw(b'{"name":' + b"[" * 40 + b"]" * 40 + b"}"),
        Raw(b"[" * 1000 + b"]" * 1000),
        Raw(b'{"a":' * 5000 + b"1" + b"}" * 5000),
    ]
)


class Values:
    """Strategies for values of the OpenAPI document's schemas: valid ones (at the edges of their
    types, demo identifiers in id fields), and valid ones with one member replaced by anything,
    so that most requests get past validation to the code behind it."""

    def __init__(self, document: Json, ids: dict[str, list[str]]) -> None:
        self.components: Json = document["components"]["schemas"]
        self.ids = ids
        self.every_id = sorted({i for found in ids.values() for i in found[:2]})

    def identifier(self, name: str) -> Strategy:
        known = self.ids.get(name) or self.every_id
        return st.one_of(st.sampled_from(known), st.sampled_from(known), st.uuids().map(str))

    def body(self, schema: Json) -> Strategy:
        """Valid, valid with one member (anywhere in it) replaced by anything, or anything."""
        valid = self.valid(schema)
        return st.one_of(valid, valid.flatmap(_mutated), ANYTHING, DEEP)

    def valid(self, schema: Json, name: str = "") -> Strategy:
        if "$ref" in schema:
            return self.valid(self.components[schema["$ref"].rsplit("/", 1)[1]], name)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return st.one_of([self.valid(branch, name) for branch in schema[key]])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        if "const" in schema:
            return st.just(schema["const"])
        kind = schema.get("type")
        if isinstance(kind, list):
            return st.one_of([self.valid(schema | {"type": k}, name) for k in kind])
        if kind == "object":
            properties: Json = schema.get("properties", {})
            required = set(schema.get("required", []))
            return st.fixed_dictionaries(
                {key: self.valid(sub, key) for key, sub in properties.items() if key in required},
                optional={
                    key: self.valid(sub, key)
                    for key, sub in properties.items()
                    if key not in required
                },
            )
        if kind == "array":
            return st.lists(
                self.valid(schema.get("items", {}), name),
                min_size=schema.get("minItems", 0),
                max_size=min(schema.get("maxItems", 3), 3),
            )
        if kind == "string":
            return self._string(schema, name)
        if kind == "integer":
            low, high = schema.get("minimum"), schema.get("maximum")
            fitting = [
                i
                for i in EDGE_INTEGERS
                if (low is None or i >= low) and (high is None or i <= high)
            ]
            edges = [st.sampled_from(fitting)] if fitting else []
            return st.one_of(st.integers(min_value=low, max_value=high), *edges)
        if kind == "number":
            return st.one_of(
                st.floats(
                    schema.get("minimum"),
                    schema.get("maximum"),
                    allow_nan=False,
                    allow_infinity=False,
                ),
                st.sampled_from(EDGE_FLOATS),
            )
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        return ANYTHING

    def _string(self, schema: Json, name: str) -> Strategy:
        form = schema.get("format")
        if form == "uuid" or name.endswith("_id") or name == "id":
            return self.identifier(name)
        # The edges twice as often as any other day or instant: they are what breaks.
        if form == "date":
            edges = st.sampled_from(EDGE_DAYS)
            return st.one_of(edges, edges, st.dates().map(str))
        if form == "date-time":
            edges = st.sampled_from(EDGE_INSTANTS)
            return st.one_of(
                edges, edges, st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
            )
        if name == "sku" and "sku" in self.ids:
            return st.sampled_from(self.ids["sku"])
        low, high = schema.get("minLength", 0), schema.get("maxLength", 60)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(
                lambda text: low <= len(text) <= high
            )
        fitting = [text for text in EDGE_STRINGS if low <= len(text) <= high]
        return st.one_of(
            st.text(min_size=low, max_size=min(high, 60)),
            *([st.sampled_from(fitting)] if fitting else []),
            *([st.sampled_from(schema["examples"])] if schema.get("examples") else []),
        )


def _mutated(value: Any) -> Strategy:
    """`value` with one member, at any depth, replaced by anything (anything at all when it has
    no members)."""
    paths: list[tuple[Any, ...]] = []

    def walk(item: Any, path: tuple[Any, ...]) -> None:
        keys = (
            item.keys()
            if isinstance(item, dict)
            else range(len(item))
            if isinstance(item, list)
            else []
        )
        for key in keys:
            paths.append((*path, key))
            walk(item[key], (*path, key))

    walk(value, ())
    if not paths:
        return ANYTHING

    def replace(path: tuple[Any, ...], new: Any) -> Any:
        copy = json.loads(json.dumps(value))
        target = copy
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = new
        return copy

    return st.tuples(st.sampled_from(paths), ANYTHING).map(lambda pair: replace(*pair))


class Operation:
    def __init__(self, method: str, path: str, roles: list[Role], openapi: Json) -> None:
        self.method, self.path, self.roles, self.openapi = method, path, roles, openapi

    def __repr__(self) -> str:
        return f"{self.method} {self.path}"


def _scope_of(guard: Callable[..., Any]) -> str | None:
    """The scope a `requires(scope)` guard checks (held in its closure)."""
    try:
        scope = inspect.getclosurevars(guard).nonlocals.get("scope")
    except TypeError:
        return None
    return scope if isinstance(scope, str) else None


def operations(app: Litestar) -> list[Operation]:
    document: Json = app.openapi_schema.to_schema()
    found: list[Operation] = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method, (handler, _) in route.route_handler_map.items():
            if method not in METHODS:
                continue
            required = {s for guard in handler.resolve_guards() if (s := _scope_of(guard))}
            roles = [role for role in Role if required <= ROLE_SCOPES[role]]
            spec = document["paths"].get(route.path_format, {}).get(method.lower())
            if spec is None:  # a page: its query parameters from its signature, typed as text
                spec = {
                    "parameters": [
                        {
                            "name": kwarg.query or kwarg.name or name,
                            "in": "query",
                            "schema": {"type": "string"},
                        }
                        for name, parameter in handler.parsed_fn_signature.parameters.items()
                        if isinstance(kwarg := parameter.kwarg_definition, ParameterKwarg)
                        and not kwarg.header
                        and not kwarg.cookie
                        and name not in handler.resolve_dependencies()
                    ]
                }
            found.append(Operation(method, route.path_format, roles, spec))
    return sorted(found, key=repr)


async def identifiers(db: AsyncSession) -> dict[str, list[str]]:
    """The demo's identifiers by the names that take them: `registration_id`, `vendor_id`..."""
    ids: dict[str, list[str]] = {}
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if "id" not in table.c:
            continue
        rows = [str(i) for i in await db.scalars(select(table.c.id).order_by(table.c.id).limit(8))]
        if rows:
            # registrations -> registration_id; registration_extensions -> extension_id too
            singular = str(table.name).removesuffix("s")
            ids[f"{singular}_id"] = rows
            ids.setdefault(f"{singular.rsplit('_', 1)[-1]}_id", rows)
    organizations = ids.get("organization_id", [])
    users = ids.get("user_id", [])
    for name in ("vendor_id", "partner_id", "org_id"):
        ids[name] = organizations
    for name in ("rep_id", "approver_id", "assignee_id", "escalation_user_id"):
        ids[name] = users
    ids["sku"] = list(await db.scalars(select(Product.sku).order_by(Product.sku).limit(8)))
    return ids


def _fingerprint_query() -> CompoundSelect[Any]:
    """Per table: its row count and the sum of a hash of each of its rows."""
    return union_all(
        *(
            select(
                literal(table.name),
                func.count(),
                func.coalesce(
                    func.sum(func.hashtextextended(cast(table.table_valued(), Text), 0)), 0
                ),
            ).select_from(table)
            for table in Base.metadata.sorted_tables
        )
    )


FINGERPRINT = _fingerprint_query()


async def fingerprint(db: AsyncSession, query: CompoundSelect[Any]) -> dict[str, tuple[int, int]]:
    return {row[0]: (row[1], row[2]) for row in await db.execute(query)}


class Demo:
    """What every example shares: the routes, the demo's callers and identifiers, and the
    database's fingerprint as the last example left it."""

    def __init__(
        self,
        app: Litestar,
        callers: dict[Role, list[dict[str, str]]],
        ids: dict[str, list[str]],
        state: dict[str, tuple[int, int]],
    ) -> None:
        self.ops = operations(app)
        self.values = Values(app.openapi_schema.to_schema(), ids)
        self.callers = callers
        self.state = state


@pytest.fixture
async def demo(app: Litestar, db: AsyncSession, factory: Factory) -> Demo:
    """The demo's data, a bearer header per demo user by role, and its identifiers (taken once,
    before any example: the strategies must not change with what the examples write)."""
    await seed_demo(db)
    await db.flush()
    callers: dict[Role, list[dict[str, str]]] = {role: [] for role in Role}
    for user, org in await db.execute(
        select(User, Organization).join(Organization, User.organization_id == Organization.id)
    ):
        callers[user.role].append({"Authorization": f"Bearer {factory.token(user, org)}"})
    return Demo(app, callers, await identifiers(db), await fingerprint(db, FINGERPRINT))


def test_every_documented_operation_is_fuzzed(app: Litestar) -> None:
    document = app.openapi_schema.to_schema()
    documented = {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method.upper() in METHODS
    }
    assert documented <= {(op.method, op.path) for op in operations(app)}


def _query_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _shown(body: Any) -> str:
    text = f"{len(body)} raw bytes" if isinstance(body, Raw) else json.dumps(body)
    return text if len(text) < 300 else text[:300] + "..."


def _percent(value: str) -> str:
    """Percent-encoded as a client would send it; a lone surrogate as the bytes it would be
    (which are not UTF-8: the server must refuse them, not fail on them)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def request_of(demo: Demo, data: st.DataObject) -> tuple[str, str, dict[str, str], Any]:
    """A route and a request to it: method, URL, headers and body (None: no body)."""
    op: Operation = data.draw(st.sampled_from(demo.ops), label="route")
    roles = [role for role in op.roles if demo.callers[role]]
    role = data.draw(st.sampled_from(roles), label="role") if roles else None
    headers = dict(demo.callers[role][0]) if role else {}
    url = op.path
    spec = op.openapi
    params: dict[str, str] = {}
    for parameter in spec.get("parameters", []):
        if "$ref" in parameter:
            continue  # a shared one, the Idempotency-Key: drawn below with the body
        name, where, schema = parameter["name"], parameter["in"], parameter["schema"]
        if where == "path":
            drawn = data.draw(demo.values.valid(schema, name), label=name)
            # Percent-encoded as a client would: a free-text segment (a plan's quarter) may
            # hold anything, a slash or a control character included.
            url = url.replace("{" + name + "}", _percent(_query_value(drawn)))
        elif where == "query" and data.draw(SOMETIMES, label=f"send {name}"):
            # Valid or any scalar: a query string has no structure, and httpx bounds its size.
            valid = demo.values.valid(schema, name)
            drawn = data.draw(st.one_of(valid, valid, valid, SCALARS), label=name)
            if drawn is not None:  # a null parameter is one not sent
                params[name] = _query_value(drawn)
        elif where == "header" and name.lower() == "if-match":
            headers["If-Match"] = data.draw(
                st.sampled_from(["*", '"1"', '"2"', "nonsense"]), label="If-Match"
            )
    if "{" in url:  # a route the document does not describe (a page): made-up path values
        url = url.replace("{", "").replace("}", "")
    if params:
        url += "?" + "&".join(f"{name}={_percent(value)}" for name, value in params.items())
    body: Any = None
    content = spec.get("requestBody", {}).get("content", {}).get("application/json")
    if op.method in ("POST", "PUT", "PATCH"):
        body = data.draw(
            demo.values.body(content["schema"]) if content else st.one_of(ANYTHING, DEEP),
            label="body",
        )
        if op.method == "POST" and data.draw(st.booleans(), label="idempotent"):
            headers["Idempotency-Key"] = str(uuid.uuid4())
    return op.method, url, headers, body


@pytest.mark.fuzz
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    # Each example runs against what the earlier ones wrote: a replay to shrink a failure
    # would not see the same database, and each costs a request.
    phases=[Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_no_value_in_any_body_or_query_makes_a_5xx_or_a_write_when_refused(
    client: httpx.AsyncClient, db: AsyncSession, demo: Demo, data: st.DataObject
) -> None:
    method, url, headers, body = request_of(demo, data)
    content = body if isinstance(body, Raw) else None if body is None else json.dumps(body)
    if content is not None:
        headers["Content-Type"] = "application/json"
    response = await client.request(method, url, content=content, headers=headers)
    case = f"{method} {url} {_shown(body)} -> {response.status_code} {response.text[:300]}"
    assert response.status_code < 500, case
    if response.status_code < 400:
        demo.state = await fingerprint(db, FINGERPRINT)
        return
    if url.startswith(("/v1", "/.well-known")):
        media_type = problem_media_type(url, response.status_code)
        assert response.headers["content-type"] == media_type, case
    assert await fingerprint(db, FINGERPRINT) == demo.state, case
