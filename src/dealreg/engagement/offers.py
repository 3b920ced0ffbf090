"""Points on the deal: offers of extra registration discount a vendor's channel rep grants a
partner (typically on the call a task asked for), and their use by registrations.

An offer holds for a registration when it is not revoked, its `valid_until` is still ahead, it
has uses left, and every product on the registration is one of its SKUs (or it names none: any
product). A registration submitted while offers hold takes one use of the best of them (the most
points, then the one lapsing first, then the oldest): the registration then carries its program's
standard discount plus the offer's points. A use is taken by one conditional UPDATE (uses left,
still valid, not revoked), which PostgreSQL re-checks on the row's newest version after waiting
for a racing submission's lock: however many submissions race, an offer for N registrations is
used exactly N times. A registration later refused or withdrawn keeps its use: the rep may grant
another offer.

The vendor's channel team (its approvers and admins) grants and revokes; the vendor reads all of
its offers; a partner reads its own, from every vendor; the platform's channel ops read every
offer, and change none."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import offer_repository as repository
from dealreg.engagement.errors import OfferNotFound
from dealreg.engagement.models import OfferState, PartnerOffer
from dealreg.engagement.routing import CHANNEL_TEAM
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.fields import NO_NUL, Instant, Sku
from dealreg.orgs import repository as orgs_repository
from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch
from dealreg.registrations.events import OfferUse, TakeOffers

# Extra points beyond half the price are a give-away, not an incentive: a typo more likely.
DiscountBp = Annotated[int, msgspec.Meta(ge=1, le=5000)]
Uses = Annotated[int, msgspec.Meta(ge=1, le=1000)]
OfferNote = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=NO_NUL)]


def state_of(offer: PartnerOffer, now: datetime) -> OfferState:
    if offer.revoked_at is not None:
        return OfferState.revoked
    if offer.registrations_used >= offer.registrations_allowed:
        return OfferState.used_up
    if offer.valid_until <= now:
        return OfferState.expired
    return OfferState.active


class OfferInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    # Extra discount on the registration's amount, on top of the program's standard discount.
    discount_bp: DiscountBp
    valid_until: Instant
    # How many registrations may use it.
    registrations: Uses
    # The products a registration must be all of; null: any of the vendor's products.
    skus: Annotated[list[Sku], msgspec.Meta(min_length=1, max_length=200)] | None = None
    # The call task on which it was offered.
    call_task_id: uuid.UUID | None = None
    note: OfferNote | None = None


def _vendor_team(actor: Principal, doing: str) -> uuid.UUID:
    if actor.org_kind is not OrgKind.vendor or actor.role not in CHANNEL_TEAM:
        raise Forbidden(f"Only the vendor's channel team may {doing} an offer.")
    return actor.organization_id


async def _check(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID,
    data: OfferInput,
    now: datetime,
) -> None:
    errors = []
    if data.valid_until <= now:
        errors.append(
            field_error(
                "exclusive_minimum",
                pointer="/valid_until",
                detail="an offer must hold for a while: valid until a time ahead",
                exclusive_minimum=now.isoformat(),
            )
        )
    if data.skus is not None:
        known = await orgs_repository.catalogue_skus(session, vendor_id, data.skus)
        errors += [
            field_error(
                "not_in_catalogue",
                pointer=f"/skus/{i}",
                detail=f"no active program of yours offers the product '{sku}'",
                value=sku,
            )
            for i, sku in enumerate(data.skus)
            if sku not in known
        ]
    if data.call_task_id is not None and not await repository.task_of(
        session, vendor_id, partner_id, data.call_task_id
    ):
        errors.append(
            field_error(
                "not_found",
                pointer="/call_task_id",
                detail=f"{data.call_task_id} is not a call task of yours for this partner",
            )
        )
    if errors:
        raise InvalidInput("The offer breaks a rule; nothing was granted.", errors=errors)


async def grant(
    session: AsyncSession, actor: Principal, partner_id: uuid.UUID, data: OfferInput
) -> PartnerOffer:
    vendor_id = _vendor_team(actor, "grant")
    if not await orgs_repository.active_partnership(session, vendor_id, partner_id):
        raise NotFound(f"No partner {partner_id} actively enrolled with your organization.")
    await _check(session, vendor_id, partner_id, data, datetime.now(UTC))
    offer = PartnerOffer(
        vendor_id=vendor_id,
        partner_id=partner_id,
        discount_bp=data.discount_bp,
        # Kept sorted and once each: two grants of the same products read the same.
        skus=sorted(set(data.skus)) if data.skus is not None else None,
        valid_until=data.valid_until,
        registrations_allowed=data.registrations,
        granted_by=actor.subject_id,
        call_task_id=data.call_task_id,
        note=data.note,
    )
    session.add(offer)
    await session.flush()
    return offer


def _not_found(offer_id: uuid.UUID) -> OfferNotFound:
    return OfferNotFound(f"No offer {offer_id} visible to you.")


def _visible(actor: Principal, offer: PartnerOffer) -> bool:
    # The platform's channel ops oversee the marketplace: they read every offer (granting and
    # revoking stay the vendor's channel team's).
    if actor.is_platform:
        return True
    if actor.org_kind is OrgKind.vendor:
        return offer.vendor_id == actor.organization_id
    return actor.org_kind is OrgKind.partner and offer.partner_id == actor.organization_id


async def get_offer(session: AsyncSession, actor: Principal, offer_id: uuid.UUID) -> PartnerOffer:
    offer = await session.get(PartnerOffer, offer_id)
    if offer is None or not _visible(actor, offer):
        raise _not_found(offer_id)
    return offer


async def list_offers(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID | None,
    vendor_id: uuid.UUID | None,
    state: OfferState | None,
    page: PageRequest,
) -> Page[PartnerOffer]:
    """The vendor's offers, or the partner's own (from every vendor), or for the platform every
    offer; oldest first. `vendor_id` and `partner_id` narrow it where the caller may choose."""
    if actor.org_kind is OrgKind.vendor:
        vendor_id, own = actor.organization_id, partner_id
    elif actor.org_kind is OrgKind.partner:
        own = actor.organization_id
    else:
        own = partner_id
    return await repository.list_offers(
        session,
        vendor_id=vendor_id,
        partner_id=own,
        state=state,
        now=datetime.now(UTC),
        page=page,
    )


async def revoke(
    session: AsyncSession, actor: Principal, offer_id: uuid.UUID, *, if_match: IfMatch
) -> PartnerOffer:
    """The offer no longer holds; registrations that used it keep their discount."""
    offer = await repository.offer_for_update(session, offer_id)
    if offer is None or not _visible(actor, offer):
        raise _not_found(offer_id)
    _vendor_team(actor, "revoke")
    if_match.check(offer.version)
    if offer.revoked_at is not None:
        raise Conflict("The offer is revoked already.")
    offer.revoked_at = datetime.now(UTC)
    offer.revoked_by = actor.subject_id
    await session.flush()
    return offer


async def best_offer(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    partner_id: uuid.UUID,
    skus: Sequence[str],
    now: datetime,
) -> OfferUse | None:
    """The offer a registration of these products would use if submitted now (the preview's)."""
    candidates = await repository.holding(session, vendor_id, partner_id, skus, now)
    return candidates[0] if candidates else None


async def answer_take_offers(query: TakeOffers) -> dict[uuid.UUID, OfferUse]:
    """Take a use of the best holding offer per vendor of the deal: the candidates of every
    vendor read in one statement, then vendors in id order, and one offer row locked at a time
    per vendor: racing deals of one partner wait on offers in one order, never in a cycle."""
    holding = await repository.holding_for_vendors(
        query.session, query.partner_id, query.skus_by_vendor, query.now
    )
    taken = {}
    for vendor_id in sorted(holding):
        for candidate in holding[vendor_id]:
            # Another submission may have taken the last use meanwhile: then the next best.
            if await repository.take_use(query.session, candidate.offer_id, query.now):
                taken[vendor_id] = candidate
                break
    return taken
