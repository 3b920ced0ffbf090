"""Submitting a deal: it becomes one registration per vendor on it, all in one transaction.

Every vendor's rules are checked first and every failure is reported together, so a refused deal
writes nothing. A registration that meets its program's auto-approval rule is approved at once.
"""

import uuid
from collections.abc import Sequence
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
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal
from dealreg.registrations import customers, repository, states
from dealreg.registrations.answers import field_error
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
    Customer,
    DealInput,
    SubmittedDeal,
)
from dealreg.registrations.vendor_plans import VendorPlan, apply_programs, plan_vendors

# How many years ahead a deal may be expected to close.
MAX_YEARS_AHEAD = 5
# The time zone where a day ends last: a close date is "in the future" if it is for someone.
_LATEST_ZONE = timezone(timedelta(hours=-12))


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
    plans = await plan_vendors(session, actor, data, errors)
    answers = await apply_programs(session, data, plans, errors) if plans else {}
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
        TakeOffers(
            session,
            actor.organization_id,
            {p.vendor_id: p.skus for p in plans if p.takes_offers},
            now,
        )
    )
    registration_rows = []
    for plan in plans:
        registration_id = uuid.uuid4()
        registration_rows.append(
            {
                "id": registration_id,
                "number": repository.provisional_number(registration_id),
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
                **_offer_columns(plan, offers.get(plan.vendor_id)),
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
    registrations = await _number(session, plans, registrations, now)
    by_vendor = {r.vendor_id: r for r in registrations}
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


async def _number(
    session: AsyncSession, plans: list[VendorPlan], registrations: Sequence[Any], now: datetime
) -> list[Any]:
    """Number the new registrations, each its vendor's next in its year. Done last but for what
    shows the number (events, an auto-approval): each vendor's counter row stays locked until
    the commit, so that numbers run without gaps, and every other deal for the vendor waits on
    it meanwhile (at 16 deals at once, most did, while the rest of a deal was written)."""
    years = {plan.vendor_id: now.astimezone(ZoneInfo(plan.vendor_timezone)).year for plan in plans}
    prefixes = {plan.vendor_id: f"{plan.vendor_code}-{years[plan.vendor_id]}-" for plan in plans}
    numbered = {
        row.id: row for row in await repository.number(session, registrations, prefixes, years)
    }
    return [numbered[r.id] for r in registrations]


def _offer_columns(plan: VendorPlan, use: OfferUse | None) -> dict[str, Any]:
    if use is None:
        return {"offer_id": None, "offer_discount_bp": 0}
    return {"offer_id": use.offer_id, "offer_discount_bp": plan.offer_points(use.discount_bp)}


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
