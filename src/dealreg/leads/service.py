"""Rules of leads. Services never commit; the caller's transaction does.

A vendor creates a lead addressed to one of its partners and forwards it once the lead's score
reaches the vendor's threshold. The partner has the vendor's lead SLA, in the vendor's business
time (the calendar of its approval SLA), to accept or reject it; the sweep recalls a lead nobody
accepted in time, and flags an accepted one whose first touch is late. After acceptance the
partner reports dispositions in order (states.py); converting a lead registers a deal through the
same service as `POST /v1/deals`, and the registration's outcome becomes the lead's.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.tokens import Principal
from dealreg.db import flush_unique
from dealreg.errors import Conflict, FieldError, Forbidden, InvalidInput, NotFound
from dealreg.fields import NO_NUL, Instant, Sku
from dealreg.leads import outcomes, repository, states
from dealreg.leads.models import (
    Disposition,
    EngagementType,
    Lead,
    LeadDispositionRow,
    LeadEngagement,
    LeadHistory,
    LeadPolicy,
    LeadRejection,
    LeadStatus,
)
from dealreg.orgs.models import Organization, OrgKind, Role
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch
from dealreg.registrations import repository as registrations
from dealreg.registrations.service import (
    Answer,
    Contact,
    Customer,
    DealInput,
    LineInput,
    Note,
    Opportunity,
    SubmittedDeal,
    VendorInput,
    require_vendor_decider,
    submit_deal,
)
from dealreg.sla import clocks

Label = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=NO_NUL)]
Text = Annotated[str, msgspec.Meta(max_length=4000, pattern=NO_NUL)]
Score = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
Points = Annotated[int, msgspec.Meta(ge=0, le=1000)]
LeadDays = Annotated[float, msgspec.Meta(gt=0, le=60, multiple_of=0.25)]

DEFAULT_POINTS: dict[EngagementType, int] = {
    EngagementType.email_open: 1,
    EngagementType.site_visit: 3,
    EngagementType.email_click: 5,
    EngagementType.webinar: 10,
    EngagementType.event: 10,
}
DEFAULT_THRESHOLD = 10
DEFAULT_ACCEPT_DAYS = 2.0
DEFAULT_FIRST_TOUCH_DAYS = 3.0
_SWEEP_BATCH = 200
_PARTNER_WORKERS = frozenset({Role.partner_rep, Role.partner_admin})


class LeadNotFound(NotFound):
    type = "lead-not-found"


class InvalidLead(InvalidInput):
    type, title = "invalid-lead", "The lead does not meet the vendor's rules"


class BelowThreshold(InvalidInput):
    type, title = "lead-below-threshold", "The lead's score is below the forwarding threshold"


class AcceptDeadlinePassed(Conflict):
    type, title = "lead-accept-deadline-passed", "The lead's accept deadline has passed"


# --- the vendor's rules ------------------------------------------------------------------------


class LeadRules(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A vendor's scoring rubric and lead SLA (business days of its approval SLA's calendar)."""

    points: dict[EngagementType, Points] = msgspec.field(
        default_factory=lambda: dict(DEFAULT_POINTS)
    )
    forward_threshold: Score = DEFAULT_THRESHOLD
    accept_days: LeadDays = DEFAULT_ACCEPT_DAYS
    first_touch_days: LeadDays = DEFAULT_FIRST_TOUCH_DAYS

    @classmethod
    def of_row(cls, row: LeadPolicy | None) -> "LeadRules":
        if row is None:
            return cls()
        return cls(
            points={EngagementType(key): value for key, value in row.points.items()},
            forward_threshold=row.forward_threshold,
            accept_days=row.accept_days,
            first_touch_days=row.first_touch_days,
        )

    def points_for(self, engagement: EngagementType) -> int:
        return self.points.get(engagement, DEFAULT_POINTS[engagement])


class PolicyView(msgspec.Struct, frozen=True):
    vendor_id: uuid.UUID
    rules: LeadRules
    row: LeadPolicy | None

    @property
    def tag(self) -> int:
        # 0 for the defaults: the first PUT may create the row without If-Match.
        return self.row.version if self.row is not None else 0


def _vendor_staff(actor: Principal, vendor_id: uuid.UUID) -> None:
    if not actor.is_platform and actor.organization_id != vendor_id:
        raise NotFound(f"No lead policy of vendor {vendor_id} visible to you.")


async def _vendor(session: AsyncSession, vendor_id: uuid.UUID) -> Organization:
    vendor = await session.get(Organization, vendor_id)
    if vendor is None or vendor.kind is not OrgKind.vendor:
        raise NotFound(f"No vendor {vendor_id}.")
    return vendor


async def get_policy(session: AsyncSession, actor: Principal, vendor_id: uuid.UUID) -> PolicyView:
    _vendor_staff(actor, vendor_id)
    await _vendor(session, vendor_id)
    row = await repository.policy_of(session, vendor_id)
    return PolicyView(vendor_id, LeadRules.of_row(row), row)


def _policy_created_meanwhile() -> Exception:
    return Conflict("Another request set this policy just now; read it and apply your change.")


async def put_policy(
    session: AsyncSession,
    actor: Principal,
    vendor_id: uuid.UUID,
    rules: LeadRules,
    *,
    if_match: IfMatch,
) -> PolicyView:
    """Set the vendor's lead rules; the SLA applies to leads forwarded from now on."""
    current = await get_policy(session, actor, vendor_id)
    if actor.role not in (Role.vendor_admin, Role.platform_admin):
        raise Forbidden("Only the vendor's admin sets its lead policy.")
    if not (if_match.missing and current.row is None):
        if_match.check(current.tag)
    fields = {
        # Every type, so the stored rubric says what each engagement is worth.
        "points": {t.value: rules.points_for(t) for t in EngagementType},
        "forward_threshold": rules.forward_threshold,
        "accept_days": rules.accept_days,
        "first_touch_days": rules.first_touch_days,
    }
    row = current.row
    if row is None:
        row = LeadPolicy(vendor_id=vendor_id, **fields)
    else:
        for key, value in fields.items():
            setattr(row, key, value)
    await flush_unique(session, {"uq_lead_policies_vendor_id": _policy_created_meanwhile}, row)
    return PolicyView(vendor_id, LeadRules.of_row(row), row)


# --- creating and forwarding -------------------------------------------------------------------


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


def _field(pointer: str, detail: str) -> FieldError:
    return FieldError(pointer=pointer, detail=detail)


async def check_lead(
    session: AsyncSession, actor: Principal, data: LeadInput, base: str = ""
) -> list[FieldError]:
    """Every way `data` breaks the vendor's rules, with pointers under `base`."""
    errors = []
    vendor_id = actor.organization_id
    if not await repository.active_partnership(session, vendor_id, data.partner_id):
        errors.append(_field(f"{base}/partner_id", "not a partner actively enrolled with you"))
    elif data.rep_id is not None:
        rep = await registrations.partner_user(session, data.partner_id, data.rep_id)
        if rep is None:
            errors.append(_field(f"{base}/rep_id", "not an active rep or admin of the partner"))
    if data.skus:
        known = await repository.catalogue_skus(session, vendor_id, data.skus)
        errors.extend(
            _field(f"{base}/skus/{i}", f"{sku} is not a product of your active programs")
            for i, sku in enumerate(data.skus)
            if sku not in known
        )
    seen: set[str] = set()
    for i, sku in enumerate(data.skus):
        if sku in seen:
            errors.append(_field(f"{base}/skus/{i}", f"{sku} is named twice"))
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
    rules = await _rules(session, actor.organization_id)
    if data.forward:
        _require_threshold(data.score, rules, base)
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


def _require_threshold(score: int, rules: LeadRules, base: str | None) -> None:
    """Refuse to forward a lead scoring below the vendor's threshold; `base` points at the body
    whose score falls short, when there is one."""
    if score >= rules.forward_threshold:
        return
    detail = f"the lead scores {score}, below the forwarding threshold of {rules.forward_threshold}"
    raise BelowThreshold(
        f"Not forwarded: {detail}. Create it with forward: false and forward it once its "
        "engagements reach the threshold.",
        errors=[_field(f"{base}/score", detail)] if base is not None else None,
        extra={"score": score, "forward_threshold": rules.forward_threshold},
    )


async def _rules(session: AsyncSession, vendor_id: uuid.UUID) -> LeadRules:
    return LeadRules.of_row(await repository.policy_of(session, vendor_id))


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


async def _for_vendor(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, if_match: IfMatch, what: str
) -> Lead:
    lead = await get_lead(session, actor, lead_id, for_update=True)
    require_vendor_decider(actor, what)
    if_match.check(lead.version)
    return lead


async def forward_lead(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID, *, if_match: IfMatch
) -> Lead:
    lead = await _for_vendor(session, actor, lead_id, if_match, "forward leads")
    states.require_transition(lead, LeadStatus.forwarded, "forwarded")
    rules = await _rules(session, lead.vendor_id)
    _require_threshold(lead.score, rules, None)
    await _forward(session, actor, lead, rules)
    await session.flush()
    return lead


class EngagementInput(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: EngagementType
    occurred_at: Instant
    note: Note | None = None


async def add_engagements(
    session: AsyncSession,
    actor: Principal,
    lead_id: uuid.UUID,
    engagements: Sequence[EngagementInput],
    *,
    if_match: IfMatch,
) -> tuple[Lead, list[LeadEngagement]]:
    """Score what the prospect did by the vendor's rubric; the lead's score grows by it."""
    lead = await _for_vendor(session, actor, lead_id, if_match, "record engagements")
    now = datetime.now(UTC)
    errors = [
        _field(f"/engagements/{i}/occurred_at", "an engagement cannot happen in the future")
        for i, engagement in enumerate(engagements)
        if engagement.occurred_at > now + states.CLOCK_SKEW
    ]
    if errors:
        raise InvalidInput("An engagement is dated in the future.", errors=errors)
    rules = await _rules(session, lead.vendor_id)
    rows = [
        LeadEngagement(
            lead_id=lead.id,
            type=engagement.type,
            occurred_at=min(engagement.occurred_at, now),
            points=rules.points_for(engagement.type),
            note=engagement.note,
            recorded_by=actor.subject_id,
        )
        for engagement in engagements
    ]
    session.add_all(rows)
    added = sum(row.points for row in rows)
    lead.score += added
    await repository.add_history(
        session,
        actor,
        lead,
        action="engaged",
        event=None,
        from_status=lead.status,
        data={"engagements": len(rows), "points": added, "score": lead.score},
    )
    await session.flush()
    return lead, rows


# --- the partner's side ------------------------------------------------------------------------


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
        raise InvalidInput(detail, errors=[_field("/rep_id", detail)])
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
            errors=[_field("/note", "required when the reason is 'other'")],
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
            errors=[_field("/lost_reason", "required when the disposition is 'lost'")],
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
    now = now or await registrations.database_now(session)
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


# --- reading -----------------------------------------------------------------------------------


async def list_leads(
    session: AsyncSession,
    actor: Principal,
    *,
    status: LeadStatus | None = None,
    partner_id: uuid.UUID | None = None,
    rep_id: uuid.UUID | None = None,
    campaign: str | None = None,
    page: PageRequest,
) -> Page[Lead]:
    filters = {
        Lead.status: status,
        Lead.partner_id: partner_id,
        Lead.rep_id: rep_id,
        Lead.campaign: campaign,
    }
    return await repository.list_leads(session, actor, filters=filters, page=page)


async def history(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadHistory]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.history_of(session, lead.id)


async def dispositions(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadDispositionRow]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.dispositions_of(session, lead.id)


async def engagements(
    session: AsyncSession, actor: Principal, lead_id: uuid.UUID
) -> Sequence[LeadEngagement]:
    lead = await get_lead(session, actor, lead_id)
    return await repository.engagements_of(session, lead.id)
