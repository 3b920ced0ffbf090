"""The reset job as a worker runs it: it mails an active person once, whatever the number of
copies of its message, and nobody else."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth import resets
from dealreg.auth.link_models import PasswordReset
from dealreg.mail.models import OutgoingMail
from dealreg.orgs.models import Role
from tests.factories import Factory
from tests.problems import count_rows


async def _requested(db: AsyncSession, email: str) -> PasswordReset:
    await resets.request_reset(db, email)
    reset = await db.scalar(select(PasswordReset).order_by(PasswordReset.created_at.desc()))
    assert reset is not None
    return reset


@pytest.mark.usefixtures("to_smtp")
async def test_a_second_copy_of_the_message_mails_nothing_more(
    db: AsyncSession, factory: Factory
) -> None:
    person = await factory.user(await factory.partner(), Role.partner_rep)
    reset = await _requested(db, person.email.upper())
    await resets.mail_reset_link.fn(db, reset_id=str(reset.id))
    await db.refresh(reset)
    digest = reset.token_hash
    assert digest is not None
    assert reset.user_id == person.id
    await resets.mail_reset_link.fn(db, reset_id=str(reset.id))
    await db.refresh(reset)
    assert reset.token_hash == digest
    assert await count_rows(db, OutgoingMail) == 1


@pytest.mark.usefixtures("to_smtp")
async def test_nobody_and_a_disabled_person_get_no_link(db: AsyncSession, factory: Factory) -> None:
    disabled = await factory.user(await factory.partner(), Role.partner_rep, active=False)
    for email in ("nobody@example.test", disabled.email):
        reset = await _requested(db, email)
        await resets.mail_reset_link.fn(db, reset_id=str(reset.id))
        await db.refresh(reset)
        assert (reset.user_id, reset.token_hash) == (None, None)
    assert await count_rows(db, OutgoingMail) == 0


async def test_requests_are_forgotten_a_day_after(db: AsyncSession) -> None:
    old = await _requested(db, "old@example.test")
    await db.execute(
        update(PasswordReset)
        .where(PasswordReset.id == old.id)
        .values(created_at=datetime.now(UTC) - resets.KEEP_FOR - timedelta(minutes=1))
    )
    recent = await _requested(db, "recent@example.test")
    await resets.prune_resets.fn(db)
    assert set((await db.scalars(select(PasswordReset.id))).all()) == {recent.id}
