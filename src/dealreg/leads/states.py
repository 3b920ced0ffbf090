"""The lead state machine and the order of dispositions, as pure functions of a lead.

    draft → forwarded                       (the vendor forwards it, once its score allows)
    forwarded → accepted | rejected          (the partner, after due diligence)
    forwarded → recalled                     (the sweep, when the accept deadline has passed)
    accepted → won | lost | no_decision      (a final disposition)

After acceptance the partner reports dispositions in order: `first_touch` first and once;
`follow_up` any number of times, `qualified` and `converted` once each; then one final
`won`, `lost` (with a reason) or `no_decision`, after which nothing more. Each happens no earlier
than acceptance or the disposition before it. Nothing here touches the database, so the rules are
tested exhaustively (tests/leads/test_states.py).
"""

from datetime import datetime, timedelta
from typing import Any

import msgspec

from dealreg.errors import Conflict, InvalidInput, field_error
from dealreg.leads.models import Disposition, Lead
from dealreg.leads.models import LeadStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.forwarded}),
    S.forwarded: frozenset({S.accepted, S.rejected, S.recalled}),
    S.accepted: frozenset({S.won, S.lost, S.no_decision}),
    S.rejected: frozenset(),
    S.recalled: frozenset(),
    S.won: frozenset(),
    S.lost: frozenset(),
    S.no_decision: frozenset(),
}
FINAL = frozenset(status for status, following in TRANSITIONS.items() if not following)
# Who works the lead may change while it is still open on the partner's side.
ASSIGNABLE = frozenset({S.forwarded, S.accepted})
CLOSING = {
    Disposition.won: S.won,
    Disposition.lost: S.lost,
    Disposition.no_decision: S.no_decision,
}
ONCE = frozenset({Disposition.first_touch, Disposition.qualified, Disposition.converted})
# A phone's clock may run a little ahead of the server's; a report further in the future is wrong.
CLOCK_SKEW = timedelta(minutes=5)


class IllegalLeadTransition(Conflict):
    type, title = "illegal-lead-transition", "Not allowed in the lead's current state"


class DispositionOutOfOrder(Conflict):
    type, title = "disposition-out-of-order", "Not allowed after the lead's dispositions so far"


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """What one move did: the history row's and the event's content."""

    action: str
    event: str
    from_status: S
    to_status: S
    reason: str | None = None


def require_transition(lead: Lead, to: S, action: str) -> None:
    """Refuse, as the move would, a move of `lead` to `to` that its status does not allow."""
    if to not in TRANSITIONS[lead.status]:
        raise IllegalLeadTransition(
            f"A {lead.status.value} lead cannot be {action}.",
            extra={"lead_status": lead.status.value},
        )


def _move(lead: Lead, to: S, *, action: str, event: str, reason: str | None = None) -> Change:
    require_transition(lead, to, action)
    change = Change(
        action=action, event=event, from_status=lead.status, to_status=to, reason=reason
    )
    lead.status = to
    return change


def forward(lead: Lead, *, at: datetime) -> Change:
    change = _move(lead, S.forwarded, action="forwarded", event="lead.forwarded")
    lead.forwarded_at = at
    return change


def accept(lead: Lead, *, at: datetime) -> Change:
    change = _move(lead, S.accepted, action="accepted", event="lead.accepted")
    lead.accepted_at = at
    return change


def reject(lead: Lead, *, at: datetime, reason: str) -> Change:
    change = _move(lead, S.rejected, action="rejected", event="lead.rejected", reason=reason)
    lead.rejected_at = at
    return change


def recall(lead: Lead, *, at: datetime) -> Change:
    change = _move(
        lead,
        S.recalled,
        action="recalled",
        event="lead.recalled",
        reason="not accepted within the vendor's lead SLA",
    )
    lead.recalled_at = at
    return change


def require_assignable(lead: Lead) -> None:
    if lead.status not in ASSIGNABLE:
        raise IllegalLeadTransition(
            f"A {lead.status.value} lead cannot be assigned.",
            extra={"lead_status": lead.status.value},
        )


def _invalid_time(detail: str, code: str, **params: Any) -> InvalidInput:
    error = field_error(code, pointer="/occurred_at", detail=detail, **params)
    return InvalidInput(detail, errors=[error])


def require_order(lead: Lead, disposition: Disposition) -> None:
    """Refuse `disposition` unless it may follow the lead's dispositions so far."""
    if lead.status is not S.accepted:
        detail = (
            "nothing can follow a final disposition"
            if lead.status in (S.won, S.lost, S.no_decision)
            else "dispositions follow the lead's acceptance"
        )
        raise IllegalLeadTransition(
            f"A {lead.status.value} lead takes no disposition: {detail}.",
            extra={"lead_status": lead.status.value},
        )
    if disposition is Disposition.first_touch:
        if lead.first_touch_at is not None:
            raise DispositionOutOfOrder("The lead's first touch is already reported.")
    elif lead.first_touch_at is None:
        raise DispositionOutOfOrder(
            f"Report the first touch before {disposition.value}: nothing comes before it."
        )
    if disposition in ONCE and disposition is not Disposition.first_touch:
        done = lead.qualified_at if disposition is Disposition.qualified else lead.converted_at
        if done is not None:
            raise DispositionOutOfOrder(f"The lead is already {disposition.value}.")


def dispose(
    lead: Lead,
    disposition: Disposition,
    *,
    occurred_at: datetime,
    now: datetime,
    lost_reason: str | None = None,
) -> Change | None:
    """Record `disposition` on the lead, checked against those before it; the status change it
    makes (a final one), if any."""
    require_order(lead, disposition)
    assert lead.accepted_at is not None  # noqa: S101 - an accepted lead has its instant (check)
    if occurred_at > now + CLOCK_SKEW:
        raise _invalid_time("a disposition cannot happen in the future", "in_future")
    if occurred_at < lead.accepted_at:
        raise _invalid_time(
            f"a disposition happens after the lead's acceptance at {lead.accepted_at.isoformat()}",
            "minimum",
            minimum=lead.accepted_at.isoformat(),
        )
    if lead.disposition_at is not None and occurred_at < lead.disposition_at:
        raise _invalid_time(
            "a disposition happens no earlier than the one before it, at "
            + lead.disposition_at.isoformat(),
            "minimum",
            minimum=lead.disposition_at.isoformat(),
        )
    # A report slightly ahead of the server's clock is taken as happening now.
    occurred_at = min(occurred_at, now)
    lead.disposition, lead.disposition_at = disposition, occurred_at
    if disposition is Disposition.first_touch:
        lead.first_touch_at = occurred_at
    elif disposition is Disposition.qualified:
        lead.qualified_at = occurred_at
    elif disposition is Disposition.converted:
        lead.converted_at = occurred_at
    closing = CLOSING.get(disposition)
    if closing is None:
        return None
    change = _move(
        lead, closing, action=disposition.value, event="lead.disposition", reason=lost_reason
    )
    lead.closed_at = occurred_at
    lead.lost_reason = lost_reason
    return change
