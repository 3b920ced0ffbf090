"""The OpenAPI document's `webhooks`: one entry per event type (events/types.py), the POST dealreg
sends to a subscribed endpoint, with its Standard Webhooks headers and its payload
(webhooks/service.py `payload`): `data` is the resource as the API returns it to the receiver's
organization, the same schema as the resource's GET (webhook_payloads.py `RENDERERS`)."""

from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Parameter,
    PathItem,
    Reference,
    RequestBody,
    Schema,
)

from dealreg.events.types import MEANINGS, EventType

_SCHEMAS = "#/components/schemas/"
# The GET whose answer is the `data` of an event of each resource (by the type's prefix).
_RESOURCE_READS = {
    "registration": "/v1/registrations/{registration_id}",
    "sla": "/v1/registrations/{registration_id}",
    "lead": "/v1/leads/{lead_id}",
    "partner": "/v1/partners/{partner_id}/engagement",
    "webhook_endpoint": "/v1/webhook-endpoints/{endpoint_id}",
}
_HEADERS = {
    "webhook-id": "The delivery's message id: the same on every attempt, to drop repeats by.",
    "webhook-timestamp": "When this attempt was signed, in Unix seconds: refuse old ones.",
    "webhook-signature": "`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the "
    "endpoint's secret; during a rotation, one per secret in force, space-separated.",
}


def _resource_schema(openapi: OpenAPI, path: str) -> Schema | Reference:
    """The schema of what the GET at `path` answers."""
    read = (openapi.paths or {})[path].get
    answer = read.responses.get("200") if read and read.responses else None
    content = answer.content if isinstance(answer, OpenAPIResponse) else None
    schema = content["application/json"].schema if content else None
    if schema is None:
        raise LookupError(f"GET {path} answers no JSON schema to put in its events")
    return schema


def _payload(event_type: EventType, data: Schema | Reference) -> Schema:
    return Schema(
        type=OpenAPIType.OBJECT,
        required=["id", "type", "occurred_at", "subject_id", "data", "details"],
        properties={
            "id": Schema(
                type=OpenAPIType.STRING, format=OpenAPIFormat.UUID, description="The event's id."
            ),
            "type": Schema(const=event_type.value),
            "occurred_at": Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE_TIME),
            "subject_id": Schema(
                type=OpenAPIType.STRING,
                format=OpenAPIFormat.UUID,
                description="The resource the event is about.",
            ),
            "data": Schema(
                one_of=[data, Schema(type=OpenAPIType.NULL)],
                description="The resource as the API returns it to the receiver's "
                "organization now; null when it can no longer see it.",
            ),
            "details": Schema(
                type=OpenAPIType.OBJECT,
                description="What the event itself says (from and to status, a reason...), as "
                "the receiver's side may see it: the same as the event feed's `details`.",
            ),
        },
    )


def document_webhooks(openapi: OpenAPI) -> None:
    """Add the `EventType` enum and a webhook per event type."""
    openapi.components.schemas["EventType"] = Schema(
        type=OpenAPIType.STRING,
        enum=[t.value for t in EventType],
        description="What happened. A webhook endpoint subscribes to types, or to every type "
        "of a resource with `prefix.*` (`registration.*`).",
    )
    parameters: list[Parameter | Reference] = [
        Parameter(
            name=name,
            param_in="header",
            required=True,
            schema=Schema(type=OpenAPIType.STRING),
            description=description,
        )
        for name, description in _HEADERS.items()
    ]
    webhooks: dict[str, PathItem | Reference] = {}
    for event_type in EventType:
        data = _resource_schema(openapi, _RESOURCE_READS[event_type.value.split(".", 1)[0]])
        webhooks[event_type.value] = PathItem(
            post=Operation(
                summary=MEANINGS[event_type],
                tags=["webhooks"],
                parameters=parameters,
                request_body=RequestBody(
                    required=True,
                    content={
                        "application/json": OpenAPIMediaType(schema=_payload(event_type, data))
                    },
                ),
                responses={
                    "2XX": OpenAPIResponse(
                        description="Received. Any other answer, or none within 10 seconds, is "
                        "a failure: the delivery is tried again for about three days."
                    )
                },
            )
        )
    openapi.webhooks = webhooks
