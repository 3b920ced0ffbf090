"""Building blocks of the deal and registration tests: a partner enrolled with vendors that have
programs and products, deal bodies that pass every rule, and moving a registration to approved
(the vendor's decision belongs to the approvals workflow; here it is the state machine's move)."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Product, Program, Role, Tier
from dealreg.registrations import states
from dealreg.registrations.changes import record
from dealreg.registrations.models import Registration
from tests.factories import Factory

DEALS = "/v1/deals"
REGISTRATIONS = "/v1/registrations"


# Parametrizes a test's `org_kind` and `role` with each caller that lacks the registrations:write
# scope (see `caller_in`).
without_registrations_write = pytest.mark.parametrize(
    ("org_kind", "role"),
    [
        ("vendor", Role.channel_ops),
        ("platform", Role.channel_ops),
        ("platform", Role.platform_admin),
    ],
)


@dataclass
class VendorSetup:
    vendor: Organization
    program: Program
    products: list[Product]
    approver: dict[str, str] = field(default_factory=dict)


@dataclass
class PartnerSetup:
    partner: Organization
    rep: dict[str, str]
    rep_id: uuid.UUID
    admin: dict[str, str]


async def vendor_setup(factory: Factory, **program: Any) -> VendorSetup:
    vendor = await factory.vendor()
    prog = await factory.program(vendor, **program)
    products = [await factory.product(prog) for _ in range(2)]
    approver = await factory.headers_for(vendor, Role.vendor_approver)
    return VendorSetup(vendor, prog, products, approver)


async def partner_setup(
    factory: Factory, *vendors: VendorSetup, tier: Tier = Tier.gold
) -> PartnerSetup:
    """A new partner enrolled with each of `vendors` at `tier`, with a rep and an admin."""
    partner = await factory.partner()
    for setup in vendors:
        await factory.partnership(partner, setup.vendor, tier=tier)
    rep = await factory.user(partner, Role.partner_rep)
    admin = await factory.headers_for(partner, Role.partner_admin)
    headers = {"Authorization": f"Bearer {factory.token(rep, partner)}"}
    return PartnerSetup(partner, headers, rep.id, admin)


async def caller_in(
    factory: Factory, setup: VendorSetup, org_kind: str, role: Role
) -> dict[str, str]:
    """A new user with `role` at `setup`'s vendor or, for the "platform" kind, at a new
    platform."""
    org = setup.vendor if org_kind == "vendor" else await factory.platform()
    return await factory.headers_for(org, role)


def close_date(days: int = 60) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def line(setup: VendorSetup, index: int = 0, **overrides: Any) -> dict[str, Any]:
    return {
        "vendor_id": str(setup.vendor.id),
        "sku": setup.products[index].sku,
        "quantity": 10,
        "unit_price": 150_000,
    } | overrides


def deal_body(*lines: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A deal for a new customer (unique name and domain) with `lines`."""
    suffix = uuid.uuid4().hex[:8]
    return {
        "customer": {
            "legal_name": f"Customer {suffix} Inc.",
            "domain": f"customer-{suffix}.com",
            "country": "US",
            "city": "Boston",
            "size": "250-999",
        },
        "contact": {"name": "Casey Buyer", "email": f"casey@customer-{suffix}.com"},
        "opportunity": {
            "title": "Firewall refresh",
            "expected_close_date": close_date(),
            "currency": "USD",
            "competitors": ["Other Networks"],
        },
        "lines": list(lines),
    } | overrides


def set_at(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a deal body: the member at `path` (keys and list indexes) set to `value`."""

    def change(body: dict[str, Any]) -> None:
        target: Any = body
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


async def submit(
    client: httpx.AsyncClient, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(DEALS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    deal: dict[str, Any] = response.json()
    return deal


async def approve(
    db: AsyncSession,
    registration_id: str | uuid.UUID,
    *,
    days: int = 90,
    at: datetime | None = None,
) -> Registration:
    """Approve a submitted registration as a program's auto-approve rule does (at `at`), with
    history and event."""
    registration = await db.get_one(Registration, uuid.UUID(str(registration_id)))
    at = at or datetime.now(UTC)
    change = states.approve(registration, at=at, protection_days=days)
    await record(db, None, registration, change, {"rule": "auto_approve"}, at=at)
    await db.flush()
    return registration
