"""The demo's approval clocks add up: replayed through the vendor's calendar, each clock's
business time recomputes from its own instants, each firing fell at its threshold's true
instant, each breach is dated when it fell due, and each stage ran the hours it names."""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.demo.deals import SLA_STAGES
from dealreg.registrations.models import Registration
from dealreg.sla import clocks
from dealreg.sla.models import ClockState, SlaBreach, SlaClock, SlaFiring

HOUR_US = 3_600_000_000


def ran(clock: SlaClock) -> timedelta:
    """The business time of the clock's running spans, from its instants alone."""
    calendar = clocks.calendar_of(clock)
    pauses = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in clock.pauses]
    last = clock.paused_since or clock.stopped_at or clock.running_since
    assert last is not None
    starts = [clock.started_at, *(end for _, end in pauses)]
    ends = [*(start for start, _ in pauses), last]
    return sum((calendar.elapsed(a, b) for a, b in zip(starts, ends, strict=True)), timedelta(0))


async def test_every_demo_clock_recomputes_from_its_own_instants(
    committing_engine: AsyncEngine,
) -> None:
    sessionmaker = make_sessionmaker(committing_engine)
    async with transaction(sessionmaker) as session:
        await seed_demo(session)
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(Registration.customer_name, SlaClock).join(
                    SlaClock, SlaClock.registration_id == Registration.id
                )
            )
        ).all()
        firings = (await session.scalars(select(SlaFiring))).all()
        breaches = (await session.scalars(select(SlaBreach))).all()

    by_registration = {clock.registration_id: clock for _, clock in rows}
    for customer, clock in rows:
        assert timedelta(microseconds=clock.elapsed_us) == ran(clock), customer
    stages = {customer: hours for customer, hours, _, _ in SLA_STAGES}
    for customer, clock in rows:
        if customer in stages and clock.state is ClockState.stopped:
            assert clock.elapsed_us == stages[customer] * HOUR_US, customer
        elif customer in stages and clock.state is ClockState.paused:
            # Asked as the seeding ends, a moment after the instant the stage was counted to.
            assert 0 <= clock.elapsed_us - stages[customer] * HOUR_US < 60_000_000, customer
    assert firings
    for firing in firings:
        clock = by_registration[firing.registration_id]
        calendar = clocks.calendar_of(clock)
        assert firing.due_at == clocks.threshold_at(clock, firing.threshold, calendar)
        assert firing.fired_at == firing.due_at
    assert breaches
    for breach in breaches:
        assert breach.breached_at == breach.due_at
