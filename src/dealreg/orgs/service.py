"""Rules of organizations and enrolment. Services never commit; the caller's transaction does.

Visibility is enforced by the repository (another tenant's row is "not found"); the rules here
decide what a visible row may be changed into, and by whom.
"""

import uuid
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.errors import Forbidden, field_error
from dealreg.orgs import repository
from dealreg.orgs.errors import (
    CannotDisableYourself,
    DuplicateOrganization,
    DuplicatePartnership,
    DuplicateUser,
    InvalidOrganization,
    OrganizationNotFound,
    PartnershipNotFound,
    UserNotFound,
)
from dealreg.orgs.models import (
    ApiClient,
    Organization,
    OrgKind,
    Partnership,
    PartnershipStatus,
    RevenueBand,
    Role,
    Tier,
    User,
)
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch

# The roles people hold, by the kind of their organization. `vendor_system` is no person's: it
# is the role of a vendor's machine client.
USER_ROLES_BY_KIND: dict[OrgKind, frozenset[Role]] = {
    OrgKind.partner: frozenset({Role.partner_rep, Role.partner_admin}),
    OrgKind.vendor: frozenset({Role.vendor_approver, Role.vendor_admin, Role.channel_ops}),
    OrgKind.platform: frozenset({Role.platform_admin, Role.channel_ops}),
}
# Which roles each administrator may hand out within their own organization.
GRANTABLE_BY: dict[Role, frozenset[Role]] = {
    Role.partner_admin: USER_ROLES_BY_KIND[OrgKind.partner],
    Role.vendor_admin: USER_ROLES_BY_KIND[OrgKind.vendor],
}


def invalid(pointer: str, detail: str, *, code: str = "invalid") -> InvalidOrganization:
    return InvalidOrganization(detail, errors=[field_error(code, pointer=pointer, detail=detail)])


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_timezone(tz: str) -> None:
    if tz not in _time_zones():
        raise invalid("/timezone", f"'{tz}' is not an IANA time zone (for example Europe/Oslo)")


def _require_platform_admin(actor: Principal) -> None:
    if actor.role is not Role.platform_admin:
        raise Forbidden("Only a platform administrator may do this.")


async def create_organization(
    session: AsyncSession,
    actor: Principal,
    *,
    kind: OrgKind,
    name: str,
    country: str,
    code: str | None,
    timezone: str | None,
) -> Organization:
    _require_platform_admin(actor)
    if kind is OrgKind.vendor:
        if code is None:
            raise invalid(
                "/code",
                "a vendor needs a code: it prefixes its registration numbers",
                code="required",
            )
        if timezone is None:
            raise invalid(
                "/timezone",
                "a vendor needs a time zone: its SLA runs on business time",
                code="required",
            )
    if timezone is not None:
        _check_timezone(timezone)
    org = Organization(kind=kind, name=name, country=country, code=code, timezone=timezone)
    await flush_unique(session, _org_conflicts(name, code), org)
    return org


def _org_conflicts(name: str, code: str | None) -> dict[str, Callable[[], Exception]]:
    return {
        "uq_organizations_name": lambda: DuplicateOrganization(
            f"An organization named '{name}' already exists."
        ),
        "uq_organizations_code": lambda: DuplicateOrganization(
            f"The code '{code}' is already used by another organization."
        ),
    }


async def caller_organization(session: AsyncSession, actor: Principal) -> Any:
    """The caller's organization (always visible to it), as a row of its columns."""
    return await repository.caller_organization(session, actor)


async def get_organization(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID
) -> Organization:
    org = await repository.get_organization(session, actor, org_id)
    if org is None:
        raise OrganizationNotFound(f"No organization {org_id}.")
    return org


async def list_organizations(
    session: AsyncSession,
    actor: Principal,
    *,
    kind: OrgKind | None,
    page: PageRequest,
) -> Page[Organization]:
    return await repository.list_organizations(session, actor, kind=kind, page=page)


async def update_organization(
    session: AsyncSession,
    actor: Principal,
    org_id: uuid.UUID,
    *,
    if_match: IfMatch,
    name: str | None = None,
    country: str | None = None,
    code: str | None = None,
    timezone: str | None = None,
    employees: int | msgspec.UnsetType | None = msgspec.UNSET,
    annual_revenue_band: RevenueBand | msgspec.UnsetType | None = msgspec.UNSET,
) -> Organization:
    """None leaves a field unchanged, but for the size facts, where None clears the fact and
    UNSET leaves it."""
    _require_platform_admin(actor)
    org = await get_organization(session, actor, org_id)
    if_match.check(org.version)
    sized = {"employees": employees, "annual_revenue_band": annual_revenue_band}
    for field, value in sized.items():
        if value is msgspec.UNSET:
            continue
        # Clearing what a vendor never has is no change; stating it is a mistake.
        if value is not None and org.kind is not OrgKind.partner:
            raise invalid(f"/{field}", "only a partner has size facts", code="not_allowed")
        setattr(org, field, value)
    if timezone is not None:
        _check_timezone(timezone)
        org.timezone = timezone
    if name is not None:
        org.name = name
    if country is not None:
        org.country = country
    if code is not None:
        org.code = code
    await flush_unique(session, _org_conflicts(org.name, org.code))
    return org


def require_admin_of(actor: Principal, org_id: uuid.UUID) -> None:
    """Platform admins act on any organization; a vendor or partner admin only on their own."""
    if actor.role is Role.platform_admin:
        return
    if actor.role in GRANTABLE_BY and actor.organization_id == org_id:
        return
    raise Forbidden("Only an administrator of this organization may do this.")


async def may_add_user(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, role: Role
) -> Organization:
    """The organization, when `actor` may add a user with `role` to it: an administrator of it
    (or the platform), a role its kind has and the actor may grant."""
    org = await own_organization(session, actor, org_id)
    require_admin_of(actor, org.id)
    if role not in USER_ROLES_BY_KIND[org.kind]:
        raise invalid(
            "/role",
            f"a {org.kind.value} organization has no '{role.value}' users",
            code="not_allowed",
        )
    if actor.role is not Role.platform_admin and role not in GRANTABLE_BY[actor.role]:
        raise Forbidden(f"A {actor.role.value} may not create '{role.value}' users.")
    return org


async def create_user(
    session: AsyncSession,
    actor: Principal,
    org_id: uuid.UUID,
    *,
    email: str,
    name: str,
    role: Role,
) -> User:
    org = await may_add_user(session, actor, org_id, role)
    email = email.strip().lower()
    user = User(organization_id=org.id, email=email, name=name, role=role)
    await flush_unique(
        session,
        {"uq_users_email": lambda: DuplicateUser(f"A user with email '{email}' already exists.")},
        user,
    )
    return user


async def list_users(
    session: AsyncSession,
    actor: Principal,
    org_id: uuid.UUID,
    *,
    page: PageRequest,
) -> Page[User]:
    org = await own_organization(session, actor, org_id)
    return await repository.list_users(session, org.id, page=page)


async def update_user(
    session: AsyncSession,
    actor: Principal,
    org_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    if_match: IfMatch,
    name: str | None = None,
    active: bool | None = None,
) -> User:
    """Rename, disable or enable a user of an organization the caller administers. Tokens are
    checked against their user on every request: disabling refuses them at once, and enabling
    again does not bring back those issued before."""
    org = await own_organization(session, actor, org_id)
    user = await repository.get_user(session, user_id)
    if user is None or user.organization_id != org.id:
        raise UserNotFound(f"No user {user_id} in organization {org_id}.")
    require_admin_of(actor, org.id)
    if_match.check(user.version)
    if active is False and actor.kind == "user" and actor.subject_id == user.id:
        raise CannotDisableYourself(
            "You cannot disable yourself; another administrator of the organization can."
        )
    if name is not None:
        user.name = name
    if active is not None:
        set_active(user, active)
    await session.flush()
    return user


async def own_organization(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID
) -> Organization:
    """The caller's own organization (any, for the platform). A counterparty's staff and machine
    clients are not theirs to read or change: such an organization is "not found" here."""
    org = await get_organization(session, actor, org_id)
    if not actor.is_platform and actor.organization_id != org.id:
        raise OrganizationNotFound(f"No organization {org_id}.")
    return org


async def vendor_administered_by(
    session: AsyncSession, actor: Principal, vendor_id: uuid.UUID | None
) -> Organization:
    """The vendor a vendor-side write is for: the caller's own when unnamed; one the caller
    administers (any, for a platform admin) when named."""
    if vendor_id is None:
        if actor.org_kind is not OrgKind.vendor:
            raise invalid("/vendor_id", "vendor_id is required", code="required")
        vendor_id = actor.organization_id
    # Looked up before the admin check: a vendor the caller cannot see is "no such vendor",
    # never a 403 that would tell it exists.
    vendor = await repository.get_organization(session, actor, vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise invalid("/vendor_id", f"{vendor_id} is not a vendor", code="not_found")
    require_admin_of(actor, vendor.id)
    return vendor


async def create_partnership(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID,
    vendor_id: uuid.UUID | None,
    tier: Tier,
    status: PartnershipStatus,
) -> Partnership:
    vendor = await vendor_administered_by(session, actor, vendor_id)
    # The partner is not yet a counterparty of the vendor, so it is looked up unscoped: a vendor
    # admin may enrol any partner of the installation, and learns nothing else about it.
    partner = await session.get(Organization, partner_id)
    if partner is None or partner.kind is not OrgKind.partner:
        raise invalid("/partner_id", f"{partner_id} is not a partner", code="not_found")
    partnership = Partnership(partner_id=partner.id, vendor_id=vendor.id, tier=tier, status=status)
    await flush_unique(
        session,
        {
            "uq_partnerships_partner_id_vendor_id": lambda: DuplicatePartnership(
                f"{partner.name} is already enrolled with {vendor.name}."
            )
        },
        partnership,
    )
    return partnership


async def get_partnership(
    session: AsyncSession, actor: Principal, partnership_id: uuid.UUID
) -> Partnership:
    partnership = await repository.get_partnership(session, actor, partnership_id)
    if partnership is None:
        raise PartnershipNotFound(f"No partnership {partnership_id}.")
    return partnership


async def list_partnerships(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID | None,
    vendor_id: uuid.UUID | None,
    status: PartnershipStatus | None,
    page: PageRequest,
) -> Page[Partnership]:
    return await repository.list_partnerships(
        session,
        actor,
        partner_id=partner_id,
        vendor_id=vendor_id,
        status=status,
        page=page,
    )


async def party_names(
    session: AsyncSession, partnerships: Sequence[Partnership]
) -> dict[uuid.UUID, str]:
    """The names of the vendors and partners of `partnerships` (ones the caller may see, so
    party to each: a counterparty's name is no secret to it), in one query."""
    return await repository.names_of(
        session, [id_ for p in partnerships for id_ in (p.vendor_id, p.partner_id)]
    )


async def organization_names(
    session: AsyncSession, organization_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """The names of `organization_ids`, which the caller knows as counterparties already (the
    vendors of its own registrations and leads), in one query."""
    return await repository.names_of(session, organization_ids)


async def update_partnership(
    session: AsyncSession,
    actor: Principal,
    partnership_id: uuid.UUID,
    *,
    if_match: IfMatch,
    tier: Tier | None,
    status: PartnershipStatus | None,
    owner_id: uuid.UUID | msgspec.UnsetType | None = msgspec.UNSET,
) -> Partnership:
    partnership = await get_partnership(session, actor, partnership_id)
    require_admin_of(actor, partnership.vendor_id)
    if_match.check(partnership.version)
    if isinstance(owner_id, uuid.UUID):
        await _check_owner(session, partnership.vendor_id, owner_id)
    if tier is not None:
        partnership.tier = tier
    if status is not None:
        partnership.status = status
    if not isinstance(owner_id, msgspec.UnsetType):
        partnership.owner_id = owner_id
    await session.flush()
    return partnership


async def _check_owner(session: AsyncSession, vendor_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    """A partnership's owner is one of the vendor's channel team: an active approver or admin."""
    owner = await session.get(User, owner_id)
    if (
        owner is None
        or owner.organization_id != vendor_id
        or not owner.active
        or owner.role not in (Role.vendor_approver, Role.vendor_admin)
    ):
        raise invalid(
            "/owner_id",
            f"{owner_id} is not an active approver or admin of the vendor",
            code="not_found",
        )


def set_active(holder: User | ApiClient, active: bool) -> None:
    """Disabling refuses every token issued before, for good: enabling again brings none back
    (one may have leaked meanwhile)."""
    if not active and holder.active:
        holder.tokens_valid_after = tokens_clock()
    holder.active = active


def tokens_clock() -> datetime:
    # The clock tokens are issued by (their `iat`), not the database's: the two are compared.
    return datetime.now(UTC)


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await repository.get_user(session, user_id)
    if user is None:
        raise UserNotFound(f"No user {user_id}.")
    return user
