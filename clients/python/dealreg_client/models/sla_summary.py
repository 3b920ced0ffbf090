from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sla_state import SlaState
from ..models.threshold import Threshold
from typing import cast
import datetime






T = TypeVar("T", bound="SlaSummary")



@_attrs_define
class SlaSummary:
    """ 
        Attributes:
            elapsed_seconds (int): Business time run so far (time waiting on the partner not counted), seconds.
            hard_limit_at (datetime.datetime | None): The same, for the hard limit.
            next_due_at (datetime.datetime | None): When the next threshold is due; null while paused or stopped.
            next_threshold (None | Threshold): The next threshold to fire; null when all have, or stopped.
            state (SlaState): Where the clock stands: `on_track`, `reminded` (half the target run), `at_risk` (past the
                target), `breached` (past the hard limit), `paused` (waiting on the partner) or `stopped` (decided or
                withdrawn).
            target_at (datetime.datetime | None): When the approval target fell (its true instant, across pauses) or falls
                if the clock keeps running; null while paused or stopped short of it.
     """

    elapsed_seconds: int
    hard_limit_at: datetime.datetime | None
    next_due_at: datetime.datetime | None
    next_threshold: None | Threshold
    state: SlaState
    target_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        elapsed_seconds = self.elapsed_seconds

        hard_limit_at: None | str
        if isinstance(self.hard_limit_at, datetime.datetime):
            hard_limit_at = self.hard_limit_at.isoformat()
        else:
            hard_limit_at = self.hard_limit_at

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

        state = self.state.value

        target_at: None | str
        if isinstance(self.target_at, datetime.datetime):
            target_at = self.target_at.isoformat()
        else:
            target_at = self.target_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "elapsed_seconds": elapsed_seconds,
            "hard_limit_at": hard_limit_at,
            "next_due_at": next_due_at,
            "next_threshold": next_threshold,
            "state": state,
            "target_at": target_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        elapsed_seconds = d.pop("elapsed_seconds")

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


        state = SlaState(d.pop("state"))




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


        sla_summary = cls(
            elapsed_seconds=elapsed_seconds,
            hard_limit_at=hard_limit_at,
            next_due_at=next_due_at,
            next_threshold=next_threshold,
            state=state,
            target_at=target_at,
        )


        sla_summary.additional_properties = d
        return sla_summary

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
