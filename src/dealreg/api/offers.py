"""Offers: "points on the deal". The vendor's channel team grants a partner extra registration
discount (`POST /v1/partners/{id}/offers`), lists and revokes them (`/v1/offers`); a partner
reads its own. A registration submitted while one holds uses it (engagement/offers.py)."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from dealreg.api.conditional import ETAG_HEADER, NOT_MODIFIED, Precondition, tagged, with_etag
from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import CHANGE_PROBLEMS, problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.disclosure import sees_vendor_staff, vendor_staff
from dealreg.engagement import offers
from dealreg.engagement.models import OfferState, PartnerOffer
from dealreg.engagement.offers import OfferInput
from dealreg.fields import Resource
from dealreg.orgs.models import OrgKind
from dealreg.pagination import DEFAULT_LIMIT


class OfferOut(Resource, kw_only=True):
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    # Extra discount, in basis points of a registration's amount, on top of its program's.
    discount_bp: int
    # The products a registration must be all of to use it; null: any of the vendor's.
    skus: list[str] | None
    valid_until: datetime
    registrations_allowed: int
    registrations_used: int
    # As of the response: `active` holds for the next registration.
    state: OfferState
    # The vendor's rep who granted it, the call task it was offered on, and the rep's note:
    # the vendor's own, null to the partner.
    granted_by: uuid.UUID | None
    call_task_id: uuid.UUID | None
    note: str | None
    revoked_at: datetime | None


def offer_out(reader: OrgKind, offer: PartnerOffer) -> OfferOut:
    vendors = sees_vendor_staff(reader)
    return OfferOut(
        id=offer.id,
        created_at=offer.created_at,
        updated_at=offer.updated_at,
        version=offer.version,
        vendor_id=offer.vendor_id,
        partner_id=offer.partner_id,
        discount_bp=offer.discount_bp,
        skus=offer.skus,
        valid_until=offer.valid_until,
        registrations_allowed=offer.registrations_allowed,
        registrations_used=offer.registrations_used,
        state=offers.state_of(offer, datetime.now(UTC)),
        granted_by=vendor_staff(reader, offer.granted_by),
        call_task_id=offer.call_task_id if vendors else None,
        note=offer.note if vendors else None,
        revoked_at=offer.revoked_at,
    )


class OfferList(msgspec.Struct):
    items: list[OfferOut]
    next_cursor: str | None


class PartnerOfferController(Controller):
    path = "/v1/partners/{partner_id:uuid}/offers"
    tags = ["offers"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_OFFERS)],
        responses=problems(404, 413),
        response_headers=[ETAG_HEADER],
        summary="Grant a partner an offer of extra registration discount (points on the deal)",
        description=(
            "The vendor's channel team (approvers, admins). The partner must be actively "
            "enrolled with the vendor (else 404). Each registration the partner submits to the "
            "vendor while the offer holds (not revoked, before `valid_until`, uses left, every "
            "product among `skus` unless null) takes one use of it, the best offer first (most "
            "points, then lapsing first); the registration carries the program's standard "
            "discount plus the offer's points."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, partner_id: FromPath[uuid.UUID], data: JSONBody[OfferInput]
    ) -> Response[OfferOut]:
        offer = await offers.grant(db, principal, partner_id, data)
        return tagged(offer_out(principal.org_kind, offer), offer.version)


class OfferController(Controller):
    path = "/v1/offers"
    tags = ["offers"]
    security = BEARER_SECURITY

    @get(
        guards=[requires(scopes.READ_OFFERS)],
        responses=problems(),
        summary="List offers: the vendor's, a partner's own from every vendor, or all (channel ops)",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        partner_id: FromQuery[uuid.UUID | None] = None,
        vendor_id: FromQuery[uuid.UUID | None] = None,
        # `state` is Litestar's reserved name for the app's state: the parameter is renamed.
        offer_state: Annotated[OfferState | None, QueryParameter(name="state")] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> OfferList:
        result = await offers.list_offers(
            db,
            principal,
            partner_id=partner_id,
            vendor_id=vendor_id,
            state=offer_state,
            page=page_request(limit, cursor, None),
        )
        return OfferList(
            items=[offer_out(principal.org_kind, offer) for offer in result.items],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{offer_id:uuid}",
        guards=[requires(scopes.READ_OFFERS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read an offer",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        offer_id: FromPath[uuid.UUID],
    ) -> Response[OfferOut]:
        offer = await offers.get_offer(db, principal, offer_id)
        return with_etag(request, offer_out(principal.org_kind, offer), offer.version)

    @post(
        "/{offer_id:uuid}/revoke",
        status_code=200,
        guards=[requires(scopes.WRITE_OFFERS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Revoke an offer: it holds for no further registration",
        description="Registrations that used it keep the discount they were granted.",
    )
    async def revoke(
        self,
        db: Db,
        principal: Caller,
        offer_id: FromPath[uuid.UUID],
        precondition: Precondition,
    ) -> Response[OfferOut]:
        offer = await offers.revoke(db, principal, offer_id, if_match=precondition)
        return tagged(offer_out(principal.org_kind, offer), offer.version)
