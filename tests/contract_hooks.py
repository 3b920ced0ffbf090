"""Schemathesis hooks for the contract test (tests/test_contract.py), loaded by the `schemathesis`
process it starts (`SCHEMATHESIS_HOOKS`): who calls each generated case, and the check that every
error is an RFC 9457 problem document.

The callers are the demo's users, nobody at all and a bad token, as a JSON list of tokens in
`CONTRACT_TOKENS` (`null` for no Authorization header). Each case goes out as one of them, picked by a hash of the case, so a deterministic
run stays deterministic and every operation is called by the vendor side, the partner side, the
platform and an anonymous client without running every case once per caller.
"""

import hashlib
import json
import os
from typing import Any

import schemathesis

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://dealreg.dev/problems/"

_CALLERS: list[str | None] = json.loads(os.environ.get("CONTRACT_TOKENS", "[null]"))


def _caller_for(case: schemathesis.Case) -> str | None:
    key = repr((case.method, case.path, case.path_parameters, case.query, case.body))
    digest = hashlib.sha256(key.encode()).digest()
    return _CALLERS[int.from_bytes(digest[:4], "big") % len(_CALLERS)]


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: Any) -> None:
    headers = case.headers if case.headers is not None else {}
    # A case whose Authorization header schemathesis generated itself keeps it: that header is
    # the input under test.
    if not any(name.lower() == "authorization" for name in headers):
        token = _caller_for(case)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
            case.headers = headers


@schemathesis.check
def problem_details_on_errors(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Every 4xx and 5xx is `application/problem+json` with the members RFC 9457 asks for."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0].split(";")[0].strip()
    if content_type != PROBLEM_MEDIA_TYPE:
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
