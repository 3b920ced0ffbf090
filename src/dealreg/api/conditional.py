"""Conditional requests (RFC 9110 §13): ETags on single-resource reads, `If-None-Match` → 304,
and `If-Match` on changes → 412 when stale, 428 when a change that requires it sends none.

A handler takes its If-Match as the `precondition` dependency, parsed here. Every change requires
it (the app's `IF_MATCH_REQUIRED`); an append-only action, which overwrites nothing, overrides it
with `IF_MATCH_OPTIONAL`. Each provider's one `required` flag both decides whether a missing
If-Match is a 428 and declares the header required in the OpenAPI document, so the two cannot
disagree."""

from typing import Annotated, Any, TypeVar

from litestar import Request, Response
from litestar.datastructures import ResponseHeader
from litestar.di import NamedDependency, Provide
from litestar.openapi import ResponseSpec
from litestar.params import HeaderParameter

from dealreg.preconditions import IfMatch, etag_of

T = TypeVar("T")

REVALIDATE = "private, no-cache"

ETAG_HEADER = ResponseHeader(
    name="ETag", description="Strong validator: the resource's version.", documentation_only=True
)
WEAK_ETAG_HEADER = ResponseHeader(
    name="ETag",
    description="Weak validator: the resource's version, not of what it derives from the time.",
    documentation_only=True,
)
NOT_MODIFIED = {304: ResponseSpec(data_container=None, description="Not modified (If-None-Match)")}


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def with_etag(
    request: Request[Any, Any, Any], body: T, version: int, *, weak: bool = False
) -> Response[Any]:
    """`body` with its ETag, or an empty 304 when the client's copy is current. A client may keep
    it (privately) but must revalidate it before each use, which is what the ETag is for; every
    other answer is not to be kept at all (observability.stamp_response). A `weak` tag is for a
    body that also says something of the time it is read (RFC 9110 §8.8.1)."""
    etag = etag_of(version)
    headers = {"ETag": f"W/{etag}" if weak else etag, "Cache-Control": REVALIDATE}
    if_none_match = request.headers.get("if-none-match")
    # If-None-Match compares weakly: a W/ prefix does not prevent a match.
    if if_none_match and (
        if_none_match.strip() == "*"
        or etag in (tag.removeprefix("W/") for tag in _tags(if_none_match))
    ):
        return Response(b"", status_code=304, headers=headers)
    return Response(body, headers=headers)


def tagged(body: T, version: int) -> Response[T]:
    """`body` of a resource just written, with the ETag of its new version (the status is the
    route's: 201 for a create, 200 for a change)."""
    return Response(body, headers={"ETag": etag_of(version)})


def if_match(header: str | None, *, required: bool) -> IfMatch:
    """The versions `header` names; a missing header is a 428 to come when `required`."""
    if header is None:
        return IfMatch(versions=None, missing=required)
    if header.strip() == "*":
        return IfMatch(versions=None)
    versions: set[int] = set()
    for tag in _tags(header):
        # If-Match compares strongly: a weak tag never matches (RFC 9110 §13.1.1). A tag naming
        # no version matches none, which `check` reports once the resource is known to exist.
        if tag.startswith('"') and tag.endswith('"') and tag[1:-1].isdigit():
            versions.add(int(tag[1:-1]))
    return IfMatch(versions=frozenset(versions))


_DESCRIPTIONS = {
    True: (
        "The ETag of the version the change was made against (`*`: whatever version is "
        "current). Without it the change is refused (428); with a stale one, 412."
    ),
    False: (
        "Optional: this action adds to the resource and overwrites nothing, so a retry needs "
        "only its Idempotency-Key. If sent, the action is refused (412) unless the resource "
        "is still at this version."
    ),
}


def _precondition(*, required: bool) -> Provide:
    def precondition(
        if_match_header: Annotated[
            # Optional to Litestar, so that a missing header reaches `if_match` (a 428 once the
            # resource is known to exist) rather than Litestar's 400; `required` for clients.
            str | None,
            HeaderParameter(
                name="If-Match", required=required, description=_DESCRIPTIONS[required]
            ),
        ] = None,
    ) -> IfMatch:
        return if_match(if_match_header, required=required)

    return Provide(precondition, sync_to_thread=False)


IF_MATCH_REQUIRED = _precondition(required=True)
IF_MATCH_OPTIONAL = _precondition(required=False)
# What a change was made against: `precondition: Precondition` in a handler's signature.
Precondition = NamedDependency[IfMatch]
