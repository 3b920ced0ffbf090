"""What happens to partner engagement, for the domains that follow it (messagebus.py): the
owner of a call task is told (notifications) without this package knowing who or how."""

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession


@dataclass(frozen=True, slots=True)
class ThresholdReached:
    """A partner's engagement crossed its vendor's threshold and call task `task_id` was made:
    once per crossing, in the transaction that recorded it."""

    session: AsyncSession
    task_id: uuid.UUID
