"""What happens to registrations, for the domains that follow them (messagebus.py).

Registrations emit these and import none of their followers: the approval clock (sla), the
outcome of the lead a registration came from (leads) and the rep's incentives subscribe in
subscriptions.py. Each event carries the session, so its handlers write in the same transaction.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.messagebus import Query
from dealreg.registrations.models import Registration
from dealreg.registrations.states import Change


@dataclass(frozen=True, slots=True)
class Submitted:
    """A deal's registrations were inserted (`registrations`: their rows, as stored), before
    their lines, history and events."""

    session: AsyncSession
    registrations: Sequence[Any]


@dataclass(frozen=True, slots=True)
class Changed:
    """`change` of `registration` was made at `at`; its history row and event are written."""

    session: AsyncSession
    registration: Registration
    change: Change
    at: datetime


@dataclass(frozen=True, slots=True)
class IncentivePlansInForce(Query[dict[uuid.UUID, uuid.UUID]]):
    """Which plan version of each program a registration submitted now earns by: program id to
    plan id, for the programs that have a plan."""

    session: AsyncSession
    program_ids: Sequence[uuid.UUID]


@dataclass(frozen=True, slots=True)
class OfferUse:
    """A use of a partner's offer taken by a registration: the offer, and its extra points."""

    offer_id: uuid.UUID
    discount_bp: int


@dataclass(frozen=True, slots=True)
class TakeOffers(Query[dict[uuid.UUID, OfferUse]]):
    """For each vendor's registration of a deal being submitted now (vendor id to the SKUs on
    it), one use of the best offer of the vendor's that holds for the partner and those
    products, taken for good (it commits with the registration): vendor id to the use, for the
    vendors that had one."""

    session: AsyncSession
    partner_id: uuid.UUID
    skus_by_vendor: dict[uuid.UUID, frozenset[str]]
    now: datetime
