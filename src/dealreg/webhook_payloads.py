"""The resource an event is about, as the API would return it to one organization: the `data`
of the webhook deliveries that organization gets.

It is read through the same services as a GET, as the organization's administrator would read
it, so a receiver sees exactly what its organization may see (a partner never a vendor's
conflicts, a vendor never another vendor's lines) and nothing of another tenant."""

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.engagement import service as engagement
from dealreg.engagement.responses import engagement_out
from dealreg.errors import NotFound
from dealreg.events.models import Event
from dealreg.leads import service as leads
from dealreg.leads.responses import lead_out
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.registrations import service as registrations
from dealreg.registrations.responses import registration_detail
from dealreg.webhooks import service as webhooks
from dealreg.webhooks.responses import endpoint_out

Render = Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[msgspec.Struct]]

_ADMIN_OF = {OrgKind.vendor: Role.vendor_admin, OrgKind.partner: Role.partner_admin}


async def _registration(
    session: AsyncSession, reader: Principal, subject_id: uuid.UUID
) -> msgspec.Struct:
    view = await registrations.view_registration(session, reader, subject_id)
    return registration_detail(reader.org_kind, view)


async def _lead(session: AsyncSession, reader: Principal, subject_id: uuid.UUID) -> msgspec.Struct:
    return lead_out(await leads.get_lead(session, reader, subject_id))


async def _partner_engagement(
    session: AsyncSession, reader: Principal, subject_id: uuid.UUID
) -> msgspec.Struct:
    return engagement_out(await engagement.engagement_of(session, reader, subject_id))


async def _endpoint(
    session: AsyncSession, reader: Principal, subject_id: uuid.UUID
) -> msgspec.Struct:
    return endpoint_out(await webhooks.get_endpoint(session, reader, subject_id))


# By the resource an event type names before its first dot; SLA events are about a
# registration's clock, so they carry the registration; partner events about a partner's
# engagement with the receiving vendor.
RENDERERS: dict[str, Render] = {
    "registration": _registration,
    "sla": _registration,
    "lead": _lead,
    "partner": _partner_engagement,
    "webhook_endpoint": _endpoint,
}


def reader_for(org: Organization) -> Principal:
    """The organization's administrator, with every scope of the role: whoever set up the
    endpoint could read the resource through the API."""
    role = _ADMIN_OF[org.kind]
    return Principal(
        kind="client",
        subject_id=org.id,
        organization_id=org.id,
        org_kind=org.kind,
        role=role,
        scopes=ROLE_SCOPES[role],
        client_id="dealreg-webhooks",
    )


async def resource_for(session: AsyncSession, org: Organization, event: Event) -> Any:
    """The event's resource as `org` would GET it now, in JSON's types; None when the event
    names no resource or `org` can no longer see it (a lead recalled from the partner, an
    endpoint deleted)."""
    render = RENDERERS.get(event.type.split(".", 1)[0])
    if render is None:
        return None
    try:
        return msgspec.to_builtins(await render(session, reader_for(org), event.subject_id))
    except NotFound:
        return None
