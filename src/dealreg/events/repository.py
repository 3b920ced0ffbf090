"""Writing the event log: the rows every domain adds, in the transaction that made them happen."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import insert_rows
from dealreg.events.models import Event


def event_row(
    type_: str,
    subject_id: uuid.UUID,
    *,
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "type": type_,
        "subject_id": subject_id,
        "vendor_id": vendor_id,
        "partner_id": partner_id,
        "data": data,
    }


async def add_events(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    await insert_rows(session, Event, rows)
