"""All SQL of the partner report (partner_report.py), each statement over one vendor's rows,
answering one row per partner.

Each figure is read at one or more instants at once (the report's `now`; graduation's a quarter
earlier too) and bounded by time: only the registrations, wins and engagements between the
earliest window's start and the latest instant are read, each through an index that leads with
the vendor and the time, and grouped by partner. A partner's last registration or win before
that (long ago) is looked up only for the partners without one since, as the first row of an
index by vendor, partner and time, backwards. So what a vendor piled up over the years costs
the report nothing, however long it has used dealreg."""

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Executable, Row, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement.models import CallTask, CallTaskState, PartnerEngagement
from dealreg.orgs.models import Organization, Partnership, Program
from dealreg.registrations.models import Registration, RegistrationHistory, RegistrationStatus


class Figures(NamedTuple):
    """Rows of a statement, and each column's position in them by name: a caller reading many
    rows takes their columns by position (operator.itemgetter), several times faster than by
    attribute name on a Row."""

    positions: dict[str, int]
    rows: Sequence[Row[Any]]


async def _figures(session: AsyncSession, stmt: Executable) -> Figures:
    """A statement of a row per partner, run on the session's connection: plain rows, without
    the ORM's result machinery, which cost a fifth of the report's time at 20,000 partners."""
    result = await (await session.connection()).execute(stmt)
    return Figures({key: i for i, key in enumerate(result.keys())}, result.all())


async def partner_figures(
    session: AsyncSession,
    vendor_id: uuid.UUID,
    *,
    instants: Sequence[datetime],
    year: timedelta,
    currency: str | None,
    ends: Sequence[datetime],
    window: timedelta,
) -> Figures:
    """Every partnership of the vendor, with for each of `instants` (column suffix `_<i>`): the
    partner's last registration up to it (`last_registration_<i>`, submitted), its registrations
    in the `year` before it (`registrations_<i>`), its last win up to it (`last_win_<i>`, when
    history recorded the move to won) and the amount in `currency` won in the year before it
    (`won_amount_<i>`). Where the window holds no registration (or win) up to the earliest
    instant, `last_registration_before` (`last_win_before`) is the last one before the window.
    And the partner's engagement score as of each of `ends` (`engagement_<j>`, repository.score's
    `window` ending there) and its open call tasks (`open_call_tasks`): one statement, one row
    per partner, rather than a result of 20,000 rows per figure to read and match up."""
    upper = max(instants)
    lower = min(instants) - year
    oldest = instants.index(min(instants))
    submitted = Registration.submitted_at
    registered = (
        select(
            Registration.partner_id,
            *(
                column
                for i, at in enumerate(instants)
                for column in (
                    func.max(submitted).filter(submitted <= at).label(f"last_registration_{i}"),
                    func.count()
                    .filter(submitted > at - year, submitted <= at)
                    .label(f"registrations_{i}"),
                )
            ),
        )
        .where(Registration.vendor_id == vendor_id, submitted > lower, submitted <= upper)
        .group_by(Registration.partner_id)
        .subquery("registered")
    )
    won_at = RegistrationHistory.at
    won_join = and_(
        RegistrationHistory.registration_id == Registration.id,
        RegistrationHistory.to_status == RegistrationStatus.won,
    )
    is_won = Registration.status == RegistrationStatus.won
    won = (
        select(
            Registration.partner_id,
            *(
                column
                for i, at in enumerate(instants)
                for column in (
                    func.max(won_at).filter(won_at <= at).label(f"last_win_{i}"),
                    func.sum(Registration.amount)
                    .filter(won_at > at - year, won_at <= at, Registration.currency == currency)
                    .label(f"won_amount_{i}"),
                )
            ),
        )
        .select_from(RegistrationHistory)
        .join(Registration, won_join)
        .where(Registration.vendor_id == vendor_id, is_won, won_at > lower, won_at <= upper)
        .group_by(Registration.partner_id)
        .subquery("won")
    )
    at = PartnerEngagement.occurred_at
    engaged = (
        select(
            PartnerEngagement.partner_id,
            *(
                func.sum(PartnerEngagement.points)
                .filter(at > end - window, at <= end)
                .label(f"engagement_{j}")
                for j, end in enumerate(ends)
            ),
        )
        .where(
            PartnerEngagement.vendor_id == vendor_id,
            at > min(ends) - window,
            at <= max(ends),
        )
        .group_by(PartnerEngagement.partner_id)
        .subquery("engaged")
    )
    tasks = (
        select(CallTask.partner_id, func.count().label("open_call_tasks"))
        .where(CallTask.vendor_id == vendor_id, CallTask.state != CallTaskState.closed)
        .group_by(CallTask.partner_id)
        .subquery("tasks")
    )
    # Correlated with the partnership: the partner's newest row of the index backwards.
    same_partner = and_(
        Registration.vendor_id == Partnership.vendor_id,
        Registration.partner_id == Partnership.partner_id,
    )
    registered_before = (
        select(submitted)
        .where(same_partner, submitted <= lower)
        .order_by(submitted.desc())
        .limit(1)
        .scalar_subquery()
    )
    won_before = (
        select(won_at)
        .select_from(Registration)
        .join(RegistrationHistory, won_join)
        .where(same_partner, is_won, won_at <= lower)
        .order_by(won_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    figures = [
        column
        for i in range(len(instants))
        for column in (
            registered.c[f"last_registration_{i}"],
            func.coalesce(registered.c[f"registrations_{i}"], 0).label(f"registrations_{i}"),
            won.c[f"last_win_{i}"],
            func.coalesce(won.c[f"won_amount_{i}"], 0).label(f"won_amount_{i}"),
        )
    ]
    stmt = (
        select(
            Partnership.id.label("partnership_id"),
            Partnership.version.label("partnership_version"),
            Partnership.partner_id,
            Organization.name.label("partner_name"),
            Partnership.tier,
            Partnership.status,
            Partnership.owner_id,
            Organization.employees,
            Organization.annual_revenue_band,
            *figures,
            *(
                func.coalesce(engaged.c[f"engagement_{j}"], 0).label(f"engagement_{j}")
                for j in range(len(ends))
            ),
            func.coalesce(tasks.c.open_call_tasks, 0).label("open_call_tasks"),
            # A CASE runs its branch only when it is taken: one lookup per partner quiet since
            # the window began, none for the others.
            case((registered.c[f"last_registration_{oldest}"].is_(None), registered_before)).label(
                "last_registration_before"
            ),
            case((won.c[f"last_win_{oldest}"].is_(None), won_before)).label("last_win_before"),
        )
        .join(Organization, Organization.id == Partnership.partner_id)
        .outerjoin(registered, registered.c.partner_id == Partnership.partner_id)
        .outerjoin(won, won.c.partner_id == Partnership.partner_id)
        .outerjoin(engaged, engaged.c.partner_id == Partnership.partner_id)
        .outerjoin(tasks, tasks.c.partner_id == Partnership.partner_id)
        .where(Partnership.vendor_id == vendor_id)
    )
    return await _figures(session, stmt)


async def main_currency(session: AsyncSession, vendor_id: uuid.UUID) -> str | None:
    """The currency of the vendor's oldest active program."""
    stmt = (
        select(Program.currency)
        .where(Program.vendor_id == vendor_id, Program.active.is_(True))
        .order_by(Program.created_at, Program.id)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()
