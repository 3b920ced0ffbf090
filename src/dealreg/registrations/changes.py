"""Writing a registration's change: a history row and an event, then what follows the change
(its approval clock, its lead, its incentives), emitted on the message bus (subscriptions.py).
Every change of a registration goes through `record`, in the caller's transaction."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.events.models import Event
from dealreg.events.repository import event_row
from dealreg.messagebus import BUS
from dealreg.orgs.principals import Principal
from dealreg.registrations import states
from dealreg.registrations.events import Changed
from dealreg.registrations.models import (
    Decider,
    Registration,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)

# The vendor's decisions on a registration, whose maker it keeps (`decided_by`).
DECISIONS = frozenset({"approved", "rejected", "info_requested"})


def _note_decider(
    registration: Registration, actor: Principal | None, data: dict[str, Any]
) -> None:
    """Keep who made the decision: the actor, else the rule the change's data names."""
    if actor is not None:
        registration.decided_by = Decider.user if actor.kind == "user" else Decider.client
        registration.decided_by_id, registration.decided_by_rule = actor.subject_id, None
    else:
        registration.decided_by, registration.decided_by_id = Decider.rule, None
        registration.decided_by_rule = str(data["rule"])


def history_row(
    actor: Principal | None,
    registration_id: uuid.UUID,
    *,
    action: str,
    from_status: RegistrationStatus | None = None,
    to_status: RegistrationStatus | None = None,
    from_stage: SalesStage | None = None,
    to_stage: SalesStage | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "registration_id": registration_id,
        "action": action,
        "actor_id": actor.subject_id if actor else None,
        "actor_role": actor.role.value if actor else None,
        "from_status": from_status,
        "to_status": to_status,
        "from_stage": from_stage,
        "to_stage": to_stage,
        "reason": reason,
        "data": data or {},
    }


def registration_event(type_: str, registration: Any, data: dict[str, Any]) -> dict[str, Any]:
    return event_row(
        type_,
        registration.id,
        vendor_id=registration.vendor_id,
        partner_id=registration.partner_id,
        data={
            "registration_id": str(registration.id),
            "number": registration.number,
            "deal_id": str(registration.deal_id),
            "status": registration.status.value,
            "stage": registration.stage.value if registration.stage else None,
        }
        | data,
    )


async def record(
    session: AsyncSession,
    actor: Principal | None,
    registration: Registration,
    change: states.Change,
    data: dict[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Write `change` of `registration`, made at `at` (now), as a history row and an event, and
    let what follows a registration follow it (its approval clock, its lead, its incentives:
    subscriptions.py), in this transaction."""
    if change.action in DECISIONS:
        _note_decider(registration, actor, data or {})
    session.add(
        RegistrationHistory(
            **history_row(
                actor,
                registration.id,
                action=change.action,
                from_status=change.from_status,
                to_status=change.to_status,
                from_stage=change.from_stage,
                to_stage=change.to_stage,
                reason=change.reason,
                data=data,
            )
        )
    )
    session.add(
        Event(
            **registration_event(
                change.event,
                registration,
                {
                    "from_status": change.from_status.value,
                    "from_stage": change.from_stage.value if change.from_stage else None,
                    "reason": change.reason,
                }
                | (data or {}),
            )
        )
    )
    await BUS.emit(Changed(session, registration, change, at or datetime.now(UTC)))
