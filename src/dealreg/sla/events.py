"""What happens to approval clocks, for the domains that follow them (messagebus.py): people are
told of a threshold (notifications) without the clock knowing who or how."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.sla.models import Threshold


@dataclass(frozen=True, slots=True)
class Fired:
    """`threshold` of a registration's clock, due at `due_at`, fired: once ever (its firing row
    is unique)."""

    registration_id: uuid.UUID
    threshold: Threshold
    due_at: datetime


@dataclass(frozen=True, slots=True)
class ThresholdsFired:
    """Thresholds fired together (a sweep's page, or what fell due before a pause), in the
    transaction that recorded them: one event for them all, so that what follows is written in
    one statement rather than one per threshold."""

    session: AsyncSession
    fired: tuple[Fired, ...]
