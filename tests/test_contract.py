"""The contract test: schemathesis against the committed OpenAPI document on a live server.

`dealreg serve --demo` runs on a database of its own and prints a token per demo user; the
`schemathesis` command then calls every operation the document holds, as those users and as an
anonymous client (tests/contract_hooks.py), with the identifiers the demo data holds beside the
ones it makes up. Every response must be documented (status and content type), conform to its
schema, never be a 5xx, and every error must be an RFC 9457 problem document.
"""

import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest

from dealreg.config import RATE_LIMIT_SETTINGS
from tests.servers import DemoServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.json"

# Bounded for CI (about two minutes on two cores): a few fuzzed cases per operation beside the
# examples, coverage and stateful phases; deterministic generation, and no shrinking storms.
MAX_EXAMPLES = 10
# How often a path or query parameter takes an identifier of the demo data rather than one made
# up: mostly real ones, so handlers get past their 404s, yet some made-up ones still test those.
REAL_ID_PROBABILITY = 0.8
# Identifiers of one kind kept per parameter: enough for variety, few enough to stay fast.
MAX_IDS_PER_PARAMETER = 20
# Members that name another object without ending in `_id`: a deal line names its product by SKU.
NAMED_BY = ("sku",)

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "problem_details_on_errors",
)

TOKEN_LINE = re.compile(r"^\s+(\w+)\s+(\S+@\S+)\s+(\S+\.\S+\.\S+)$", re.MULTILINE)
PARAMETER = re.compile(r"\{(\w+)\}")


def _demo_tokens(printed: str) -> list[str]:
    """One token per role the demo prints (its first user of each)."""
    by_role: dict[str, str] = {}
    for role, _, token in TOKEN_LINE.findall(printed):
        by_role.setdefault(role, token)
    assert {"vendor_admin", "partner_admin", "partner_rep", "platform_admin"} <= set(by_role)
    return list(by_role.values())


def _demo_identifiers(
    spec: dict[str, Any], base_url: str, tokens: list[str]
) -> dict[str, dict[str | int, set[int]]]:
    """Identifiers of the demo's objects by the parameter name that takes them, each with the
    callers (indexes into `tokens`) that saw it, read through the API itself: every GET of the
    document without parameters left to fill (after filling those it can) is listed as each
    caller, and an item of `/things` is what `/things/{thing_id}` takes (its `id`, or its member
    of that name, such as a plan's `version`); every `*_id` member of an item counts too (a
    registration's `vendor_id` is what `/vendors/{vendor_id}` takes), and so do the members of
    `NAMED_BY`."""
    found: dict[str, dict[str | int, set[int]]] = defaultdict(lambda: defaultdict(set))
    paths = spec["paths"]
    # Shallow paths first: their items fill the parameters of the deeper ones.
    for path in sorted(paths, key=lambda p: (p.count("{"), p.count("/"))):
        if "get" not in paths[path] or path.endswith("}"):
            continue
        children = [
            child[len(path) + 2 : -1]
            for child in paths
            if child.startswith(path + "/{") and PARAMETER.fullmatch(child[len(path) + 1 :])
        ]
        for url_path in _filled(path, found):
            for caller, token in enumerate(tokens):
                response = httpx.get(
                    base_url + url_path,
                    headers={"Authorization": f"Bearer {token}"},
                    params={"limit": 100} if _takes_limit(paths[path]["get"]) else None,
                    timeout=10,
                )
                if response.status_code != 200 or "json" not in response.headers["content-type"]:
                    continue
                body = response.json()
                items = body if isinstance(body, list) else body.get("items")
                for item in items if isinstance(items, list) else []:
                    if not isinstance(item, dict):
                        continue
                    for child in children:
                        value = item.get(child, item.get("id"))
                        if value is not None:
                            found[child][value].add(caller)
                    for member, value in item.items():
                        if (member.endswith("_id") or member in NAMED_BY) and isinstance(
                            value, str
                        ):
                            found[member][value].add(caller)
    return {
        name: dict(sorted(seen_by.items(), key=lambda entry: str(entry[0]))[:MAX_IDS_PER_PARAMETER])
        for name, seen_by in found.items()
    }


def _seen_by(found: dict[str, dict[str | int, set[int]]]) -> dict[str, list[int]]:
    """The callers that saw each identifier, whatever parameters take it (an organization's id
    is an `org_id`, a `vendor_id` and a `partner_id`)."""
    seen_by: dict[str, set[int]] = defaultdict(set)
    for by_value in found.values():
        for value, callers in by_value.items():
            seen_by[str(value)] |= callers
    return {value: sorted(callers) for value, callers in seen_by.items()}


def _takes_limit(operation: dict[str, Any]) -> bool:
    return any(p.get("name") == "limit" for p in operation.get("parameters", []))


def _filled(path: str, found: dict[str, dict[str | int, set[int]]]) -> list[str]:
    """`path` with its parameters filled from `found`, a few ways; none if one has no value."""
    names = PARAMETER.findall(path)
    if not names:
        return [path]
    if not all(found.get(name) for name in names):
        return []
    ordered = {name: sorted(found[name], key=str) for name in names}
    ways = min(3, *(len(values) for values in ordered.values()))
    return [
        PARAMETER.sub(lambda m, i=index: str(ordered[m.group(1)][i]), path) for index in range(ways)
    ]


def _body_members(spec: dict[str, Any], names: set[str]) -> dict[str, str]:
    """The `body.<path>` binding key of every request body member that takes an identifier of
    `names` (a member `vendor_id`, or the items of a member `skus`), with that identifier's name:
    so generated bodies name real objects too, not only paths and queries."""
    schemas = spec["components"]["schemas"]
    members: dict[str, str] = {}

    def visit(schema: dict[str, Any], path: str, expanded: frozenset[str]) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            # A recursive schema is walked once down each branch.
            if name not in expanded:
                visit(schemas[name], path, expanded | {name})
            return
        for keyword in ("oneOf", "anyOf", "allOf"):
            for branch in schema.get(keyword, []):
                visit(branch, path, expanded)
        if isinstance(schema.get("items"), dict):
            visit(schema["items"], f"{path}.[*]", expanded)
        for member, member_schema in schema.get("properties", {}).items():
            if member in names:
                members[f"{path}.{member}"] = member
            elif member.endswith("s") and member[:-1] in names:
                members[f"{path}.{member}.[*]"] = member[:-1]
            visit(member_schema, f"{path}.{member}", expanded)

    for methods in spec["paths"].values():
        for operation in methods.values():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                visit(content["schema"], "body", frozenset())
    return members


def _toml_value(value: Any) -> str:
    # JSON strings, numbers and arrays of them are TOML values too.
    return json.dumps(value)


def _config(
    spec: dict[str, Any],
    base_url: str,
    identifiers: dict[str, list[str | int]],
    report_dir: Path,
) -> str:
    lines = [
        f"base-url = {_toml_value(base_url)}",
        # One worker: with two, a run once died inside hypothesis (ast.parse raising "AST
        # constructor recursion depth mismatch", a CPython 3.11 SystemError) while generating.
        "workers = 1",
        'hooks = "tests.contract_hooks"',
        "request-timeout = 30",
        "",
        "[generation]",
        f"max-examples = {MAX_EXAMPLES}",
        "deterministic = true",
        "no-shrink = true",
        # Callers are the hooks' to choose (tests/contract_hooks.py), a bad token among them.
        "with-security-parameters = false",
        "",
        "[cache]",
        "enabled = false",
        "",
        "[reports]",
        f"directory = {_toml_value(str(report_dir))}",
        "json.enabled = true",
        "",
        "[checks]",
        "enabled = false",
    ]
    lines += [f"{name}.enabled = true" for name in CHECKS]
    lines += ["", "[parameters]"]
    bindings = {name: name for name in identifiers} | _body_members(spec, set(identifiers))
    lines += [
        f"{_toml_value(key)} = {{ dictionary = {_toml_value(name)}, "
        f"probability = {REAL_ID_PROBABILITY} }}"
        for key, name in bindings.items()
    ]
    for name, values in identifiers.items():
        lines += ["", f"[dictionaries.{name}]", f"values = {_toml_value(values)}"]
    return "\n".join(lines) + "\n"


def test_every_operation_keeps_the_committed_contract(scratch_url: str, tmp_path: Path) -> None:
    spec = json.loads(SPEC.read_text())
    server = DemoServer(
        tmp_path / "serve.log",
        time.monotonic() + 90,
        DEALREG_DATABASE_URL=scratch_url,
        DEALREG_DATA_DIR=str(tmp_path / "data"),
        DEALREG_LOG_LEVEL="ERROR",
        # Thousands of requests from one address, a bad token among the callers: counted, never
        # refused, so every case reaches the operation it tests.
        **{f"DEALREG_{name.upper()}": "1000000/minute" for name in RATE_LIMIT_SETTINGS},
    )
    base_url = server.url
    try:
        server.wait_for("curl")
        server.wait_ready()
        tokens = _demo_tokens(server.printed())
        found = _demo_identifiers(spec, base_url, tokens)
        identifiers = {name: list(seen_by) for name, seen_by in found.items()}
        config = tmp_path / "schemathesis.toml"
        config.write_text(_config(spec, base_url, identifiers, tmp_path / "report"))
        # Besides the demo's users: no token, and one that is not a token.
        callers = [*tokens, None, "not-a-token"]
        env = os.environ | {
            "CONTRACT_TOKENS": json.dumps(callers),
            "CONTRACT_SEEN_BY": json.dumps(_seen_by(found)),
            "CONTRACT_IDENTIFIERS": json.dumps(identifiers),
            "CONTRACT_REAL_ID_PROBABILITY": str(REAL_ID_PROBABILITY),
        }
        run = subprocess.run(  # noqa: S603 - the installed schemathesis, fixed arguments
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "--config-file",
                str(config),
                "--no-color",
                "run",
                str(SPEC),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
            check=False,
        )
    finally:
        server.stop()
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    # The figures the issue asks for (operations, cases, failures), in the test's own output.
    print(summary)  # noqa: T201
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    tested = re.search(r"Tested: (\d+)", summary)
    assert tested, summary
    operations = sum(
        1 for methods in spec["paths"].values() for method in methods if method != "parameters"
    )
    assert int(tested.group(1)) == operations, summary
