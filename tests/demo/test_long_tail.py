"""The demo's long tail: Lakeview Tech crosses Acme's engagement threshold, the call task it
made is worked to an opportunity, and the offer granted on the call is used by Lakeview's deal,
which carries Acme's two standard points plus the offer's three."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg.db import make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.engagement.models import CallOutcome, CallTask, CallTaskState, PartnerOffer
from dealreg.orgs.models import Organization
from dealreg.registrations.models import Registration


async def test_a_long_tail_partner_crosses_is_called_and_uses_the_offer(
    committing_engine: AsyncEngine,
) -> None:
    sessionmaker = make_sessionmaker(committing_engine)
    async with transaction(sessionmaker) as session:
        await seed_demo(session)
    async with sessionmaker() as session:
        lakeview = await session.scalar(
            select(Organization).where(Organization.name == "Lakeview Tech")
        )
        assert lakeview is not None
        task = await session.scalar(select(CallTask).where(CallTask.partner_id == lakeview.id))
        assert task is not None
        assert (task.score, task.state, task.outcome) == (
            34,
            CallTaskState.claimed,
            CallOutcome.opportunity,
        )
        offer = await session.scalar(
            select(PartnerOffer).where(PartnerOffer.partner_id == lakeview.id)
        )
        assert offer is not None
        assert (offer.call_task_id, offer.registrations_used) == (task.id, 1)
        registration = await session.scalar(
            select(Registration).where(Registration.partner_id == lakeview.id)
        )
        assert registration is not None
        assert (registration.offer_id, registration.discount_bp) == (offer.id, 500)
