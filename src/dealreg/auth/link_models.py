"""The rows of one-time links mailed to people, invitations and password resets: in a module
of their own, apart from the sign-in server's rows."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Base, Entity, pg_enum
from dealreg.orgs.models import Role


class Invitation(Entity):
    """A one-time link that lets an invited person set their name and password. The link's
    token is kept only as its SHA-256: a copy of the database opens no account."""

    __tablename__ = "invitations"
    __table_args__ = (
        Index(
            "ix_invitations_pending",
            "organization_id",
            "created_at",
            postgresql_where=text("accepted_at IS NULL AND revoked_at IS NULL"),
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(pg_enum(Role))
    # Who sent it: a user's or a machine client's id.
    invited_by: Mapped[uuid.UUID]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class PasswordReset(Base):
    """A request for a password reset, and once the worker found its person, the one-time link
    it mailed (kept as its SHA-256). Every request is written alike, whether anybody has the
    email or not, so the answer tells nobody which emails exist."""

    __tablename__ = "password_resets"
    __table_args__ = (Index("ix_password_resets_email", func.lower(text("email")), "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    expires_at: Mapped[datetime]
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None]
