"""`/v1/api-clients`: an organization's machine clients (a vendor's CRM deciding registrations
and forwarding leads, a reseller's CRM registering deals), each with OAuth2 client credentials
narrowed by scopes. The secret is shown at creation and at rotation, never again."""

import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import Caller, Cursor, Db, Limit, UpdatedSince, encode_cursor, page_request
from dealreg.api.schemas import CHANGE_PROBLEMS, problems, unset_to_none
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import clients, scopes
from dealreg.fields import Name, Resource
from dealreg.orgs.models import Role
from dealreg.orgs.principals import Principal
from dealreg.pagination import DEFAULT_LIMIT

Scope = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z_]+:(read|write)$", max_length=64, examples=["registrations:write"]
    ),
]
Scopes = Annotated[list[Scope], msgspec.Meta(max_length=64)]


class ApiClientCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name
    # Your own organization when left out (a platform admin names the organization).
    organization_id: uuid.UUID | None = None
    # `vendor_system` for a vendor; for a partner `partner_rep` (sends deals for the reps it
    # names, and sees the deals it sent) unless `partner_admin` is asked for.
    role: Role | None = None
    # Every scope of the role that you hold too, when left out; never one you do not hold.
    scopes: Scopes | None = None


class ApiClientUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    scopes: Scopes | msgspec.UnsetType = msgspec.UNSET
    # False refuses the client's tokens at once, and new ones.
    active: bool | msgspec.UnsetType = msgspec.UNSET


class ApiClientOut(Resource, kw_only=True):
    organization_id: uuid.UUID
    name: str
    # The OAuth2 `client_id` for POST /oauth/token.
    client_id: str
    role: Role
    scopes: list[str]
    active: bool


class ApiClientWithSecret(ApiClientOut, kw_only=True):
    # Shown once, here: the `client_secret` for POST /oauth/token. Only its hash is kept.
    client_secret: str


class ApiClientList(msgspec.Struct):
    items: list[ApiClientOut]
    next_cursor: str | None


def _with_secret(issued: clients.IssuedClient) -> Response[ApiClientWithSecret]:
    out = ApiClientWithSecret(
        **msgspec.structs.asdict(ApiClientOut.of(issued.client)), client_secret=issued.secret
    )
    return tagged(out, issued.client.version)


def _scopes(value: list[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _organization(principal: Principal, organization_id: uuid.UUID | None) -> uuid.UUID:
    return organization_id or principal.organization_id


class ApiClientController(Controller):
    path = "/v1/api-clients"
    tags = ["api-clients"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_API_CLIENTS)],
        responses=problems(404, 413),
        response_headers=[ETAG_HEADER],
        summary="Register a machine client; its secret is shown once",
        description=(
            "An organization's admin registers its systems. The client gets tokens with "
            "`grant_type=client_credentials` at `/oauth/token`, holding at most the scopes "
            "granted here, within its role's."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[ApiClientCreate]
    ) -> Response[ApiClientWithSecret]:
        issued = await clients.create_api_client(
            db,
            principal,
            _organization(principal, data.organization_id),
            name=data.name,
            role=data.role,
            scopes=_scopes(data.scopes),
        )
        return _with_secret(issued)

    @get(
        guards=[requires(scopes.READ_API_CLIENTS)],
        responses=problems(404),
        summary="The organization's machine clients",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        organization_id: FromQuery[uuid.UUID | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> ApiClientList:
        page = await clients.list_api_clients(
            db,
            principal,
            _organization(principal, organization_id),
            page=page_request(limit, cursor, updated_since),
        )
        return ApiClientList(
            items=[ApiClientOut.of(c) for c in page.items],
            next_cursor=encode_cursor(page.next_key),
        )

    @get(
        "/{api_client_id:uuid}",
        guards=[requires(scopes.READ_API_CLIENTS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a machine client",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        api_client_id: FromPath[uuid.UUID],
    ) -> Response[ApiClientOut]:
        client = await clients.get_api_client(db, principal, api_client_id)
        return with_etag(request, ApiClientOut.of(client), client.version)

    @patch(
        "/{api_client_id:uuid}",
        guards=[requires(scopes.WRITE_API_CLIENTS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Rename, re-scope, disable or enable a machine client",
    )
    async def update(
        self,
        db: Db,
        principal: Caller,
        api_client_id: FromPath[uuid.UUID],
        data: JSONBody[ApiClientUpdate],
        precondition: Precondition,
    ) -> Response[ApiClientOut]:
        client = await clients.update_api_client(
            db,
            principal,
            api_client_id,
            if_match=precondition,
            name=unset_to_none(data.name),
            scopes=_scopes(unset_to_none(data.scopes)),
            active=unset_to_none(data.active),
        )
        return tagged(ApiClientOut.of(client), client.version)

    @post(
        "/{api_client_id:uuid}/rotate-secret",
        status_code=200,
        guards=[requires(scopes.WRITE_API_CLIENTS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Replace the client's secret; the old one stops working at once",
    )
    async def rotate(
        self,
        db: Db,
        principal: Caller,
        api_client_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> Response[ApiClientWithSecret]:
        issued = await clients.rotate_client_secret(
            db, principal, api_client_id, if_match=precondition
        )
        return _with_secret(issued)
