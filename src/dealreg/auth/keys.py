"""The token signing key: one ES256 key per installation, kept as a private JWK in a file.

The file is created on first use. Several processes may start at once (a `serve` and a
`dealreg token` beside it), so creation writes a temporary file and links it into place: exactly
one key wins and every process reads that one.
"""

import json
import os
import tempfile
from pathlib import Path

from joserfc.jwk import ECKey, KeySet

ALGORITHM = "ES256"


def load_or_create_signing_key(path: Path) -> ECKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = ECKey.generate_key("P-256", auto_kid=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jwk-")
        try:
            with os.fdopen(fd, "w") as fh:
                json.dump(key.as_dict(private=True), fh)
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first; use theirs
        finally:
            os.unlink(tmp)
    data = json.loads(path.read_text())
    key = ECKey.import_key(data)
    if not key.kid:
        key.ensure_kid()
    return key


def public_jwks(key: ECKey) -> dict[str, object]:
    public = key.as_dict(private=False)
    public.update({"use": "sig", "alg": ALGORITHM})
    return {"keys": [public]}


def verification_keys(key: ECKey) -> KeySet:
    return KeySet([key])
