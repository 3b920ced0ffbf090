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
