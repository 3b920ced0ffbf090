"""Reading deals and registrations, and the partner's and vendor's actions on a registration.

Services never commit; the caller's transaction does. Registrations live on their own through the
state machine (states.py), and every change writes a history row and an event (changes.py).
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import OrgKind
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch
from dealreg.registrations import listing, repository, states
from dealreg.registrations.changes import record
from dealreg.registrations.errors import DealNotFound, RegistrationNotFound
from dealreg.registrations.expiry import close_pending_extension
from dealreg.registrations.models import (
    Deal,
    Registration,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)
from dealreg.registrations.permissions import require_partner_side, require_vendor_decider


class DealView(msgspec.Struct, frozen=True):
    deal: Deal
    lines: Sequence[Any]
    registrations: Sequence[Any]


async def get_deal(session: AsyncSession, actor: Principal, deal_id: uuid.UUID) -> DealView:
    deal = await repository.get_deal(session, actor, deal_id)
    if deal is None:
        raise DealNotFound(f"No deal {deal_id}.")
    return (await _views(session, actor, [deal]))[0]


async def _views(session: AsyncSession, actor: Principal, deals: Sequence[Deal]) -> list[DealView]:
    ids = [deal.id for deal in deals]
    lines: dict[uuid.UUID, list[Any]] = {}
    for line in await repository.lines_of_deals(session, actor, ids):
        lines.setdefault(line.deal_id, []).append(line)
    registrations: dict[uuid.UUID, list[Any]] = {}
    for registration in await repository.registrations_of_deals(session, actor, ids):
        registrations.setdefault(registration.deal_id, []).append(registration)
    return [
        DealView(deal, lines.get(deal.id, []), registrations.get(deal.id, [])) for deal in deals
    ]


async def list_deals(
    session: AsyncSession,
    actor: Principal,
    *,
    partner_id: uuid.UUID | None,
    rep_id: uuid.UUID | None,
    search: str | None = None,
    page: PageRequest,
) -> Page[DealView]:
    """The deals the caller may see; with `search`, those whose title contains it."""
    result = await repository.list_deals(
        session, actor, partner_id=partner_id, rep_id=rep_id, search=search, page=page
    )
    views = await _views(session, actor, result.items) if result.items else []
    return Page(items=views, next_key=result.next_key)


async def get_registration(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID, *, for_update: bool = False
) -> Registration:
    """A registration the caller may see. `for_update` locks it first, as every change does: the
    change then waits for (and is ordered after) whatever else holds it, an SLA sweep included,
    and takes its time and its If-Match check only once it has the registration to itself."""
    registration = await repository.get_registration(
        session, actor, registration_id, for_update=for_update
    )
    if registration is None:
        raise RegistrationNotFound(f"No registration {registration_id}.")
    return registration


class RegistrationView(msgspec.Struct, frozen=True):
    registration: Registration
    lines: Sequence[Any]
    # The linked conflicting registrations, for the vendor's eyes only (None for a partner).
    conflicts: Sequence[Any] | None


async def view_registration(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID
) -> RegistrationView:
    registration = await get_registration(session, actor, registration_id)
    lines = await repository.lines_of_registration(session, registration.id)
    conflicts = None
    if actor.org_kind is not OrgKind.partner:
        linked = await repository.conflicts_of_many(session, [registration.id])
        conflicts = linked.get(registration.id, [])
    return RegistrationView(registration, lines, conflicts)


async def list_registrations(
    session: AsyncSession,
    actor: Principal,
    *,
    statuses: Sequence[RegistrationStatus] = (),
    vendor_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
    rep_id: uuid.UUID | None = None,
    stage: SalesStage | None = None,
    expiring_before: datetime | None = None,
    search: str | None = None,
    page: PageRequest,
) -> Page[Any]:
    """The registrations the caller may see, narrowed by the filters (`statuses`: in any of
    them); with `search`, those whose number or customer's name contains it."""
    return await listing.list_registrations(
        session,
        actor,
        statuses=statuses,
        vendor_id=vendor_id,
        partner_id=partner_id,
        rep_id=rep_id,
        stage=stage,
        expiring_before=expiring_before,
        search=search,
        page=page,
    )


class OpenQuestion(msgspec.Struct, frozen=True):
    """The vendor's question a registration waits on (its status is info_requested)."""

    question: str
    asked_at: datetime


async def open_questions(
    session: AsyncSession, registrations: Sequence[Any]
) -> dict[uuid.UUID, OpenQuestion]:
    """The open question of each of `registrations` (rows the caller may see) that waits on the
    partner, in one query, or none when no row waits."""
    waiting = [r.id for r in registrations if r.status is RegistrationStatus.info_requested]
    if not waiting:
        return {}
    return {
        row.registration_id: OpenQuestion(row.question or "", row.at)
        for row in await repository.open_questions(session, waiting)
    }


async def history(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID
) -> Sequence[RegistrationHistory]:
    registration = await get_registration(session, actor, registration_id)
    return await repository.history_of(session, registration.id)


# --- partner and vendor actions ----------------------------------------------------------------


async def withdraw(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    reason: str | None,
) -> Registration:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_partner_side(actor, "withdraw a registration")
    if_match.check(registration.version)
    await record(session, actor, registration, states.withdraw(registration, reason=reason))
    await session.flush()
    return registration


async def cancel(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    reason: str,
) -> Registration:
    """The vendor withdraws an approved registration's protection for cause; what the rep earned
    on it within the plan's clawback window is reversed."""
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_vendor_decider(actor, "cancel a registration")
    if_match.check(registration.version)
    await record(session, actor, registration, states.cancel(registration, reason=reason))
    if registration.extension_pending:
        await close_pending_extension(
            session, registration, datetime.now(UTC), "registration cancelled"
        )
    await session.flush()
    return registration


async def report_stage(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    stage: SalesStage,
    note: str | None,
) -> Registration:
    """The rep (or their admin), or the vendor's CRM, reports how far the sale has got."""
    registration = await get_registration(session, actor, registration_id, for_update=True)
    if actor.org_kind is not OrgKind.partner:
        require_vendor_decider(actor, "report a registration's stage")
    if_match.check(registration.version)
    change = states.report_stage(registration, stage, note=note)
    await record(session, actor, registration, change)
    if registration.extension_pending and change.to_status is not RegistrationStatus.approved:
        await close_pending_extension(
            session, registration, datetime.now(UTC), f"registration {change.to_status.value}"
        )
    await session.flush()
    return registration
