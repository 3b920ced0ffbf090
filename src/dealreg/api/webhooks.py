"""`/v1/webhook-endpoints`: where an organization's events are pushed, signed per the Standard
Webhooks specification, and the log of every delivery and attempt."""

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.pagination import DEFAULT_LIMIT
from dealreg.webhooks import service, tasks
from dealreg.webhooks.models import DeliveryStatus
from dealreg.webhooks.responses import EndpointOut, endpoint_out
from dealreg.webhooks.service import EndpointInput, EndpointPatch


class EndpointWithSecret(EndpointOut, kw_only=True):
    # Shown once, here: keep it to verify the `webhook-signature` of every delivery.
    secret: str


class EndpointList(msgspec.Struct):
    items: list[EndpointOut]


class Rotation(msgspec.Struct, forbid_unknown_fields=True):
    # How long the old secret keeps signing beside the new one (0: stop at once).
    overlap_hours: Annotated[int, msgspec.Meta(ge=0, le=168)] = 24


class DeliveryOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime


class DeliveryList(msgspec.Struct):
    items: list[DeliveryOut]
    next_cursor: str | None


class AttemptOut(msgspec.Struct, kw_only=True):
    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int
    response_body: str | None


class DeliveryDetail(DeliveryOut, kw_only=True):
    attempts_made: list[AttemptOut]


def _allow_private(request: Request[Any, Any, Any]) -> bool:
    return bool(request.app.state["settings"].webhooks_allow_private)


def _with_secret(endpoint: Any) -> Response[EndpointWithSecret]:
    out = EndpointWithSecret(
        **msgspec.structs.asdict(endpoint_out(endpoint)), secret=endpoint.secret
    )
    return tagged(out, endpoint.version)


def _delivery(row: Any) -> DeliveryOut:
    return msgspec.convert(row, DeliveryOut, from_attributes=True)


class WebhookEndpointController(Controller):
    path = "/v1/webhook-endpoints"
    tags = ["webhooks"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_WEBHOOKS)],
        responses=problems(413),
        response_headers=[ETAG_HEADER],
        summary="Add an endpoint for the organization's events; its secret is shown once",
        description=(
            "The URL must resolve to public addresses (unless the installation allows private "
            "ones). `event_types` filters what it gets (`registration.*` for all of a "
            "resource); empty, it gets every event of the organization."
        ),
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        data: JSONBody[EndpointInput],
    ) -> Response[EndpointWithSecret]:
        endpoint = await service.create_endpoint(
            db, principal, data, allow_private=_allow_private(request)
        )
        return _with_secret(endpoint)

    @get(
        guards=[requires(scopes.READ_WEBHOOKS)],
        responses=problems(),
        summary="The organization's webhook endpoints",
    )
    async def list(self, db: Db, principal: Caller) -> EndpointList:
        return EndpointList(
            items=[endpoint_out(e) for e in await service.list_endpoints(db, principal)]
        )

    @get(
        "/{endpoint_id:uuid}",
        guards=[requires(scopes.READ_WEBHOOKS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a webhook endpoint",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
    ) -> Response[EndpointOut]:
        endpoint = await service.get_endpoint(db, principal, endpoint_id)
        return with_etag(request, endpoint_out(endpoint), endpoint.version)

    @patch(
        "/{endpoint_id:uuid}",
        guards=[requires(scopes.WRITE_WEBHOOKS)],
        responses=problems(404, 412, 413, 428),
        response_headers=[ETAG_HEADER],
        summary="Change a webhook endpoint (enabling a disabled one clears its failures)",
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        data: JSONBody[EndpointPatch],
        precondition: Precondition,
    ) -> Response[EndpointOut]:
        endpoint = await service.update_endpoint(
            db,
            principal,
            endpoint_id,
            data,
            if_match=precondition,
            allow_private=_allow_private(request),
        )
        return tagged(endpoint_out(endpoint), endpoint.version)

    @delete(
        "/{endpoint_id:uuid}",
        guards=[requires(scopes.WRITE_WEBHOOKS)],
        responses=problems(404, 412, 428),
        summary="Delete a webhook endpoint and its delivery log",
    )
    async def remove(
        self,
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> None:
        await service.delete_endpoint(db, principal, endpoint_id, if_match=precondition)

    @post(
        "/{endpoint_id:uuid}/rotate-secret",
        status_code=200,
        guards=[requires(scopes.WRITE_WEBHOOKS)],
        responses=problems(404, 412, 413, 428),
        response_headers=[ETAG_HEADER],
        summary="Replace the endpoint's secret; the old one keeps signing for the overlap",
    )
    async def rotate(
        self,
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        data: JSONBody[Rotation],
        precondition: Precondition,
    ) -> Response[EndpointWithSecret]:
        endpoint = await service.rotate_secret(
            db,
            principal,
            endpoint_id,
            overlap=timedelta(hours=data.overlap_hours),
            if_match=precondition,
        )
        return _with_secret(endpoint)

    @get(
        "/{endpoint_id:uuid}/deliveries",
        guards=[requires(scopes.READ_WEBHOOKS)],
        responses=problems(404),
        summary="The endpoint's deliveries, newest first",
    )
    async def list_deliveries(
        self,
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> DeliveryList:
        page = await service.deliveries(
            db, principal, endpoint_id, page_request(limit, cursor, None)
        )
        return DeliveryList(
            items=[_delivery(d) for d in page.items], next_cursor=encode_cursor(page.next_key)
        )

    @get(
        "/{endpoint_id:uuid}/deliveries/{delivery_id:uuid}",
        guards=[requires(scopes.READ_WEBHOOKS)],
        responses=problems(404),
        summary="A delivery and each of its attempts",
    )
    async def read_delivery(
        self,
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        delivery_id: FromPath[uuid.UUID],
    ) -> DeliveryDetail:
        row, attempts = await service.get_delivery(db, principal, endpoint_id, delivery_id)
        return DeliveryDetail(
            **msgspec.structs.asdict(_delivery(row)),
            attempts_made=[msgspec.convert(a, AttemptOut, from_attributes=True) for a in attempts],
        )

    @post(
        "/{endpoint_id:uuid}/deliveries/{delivery_id:uuid}/replay",
        status_code=202,
        guards=[requires(scopes.WRITE_WEBHOOKS)],
        responses=problems(404, 409, 413),
        summary="Deliver the event again now",
    )
    async def replay(
        self,
        db: Db,
        principal: Caller,
        endpoint_id: FromPath[uuid.UUID],
        delivery_id: FromPath[uuid.UUID],
    ) -> DeliveryOut:
        return _delivery(await tasks.replay(db, principal, endpoint_id, delivery_id))
