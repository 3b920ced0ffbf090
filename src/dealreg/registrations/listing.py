"""The registrations list: one statement per shape of list, built once with bound parameters.

Building a list's statement per request with the ORM's attributes, and running it through the
ORM, was a tenth of a list's CPU (issue #22); so each shape (who the caller is, which filters,
which page) has its statement built once, on the table's columns, and every list of that shape
binds its values to it.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.db import contains_pattern, table_of
from dealreg.orgs.principals import Principal
from dealreg.pagination import Page, PageRequest, horizon, page_of
from dealreg.registrations.models import Deal, Registration, RegistrationStatus, SalesStage
from dealreg.registrations.repository import REGISTRATION_COLUMNS, SeenAs, seen_as, visibility

# What a list shows of each (registrations/responses.py RegistrationOut): not the answers, a
# JSON document decoded for every row, nor the customer's match keys or the plan in force.
LIST_COLUMNS = [
    column
    for column in REGISTRATION_COLUMNS
    if column.key
    not in {"answers", "customer_domain_key", "customer_name_key", "incentive_plan_id"}
]


class _ListShape(NamedTuple):
    """What a registrations list's statement looks like, whatever the values it compares with."""

    seen_as: SeenAs
    search: bool
    statuses: bool
    filters: tuple[str, ...]  # the columns compared for equality, by name
    expiring: bool
    after: bool  # continues after a page's key
    by_change: bool  # in the order of change (a delta sync)
    since: bool  # a delta sync's first page


@cache
def _list_statement(shape: _ListShape) -> tuple[Select[Any], frozenset[str]]:
    """The statement of every list of `shape`, built once with bound parameters
    (`list_registrations` gives their values), and the names of those parameters: building it
    per request with the ORM's attributes, and running it through the ORM, was a tenth of a
    list's CPU (issue #22). The same clauses as visible_registrations and pagination.paginate."""
    stmt = _build_list_statement(shape)
    return stmt, frozenset(stmt.compile().params)


def _build_list_statement(shape: _ListShape) -> Select[Any]:
    c, deals = table_of(Registration).c, table_of(Deal).c
    stmt = select(*LIST_COLUMNS).where(
        visibility(shape.seen_as, c, deals, bindparam("org"), bindparam("subject"))
    )
    if shape.search:
        stmt = stmt.where(
            or_(
                *(
                    column.ilike(bindparam("pattern"), escape="\\")
                    for column in (c.number, c.customer_name)
                )
            )
        )
    if shape.statuses:
        stmt = stmt.where(c.status.in_(bindparam("statuses", expanding=True)))
    for name in shape.filters:
        stmt = stmt.where(c[name] == bindparam(name))
    if shape.expiring:
        stmt = stmt.where(
            c.status == RegistrationStatus.approved, c.expires_at < bindparam("expiring_before")
        )
    at = c.updated_at if shape.by_change else c.created_at
    if shape.after:
        stmt = stmt.where(
            or_(
                at > bindparam("after_at"),
                and_(at == bindparam("after_at"), c.id > bindparam("after_id")),
            )
        )
    elif shape.since:
        stmt = stmt.where(at > bindparam("since"))
    if shape.by_change:
        stmt = stmt.where(at < bindparam("horizon"))
    return stmt.order_by(at, c.id).limit(bindparam("limit"))


async def list_registrations(
    session: AsyncSession,
    actor: Principal,
    *,
    statuses: Sequence[RegistrationStatus],
    vendor_id: uuid.UUID | None,
    partner_id: uuid.UUID | None,
    rep_id: uuid.UUID | None,
    stage: SalesStage | None,
    expiring_before: datetime | None,
    search: str | None,
    page: PageRequest,
) -> Page[Any]:
    filters = {
        "vendor_id": vendor_id,
        "partner_id": partner_id,
        "rep_id": rep_id,
        "stage": stage,
    }
    values: dict[str, Any] = {
        "limit": page.limit + 1,
        **{name: value for name, value in filters.items() if value is not None},
    }
    if search is not None:
        values["pattern"] = contains_pattern(search)
    if statuses:
        values["statuses"] = list(statuses)
    if expiring_before is not None:
        values["expiring_before"] = expiring_before
    if page.after is not None:
        values["after_at"], values["after_id"] = page.after.at, page.after.id
    elif page.updated_since is not None:
        values["since"] = page.updated_since
    if page.by_change:
        values["horizon"] = await horizon(session)
    shape = _ListShape(
        seen_as=seen_as(actor),
        search=search is not None,
        statuses=bool(statuses),
        filters=tuple(name for name, value in filters.items() if value is not None),
        expiring=expiring_before is not None,
        after=page.after is not None,
        by_change=page.by_change,
        since=page.updated_since is not None,
    )
    stmt, parameters = _list_statement(shape)
    # A value the statement does not bind would be dropped without a word: a filter given a
    # value here but no clause in its shape would list everything it should have narrowed.
    if not values.keys() <= parameters:
        raise RuntimeError(f"list parameters without a clause: {values.keys() - parameters}")
    # Who is asking: bound where the caller's kind of visibility compares with them.
    values |= {"org": actor.organization_id, "subject": actor.subject_id}
    rows = (await session.execute(stmt, values)).all()
    return page_of(rows, page)
