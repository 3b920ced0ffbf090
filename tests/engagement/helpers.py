"""A vendor with a partner enrolled, the vendor's people by role, and bodies of engagements."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from dealreg.orgs.models import Organization, Role, User
from tests.factories import Factory

Json = dict[str, Any]
POLICY = "/v1/vendors/{}/partner-engagement-policy"
TASKS = "/v1/call-tasks"


def engagements_url(partner_id: uuid.UUID) -> str:
    return f"/v1/partners/{partner_id}/engagements"


@dataclass
class Scene:
    vendor: Organization
    partner: Organization
    admin: User
    approver: User
    factory: Factory

    def headers(self, user: User) -> dict[str, str]:
        org = self.vendor if user.organization_id == self.vendor.id else self.partner
        return {"Authorization": f"Bearer {self.factory.token(user, org)}"}

    @property
    def admin_headers(self) -> dict[str, str]:
        return self.headers(self.admin)

    @property
    def approver_headers(self) -> dict[str, str]:
        return self.headers(self.approver)


async def make_scene(factory: Factory) -> Scene:
    vendor = await factory.vendor()
    partner = await factory.partner()
    await factory.partnership(partner, vendor)
    admin = await factory.user(vendor, Role.vendor_admin)
    approver = await factory.user(vendor, Role.vendor_approver)
    return Scene(vendor, partner, admin, approver, factory)


def engagement(
    type_: str = "webinar", *, ago: timedelta = timedelta(hours=1), **fields: Any
) -> Json:
    at = datetime.now(UTC) - ago
    return {"type": type_, "occurred_at": at.isoformat(), **fields}


async def post_engagements(
    client: httpx.AsyncClient,
    scene: Scene,
    *items: Json,
    headers: dict[str, str] | None = None,
    partner_id: uuid.UUID | None = None,
) -> httpx.Response:
    return await client.post(
        engagements_url(partner_id or scene.partner.id),
        json={"engagements": list(items)},
        headers=headers or scene.admin_headers,
    )


async def cross(client: httpx.AsyncClient, scene: Scene) -> Json:
    """Three webinars: 30 points, the default threshold. The call task they make."""
    response = await post_engagements(client, scene, *(engagement() for _ in range(3)))
    assert response.status_code == 200, response.text
    task_id = response.json()["call_task_id"]
    assert task_id is not None, response.text
    task = await client.get(f"{TASKS}/{task_id}", headers=scene.admin_headers)
    assert task.status_code == 200, task.text
    body: Json = task.json()
    return body
