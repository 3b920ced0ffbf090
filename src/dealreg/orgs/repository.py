"""All SQL of organizations and enrolment. Reads are scoped by the caller's visibility here, so a
row of another tenant is never loaded, and callers turn "not found" into a 404."""

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, bindparam, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import table_of
from dealreg.orgs.models import (
    ApiClient,
    Organization,
    OrgKind,
    Partnership,
    PartnershipStatus,
    Product,
    Program,
    User,
)
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, fetch_page


def _visible_organizations(actor: Principal) -> Select[Organization]:
    stmt = select(Organization)
    if actor.is_platform:
        return stmt
    # Own organization, and the counterparties of its partnerships (a partner sees the vendors it
    # is enrolled with; a vendor sees its partners).
    counterpart = exists().where(
        or_(
            (Partnership.partner_id == actor.organization_id)
            & (Partnership.vendor_id == Organization.id),
            (Partnership.vendor_id == actor.organization_id)
            & (Partnership.partner_id == Organization.id),
        )
    )
    return stmt.where(or_(Organization.id == actor.organization_id, counterpart))


_organizations = table_of(Organization)
# The caller's own organization (GET /v1/me), which every caller may see: a plain row from a
# statement built once. Building the visibility clause and loading an entity were most of that
# route's own CPU (issue #22).
_OWN_ORGANIZATION = select(_organizations).where(_organizations.c.id == bindparam("id"))


async def caller_organization(session: AsyncSession, actor: Principal) -> Any:
    """The caller's organization, as a row of its columns."""
    return (await session.execute(_OWN_ORGANIZATION, {"id": actor.organization_id})).one()


async def get_organization(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, *, for_update: bool = False
) -> Organization | None:
    stmt = _visible_organizations(actor).where(Organization.id == org_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def list_organizations(
    session: AsyncSession,
    actor: Principal,
    *,
    kind: OrgKind | None,
    page: PageRequest,
) -> Page[Organization]:
    stmt = _visible_organizations(actor)
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    return await fetch_page(session, stmt, Organization, page)


async def list_users(session: AsyncSession, org_id: uuid.UUID, *, page: PageRequest) -> Page[User]:
    return await fetch_page(session, select(User).where(User.organization_id == org_id), User, page)


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    return await session.get(User, user_id)


# The holder check's reads (auth/service.py ensure_current), one on every authenticated request:
# statements built once, of the columns the check (and GET /v1/me) reads, as plain rows. Loading
# an entity through the ORM cost about 0.3 ms of CPU more per request (issue #22).
_users = table_of(User)
_api_clients = table_of(ApiClient)
_USER_HOLDER = select(
    _users.c.organization_id,
    _users.c.role,
    _users.c.active,
    _users.c.tokens_valid_after,
    _users.c.email,
    _users.c.name,
).where(_users.c.id == bindparam("id"))
_CLIENT_HOLDER = select(
    _api_clients.c.organization_id,
    _api_clients.c.role,
    _api_clients.c.active,
    _api_clients.c.tokens_valid_after,
    _api_clients.c.scopes,
).where(_api_clients.c.id == bindparam("id"))


async def user_holder(session: AsyncSession, user_id: uuid.UUID) -> Any:
    """What the holder check reads of a user (and GET /v1/me shows): organization_id, role,
    active, tokens_valid_after, email, name."""
    return (await session.execute(_USER_HOLDER, {"id": user_id})).one_or_none()


async def client_holder(session: AsyncSession, client_id: uuid.UUID) -> Any:
    """What the holder check reads of a machine client: organization_id, role, active,
    tokens_valid_after, scopes."""
    return (await session.execute(_CLIENT_HOLDER, {"id": client_id})).one_or_none()


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).where(func.lower(User.email) == email.lower())
    return (await session.scalars(stmt)).one_or_none()


async def list_api_clients(
    session: AsyncSession, org_id: uuid.UUID, *, page: PageRequest
) -> Page[ApiClient]:
    stmt = select(ApiClient).where(ApiClient.organization_id == org_id)
    return await fetch_page(session, stmt, ApiClient, page)


async def get_api_client_by_id(session: AsyncSession, id_: uuid.UUID) -> ApiClient | None:
    return await session.get(ApiClient, id_)


async def get_api_client(session: AsyncSession, client_id: str) -> ApiClient | None:
    return (
        await session.scalars(select(ApiClient).where(ApiClient.client_id == client_id))
    ).one_or_none()


def _visible_partnerships(actor: Principal) -> Select[Partnership]:
    stmt = select(Partnership)
    if actor.is_platform:
        return stmt
    return stmt.where(
        or_(
            Partnership.partner_id == actor.organization_id,
            Partnership.vendor_id == actor.organization_id,
        )
    )


async def get_partnership(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID
) -> Partnership | None:
    stmt = _visible_partnerships(actor).where(Partnership.id == partnership_id)
    return (await session.scalars(stmt)).one_or_none()


async def list_partnerships(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID | None,
    vendor_id: uuid.UUID | None,
    status: PartnershipStatus | None,
    page: PageRequest,
) -> Page[Partnership]:
    stmt = _visible_partnerships(actor)
    if partner_id is not None:
        stmt = stmt.where(Partnership.partner_id == partner_id)
    if vendor_id is not None:
        stmt = stmt.where(Partnership.vendor_id == vendor_id)
    if status is not None:
        stmt = stmt.where(Partnership.status == status)
    return await fetch_page(session, stmt, Partnership, page)


def _visible_programs(actor: Principal) -> Select[Program]:
    stmt = select(Program)
    if actor.is_platform:
        return stmt
    if actor.org_kind is OrgKind.vendor:
        return stmt.where(Program.vendor_id == actor.organization_id)
    # Partners read the programs of the vendors they are actively enrolled with.
    enrolled = exists().where(
        Partnership.partner_id == actor.organization_id,
        Partnership.vendor_id == Program.vendor_id,
        Partnership.status == PartnershipStatus.active,
    )
    return stmt.where(enrolled, Program.active.is_(True))


async def get_program(
    session: AsyncSession, actor: Principal, program_id: uuid.UUID
) -> Program | None:
    stmt = _visible_programs(actor).where(Program.id == program_id)
    return (await session.scalars(stmt)).one_or_none()


async def list_programs(
    session: AsyncSession,
    actor: Principal,
    *,
    vendor_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[Program]:
    stmt = _visible_programs(actor)
    if vendor_id is not None:
        stmt = stmt.where(Program.vendor_id == vendor_id)
    return await fetch_page(session, stmt, Program, page)


async def list_products(
    session: AsyncSession, program_id: uuid.UUID, *, page: PageRequest
) -> Page[Product]:
    return await fetch_page(
        session, select(Product).where(Product.program_id == program_id), Product, page
    )


async def names_of(
    session: AsyncSession, organization_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The names of organizations the caller already knows to be its counterparties."""
    ids = list(set(organization_ids))
    if not ids:
        return {}
    stmt = select(Organization.id, Organization.name).where(Organization.id.in_(ids))
    return {row.id: row.name for row in await session.execute(stmt)}


async def user_names(
    session: AsyncSession, organization_id: uuid.UUID, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The names of those of `user_ids` who are `organization_id`'s people (no other's, whatever
    ids a caller passes)."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    stmt = select(User.id, User.name).where(
        User.id.in_(ids), User.organization_id == organization_id
    )
    return {row.id: row.name for row in await session.execute(stmt)}


async def active_partnership(
    session: AsyncSession, vendor_id: uuid.UUID, partner_id: uuid.UUID
) -> bool:
    stmt = select(Partnership.id).where(
        Partnership.vendor_id == vendor_id,
        Partnership.partner_id == partner_id,
        Partnership.status == PartnershipStatus.active,
    )
    return (await session.execute(stmt)).first() is not None


async def catalogue_skus(
    session: AsyncSession, vendor_id: uuid.UUID, skus: Sequence[str]
) -> set[str]:
    """Which of `skus` are active products of the vendor's active programs."""
    stmt = (
        select(Product.sku)
        .join(Program, Program.id == Product.program_id)
        .where(
            Program.vendor_id == vendor_id,
            Program.active.is_(True),
            Product.active.is_(True),
            Product.sku.in_(list(skus)),
        )
    )
    return set((await session.scalars(stmt)).all())
