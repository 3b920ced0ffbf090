"""The score and its crossings: hand-worked totals of a partner's engagements across the decay
window, through the service on the database; and, for any sequence of posts at any instants,
the database's score is the window's sum and a call task is made exactly at the crossings (the
score reaching the threshold from below, once, and again only after it fell below)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import scoring, service
from dealreg.engagement.models import CallTask, PartnerEngagementType
from dealreg.engagement.policy import DEFAULT_POINTS, Rubric, put_policy
from dealreg.engagement.service import PartnerEngagementInput
from dealreg.orgs.models import Organization
from dealreg.orgs.principals import Principal
from dealreg.preconditions import IfMatch
from tests.engagement.helpers import make_scene
from tests.factories import Factory

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
E = PartnerEngagementType


def item(type_: PartnerEngagementType, at: datetime) -> PartnerEngagementInput:
    return PartnerEngagementInput(type=type_, occurred_at=at)


@dataclass
class Vendor:
    admin: Principal
    factory: Factory

    async def partner(self) -> Organization:
        partner = await self.factory.partner()
        vendor = await self.factory.db.get_one(Organization, self.admin.organization_id)
        await self.factory.partnership(partner, vendor)
        return partner


async def vendor_with(factory: Factory, rubric: Rubric) -> Vendor:
    scene = await make_scene(factory)
    admin = factory.principal(scene.admin, scene.vendor)
    await put_policy(factory.db, admin, scene.vendor.id, rubric, if_match=IfMatch(versions=None))
    return Vendor(admin, factory)


async def test_scores_across_the_decay_window_match_hand_worked_totals(
    db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_with(factory, Rubric(decay_days=30, threshold=20))
    partner = await vendor.partner()

    async def post(now: datetime, *items: PartnerEngagementInput) -> service.Recorded:
        return await service.record(db, vendor.admin, partner.id, items, now=now)

    # 1 + 3 + 5 within 30 days; the webinar 31 days back is out of the window.
    first = await post(
        T0,
        item(E.email_open, T0 - DAY),
        item(E.key_page_visit, T0 - 10 * DAY),
        item(E.email_click, T0 - 29 * DAY),
        item(E.webinar, T0 - 31 * DAY),
    )
    assert (first.accepted, first.score, first.task) == (4, 9, None)
    # Two days on, the click is 31 days old: 1 + 3, and a trade show's 10.
    second = await post(T0 + 2 * DAY, item(E.trade_show, T0 + 2 * DAY - timedelta(hours=1)))
    assert (second.score, second.task) == (14, None)
    # A webinar lifts it from 14 to 24: across the threshold of 20.
    third = await post(T0 + 3 * DAY, item(E.webinar, T0 + 3 * DAY))
    assert third.score == 24
    assert third.task is not None
    assert (third.task.crossing, third.task.score, third.task.threshold) == (1, 24, 20)
    # 40 days on, every point before has decayed: an open is 1, and re-arms the partner.
    fourth = await post(T0 + 40 * DAY, item(E.email_open, T0 + 40 * DAY))
    assert (fourth.score, fourth.above_threshold, fourth.task) == (1, False, None)
    # Two webinars: 21, a second crossing.
    fifth = await post(
        T0 + 41 * DAY, item(E.webinar, T0 + 41 * DAY), item(E.webinar, T0 + 41 * DAY)
    )
    assert fifth.score == 21
    assert fifth.task is not None
    assert fifth.task.crossing == 2
    # An engagement exactly `decay_days` old no longer counts; a microsecond younger does.
    edge = await post(
        T0 + 71 * DAY,
        item(E.trade_show, T0 + 41 * DAY),
        item(E.email_click, T0 + 41 * DAY + timedelta(microseconds=1)),
    )
    assert edge.score == 5
    tasks = (await db.scalars(select(CallTask).order_by(CallTask.crossing))).all()
    assert [(t.crossing, t.score) for t in tasks] == [(1, 24), (2, 21)]


async def test_rubric_points_are_those_in_force_when_recorded(
    db: AsyncSession, factory: Factory
) -> None:
    vendor = await vendor_with(factory, Rubric(points={E.email_open: 4}, threshold=100))
    partner = await vendor.partner()
    first = await service.record(db, vendor.admin, partner.id, [item(E.email_open, T0)], now=T0)
    assert first.score == 4
    await put_policy(
        db,
        vendor.admin,
        vendor.admin.organization_id,
        Rubric(threshold=100),
        if_match=IfMatch(None),
    )
    second = await service.record(db, vendor.admin, partner.id, [item(E.email_open, T0)], now=T0)
    assert second.score == 4 + DEFAULT_POINTS[E.email_open]


# --- any sequence of posts ---------------------------------------------------------------------

THRESHOLD = 15
WINDOW_DAYS = 10

posts = st.lists(
    st.tuples(
        # Days since the previous post, then each engagement's type and age in hours.
        st.integers(min_value=0, max_value=12),
        st.lists(
            st.tuples(st.sampled_from(list(E)), st.integers(min_value=0, max_value=24 * 14)),
            max_size=4,
        ),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=30,
    deadline=None,
    # The vendor is shared by the examples: each scores a partner of its own.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=posts)
async def test_any_sequence_of_posts_scores_the_window_and_calls_at_each_crossing(
    db: AsyncSession, factory: Factory, sequence: list[tuple[int, list[tuple[E, int]]]]
) -> None:
    vendor = await vendor_with(factory, Rubric(decay_days=WINDOW_DAYS, threshold=THRESHOLD))
    partner = await vendor.partner()
    window = timedelta(days=WINDOW_DAYS)
    seen: list[tuple[datetime, int]] = []
    now = T0
    # Armed: no crossing yet, or the score was seen below the threshold since the last one.
    armed = True
    crossings = 0
    for days, engagements in sequence:
        now += timedelta(days=days)
        before = scoring.points_within(seen, now, window)
        items = [item(type_, now - timedelta(hours=hours)) for type_, hours in engagements]
        seen += [(i.occurred_at, DEFAULT_POINTS[i.type]) for i in items]
        after = scoring.points_within(seen, now, window)

        recorded = await service.record(db, vendor.admin, partner.id, items, now=now)

        assert recorded.score == after
        armed = armed or before < THRESHOLD
        should_cross = armed and after >= THRESHOLD
        assert (recorded.task is not None) == should_cross, (before, after, armed)
        if should_cross:
            crossings += 1
            armed = False
        assert recorded.above_threshold == (after >= THRESHOLD and not armed)
    tasks = (await db.scalars(select(CallTask).where(CallTask.partner_id == partner.id))).all()
    assert sorted(t.crossing for t in tasks) == list(range(1, crossings + 1))


@pytest.mark.parametrize(
    ("above", "before", "after", "expected"),
    [
        (False, 0, 14, (False, False)),
        (False, 0, 15, (True, True)),
        (False, 15, 20, (True, True)),  # a lowered threshold: above it now, first seen
        (True, 15, 20, (True, False)),
        (True, 14, 20, (True, True)),  # decayed below, lifted back: a new crossing
        (True, 14, 14, (False, False)),
    ],
)
def test_the_crossing_step(
    above: bool, before: int, after: int, expected: tuple[bool, bool]
) -> None:
    assert scoring.step(above, before, after, 15) == expected
