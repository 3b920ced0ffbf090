"""The demo's QBR of Northwind with Acme shows real figures: a plan accepted against a pipeline
at several stages, a win, and a capability assessment with its change since the quarter before."""

from sqlalchemy.ext.asyncio import AsyncEngine

from dealreg import qbr
from dealreg.auth.service import principal_for_email
from dealreg.db import make_sessionmaker, transaction
from dealreg.demo import seed_demo
from dealreg.demo.plans import partnership_of


async def test_northwinds_qbr_with_acme_has_real_figures(committing_engine: AsyncEngine) -> None:
    sessionmaker = make_sessionmaker(committing_engine)
    async with transaction(sessionmaker) as session:
        await seed_demo(session)
    async with sessionmaker() as session:
        approver = await principal_for_email(session, "approver@acme.example")
        line = await partnership_of(session, "Northwind IT", "Acme Networks")
        review = await qbr.review(session, approver, line.id, None)

    pipeline = review.pipeline
    assert pipeline is not None
    assert (pipeline.plan, pipeline.plan_status) == (40_000_000, "accepted")
    # Four registrations of USD 75,000 closing on the quarter's last day, at 25/50/75/50%.
    assert pipeline.registered_count >= 4
    assert pipeline.registered_pipeline is not None
    assert pipeline.registered_pipeline >= 30_000_000
    assert pipeline.won_count >= 1
    assert review.registrations
    assert review.leads is not None
    assert review.sla.submitted > 0
    capabilities = review.capabilities
    assert capabilities is not None
    # Northwind's weighted score rose since the quarter before; Fjord is assessed too.
    assert capabilities.overall.change is not None
    assert capabilities.overall.change > 0
    assert capabilities.partners_assessed == 2
    assert any(attribute.goal_met is not None for attribute in capabilities.attributes)
