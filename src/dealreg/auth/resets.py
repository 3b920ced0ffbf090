"""Password resets: anybody may ask for one by email, and always gets the same answer (202),
whether or not the email is somebody's, at the same cost: the request is written and a job
enqueued either way. The job, in the worker, looks the person up and mails an active one a
one-time link, valid 30 minutes from the request, to a page where they set a new password.

Setting it spends the link (and every other reset link of the person's) and ends the person's
tokens issued before (`tokens_valid_after`). A few requests per email within a link's lifetime
are written; more are answered alike and dropped, so that nobody can flood a mailbox, and no
stranger can keep the person's own requests dropped for longer than the links they spent live.
"""

import uuid
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.invitations import end_pending_invitations
from dealreg.auth.link_models import PasswordReset
from dealreg.auth.links import (
    AccountDisabled,
    LinkExpired,
    LinkNotFound,
    LinkUsed,
    digest,
    new_token,
    well_formed,
)
from dealreg.auth.service import set_password
from dealreg.db import database_now
from dealreg.mail import tasks as mail
from dealreg.mail.letters import Mail
from dealreg.mail.service import send_later
from dealreg.orgs import repository as users
from dealreg.orgs.models import User
from dealreg.outbox.jobs import enqueue, job

LIFETIME = timedelta(minutes=30)
PAGE_PATH = "/account/password-reset"
# Requests written per email within THROTTLE_WINDOW; more are dropped unanswered. The window is
# a link's lifetime: once a stranger's requests' links have lapsed, the person's own gets through.
REQUESTS_PER_EMAIL = 3
THROTTLE_WINDOW = LIFETIME
# Requests are forgotten this long after they were made: well past their links' expiry and the
# throttle's window.
KEEP_FOR = timedelta(days=1)


async def request_reset(session: AsyncSession, email: str) -> None:
    email = email.strip().lower()
    recent = await session.scalar(
        select(func.count())
        .select_from(PasswordReset)
        .where(
            func.lower(PasswordReset.email) == email,
            PasswordReset.created_at > func.now() - THROTTLE_WINDOW,
        )
    )
    if recent is not None and recent >= REQUESTS_PER_EMAIL:
        return
    reset = PasswordReset(email=email, expires_at=func.now() + LIFETIME)
    session.add(reset)
    await session.flush()
    await enqueue(session, mail_reset_link, reset_id=str(reset.id))


@job("auth.mail_reset_link")
async def mail_reset_link(session: AsyncSession, reset_id: str) -> None:
    """Mail the link of a request whose email is an active person's; do nothing otherwise."""
    reset = await session.get(PasswordReset, uuid.UUID(reset_id), with_for_update=True)
    if reset is None or reset.token_hash is not None:
        return
    user = await users.get_user_by_email(session, reset.email)
    if user is None or not user.active or reset.expires_at <= await database_now(session):
        return
    token, token_digest = new_token()
    reset.user_id = user.id
    reset.token_hash = token_digest
    setup = mail.outbound()
    link = f"{setup.site_url.rstrip('/')}{PAGE_PATH}?token={token}"
    text = (
        "Somebody, hopefully you, asked to reset your dealreg password.\n\n"
        f"Choose a new one here:\n{link}\n\n"
        f"The link works once, until {reset.expires_at:%Y-%m-%d %H:%M} UTC. If you did not ask, "
        "ignore this mail: your password stays as it is.\n"
    )
    await send_later(
        session,
        setup.sealer,
        Mail(to=user.email, subject="Reset your dealreg password", text=text, link=link),
        send_before=reset.expires_at,
    )
    await session.flush()


async def open_reset(
    session: AsyncSession, token: str, *, lock: bool = False
) -> tuple[PasswordReset, User]:
    """The reset a link's token opens, and its person; the link's refusal otherwise."""
    stmt = select(PasswordReset).where(PasswordReset.token_hash == digest(token))
    reset = (
        await session.scalar(stmt.with_for_update() if lock else stmt)
        if well_formed(token)
        else None
    )
    if reset is None or reset.user_id is None:
        raise LinkNotFound("This password reset link is not valid; ask for a new one.")
    if reset.used_at is not None:
        raise LinkUsed("This password reset link was already used; ask for a new one.")
    if reset.expires_at <= await database_now(session):
        raise LinkExpired("This password reset link has expired; ask for a new one.")
    user = await session.get_one(User, reset.user_id)
    if not user.active:
        raise AccountDisabled("This account is disabled.")
    return reset, user


async def complete_reset(session: AsyncSession, token: str, *, password: str) -> User:
    """Set the new password; the link and the person's other reset links are spent, and every
    token issued to the person before now is refused."""
    _, user = await open_reset(session, token, lock=True)
    # The one way a password is set: its rules, its hash, and whatever a new password ends
    # (every token issued before, however it was issued).
    await set_password(session, user.email, password)
    now = await database_now(session)
    await session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    # An invited person who never accepted now has a password: the invitation's link must not
    # set another one.
    await end_pending_invitations(session, user.id, now)
    await session.flush()
    return user


@job("auth.prune_resets")
async def prune_resets(session: AsyncSession) -> None:
    await session.execute(
        delete(PasswordReset).where(PasswordReset.created_at < func.now() - KEEP_FOR)
    )
