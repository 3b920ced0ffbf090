"""What a partner sends to register a deal, and what submitting one gives back."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

import msgspec

from dealreg.fields import NO_NUL, Country, Currency, Email, MinorUnits, Name, Sku

Short = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=NO_NUL)]
Note = Annotated[str, msgspec.Meta(min_length=1, max_length=2000, pattern=NO_NUL)]
CustomerSize = Literal["1-49", "50-249", "250-999", "1000-4999", "5000+"]
AnswerKey = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
# A number is a float: `int | float` would document a number as one of two overlapping schemas
# (`integer` and `number`), which every whole number breaks (it matches both of a `oneOf`).
Answer = str | float | bool


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
