"""The shape of a lead that the API's routes and the webhooks' payloads both show."""

import uuid
from datetime import datetime
from typing import Any

import msgspec

from dealreg.fields import Resource
from dealreg.leads.models import Disposition, LeadRejection, LeadStatus
from dealreg.registrations.schemas import Contact, Customer


class LeadOut(Resource, kw_only=True):
    vendor_id: uuid.UUID
    partner_id: uuid.UUID
    rep_id: uuid.UUID | None
    status: LeadStatus
    customer: Customer
    contact: Contact
    skus: list[str]
    interest: str
    campaign: str | None
    source: str | None
    score: int
    notes: str
    forwarded_at: datetime | None
    # The partner must accept (or reject) the lead by then, or it is recalled to the vendor.
    accept_due_at: datetime | None
    accepted_at: datetime | None
    rejected_at: datetime | None
    reject_code: LeadRejection | None
    reject_note: str | None
    recalled_at: datetime | None
    # The first touch is due by then after acceptance; past it untouched, the lead is overdue.
    first_touch_due_at: datetime | None
    first_touch_at: datetime | None
    first_touch_overdue: bool
    disposition: Disposition | None
    disposition_at: datetime | None
    qualified_at: datetime | None
    converted_at: datetime | None
    closed_at: datetime | None
    lost_reason: str | None
    # The deal registration the lead was converted into.
    registration_id: uuid.UUID | None


def lead_out(lead: Any) -> LeadOut:
    return msgspec.convert(lead, LeadOut, from_attributes=True)
