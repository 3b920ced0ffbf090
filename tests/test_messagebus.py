"""The in-process message bus: handlers run in the order subscribed, a question has one answer,
and an event or question nobody subscribed to is refused, never silently dropped: a submission
through a bus without the subscriptions fails loudly (its transaction then rolls back)."""

from dataclasses import dataclass

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg import subscriptions
from dealreg.messagebus import BUS, MessageBus, NotSubscribed, Query
from dealreg.orgs.models import Role
from dealreg.registrations.events import Changed, IncentivePlansInForce, Submitted
from dealreg.registrations.schemas import DealInput
from dealreg.registrations.submission import submit_deal
from tests.deals import deal_body, line, vendor_setup
from tests.factories import Factory


@dataclass(frozen=True)
class Happened:
    what: str


@dataclass(frozen=True)
class HowMany(Query[int]):
    of: str


async def test_handlers_run_in_the_order_subscribed() -> None:
    bus = MessageBus()
    ran: list[str] = []

    async def first(event: Happened) -> None:
        ran.append(f"first {event.what}")

    async def second(event: Happened) -> None:
        ran.append(f"second {event.what}")

    bus.subscribe(Happened, first)
    bus.subscribe(Happened, second)
    await bus.emit(Happened("x"))
    assert ran == ["first x", "second x"]


async def test_a_question_gets_its_one_answer() -> None:
    bus = MessageBus()

    async def count(query: HowMany) -> int:
        return len(query.of)

    bus.answer(HowMany, count)
    assert await bus.ask(HowMany("abc")) == 3
    with pytest.raises(ValueError, match="already has its answer"):
        bus.answer(HowMany, count)


async def test_nothing_subscribed_is_refused() -> None:
    bus = MessageBus()
    with pytest.raises(NotSubscribed, match="nothing follows Happened"):
        await bus.emit(Happened("x"))
    with pytest.raises(NotSubscribed, match="nobody answers HowMany"):
        await bus.ask(HowMany("x"))


def test_installing_wires_every_registration_event_once_however_often_called() -> None:
    bus = MessageBus()
    subscriptions.install(bus)
    subscriptions.install(bus)
    assert bus.subscribed(Submitted) == 1
    # The clock, then the lead, then incentives: the order the writes had before the bus.
    assert bus.subscribed(Changed) == 3
    assert bus.subscribed(IncentivePlansInForce) == 1


async def test_a_submission_without_subscriptions_fails_loudly(
    db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await factory.partner()
    await factory.partnership(partner, vendor.vendor)
    rep = factory.principal(await factory.user(partner, Role.partner_rep), partner)
    deal = msgspec.convert(deal_body(line(vendor)), DealInput)
    BUS.clear()
    try:
        with pytest.raises(NotSubscribed):
            await submit_deal(db, rep, deal)
    finally:
        subscriptions.install()
