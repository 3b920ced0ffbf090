"""Submissions racing for real, on a database where each request commits: the database's locks,
not a read before the write, keep duplicates out, numbers unique and gapless, and deals naming
the same vendors in different orders from deadlocking."""

import asyncio
from collections import Counter

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker
from dealreg.registrations.models import Registration
from tests.deals import DEALS, deal_body, line, partner_setup, vendor_setup
from tests.factories import Factory


async def _numbers(engine: AsyncEngine) -> list[str]:
    async with make_sessionmaker(engine)() as session:
        return list((await session.scalars(select(Registration.number))).all())


async def test_racing_duplicates_of_one_partner_register_once(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    acme = await vendor_setup(committed)
    partner = await partner_setup(committed, acme)
    await committed.db.commit()
    body = deal_body(line(acme))

    responses = await asyncio.gather(
        *(committing_client.post(DEALS, json=body, headers=partner.rep) for _ in range(8))
    )

    statuses = Counter(response.status_code for response in responses)
    assert statuses == {201: 1, 409: 7}, [r.text for r in responses]
    async with make_sessionmaker(committing_engine)() as session:
        total = await session.scalar(select(func.count()).select_from(Registration))
    assert total == 1


async def test_racing_partners_conflict_instead_of_missing_each_other(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    acme = await vendor_setup(committed)
    partners = [await partner_setup(committed, acme) for _ in range(4)]
    await committed.db.commit()
    body = deal_body(line(acme))

    responses = await asyncio.gather(
        *(committing_client.post(DEALS, json=body, headers=p.rep) for p in partners)
    )

    assert [r.status_code for r in responses] == [201] * 4, [r.text for r in responses]
    flags = sorted(r.json()["registrations"][0]["conflict"] for r in responses)
    # Whoever came first claimed the customer; every later one saw it (or a later one).
    assert flags == [False, True, True, True]


async def test_deals_naming_vendors_in_either_order_do_not_deadlock_and_number_without_gaps(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    acme = await vendor_setup(committed)
    nordlys = await vendor_setup(committed)
    partner = await partner_setup(committed, acme, nordlys)
    await committed.db.commit()
    bodies = [
        deal_body(line(acme), line(nordlys)) if i % 2 else deal_body(line(nordlys), line(acme))
        for i in range(20)
    ]

    responses = await asyncio.gather(
        *(committing_client.post(DEALS, json=body, headers=partner.rep) for body in bodies)
    )

    assert {r.status_code for r in responses} == {201}, [r.text for r in responses]
    numbers = await _numbers(committing_engine)
    for setup in (acme, nordlys):
        mine = sorted(n for n in numbers if n.startswith(f"{setup.vendor.code}-"))
        assert [int(n.rsplit("-", 1)[1]) for n in mine] == list(range(1, 21))
