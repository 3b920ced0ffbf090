"""The shapes of a registration that the API's routes and the webhooks' payloads both show, and
the rendering of one as its reader may see it."""

import uuid
from datetime import date, datetime
from typing import Self

import msgspec

from dealreg.disclosure import vendor_staff
from dealreg.fields import Resource
from dealreg.orgs.models import OrgKind
from dealreg.registrations.models import Decider, RegistrationStatus, SalesStage
from dealreg.registrations.schemas import Answer
from dealreg.registrations.service import RegistrationView


class LineOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    registration_id: uuid.UUID
    vendor_id: uuid.UUID
    product_id: uuid.UUID
    sku: str
    quantity: int
    unit_price: int
    amount: int


class RegistrationOut(Resource, kw_only=True):
    number: str
    deal_id: uuid.UUID
    vendor_id: uuid.UUID
    program_id: uuid.UUID
    partner_id: uuid.UUID
    rep_id: uuid.UUID
    status: RegistrationStatus
    stage: SalesStage | None
    amount: int
    currency: str
    customer_name: str
    title: str
    expected_close_date: date
    # Another partner's active registration claimed the same customer and product first.
    conflict: bool
    # The discount granted at submission, in basis points of `amount`, which the registration
    # carries once approved: its program's standard discount plus the extra points of the
    # partner's offer it used (`offer_id`; null when none held).
    standard_discount_bp: int
    offer_discount_bp: int
    discount_bp: int
    offer_id: uuid.UUID | None
    # The vendor's approver: null to a partner, who sees the status move instead.
    approver_id: uuid.UUID | None
    # What made the vendor's latest decision (approved, rejected, asked for information): a
    # `user` or machine `client` (its id in `decided_by_id`, null to a partner), or a `rule`
    # (`auto_approve` at submission, `sla_breach`).
    decided_by: Decider | None
    decided_by_id: uuid.UUID | None
    decided_by_rule: str | None
    # A rejection's reason code, and the vendor's words on its decision.
    decision_code: str | None
    decision_note: str | None
    submitted_at: datetime
    decided_at: datetime | None
    approved_at: datetime | None
    expires_at: datetime | None
    extensions_granted: int
    extension_pending: bool

    @classmethod
    def seen_by(cls, reader: OrgKind, row: object) -> Self:
        return cls.of(row).disclosed_to(reader)

    def disclosed_to(self, reader: OrgKind) -> Self:
        """This registration with what `reader` may not see of the vendor's people taken out."""
        self.approver_id = vendor_staff(reader, self.approver_id)
        self.decided_by_id = vendor_staff(reader, self.decided_by_id)
        return self


class ConflictOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    number: str
    partner_id: uuid.UUID
    status: RegistrationStatus
    submitted_at: datetime


class RegistrationDetail(RegistrationOut, kw_only=True):
    answers: dict[str, Answer]
    lines: list[LineOut]
    # The registrations this one conflicts with: shown to the vendor, never to a partner.
    conflicts: list[ConflictOut] | msgspec.UnsetType = msgspec.UNSET


def registration_detail(reader: OrgKind, view: RegistrationView) -> RegistrationDetail:
    """A registration as its reader sees it: with its lines and, for the vendor, its conflicts."""
    registration = view.registration
    out = RegistrationDetail(
        **msgspec.structs.asdict(RegistrationOut.seen_by(reader, registration)),
        answers=registration.answers,
        lines=[msgspec.convert(line, LineOut, from_attributes=True) for line in view.lines],
    )
    if view.conflicts is not None:
        out.conflicts = [
            msgspec.convert(c, ConflictOut, from_attributes=True) for c in view.conflicts
        ]
    return out
