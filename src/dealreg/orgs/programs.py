"""Programs and their products: what a vendor offers partners to register deals under, and the
questions (extra fields) and auto-approval rules each program carries. Services never commit."""

import uuid
from typing import Annotated, Literal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import flush_unique
from dealreg.fields import NO_NUL, MinorUnits, Sku
from dealreg.orgs import repository
from dealreg.orgs.errors import DuplicateProduct, DuplicateProgram, ProgramNotFound
from dealreg.orgs.models import Product, Program, Tier
from dealreg.orgs.principals import Principal
from dealreg.orgs.service import invalid, require_admin_of, vendor_administered_by
from dealreg.pagination import Page, PageRequest
from dealreg.preconditions import IfMatch

ChoiceText = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NO_NUL)]


class Choice(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One answer a choice field offers: the value a client sends, and the label a person reads
    (as the vendor wrote it)."""

    value: ChoiceText
    label: ChoiceText


class ExtraField(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A question a vendor's program asks on every registration, beyond the common deal fields.

    A choice is given as a `{value, label}` pair, or as a bare string that is both; programs
    keep, and show, the pairs."""

    key: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
    label: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NO_NUL)]
    type: Literal["text", "number", "boolean", "date", "choice"]
    required: bool = True
    choices: Annotated[list[Choice | ChoiceText], msgspec.Meta(max_length=100)] | None = None
    help: Annotated[str, msgspec.Meta(max_length=500, pattern=NO_NUL)] = ""

    def options(self) -> list[Choice]:
        """The choices as value and label pairs (a program stored before labels has strings)."""
        return [
            choice if isinstance(choice, Choice) else Choice(value=choice, label=choice)
            for choice in self.choices or []
        ]

    def labelled(self) -> "ExtraField":
        """The field as a program keeps it: every choice a value and label pair."""
        if self.choices is None:
            return self
        return msgspec.structs.replace(self, choices=list(self.options()))


class AutoApproveRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A registration that meets every condition given here is approved at submission, as
    decided by the rule. An empty rule matches every registration."""

    # The partner's tier with the vendor is one of these.
    tiers: Annotated[list[Tier], msgspec.Meta(min_length=1)] | None = None
    # The registration's amount is at most this, in minor units of the program's currency.
    max_amount: MinorUnits | None = None
    # Every product on the registration is one of these.
    skus: Annotated[list[Sku], msgspec.Meta(min_length=1, max_length=200)] | None = None

    def matches(self, tier: Tier, amount: int, skus: set[str]) -> bool:
        return (
            (self.tiers is None or tier in self.tiers)
            and (self.max_amount is None or amount <= self.max_amount)
            and (self.skus is None or skus <= set(self.skus))
        )


def _check_extra_fields(fields: list[ExtraField]) -> None:
    seen: set[str] = set()
    for i, field in enumerate(fields):
        if field.key in seen:
            raise invalid(
                f"/extra_fields/{i}/key", f"the key '{field.key}' appears twice", code="duplicate"
            )
        seen.add(field.key)
        if field.type == "choice":
            values = [choice.value for choice in field.options()]
            if not values or len(set(values)) != len(values):
                raise invalid(
                    f"/extra_fields/{i}/choices",
                    "a choice field needs distinct choices",
                    code="duplicate" if values else "required",
                )
        elif field.choices is not None:
            raise invalid(
                f"/extra_fields/{i}/choices", "only a choice field has choices", code="not_allowed"
            )


async def create_program(
    session: AsyncSession,
    actor: Principal,
    *,
    vendor_id: uuid.UUID | None,
    name: str,
    description: str,
    currency: str,
    protection_days: int,
    extension_days: int,
    max_extensions: int,
    minimum_deal_amount: int,
    registration_discount_bp: int = 0,
    extra_fields: list[ExtraField],
    auto_approve_rules: list[AutoApproveRule],
) -> Program:
    vendor = await vendor_administered_by(session, actor, vendor_id)
    _check_extra_fields(extra_fields)
    program = Program(
        vendor_id=vendor.id,
        name=name,
        description=description,
        currency=currency,
        protection_days=protection_days,
        extension_days=extension_days,
        max_extensions=max_extensions,
        minimum_deal_amount=minimum_deal_amount,
        registration_discount_bp=registration_discount_bp,
        extra_fields=msgspec.to_builtins([field.labelled() for field in extra_fields]),
        auto_approve_rules=msgspec.to_builtins(auto_approve_rules),
    )
    await flush_unique(
        session,
        {
            "uq_programs_vendor_id_name": lambda: DuplicateProgram(
                f"{vendor.name} already has a program named '{name}'."
            )
        },
        program,
    )
    return program


async def get_program(session: AsyncSession, actor: Principal, program_id: uuid.UUID) -> Program:
    program = await repository.get_program(session, actor, program_id)
    if program is None:
        raise ProgramNotFound(f"No program {program_id}.")
    return program


async def list_programs(
    session: AsyncSession,
    actor: Principal,
    *,
    vendor_id: uuid.UUID | None,
    page: PageRequest,
) -> Page[Program]:
    return await repository.list_programs(session, actor, vendor_id=vendor_id, page=page)


async def set_auto_approve_rules(
    session: AsyncSession,
    actor: Principal,
    program_id: uuid.UUID,
    *,
    if_match: IfMatch,
    rules: list[AutoApproveRule],
) -> Program:
    """Replace the program's auto-approval rules; they apply to registrations submitted later."""
    program = await get_program(session, actor, program_id)
    require_admin_of(actor, program.vendor_id)
    if_match.check(program.version)
    program.auto_approve_rules = msgspec.to_builtins(rules)
    await session.flush()
    return program


async def set_registration_discount(
    session: AsyncSession,
    actor: Principal,
    program_id: uuid.UUID,
    *,
    if_match: IfMatch,
    discount_bp: int,
) -> Program:
    """The standard discount of registrations submitted from now on; those submitted before
    keep the one they were granted."""
    program = await get_program(session, actor, program_id)
    require_admin_of(actor, program.vendor_id)
    if_match.check(program.version)
    program.registration_discount_bp = discount_bp
    await session.flush()
    return program


async def create_product(
    session: AsyncSession,
    actor: Principal,
    program_id: uuid.UUID,
    *,
    sku: str,
    name: str,
    list_price: tuple[int, str] | None = None,
) -> Product:
    """Add a product; its list price, when given as (minor units, currency), is in the
    program's currency, the one its registrations are in."""
    program = await get_program(session, actor, program_id)
    require_admin_of(actor, program.vendor_id)
    amount, currency = list_price if list_price is not None else (None, None)
    if currency is not None and currency != program.currency:
        raise invalid(
            "/list_price/currency",
            f"the program's prices are in {program.currency}, not {currency}",
        )
    product = Product(
        program_id=program.id,
        sku=sku,
        name=name,
        list_price=amount,
        list_price_currency=currency,
    )
    await flush_unique(
        session,
        {
            "uq_products_program_id_sku": lambda: DuplicateProduct(
                f"The program already has a product with SKU '{sku}'."
            )
        },
        product,
    )
    return product


async def list_products(
    session: AsyncSession,
    actor: Principal,
    program_id: uuid.UUID,
    *,
    page: PageRequest,
) -> Page[Product]:
    program = await get_program(session, actor, program_id)
    return await repository.list_products(session, program.id, page=page)
