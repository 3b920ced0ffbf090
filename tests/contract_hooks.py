"""Schemathesis hooks for the contract test (tests/test_contract.py), loaded by the `schemathesis`
process it starts (`SCHEMATHESIS_HOOKS`): who calls each generated case, and the check that every
error is an RFC 9457 problem document.

The callers are the demo's users, nobody at all and a bad token, as a JSON list of tokens in
`CONTRACT_TOKENS` (`null` for no Authorization header). The cases of an operation go out as each
of them in turn (one worker sends them in a fixed order, so a deterministic run stays
deterministic), and every operation is called by the vendor side, the partner side, the platform
and an anonymous client without running every case once per caller. A case naming demo objects
(in its path or body) goes out as one of the users that saw them all, by `CONTRACT_SEEN_BY`
(identifier: indexes into the tokens), or failing that one that saw some: a registration's actions
go to its vendor's and its partner's users, not mostly to callers it is a 404 to. A user an
operation refused (403) is not asked again while others remain. Made-up identifiers keep the
other callers' share.

The fuzzing phase draws demo identifiers (`CONTRACT_IDENTIFIERS`, by the parameter or member name
that takes them) from the config's dictionaries; the coverage phase draws from none, so its valid
cases get them here.
"""

import hashlib
import json
import os
import random
from collections import Counter, defaultdict
from typing import Any

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import TestPhase

from tests.problems import problem_media_type

PROBLEM_BASE = "https://dealreg.dev/problems/"

_CALLERS: list[str | None] = json.loads(os.environ.get("CONTRACT_TOKENS", "[null]"))
_SEEN_BY: dict[str, list[int]] = json.loads(os.environ.get("CONTRACT_SEEN_BY", "{}"))
_IDENTIFIERS: dict[str, list[str | int]] = json.loads(os.environ.get("CONTRACT_IDENTIFIERS", "{}"))
_REAL_ID_PROBABILITY = float(os.environ.get("CONTRACT_REAL_ID_PROBABILITY", "0"))
# Cases of each operation sent so far. Turns, not a hash of the case: generation repeats a case
# often (a path with two demo identifiers has few), and each repeat should go to another caller.
_TURNS: Counter[str] = Counter()
# The callers each operation answered with a 403.
_REFUSED: defaultdict[str, set[int]] = defaultdict(set)
_CALLER_BY_AUTHORIZATION = {f"Bearer {token}": index for index, token in enumerate(_CALLERS)}


def _callers_for(case: schemathesis.Case) -> list[int]:
    """The callers (indexes into `_CALLERS`) to send `case` as: those that saw the demo objects
    it names, less those this operation has refused (a 403 is a role's or a scope's answer, so
    once shown it need not be asked again and again)."""
    seers = [
        set(_SEEN_BY[value])
        for value in _scalars((case.path_parameters, case.body))
        if value in _SEEN_BY
    ]
    candidates = (
        sorted(set.intersection(*seers) or set.union(*seers)) if seers else range(len(_CALLERS))
    )
    refused = _REFUSED[case.operation.label]
    return [index for index in candidates if index not in refused] or list(candidates)


def _scalars(value: Any) -> list[str]:
    """Every scalar inside `value` (nested dicts, lists and tuples), as text."""
    if isinstance(value, dict):
        return [scalar for item in value.values() for scalar in _scalars(item)]
    if isinstance(value, list | tuple):
        return [scalar for item in value for scalar in _scalars(item)]
    return [] if value is None else [str(value)]


def _with_demo_identifiers(case: schemathesis.Case) -> None:
    """A coverage case's valid path, query and body name demo objects, as fuzzing's do: else its
    made-up identifiers make it a 404 before the handler's rules are reached. The parameter a
    case is about keeps its generated value, and so does every part generated invalid."""
    meta = case.meta
    if meta is None or meta.phase.name != TestPhase.COVERAGE:
        return
    under_test = meta.phase.data.parameter
    chance = random.Random(_digest(case))  # noqa: S311 - a test's choice, not a secret

    def demo(name: str, value: Any) -> Any:
        if (
            name == under_test
            or name not in _IDENTIFIERS
            or chance.random() >= _REAL_ID_PROBABILITY
        ):
            return value
        return chance.choice(_IDENTIFIERS[name])

    def substituted(value: Any) -> Any:
        if isinstance(value, list):
            return [substituted(item) for item in value]
        if not isinstance(value, dict):
            return value
        members = {}
        for name, member in value.items():
            if isinstance(member, list) and name.endswith("s") and name[:-1] in _IDENTIFIERS:
                # A list of identifiers (`skus`) takes the identifiers of one (`sku`).
                members[name] = [
                    demo(name[:-1], item) if isinstance(item, str | int) else item
                    for item in member
                ]
            elif isinstance(member, str | int):
                members[name] = demo(name, member)
            else:
                members[name] = substituted(member)
        return members

    if case.path_parameters and not meta.is_negative_at(ParameterLocation.PATH):
        case.path_parameters = substituted(case.path_parameters)
    if case.query and not meta.is_negative_at(ParameterLocation.QUERY):
        case.query = substituted(case.query)
    if isinstance(case.body, dict | list) and not meta.is_negative_at(ParameterLocation.BODY):
        case.body = substituted(case.body)


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: Any) -> None:
    _with_demo_identifiers(case)
    headers = case.headers if case.headers is not None else {}
    # A case whose Authorization header schemathesis generated itself keeps it: that header is
    # the input under test.
    if not any(name.lower() == "authorization" for name in headers):
        callers = _callers_for(case)
        token = _CALLERS[callers[_TURNS[case.operation.label] % len(callers)]]
        _TURNS[case.operation.label] += 1
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
    # A generated If-Match is never a version the object has (a 412) and a missing one is a 428
    # wherever a change needs one: most changes to a demo object go as `*` (any version), so they
    # reach their handlers' rules; the rest keep what was generated, to test those answers.
    if (
        _names_demo_objects(case)
        and _digest(case)[0] % 4
        and any(parameter.name.lower() == "if-match" for parameter in case.operation.headers)
    ):
        for name in [name for name in headers if name.lower() == "if-match"]:
            del headers[name]
        headers["If-Match"] = "*"
    # Generation repeats a few short keys (`0`, `00`) across cases: each later case with one would
    # be refused as another request under a used key (a 422) and never reach its handler. A case
    # sends a key of its own instead, derived from it, so a repeated case is still a replay;
    # a key generated invalid (to test its 400) is kept.
    for name in [name for name in headers if name.lower() == "idempotency-key"]:
        if 0 < len(headers[name]) <= 255 and headers[name].isprintable():
            headers[name] = _digest(case).hex()
    if headers:
        case.headers = headers


@schemathesis.hook
def after_call(
    context: schemathesis.HookContext, case: schemathesis.Case, response: schemathesis.Response
) -> None:
    authorization = (case.headers or {}).get("Authorization")
    if response.status_code == 403 and authorization in _CALLER_BY_AUTHORIZATION:
        _REFUSED[case.operation.label].add(_CALLER_BY_AUTHORIZATION[authorization])


def _digest(case: schemathesis.Case) -> bytes:
    key = repr((case.method, case.path, case.path_parameters, case.query, case.body))
    return hashlib.sha256(key.encode()).digest()


def _names_demo_objects(case: schemathesis.Case) -> bool:
    return any(value in _SEEN_BY for value in _scalars(case.path_parameters))


@schemathesis.check
def problem_details_on_errors(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Every 4xx and 5xx is `application/problem+json` with the members RFC 9457 asks for; an
    OAuth endpoint's 400 and 401 (RFC 6749 §5.2) the same problem as `application/json`."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0].split(";")[0].strip()
    if content_type != problem_media_type(case.path, response.status_code):
        raise AssertionError(f"a {response.status_code} answered {content_type!r}, not a problem")
    body = json.loads(response.content)
    if not isinstance(body, dict):
        raise AssertionError(f"a problem document is an object, not {body!r}")
    if body.get("status") != response.status_code:
        raise AssertionError(f"the problem's status {body.get('status')!r} is not the response's")
    if not str(body.get("type", "")).startswith(PROBLEM_BASE):
        raise AssertionError(f"the problem's type {body.get('type')!r} is not one of ours")
    for member in ("title", "detail"):
        if not isinstance(body.get(member), str) or not body[member].strip():
            raise AssertionError(f"the problem has no {member}")
    return True
