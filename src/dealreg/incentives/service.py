"""Incentive plans and the earnings ledger.

A program's plan is versioned: each write makes the next version, and a registration keeps the
version in force when it was submitted. What a registration has earned is settled by a job
(`incentives.settle`) that every earning change of a registration enqueues (`settle_after`,
subscribed in subscriptions.py): it locks the registration, works
out which milestones it has reached (and whether a clawback applies), and inserts what the ledger
lacks. Settling twice, or for a replayed event, finds everything already there and inserts
nothing; the unique milestone per registration and the unique reversal per entry make a second
row impossible even for two settles racing.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.errors import FieldError, InvalidInput, NotFound, field_error
from dealreg.incentives import repository, terms
from dealreg.incentives.models import Earning, Entry, IncentivePlan
from dealreg.incentives.terms import Milestone, Pay, Terms
from dealreg.orgs import programs
from dealreg.orgs import service as orgs
from dealreg.orgs.models import Tier
from dealreg.orgs.principals import Principal
from dealreg.outbox.jobs import enqueue, job
from dealreg.registrations.events import Changed, IncentivePlansInForce
from dealreg.registrations.models import (
    Registration,
    RegistrationStatus,
    SalesStage,
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

MAX_FIXED = 10**15
MAX_MULTIPLIER_BP = 5 * terms.BP
MAX_CLAWBACK_DAYS = 3650


class PlanNotFound(NotFound):
    type, title = "incentive-plan-not-found", "Incentive plan not found"


class PlanIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    margin_rate_bp: int
    pays: list[Pay]
    per_deal_cap: int | None = None
    tier_multipliers_bp: dict[Tier, int] = {}
    clawback_days: int = 90
    clawback_on_closed_lost: bool = False
    note: str | None = None


def _check(plan: PlanIn) -> None:
    """Every rule a plan breaks, at once, each pointed at in the body."""
    errors: list[FieldError] = []

    def bad(pointer: str, detail: str, code: str = "invalid", **params: Any) -> None:
        errors.append(field_error(code, pointer=pointer, detail=detail, **params))

    if not 0 <= plan.margin_rate_bp <= terms.BP:
        bad(
            "/margin_rate_bp",
            "a rate in basis points, from 0 to 10000 (100 %)",
            "range",
            minimum=0,
            maximum=terms.BP,
        )
    if not plan.pays:
        bad("/pays", "a plan pays at one milestone at least", "too_few", min_items=1)
    seen: set[Milestone] = set()
    for i, pay in enumerate(plan.pays):
        if pay.milestone in seen:
            bad(f"/pays/{i}/milestone", f"{pay.milestone.value} is paid twice", "duplicate")
        seen.add(pay.milestone)
        if (pay.fixed is None) == (pay.margin_share_bp is None):
            bad(
                f"/pays/{i}",
                "give either `fixed` or `margin_share_bp`, not both or neither",
                "one_of",
                fields=["fixed", "margin_share_bp"],
            )
        if pay.fixed is not None and not 0 <= pay.fixed <= MAX_FIXED:
            bad(
                f"/pays/{i}/fixed",
                f"minor units, from 0 to {MAX_FIXED}",
                "range",
                minimum=0,
                maximum=MAX_FIXED,
            )
        if pay.margin_share_bp is not None and not 0 <= pay.margin_share_bp <= terms.BP:
            bad(
                f"/pays/{i}/margin_share_bp",
                "a share in basis points, from 0 to 10000",
                "range",
                minimum=0,
                maximum=terms.BP,
            )
    if plan.per_deal_cap is not None and not 0 <= plan.per_deal_cap <= MAX_FIXED:
        bad(
            "/per_deal_cap",
            f"minor units, from 0 to {MAX_FIXED}",
            "range",
            minimum=0,
            maximum=MAX_FIXED,
        )
    for tier, multiplier in plan.tier_multipliers_bp.items():
        if not 0 <= multiplier <= MAX_MULTIPLIER_BP:
            bad(
                f"/tier_multipliers_bp/{tier.value}",
                f"a multiplier in basis points, from 0 to {MAX_MULTIPLIER_BP} (5x)",
                "range",
                minimum=0,
                maximum=MAX_MULTIPLIER_BP,
            )
    if not 0 <= plan.clawback_days <= MAX_CLAWBACK_DAYS:
        bad(
            "/clawback_days",
            f"days, from 0 to {MAX_CLAWBACK_DAYS}",
            "range",
            minimum=0,
            maximum=MAX_CLAWBACK_DAYS,
        )
    if errors:
        raise InvalidInput("The incentive plan is not valid.", errors=errors)


def terms_of(plan: IncentivePlan) -> Terms:
    return Terms(
        margin_rate_bp=plan.margin_rate_bp,
        pays=tuple(msgspec.convert(plan.pays, list[Pay])),
        per_deal_cap=plan.per_deal_cap,
        tier_multipliers_bp=msgspec.convert(plan.tier_multipliers_bp, dict[Tier, int]),
        clawback_days=plan.clawback_days,
        clawback_on_closed_lost=plan.clawback_on_closed_lost,
    )


async def create_plan(
    session: AsyncSession, actor: Principal, program_id: uuid.UUID, plan: PlanIn
) -> IncentivePlan:
    """The program's next plan version; registrations submitted from now on earn by it."""
    program = await programs.get_program(session, actor, program_id)
    orgs.require_admin_of(actor, program.vendor_id)
    _check(plan)
    # Versions of one program are numbered one at a time: the program row is the lock.
    await repository.lock_program(session, program.id)
    latest = await repository.latest_version(session, program.id)
    row = IncentivePlan(
        program_id=program.id,
        vendor_id=program.vendor_id,
        version=(latest or 0) + 1,
        currency=program.currency,
        margin_rate_bp=plan.margin_rate_bp,
        pays=msgspec.to_builtins(plan.pays),
        per_deal_cap=plan.per_deal_cap,
        tier_multipliers_bp=msgspec.to_builtins(plan.tier_multipliers_bp),
        clawback_days=plan.clawback_days,
        clawback_on_closed_lost=plan.clawback_on_closed_lost,
        note=plan.note,
        created_by=actor.subject_id if actor.kind == "user" else None,
    )
    session.add(row)
    await session.flush()
    return row


async def list_plans(
    session: AsyncSession, actor: Principal, program_id: uuid.UUID
) -> Sequence[IncentivePlan]:
    """Every version of the program's plan, newest first (the first is in force)."""
    program = await programs.get_program(session, actor, program_id)
    return await repository.plans_of(session, program.id)


async def get_plan(
    session: AsyncSession, actor: Principal, program_id: uuid.UUID, version: int
) -> IncentivePlan:
    program = await programs.get_program(session, actor, program_id)
    plan = await repository.plan_version(session, program.id, version)
    if plan is None:
        raise PlanNotFound(f"The program has no incentive plan version {version}.")
    return plan


# --- settling ----------------------------------------------------------------------------------


class _Facts(msgspec.Struct, frozen=True):
    """What the registration's history says about its milestones and its end."""

    furthest_stage: SalesStage | None
    ended_at: datetime | None


async def _facts(session: AsyncSession, registration: Registration) -> _Facts:
    rows = await repository.moves_of(session, registration.id)
    furthest: SalesStage | None = None
    ended_at = None
    for row in rows:
        if row.to_stage is not None and row.to_stage is not SalesStage.closed_lost:
            furthest = row.to_stage
        if row.to_status in (RegistrationStatus.cancelled, RegistrationStatus.lost):
            ended_at = row.at
    return _Facts(furthest, ended_at)


def _clawed_back(registration: Registration, plan: Terms, facts: _Facts) -> str | None:
    """Why what the registration earned goes back, if it does: cancelled for cause, or lost
    where the plan says so, within the plan's window from the approval."""
    if registration.approved_at is None or facts.ended_at is None:
        return None
    if facts.ended_at > registration.approved_at + timedelta(days=plan.clawback_days):
        return None
    if registration.status is RegistrationStatus.cancelled:
        return "clawback: cancelled for cause"
    if registration.status is RegistrationStatus.lost and plan.clawback_on_closed_lost:
        return "clawback: closed lost"
    return None


async def _tier(session: AsyncSession, registration: Registration) -> Tier:
    tier = await repository.tier_of(session, registration)
    # A registration exists only through a partnership; a removed one earns at the base rate.
    return tier or Tier.registered


async def settle(session: AsyncSession, registration_id: uuid.UUID) -> list[Earning]:
    """Insert what the registration's ledger lacks; return the rows inserted."""
    registration = await repository.lock_registration(session, registration_id)
    if registration is None or registration.incentive_plan_id is None:
        return []
    if registration.approved_at is None:
        return []
    plan_row = await session.get_one(IncentivePlan, registration.incentive_plan_id)
    plan = terms_of(plan_row)
    facts = await _facts(session, registration)
    ledger = await repository.ledger_of(session, registration.id)
    reversed_ids = {row.reverses_id for row in ledger if row.entry is Entry.reversal}
    earned = {row.milestone: row for row in ledger if row.entry is Entry.earning}

    def entry(milestone: Milestone, kind: Entry, amount: int, **extra: object) -> Earning:
        return Earning(
            registration_id=registration.id,
            plan_id=plan_row.id,
            rep_id=registration.rep_id,
            partner_id=registration.partner_id,
            vendor_id=registration.vendor_id,
            milestone=milestone,
            entry=kind,
            amount=amount,
            currency=registration.currency,
            **extra,
        )

    new: list[Earning] = []
    reason = _clawed_back(registration, plan, facts)
    if reason is not None:
        new = [
            entry(row.milestone, Entry.reversal, -row.amount, reverses_id=row.id, reason=reason)
            for row in earned.values()
            if row.id not in reversed_ids
        ]
    else:
        tier = await _tier(session, registration)
        total = sum(row.amount for row in earned.values())
        for milestone in terms.reached(facts.furthest_stage):
            if milestone in earned or plan.pay(milestone) is None:
                continue
            owed = terms.uncapped(plan, milestone, registration.amount, tier)
            amount = terms.capped(plan, owed, total)
            total += amount
            new.append(entry(milestone, Entry.earning, amount))
    session.add_all(new)
    await session.flush()
    return new


@job("incentives.settle")
async def settle_job(session: AsyncSession, registration_id: str) -> None:
    await settle(session, uuid.UUID(registration_id))


async def answer_plans_in_force(query: IncentivePlansInForce) -> dict[uuid.UUID, uuid.UUID]:
    """A registration is submitted: the plan versions it will earn by."""
    return await repository.plans_in_force(query.session, query.program_ids)


async def settle_after(event: Changed) -> None:
    """A registration changed in a way that may earn (or take back) incentives: settle it after
    commit (a job, through the outbox)."""
    registration = event.registration
    if registration.incentive_plan_id is not None and event.change.event in _EARNING_EVENTS:
        await enqueue(event.session, settle_job, registration_id=str(registration.id))
