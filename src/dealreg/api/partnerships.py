import uuid
from collections.abc import Sequence
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

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
from dealreg.api.schemas import problems, unset_to_none
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.disclosure import vendor_staff
from dealreg.fields import Resource
from dealreg.orgs import service
from dealreg.orgs.models import OrgKind, Partnership, PartnershipStatus, Tier
from dealreg.pagination import DEFAULT_LIMIT


class PartnershipCreate(msgspec.Struct, forbid_unknown_fields=True):
    partner_id: uuid.UUID
    tier: Tier
    # Defaults to the caller's own vendor; a platform admin names it.
    vendor_id: uuid.UUID | None = None
    status: PartnershipStatus = PartnershipStatus.active


class PartnershipUpdate(msgspec.Struct, forbid_unknown_fields=True):
    tier: Tier | msgspec.UnsetType = msgspec.UNSET
    status: PartnershipStatus | msgspec.UnsetType = msgspec.UNSET
    # The vendor's channel account manager named for the partner (an active approver or admin
    # of the vendor); null names none.
    owner_id: uuid.UUID | msgspec.UnsetType | None = msgspec.UNSET


class PartnershipOut(Resource, kw_only=True):
    partner_id: uuid.UUID
    partner_name: str
    vendor_id: uuid.UUID
    vendor_name: str
    tier: Tier
    status: PartnershipStatus
    # The vendor's channel account manager named for the partner: the vendor's to see (null to
    # the partner, like every one of the vendor's people).
    owner_id: uuid.UUID | None


async def _outs(
    db: AsyncSession, reader: OrgKind, partnerships: Sequence[Partnership]
) -> list[PartnershipOut]:
    names = await service.party_names(db, partnerships)
    return [
        PartnershipOut(
            id=p.id,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
            partner_id=p.partner_id,
            partner_name=names[p.partner_id],
            vendor_id=p.vendor_id,
            vendor_name=names[p.vendor_id],
            tier=p.tier,
            status=p.status,
            owner_id=vendor_staff(reader, p.owner_id),
        )
        for p in partnerships
    ]


async def _out(db: AsyncSession, reader: OrgKind, partnership: Partnership) -> PartnershipOut:
    (out,) = await _outs(db, reader, [partnership])
    return out


class PartnershipList(msgspec.Struct):
    items: list[PartnershipOut]
    next_cursor: str | None


class PartnershipController(Controller):
    path = "/v1/partnerships"
    tags = ["partnerships"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_PARTNERSHIPS)],
        responses=problems(409, 413),
        response_headers=[ETAG_HEADER],
        summary="Enrol a partner with a vendor",
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[PartnershipCreate]
    ) -> Response[PartnershipOut]:
        partnership = await service.create_partnership(
            db,
            principal,
            partner_id=data.partner_id,
            vendor_id=data.vendor_id,
            tier=data.tier,
            status=data.status,
        )
        return tagged(await _out(db, principal.org_kind, partnership), partnership.version)

    @get(
        guards=[requires(scopes.READ_PARTNERSHIPS)],
        responses=problems(),
        summary="List the partnerships the caller is party to",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        partner_id: FromQuery[uuid.UUID | None] = None,
        vendor_id: FromQuery[uuid.UUID | None] = None,
        status: FromQuery[PartnershipStatus | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> PartnershipList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_partnerships(
            db,
            principal,
            partner_id=partner_id,
            vendor_id=vendor_id,
            status=status,
            page=page,
        )
        return PartnershipList(
            items=await _outs(db, principal.org_kind, result.items),
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{partnership_id:uuid}",
        guards=[requires(scopes.READ_PARTNERSHIPS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a partnership",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
    ) -> Response[PartnershipOut]:
        partnership = await service.get_partnership(db, principal, partnership_id)
        return with_etag(
            request, await _out(db, principal.org_kind, partnership), partnership.version
        )

    @patch(
        "/{partnership_id:uuid}",
        guards=[requires(scopes.WRITE_PARTNERSHIPS)],
        responses=problems(404, 412, 413, 428),
        response_headers=[ETAG_HEADER],
        summary="Change a partnership's tier or owner, or suspend it",
    )
    async def update(
        self,
        db: Db,
        principal: Caller,
        partnership_id: FromPath[uuid.UUID],
        data: JSONBody[PartnershipUpdate],
        precondition: Precondition,
    ) -> Response[PartnershipOut]:
        partnership = await service.update_partnership(
            db,
            principal,
            partnership_id,
            if_match=precondition,
            tier=unset_to_none(data.tier),
            status=unset_to_none(data.status),
            owner_id=data.owner_id,
        )
        return tagged(await _out(db, principal.org_kind, partnership), partnership.version)
