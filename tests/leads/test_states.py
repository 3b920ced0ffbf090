"""The lead state machine and the order of dispositions, without a database: transient leads
driven through every sequence of moves and dispositions hypothesis can think of, at times around
every boundary, checked against a small independent model of the rules after every step, plus
examples of each move."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from sqlalchemy import inspect

from dealreg.errors import Conflict, InvalidInput
from dealreg.leads import states
from dealreg.leads.models import Disposition, Lead
from dealreg.leads.models import LeadStatus as S
from dealreg.leads.states import (
    CLOCK_SKEW,
    TRANSITIONS,
    Change,
    DispositionOutOfOrder,
    IllegalLeadTransition,
)

D = Disposition
T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
US = timedelta(microseconds=1)
CLOSED = frozenset({S.won, S.lost, S.no_decision})
# Nothing happens to these any more: never accepted (rejected, recalled) or finally disposed.
FINAL = frozenset({S.rejected, S.recalled}) | CLOSED
# Statuses an accepted lead has, or had: it keeps its acceptance instant.
WAS_ACCEPTED = frozenset({S.accepted}) | CLOSED
ONCE = frozenset({D.first_touch, D.qualified, D.converted})
FINAL_DISPOSITIONS = {D.won: S.won, D.lost: S.lost, D.no_decision: S.no_decision}
COLUMNS = tuple(attr.key for attr in inspect(Lead).column_attrs)

# name → (target status, instant it sets, event, action)
MOVES: dict[str, tuple[S, str, str, str]] = {
    "forward": (S.forwarded, "forwarded_at", "lead.forwarded", "forwarded"),
    "accept": (S.accepted, "accepted_at", "lead.accepted", "accepted"),
    "reject": (S.rejected, "rejected_at", "lead.rejected", "rejected"),
    "recall": (S.recalled, "recalled_at", "lead.recalled", "recalled"),
}
RECALL_REASON = "not accepted within the vendor's lead SLA"


def new_lead(status: S = S.draft, **attributes: Any) -> Lead:
    lead = Lead(
        status=status,
        score=0,
        first_touch_overdue=False,
        forwarded_at=None,
        accepted_at=None,
        rejected_at=None,
        recalled_at=None,
        first_touch_at=None,
        disposition=None,
        disposition_at=None,
        qualified_at=None,
        converted_at=None,
        closed_at=None,
        lost_reason=None,
    )
    for name, value in attributes.items():
        setattr(lead, name, value)
    return lead


def accepted_lead(at: datetime = T0) -> Lead:
    lead = new_lead()
    states.forward(lead, at=at - timedelta(hours=1))
    states.accept(lead, at=at)
    return lead


def snapshot(lead: Lead) -> dict[str, Any]:
    """Every column of the lead, to show a refused call changed nothing. Read from the instance's
    dict: a transient lead loads nothing, and an unset column reads as None either way."""
    values = lead.__dict__
    return {name: values.get(name) for name in COLUMNS}


def move(lead: Lead, name: str, at: datetime) -> Change:
    match name:
        case "forward":
            return states.forward(lead, at=at)
        case "accept":
            return states.accept(lead, at=at)
        case "reject":
            return states.reject(lead, at=at, reason="not my territory")
        case "recall":
            return states.recall(lead, at=at)
    raise AssertionError(name)


# --- a model of the rules, written again independently of states.py ---------------------------


@dataclass(frozen=True)
class Step:
    """One call: a move (`forward` …), or a disposition (`name == "dispose"`) that happens at
    `offset` from `reference` (the clock, the lead's acceptance or its latest disposition)."""

    name: str
    disposition: D | None = None
    reference: str = "now"
    offset: timedelta = timedelta(0)
    lost_reason: str | None = None


@dataclass
class Model:
    """What the lead must be, from the calls that succeeded so far."""

    status: S = S.draft
    instants: dict[str, datetime] = field(default_factory=dict)
    disposition: D | None = None
    reported: set[D] = field(default_factory=set)
    lost_reason: str | None = None

    def occurred_at(self, step: Step, now: datetime) -> datetime:
        base = {
            "now": now,
            "accepted": self.instants.get("accepted_at", now),
            "previous": self.instants.get("disposition_at", now),
        }[step.reference]
        return base + step.offset

    def refusal(self, step: Step, now: datetime) -> type[Exception] | None:
        """The error `step` must raise now, or None if it must succeed."""
        if step.name != "dispose":
            allowed_from = {
                "forward": {S.draft},
                "accept": {S.forwarded},
                "reject": {S.forwarded},
                "recall": {S.forwarded},
            }[step.name]
            return None if self.status in allowed_from else IllegalLeadTransition
        assert step.disposition is not None
        if self.status is not S.accepted:
            return IllegalLeadTransition
        if (step.disposition is D.first_touch) == (D.first_touch in self.reported):
            return DispositionOutOfOrder  # a second first touch, or anything before the first
        if step.disposition in ONCE and step.disposition in self.reported:
            return DispositionOutOfOrder
        at = self.occurred_at(step, now)
        if at - now > timedelta(minutes=5):
            return InvalidInput
        if at < self.instants["accepted_at"]:
            return InvalidInput
        if "disposition_at" in self.instants and at < self.instants["disposition_at"]:
            return InvalidInput
        return None

    def succeeded(self, step: Step, now: datetime) -> None:
        if step.name != "dispose":
            self.status = MOVES[step.name][0]
            self.instants[MOVES[step.name][1]] = now
            return
        assert step.disposition is not None
        at = min(self.occurred_at(step, now), now)
        self.reported.add(step.disposition)
        self.disposition = step.disposition
        self.instants["disposition_at"] = at
        named = {D.first_touch: "first_touch_at", D.qualified: "qualified_at"}
        named[D.converted] = "converted_at"
        if step.disposition in named:
            self.instants[named[step.disposition]] = at
        if step.disposition in FINAL_DISPOSITIONS:
            self.status = FINAL_DISPOSITIONS[step.disposition]
            self.instants["closed_at"] = at
            self.lost_reason = step.lost_reason


INSTANTS = (
    "forwarded_at",
    "accepted_at",
    "rejected_at",
    "recalled_at",
    "first_touch_at",
    "disposition_at",
    "qualified_at",
    "converted_at",
    "closed_at",
)


def apply(lead: Lead, step: Step, model: Model, now: datetime) -> Change | None:
    if step.name == "dispose":
        assert step.disposition is not None
        return states.dispose(
            lead,
            step.disposition,
            occurred_at=model.occurred_at(step, now),
            now=now,
            lost_reason=step.lost_reason,
        )
    return move(lead, step.name, now)


def check_step(lead: Lead, model: Model, step: Step, now: datetime) -> bool:
    """Apply `step`, check everything about what it did against the model; whether it was
    accepted."""
    before = snapshot(lead)
    expected = model.refusal(step, now)
    refusal: Exception | None = None
    try:
        change = apply(lead, step, model, now)
    except (IllegalLeadTransition, DispositionOutOfOrder, InvalidInput) as exc:
        refusal = exc
    if refusal is not None:
        assert expected is type(refusal), f"{step} at {now} from {before}: {refusal!r}"
        check_refusal(refusal, before["status"])
        assert snapshot(lead) == before, f"a refused {step} changed the lead"
        check_state(lead, model, now)
        return False
    assert expected is None, f"{step} at {now} allowed from {before}, not {expected}"
    model.succeeded(step, now)
    after = snapshot(lead)
    assert before["status"] not in FINAL
    if step.name == "dispose" and step.disposition not in FINAL_DISPOSITIONS:
        assert change is None
        assert after["status"] is before["status"] is S.accepted
    else:
        assert change is not None
        assert (change.from_status, change.to_status) == (before["status"], after["status"])
        assert change.to_status in TRANSITIONS[change.from_status]
        if step.name == "dispose":
            assert step.disposition is not None
            assert (change.action, change.event, change.reason) == (
                step.disposition.value,
                "lead.disposition",
                step.lost_reason,
            )
        else:
            _, _, event, action = MOVES[step.name]
            assert (change.action, change.event) == (action, event)
    if before["disposition_at"] is not None:
        assert after["disposition_at"] >= before["disposition_at"]
    # Nothing but the lead's state-machine columns is ever touched.
    untouched = set(COLUMNS) - {"status", "disposition", "lost_reason", *INSTANTS}
    assert {k: after[k] for k in untouched} == {k: before[k] for k in untouched}
    # An instant once set is never moved (disposition_at aside: it is the latest).
    for name in set(INSTANTS) - {"disposition_at"}:
        assert before[name] is None or after[name] == before[name], name
    check_state(lead, model, now)
    return True


def check_refusal(exc: Exception, status: S) -> None:
    if isinstance(exc, IllegalLeadTransition):
        assert isinstance(exc, Conflict)
        assert (exc.status, exc.type) == (409, "illegal-lead-transition")
        assert exc.extra == {"lead_status": status.value}
    elif isinstance(exc, DispositionOutOfOrder):
        assert isinstance(exc, Conflict)
        assert (exc.status, exc.type) == (409, "disposition-out-of-order")
    else:
        assert isinstance(exc, InvalidInput)
        assert exc.status == 422
        assert [error.pointer for error in exc.errors] == ["/occurred_at"]


def check_state(lead: Lead, model: Model, now: datetime) -> None:
    """What holds of a lead at every moment, whatever happened to it."""
    status = lead.status
    assert isinstance(status, S)
    assert status is model.status
    assert {name: getattr(lead, name) for name in INSTANTS} == {
        name: model.instants.get(name) for name in INSTANTS
    }
    assert lead.disposition is model.disposition
    assert lead.lost_reason == model.lost_reason
    # The table's two check constraints, and what follows from the moves that set the instants.
    assert (status is S.draft) == (lead.forwarded_at is None)
    assert (status in WAS_ACCEPTED) == (lead.accepted_at is not None)
    assert (status is S.rejected) == (lead.rejected_at is not None)
    assert (status is S.recalled) == (lead.recalled_at is not None)
    assert (status in CLOSED) == (lead.closed_at is not None)
    assert (status in CLOSED) == (lead.disposition in FINAL_DISPOSITIONS)
    if lead.forwarded_at is not None and lead.accepted_at is not None:
        assert lead.forwarded_at <= lead.accepted_at
    # Dispositions come after acceptance, the first touch before all else, none in the future.
    if lead.disposition is not None:
        assert lead.accepted_at is not None
        assert lead.first_touch_at is not None
        assert lead.disposition_at is not None
        assert lead.accepted_at <= lead.first_touch_at <= lead.disposition_at <= now
    else:
        assert lead.disposition_at is None
        assert lead.first_touch_at is None
    for later in (lead.qualified_at, lead.converted_at, lead.closed_at):
        if later is not None:
            assert lead.first_touch_at is not None
            assert lead.first_touch_at <= later <= lead.disposition_at
    if lead.closed_at is not None:
        assert lead.closed_at == lead.disposition_at


# When a disposition happens, from its reference: often exactly there, often around a boundary.
OFFSETS = st.one_of(
    st.just(timedelta(0)),
    st.sampled_from(
        [
            timedelta(0),
            -US,
            US,
            CLOCK_SKEW,
            CLOCK_SKEW + US,
            -CLOCK_SKEW,
            timedelta(minutes=1),
            timedelta(minutes=-1),
        ]
    ),
    st.timedeltas(min_value=timedelta(hours=-1), max_value=timedelta(hours=1)),
    st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)),
)


@st.composite
def dispositions(draw: st.DrawFn) -> Step:
    disposition = draw(st.sampled_from(D))
    lost_reason = None
    if disposition is D.lost:
        lost_reason = draw(st.sampled_from(["went with a competitor", "no budget"]))
    return Step(
        "dispose",
        disposition=disposition,
        reference=draw(st.sampled_from(["now", "accepted", "previous"])),
        offset=draw(OFFSETS),
        lost_reason=lost_reason,
    )


STEPS: st.SearchStrategy[Step] = st.one_of(
    st.sampled_from(sorted(MOVES)).map(Step),
    dispositions(),
    dispositions(),
)
# How much later the next call is: often not at all, sometimes within the skew, sometimes days.
LATER = st.one_of(
    st.just(timedelta(0)),
    st.sampled_from([US, timedelta(minutes=3), CLOCK_SKEW]),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=4)),
)


# Random moves seldom get a lead accepted and touched; sequences often start from there.
STARTS: list[list[tuple[Step, timedelta]]] = [
    [],
    [(Step("forward"), timedelta(0))],
    [(Step("forward"), timedelta(0)), (Step("accept"), timedelta(hours=2))],
    [
        (Step("forward"), timedelta(0)),
        (Step("accept"), timedelta(hours=2)),
        (Step("dispose", D.first_touch), timedelta(hours=1)),
    ],
]


@settings(max_examples=200, deadline=None)
@given(start=st.sampled_from(STARTS), steps=st.lists(st.tuples(STEPS, LATER), max_size=25))
def test_any_sequence_of_moves_and_dispositions_keeps_the_rules(
    start: list[tuple[Step, timedelta]], steps: list[tuple[Step, timedelta]]
) -> None:
    lead, model, now = new_lead(), Model(), T0
    check_state(lead, model, now)
    final: dict[str, Any] | None = None
    for step, later in start + steps:
        now += later
        accepted = check_step(lead, model, step, now)
        if final is not None:
            assert not accepted
            assert snapshot(lead) == final
        elif lead.status in FINAL:
            final = snapshot(lead)


@settings(max_examples=100, deadline=None)
@given(
    later=st.lists(LATER, min_size=1, max_size=12),
    offsets=st.lists(OFFSETS, min_size=12, max_size=12),
    end=st.sampled_from(sorted(FINAL_DISPOSITIONS)),
)
def test_a_lead_worked_in_order_closes_whatever_the_times(
    later: list[timedelta], offsets: list[timedelta], end: D
) -> None:
    """The order first_touch, follow_ups, qualified, converted, final; each reported at a time
    that is taken exactly when the model says so (the times decide, the order is right)."""
    lead, model, now = new_lead(), Model(), T0
    assert check_step(lead, model, Step("forward"), now)
    assert check_step(lead, model, Step("accept"), now)
    wanted = [D.first_touch, D.follow_up, D.follow_up, D.qualified, D.converted, end]
    for gap, offset in zip(later, offsets, strict=False):
        if not wanted:
            break
        now += gap
        reason = "no budget" if wanted[0] is D.lost else None
        step = Step("dispose", wanted[0], "previous", offset, reason)
        if check_step(lead, model, step, now):
            wanted.pop(0)
    assert (lead.status is FINAL_DISPOSITIONS[end]) == (not wanted)


class LeadMachine(RuleBasedStateMachine):
    """The same rules, with hypothesis choosing the calls and the clock."""

    def __init__(self) -> None:
        super().__init__()
        self.lead = new_lead()
        self.model = Model()
        self.now = T0
        self.latest: datetime | None = None
        self.final: dict[str, Any] | None = None

    def step(self, step: Step) -> None:
        check_step(self.lead, self.model, step, self.now)

    @rule(later=LATER)
    def time_passes(self, later: timedelta) -> None:
        self.now += later

    @rule(name=st.sampled_from(sorted(MOVES)))
    def status_move(self, name: str) -> None:
        self.step(Step(name))

    @rule(step=dispositions())
    def dispose(self, step: Step) -> None:
        self.step(step)

    @rule(disposition=st.sampled_from(D))
    def dispose_on_time(self, disposition: D) -> None:
        # At the latest disposition's instant (or now): the time is right, the order decides.
        reason = "no budget" if disposition is D.lost else None
        self.step(Step("dispose", disposition, "previous", lost_reason=reason))

    @rule()
    def repeat_the_latest(self) -> None:
        # Again, at the same instant: follow_up may repeat, nothing else may.
        latest = self.lead.disposition
        if latest is not None:
            reason = "no budget" if latest is D.lost else None
            self.step(Step("dispose", latest, "previous", lost_reason=reason))

    @rule(later=LATER)
    def forward_and_accept(self, later: timedelta) -> None:
        self.step(Step("forward"))
        self.now += later
        self.step(Step("accept"))

    @rule(offset=OFFSETS)
    def touch_then_follow_up(self, offset: timedelta) -> None:
        # Steers toward the dispositions' later rules, which random picks reach less often.
        for disposition in (D.first_touch, D.follow_up):
            self.step(Step("dispose", disposition, "previous", offset))

    @invariant()
    def status_is_a_lead_status(self) -> None:
        assert isinstance(self.lead.status, S)
        check_state(self.lead, self.model, self.now)

    @invariant()
    def disposition_at_never_decreases(self) -> None:
        current = self.lead.disposition_at
        if self.latest is not None:
            assert current is not None
            assert current >= self.latest
        self.latest = current

    @invariant()
    def a_final_lead_never_changes(self) -> None:
        if self.final is not None:
            assert snapshot(self.lead) == self.final
        if self.lead.status not in FINAL:
            return
        self.final = frozen = snapshot(self.lead)
        far = self.now + timedelta(days=10_000)
        for name in MOVES:
            with pytest.raises(IllegalLeadTransition):
                move(self.lead, name, far)
        for disposition in D:
            with pytest.raises(IllegalLeadTransition):
                states.dispose(self.lead, disposition, occurred_at=self.now, now=self.now)
        with pytest.raises(IllegalLeadTransition):
            states.require_assignable(self.lead)
        assert snapshot(self.lead) == frozen


TestLeadMachine = LeadMachine.TestCase
TestLeadMachine.settings = settings(max_examples=200, stateful_step_count=20, deadline=None)


# --- examples: the moves -----------------------------------------------------------------------


def test_the_transition_table_covers_every_status_and_ends_in_the_final_ones() -> None:
    assert set(TRANSITIONS) == set(S)
    assert states.FINAL == FINAL
    assert {status for status, targets in TRANSITIONS.items() if not targets} == FINAL
    for targets in TRANSITIONS.values():
        assert targets <= set(S)
    assert {S.forwarded, S.accepted} == states.ASSIGNABLE
    assert timedelta(minutes=5) == CLOCK_SKEW


@pytest.mark.parametrize("name", sorted(MOVES))
@pytest.mark.parametrize("status", list(S))
def test_each_move_is_allowed_exactly_where_the_table_says(status: S, name: str) -> None:
    target, instant, event, action = MOVES[name]
    lead = new_lead(status, forwarded_at=T0 - timedelta(days=1))
    if status in WAS_ACCEPTED:
        lead.accepted_at = T0 - timedelta(hours=1)
    before = snapshot(lead)
    at = T0 + timedelta(minutes=7)
    if target not in TRANSITIONS[status]:
        with pytest.raises(IllegalLeadTransition) as refused:
            move(lead, name, at)
        check_refusal(refused.value, status)
        assert refused.value.detail == f"A {status.value} lead cannot be {action}."
        assert snapshot(lead) == before
        return
    change = move(lead, name, at)
    reason = {"reject": "not my territory", "recall": RECALL_REASON}.get(name)
    assert change == Change(
        action=action, event=event, from_status=status, to_status=target, reason=reason
    )
    assert lead.status is target
    assert getattr(lead, instant) == at
    after = snapshot(lead)
    changed = {key for key in COLUMNS if after[key] != before[key]}
    assert changed <= {"status", instant}


def test_every_status_is_reachable_through_the_moves() -> None:
    paths: list[list[Step]] = [
        [],
        [Step("forward")],
        [Step("forward"), Step("accept")],
        [Step("forward"), Step("reject")],
        [Step("forward"), Step("recall")],
    ]
    touched = [Step("forward"), Step("accept"), Step("dispose", D.first_touch)]
    for final in FINAL_DISPOSITIONS:
        reason = "no budget" if final is D.lost else None
        paths.append([*touched, Step("dispose", final, lost_reason=reason)])
    reached: set[S] = set()
    for path in paths:
        lead, model = new_lead(), Model()
        for step in path:
            assert check_step(lead, model, step, T0)
        reached.add(lead.status)
    assert reached == set(S)


def test_forwarding_then_accepting_records_both_instants() -> None:
    lead = new_lead()
    states.forward(lead, at=T0)
    states.accept(lead, at=T0 + timedelta(hours=3))
    assert (lead.status, lead.forwarded_at, lead.accepted_at) == (
        S.accepted,
        T0,
        T0 + timedelta(hours=3),
    )
    with pytest.raises(IllegalLeadTransition):
        states.accept(lead, at=T0 + timedelta(hours=4))
    assert lead.accepted_at == T0 + timedelta(hours=3)


def test_a_rejection_carries_its_reason() -> None:
    lead = new_lead(S.forwarded, forwarded_at=T0)
    change = states.reject(lead, at=T0, reason="no capacity")
    assert (change.reason, change.event, lead.rejected_at) == ("no capacity", "lead.rejected", T0)


@pytest.mark.parametrize("status", list(S))
def test_only_forwarded_and_accepted_leads_can_be_assigned(status: S) -> None:
    lead = new_lead(status)
    before = snapshot(lead)
    if status in {S.forwarded, S.accepted}:
        assert states.require_assignable(lead) is None
    else:
        with pytest.raises(IllegalLeadTransition) as refused:
            states.require_assignable(lead)
        check_refusal(refused.value, status)
        assert refused.value.detail == f"A {status.value} lead cannot be assigned."
    assert snapshot(lead) == before


# --- examples: the dispositions ----------------------------------------------------------------


@pytest.mark.parametrize("disposition", list(D))
@pytest.mark.parametrize("status", sorted(set(S) - {S.accepted}))
def test_only_an_accepted_lead_takes_dispositions(status: S, disposition: D) -> None:
    lead = new_lead(status, forwarded_at=None if status is S.draft else T0)
    if status in CLOSED:
        lead.accepted_at = lead.first_touch_at = T0
        lead.disposition, lead.disposition_at = D.first_touch, T0
    before = snapshot(lead)
    now = T0 + timedelta(days=1)
    with pytest.raises(IllegalLeadTransition) as refused:
        states.dispose(lead, disposition, occurred_at=now, now=now)
    check_refusal(refused.value, status)
    if status in CLOSED:
        assert "nothing can follow a final disposition" in refused.value.detail
    else:
        assert "dispositions follow the lead's acceptance" in refused.value.detail
    assert refused.value.detail.startswith(f"A {status.value} lead takes no disposition")
    assert snapshot(lead) == before


@pytest.mark.parametrize("disposition", sorted(set(D) - {D.first_touch}))
def test_nothing_comes_before_the_first_touch(disposition: D) -> None:
    lead = accepted_lead()
    before = snapshot(lead)
    with pytest.raises(DispositionOutOfOrder) as refused:
        states.dispose(lead, disposition, occurred_at=T0, now=T0, lost_reason="x")
    check_refusal(refused.value, S.accepted)
    assert "first touch" in refused.value.detail
    assert snapshot(lead) == before


def test_the_first_touch_is_reported_once() -> None:
    lead = accepted_lead()
    touched = T0 + timedelta(hours=2)
    assert states.dispose(lead, D.first_touch, occurred_at=touched, now=touched) is None
    assert (lead.disposition, lead.disposition_at, lead.first_touch_at) == (
        D.first_touch,
        touched,
        touched,
    )
    before = snapshot(lead)
    later = touched + timedelta(hours=1)
    with pytest.raises(DispositionOutOfOrder) as refused:
        states.dispose(lead, D.first_touch, occurred_at=later, now=later)
    check_refusal(refused.value, S.accepted)
    assert snapshot(lead) == before


def test_follow_ups_may_come_any_number_of_times_after_the_first_touch() -> None:
    lead = accepted_lead()
    states.dispose(lead, D.first_touch, occurred_at=T0, now=T0)
    at = T0
    for _ in range(5):
        at += timedelta(days=1)
        assert states.dispose(lead, D.follow_up, occurred_at=at, now=at) is None
        assert (lead.status, lead.disposition, lead.disposition_at) == (S.accepted, D.follow_up, at)
    # Two at the same instant: no earlier than the one before is enough.
    assert states.dispose(lead, D.follow_up, occurred_at=at, now=at) is None
    assert lead.first_touch_at == T0
    assert lead.qualified_at is lead.converted_at is lead.closed_at is None


@pytest.mark.parametrize(
    ("disposition", "instant"), [(D.qualified, "qualified_at"), (D.converted, "converted_at")]
)
def test_qualified_and_converted_happen_once_each(disposition: D, instant: str) -> None:
    lead = accepted_lead()
    states.dispose(lead, D.first_touch, occurred_at=T0, now=T0)
    at = T0 + timedelta(hours=5)
    assert states.dispose(lead, disposition, occurred_at=at, now=at) is None
    assert (getattr(lead, instant), lead.disposition, lead.disposition_at) == (at, disposition, at)
    states.dispose(lead, D.follow_up, occurred_at=at, now=at)
    before = snapshot(lead)
    with pytest.raises(DispositionOutOfOrder) as refused:
        states.dispose(lead, disposition, occurred_at=at, now=at)
    check_refusal(refused.value, S.accepted)
    assert snapshot(lead) == before


def test_qualified_and_converted_may_come_in_either_order() -> None:
    lead = accepted_lead()
    states.dispose(lead, D.first_touch, occurred_at=T0, now=T0)
    states.dispose(lead, D.converted, occurred_at=T0 + US, now=T0 + US)
    states.dispose(lead, D.qualified, occurred_at=T0 + 2 * US, now=T0 + 2 * US)
    assert (lead.converted_at, lead.qualified_at) == (T0 + US, T0 + 2 * US)


@pytest.mark.parametrize("final", sorted(FINAL_DISPOSITIONS))
def test_a_final_disposition_closes_the_lead_and_nothing_follows(final: D) -> None:
    lead = accepted_lead()
    states.dispose(lead, D.first_touch, occurred_at=T0, now=T0)
    states.dispose(
        lead, D.qualified, occurred_at=T0 + timedelta(days=1), now=T0 + timedelta(days=1)
    )
    at = T0 + timedelta(days=9)
    reason = "went with a competitor" if final is D.lost else None
    change = states.dispose(lead, final, occurred_at=at, now=at, lost_reason=reason)
    status = FINAL_DISPOSITIONS[final]
    assert change == Change(
        action=final.value,
        event="lead.disposition",
        from_status=S.accepted,
        to_status=status,
        reason=reason,
    )
    assert (lead.status, lead.disposition, lead.disposition_at, lead.closed_at) == (
        status,
        final,
        at,
        at,
    )
    assert lead.lost_reason == reason
    assert lead.qualified_at == T0 + timedelta(days=1)
    before = snapshot(lead)
    for disposition in D:
        with pytest.raises(IllegalLeadTransition) as refused:
            states.dispose(lead, disposition, occurred_at=at, now=at + timedelta(days=1))
        assert "nothing can follow a final disposition" in refused.value.detail
    for name in MOVES:
        with pytest.raises(IllegalLeadTransition):
            move(lead, name, at)
    assert snapshot(lead) == before


def test_a_lead_may_close_straight_after_its_first_touch() -> None:
    lead = accepted_lead()
    states.dispose(lead, D.first_touch, occurred_at=T0, now=T0)
    change = states.dispose(lead, D.no_decision, occurred_at=T0, now=T0)
    assert change is not None
    assert (change.to_status, lead.closed_at, lead.qualified_at) == (S.no_decision, T0, None)


# --- examples: when dispositions happen -----------------------------------------------------


@pytest.mark.parametrize("ahead", [CLOCK_SKEW + US, timedelta(hours=1), timedelta(days=400)])
def test_a_disposition_beyond_the_clock_skew_in_the_future_is_invalid(ahead: timedelta) -> None:
    lead = accepted_lead()
    before = snapshot(lead)
    with pytest.raises(InvalidInput) as refused:
        states.dispose(lead, D.first_touch, occurred_at=T0 + ahead, now=T0)
    check_refusal(refused.value, S.accepted)
    assert refused.value.errors[0].detail == "a disposition cannot happen in the future"
    assert snapshot(lead) == before


@pytest.mark.parametrize("ahead", [US, timedelta(minutes=1), CLOCK_SKEW])
def test_a_disposition_slightly_ahead_of_the_clock_is_taken_as_now(ahead: timedelta) -> None:
    lead = accepted_lead()
    now = T0 + timedelta(hours=1)
    states.dispose(lead, D.first_touch, occurred_at=now + ahead, now=now)
    assert lead.first_touch_at == lead.disposition_at == now
    states.dispose(lead, D.converted, occurred_at=now + ahead, now=now)
    assert lead.converted_at == lead.disposition_at == now
    change = states.dispose(lead, D.won, occurred_at=now + ahead, now=now)
    assert change is not None
    assert lead.closed_at == lead.disposition_at == now


def test_a_disposition_before_the_acceptance_is_invalid() -> None:
    lead = accepted_lead()
    before = snapshot(lead)
    now = T0 + timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        states.dispose(lead, D.first_touch, occurred_at=T0 - US, now=now)
    check_refusal(refused.value, S.accepted)
    assert T0.isoformat() in refused.value.detail
    assert snapshot(lead) == before
    # At the very instant of acceptance is fine.
    states.dispose(lead, D.first_touch, occurred_at=T0, now=now)
    assert lead.first_touch_at == T0


@pytest.mark.parametrize("disposition", [D.follow_up, D.qualified, D.converted, D.won, D.lost])
def test_a_disposition_before_the_one_before_it_is_invalid(disposition: D) -> None:
    lead = accepted_lead()
    touched = T0 + timedelta(days=2)
    states.dispose(lead, D.first_touch, occurred_at=touched, now=touched + timedelta(days=1))
    before = snapshot(lead)
    now = touched + timedelta(days=3)
    with pytest.raises(InvalidInput) as refused:
        states.dispose(lead, disposition, occurred_at=touched - US, now=now, lost_reason="x")
    check_refusal(refused.value, S.accepted)
    assert touched.isoformat() in refused.value.detail
    assert snapshot(lead) == before
    # Still after the acceptance: it is the disposition before that decides.
    assert touched - US > T0


def test_the_order_is_checked_before_the_time() -> None:
    # A disposition both out of order and in the future is a conflict, not an invalid input.
    lead = accepted_lead()
    with pytest.raises(DispositionOutOfOrder):
        states.dispose(lead, D.qualified, occurred_at=T0 + timedelta(days=9), now=T0)
