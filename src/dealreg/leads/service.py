"""A lead's life: created, forwarded, answered by the partner, converted, swept. Services never
commit; the caller's transaction does.

A vendor creates a lead addressed to one of its partners and forwards it once the lead's score
reaches the vendor's threshold. The partner has the vendor's lead SLA, in the vendor's business
time (the calendar of its approval SLA), to accept or reject it; the sweep recalls a lead nobody
accepted in time, and flags an accepted one whose first touch is late. After acceptance the
partner reports dispositions in order (states.py); converting a lead registers a deal through the
same service as `POST /v1/deals`, and the registration's outcome becomes the lead's.

The vendor's rules are in rules.py, scored engagements in engagements.py, reading in reads.py.
"""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import database_now
from dealreg.errors import FieldError, Forbidden, InvalidInput
from dealreg.fields import NO_NUL, Instant, Sku
from dealreg.leads import outcomes, repository, states
from dealreg.leads.errors import AcceptDeadlinePassed, InvalidLead, LeadNotFound, field_error
from dealreg.leads.models import Disposition, Lead, LeadDispositionRow, LeadRejection, LeadStatus
from dealreg.leads.rules import LeadRules, Score, require_threshold, rules_of
from dealreg.orgs import repository as orgs_repository
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch
from dealreg.registrations import repository as registrations
from dealreg.registrations.permissions import require_vendor_decider
from dealreg.registrations.schemas import (
    Answer,
    Contact,
    Customer,
    DealInput,
    LineInput,
    Note,
    Opportunity,
    SubmittedDeal,
    VendorInput,
)
from dealreg.registrations.submission import submit_deal
from dealreg.sla import clocks

Label = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=NO_NUL)]
Text = Annotated[str, msgspec.Meta(max_length=4000, pattern=NO_NUL)]
_SWEEP_BATCH = 200


class LeadInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    partner_id: uuid.UUID
    customer: Customer
    contact: Contact
    # A user of the partner to work the lead; else the partner's admin assigns one.
    rep_id: uuid.UUID | None = None
    skus: Annotated[list[Sku], msgspec.Meta(max_length=50)] = msgspec.field(default_factory=list)
    interest: Text = ""
    campaign: Label | None = None
    source: Label | None = None
    # The vendor's own score of the lead (engagements add to it).
    score: Score = 0
    notes: Text = ""
    # Forward at once (refused below the threshold); false keeps it a draft.
    forward: bool = True


async def check_lead(
    session: AsyncSession, actor: Principal, data: LeadInput, base: str = ""
) -> list[FieldError]:
    """Every way `data` breaks the vendor's rules, with pointers under `base`."""
    errors = []
    vendor_id = actor.organization_id
    if not await orgs_repository.active_partnership(session, vendor_id, data.partner_id):
        errors.append(
            field_error(
                "not_enrolled", f"{base}/partner_id", "not a partner actively enrolled with you"
            )
        )
    elif data.rep_id is not None:
        rep = await registrations.partner_user(session, data.partner_id, data.rep_id)
        if rep is None:
            errors.append(
                field_error(
                    "not_found", f"{base}/rep_id", "not an active rep or admin of the partner"
                )
            )
    if data.skus:
        known = await orgs_repository.catalogue_skus(session, vendor_id, data.skus)
        errors.extend(
            field_error(
                "not_in_catalogue",
                f"{base}/skus/{i}",
                f"{sku} is not a product of your active programs",
                value=sku,
            )
            for i, sku in enumerate(data.skus)
            if sku not in known
        )
    seen: set[str] = set()
    for i, sku in enumerate(data.skus):
        if sku in seen:
            errors.append(field_error("duplicate", f"{base}/skus/{i}", f"{sku} is named twice"))
        seen.add(sku)
    return errors


async def create_lead(
    session: AsyncSession, actor: Principal, data: LeadInput, *, base: str = ""
) -> Lead:
    """A lead of the caller's vendor for `data.partner_id`, forwarded at once unless
    `data.forward` is false. Every broken rule is reported at once; nothing is written then."""
    require_vendor_decider(actor, "create leads")
    errors = await check_lead(session, actor, data, base)
    if errors:
        raise InvalidLead(
            f"The lead breaks {len(errors)} rule(s); nothing was created.", errors=errors
        )
    rules = await rules_of(session, actor.organization_id)
    if data.forward:
        require_threshold(data.score, rules, base)
    lead = Lead(
        id=uuid.uuid4(),
        vendor_id=actor.organization_id,
        partner_id=data.partner_id,
        rep_id=data.rep_id,
        created_by=actor.subject_id,
        status=LeadStatus.draft,
        customer=msgspec.to_builtins(data.customer),
        contact=msgspec.to_builtins(data.contact),
        customer_name=data.customer.legal_name,
        skus=list(data.skus),
        interest=data.interest,
        campaign=data.campaign,
        source=data.source,
        score=data.score,
        notes=data.notes,
    )
    session.add(lead)
    await session.flush()
    await repository.add_history(
        session, actor, lead, action="created", event="lead.created", from_status=None
    )
    if data.forward:
        await _forward(session, actor, lead, rules)
    await session.flush()
    return lead


async def _lead_calendar(session: AsyncSession, vendor_id: uuid.UUID) -> clocks.Policy:
    vendors, policies = await clocks.policies_for(session, [vendor_id])
    return clocks.policy_of(policies, vendors[vendor_id], None)


async def _forward(session: AsyncSession, actor: Principal, lead: Lead, rules: LeadRules) -> None:
    vendor = await session.get_one(Organization, lead.vendor_id)
    sla = await _lead_calendar(session, lead.vendor_id)
    assert vendor.timezone is not None  # noqa: S101 - a vendor's is required (check constraint)
    calendar = sla.calendar(vendor.timezone)
    now = datetime.now(UTC)
    change = states.forward(lead, at=now)
    lead.calendar = msgspec.to_builtins(calendar)
    lead.accept_minutes = sla.minutes(rules.accept_days)
    lead.first_touch_minutes = sla.minutes(rules.first_touch_days)
    lead.accept_due_at = calendar.add(now, timedelta(minutes=lead.accept_minutes))
    await repository.add_history(
        session,
        actor,
        lead,
        action=change.action,
        event=change.event,
        from_status=change.from_status,
        data={"accept_due_at": lead.accept_due_at.isoformat()},
    )


async def get_lead(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, *, for_update: bool = False
) -> Lead:
    lead = await repository.get_lead(session, actor, lead_id, for_update=for_update)
    if lead is None:
        raise LeadNotFound(f"No lead {lead_id}.")
    return lead


async def for_vendor(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, if_match: IfMatch, what: str
) -> Lead:
    lead = await get_lead(session, actor, lead_id, for_update=True)
    require_vendor_decider(actor, what)
    if_match.check(lead.version)
    return lead


async def forward_lead(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, *, if_match: IfMatch
) -> Lead:
    lead = await for_vendor(session, actor, lead_id, if_match, "forward leads")
    states.require_transition(lead, LeadStatus.forwarded, "forwarded")
    rules = await rules_of(session, lead.vendor_id)
    require_threshold(lead.score, rules, None)
    await _forward(session, actor, lead, rules)
    await session.flush()
    return lead


async def _for_partner(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, if_match: IfMatch, what: str
) -> Lead:
    lead = await get_lead(session, actor, lead_id, for_update=True)
    if actor.org_kind is not OrgKind.partner:
        raise Forbidden(f"Only the partner the lead was forwarded to may {what}.")
    if_match.check(lead.version)
    return lead


def _before_deadline(lead: Lead, now: datetime) -> None:
    """A forwarded lead may be answered only until its accept deadline: past it, it belongs to
    the vendor again (the sweep takes it back within a minute)."""
    if (
        lead.status is LeadStatus.forwarded
        and lead.accept_due_at is not None
        and now >= lead.accept_due_at
    ):
        raise AcceptDeadlinePassed(
            f"The lead had to be accepted by {lead.accept_due_at.isoformat()}; it is being "
            "recalled to the vendor.",
            extra={"accept_due_at": lead.accept_due_at.isoformat()},
        )


async def assign(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    *,
    rep_id: uuid.UUID,
    if_match: IfMatch,
) -> Lead:
    """The partner's admin gives the lead to one of its reps (or to themself)."""
    lead = await _for_partner(session, actor, lead_id, if_match, "assign a lead")
    if actor.role is not Role.partner_admin:
        raise Forbidden("Only the partner's admin assigns leads.")
    states.require_assignable(lead)
    _before_deadline(lead, datetime.now(UTC))
    rep = await registrations.partner_user(session, lead.partner_id, rep_id)
    if rep is None:
        detail = f"{rep_id} is not an active rep or admin of your organization"
        raise InvalidInput(detail, errors=[field_error("not_found", "/rep_id", detail)])
    if lead.rep_id == rep.id:
        return lead  # already theirs: nothing changes, nothing to tell anyone
    previous, lead.rep_id = lead.rep_id, rep.id
    await repository.add_history(
        session,
        actor,
        lead,
        action="assigned",
        event="lead.assigned",
        from_status=lead.status,
        data={"previous_rep_id": str(previous) if previous else None},
    )
    await session.flush()
    return lead


async def accept(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    *,
    note: str | None = None,
    if_match: IfMatch,
) -> Lead:
    lead = await _for_partner(session, actor, lead_id, if_match, "accept a lead")
    now = datetime.now(UTC)
    if lead.status is LeadStatus.forwarded:
        _before_deadline(lead, now)
    change = states.accept(lead, at=now)
    calendar = outcomes.calendar_of(lead)
    # Set when it was forwarded (check constraint and states.forward).
    assert lead.forwarded_at is not None  # noqa: S101
    assert lead.first_touch_minutes is not None  # noqa: S101
    lead.accept_business_us = calendar.elapsed(lead.forwarded_at, now) // timedelta(microseconds=1)
    lead.first_touch_due_at = calendar.add(now, timedelta(minutes=lead.first_touch_minutes))
    if lead.rep_id is None and actor.kind == "user":
        lead.rep_id = actor.subject_id  # who accepts an unassigned lead works it
    await repository.add_history(
        session,
        actor,
        lead,
        action=change.action,
        event=change.event,
        from_status=change.from_status,
        reason=note,
        data={"first_touch_due_at": lead.first_touch_due_at.isoformat()},
    )
    await session.flush()
    return lead


async def reject(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    *,
    reason: LeadRejection,
    note: str | None,
    if_match: IfMatch,
) -> Lead:
    lead = await _for_partner(session, actor, lead_id, if_match, "reject a lead")
    now = datetime.now(UTC)
    if lead.status is LeadStatus.forwarded:
        _before_deadline(lead, now)
    if reason is LeadRejection.other and (note is None or not note.strip()):
        states.require_transition(lead, LeadStatus.rejected, "rejected")  # the 409 comes first
        raise InvalidInput(
            "Say why, in words, when the reason is 'other'.",
            errors=[field_error("required", "/note", "required when the reason is 'other'")],
        )
    change = states.reject(lead, at=now, reason=note or reason.value)
    lead.reject_code, lead.reject_note = reason, note
    await repository.add_history(
        session,
        actor,
        lead,
        action=change.action,
        event=change.event,
        from_status=change.from_status,
        reason=change.reason,
        data={"reason_code": reason.value},
    )
    await session.flush()
    return lead


class DispositionInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: Disposition
    # When it happened (now, if left out): reps often report after the fact.
    occurred_at: Instant | None = None
    note: Note | None = None
    # Required for `lost`: why the sale was lost.
    lost_reason: Note | None = None


async def report_disposition(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    data: DispositionInput,
    *,
    if_match: IfMatch,
) -> tuple[Lead, LeadDispositionRow]:
    lead = await _for_partner(session, actor, lead_id, if_match, "report a lead's disposition")
    if data.type is Disposition.converted:
        raise states.DispositionOutOfOrder(
            "A lead is converted by registering its deal: POST /v1/leads/{id}/convert."
        )
    if data.type is Disposition.lost and data.lost_reason is None:
        raise InvalidInput(
            "Say why the sale was lost.",
            errors=[
                field_error("required", "/lost_reason", "required when the disposition is 'lost'")
            ],
        )
    now = datetime.now(UTC)
    row = await outcomes.dispose(
        session,
        actor,
        lead,
        data.type,
        occurred_at=data.occurred_at or now,
        now=now,
        note=data.note,
        lost_reason=data.lost_reason if data.type is Disposition.lost else None,
    )
    await session.flush()
    return lead, row


# --- converting to a deal registration ---------------------------------------------------------


class ConversionLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    sku: Sku
    quantity: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
    unit_price: Annotated[int, msgspec.Meta(ge=0, le=10**15)]


class ConversionInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The deal a lead becomes: the lead gives the customer and contact (unless corrected here);
    the lines are the lead's vendor's."""

    opportunity: Opportunity
    lines: Annotated[list[ConversionLine], msgspec.Meta(min_length=1, max_length=100)]
    program_id: uuid.UUID | None = None
    answers: Annotated[dict[str, Answer], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=dict
    )
    customer: Customer | None = None
    contact: Contact | None = None


def _pointer_of_conversion(error: FieldError) -> FieldError:
    # The deal's pointers, said in the conversion body's terms (it has one vendor, no list).
    pointer = error.pointer
    if pointer is not None and pointer.startswith("/vendors/0/"):
        pointer = "/" + pointer.removeprefix("/vendors/0/")
    return msgspec.structs.replace(error, pointer=pointer)


async def convert(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    data: ConversionInput,
    *,
    if_match: IfMatch,
) -> tuple[Lead, SubmittedDeal]:
    """Register the lead's deal with its vendor, by the rules of `POST /v1/deals`, and link the
    two: the lead is converted, and the registration's outcome will be the lead's."""
    lead = await _for_partner(session, actor, lead_id, if_match, "convert a lead")
    now = datetime.now(UTC)
    # The lead's rules first: a lead that cannot be converted is a 409 whatever the deal says.
    if lead.registration_id is not None:
        raise states.DispositionOutOfOrder("The lead is already converted.")
    states.require_order(lead, Disposition.converted)
    deal = DealInput(
        customer=data.customer or msgspec.convert(lead.customer, Customer),
        contact=data.contact or msgspec.convert(lead.contact, Contact),
        opportunity=data.opportunity,
        lines=[
            LineInput(
                vendor_id=lead.vendor_id,
                sku=line.sku,
                quantity=line.quantity,
                unit_price=line.unit_price,
            )
            for line in data.lines
        ],
        vendors=[
            VendorInput(vendor_id=lead.vendor_id, program_id=data.program_id, answers=data.answers)
        ],
        rep_id=lead.rep_id,
    )
    try:
        submitted = await submit_deal(session, actor, deal)
    except InvalidInput as exc:
        exc.errors = [_pointer_of_conversion(error) for error in exc.errors]
        raise
    (registration,) = submitted.registrations
    lead.registration_id = registration.id
    await outcomes.dispose(
        session,
        actor,
        lead,
        Disposition.converted,
        occurred_at=now,
        now=now,
        data={"registration_id": str(registration.id), "number": registration.number},
    )
    await repository.add_history(
        session,
        actor,
        lead,
        action="converted",
        event="lead.converted",
        from_status=lead.status,
        data={
            "registration_id": str(registration.id),
            "number": registration.number,
            "deal_id": str(submitted.deal.id),
        },
    )
    await session.flush()
    return lead, submitted


# --- the sweep ---------------------------------------------------------------------------------


class SweepResult(msgspec.Struct, frozen=True):
    recalled: int
    overdue: int


async def sweep(session: AsyncSession, *, now: datetime | None = None) -> SweepResult:
    """Recall every forwarded lead past its accept deadline, and flag every accepted one past
    its first-touch deadline untouched: each once, whatever the sweeps running beside it."""
    now = now or await database_now(session)
    recalled = overdue = 0
    while batch := await repository.due_recalls(session, now, _SWEEP_BATCH):
        for lead in batch:
            change = states.recall(lead, at=now)
            await repository.add_history(
                session,
                None,
                lead,
                action=change.action,
                event=change.event,
                from_status=change.from_status,
                reason=change.reason,
                data={"accept_due_at": lead.accept_due_at.isoformat()}
                if lead.accept_due_at
                else {},
            )
        recalled += len(batch)
        await session.flush()
    while batch := await repository.due_first_touches(session, now, _SWEEP_BATCH):
        for lead in batch:
            lead.first_touch_overdue = True
            await repository.add_history(
                session,
                None,
                lead,
                action="first_touch_overdue",
                event="lead.first_touch_overdue",
                from_status=lead.status,
                data={
                    "first_touch_due_at": lead.first_touch_due_at.isoformat()
                    if lead.first_touch_due_at
                    else None
                },
            )
        overdue += len(batch)
        await session.flush()
    return SweepResult(recalled, overdue)
