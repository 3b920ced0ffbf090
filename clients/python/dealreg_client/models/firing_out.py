from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.threshold import Threshold
from typing import cast
import datetime






T = TypeVar("T", bound="FiringOut")



@_attrs_define
class FiringOut:
    """ 
        Attributes:
            due_at (datetime.datetime): When it fell due, on the clock's business time.
            fired_at (datetime.datetime): When the sweep fired it (at or after `due_at`), once.
            threshold (Threshold): In the order they fire: half the target, the target, the hard limit.
     """

    due_at: datetime.datetime
    fired_at: datetime.datetime
    threshold: Threshold
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        due_at = self.due_at.isoformat()

        fired_at = self.fired_at.isoformat()

        threshold = self.threshold.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "due_at": due_at,
            "fired_at": fired_at,
            "threshold": threshold,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        fired_at = datetime.datetime.fromisoformat(d.pop("fired_at"))




        threshold = Threshold(d.pop("threshold"))




        firing_out = cls(
            due_at=due_at,
            fired_at=fired_at,
            threshold=threshold,
        )


        firing_out.additional_properties = d
        return firing_out

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
