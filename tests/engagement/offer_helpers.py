"""A vendor whose program has a standard registration discount, a partner enrolled with it, and
offers granted through the API."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from dealreg.orgs.models import Role
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory

Json = dict[str, Any]
OFFERS = "/v1/offers"
PREVIEW = "/v1/incentives/preview"
# The program's standard registration discount: two points.
STANDARD_BP = 200


def offers_url(partner_id: uuid.UUID) -> str:
    return f"/v1/partners/{partner_id}/offers"


@dataclass
class OfferScene:
    vendor: VendorSetup
    partner: PartnerSetup
    # The vendor's admin; `vendor.approver` is its channel account manager.
    admin: dict[str, str]


async def offer_scene(factory: Factory) -> OfferScene:
    vendor = await vendor_setup(factory, registration_discount_bp=STANDARD_BP)
    partner = await partner_setup(factory, vendor)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    return OfferScene(vendor, partner, admin)


def offer_body(**fields: Any) -> Json:
    """Three points on the deal for two registrations, for a week, on any product."""
    return {
        "discount_bp": 300,
        "registrations": 2,
        "valid_until": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
    } | fields


async def grant(
    client: httpx.AsyncClient,
    scene: OfferScene,
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> Json:
    response = await client.post(
        offers_url(scene.partner.partner.id),
        json=offer_body(**fields),
        headers=headers or scene.vendor.approver,
    )
    assert response.status_code == 201, response.text
    offer: Json = response.json()
    return offer
