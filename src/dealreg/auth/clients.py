"""Machine clients of an organization: registered, re-scoped, disabled and rotated by its
administrators (OAuth2 client credentials; auth/service.py mints their tokens)."""

import secrets
import uuid
from hashlib import sha256

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.scopes import ROLE_SCOPES
from dealreg.errors import Forbidden
from dealreg.orgs import repository
from dealreg.orgs.errors import ApiClientNotFound
from dealreg.orgs.models import ApiClient, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import (
    invalid,
    own_organization,
    require_admin_of,
    set_active,
    tokens_clock,
)
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch

CLIENT_ROLES_BY_KIND: dict[OrgKind, frozenset[Role]] = {
    OrgKind.partner: frozenset({Role.partner_rep, Role.partner_admin}),
    OrgKind.vendor: frozenset({Role.vendor_system}),
    OrgKind.platform: frozenset(),
}
DEFAULT_CLIENT_ROLE: dict[OrgKind, Role] = {
    OrgKind.partner: Role.partner_rep,
    OrgKind.vendor: Role.vendor_system,
}


def hash_client_secret(secret: str) -> str:
    return sha256(secret.encode()).hexdigest()


class IssuedClient(msgspec.Struct, frozen=True):
    client: ApiClient
    secret: str


def _new_secret() -> tuple[str, str]:
    secret = "drs_" + secrets.token_urlsafe(32)
    return secret, hash_client_secret(secret)


def _check_client_scopes(actor: Principal, role: Role, scopes: frozenset[str]) -> None:
    unknown = scopes - ROLE_SCOPES[role]
    if unknown:
        raise invalid("/scopes", f"a {role.value} client cannot hold {', '.join(sorted(unknown))}")
    if not scopes:
        raise invalid("/scopes", "a client needs at least one scope")
    # Nobody hands a client more than they hold: a narrowed client cannot mint a broader one,
    # nor the platform a tenant's powers over its deals.
    beyond = scopes - actor.scopes
    if beyond:
        raise Forbidden(f"You cannot grant scopes you do not hold: {', '.join(sorted(beyond))}.")


def _require_holds_all_of(actor: Principal, client: ApiClient) -> None:
    """Changing a client, or taking its new secret, is for one who holds every scope it has:
    otherwise rotating a broader client's secret would take over its powers."""
    beyond = frozenset(client.scopes) - actor.scopes
    if beyond:
        raise Forbidden(
            f"This client holds scopes you do not ({', '.join(sorted(beyond))}): "
            "only an administrator who holds them may change it."
        )


async def create_api_client(
    session: AsyncSession,
    actor: Principal,
    org_id: uuid.UUID,
    *,
    name: str,
    role: Role | None = None,
    scopes: frozenset[str] | None = None,
) -> IssuedClient:
    """Register a machine client; its secret is returned here once and stored only as a hash.

    Without a role, a vendor's client is its system (`vendor_system`) and a partner's sends deals
    from the reseller's CRM for its reps (`partner_rep`); without scopes, it holds its role's
    that the caller holds too."""
    org = await own_organization(session, actor, org_id)
    require_admin_of(actor, org.id)
    allowed = CLIENT_ROLES_BY_KIND[org.kind]
    if role is None:
        role = DEFAULT_CLIENT_ROLE.get(org.kind)
    if role is None or role not in allowed:
        named = f"'{role.value}' clients" if role else "machine clients"
        raise invalid("/role", f"a {org.kind.value} organization has no {named}")
    # Left out: every scope of the role that the caller may grant.
    scopes = ROLE_SCOPES[role] & actor.scopes if scopes is None else scopes
    _check_client_scopes(actor, role, scopes)
    secret, secret_hash = _new_secret()
    client = ApiClient(
        organization_id=org.id,
        name=name,
        client_id="drc_" + secrets.token_hex(12),
        secret_hash=secret_hash,
        role=role,
        scopes=sorted(scopes),
    )
    session.add(client)
    await session.flush()
    return IssuedClient(client=client, secret=secret)


async def list_api_clients(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, *, page: PageRequest
) -> Page[ApiClient]:
    org = await own_organization(session, actor, org_id)
    require_admin_of(actor, org.id)
    return await repository.list_api_clients(session, org.id, page=page)


async def get_api_client(
    session: AsyncSession, actor: Principal, client_id: uuid.UUID
) -> ApiClient:
    """An administrator's own organization's client (any, for the platform): another
    organization's is "not found", as are its users."""
    client = await repository.get_api_client_by_id(session, client_id)
    if client is None or not (actor.is_platform or client.organization_id == actor.organization_id):
        raise ApiClientNotFound(f"No API client {client_id}.")
    require_admin_of(actor, client.organization_id)
    return client


async def update_api_client(
    session: AsyncSession,
    actor: Principal,
    client_id: uuid.UUID,
    *,
    if_match: IfMatch,
    name: str | None = None,
    scopes: frozenset[str] | None = None,
    active: bool | None = None,
) -> ApiClient:
    """Rename, re-scope, disable or enable a client. Its tokens are checked against it on every
    request: disabling refuses them at once, and narrowing refuses those holding a scope it has
    lost (widening applies to tokens issued after)."""
    client = await get_api_client(session, actor, client_id)
    _require_holds_all_of(actor, client)
    if_match.check(client.version)
    if scopes is not None:
        _check_client_scopes(actor, client.role, scopes)
        client.scopes = sorted(scopes)
    if name is not None:
        client.name = name
    if active is not None:
        set_active(client, active)
    await session.flush()
    return client


async def rotate_client_secret(
    session: AsyncSession, actor: Principal, client_id: uuid.UUID, *, if_match: IfMatch
) -> IssuedClient:
    """A new secret, at once: a leaked one must stop working now, and so must every token issued
    before (a leak of the secret may have minted some)."""
    client = await get_api_client(session, actor, client_id)
    _require_holds_all_of(actor, client)
    if_match.check(client.version)
    secret, client.secret_hash = _new_secret()
    client.tokens_valid_after = tokens_clock()
    await session.flush()
    return IssuedClient(client=client, secret=secret)
