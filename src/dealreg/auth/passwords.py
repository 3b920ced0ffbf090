"""People's passwords: argon2id hashes (argon2-cffi, RFC 9106's recommended parameters) and the
NIST SP 800-63B rules for a new one: at least 12 characters, no composition rules, and none of
the commonly used passwords (zxcvbn's list of the 30,000 most common), nor the person's own
email or name.

A password is checked as a person typed it (Unicode normalised, NFKC, as 800-63B asks), so the
same characters typed on another keyboard still match.
"""

import unicodedata
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from dealreg.errors import InvalidInput, field_error
from dealreg.i18n import N_

MIN_LENGTH = 12
# Long enough for any passphrase; bounded so that hashing cannot be made to take arbitrary time.
MAX_LENGTH = 256

_hasher = PasswordHasher()


def normalized(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(normalized(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` is the one `password_hash` was made from. Without a hash (a person who
    has not set a password yet, or no such person), a dummy hash is checked all the same, so the
    answer takes as long either way and does not tell who exists."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), normalized(password)) and (
            password_hash is not None
        )
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a password anybody has")


@cache
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_new_password(password: str, *, email: str, name: str = "", pointer: str) -> None:
    """Refuse a password a person may not choose, naming the field at `pointer`."""
    typed = normalized(password)
    folded = typed.casefold()
    params: dict[str, Any] = {}
    if len(typed) < MIN_LENGTH:
        code, params = "too_short", {"min_length": MIN_LENGTH}
        problem = f"A password has at least {MIN_LENGTH} characters."
    elif len(typed) > MAX_LENGTH:
        code, params = "too_long", {"max_length": MAX_LENGTH}
        problem = f"A password has at most {MAX_LENGTH} characters."
    elif folded in _common() or len(set(folded)) == 1:
        code = "too_common"
        problem = N_("This password is one of the most commonly used ones; choose another.")
    elif any(part and part in folded for part in _own_words(email, name)):
        code = "personal"
        problem = N_("A password may not contain your email address or your name.")
    else:
        return
    error = field_error(code, detail=problem, pointer=pointer, **params)
    raise InvalidInput(problem, errors=[error])


def _own_words(email: str, name: str) -> list[str]:
    """What an attacker who knows the person would try first: their email, its local part, and
    the words of their name (short ones are too common to refuse)."""
    local = email.split("@", 1)[0]
    words = [email, local, *name.split()]
    return [word.casefold() for word in words if len(word) >= 4]
