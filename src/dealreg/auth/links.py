"""One-time links mailed to a person (an invitation, a password reset): a 256-bit random token
in the link, kept in the database only as its SHA-256 (a slow hash buys nothing against a token
nobody can guess), and the refusals a link can meet."""

import hashlib
import secrets
import unicodedata
from typing import Any

from dealreg.errors import DealRegError, Forbidden, InvalidInput, NotFound, field_error
from dealreg.i18n import N_

# Tokens are this long in the link (43 characters of base64url); anything else is no token.
TOKEN_LENGTH = 43
NAME_MAX = 200


def new_token() -> tuple[str, str]:
    """A token for a link, and the digest to keep of it."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str) -> bool:
    return len(token) == TOKEN_LENGTH and token.isascii()


class LinkNotFound(NotFound):
    type, title = "link-not-found", "This link is not valid"


class LinkUsed(DealRegError):
    status, type, title = 410, "link-used", "This link was already used"


class LinkExpired(DealRegError):
    status, type, title = 410, "link-expired", "This link has expired"


class LinkRevoked(DealRegError):
    status, type, title = 410, "link-revoked", "This link was withdrawn"


class AccountDisabled(Forbidden):
    type, title = "account-disabled", "This account is disabled"


def checked_name(name: str) -> str:
    """A person's name as they typed it, trimmed: 1 to 200 characters, none of them control
    characters."""
    name = " ".join(name.split())
    params: dict[str, Any] = {}
    if not name or len(name) > NAME_MAX:
        code = "too_long" if name else "required"
        params = {"max_length": NAME_MAX} if name else {}
        problem = f"Your name is 1 to {NAME_MAX} characters."
    elif any(unicodedata.category(char).startswith("C") for char in name):
        code = "invalid_characters"
        problem = N_("Your name may not contain control characters.")
    else:
        return name
    error = field_error(code, detail=problem, pointer="/name", **params)
    raise InvalidInput(problem, errors=[error])
