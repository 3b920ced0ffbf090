"""Standard Webhooks signatures: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under
the endpoint's secret (`whsec_` and the key in base64)."""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(
    message_id: str, timestamp: int, body: bytes, secrets_in_force: list[str]
) -> dict[str, str]:
    """The three headers of a delivery, signed with every secret in force (the new and, while a
    rotation overlaps, the old), space-separated as the specification allows."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            sign(secret, message_id, timestamp, body) for secret in secrets_in_force
        ),
        "content-type": "application/json",
        "user-agent": "dealreg-webhooks/1",
    }
