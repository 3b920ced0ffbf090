"""Secrets kept in the database are sealed (AES-256-GCM) under keys derived from the
installation's signing key, one per purpose: the answers kept for Idempotency-Key retries (a
response may carry a secret shown only once, a machine client's or a webhook endpoint's, and its
replay must show it again) and mail waiting to be sent (its one-time links). A copy of the
database alone opens neither.

Each sealed body is bound to its row (the AEAD's associated data: a kept answer's caller and
key, a mail's id), so a body moved to another row does not open there either. Kernel-level: the
idempotency records and mail both use it, and neither may import the other's domain.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc.jwk import ECKey
from joserfc.util import urlsafe_b64decode

# The first byte of a sealed body: the format's version.
SEALED = b"\x01"
_NONCE_BYTES = 12


class Unsealable(Exception):
    """A body this installation's key does not open: the key was replaced, or the body was kept
    before sealing began (such records expire within a day of the upgrade)."""


class Sealer:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def from_signing_key(
        cls, key: ECKey, purpose: bytes = b"dealreg idempotent responses v1"
    ) -> "Sealer":
        """A key of its own for each `purpose` (kept responses, mail): what one opens, no
        other use of the signing key can."""
        private = urlsafe_b64decode(str(key.as_dict(private=True)["d"]).encode())
        derived = HKDF(algorithm=SHA256(), length=32, salt=None, info=purpose).derive(private)
        return cls(derived)

    def seal(self, body: bytes, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return SEALED + nonce + self._aead.encrypt(nonce, body, context)

    def open(self, stored: bytes, context: bytes) -> bytes:
        if not stored.startswith(SEALED):
            raise Unsealable
        nonce, sealed = stored[1 : 1 + _NONCE_BYTES], stored[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, context)
        except InvalidTag as exc:
            raise Unsealable from exc
