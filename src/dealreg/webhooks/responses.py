"""The shape of a webhook endpoint that the API's routes and the webhooks' payloads both show."""

from datetime import datetime
from typing import Any

from dealreg.fields import Resource


class EndpointOut(Resource, kw_only=True):
    url: str
    description: str
    event_types: list[str]
    enabled: bool
    # Why dealreg disabled it, after a run of failed attempts.
    disabled_reason: str | None
    # Since when every attempt has failed; five days of it disable the endpoint.
    failing_since: datetime | None
    # While a rotation overlaps, deliveries are signed with the old secret too, until then.
    previous_secret_expires_at: datetime | None


def endpoint_out(endpoint: Any) -> EndpointOut:
    return EndpointOut.of(endpoint)
