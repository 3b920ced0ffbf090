"""Invitations: an administrator of an organization (or the platform) adds a person by email;
the person gets a one-time link, valid 7 days, to a page where they set their name and password.

The person exists from the invitation on (so an email is not invited twice while a link is
live, and the organization's list shows them), but cannot sign in until they accept: they have no
password. Once every link of theirs lapsed or was withdrawn, inviting the email again sends a new
one to the same person.
Withdrawing a pending invitation disables the person it made, so that no other way (a password
reset) brings them in either, unless they have set a password meanwhile. A person with a password
(set by a reset) has no use for an invitation: setting it ends their pending ones, and a link
that is left opens nothing.
"""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.link_models import Invitation
from dealreg.auth.links import (
    AccountDisabled,
    LinkExpired,
    LinkNotFound,
    LinkRevoked,
    LinkUsed,
    checked_name,
    digest,
    new_token,
    well_formed,
)
from dealreg.auth.service import set_password
from dealreg.db import database_now
from dealreg.errors import Conflict, NotFound
from dealreg.mail.letters import Mail
from dealreg.mail.service import send_later
from dealreg.orgs import service as orgs
from dealreg.orgs.models import Organization, Role, User
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, fetch_page
from dealreg.sealing import Sealer

LIFETIME = timedelta(days=7)
PAGE_PATH = "/account/invitation"


class InvitationNotFound(NotFound):
    type = "invitation-not-found"


class InvitationAccepted(Conflict):
    type, title = "invitation-accepted", "The invitation was accepted"


async def invite(
    session: AsyncSession,
    sealer: Sealer,
    site_url: str,
    actor: Principal,
    org_id: uuid.UUID,
    *,
    email: str,
    role: Role,
) -> Invitation:
    """Add the person, unable to sign in yet, and mail them their link (once this commits).
    The rules of adding a user hold: an administrator of this organization or the platform, a
    role its kind has and the caller may grant, an email nobody has (409) but a person of this
    organization whose invitations all lapsed or were withdrawn: they are invited anew."""
    user = await _invited_before(session, actor, org_id, email=email, role=role)
    if user is None:
        local_part = email.strip().partition("@")[0][:200]
        user = await orgs.create_user(
            session, actor, org_id, email=email, name=local_part, role=role
        )
    org = await session.get_one(Organization, user.organization_id)
    token, token_digest = new_token()
    invitation = Invitation(
        organization_id=org.id,
        user_id=user.id,
        email=user.email,
        role=user.role,
        invited_by=actor.subject_id,
        token_hash=token_digest,
        expires_at=await database_now(session) + LIFETIME,
    )
    session.add(invitation)
    await session.flush()
    link = f"{site_url.rstrip('/')}{PAGE_PATH}?token={token}"
    text = (
        f"You are invited to dealreg as a member of {org.name} ({role.value.replace('_', ' ')}).\n\n"
        f"Set your name and password here:\n{link}\n\n"
        f"The link works once, until {invitation.expires_at:%Y-%m-%d %H:%M} UTC. If you did not "
        "expect this invitation, ignore this mail.\n"
    )
    # Folded to one line: a name stored before names refused line breaks must not make the
    # Subject header unwritable.
    org_name = " ".join(org.name.split())
    await send_later(
        session,
        sealer,
        Mail(
            to=user.email, subject=f"Your invitation to {org_name} on dealreg", text=text, link=link
        ),
        send_before=invitation.expires_at,
    )
    return invitation


async def _invited_before(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, *, email: str, role: Role
) -> User | None:
    """The person `email` names when an earlier invitation to this organization made them and
    none is left to accept (each lapsed or was withdrawn) nor did they ever set a password:
    enabled again, with `role`, their old links ended. None for anyone else."""
    user = await session.scalar(
        select(User)
        .where(func.lower(User.email) == email.strip().lower(), User.organization_id == org_id)
        .with_for_update()
    )
    if user is None or user.password_hash is not None:
        return None
    now = await database_now(session)
    invitations = (
        await session.scalars(select(Invitation).where(Invitation.user_id == user.id))
    ).all()
    if not invitations or any(
        invitation.accepted_at is not None
        or (invitation.revoked_at is None and invitation.expires_at > now)
        for invitation in invitations
    ):
        return None
    await orgs.may_add_user(session, actor, org_id, role)
    await end_pending_invitations(session, user.id, now)
    user.role = role
    orgs.set_active(user, True)
    return user


async def pending(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, *, page: PageRequest
) -> Page[Invitation]:
    """The organization's invitations neither accepted nor withdrawn (expired ones included:
    their expiry shows), for its administrators."""
    org = await orgs.own_organization(session, actor, org_id)
    orgs.require_admin_of(actor, org.id)
    stmt = select(Invitation).where(
        Invitation.organization_id == org.id,
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
    )
    return await fetch_page(session, stmt, Invitation, page)


async def revoke(
    session: AsyncSession, actor: Principal, org_id: uuid.UUID, invitation_id: uuid.UUID
) -> None:
    """Withdraw a pending invitation: its link stops working and the person it made is
    disabled (an administrator may enable them again). Withdrawing twice changes nothing."""
    org = await orgs.own_organization(session, actor, org_id)
    orgs.require_admin_of(actor, org.id)
    invitation = await session.scalar(
        select(Invitation)
        .where(Invitation.id == invitation_id, Invitation.organization_id == org.id)
        .with_for_update()
    )
    if invitation is None:
        raise InvitationNotFound(f"No invitation {invitation_id} in organization {org_id}.")
    if invitation.accepted_at is not None:
        raise InvitationAccepted(
            "This invitation was accepted: disable the user instead (PATCH the user, active false)."
        )
    if invitation.revoked_at is None:
        invitation.revoked_at = await database_now(session)
        user = await session.get_one(User, invitation.user_id)
        # Whoever set a password meanwhile is a member: disabling them is a decision of its own.
        if user.password_hash is None:
            orgs.set_active(user, False)
        await session.flush()


async def open_invitation(
    session: AsyncSession, token: str, *, lock: bool = False
) -> tuple[Invitation, User, Organization]:
    """The invitation a link's token opens, its person and organization; the link's refusal
    when it opens none (unknown, used, withdrawn, expired, its person disabled)."""
    stmt = select(Invitation).where(Invitation.token_hash == digest(token))
    invitation = (
        await session.scalar(stmt.with_for_update() if lock else stmt)
        if well_formed(token)
        else None
    )
    if invitation is None:
        raise LinkNotFound("This invitation link is not valid; ask for a new one.")
    if invitation.accepted_at is not None:
        raise LinkUsed("This invitation was already accepted: sign in with your password.")
    if invitation.revoked_at is not None:
        raise LinkRevoked("This invitation was withdrawn.")
    if invitation.expires_at <= await database_now(session):
        raise LinkExpired("This invitation has expired; ask your administrator for a new one.")
    user = await session.get_one(User, invitation.user_id)
    if not user.active:
        raise AccountDisabled("This account is disabled.")
    if user.password_hash is not None:
        # Set by a reset meanwhile: the link must not set it again for whoever holds it.
        raise LinkUsed("This account already has a password: sign in with it.")
    org = await session.get_one(Organization, invitation.organization_id)
    return invitation, user, org


async def accept(session: AsyncSession, token: str, *, name: str, password: str) -> User:
    """Set the invited person's name and password; the link is spent."""
    invitation, user, _ = await open_invitation(session, token, lock=True)
    user.name = checked_name(name)
    # The one way a password is set: its rules (the new name among the words refused), its hash.
    await set_password(session, user.email, password)
    now = await database_now(session)
    invitation.accepted_at = now
    # Any other link of this person's ends with this one.
    await end_pending_invitations(session, user.id, now)
    await session.flush()
    return user


async def end_pending_invitations(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> None:
    """Withdraw the person's invitations not yet accepted: they have a password now."""
    await session.execute(
        update(Invitation)
        .where(
            Invitation.user_id == user_id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
