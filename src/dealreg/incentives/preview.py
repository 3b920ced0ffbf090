"""What a deal draft would earn its rep: per vendor, the plan version in force and each
milestone's amount, computed as settling would compute it, written nowhere."""

import uuid

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import offers
from dealreg.incentives import repository, service, terms
from dealreg.incentives.models import IncentivePlan
from dealreg.incentives.terms import Milestone
from dealreg.orgs.models import Tier
from dealreg.orgs.principals import Principal
from dealreg.registrations.schemas import DealInput
from dealreg.registrations.submission import check_deal


class MilestonePay(msgspec.Struct, frozen=True):
    milestone: Milestone
    amount: int


class VendorPreview(msgspec.Struct, frozen=True, kw_only=True):
    vendor_id: uuid.UUID
    vendor_name: str
    program_id: uuid.UUID
    # None when the program has no incentive plan: the registration would earn nothing.
    plan_id: uuid.UUID | None
    plan_version: int | None
    tier: Tier
    currency: str
    registration_amount: int
    # amount x margin rate, rounded half-even to the minor unit (for reading; milestones are
    # computed from the exact margin).
    deal_margin: int | None
    milestones: list[MilestonePay]
    total: int
    # The discount the registration would be granted, in basis points of its amount: the
    # program's standard one plus the extra points of the partner's best offer holding for it
    # now (`offer_id`; null when none). Previewing takes no use of the offer; submitting does.
    standard_discount_bp: int
    offer_discount_bp: int
    discount_bp: int
    offer_id: uuid.UUID | None


class Preview(msgspec.Struct, frozen=True):
    rep_id: uuid.UUID
    vendors: list[VendorPreview]


async def preview(session: AsyncSession, actor: Principal, data: DealInput) -> Preview:
    """The deal is checked like a submission (the same 422s); nothing is written."""
    checked = await check_deal(session, actor, data)
    in_force = await repository.plans_in_force(
        session, [plan.program_id for plan in checked.plans if plan.program_id]
    )
    vendors = []
    for plan in checked.plans:
        offer = (
            await offers.best_offer(
                session, plan.vendor_id, actor.organization_id, sorted(plan.skus), checked.now
            )
            if plan.takes_offers
            else None
        )
        offer_bp = plan.offer_points(offer.discount_bp) if offer else 0
        assert plan.program_id is not None  # noqa: S101 - a checked deal has its programs
        plan_id = in_force.get(plan.program_id)
        row = await session.get_one(IncentivePlan, plan_id) if plan_id else None
        schedule = terms.schedule(service.terms_of(row), plan.amount, plan.tier) if row else []
        vendors.append(
            VendorPreview(
                vendor_id=plan.vendor_id,
                vendor_name=plan.vendor_name,
                program_id=plan.program_id,
                plan_id=plan_id,
                plan_version=row.version if row else None,
                tier=plan.tier,
                currency=data.opportunity.currency,
                registration_amount=plan.amount,
                deal_margin=(
                    terms.round_half_even(plan.amount * row.margin_rate_bp, terms.BP)
                    if row
                    else None
                ),
                milestones=[MilestonePay(milestone, amount) for milestone, amount in schedule],
                total=sum(amount for _, amount in schedule),
                standard_discount_bp=plan.standard_discount_bp,
                offer_discount_bp=offer_bp,
                discount_bp=plan.standard_discount_bp + offer_bp,
                offer_id=offer.offer_id if offer else None,
            )
        )
    return Preview(rep_id=checked.rep_id, vendors=vendors)
