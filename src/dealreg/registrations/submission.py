"""Submitting a deal: it becomes one registration per vendor on it, all in one transaction.

Every vendor's rules are checked first and every failure is reported together, so a refused deal
writes nothing. A registration that meets its program's auto-approval rule is approved at once.
"""

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.dates import years_after
from dealreg.db import insert_returning, insert_rows
from dealreg.errors import FieldError, Forbidden
from dealreg.events.repository import add_events, event_row
from dealreg.messagebus import BUS
from dealreg.orgs.models import OrgKind, PartnershipStatus, Role, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.programs import AutoApproveRule, ExtraField
from dealreg.registrations import customers, repository, states
from dealreg.registrations.answers import check_answers, field_error, stored_answers
from dealreg.registrations.changes import history_row, record, registration_event
from dealreg.registrations.errors import DuplicateRegistration, InvalidDeal
from dealreg.registrations.events import IncentivePlansInForce, OfferUse, Submitted, TakeOffers
from dealreg.registrations.models import (
    Deal,
    DealLine,
    Registration,
    RegistrationConflict,
    RegistrationHistory,
    RegistrationStatus,
)
from dealreg.registrations.schemas import (
    Answer,
    Customer,
    DealInput,
    LineInput,
    SubmittedDeal,
    VendorInput,
)

# How many years ahead a deal may be expected to close.
MAX_YEARS_AHEAD = 5
# A registration's amount stays within what every currency's minor units can carry safely.
MAX_AMOUNT = 10**15
# The time zone where a day ends last: a close date is "in the future" if it is for someone.
_LATEST_ZONE = timezone(timedelta(hours=-12))


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
    # The program's standard registration discount, in basis points.
    standard_discount_bp: int = 0

    @property
    def skus(self) -> frozenset[str]:
        return frozenset(line.sku for _, line in self.lines)

    def auto_approved_by(self) -> int | None:
        """The index of the first auto-approval rule the registration meets, if any."""
        for index, rule in enumerate(self.auto_approve_rules):
            if rule.matches(self.tier, self.amount, set(self.skus)):
                return index
        return None


async def _rep_for(session: AsyncSession, actor: Principal, rep_id: uuid.UUID | None) -> uuid.UUID:
    if actor.kind == "user" and (rep_id is None or rep_id == actor.subject_id):
        return actor.subject_id
    if actor.role is Role.partner_rep and actor.kind == "user":
        raise InvalidDeal(
            "A rep registers deals for themself; leave rep_id out.",
            errors=[
                field_error("not_allowed", "/rep_id", "a rep registers deals only for themself")
            ],
        )
    if rep_id is None:
        raise InvalidDeal(
            "A machine client must name the rep the deal is for.",
            errors=[
                field_error(
                    "required",
                    "/rep_id",
                    "name the rep (a user of your organization) this deal is for",
                )
            ],
        )
    rep = await repository.partner_user(session, actor.organization_id, rep_id)
    if rep is None:
        raise InvalidDeal(
            f"{rep_id} is not an active rep of your organization.",
            errors=[
                field_error(
                    "not_found", "/rep_id", f"{rep_id} is not an active rep of your organization"
                )
            ],
        )
    return rep.id


def _check_close_date(expected: date, today: date, errors: list[FieldError]) -> None:
    if expected <= today:
        errors.append(
            field_error(
                "minimum",
                "/opportunity/expected_close_date",
                f"{expected} is not in the future",
                minimum=(today + timedelta(days=1)).isoformat(),
            )
        )
    elif expected > years_after(today, MAX_YEARS_AHEAD):
        errors.append(
            field_error(
                "maximum",
                "/opportunity/expected_close_date",
                f"{expected} is more than five years ahead",
                maximum=years_after(today, MAX_YEARS_AHEAD).isoformat(),
            )
        )


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
                field_error(
                    "not_found",
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
                field_error(
                    "ambiguous",
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
            field_error(
                "not_in_catalogue",
                f"/lines/{i}/sku",
                f"{plan.vendor_name} offers no product '{line.sku}' in {where}",
                plan.vendor_id,
                value=line.sku,
            )
        )
    if not candidates and not missing:
        errors.append(
            field_error(
                "mixed_programs",
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
            errors.append(
                field_error("duplicate", f"/vendors/{i}/vendor_id", "this vendor is listed twice")
            )
        elif entry.vendor_id not in lines_by_vendor:
            errors.append(
                field_error(
                    "no_lines", f"/vendors/{i}/vendor_id", "no line of the deal is for this vendor"
                )
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
            errors.append(
                field_error(
                    "not_enrolled", pointer, f"{vendor_id} is not a vendor you are enrolled with"
                )
            )
            continue
        if vendor.partnership_status is not PartnershipStatus.active:
            errors.append(
                field_error(
                    "not_enrolled",
                    pointer,
                    f"your partnership with {vendor.name} is {vendor.partnership_status.value}",
                    vendor_id,
                    status=vendor.partnership_status.value,
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
        plan.standard_discount_bp = program.registration_discount_bp
        plan.auto_approve_rules = msgspec.convert(program.auto_approve_rules, list[AutoApproveRule])
        plan.products = {r.sku: r.product_id for r in by_vendor[plan.vendor_id][plan.program_id]}
        plan.amount = sum(line.quantity * line.unit_price for _, line in plan.lines)
        if program.currency != currency:
            errors.append(
                field_error(
                    "enum",
                    "/opportunity/currency",
                    f"{plan.vendor_name} registers deals in {program.currency}, not {currency}",
                    plan.vendor_id,
                    allowed=[program.currency],
                )
            )
        elif plan.amount < program.minimum_deal_amount:
            errors.append(
                field_error(
                    "minimum",
                    "/lines",
                    f"{plan.vendor_name} registers deals of at least "
                    f"{program.minimum_deal_amount} minor units of {currency}; its lines here "
                    f"total {plan.amount}",
                    plan.vendor_id,
                    minimum=program.minimum_deal_amount,
                )
            )
        if plan.amount > MAX_AMOUNT:
            errors.append(
                field_error(
                    "maximum",
                    "/lines",
                    f"{plan.vendor_name}'s lines total more than {MAX_AMOUNT}",
                    maximum=MAX_AMOUNT,
                )
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
            errors.append(field_error("format", "/customer/domain", str(exc), format="domain"))
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
    deal = (
        await insert_returning(
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
    in_force = await BUS.ask(
        IncentivePlansInForce(session, [p.program_id for p in plans if p.program_id])
    )
    # Each registration takes a use of the partner's best offer that holds for it, for good.
    offers = await BUS.ask(
        TakeOffers(session, actor.organization_id, {p.vendor_id: p.skus for p in plans}, now)
    )
    # Taken as late as the rows allow: each vendor's counter row stays locked until the commit,
    # and every other deal for the vendor waits on it meanwhile.
    numbers = await repository.next_numbers(
        session,
        {plan.vendor_id: now.astimezone(ZoneInfo(plan.vendor_timezone)).year for plan in plans},
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
                "standard_discount_bp": plan.standard_discount_bp,
                **_offer_columns(offers.get(plan.vendor_id)),
            }
        )
    registrations = await insert_returning(session, Registration, registration_rows)
    await BUS.emit(Submitted(session, registrations))
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
    await insert_rows(session, DealLine, line_rows)
    await insert_rows(
        session,
        RegistrationConflict,
        [
            {"registration_id": by_vendor[vendor_id].id, "other_id": other.id}
            for vendor_id, others in conflicts.items()
            for other in others
        ],
    )
    await insert_rows(
        session,
        RegistrationHistory,
        [
            history_row(actor, r.id, action="submitted", to_status=RegistrationStatus.submitted)
            for r in registrations
        ],
    )
    await add_events(
        session,
        [
            registration_event("registration.submitted", r, {"conflict": r.conflict})
            for r in registrations
        ]
        # Which other partners' registrations it conflicts with is the vendor's to know only.
        + [
            event_row(
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


def _offer_columns(use: OfferUse | None) -> dict[str, Any]:
    if use is None:
        return {"offer_id": None, "offer_discount_bp": 0}
    return {"offer_id": use.offer_id, "offer_discount_bp": use.discount_bp}


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
