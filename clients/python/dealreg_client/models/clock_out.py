from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.clock_state import ClockState
from ..models.sla_state import SlaState
from ..models.threshold import Threshold
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.calendar_out import CalendarOut
  from ..models.firing_out import FiringOut
  from ..models.pause import Pause
  from ..models.threshold_out import ThresholdOut





T = TypeVar("T", bound="ClockOut")



@_attrs_define
class ClockOut:
    """ 
        Attributes:
            as_of (datetime.datetime): The instant the elapsed business time is counted to.
            calendar (CalendarOut): The calendar the clock runs on: the policy copied when it started (today's policy may
                differ).
            elapsed_microseconds (int): Business time run by `as_of`, to the microsecond.
            elapsed_seconds (int): Business time run by `as_of`, in whole seconds.
            fired (list[FiringOut]): The thresholds fired so far, in order.
            hard_limit_at (datetime.datetime | None): The same, for the hard limit.
            hard_limit_seconds (int): The hard limit, in business seconds.
            next_due_at (datetime.datetime | None): When the next threshold is due; null while paused or stopped.
            next_threshold (None | Threshold): The next threshold to fire; null when all have, or stopped.
            paused (list[Pause]): Each wait on the partner, in order; the clock stood still.
            registration_id (UUID): The registration timed.
            started_at (datetime.datetime): When the clock started: the submission.
            state (ClockState): `running`; `paused` while waiting on the partner; `stopped` at a decision or a withdrawal.
            stopped_at (datetime.datetime | None): When it stopped (decided or withdrawn); null while open.
            summary_state (SlaState): Where the clock stands: `on_track`, `reminded` (half the target run), `at_risk` (past
                the target), `breached` (past the hard limit), `paused` (waiting on the partner) or `stopped` (decided or
                withdrawn).
            target_at (datetime.datetime | None): When the target fell (its true instant, across pauses) or falls if the
                clock keeps running; null while paused or stopped short of it.
            target_seconds (int): The approval target, in business seconds.
            thresholds (list[ThresholdOut]): Reminder, at risk and breached, in order, each with its instant.
     """

    as_of: datetime.datetime
    calendar: CalendarOut
    elapsed_microseconds: int
    elapsed_seconds: int
    fired: list[FiringOut]
    hard_limit_at: datetime.datetime | None
    hard_limit_seconds: int
    next_due_at: datetime.datetime | None
    next_threshold: None | Threshold
    paused: list[Pause]
    registration_id: UUID
    started_at: datetime.datetime
    state: ClockState
    stopped_at: datetime.datetime | None
    summary_state: SlaState
    target_at: datetime.datetime | None
    target_seconds: int
    thresholds: list[ThresholdOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.calendar_out import CalendarOut # noqa: PLC0415
        from ..models.firing_out import FiringOut # noqa: PLC0415
        from ..models.pause import Pause # noqa: PLC0415
        from ..models.threshold_out import ThresholdOut # noqa: PLC0415
        as_of = self.as_of.isoformat()

        calendar = self.calendar.to_dict()

        elapsed_microseconds = self.elapsed_microseconds

        elapsed_seconds = self.elapsed_seconds

        fired = []
        for fired_item_data in self.fired:
            fired_item = fired_item_data.to_dict()
            fired.append(fired_item)



        hard_limit_at: None | str
        if isinstance(self.hard_limit_at, datetime.datetime):
            hard_limit_at = self.hard_limit_at.isoformat()
        else:
            hard_limit_at = self.hard_limit_at

        hard_limit_seconds = self.hard_limit_seconds

        next_due_at: None | str
        if isinstance(self.next_due_at, datetime.datetime):
            next_due_at = self.next_due_at.isoformat()
        else:
            next_due_at = self.next_due_at

        next_threshold: None | str
        if isinstance(self.next_threshold, Threshold):
            next_threshold = self.next_threshold.value
        else:
            next_threshold = self.next_threshold

        paused = []
        for paused_item_data in self.paused:
            paused_item = paused_item_data.to_dict()
            paused.append(paused_item)



        registration_id = str(self.registration_id)

        started_at = self.started_at.isoformat()

        state = self.state.value

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        summary_state = self.summary_state.value

        target_at: None | str
        if isinstance(self.target_at, datetime.datetime):
            target_at = self.target_at.isoformat()
        else:
            target_at = self.target_at

        target_seconds = self.target_seconds

        thresholds = []
        for thresholds_item_data in self.thresholds:
            thresholds_item = thresholds_item_data.to_dict()
            thresholds.append(thresholds_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "calendar": calendar,
            "elapsed_microseconds": elapsed_microseconds,
            "elapsed_seconds": elapsed_seconds,
            "fired": fired,
            "hard_limit_at": hard_limit_at,
            "hard_limit_seconds": hard_limit_seconds,
            "next_due_at": next_due_at,
            "next_threshold": next_threshold,
            "paused": paused,
            "registration_id": registration_id,
            "started_at": started_at,
            "state": state,
            "stopped_at": stopped_at,
            "summary_state": summary_state,
            "target_at": target_at,
            "target_seconds": target_seconds,
            "thresholds": thresholds,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_out import CalendarOut # noqa: PLC0415
        from ..models.firing_out import FiringOut # noqa: PLC0415
        from ..models.pause import Pause # noqa: PLC0415
        from ..models.threshold_out import ThresholdOut # noqa: PLC0415
        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        calendar = CalendarOut.from_dict(d.pop("calendar"))




        elapsed_microseconds = d.pop("elapsed_microseconds")

        elapsed_seconds = d.pop("elapsed_seconds")

        fired = []
        _fired = d.pop("fired")
        for fired_item_data in (_fired):
            fired_item = FiringOut.from_dict(fired_item_data)



            fired.append(fired_item)


        def _parse_hard_limit_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hard_limit_at_type_0 = datetime.datetime.fromisoformat(data)



                return hard_limit_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hard_limit_at = _parse_hard_limit_at(d.pop("hard_limit_at"))


        hard_limit_seconds = d.pop("hard_limit_seconds")

        def _parse_next_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_due_at_type_0 = datetime.datetime.fromisoformat(data)



                return next_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_due_at = _parse_next_due_at(d.pop("next_due_at"))


        def _parse_next_threshold(data: object) -> None | Threshold:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_threshold_type_0 = Threshold(data)



                return next_threshold_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Threshold, data)

        next_threshold = _parse_next_threshold(d.pop("next_threshold"))


        paused = []
        _paused = d.pop("paused")
        for paused_item_data in (_paused):
            paused_item = Pause.from_dict(paused_item_data)



            paused.append(paused_item)


        registration_id = UUID(d.pop("registration_id"))




        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))




        state = ClockState(d.pop("state"))




        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)



                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))


        summary_state = SlaState(d.pop("summary_state"))




        def _parse_target_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_at_type_0 = datetime.datetime.fromisoformat(data)



                return target_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        target_at = _parse_target_at(d.pop("target_at"))


        target_seconds = d.pop("target_seconds")

        thresholds = []
        _thresholds = d.pop("thresholds")
        for thresholds_item_data in (_thresholds):
            thresholds_item = ThresholdOut.from_dict(thresholds_item_data)



            thresholds.append(thresholds_item)


        clock_out = cls(
            as_of=as_of,
            calendar=calendar,
            elapsed_microseconds=elapsed_microseconds,
            elapsed_seconds=elapsed_seconds,
            fired=fired,
            hard_limit_at=hard_limit_at,
            hard_limit_seconds=hard_limit_seconds,
            next_due_at=next_due_at,
            next_threshold=next_threshold,
            paused=paused,
            registration_id=registration_id,
            started_at=started_at,
            state=state,
            stopped_at=stopped_at,
            summary_state=summary_state,
            target_at=target_at,
            target_seconds=target_seconds,
            thresholds=thresholds,
        )


        clock_out.additional_properties = d
        return clock_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
