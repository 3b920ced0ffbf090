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
from dealreg.api.deps import (
    Caller,
    Cursor,
    Db,
    Limit,
    UpdatedSince,
    encode_cursor,
    page_request,
)
from dealreg.api.schemas import CHANGE_PROBLEMS, problems, unset_to_none
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes, sessions
from dealreg.fields import Country, Email, Name, OrgCode, Resource, TimeZone
from dealreg.orgs import service
from dealreg.orgs.models import OrgKind, RevenueBand, Role
from dealreg.pagination import DEFAULT_LIMIT


class OrganizationCreate(msgspec.Struct, forbid_unknown_fields=True):
    kind: OrgKind
    name: Name
    country: Country
    code: OrgCode | None = None
    timezone: TimeZone | None = None


class OrganizationUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    country: Country | msgspec.UnsetType = msgspec.UNSET
    code: OrgCode | msgspec.UnsetType = msgspec.UNSET
    timezone: TimeZone | msgspec.UnsetType = msgspec.UNSET
    # A partner's size facts, which its vendors' size segments are decided by. Null clears one
    # (no longer known); left out, it stays as it is.
    employees: Annotated[int, msgspec.Meta(ge=0, le=10_000_000)] | msgspec.UnsetType | None = (
        msgspec.UNSET
    )
    annual_revenue_band: RevenueBand | msgspec.UnsetType | None = msgspec.UNSET


class OrganizationOut(Resource, kw_only=True):
    kind: OrgKind
    name: str
    code: str | None
    country: str
    timezone: str | None
    # A partner's size facts; null: not known (and always, for a vendor or the platform).
    employees: int | None
    annual_revenue_band: RevenueBand | None


class OrganizationList(msgspec.Struct):
    items: list[OrganizationOut]
    next_cursor: str | None


class UserCreate(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    name: Name
    role: Role


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    # False refuses the user's tokens at once; true lets them sign in again (with new tokens).
    active: bool | msgspec.UnsetType = msgspec.UNSET


class UserOut(Resource, kw_only=True):
    organization_id: uuid.UUID
    email: str
    name: str
    role: Role
    active: bool


class UserList(msgspec.Struct):
    items: list[UserOut]
    next_cursor: str | None


class OrganizationController(Controller):
    path = "/v1/organizations"
    tags = ["organizations"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_ORGANIZATIONS)],
        responses=problems(409, 413),
        response_headers=[ETAG_HEADER],
        summary="Create a vendor, partner or platform organization",
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[OrganizationCreate]
    ) -> Response[OrganizationOut]:
        org = await service.create_organization(
            db,
            principal,
            kind=data.kind,
            name=data.name,
            country=data.country,
            code=data.code,
            timezone=data.timezone,
        )
        return tagged(OrganizationOut.of(org), org.version)

    @get(
        guards=[requires(scopes.READ_ORGANIZATIONS)],
        responses=problems(),
        summary="List the organizations the caller can see",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        kind: FromQuery[OrgKind | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> OrganizationList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_organizations(db, principal, kind=kind, page=page)
        return OrganizationList(
            items=[OrganizationOut.of(o) for o in result.items],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{org_id:uuid}",
        guards=[requires(scopes.READ_ORGANIZATIONS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read an organization",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
    ) -> Response[OrganizationOut]:
        org = await service.get_organization(db, principal, org_id)
        return with_etag(request, OrganizationOut.of(org), org.version)

    @patch(
        "/{org_id:uuid}",
        guards=[requires(scopes.WRITE_ORGANIZATIONS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Change an organization",
    )
    async def update(
        self,
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        data: JSONBody[OrganizationUpdate],
        precondition: Precondition,
    ) -> Response[OrganizationOut]:
        org = await service.update_organization(
            db,
            principal,
            org_id,
            if_match=precondition,
            name=unset_to_none(data.name),
            country=unset_to_none(data.country),
            code=unset_to_none(data.code),
            timezone=unset_to_none(data.timezone),
            # UNSET (unchanged) passed on as such: here None means clear.
            employees=data.employees,
            annual_revenue_band=data.annual_revenue_band,
        )
        return tagged(OrganizationOut.of(org), org.version)

    @post(
        "/{org_id:uuid}/users",
        guards=[requires(scopes.WRITE_USERS)],
        responses=problems(404, 409, 413),
        summary="Add a user to an organization",
    )
    async def create_user(
        self, db: Db, principal: Caller, org_id: FromPath[uuid.UUID], data: JSONBody[UserCreate]
    ) -> UserOut:
        user = await service.create_user(
            db, principal, org_id, email=data.email, name=data.name, role=data.role
        )
        return UserOut.of(user)

    @get(
        "/{org_id:uuid}/users",
        guards=[requires(scopes.READ_USERS)],
        responses=problems(404),
        summary="List an organization's users",
    )
    async def list_users(
        self,
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> UserList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_users(db, principal, org_id, page=page)
        return UserList(
            items=[UserOut.of(u) for u in result.items], next_cursor=encode_cursor(result.next_key)
        )

    @patch(
        "/{org_id:uuid}/users/{user_id:uuid}",
        guards=[requires(scopes.WRITE_USERS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Rename, disable or enable a user",
    )
    async def update_user(
        self,
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        user_id: FromPath[uuid.UUID],
        data: JSONBody[UserUpdate],
        precondition: Precondition,
    ) -> Response[UserOut]:
        """An administrator of the organization (or the platform) may; nobody may disable
        themselves (409). Disabling refuses the user's tokens at once and ends their sessions;
        enabling again brings back neither."""
        user = await service.update_user(
            db,
            principal,
            org_id,
            user_id,
            if_match=precondition,
            name=unset_to_none(data.name),
            active=unset_to_none(data.active),
        )
        if not user.active:
            # Signed out of every device: their sessions no longer list, and none comes back
            # if the person is enabled again.
            await sessions.end_sessions_of(db, user.id)
        return tagged(UserOut.of(user), user.version)
