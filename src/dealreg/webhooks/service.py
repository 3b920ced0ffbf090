"""Webhook endpoints of an organization, and the deliveries of its events to them.

Events are written with the changes that make them (events/models.py). The dispatcher turns
them, in the order they were written, into one delivery per matching endpoint and enqueues each
through the outbox; a Dramatiq job then makes the attempt: claimed in a short transaction, sent
outside any transaction (a slow receiver never holds back the database), and recorded in
another. A failed attempt is tried again on a schedule of about three days, with jitter; a
delivery is a timer row (`next_attempt_at`) that the retry sweep takes with FOR UPDATE SKIP
LOCKED, so a lost message only delays an attempt. After a run of failures the endpoint is
disabled, and its organization told so by an event.
"""

import random
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Annotated, Any

import msgspec
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import database_now
from dealreg.disclosure import details
from dealreg.errors import Conflict, Forbidden, InvalidInput, NotFound, field_error
from dealreg.events import types as event_types
from dealreg.events.models import Event
from dealreg.events.repository import add_events, event_row
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, horizon
from dealreg.preconditions import IfMatch
from dealreg.webhooks import addresses, repository, signing
from dealreg.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

EventType = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z][a-z_]*(\.[a-z][a-z_]*)*(\.\*)?$",
        max_length=100,
        examples=["registration.approved", "lead.*"],
    ),
]
# Decoded as text and checked against the catalogue in the service, so that a misspelt type is a
# 422 that names it and suggests the type meant; the document shows the catalogue as an enum.
EventTypes = Annotated[
    list[EventType],
    msgspec.Meta(
        max_length=50,
        extra_json_schema={
            "extra": {
                "items": {
                    "type": "string",
                    "enum": list(event_types.SUBSCRIBABLE),
                    "description": "An event type, or every type of one resource: `lead.*`.",
                }
            }
        },
    ),
]
Url = Annotated[str, msgspec.Meta(min_length=8, max_length=2000)]
Description = Annotated[str, msgspec.Meta(max_length=200, pattern=r"^[^\x00]*$")]

# The waits after each failed attempt (each ±20 %): about three days in all, as the Standard
# Webhooks schedule has it, from a minute on since the retry sweep runs every minute.
RETRY_DELAYS = tuple(timedelta(minutes=m) for m in (1, 5, 30, 120, 300, 600, 600, 1440, 1440))
# An endpoint failing every attempt for this long is disabled: past the whole retry schedule, so a
# burst of failures (a receiver's deploy) never drops a delivery that the schedule would save.
DISABLE_AFTER = timedelta(days=5)
# A delivery enqueued or claimed is leased for this long: nobody else takes it meanwhile, and an
# attempt whose worker died is taken again after it. An attempt ends well within it.
LEASE = timedelta(seconds=60)
TIMEOUT_SECONDS = 10.0
RESPONSE_KEPT = 1000
DISPATCH_BATCH = 500
# Events concern vendors and partners, so endpoints are theirs (the platform reads the feed).
_ADMINS = frozenset({Role.vendor_admin, Role.partner_admin})

log = structlog.get_logger("dealreg.webhooks")


class EndpointNotFound(NotFound):
    type = "webhook-endpoint-not-found"


class DeliveryNotFound(NotFound):
    type = "webhook-delivery-not-found"


# --- endpoints ---------------------------------------------------------------------------------


class EndpointInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    url: Url
    description: Description = ""
    # Empty: every event of the organization.
    event_types: EventTypes = msgspec.field(default_factory=list)
    enabled: bool = True


class EndpointPatch(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    url: Url | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    event_types: EventTypes | msgspec.UnsetType = msgspec.UNSET
    enabled: bool | msgspec.UnsetType = msgspec.UNSET


def _require_admin(actor: Principal) -> None:
    if actor.role not in _ADMINS:
        raise Forbidden("Only the organization's admin manages its webhook endpoints.")


def _check_event_types(wanted: list[str]) -> None:
    errors = [
        error
        for index, type_ in enumerate(wanted)
        if (error := event_types.unknown_error(type_, pointer=f"/event_types/{index}"))
    ]
    if errors:
        raise InvalidInput(
            "The endpoint would subscribe to "
            + ("an event type" if len(errors) == 1 else "event types")
            + " dealreg never emits: "
            + "; ".join(error.detail for error in errors),
            errors=errors,
        )


async def _check_url(url: str, *, allow_private: bool) -> None:
    try:
        await addresses.resolve(url, allow_private=allow_private)
    except addresses.UnsafeUrl as exc:
        raise InvalidInput(
            f"Not an endpoint dealreg will call: {exc}.",
            errors=[field_error("unsafe_url", pointer="/url", detail=str(exc))],
        ) from exc


async def create_endpoint(
    session: AsyncSession, actor: Principal, data: EndpointInput, *, allow_private: bool
) -> WebhookEndpoint:
    """A new endpoint of the caller's organization; its secret is shown in this answer only."""
    _require_admin(actor)
    _check_event_types(data.event_types)
    await _check_url(data.url, allow_private=allow_private)
    endpoint = WebhookEndpoint(
        organization_id=actor.organization_id,
        url=data.url,
        description=data.description,
        event_types=list(dict.fromkeys(data.event_types)),
        enabled=data.enabled,
        secret=signing.new_secret(),
        created_by=actor.subject_id,
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def get_endpoint(
    session: AsyncSession, actor: Principal, endpoint_id: uuid.UUID, *, for_update: bool = False
) -> WebhookEndpoint:
    endpoint = await repository.endpoint_of(
        session, actor.organization_id, endpoint_id, for_update=for_update
    )
    if endpoint is None:
        raise EndpointNotFound(f"No webhook endpoint {endpoint_id}.")
    return endpoint


async def list_endpoints(session: AsyncSession, actor: Principal) -> Sequence[WebhookEndpoint]:
    return await repository.endpoints_of(session, actor.organization_id)


async def update_endpoint(
    session: AsyncSession,
    actor: Principal,
    endpoint_id: uuid.UUID,
    data: EndpointPatch,
    *,
    if_match: IfMatch,
    allow_private: bool,
) -> WebhookEndpoint:
    if not isinstance(data.event_types, msgspec.UnsetType):
        _check_event_types(data.event_types)
    # The name is resolved before the row is locked: a slow DNS answer holds no lock.
    if not isinstance(data.url, msgspec.UnsetType):
        await _check_url(data.url, allow_private=allow_private)
    endpoint = await get_endpoint(session, actor, endpoint_id, for_update=True)
    _require_admin(actor)
    if_match.check(endpoint.version)
    if not isinstance(data.url, msgspec.UnsetType):
        endpoint.url = data.url
    if not isinstance(data.description, msgspec.UnsetType):
        endpoint.description = data.description
    if not isinstance(data.event_types, msgspec.UnsetType):
        endpoint.event_types = list(dict.fromkeys(data.event_types))
    if not isinstance(data.enabled, msgspec.UnsetType):
        if data.enabled and not endpoint.enabled:
            # Enabled again by a person: it starts with a clean slate, and the deliveries left
            # pending while it was disabled go out again.
            endpoint.failing_since, endpoint.disabled_reason = None, None
        endpoint.enabled = data.enabled
    await session.flush()
    return endpoint


async def delete_endpoint(
    session: AsyncSession, actor: Principal, endpoint_id: uuid.UUID, *, if_match: IfMatch
) -> None:
    """Delete the endpoint and its deliveries: nothing more is sent to it."""
    endpoint = await get_endpoint(session, actor, endpoint_id, for_update=True)
    _require_admin(actor)
    if_match.check(endpoint.version)
    await session.delete(endpoint)
    await session.flush()


async def rotate_secret(
    session: AsyncSession,
    actor: Principal,
    endpoint_id: uuid.UUID,
    *,
    overlap: timedelta,
    if_match: IfMatch,
) -> WebhookEndpoint:
    """A new secret (shown in this answer only); the old one keeps signing, beside it, for
    `overlap`, so the receiver can switch without refusing a delivery."""
    endpoint = await get_endpoint(session, actor, endpoint_id, for_update=True)
    _require_admin(actor)
    if_match.check(endpoint.version)
    now = await database_now(session)
    endpoint.previous_secret = endpoint.secret if overlap > timedelta(0) else None
    endpoint.previous_secret_expires_at = now + overlap if overlap > timedelta(0) else None
    endpoint.secret = signing.new_secret()
    await session.flush()
    return endpoint


def secrets_in_force(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    in_force = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and now < expires:
        in_force.append(endpoint.previous_secret)
    return in_force


def takes(endpoint: WebhookEndpoint, event_type: str) -> bool:
    if not endpoint.event_types:
        return True
    return any(event_types.matches(wanted, event_type) for wanted in endpoint.event_types)


# --- dispatching -------------------------------------------------------------------------------


class Dispatched(msgspec.Struct, frozen=True):
    events: int
    deliveries: list[uuid.UUID]
    # The lease the new deliveries were made under: the token of their first attempt's job.
    lease: datetime | None = None


# The resource an event is about, as the API would return it to an organization (None when
# there is none to show): the `data` of its deliveries. `webhook_payloads.resource_for`, passed
# in by the process that dispatches: it reads through the registrations and leads services and
# this one, so it sits above the domains, where no domain imports it.
ReadResource = Callable[[AsyncSession, Organization, Event], Awaitable[Any]]


async def dispatch(
    session: AsyncSession, read_resource: ReadResource, *, limit: int = DISPATCH_BATCH
) -> Dispatched:
    """Turn the events written since the last pass into deliveries: how many events it took,
    and the deliveries it made.

    Only events before the horizon of open writers are taken, so one committed late is never
    passed over; the cursor row is locked (without waiting) so that dispatchers side by side
    take turns rather than hand out the same events twice.

    Each delivery keeps the resource as it stood at dispatch, so that every attempt and replay
    sends the same message. Dispatch follows an event within moments, but a later change made
    before it (one in the same transaction, or during a backlog) shows in the resource."""
    cursor = await repository.lock_dispatch_cursor(session)
    if cursor is None:
        return Dispatched(0, [])  # another dispatcher is at work (the migration made the row)
    until = await horizon(session)
    events = await repository.events_after(session, cursor, until, limit)
    if not events:
        return Dispatched(0, [])
    cursor.at, cursor.event_id = events[-1].created_at, events[-1].id
    org_ids = {org for e in events for org in (e.vendor_id, e.partner_id) if org is not None}
    endpoints: dict[uuid.UUID, list[WebhookEndpoint]] = {}
    for endpoint in await repository.enabled_endpoints(session, org_ids):
        endpoints.setdefault(endpoint.organization_id, []).append(endpoint)
    deliveries = []
    for event in events:
        for org_id in dict.fromkeys(o for o in (event.vendor_id, event.partner_id) if o):
            taking = [e for e in endpoints.get(org_id, []) if takes(e, event.type)]
            if not taking:
                continue
            org = await session.get_one(Organization, org_id)
            data = await _resource(session, read_resource, org, event)
            deliveries += [
                WebhookDelivery(
                    id=uuid.uuid4(),
                    endpoint_id=endpoint.id,
                    event_id=event.id,
                    event_type=event.type,
                    data=data,
                    status=DeliveryStatus.pending,
                )
                for endpoint in taking
            ]
    # Taken once the resources are read, so that reading them does not eat into the lease.
    lease = await database_now(session) + LEASE
    for delivery in deliveries:
        delivery.next_attempt_at = lease
    session.add_all(deliveries)
    await session.flush()
    return Dispatched(len(events), [delivery.id for delivery in deliveries], lease)


async def _resource(
    session: AsyncSession, read_resource: ReadResource, org: Organization, event: Event
) -> Any:
    """The event's resource for `org`, or None when it cannot be read. A resource that fails to
    read (a bug, a row it does not expect) must not hold back every organization's webhooks
    behind its event, pass after pass: its deliveries go out without it, and the failure is
    logged. Read in a savepoint, so that what failed leaves the pass's transaction intact."""
    try:
        async with session.begin_nested():
            return await read_resource(session, org, event)
    except Exception:
        log.exception("an event's resource could not be read", event_id=str(event.id))
        return None


# --- attempts ----------------------------------------------------------------------------------


class Claim(msgspec.Struct, frozen=True):
    """What an attempt sends, read while the delivery was claimed."""

    delivery_id: uuid.UUID
    url: str
    body: bytes
    headers: dict[str, str]
    # The lease this attempt holds: only it may record the outcome (see `record_attempt`).
    token: datetime


class Outcome(msgspec.Struct, frozen=True):
    status_code: int | None
    error: str | None
    duration_ms: int
    response_body: str | None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def payload(event: Event, data: Any, receiver: OrgKind) -> bytes:
    """The event as a receiver gets it: `data` is the resource as the API returns it to the
    receiver's organization, `details` what the event itself says as that side may see it (as
    in the event feed)."""
    return msgspec.json.encode(
        {
            "id": str(event.id),
            "type": event.type,
            "occurred_at": event.created_at.isoformat(),
            "subject_id": str(event.subject_id),
            "data": data,
            "details": details(receiver, event.data),
        }
    )


async def claim(
    session: AsyncSession, delivery_id: uuid.UUID, lease: datetime, now: datetime
) -> Claim | None:
    """Take the delivery for one attempt, if it is still pending under the `lease` its job was
    enqueued with (or that lease ran out): None when another has it, or it is done."""
    row = await repository.claimable(session, delivery_id, lease, now)
    if row is None:
        return None
    delivery, endpoint, event, receiver = row
    token = now + LEASE
    delivery.next_attempt_at = token
    body = payload(event, delivery.data, receiver)
    message_id = f"msg_{event.id.hex}"
    return Claim(
        delivery_id=delivery.id,
        url=endpoint.url,
        body=body,
        headers=signing.headers(
            message_id, int(now.timestamp()), body, secrets_in_force(endpoint, now)
        ),
        token=token,
    )


def next_attempt(attempts: int, now: datetime, rng: random.Random) -> datetime | None:
    """When to try again after `attempts` failed ones (None: the schedule is spent)."""
    if attempts > len(RETRY_DELAYS):
        return None
    delay = RETRY_DELAYS[attempts - 1]
    return now + delay * rng.uniform(0.8, 1.2)


async def record_attempt(
    session: AsyncSession,
    claimed: Claim,
    outcome: Outcome,
    now: datetime,
    *,
    rng: random.Random | None = None,
) -> WebhookDelivery:
    """Write what an attempt came to, and what follows from it. An attempt whose lease was taken
    over meanwhile (a replay, or a retry after the lease ran out) is logged and changes nothing:
    the newer attempt decides."""
    delivery = await session.get_one(WebhookDelivery, claimed.delivery_id, with_for_update=True)
    session.add(
        WebhookAttempt(
            delivery_id=delivery.id,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            response_body=outcome.response_body,
        )
    )
    if delivery.status is not DeliveryStatus.pending or delivery.next_attempt_at != claimed.token:
        await session.flush()
        return delivery
    # The endpoint is locked only to change its failing state, which a success seldom does: the
    # attempts of one busy endpoint record side by side.
    endpoint = await session.get_one(WebhookEndpoint, delivery.endpoint_id)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code, delivery.last_error = outcome.status_code, outcome.error
    if outcome.delivered:
        delivery.status, delivery.next_attempt_at, delivery.delivered_at = (
            DeliveryStatus.delivered,
            None,
            now,
        )
        if endpoint.failing_since is not None:
            await session.refresh(endpoint, with_for_update=True)
            endpoint.failing_since = None
    else:
        await session.refresh(endpoint, with_for_update=True)
        following = next_attempt(delivery.attempts, now, rng or random.Random())  # noqa: S311
        delivery.next_attempt_at = following
        if following is None:
            delivery.status = DeliveryStatus.failed
        if endpoint.failing_since is None:
            endpoint.failing_since = now
        elif endpoint.enabled and now - endpoint.failing_since >= DISABLE_AFTER:
            await _disable(session, endpoint, now)
    await session.flush()
    return delivery


async def _disable(session: AsyncSession, endpoint: WebhookEndpoint, now: datetime) -> None:
    endpoint.enabled = False
    assert endpoint.failing_since is not None  # noqa: S101 - set by the first failure
    endpoint.disabled_reason = (
        f"disabled at {now.isoformat()}: every attempt failed since "
        f"{endpoint.failing_since.isoformat()}"
    )
    org = await session.get_one(Organization, endpoint.organization_id)
    await add_events(
        session,
        [
            event_row(
                "webhook_endpoint.disabled",
                endpoint.id,
                vendor_id=org.id if org.kind is OrgKind.vendor else None,
                partner_id=org.id if org.kind is OrgKind.partner else None,
                data={
                    "endpoint_id": str(endpoint.id),
                    "url": endpoint.url,
                    "reason": endpoint.disabled_reason,
                },
            )
        ],
    )


async def due(
    session: AsyncSession, now: datetime, limit: int = 500
) -> list[tuple[uuid.UUID, datetime]]:
    """Lease, and return with their leases, the deliveries of enabled endpoints whose next
    attempt has come (a retry, or an attempt whose lease ran out); a leased one is not taken
    again by the next sweep."""
    lease = now + LEASE
    return [
        (delivery_id, lease)
        for delivery_id in await repository.lease_due(session, now, lease, limit)
    ]


# --- the delivery log --------------------------------------------------------------------------


async def deliveries(
    session: AsyncSession, actor: Principal, endpoint_id: uuid.UUID, page: PageRequest
) -> Page[WebhookDelivery]:
    """The endpoint's deliveries, newest first."""
    endpoint = await get_endpoint(session, actor, endpoint_id)
    return await repository.deliveries_of(session, endpoint.id, page)


async def get_delivery(
    session: AsyncSession,
    actor: Principal,
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> tuple[WebhookDelivery, Sequence[WebhookAttempt]]:
    endpoint = await get_endpoint(session, actor, endpoint_id)
    delivery = await repository.delivery_of(
        session, endpoint.id, delivery_id, for_update=for_update
    )
    if delivery is None:
        raise DeliveryNotFound(f"No delivery {delivery_id} of endpoint {endpoint_id}.")
    return delivery, await repository.attempts_of(session, delivery.id)


async def replay(
    session: AsyncSession, actor: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    """Try a delivery again now, whatever became of it (delivered or failed)."""
    delivery, _ = await get_delivery(session, actor, endpoint_id, delivery_id, for_update=True)
    _require_admin(actor)
    endpoint = await get_endpoint(session, actor, endpoint_id)
    if not endpoint.enabled:
        raise Conflict("The endpoint is disabled: enable it before replaying to it.")
    # A new lease: an attempt under way meanwhile records nothing, this one decides.
    now = await database_now(session)
    delivery.status, delivery.next_attempt_at = DeliveryStatus.pending, now + LEASE
    await session.flush()
    return delivery
