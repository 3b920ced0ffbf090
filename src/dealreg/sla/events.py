"""What happens to approval clocks, for the domains that follow them (messagebus.py): people are
told of a threshold (notifications) without the clock knowing who or how."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.sla.models import Threshold


@dataclass(frozen=True, slots=True)
class ThresholdFired:
    """`threshold` of a registration's clock, due at `due_at`, fired: once ever (its firing row is
    unique), in the transaction that recorded it."""

    session: AsyncSession
    registration_id: uuid.UUID
    threshold: Threshold
    due_at: datetime
