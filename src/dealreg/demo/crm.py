"""Acme's CRM client, for examples/vendor_crm_sync.py."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.clients import IssuedClient, create_api_client, rotate_client_secret
from dealreg.auth.scopes import READ_PAYOUTS, ROLE_SCOPES, WRITE_PAYOUTS
from dealreg.auth.service import principal_for_email
from dealreg.orgs.models import ApiClient, Role
from dealreg.preconditions import IfMatch

# Acme's CRM: a machine client doing the vendor's side of deals and leads (payouts are its finance
# system's), for examples/vendor_crm_sync.py.
CRM_CLIENT = "Acme CRM"
CRM_SCOPES = ROLE_SCOPES[Role.vendor_system] - {READ_PAYOUTS, WRITE_PAYOUTS}


async def issue_crm_client(session: AsyncSession) -> IssuedClient:
    """Acme's CRM client, made on the first run, with a new secret on every run.

    Only the secret's hash is stored, so a second run cannot print the first run's secret. A
    repeatable one (derived from the signing key, say) would be a credential no rotation could
    retire; instead each run rotates the secret as an admin would and prints the new one: the
    client id stays, the previous secret stops working.
    """
    admin = await principal_for_email(session, "admin@acme.example")
    client = await session.scalar(
        select(ApiClient)
        .where(ApiClient.organization_id == admin.organization_id, ApiClient.name == CRM_CLIENT)
        .order_by(ApiClient.created_at)
        .limit(1)
    )
    if client is None:
        return await create_api_client(
            session,
            admin,
            admin.organization_id,
            name=CRM_CLIENT,
            role=Role.vendor_system,
            scopes=CRM_SCOPES,
        )
    return await rotate_client_secret(session, admin, client.id, if_match=IfMatch(versions=None))
