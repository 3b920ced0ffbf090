"""What a deal asks of each vendor on it: the vendor's program for the deal (the one named, or
the only one that fits), the answers to the program's questions, and the partner's standing with
the vendor; every failure collected, for submission.py to refuse the deal with all of them."""

import uuid
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.errors import FieldError
from dealreg.orgs.models import PartnershipStatus, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.programs import AutoApproveRule, ExtraField
from dealreg.registrations import repository
from dealreg.registrations.answers import check_answers, field_error, stored_answers
from dealreg.registrations.schemas import (
    Answer,
    DealInput,
    LineInput,
    VendorInput,
)

# A registration's amount stays within what every currency's minor units can carry safely.
MAX_AMOUNT = 10**15
# A registration's whole discount, standard and offer together: 100 %.
MAX_DISCOUNT_BP = 10_000


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

    @property
    def takes_offers(self) -> bool:
        """An offer's points have room on top of the program's standard discount."""
        return self.standard_discount_bp < MAX_DISCOUNT_BP

    def offer_points(self, offered: int) -> int:
        """The points of an offer of `offered` granted here: the whole discount stays within
        100 %."""
        return min(offered, MAX_DISCOUNT_BP - self.standard_discount_bp)


def plan_answers(
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


def choose_program(
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


async def plan_vendors(
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


async def apply_programs(
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
        program = choose_program(plan, by_vendor.get(plan.vendor_id, {}), errors)
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
        answers[plan.vendor_id] = plan_answers(plan, fields, errors)
    return answers
