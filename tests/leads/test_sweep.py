"""The lead sweep, committing for real: sweeps running side by side recall each late lead once,
a partner accepting while a sweep recalls ends with one of the two, and the scheduled job runs
on the database's clock."""

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from dealreg.db import make_sessionmaker, transaction
from dealreg.events.models import Event
from dealreg.leads import service
from dealreg.leads.models import Lead, LeadHistory, LeadStatus
from dealreg.orgs.models import Role
from dealreg.worker.registry import load_all_jobs
from dealreg.worker.scheduler import SCHEDULE
from tests.api.test_leads import Scene, create, lead_body
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.problems import if_match

SWEEP = "leads.sweep"


async def _scene(factory: Factory) -> Scene:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    return Scene(vendor, partner, await factory.headers_for(vendor.vendor, Role.vendor_admin))


async def _forwarded(client: httpx.AsyncClient, committed: Factory, count: int) -> list[str]:
    scene = await _scene(committed)
    await committed.db.commit()
    return [(await create(client, scene))["id"] for _ in range(count)]


async def _committed_sweep(engine: AsyncEngine, now: datetime | None) -> service.SweepResult:
    async with transaction(make_sessionmaker(engine)) as session:
        return await service.sweep(session, now=now)


@pytest.mark.parametrize("batch", [None, 3])
async def test_four_concurrent_sweeps_recall_every_late_lead_exactly_once(
    committing_client: httpx.AsyncClient,
    committing_engine: AsyncEngine,
    committed: Factory,
    monkeypatch: pytest.MonkeyPatch,
    batch: int | None,
) -> None:
    """With small batches the sweeps interleave on the same due rows instead of one taking all."""
    if batch is not None:
        monkeypatch.setattr(service, "_SWEEP_BATCH", batch)
    ids = await _forwarded(committing_client, committed, 30)
    later = datetime.now(UTC) + timedelta(days=30)

    results = await asyncio.gather(*(_committed_sweep(committing_engine, later) for _ in range(4)))

    assert sum(result.recalled for result in results) == 30
    async with make_sessionmaker(committing_engine)() as session:
        statuses = Counter(
            await session.scalars(
                select(Lead.status).where(Lead.id.in_([uuid.UUID(i) for i in ids]))
            )
        )
        assert statuses == {LeadStatus.recalled: 30}
        events = Counter(
            await session.scalars(select(Event.subject_id).where(Event.type == "lead.recalled"))
        )
        assert set(events) == {uuid.UUID(i) for i in ids}
        assert set(events.values()) == {1}
        recalls = await session.scalars(
            select(LeadHistory.lead_id).where(LeadHistory.action == "recalled")
        )
        assert sorted(map(str, recalls)) == sorted(ids)
    assert await _committed_sweep(committing_engine, later) == service.SweepResult(0, 0)


async def test_an_acceptance_racing_a_recall_ends_as_one_or_the_other(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    """The sweep is run as if the deadline had passed while the partner accepts before it on
    the wall clock: each lead is locked by one at a time, so it ends accepted or recalled,
    never both, and nobody fails but with a problem."""
    scene = await _scene(committed)
    await committed.db.commit()
    admin = scene.partner.admin
    ids = [(await create(committing_client, scene))["id"] for _ in range(20)]
    versions = {}
    for lead_id in ids:
        current = await committing_client.get(f"/v1/leads/{lead_id}", headers=admin)
        versions[lead_id] = current.json()["version"]
    later = datetime.now(UTC) + timedelta(days=30)

    async def accept(lead_id: str) -> int:
        response = await committing_client.post(
            f"/v1/leads/{lead_id}/accept", json={}, headers=admin | if_match(versions[lead_id])
        )
        return response.status_code

    outcomes = await asyncio.gather(
        *(accept(lead_id) for lead_id in ids),
        *(_committed_sweep(committing_engine, later) for _ in range(2)),
    )
    codes = outcomes[: len(ids)]
    assert set(codes) <= {200, 409, 412}
    await _committed_sweep(committing_engine, later)
    async with make_sessionmaker(committing_engine)() as session:
        rows = {
            str(row.id): row.status
            for row in await session.execute(
                select(Lead.id, Lead.status).where(Lead.id.in_([uuid.UUID(i) for i in ids]))
            )
        }
        actions = Counter(
            (str(row.lead_id), row.action)
            for row in await session.execute(
                select(LeadHistory.lead_id, LeadHistory.action).where(
                    LeadHistory.action.in_(("accepted", "recalled"))
                )
            )
        )
    for lead_id, code in zip(ids, codes, strict=True):
        expected = LeadStatus.accepted if code == 200 else LeadStatus.recalled
        assert rows[lead_id] is expected
        assert actions[(lead_id, "accepted")] + actions[(lead_id, "recalled")] == 1


async def test_the_sweep_job_recalls_by_the_databases_clock(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    (periodic,) = [p for p in SCHEDULE if p.job == SWEEP]
    assert periodic.every == timedelta(minutes=1)
    scene = await _scene(factory)
    late = (await create(client, scene))["id"]
    fresh = (await create(client, scene))["id"]
    await db.execute(
        update(Lead)
        .where(Lead.id == uuid.UUID(late))
        .values(accept_due_at=datetime.now(UTC) - timedelta(minutes=5))
    )
    await db.flush()
    db.expunge_all()

    await load_all_jobs()[SWEEP].fn(db)

    assert (await db.get_one(Lead, uuid.UUID(late))).status is LeadStatus.recalled
    assert (await db.get_one(Lead, uuid.UUID(fresh))).status is LeadStatus.forwarded


async def test_a_draft_is_never_recalled(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    scene = await _scene(factory)
    response = await client.post(
        "/v1/leads", json=lead_body(scene, score=0, forward=False), headers=scene.vendor.approver
    )
    assert response.status_code == 201, response.text
    db.expunge_all()
    await service.sweep(db, now=datetime.now(UTC) + timedelta(days=365))
    lead = await db.get_one(Lead, uuid.UUID(response.json()["id"]))
    assert lead.status is LeadStatus.draft
