"""Field types shared by the request and response schemas of several resources."""

import uuid
from typing import Any, TypeVar

import msgspec
from litestar.openapi import ResponseSpec

from dealreg.errors import OAUTH_ERROR_MEDIA_TYPE, PROBLEM_MEDIA_TYPE

T = TypeVar("T")


def unset_to_none(value: T | msgspec.UnsetType) -> T | None:
    """A PATCH field the client left out means "no change", which services spell None."""
    return None if isinstance(value, msgspec.UnsetType) else value


class FieldProblem(msgspec.Struct):
    """One invalid input: `code` is stable for machines (`required`, `too_long`, `pattern`,
    `minimum`, `enum`, `type`, `format`, `unknown_field`, `not_in_catalogue`...), `params` holds
    the limits it was checked against (`max_length`, `pattern`, `allowed`...), and `detail` says
    it to a person in the answer's Content-Language."""

    detail: str
    code: str
    params: dict[str, Any] | None = None
    pointer: str | None = None
    parameter: str | None = None
    location: str | None = None
    vendor_id: uuid.UUID | None = None


class Problem(msgspec.Struct, kw_only=True):
    """RFC 9457 problem details. `type` is stable per error; `errors` lists invalid fields."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None


class OAuthProblem(Problem, kw_only=True):
    """A token endpoint problem: also carries RFC 6749 §5.2's `error` and `error_description`."""

    error: str
    error_description: str


_DESCRIPTIONS = {
    400: "Malformed request or invalid parameter",
    401: "Missing or invalid access token",
    403: "The token's role or scope does not allow this",
    404: "No such resource visible to the caller",
    409: "Conflicts with the current state",
    412: "If-Match names a version that is no longer current",
    413: "Request body over the size limit",
    422: "Well-formed but invalid input",
    428: "If-Match is required",
    429: "Too many requests: retry after Retry-After seconds",
    503: "Cannot serve now (busy, or the database away); retry after Retry-After",
}


def problems(
    *statuses: int, public: bool = False, container: type[Problem] = Problem, oauth: bool = False
) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problem responses a route can give, beside the ones every
    authenticated route can give. At an `oauth` endpoint (token, revocation) the 400 and 401 are
    RFC 6749 §5.2's errors, in `application/json` (auth/service.py's OAuthError)."""
    # 429: authentication counts every authenticated route's requests (api/throttling.py).
    # 503: no database connection free in time, the database away, a statement cut off.
    every = {400, 422, 503} if public else {400, 401, 403, 422, 429, 503}
    return {
        status: ResponseSpec(
            data_container=container,
            media_type=OAUTH_ERROR_MEDIA_TYPE
            if oauth and status in (400, 401)
            else PROBLEM_MEDIA_TYPE,
            description=_DESCRIPTIONS[status],
            generate_examples=False,
        )
        for status in sorted(every | set(statuses))
    }


# What a change made against a version (If-Match) can answer besides its success.
CHANGE_PROBLEMS = problems(404, 409, 412, 413, 428)
