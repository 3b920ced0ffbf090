"""Field types of the values dealreg takes in, shared by the API's schemas and the domain's
input structs: one definition of what a name, a country or an amount may be; and the fields every
stored resource shows, shared by the API's responses and the webhooks' payloads."""

import uuid
from datetime import datetime
from typing import Annotated, Self

import msgspec

# PostgreSQL cannot store NUL in text: refuse it at the door as a field error, not a 500.
NO_NUL = r"^[^\x00]*$"
# A name shows in one line: of a page, a CSV row, a mail's Subject (where CR or LF would make
# the header unwritable). No control characters (C0, DEL, C1) nor line or paragraph separators.
NO_CONTROL = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NO_CONTROL)]
Country = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2", examples=["US"])
]
Currency = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Z]{3}$", description="ISO 4217 code", examples=["USD"])
]
OrgCode = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Z][A-Z0-9]{1,11}$",
        description="Upper-case prefix of the organization's registration numbers",
        examples=["ACME"],
    ),
]
TimeZone = Annotated[
    str,
    msgspec.Meta(
        min_length=1, max_length=64, description="IANA time zone", examples=["Europe/Oslo"]
    ),
]
# No spaces or control characters, and no comma, which would split a mail's To: header in two.
_ADDRESS_CHAR = r"[^@,\s\x00-\x1f\x7f-\x9f]"
Email = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"^{_ADDRESS_CHAR}{{1,64}}@{_ADDRESS_CHAR}{{1,189}}\.{_ADDRESS_CHAR}{{1,63}}$",
        max_length=254,
    ),
]
MinorUnits = Annotated[
    int, msgspec.Meta(ge=0, le=10**15, description="Amount in minor units of the currency")
]
# An instant with its UTC offset: a naive one names no instant, and cannot be compared with one.
Instant = Annotated[
    datetime,
    msgspec.Meta(tz=True, description="ISO 8601 with an offset", examples=["2026-05-04T09:30:00Z"]),
]
Sku = Annotated[
    str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$", examples=["ACME-FW-100"])
]


class Resource(msgspec.Struct, kw_only=True):
    """The fields every stored resource shows."""

    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, row: object) -> Self:
        """The response shape of a stored row: its attributes of the same names."""
        return msgspec.convert(row, cls, from_attributes=True)
