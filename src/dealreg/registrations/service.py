"""Rules of deals and registrations. Services never commit; the caller's transaction does.

A deal is submitted once and becomes one registration per vendor on it, all in one transaction:
every vendor's rules are checked first and every failure is reported together, so a refused deal
writes nothing. Registrations then live on their own through the state machine (states.py), and
every change writes a history row and an event in the same transaction.
"""

import math
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.auth.tokens import Principal
from dealreg.dates import years_after
from dealreg.db import flush_unique
from dealreg.errors import FieldError, Forbidden, InvalidInput
from dealreg.events.models import Event
from dealreg.fields import NO_NUL, Country, Currency, Email, MinorUnits, Name, Sku
from dealreg.incentives import service as incentives
from dealreg.leads import outcomes as lead_outcomes
from dealreg.orgs.models import OrgKind, PartnershipStatus, Role, Tier
from dealreg.orgs.service import AutoApproveRule, ExtraField
from dealreg.outbox.jobs import enqueue
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch
from dealreg.registrations import customers, repository, states
from dealreg.registrations.errors import (
    DealNotFound,
    DuplicateRegistration,
    ExtensionNotAllowed,
    ExtensionNotFound,
    InvalidDeal,
    RegistrationNotFound,
)
from dealreg.registrations.models import (
    Deal,
    DealLine,
    ExtensionRequest,
    ExtensionStatus,
    Registration,
    RegistrationConflict,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)
from dealreg.sla import clocks

Short = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=NO_NUL)]
Note = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=NO_NUL)]
CustomerSize = Literal["1-49", "50-249", "250-999", "1000-4999", "5000+"]
AnswerKey = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
# A number is a float: `int | float` would document a number as one of two overlapping schemas
# (`integer` and `number`), which every whole number breaks (it matches both of a `oneOf`).
Answer = str | float | bool

# How many years ahead a deal may be expected to close, and the longest answer to a question.
MAX_YEARS_AHEAD = 5
MAX_ANSWER_LENGTH = 2000
# A registration's amount stays within what every currency's minor units can carry safely.
MAX_AMOUNT = 10**15
REMIND_BEFORE_EXPIRY = timedelta(days=14)
# The time zone where a day ends last: a close date is "in the future" if it is for someone.
_LATEST_ZONE = timezone(timedelta(hours=-12))


class Customer(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    legal_name: Name
    country: Country
    # A domain or a website URL: conflicts are found by its registrable domain.
    domain: Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=NO_NUL)] | None = (
        None
    )
    region: Short | None = None
    city: Short | None = None
    postal_code: (
        Annotated[str, msgspec.Meta(min_length=1, max_length=20, pattern=NO_NUL)] | None
    ) = None
    industry: Short | None = None
    size: CustomerSize | None = None


class Contact(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: Name
    email: Email | None = None
    phone: Annotated[str, msgspec.Meta(pattern=r"^\+?[0-9][0-9 ().-]{3,30}$")] | None = None
    title: Short | None = None


class Opportunity(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    title: Name
    expected_close_date: date
    currency: Currency
    description: Annotated[str, msgspec.Meta(max_length=4000, pattern=NO_NUL)] = ""
    competitors: Annotated[list[Short], msgspec.Meta(max_length=20)] = msgspec.field(
        default_factory=list
    )


class LineInput(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    vendor_id: uuid.UUID
    sku: Sku
    quantity: Annotated[int, msgspec.Meta(ge=1, le=1_000_000)]
    unit_price: MinorUnits


class VendorInput(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What one vendor on the deal needs beyond the lines: its program (when it has several with
    these products) and the answers to the program's extra fields."""

    vendor_id: uuid.UUID
    program_id: uuid.UUID | None = None
    answers: Annotated[dict[AnswerKey, Answer], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=dict
    )


class DealInput(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    customer: Customer
    contact: Contact
    opportunity: Opportunity
    lines: Annotated[list[LineInput], msgspec.Meta(min_length=1, max_length=100)]
    vendors: Annotated[list[VendorInput], msgspec.Meta(max_length=20)] = msgspec.field(
        default_factory=list
    )
    # The rep the deal is for: the caller when a rep; a partner admin or client may name one.
    rep_id: uuid.UUID | None = None


class SubmittedDeal(msgspec.Struct, frozen=True):
    deal: Any
    lines: Sequence[Any]
    registrations: Sequence[Any]


class VendorPlan(msgspec.Struct, kw_only=True):
    """One vendor's registration, as planned while the deal is checked."""

    vendor_id: uuid.UUID
    vendor_name: str
    vendor_code: str
    vendor_timezone: str
    lines: list[tuple[int, LineInput]]
    entry: tuple[int, VendorInput] | None
    tier: Tier
    program_id: uuid.UUID | None = None
    protection_days: int = 0
    auto_approve_rules: list[AutoApproveRule] = msgspec.field(default_factory=list)
    products: dict[str, uuid.UUID] = msgspec.field(default_factory=dict)
    amount: int = 0

    def auto_approved_by(self) -> int | None:
        """The index of the first auto-approval rule the registration meets, if any."""
        skus = {line.sku for _, line in self.lines}
        for index, rule in enumerate(self.auto_approve_rules):
            if rule.matches(self.tier, self.amount, skus):
                return index
        return None


# --- who may do what ---------------------------------------------------------------------------

_VENDOR_DECIDERS = frozenset({Role.vendor_approver, Role.vendor_admin, Role.vendor_system})


def require_partner_side(actor: Principal, what: str) -> None:
    if actor.org_kind is not OrgKind.partner:
        raise Forbidden(f"Only the registering partner may {what}.")


def require_vendor_decider(actor: Principal, what: str) -> None:
    if actor.org_kind is not OrgKind.vendor or actor.role not in _VENDOR_DECIDERS:
        raise Forbidden(f"Only the vendor's approvers, admins or systems may {what}.")


# --- submitting --------------------------------------------------------------------------------


def _error(pointer: str, detail: str, vendor_id: uuid.UUID | None = None) -> FieldError:
    return FieldError(pointer=pointer, detail=detail, vendor_id=vendor_id)


async def _rep_for(session: AsyncSession, actor: Principal, rep_id: uuid.UUID | None) -> uuid.UUID:
    if actor.kind == "user" and (rep_id is None or rep_id == actor.subject_id):
        return actor.subject_id
    if actor.role is Role.partner_rep and actor.kind == "user":
        raise InvalidDeal(
            "A rep registers deals for themself; leave rep_id out.",
            errors=[_error("/rep_id", "a rep registers deals only for themself")],
        )
    if rep_id is None:
        raise InvalidDeal(
            "A machine client must name the rep the deal is for.",
            errors=[
                _error("/rep_id", "name the rep (a user of your organization) this deal is for")
            ],
        )
    rep = await repository.partner_user(session, actor.organization_id, rep_id)
    if rep is None:
        raise InvalidDeal(
            f"{rep_id} is not an active rep of your organization.",
            errors=[_error("/rep_id", f"{rep_id} is not an active rep of your organization")],
        )
    return rep.id


def _check_close_date(expected: date, today: date, errors: list[FieldError]) -> None:
    if expected <= today:
        errors.append(
            _error("/opportunity/expected_close_date", f"{expected} is not in the future")
        )
    elif expected > years_after(today, MAX_YEARS_AHEAD):
        errors.append(
            _error(
                "/opportunity/expected_close_date",
                f"{expected} is more than five years ahead",
            )
        )


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check_answer(
    field: ExtraField, value: Answer, pointer: str, vendor_id: uuid.UUID
) -> FieldError | None:
    def wrong(expected: str) -> FieldError:
        return _error(pointer, f"'{field.label}' takes {expected}", vendor_id)

    match field.type:
        case "text":
            if not isinstance(value, str) or not value.strip():
                return wrong("non-empty text")
            if len(value) > MAX_ANSWER_LENGTH or "\x00" in value:
                return wrong(f"text of at most {MAX_ANSWER_LENGTH} characters")
        case "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return wrong("a number")
            if not math.isfinite(value):
                return wrong("a finite number")
        case "boolean":
            if not isinstance(value, bool):
                return wrong("true or false")
        case "date":
            if not isinstance(value, str) or not _is_iso_date(value):
                return wrong("a date (YYYY-MM-DD)")
        case "choice":
            if value not in (field.choices or []):
                return wrong("one of: " + ", ".join(field.choices or []))
    return None


def check_answers(
    answers: dict[str, Answer],
    fields: list[ExtraField],
    *,
    base: str,
    vendor_id: uuid.UUID,
    vendor_name: str,
    missing_at: str | None = None,
) -> list[FieldError]:
    """What is wrong with `answers` to a program's extra `fields`: unknown keys, answers of the
    wrong type, required ones missing (pointed at `base`/<key>, or at `missing_at` when the
    client sent no answers object to point into)."""
    errors = []
    known = {field.key: field for field in fields}
    for key in answers:
        if key not in known:
            errors.append(_error(f"{base}/{key}", f"{vendor_name} asks no '{key}'", vendor_id))
    for field in fields:
        if field.key in answers:
            problem = _check_answer(field, answers[field.key], f"{base}/{field.key}", vendor_id)
            if problem:
                errors.append(problem)
        elif field.required:
            errors.append(
                _error(
                    missing_at or f"{base}/{field.key}",
                    f"{vendor_name} requires '{field.key}' ({field.label})",
                    vendor_id,
                )
            )
    return errors


def stored_answers(answers: dict[str, Answer]) -> dict[str, Answer]:
    """Answers as kept: a whole number stays one (JSON's 800 decodes to 800.0 here, see
    `Answer`, and should read back as the 800 that was sent)."""
    return {
        key: int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53
        else value
        for key, value in answers.items()
    }


def _plan_answers(
    plan: VendorPlan, fields: list[ExtraField], errors: list[FieldError]
) -> dict[str, Answer]:
    index, entry = plan.entry if plan.entry else (None, None)
    answers = stored_answers(entry.answers) if entry else {}
    errors += check_answers(
        answers,
        fields,
        base=f"/vendors/{index}/answers",
        missing_at=None if index is not None else "/vendors",
        vendor_id=plan.vendor_id,
        vendor_name=plan.vendor_name,
    )
    return answers


def _choose_program(
    plan: VendorPlan, programs: dict[uuid.UUID, list[Any]], errors: list[FieldError]
) -> Any | None:
    """The program of `plan`'s vendor that registers its lines (recording errors when none)."""
    wanted = {line.sku for _, line in plan.lines}
    named = plan.entry[1].program_id if plan.entry else None
    if named is not None:
        if named not in programs:
            errors.append(
                _error(
                    f"/vendors/{plan.entry[0] if plan.entry else 0}/program_id",
                    f"{named} is not an active program of {plan.vendor_name}",
                    plan.vendor_id,
                )
            )
            return None
        candidates = [named]
    else:
        candidates = [
            pid for pid, rows in programs.items() if wanted <= {r.sku for r in rows if r.sku}
        ]
        if len(candidates) > 1:
            pointer = f"/vendors/{plan.entry[0]}/program_id" if plan.entry else "/vendors"
            errors.append(
                _error(
                    pointer,
                    f"{plan.vendor_name} has several programs with these products; name one",
                    plan.vendor_id,
                )
            )
            return None
    if candidates:
        rows = programs[candidates[0]]
        offered = {r.sku for r in rows if r.sku}
    else:
        rows, offered = [], {r.sku for rs in programs.values() for r in rs if r.sku}
    missing = [(i, line) for i, line in plan.lines if line.sku not in offered]
    for i, line in missing:
        where = f"program '{rows[0].program_name}'" if rows else "its active programs"
        errors.append(
            _error(
                f"/lines/{i}/sku",
                f"{plan.vendor_name} offers no product '{line.sku}' in {where}",
                plan.vendor_id,
            )
        )
    if not candidates and not missing:
        errors.append(
            _error(
                "/lines",
                f"{plan.vendor_name}'s products on this deal belong to different programs; "
                "register them in separate deals",
                plan.vendor_id,
            )
        )
    return rows[0] if candidates and not missing else None


async def _plan_vendors(
    session: AsyncSession, actor: Principal, data: DealInput, errors: list[FieldError]
) -> list[VendorPlan]:
    lines_by_vendor: dict[uuid.UUID, list[tuple[int, LineInput]]] = {}
    for i, line in enumerate(data.lines):
        lines_by_vendor.setdefault(line.vendor_id, []).append((i, line))
    entries: dict[uuid.UUID, tuple[int, VendorInput]] = {}
    for i, entry in enumerate(data.vendors):
        if entry.vendor_id in entries:
            errors.append(_error(f"/vendors/{i}/vendor_id", "this vendor is listed twice"))
        elif entry.vendor_id not in lines_by_vendor:
            errors.append(
                _error(f"/vendors/{i}/vendor_id", "no line of the deal is for this vendor")
            )
        entries.setdefault(entry.vendor_id, (i, entry))

    vendors = {
        row.id: row
        for row in await repository.vendors_of_partner(
            session, actor.organization_id, lines_by_vendor
        )
    }
    plans = []
    for vendor_id, lines in lines_by_vendor.items():
        vendor = vendors.get(vendor_id)
        pointer = f"/lines/{lines[0][0]}/vendor_id"
        if vendor is None or vendor.partnership_status is None:
            # Said the same way whether or not the vendor exists: the partner is enrolled with
            # the vendors it may know about.
            errors.append(_error(pointer, f"{vendor_id} is not a vendor you are enrolled with"))
            continue
        if vendor.partnership_status is not PartnershipStatus.active:
            errors.append(
                _error(
                    pointer,
                    f"your partnership with {vendor.name} is {vendor.partnership_status.value}",
                    vendor_id,
                )
            )
            continue
        plans.append(
            VendorPlan(
                vendor_id=vendor_id,
                vendor_name=vendor.name,
                vendor_code=vendor.code,
                vendor_timezone=vendor.timezone,
                lines=lines,
                entry=entries.get(vendor_id),
                tier=vendor.tier,
            )
        )
    return plans


async def _apply_programs(
    session: AsyncSession, data: DealInput, plans: list[VendorPlan], errors: list[FieldError]
) -> dict[uuid.UUID, dict[str, Answer]]:
    rows = await repository.catalogue(
        session, [plan.vendor_id for plan in plans], {line.sku for line in data.lines}
    )
    by_vendor: dict[uuid.UUID, dict[uuid.UUID, list[Any]]] = {}
    for row in rows:
        by_vendor.setdefault(row.vendor_id, {}).setdefault(row.program_id, []).append(row)
    answers = {}
    currency = data.opportunity.currency
    for plan in plans:
        program = _choose_program(plan, by_vendor.get(plan.vendor_id, {}), errors)
        if program is None:
            continue
        plan.program_id = program.program_id
        plan.protection_days = program.protection_days
        plan.auto_approve_rules = msgspec.convert(program.auto_approve_rules, list[AutoApproveRule])
        plan.products = {r.sku: r.product_id for r in by_vendor[plan.vendor_id][plan.program_id]}
        plan.amount = sum(line.quantity * line.unit_price for _, line in plan.lines)
        if program.currency != currency:
            errors.append(
                _error(
                    "/opportunity/currency",
                    f"{plan.vendor_name} registers deals in {program.currency}, not {currency}",
                    plan.vendor_id,
                )
            )
        elif plan.amount < program.minimum_deal_amount:
            errors.append(
                _error(
                    "/lines",
                    f"{plan.vendor_name} registers deals of at least "
                    f"{program.minimum_deal_amount} minor units of {currency}; its lines here "
                    f"total {plan.amount}",
                    plan.vendor_id,
                )
            )
        if plan.amount > MAX_AMOUNT:
            errors.append(
                _error("/lines", f"{plan.vendor_name}'s lines total more than {MAX_AMOUNT}")
            )
        fields = msgspec.convert(program.extra_fields, list[ExtraField])
        answers[plan.vendor_id] = _plan_answers(plan, fields, errors)
    return answers


def _customer_keys(customer: Customer, errors: list[FieldError]) -> tuple[str | None, str]:
    domain_key = None
    if customer.domain is not None:
        try:
            domain_key = customers.registrable_domain(customer.domain)
        except customers.InvalidDomain as exc:
            errors.append(_error("/customer/domain", str(exc)))
    return domain_key, customers.name_key(customer.legal_name, customer.country)


async def _find_claims(
    session: AsyncSession,
    actor: Principal,
    plans: list[VendorPlan],
    domain_key: str | None,
    name_key: str,
) -> dict[uuid.UUID, list[Any]]:
    """Other partners' active registrations each planned one conflicts with; a duplicate of the
    partner's own is refused."""
    claims = [
        repository.CustomerClaim(
            plan.vendor_id,
            domain_key,
            name_key,
            {plan.products[line.sku] for _, line in plan.lines},
        )
        for plan in plans
    ]
    lock_keys = [f"{c.vendor_id}|n|{name_key}" for c in claims]
    if domain_key is not None:
        lock_keys += [f"{c.vendor_id}|d|{domain_key}" for c in claims]
    await repository.lock_customers(session, lock_keys)
    conflicts: dict[uuid.UUID, list[Any]] = {}
    for row in await repository.claims_on(session, claims):
        if row.partner_id == actor.organization_id:
            detail = (
                "Your organization already holds an active registration for this customer and "
                "product at this vendor"
            )
            # Pointed at only for a caller who may read it: a colleague's registration is named
            # to the partner admin and to its own rep, not to every rep of the partner.
            if actor.role is Role.partner_admin or row.rep_id == actor.subject_id:
                raise DuplicateRegistration(
                    f"{detail}: {row.number} ({row.status.value}).",
                    extra={"registration_id": str(row.id), "number": row.number},
                    headers={"Location": f"/v1/registrations/{row.id}"},
                )
            raise DuplicateRegistration(f"{detail}; your partner admin can see it.")
        conflicts.setdefault(row.vendor_id, []).append(row)
    return conflicts


class CheckedDeal(msgspec.Struct, frozen=True, kw_only=True):
    """A deal that meets every rule of its vendors, planned as one registration per vendor."""

    rep_id: uuid.UUID
    now: datetime
    plans: list[VendorPlan]
    answers: dict[uuid.UUID, dict[str, Any]]
    domain_key: str | None
    name_key: str


async def check_deal(session: AsyncSession, actor: Principal, data: DealInput) -> CheckedDeal:
    """Check the deal against every vendor's rules, writing nothing; every failure at once."""
    if actor.org_kind is not OrgKind.partner:
        raise Forbidden("Only a partner registers deals.")
    rep_id = await _rep_for(session, actor, data.rep_id)
    now = datetime.now(UTC)
    errors: list[FieldError] = []
    _check_close_date(
        data.opportunity.expected_close_date, now.astimezone(_LATEST_ZONE).date(), errors
    )
    domain_key, name_key = _customer_keys(data.customer, errors)
    plans = await _plan_vendors(session, actor, data, errors)
    answers = await _apply_programs(session, data, plans, errors) if plans else {}
    if errors:
        raise InvalidDeal(
            f"The deal breaks {len(errors)} rule(s) of its vendors; nothing was registered.",
            errors=errors,
        )
    return CheckedDeal(
        rep_id=rep_id,
        now=now,
        plans=plans,
        answers=answers,
        domain_key=domain_key,
        name_key=name_key,
    )


async def submit_deal(session: AsyncSession, actor: Principal, data: DealInput) -> SubmittedDeal:
    checked = await check_deal(session, actor, data)
    rep_id, now, plans, answers = checked.rep_id, checked.now, checked.plans, checked.answers
    domain_key, name_key = checked.domain_key, checked.name_key
    conflicts = await _find_claims(session, actor, plans, domain_key, name_key)
    numbers = await repository.next_numbers(
        session,
        {plan.vendor_id: now.astimezone(ZoneInfo(plan.vendor_timezone)).year for plan in plans},
    )
    deal = (
        await repository.insert_returning(
            session,
            Deal,
            [
                {
                    "id": uuid.uuid4(),
                    "partner_id": actor.organization_id,
                    "rep_id": rep_id,
                    "submitted_by": actor.subject_id,
                    "customer": msgspec.to_builtins(data.customer),
                    "contact": msgspec.to_builtins(data.contact),
                    "title": data.opportunity.title,
                    "description": data.opportunity.description,
                    "expected_close_date": data.opportunity.expected_close_date,
                    "currency": data.opportunity.currency,
                    "competitors": data.opportunity.competitors,
                }
            ],
        )
    )[0]
    in_force = await incentives.plans_in_force(
        session, [p.program_id for p in plans if p.program_id]
    )
    registration_rows = []
    for plan in plans:
        year = now.astimezone(ZoneInfo(plan.vendor_timezone)).year
        registration_rows.append(
            {
                "id": uuid.uuid4(),
                "number": f"{plan.vendor_code}-{year}-{numbers[plan.vendor_id]:06d}",
                "deal_id": deal.id,
                "vendor_id": plan.vendor_id,
                "program_id": plan.program_id,
                "partner_id": actor.organization_id,
                "rep_id": rep_id,
                "status": RegistrationStatus.submitted,
                "amount": plan.amount,
                "currency": data.opportunity.currency,
                "customer_name": data.customer.legal_name,
                "title": data.opportunity.title,
                "expected_close_date": data.opportunity.expected_close_date,
                "customer_domain_key": domain_key,
                "customer_name_key": name_key,
                "answers": answers[plan.vendor_id],
                "conflict": plan.vendor_id in conflicts,
                "incentive_plan_id": in_force.get(plan.program_id) if plan.program_id else None,
            }
        )
    registrations = await repository.insert_returning(session, Registration, registration_rows)
    await clocks.start_clocks(session, registrations)
    by_vendor = {r.vendor_id: r for r in registrations}
    line_rows = [
        {
            "id": uuid.uuid4(),
            "deal_id": deal.id,
            "registration_id": by_vendor[plan.vendor_id].id,
            "position": i,
            "vendor_id": plan.vendor_id,
            "product_id": plan.products[line.sku],
            "sku": line.sku,
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "amount": line.quantity * line.unit_price,
        }
        for plan in plans
        for i, line in plan.lines
    ]
    await repository.insert_rows(session, DealLine, line_rows)
    await repository.insert_rows(
        session,
        RegistrationConflict,
        [
            {"registration_id": by_vendor[vendor_id].id, "other_id": other.id}
            for vendor_id, others in conflicts.items()
            for other in others
        ],
    )
    await repository.insert_rows(
        session,
        RegistrationHistory,
        [
            _history_row(actor, r.id, action="submitted", to_status=RegistrationStatus.submitted)
            for r in registrations
        ],
    )
    await repository.add_events(
        session,
        [_event_row("registration.submitted", r, {"conflict": r.conflict}) for r in registrations]
        # Which other partners' registrations it conflicts with is the vendor's to know only.
        + [
            repository.event_row(
                "registration.conflict_detected",
                r.id,
                vendor_id=r.vendor_id,
                partner_id=None,
                data={
                    "registration_id": str(r.id),
                    "number": r.number,
                    "conflicts_with": [str(o.id) for o in conflicts[r.vendor_id]],
                },
            )
            for r in registrations
            if r.vendor_id in conflicts
        ],
    )
    approved = await _auto_approve(
        session, [plan for plan in plans if plan.vendor_id not in conflicts], by_vendor
    )
    line_rows.sort(key=lambda line: line["position"])
    registrations = [approved.get(r.id, r) for r in registrations]
    return SubmittedDeal(deal=deal, lines=line_rows, registrations=registrations)


async def _auto_approve(
    session: AsyncSession, plans: list[VendorPlan], submitted: dict[uuid.UUID, Any]
) -> dict[uuid.UUID, Registration]:
    """Approve, as decided by the program's rule, each new registration that meets one (never a
    conflicting one: which partner to protect is the vendor's call)."""
    approved = {}
    for plan in plans:
        rule = plan.auto_approved_by()
        if rule is None:
            continue
        registration = await session.get_one(Registration, submitted[plan.vendor_id].id)
        at = datetime.now(UTC)
        change = states.approve(
            registration,
            at=at,
            protection_days=plan.protection_days,
            reason=f"approved by the program's auto-approval rule {rule + 1}",
        )
        await record(
            session, None, registration, change, {"rule": "auto_approve", "index": rule}, at=at
        )
        approved[registration.id] = registration
    await session.flush()
    return approved


def _history_row(
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


def _event_row(type_: str, registration: Any, data: dict[str, Any]) -> dict[str, Any]:
    return repository.event_row(
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


# The events after which a registration may have earned (or lost) incentives.
_EARNING_EVENTS = frozenset(
    {
        "registration.approved",
        "registration.stage_changed",
        "registration.won",
        "registration.lost",
        "registration.cancelled",
    }
)

# A registration a lead became that closes so closes the lead.
_LEAD_OUTCOMES = frozenset({RegistrationStatus.won, RegistrationStatus.lost})


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
    keep its approval clock in step."""
    session.add(
        RegistrationHistory(
            **_history_row(
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
            **_event_row(
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
    if change.to_status is not change.from_status:
        await clocks.follow(session, registration.id, change.to_status, at or datetime.now(UTC))
    if change.to_status in _LEAD_OUTCOMES and change.to_status is not change.from_status:
        await lead_outcomes.follow_registration(
            session,
            registration.id,
            won=change.to_status is RegistrationStatus.won,
            at=at or datetime.now(UTC),
            reason=change.reason,
        )
    if registration.incentive_plan_id is not None and change.event in _EARNING_EVENTS:
        await enqueue(session, incentives.settle_job, registration_id=str(registration.id))


# --- reading -----------------------------------------------------------------------------------


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
    page: PageRequest,
) -> Page[DealView]:
    result = await repository.list_deals(
        session, actor, partner_id=partner_id, rep_id=rep_id, page=page
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
    status: RegistrationStatus | None = None,
    vendor_id: uuid.UUID | None = None,
    partner_id: uuid.UUID | None = None,
    rep_id: uuid.UUID | None = None,
    stage: SalesStage | None = None,
    expiring_before: datetime | None = None,
    page: PageRequest,
) -> Page[Any]:
    return await repository.list_registrations(
        session,
        actor,
        status=status,
        vendor_id=vendor_id,
        partner_id=partner_id,
        rep_id=rep_id,
        stage=stage,
        expiring_before=expiring_before,
        page=page,
    )


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
        await _close_pending_extension(
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
        await _close_pending_extension(
            session, registration, datetime.now(UTC), f"registration {change.to_status.value}"
        )
    await session.flush()
    return registration


def _lapsed(registration: Registration) -> bool:
    """Protection has run out, though the hourly sweep may not have expired it yet."""
    return registration.expires_at is not None and registration.expires_at <= datetime.now(UTC)


async def request_extension(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    *,
    if_match: IfMatch,
    days: int,
    reason: str,
) -> tuple[Registration, ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    require_partner_side(actor, "ask for an extension")
    if_match.check(registration.version)
    states.require_protected(registration)
    program = await repository.program_terms(session, registration.program_id)
    if days > program.extension_days:
        raise InvalidInput(
            f"The program extends protection by at most {program.extension_days} days.",
            errors=[FieldError(pointer="/days", detail=f"at most {program.extension_days}")],
        )
    if registration.extensions_granted >= program.max_extensions:
        raise ExtensionNotAllowed(
            f"The program allows {program.max_extensions} extension(s); "
            f"{registration.number} has had {registration.extensions_granted}."
        )
    if registration.extension_pending:
        raise ExtensionNotAllowed(
            f"An extension of {registration.number} is already waiting for the vendor's decision."
        )
    if _lapsed(registration):
        raise ExtensionNotAllowed(f"The protection of {registration.number} has already lapsed.")
    request = ExtensionRequest(
        registration_id=registration.id, requested_by=actor.subject_id, days=days, reason=reason
    )
    registration.extension_pending = True
    await flush_unique(
        session,
        {
            "uq_extension_requests_pending": lambda: ExtensionNotAllowed(
                f"An extension of {registration.number} is already waiting for a decision."
            )
        },
        request,
    )
    change = states.unchanged(registration, action="extension_requested", reason=reason)
    await record(
        session, actor, registration, change, {"request_id": str(request.id), "days": days}
    )
    await session.flush()
    return registration, request


async def list_extensions(
    session: AsyncSession, actor: Principal, registration_id: uuid.UUID
) -> Sequence[ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id)
    return await repository.extension_requests(session, registration.id)


async def decide_extension(
    session: AsyncSession,
    actor: Principal,
    registration_id: uuid.UUID,
    request_id: uuid.UUID,
    *,
    if_match: IfMatch,
    grant: bool,
    days: int | None,
    reason: str | None,
) -> tuple[Registration, ExtensionRequest]:
    registration = await get_registration(session, actor, registration_id, for_update=True)
    request = await repository.get_extension_request(session, registration.id, request_id)
    if request is None:
        raise ExtensionNotFound(f"No extension request {request_id} of this registration.")
    require_vendor_decider(actor, "decide an extension")
    if_match.check(registration.version)
    if request.status is not ExtensionStatus.pending:
        raise ExtensionNotAllowed(f"This extension request was already {request.status.value}.")
    if days is not None and days > request.days:
        raise InvalidInput(
            f"The partner asked for {request.days} days; grant at most that.",
            errors=[FieldError(pointer="/days", detail=f"at most {request.days}")],
        )
    if grant and _lapsed(registration):
        raise ExtensionNotAllowed(
            f"The protection of {registration.number} lapsed before this decision."
        )
    if not grant and reason is None:
        raise InvalidInput(
            "Say why the extension is refused.",
            errors=[FieldError(pointer="/reason", detail="required when refusing")],
        )
    request.decided_by = actor.subject_id
    request.decided_at = datetime.now(UTC)
    request.decision_reason = reason
    registration.extension_pending = False
    if grant:
        granted = days or request.days
        change = states.extend(registration, days=granted, reason=reason)
        request.status, request.granted_days = ExtensionStatus.granted, granted
    else:
        request.status = ExtensionStatus.refused
        change = states.unchanged(registration, action="extension_refused", reason=reason)
    data: dict[str, Any] = {"request_id": str(request.id), "days": request.granted_days}
    if registration.expires_at is not None:
        data["expires_at"] = registration.expires_at.isoformat()
    await record(session, actor, registration, change, data)
    await session.flush()
    return registration, request


# --- expiry ------------------------------------------------------------------------------------

_BATCH = 500


async def expire_lapsed(session: AsyncSession) -> int:
    """Expire every approved registration whose protection has run out; how many it expired."""
    now = await repository.database_now(session)
    expired = 0
    while True:
        batch = await repository.lapsed(session, now, _BATCH)
        for registration in batch:
            await record(session, None, registration, states.expire(registration, at=now), at=now)
            if registration.extension_pending:
                await _close_pending_extension(
                    session, registration, now, "protection lapsed before a decision"
                )
        await session.flush()
        expired += len(batch)
        if len(batch) < _BATCH:
            return expired


async def _close_pending_extension(
    session: AsyncSession, registration: Registration, now: datetime, why: str
) -> None:
    """An extension still undecided when protection ends (lapsed, won, lost, cancelled) can no
    longer be granted: it is refused, saying why."""
    request = await repository.pending_extension(session, registration.id)
    registration.extension_pending = False
    if request is not None:
        request.status = ExtensionStatus.refused
        request.decided_at = now
        request.decision_reason = why


async def remind_expiring(session: AsyncSession) -> int:
    """Announce, once per protection period, the registrations expiring within 14 days."""
    now = await repository.database_now(session)
    reminded = 0
    while True:
        due = await repository.due_expiry_reminders(session, now + REMIND_BEFORE_EXPIRY, _BATCH)
        await repository.add_events(
            session,
            [
                repository.event_row(
                    "registration.expiring",
                    row.id,
                    vendor_id=row.vendor_id,
                    partner_id=row.partner_id,
                    data={
                        "registration_id": str(row.id),
                        "number": row.number,
                        "rep_id": str(row.rep_id),
                        "expires_at": row.expires_at.isoformat(),
                    },
                )
                for row in due
            ],
        )
        await repository.mark_reminded(session, {row.id: row.expires_at for row in due})
        reminded += len(due)
        if len(due) < _BATCH:
            return reminded
