"""Small factories: each makes one row in the test's transaction, with defaults that can be
overridden, and `headers_for` gives a bearer header for a user of the row's organization."""

import uuid
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.service import user_principal
from dealreg.auth.tokens import TokenService
from dealreg.orgs.models import (
    Organization,
    OrgKind,
    Partnership,
    Product,
    Program,
    Role,
    Tier,
    User,
)
from dealreg.orgs.principals import Principal

T = TypeVar("T")


def _suffix() -> str:
    return uuid.uuid4().hex[:8]


class Factory:
    def __init__(self, db: AsyncSession, tokens: TokenService) -> None:
        self.db = db
        self.tokens = tokens

    async def _add(self, row: T) -> T:
        self.db.add(row)
        await self.db.flush()
        return row

    async def vendor(self, **overrides: Any) -> Organization:
        suffix = _suffix()
        fields = {
            "kind": OrgKind.vendor,
            "name": f"Vendor {suffix}",
            "code": f"V{suffix.upper()}",
            "country": "US",
            "timezone": "America/New_York",
        }
        return await self._add(Organization(**(fields | overrides)))

    async def partner(self, **overrides: Any) -> Organization:
        fields = {"kind": OrgKind.partner, "name": f"Partner {_suffix()}", "country": "US"}
        return await self._add(Organization(**(fields | overrides)))

    async def platform(self, **overrides: Any) -> Organization:
        fields = {"kind": OrgKind.platform, "name": f"Platform {_suffix()}", "country": "US"}
        return await self._add(Organization(**(fields | overrides)))

    async def user(self, org: Organization, role: Role, **overrides: Any) -> User:
        suffix = _suffix()
        fields = {
            "organization_id": org.id,
            "email": f"{role.value}-{suffix}@example.com",
            "name": f"User {suffix}",
            "role": role,
        }
        return await self._add(User(**(fields | overrides)))

    async def partnership(
        self, partner: Organization, vendor: Organization, **overrides: Any
    ) -> Partnership:
        fields = {"partner_id": partner.id, "vendor_id": vendor.id, "tier": Tier.gold}
        return await self._add(Partnership(**(fields | overrides)))

    async def program(self, vendor: Organization, **overrides: Any) -> Program:
        fields = {"vendor_id": vendor.id, "name": f"Program {_suffix()}", "currency": "USD"}
        return await self._add(Program(**(fields | overrides)))

    async def product(self, program: Program, **overrides: Any) -> Product:
        suffix = _suffix()
        fields = {"program_id": program.id, "sku": f"SKU-{suffix}", "name": f"Product {suffix}"}
        return await self._add(Product(**(fields | overrides)))

    def principal(self, user: User, org: Organization) -> Principal:
        return user_principal(user, org, client_id="tests")

    def token(self, user: User, org: Organization, **mint: Any) -> str:
        return self.tokens.mint(self.principal(user, org), **mint)

    async def headers_for(self, org: Organization, role: Role) -> dict[str, str]:
        """A new user with `role` in `org`, as an Authorization header."""
        user = await self.user(org, role)
        return {"Authorization": f"Bearer {self.token(user, org)}"}
