"""The registration state machine, without a database: transient registrations driven through
every sequence of moves hypothesis can think of, checked against a small independent model of the
rules after every step, plus examples of each move."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dealreg.errors import Conflict
from dealreg.registrations import states
from dealreg.registrations.models import Registration, SalesStage
from dealreg.registrations.models import RegistrationStatus as S
from dealreg.registrations.states import STAGE_ORDER, TRANSITIONS, Change, IllegalTransition

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
TERMINAL = frozenset({S.rejected, S.withdrawn, S.won, S.lost, S.expired, S.cancelled})
# Once approved, a registration keeps its protection dates whatever it becomes.
PROTECTED = frozenset({S.approved, S.won, S.lost, S.expired, S.cancelled})


def new_registration() -> Registration:
    return Registration(
        number="T-1",
        status=S.submitted,
        stage=None,
        extensions_granted=0,
        extension_pending=False,
        approved_at=None,
        expires_at=None,
        decided_at=None,
    )


class Snapshot(NamedTuple):
    status: S
    stage: SalesStage | None
    expires_at: datetime | None
    approved_at: datetime | None
    decided_at: datetime | None
    extensions_granted: int


def snapshot(registration: Registration) -> Snapshot:
    return Snapshot(
        registration.status,
        registration.stage,
        registration.expires_at,
        registration.approved_at,
        registration.decided_at,
        registration.extensions_granted,
    )


@dataclass(frozen=True)
class Step:
    """One move: `days` for approve (protection) and extend; `offset` for expire, from
    `expires_at` (or from the clock while there is none)."""

    name: str
    stage: SalesStage | None = None
    days: int = 0
    offset: timedelta = timedelta(0)


def expire_at(registration: Registration, step: Step, now: datetime) -> datetime:
    return (registration.expires_at or now) + step.offset


def apply(registration: Registration, step: Step, now: datetime) -> Change:
    match step.name:
        case "start_review":
            return states.start_review(registration)
        case "approve":
            return states.approve(registration, at=now, protection_days=step.days)
        case "reject":
            return states.reject(registration, at=now, reason="not ours")
        case "request_info":
            return states.request_info(registration, question="who is the buyer?")
        case "resubmit":
            return states.resubmit(registration, note="here")
        case "withdraw":
            return states.withdraw(registration, reason=None)
        case "cancel":
            return states.cancel(registration, reason="vendor cancelled")
        case "expire":
            return states.expire(registration, at=expire_at(registration, step, now))
        case "report_stage":
            assert step.stage is not None
            return states.report_stage(registration, step.stage, note=None)
        case "extend":
            return states.extend(registration, days=step.days, reason=None)
    raise AssertionError(step.name)


def allowed(before: Snapshot, step: Step, at: datetime) -> bool:
    """The rules, written again independently of states.py: may `step` happen now?"""
    status = before.status
    match step.name:
        case "start_review":
            return status is S.submitted
        case "approve" | "reject" | "request_info":
            return status in {S.submitted, S.in_review}
        case "resubmit":
            return status is S.info_requested
        case "withdraw":
            return status in {S.submitted, S.in_review, S.info_requested}
        case "cancel" | "extend":
            return status is S.approved
        case "expire":
            return (
                status is S.approved and before.expires_at is not None and before.expires_at <= at
            )
        case "report_stage":
            assert step.stage is not None
            return status is S.approved and (
                before.stage is None or STAGE_ORDER[step.stage] > STAGE_ORDER[before.stage]
            )
    raise AssertionError(step.name)


class Model:
    """What the registration's dates must be, from the moves that succeeded so far."""

    def __init__(self) -> None:
        self.approved_at: datetime | None = None
        self.expires_at: datetime | None = None
        self.decided_at: datetime | None = None
        self.extensions = 0

    def succeeded(self, step: Step, now: datetime) -> None:
        if step.name == "approve":
            self.approved_at = self.decided_at = now
            self.expires_at = now + timedelta(days=step.days)
        elif step.name == "reject":
            self.decided_at = now
        elif step.name == "extend":
            assert self.expires_at is not None
            self.expires_at += timedelta(days=step.days)
            self.extensions += 1


def check_step(
    registration: Registration, model: Model, step: Step, now: datetime
) -> Change | None:
    """Apply `step` and check every rule about what it did; the change, or None if refused."""
    before = snapshot(registration)
    expected = allowed(before, step, expire_at(registration, step, now))
    refusal: IllegalTransition | None = None
    try:
        change = apply(registration, step, now)
    except IllegalTransition as exc:
        refusal = exc
    if refusal is not None:
        assert not expected, f"{step} refused from {before}: {refusal}"
        assert isinstance(refusal, Conflict)
        assert (refusal.status, refusal.type) == (409, "illegal-transition")
        assert refusal.extra["registration_status"] == before.status.value
        assert snapshot(registration) == before, "a refused move changed the registration"
        check_state(registration, model)
        return None
    assert expected, f"{step} allowed from {before}"
    model.succeeded(step, now)
    after = snapshot(registration)
    assert before.status not in TERMINAL
    assert (change.from_status, change.to_status) == (before.status, after.status)
    assert (change.from_stage, change.to_stage) == (before.stage, after.stage)
    assert after.status is before.status or after.status in TRANSITIONS[before.status]
    assert change.event == f"registration.{change.action}"
    if before.stage is not None:
        assert after.stage is not None
        assert STAGE_ORDER[after.stage] >= STAGE_ORDER[before.stage]
    if before.expires_at is not None:
        assert after.expires_at is not None
        assert after.expires_at >= before.expires_at
    assert after.extensions_granted >= before.extensions_granted
    check_state(registration, model)
    return change


def check_state(registration: Registration, model: Model) -> None:
    """What holds of a registration at every moment, whatever happened to it."""
    status, stage = registration.status, registration.stage
    assert (registration.approved_at, registration.expires_at) == (
        model.approved_at,
        model.expires_at,
    )
    assert registration.decided_at == model.decided_at
    assert registration.extensions_granted == model.extensions
    approved = model.approved_at is not None
    assert approved == (status in PROTECTED)
    assert (registration.approved_at is not None) == approved
    assert (registration.expires_at is not None) == approved
    assert stage is None or approved
    assert (status is S.won) == (stage is SalesStage.closed_won)
    assert (status is S.lost) == (stage is SalesStage.closed_lost)


STEPS: st.SearchStrategy[Step] = st.one_of(
    st.sampled_from(
        ["start_review", "reject", "request_info", "resubmit", "withdraw", "cancel"]
    ).map(Step),
    st.builds(Step, name=st.just("approve"), days=st.integers(1, 400)),
    st.builds(Step, name=st.just("extend"), days=st.integers(1, 365)),
    st.builds(Step, name=st.just("report_stage"), stage=st.sampled_from(SalesStage)),
    st.builds(
        Step,
        name=st.just("expire"),
        offset=st.one_of(
            st.just(timedelta(0)),
            st.sampled_from([timedelta(microseconds=-1), timedelta(microseconds=1)]),
            st.timedeltas(min_value=timedelta(days=-500), max_value=timedelta(days=500)),
        ),
    ),
)


@settings(max_examples=400)
@given(
    steps=st.lists(st.tuples(STEPS, st.integers(0, 30 * 24)), max_size=25),
)
def test_any_sequence_of_moves_keeps_the_rules(steps: list[tuple[Step, int]]) -> None:
    registration, model, now = new_registration(), Model(), T0
    check_state(registration, model)
    terminal_at: Snapshot | None = None
    for step, hours_later in steps:
        now += timedelta(hours=hours_later)
        change = check_step(registration, model, step, now)
        if terminal_at is not None:
            assert change is None
            assert snapshot(registration) == terminal_at
        elif registration.status in TERMINAL:
            terminal_at = snapshot(registration)


class RegistrationMachine(RuleBasedStateMachine):
    """The same rules, with hypothesis choosing moves from where the registration is."""

    def __init__(self) -> None:
        super().__init__()
        self.registration = new_registration()
        self.model = Model()
        self.now = T0

    def step(self, step: Step) -> None:
        check_step(self.registration, self.model, step, self.now)

    @rule(hours=st.integers(0, 24 * 400))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule(name=st.sampled_from(["start_review", "request_info", "resubmit", "withdraw"]))
    def undecided_move(self, name: str) -> None:
        self.step(Step(name))

    @rule(days=st.integers(1, 400))
    def approve(self, days: int) -> None:
        self.step(Step("approve", days=days))

    @rule()
    def reject(self) -> None:
        self.step(Step("reject"))

    @rule()
    def cancel(self) -> None:
        self.step(Step("cancel"))

    @rule(stage=st.sampled_from(SalesStage))
    def report_stage(self, stage: SalesStage) -> None:
        self.step(Step("report_stage", stage=stage))

    @rule(days=st.integers(1, 365))
    def extend(self, days: int) -> None:
        self.step(Step("extend", days=days))

    @precondition(lambda self: self.registration.expires_at is not None)
    @rule(offset=st.timedeltas(min_value=timedelta(days=-30), max_value=timedelta(days=30)))
    def expire(self, offset: timedelta) -> None:
        self.step(Step("expire", offset=offset))

    @invariant()
    def terminal_is_final(self) -> None:
        if self.registration.status in TERMINAL:
            frozen = snapshot(self.registration)
            for name in ("start_review", "approve", "withdraw", "cancel", "extend", "expire"):
                probe = Step(name, days=1, offset=timedelta(days=10_000))
                with pytest.raises(IllegalTransition):
                    apply(self.registration, probe, self.now + timedelta(days=10_000))
                assert snapshot(self.registration) == frozen


TestRegistrationMachine = RegistrationMachine.TestCase
TestRegistrationMachine.settings = settings(max_examples=200, stateful_step_count=30)


# --- examples ----------------------------------------------------------------------------------


def approved(days: int = 90) -> Registration:
    registration = new_registration()
    states.approve(registration, at=T0, protection_days=days)
    return registration


def test_the_transition_table_covers_every_status_and_ends_in_the_terminal_ones() -> None:
    assert set(TRANSITIONS) == set(S)
    assert {status for status, targets in TRANSITIONS.items() if not targets} == TERMINAL
    for targets in TRANSITIONS.values():
        assert targets <= set(S)


def test_every_status_is_reachable_through_the_moves() -> None:
    reached: set[S] = set()
    paths: list[list[Step]] = [
        [],
        [Step("start_review")],
        [Step("request_info")],
        [Step("approve", days=30)],
        [Step("reject")],
        [Step("withdraw")],
        [Step("approve", days=30), Step("report_stage", stage=SalesStage.closed_won)],
        [Step("approve", days=30), Step("report_stage", stage=SalesStage.closed_lost)],
        [Step("approve", days=30), Step("expire", offset=timedelta(0))],
        [Step("approve", days=30), Step("cancel")],
    ]
    for path in paths:
        registration, model = new_registration(), Model()
        for step in path:
            assert check_step(registration, model, step, T0) is not None
        reached.add(registration.status)
    assert reached == set(S)


def test_approval_starts_the_protection_and_records_the_decision() -> None:
    registration = new_registration()
    states.start_review(registration)
    change = states.approve(registration, at=T0, protection_days=90, reason="fine")
    assert change == Change(
        action="approved",
        event="registration.approved",
        from_status=S.in_review,
        to_status=S.approved,
        reason="fine",
    )
    assert registration.status is S.approved
    assert registration.approved_at == registration.decided_at == T0
    assert registration.expires_at == T0 + timedelta(days=90)


def test_rejection_decides_without_protection() -> None:
    registration = new_registration()
    change = states.reject(registration, at=T0, reason="already registered")
    assert (change.action, change.to_status, change.reason) == (
        "rejected",
        S.rejected,
        "already registered",
    )
    assert registration.decided_at == T0
    assert registration.approved_at is None
    assert registration.expires_at is None


def test_info_requested_goes_back_to_review_when_the_partner_resubmits() -> None:
    registration = new_registration()
    states.request_info(registration, question="which site?")
    with pytest.raises(IllegalTransition):
        states.approve(registration, at=T0, protection_days=90)
    change = states.resubmit(registration, note="the Boston one")
    assert (change.from_status, change.to_status) == (S.info_requested, S.in_review)
    assert registration.status is S.in_review


def test_only_a_registration_asked_for_information_can_be_resubmitted() -> None:
    # The partner resubmits an answer to the vendor's question; with no question asked there is
    # nothing to resubmit, and the partner must not be able to put its own registration in review.
    registration = new_registration()
    with pytest.raises(IllegalTransition):
        states.resubmit(registration, note="unasked")
    assert registration.status is S.submitted


def test_a_registration_waiting_for_the_partners_answer_cannot_be_taken_into_review() -> None:
    # info_requested → in_review is the partner's resubmission, not the vendor's start_review.
    registration = new_registration()
    states.request_info(registration, question="which site?")
    with pytest.raises(IllegalTransition):
        states.start_review(registration)
    assert registration.status is S.info_requested


@pytest.mark.parametrize("status", [S.submitted, S.in_review, S.info_requested])
def test_a_registration_can_be_withdrawn_before_the_decision(status: S) -> None:
    registration = new_registration()
    registration.status = status
    change = states.withdraw(registration, reason="lost interest")
    assert (change.from_status, change.to_status, change.action) == (
        status,
        S.withdrawn,
        "withdrawn",
    )


def test_an_approved_registration_cannot_be_withdrawn() -> None:
    registration = approved()
    with pytest.raises(IllegalTransition) as refused:
        states.withdraw(registration, reason=None)
    assert refused.value.status == 409
    assert refused.value.type == "illegal-transition"
    assert refused.value.extra == {"registration_status": "approved"}
    assert registration.status is S.approved


def test_a_registration_expires_at_the_instant_its_protection_ends_and_not_before() -> None:
    registration = approved(days=30)
    end = T0 + timedelta(days=30)
    with pytest.raises(IllegalTransition):
        states.expire(registration, at=end - timedelta(microseconds=1))
    assert registration.status is S.approved
    change = states.expire(registration, at=end)
    assert (change.action, change.event, change.to_status) == (
        "expired",
        "registration.expired",
        S.expired,
    )
    assert registration.expires_at == end


def test_an_unapproved_registration_cannot_expire() -> None:
    registration = new_registration()
    with pytest.raises(IllegalTransition):
        states.expire(registration, at=T0 + timedelta(days=10_000))
    assert registration.status is S.submitted


def test_the_stage_moves_forward_and_a_closed_stage_closes_the_registration() -> None:
    registration = approved()
    first = states.report_stage(registration, SalesStage.qualified, note=None)
    assert (first.action, first.from_stage, first.to_stage, first.to_status) == (
        "stage_changed",
        None,
        SalesStage.qualified,
        S.approved,
    )
    states.report_stage(registration, SalesStage.negotiation, note=None)
    for backwards in (SalesStage.negotiation, SalesStage.proposal, SalesStage.qualified):
        with pytest.raises(IllegalTransition) as refused:
            states.report_stage(registration, backwards, note=None)
        assert refused.value.extra == {
            "registration_status": "approved",
            "registration_stage": "negotiation",
        }
    won = states.report_stage(registration, SalesStage.closed_won, note="signed")
    assert (won.action, won.event, won.from_status, won.to_status) == (
        "won",
        "registration.won",
        S.approved,
        S.won,
    )
    assert (won.from_stage, won.to_stage, won.reason) == (
        SalesStage.negotiation,
        SalesStage.closed_won,
        "signed",
    )
    assert registration.stage is SalesStage.closed_won
    with pytest.raises(IllegalTransition):
        states.report_stage(registration, SalesStage.closed_lost, note=None)


def test_a_lost_sale_closes_the_registration_as_lost() -> None:
    registration = approved()
    change = states.report_stage(registration, SalesStage.closed_lost, note=None)
    assert (change.to_status, registration.status, registration.stage) == (
        S.lost,
        S.lost,
        SalesStage.closed_lost,
    )


def test_an_unapproved_registration_has_no_stage_to_report() -> None:
    registration = new_registration()
    with pytest.raises(IllegalTransition):
        states.report_stage(registration, SalesStage.qualified, note=None)
    assert registration.stage is None


def test_an_extension_lengthens_the_protection_and_counts() -> None:
    registration = approved(days=90)
    change = states.extend(registration, days=30, reason="long procurement")
    assert (change.action, change.from_status, change.to_status) == (
        "extension_granted",
        S.approved,
        S.approved,
    )
    assert registration.expires_at == T0 + timedelta(days=120)
    assert registration.extensions_granted == 1


@pytest.mark.parametrize("status", sorted(set(S) - {S.approved}))
def test_only_an_approved_registration_is_protected(status: S) -> None:
    registration = approved()
    registration.status = status
    with pytest.raises(IllegalTransition):
        states.require_protected(registration)
    with pytest.raises(IllegalTransition):
        states.extend(registration, days=30, reason=None)
    assert registration.expires_at == T0 + timedelta(days=90)
    assert registration.extensions_granted == 0


def test_an_unchanged_happening_keeps_status_and_stage() -> None:
    registration = approved()
    registration.stage = SalesStage.proposal
    change = states.unchanged(registration, action="extension_requested", reason="why")
    assert change == Change(
        action="extension_requested",
        event="registration.extension_requested",
        from_status=S.approved,
        to_status=S.approved,
        from_stage=SalesStage.proposal,
        to_stage=SalesStage.proposal,
        reason="why",
    )
