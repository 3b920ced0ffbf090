from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.threshold import Threshold
from typing import cast
import datetime






T = TypeVar("T", bound="ThresholdOut")



@_attrs_define
class ThresholdOut:
    """ 
        Attributes:
            after_seconds (int): Business time on the clock at which it falls due, seconds.
            due_at (datetime.datetime | None): When it fell due (its true instant, across pauses), or falls due if the clock
                keeps running; null while paused (or stopped) short of it.
            fired_at (datetime.datetime | None): When the sweep fired it; null until then.
            threshold (Threshold): In the order they fire: half the target, the target, the hard limit.
     """

    after_seconds: int
    due_at: datetime.datetime | None
    fired_at: datetime.datetime | None
    threshold: Threshold
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        after_seconds = self.after_seconds

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        fired_at: None | str
        if isinstance(self.fired_at, datetime.datetime):
            fired_at = self.fired_at.isoformat()
        else:
            fired_at = self.fired_at

        threshold = self.threshold.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "after_seconds": after_seconds,
            "due_at": due_at,
            "fired_at": fired_at,
            "threshold": threshold,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        after_seconds = d.pop("after_seconds")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)



                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))


        def _parse_fired_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fired_at_type_0 = datetime.datetime.fromisoformat(data)



                return fired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fired_at = _parse_fired_at(d.pop("fired_at"))


        threshold = Threshold(d.pop("threshold"))




        threshold_out = cls(
            after_seconds=after_seconds,
            due_at=due_at,
            fired_at=fired_at,
            threshold=threshold,
        )


        threshold_out.additional_properties = d
        return threshold_out

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
