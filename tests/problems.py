"""Assertions shared by the API tests: the RFC 9457 problem shape of every refused request, and
proof (read back through the test's own session) that a refused request wrote nothing."""

from typing import Any

import httpx
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import Base

PROBLEM_BASE = "https://dealreg.dev/problems/"


def pointers(body: dict[str, Any]) -> list[str]:
    """The JSON Pointers (into the request body) a problem's `errors[]` names."""
    return [error["pointer"] for error in body.get("errors") or [] if error.get("pointer")]


def assert_problem(
    response: httpx.Response,
    status: int,
    type_suffix: str | None = None,
    *,
    pointer: str | None = None,
    media_type: str = "application/problem+json",
) -> dict[str, Any]:
    """`response` is an `application/problem+json` problem with `status`, a non-empty `title` and
    `detail`, a `type` ending in `type_suffix`, and (when given) an error at `pointer`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == media_type
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith(PROBLEM_BASE), body
    if type_suffix is not None:
        assert body["type"] == PROBLEM_BASE + type_suffix, body
    for member in ("title", "detail"):
        assert isinstance(body[member], str), body
        assert body[member].strip(), body
    if pointer is not None:
        assert pointer in pointers(body), body
    return body


OAUTH_ENDPOINTS = ("/v1/oauth/token", "/v1/oauth/revoke")


def problem_media_type(path: str, status: int) -> str:
    """The media type of an error answer at `path`: a problem, which at the OAuth endpoints is
    RFC 6749 §5.2's error (400, 401) in the media type §5.2 names."""
    oauth = path.split("?")[0] in OAUTH_ENDPOINTS and status in (400, 401)
    return "application/json" if oauth else "application/problem+json"


def assert_oauth_problem(response: httpx.Response, status: int, error: str) -> dict[str, Any]:
    """An error of the token or revocation endpoint: a problem that also carries RFC 6749 §5.2's
    `error` and `error_description`, in the media type §5.2 names; returns the body."""
    body = assert_problem(response, status, media_type="application/json")
    assert body["error"] == error, body
    assert body["error_description"]
    assert "access_token" not in body
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Basic ")
    return body


async def count_rows(db: AsyncSession, model: type[Base], *where: ColumnElement[bool]) -> int:
    """How many rows of `model` match `where`, as the database has them now."""
    total = await db.scalar(select(func.count()).select_from(model).where(*where))
    return int(total or 0)


def if_match(version: int) -> dict[str, str]:
    """The If-Match header of a change made against `version`."""
    return {"If-Match": f'"{version}"'}
