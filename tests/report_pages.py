"""The SLA report pages seen from a test: a scene with something to report, and what every page
must be (HTML, never cached, under a policy that runs nothing and loads only its own style)."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role
from tests.clocks import Headers, decided_after, register, started_at, submitted_on, sweep
from tests.deals import PartnerSetup, VendorSetup, partner_setup, vendor_setup
from tests.factories import Factory

PAGE = "/reports/sla"
HOSTILE_NAME = 'Acme <script>alert("x")</script> & Co'


@dataclass
class Scene:
    vendor: VendorSetup
    other: VendorSetup
    partner: PartnerSetup
    ops: Headers
    ops_token: str
    admin: Headers
    other_admin: Headers


def token_of(headers: Headers) -> str:
    return headers["Authorization"].removeprefix("Bearer ")


async def make_scene(client: httpx.AsyncClient, db: AsyncSession, factory: Factory) -> Scene:
    """A vendor with a hostile name and the default policy (a target of 16 business hours, a hard
    limit of 32): one registration decided after 10 business hours, 26 on the wall clock; one
    breached (submitted ten days ago and swept now); one fresh; and another vendor's, fresh."""
    vendor = await vendor_setup(factory)
    vendor.vendor.name = HOSTILE_NAME
    other = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor, other)
    admin = await factory.headers_for(vendor.vendor, Role.vendor_admin)
    ops = await factory.headers_for(await factory.platform(), Role.channel_ops)
    now = datetime.now(UTC)
    decided = await register(client, partner, vendor)
    await submitted_on(db, decided, now - timedelta(hours=26))
    await decided_after(client, db, admin, decided, 10, wall=26)
    breached = await register(client, partner, vendor)
    await started_at(db, breached, now - timedelta(days=10))
    await sweep(db, now)
    await register(client, partner, vendor)
    await register(client, partner, other)
    return Scene(
        vendor,
        other,
        partner,
        ops,
        token_of(ops),
        admin,
        await factory.headers_for(other.vendor, Role.vendor_admin),
    )


def assert_page(response: httpx.Response, status: int) -> str:
    """An HTML page with `status`, never cached, allowed no script and only its own style."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html"), response.headers
    assert response.headers["cache-control"] == "no-store"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", policy), policy
    assert "frame-ancestors 'none'" in policy
    return response.text
