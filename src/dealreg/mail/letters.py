"""A mail as it is written and sealed: its subject and text under a key of their own derived
from the installation's signing key (the one every API and worker process reads), bound to the
mail's id. A copy of the database does not show the one-time links mails carry, and a sealed
text moved to another row does not open there."""

import uuid

import msgspec
from joserfc.jwk import ECKey

from dealreg.sealing import Sealer

_PURPOSE = b"dealreg mail v1"


class Mail(msgspec.Struct, frozen=True, kw_only=True):
    to: str
    subject: str
    text: str
    # The one-time link in the text, logged when mail is written to files (the demo's mode).
    link: str | None = None


def mail_sealer(signing_key: ECKey) -> Sealer:
    return Sealer.from_signing_key(signing_key, purpose=_PURPOSE)


def seal(sealer: Sealer, mail_id: uuid.UUID, mail: Mail) -> bytes:
    return sealer.seal(msgspec.msgpack.encode(mail), mail_id.bytes)


def unseal(sealer: Sealer, mail_id: uuid.UUID, sealed: bytes) -> Mail:
    return msgspec.msgpack.decode(sealer.open(sealed, mail_id.bytes), type=Mail)
