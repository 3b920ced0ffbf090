"""Checking what a person typed on the sign-in page against their password."""

import asyncio
import enum

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.passwords import MAX_LENGTH, verify_password
from dealreg.orgs import repository
from dealreg.orgs.models import User


class Outcome(enum.Enum):
    signed_in = "signed_in"
    # No such person, no password set, or the wrong one: one answer, so nobody learns who exists.
    wrong = "wrong"
    # The right password of a disabled person.
    disabled = "disabled"


async def check_credentials(
    db: AsyncSession, email: str, password: str
) -> tuple[Outcome, User | None]:
    """Whether `password` is the password of the person with `email`. The hash is checked in a
    worker thread (argon2 takes tens of milliseconds of CPU), against a dummy hash when there is
    no person or no password, so an unknown email takes as long as a wrong password."""
    user = await repository.get_user_by_email(db, email.strip().lower())
    if len(password) > MAX_LENGTH * 4:
        # Nobody's password is this long (at most MAX_LENGTH characters once normalised, which
        # composes a few): not worth the hashing it would cost.
        return Outcome.wrong, None
    matches = await asyncio.to_thread(
        verify_password, user.password_hash if user is not None else None, password
    )
    if not matches or user is None:
        return Outcome.wrong, None
    if not user.active:
        return Outcome.disabled, None
    return Outcome.signed_in, user
