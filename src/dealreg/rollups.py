"""What the reports over more than a quarter share (issue #22): which ranges read rollups, the
percentile error they state, and the keeping of their cells.

A domain's rollups (sla/rollups.py, leads/rollups.py) follow one pattern. A trigger on the
source table appends each change of a row's contribution to a changes table (the old one signed
-1, the new one +1) rather than updating a cell: an update would hold the cell's row lock to the
end of the transaction, and concurrent writers sharing a cell would queue behind each other. A
job folds the pending changes into the cells and deletes them in one statement (`fold`), so a
change is counted in a cell or pending, never both, and never twice; readers add what is
pending. `rebuild` recomputes the cells from the source. A report reads the cells of its whole
periods and the source rows of the days at its edges, exactly, in the same statement.
"""

from datetime import date, timedelta
from typing import Annotated

import msgspec
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg import histogram

# A report over more days than this reads the rollups; a quarter (92 days at most) or less
# reads the source rows and its percentiles are exact.
QUARTER_DAYS = 92


class PercentileError(msgspec.Struct, frozen=True, kw_only=True):
    """How far a report's percentiles may be from the exact ones."""

    approximate: Annotated[
        bool,
        msgspec.Meta(
            description=(
                "True: the report's percentiles (medians, 90th percentiles) are read from "
                "histograms, within the bounds below of the exact ones; counts and shares are "
                "exact. The report's `percentile_error` says when this is so."
            )
        ),
    ]
    max_relative_error: Annotated[
        float,
        msgspec.Meta(
            description=(
                "Each percentile is within this fraction of the exact one, or within "
                "`max_error_minutes`, whichever is larger."
            )
        ),
    ]
    max_error_minutes: Annotated[
        float,
        msgspec.Meta(
            description="The absolute bound, in minutes (business minutes for business hours)."
        ),
    ]


APPROXIMATE = PercentileError(
    approximate=True,
    max_relative_error=histogram.MAX_RELATIVE_ERROR,
    max_error_minutes=histogram.MAX_ABSOLUTE_MINUTES,
)


def longer_than_a_quarter(first_day: date, last_day: date) -> bool:
    """Whether a report over [first_day, last_day] may read rollups."""
    return (last_day - first_day).days + 1 > QUARTER_DAYS


def whole_months(first_day: date, last_day: date) -> tuple[date, date]:
    """The first days of the first whole month in [first_day, last_day] and of the month after
    the last (equal when there is none): the cells a report reads, its edges read exactly."""
    first = first_day
    if first.day != 1:
        first = (first.replace(day=1) + timedelta(days=31)).replace(day=1)
    end = (last_day + timedelta(days=1)).replace(day=1)
    return first, max(first, end)


async def call(session: AsyncSession, function: str) -> int:
    """Run a rollups' SQL function of no argument (its fold or rebuild): what it returned, the
    changes a fold added to the cells (0 for a rebuild, which returns nothing)."""
    result = (await session.execute(text(f"SELECT {function}()"))).scalar_one()
    return int(result or 0)
