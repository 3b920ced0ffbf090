from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WeekShare")



@_attrs_define
class WeekShare:
    """ 
        Attributes:
            decided (int): Of them, approved or rejected.
            decided_within_target (float | None): Share (0 to 1) of the decided ones decided within their target in business
                time; null when none is decided.
            week (datetime.date): The week's Monday (UTC): registrations submitted that week.
     """

    decided: int
    decided_within_target: float | None
    week: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        decided = self.decided

        decided_within_target: float | None
        decided_within_target = self.decided_within_target

        week = self.week.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "decided": decided,
            "decided_within_target": decided_within_target,
            "week": week,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided = d.pop("decided")

        def _parse_decided_within_target(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        decided_within_target = _parse_decided_within_target(d.pop("decided_within_target"))


        week = datetime.date.fromisoformat(d.pop("week"))




        week_share = cls(
            decided=decided,
            decided_within_target=decided_within_target,
            week=week,
        )


        week_share.additional_properties = d
        return week_share

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
