"""Writing a lead's dispositions, and the outcome of a converted lead's registration becoming the
lead's. `follow_change` follows every change of a registration (subscriptions.py), in the same
transaction, so a lead never says less than its deal does."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.business_time import BusinessCalendar
from dealreg.leads import repository, states
from dealreg.leads.models import Disposition, Lead, LeadDispositionRow, LeadStatus
from dealreg.orgs.principals import Principal
from dealreg.registrations.events import Changed
from dealreg.registrations.models import RegistrationStatus

# A registration a lead became that closes so closes the lead.
_OUTCOMES = frozenset({RegistrationStatus.won, RegistrationStatus.lost})


def calendar_of(lead: Lead) -> BusinessCalendar:
    """The business calendar of the lead's SLA, copied in when it was forwarded."""
    return msgspec.convert(lead.calendar, BusinessCalendar)


async def dispose(
    session: AsyncSession,
    actor: Principal | None,
    lead: Lead,
    disposition: Disposition,
    *,
    occurred_at: datetime,
    now: datetime,
    note: str | None = None,
    lost_reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> LeadDispositionRow:
    """Record `disposition` (checked by the state machine) as its row, history and event."""
    before = lead.status
    states.dispose(lead, disposition, occurred_at=occurred_at, now=now, lost_reason=lost_reason)
    assert lead.disposition_at is not None  # noqa: S101 - set by the state machine
    if disposition is Disposition.first_touch:
        assert lead.accepted_at is not None  # noqa: S101 - a disposition follows acceptance
        elapsed = calendar_of(lead).elapsed(lead.accepted_at, lead.disposition_at)
        lead.first_touch_business_us = elapsed // timedelta(microseconds=1)
    row = LeadDispositionRow(
        lead_id=lead.id,
        type=disposition,
        occurred_at=lead.disposition_at,
        note=note,
        lost_reason=lost_reason,
        reported_by=actor.subject_id if actor else None,
    )
    session.add(row)
    await repository.add_history(
        session,
        actor,
        lead,
        action=disposition.value,
        event="lead.disposition",
        from_status=before,
        reason=lost_reason or note,
        data={"disposition": disposition.value, "occurred_at": lead.disposition_at.isoformat()}
        | (data or {}),
    )
    return row


async def follow_registration(
    session: AsyncSession,
    registration_id: uuid.UUID,
    *,
    won: bool,
    at: datetime,
    reason: str | None,
) -> None:
    """The registration a lead became was won or lost: so is the lead, unless the partner has
    already said how it ended."""
    lead = await repository.lead_of_registration(session, registration_id)
    if lead is None or lead.status is not LeadStatus.accepted:
        return
    await dispose(
        session,
        None,
        lead,
        Disposition.won if won else Disposition.lost,
        occurred_at=max(at, lead.disposition_at or at),
        now=max(at, lead.disposition_at or at),
        lost_reason=None if won else (reason or "the lead's deal registration was lost"),
        data={"registration_id": str(registration_id)},
    )
    await session.flush()


async def follow_change(event: Changed) -> None:
    """A registration was won or lost: the lead it came from, if any, follows."""
    change = event.change
    if change.to_status in _OUTCOMES and change.to_status is not change.from_status:
        await follow_registration(
            event.session,
            event.registration.id,
            won=change.to_status is RegistrationStatus.won,
            at=event.at,
            reason=change.reason,
        )
