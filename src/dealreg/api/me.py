import uuid
from typing import Literal

import msgspec
from litestar import get

from dealreg.api.deps import Caller, Db
from dealreg.api.organizations import OrganizationOut
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY
from dealreg.orgs import service
from dealreg.orgs.models import Role


class MeOut(msgspec.Struct, kw_only=True):
    kind: Literal["user", "client"]
    id: uuid.UUID
    role: Role
    scopes: list[str]
    organization: OrganizationOut
    email: str | None = None
    name: str | None = None


@get(
    "/v1/me",
    tags=["me"],
    security=BEARER_SECURITY,
    responses=problems(),
    summary="Who the access token belongs to",
)
async def me(db: Db, principal: Caller) -> MeOut:
    org = await service.get_organization(db, principal, principal.organization_id)
    user = await service.get_user(db, principal.subject_id) if principal.kind == "user" else None
    return MeOut(
        kind=principal.kind,
        id=principal.subject_id,
        role=principal.role,
        scopes=sorted(principal.scopes),
        organization=OrganizationOut.of(org),
        email=user.email if user else None,
        name=user.name if user else None,
    )
