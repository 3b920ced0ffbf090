"""Registrations as if submitted and won days ago, for the partner report's data sets."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Product
from dealreg.registrations import states
from dealreg.registrations.changes import record
from dealreg.registrations.models import (
    Registration,
    RegistrationHistory,
    RegistrationStatus,
    SalesStage,
)
from tests.deals import approve, deal_body


def ago(days: int) -> datetime:
    # An hour more: the report, read a little later, still counts whole days the same.
    return datetime.now(UTC) - timedelta(days=days, hours=1)


async def register(
    client: httpx.AsyncClient,
    db: AsyncSession,
    rep: dict[str, str],
    product: Product,
    vendor: Organization,
    currency: str,
    submitted: int,
    won: tuple[int, int] | None,
) -> None:
    """A registration submitted `submitted` days ago; `won`: (won days ago, amount)."""
    line = {"vendor_id": str(vendor.id), "sku": product.sku, "quantity": 1}
    body = deal_body(line | {"unit_price": won[1] if won else 10_000})
    body["opportunity"]["currency"] = currency
    response = await client.post("/v1/deals", json=body, headers=rep)
    assert response.status_code == 201, response.text
    registration_id = uuid.UUID(response.json()["registrations"][0]["id"])
    await db.execute(
        update(Registration)
        .where(Registration.id == registration_id)
        .values(submitted_at=ago(submitted))
    )
    if won is None:
        return
    registration = await approve(db, registration_id)
    await record(
        db, None, registration, states.report_stage(registration, SalesStage.closed_won, note=None)
    )
    await db.execute(
        update(RegistrationHistory)
        .where(
            RegistrationHistory.registration_id == registration_id,
            RegistrationHistory.to_status == RegistrationStatus.won,
        )
        .values(at=ago(won[0]))
    )
    await db.flush()
