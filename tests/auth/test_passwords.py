"""Passwords: argon2id hashes, and the NIST SP 800-63B rules for choosing one."""

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.passwords import (
    MAX_LENGTH,
    check_new_password,
    hash_password,
    verify_password,
)
from dealreg.auth.service import UnknownUser, set_password
from dealreg.errors import InvalidInput
from dealreg.orgs.models import Role
from tests.factories import Factory

GOOD = "correct horse battery staple"


def test_a_hash_is_argon2id_salted_and_verifies_only_its_password() -> None:
    first, second = hash_password(GOOD), hash_password(GOOD)
    assert first.startswith("$argon2id$")
    assert first != second  # salted
    assert verify_password(first, GOOD)
    assert not verify_password(first, GOOD + "!")
    assert not verify_password("not a hash", GOOD)


def test_no_hash_never_verifies() -> None:
    # Checked against a dummy hash all the same: the time taken does not tell who has a password.
    assert not verify_password(None, GOOD)
    assert not verify_password(None, "not a password anybody has")


def test_the_same_characters_typed_differently_match() -> None:
    composed, decomposed = (
        "Caf\u00e9 au lait, s'il vous pla\u00eet",
        "Cafe\u0301 au lait, s'il vous plai\u0302t",
    )
    assert verify_password(hash_password(composed), decomposed)


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short one", "at least 12"),
        ("x" * (MAX_LENGTH + 1), "at most"),
        ("password1234", "commonly used"),
        ("Qwerty123456", "commonly used"),
        ("aaaaaaaaaaaaaaaa", "commonly used"),
        ("casey.buyer-rocks!", "email address or your name"),
        ("my name is Ionescu ok", "email address or your name"),
    ],
)
def test_a_password_nobody_should_choose_is_refused_naming_the_field(
    password: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_new_password(
            password, email="casey.buyer@example.com", name="Casey Ionescu", pointer="/password"
        )
    assert says in refused.value.detail
    assert [e.pointer for e in refused.value.errors] == ["/password"]


@pytest.mark.parametrize("password", [GOOD, "Tr0ub4dor&3xyz", "ăîșțâ ăîșțâ ăîșțâ", "🔑🚪" * 6])
def test_no_composition_rules_only_length_and_commonness(password: str) -> None:
    check_new_password(password, email="casey@example.com", name="Casey Ionescu", pointer="/p")


async def test_setting_a_password_stores_only_its_hash(db: AsyncSession, factory: Factory) -> None:
    user = await factory.user(await factory.partner(), Role.partner_rep)
    assert user.password_hash is None
    changed = await set_password(db, user.email.upper(), GOOD)
    assert changed.id == user.id
    assert changed.password_hash is not None
    assert GOOD not in changed.password_hash
    assert verify_password(changed.password_hash, GOOD)

    with pytest.raises(InvalidInput):
        await set_password(db, user.email, "password")
    assert verify_password(changed.password_hash, GOOD)  # a refused one changes nothing
    with pytest.raises(UnknownUser):
        await set_password(db, "nobody@example.com", GOOD)
