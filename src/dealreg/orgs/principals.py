"""Who is calling, as every service sees it; auth/tokens.py makes one from a verified token."""

import uuid
from typing import Literal

import msgspec

from dealreg.orgs.models import OrgKind, Role


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """Who is calling: a user or a machine client, in one organization, with one role."""

    kind: Literal["user", "client"]
    subject_id: uuid.UUID
    organization_id: uuid.UUID
    org_kind: OrgKind
    role: Role
    scopes: frozenset[str]
    client_id: str
    # When its token was issued (Unix seconds); None for a principal no token stands for.
    issued_at: int | None = None
    # The sign-in session its token came from (auth/sessions.py): ending it refuses the token.
    session_id: uuid.UUID | None = None

    @property
    def is_platform(self) -> bool:
        return self.org_kind is OrgKind.platform
