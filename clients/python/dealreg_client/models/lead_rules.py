from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.lead_rules_points import LeadRulesPoints





T = TypeVar("T", bound="LeadRules")



@_attrs_define
class LeadRules:
    """ 
        Attributes:
            accept_days (float | Unset): Default when left out: `2.0`.
            first_touch_days (float | Unset): Default when left out: `3.0`.
            forward_threshold (int | Unset): Default when left out: `10`.
            points (LeadRulesPoints | Unset):
     """

    accept_days: float | Unset = UNSET
    first_touch_days: float | Unset = UNSET
    forward_threshold: int | Unset = UNSET
    points: LeadRulesPoints | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lead_rules_points import LeadRulesPoints # noqa: PLC0415
        accept_days = self.accept_days

        first_touch_days = self.first_touch_days

        forward_threshold = self.forward_threshold

        points: dict[str, Any] | Unset = UNSET
        if not isinstance(self.points, Unset):
            points = self.points.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if accept_days is not UNSET:
            field_dict["accept_days"] = accept_days
        if first_touch_days is not UNSET:
            field_dict["first_touch_days"] = first_touch_days
        if forward_threshold is not UNSET:
            field_dict["forward_threshold"] = forward_threshold
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lead_rules_points import LeadRulesPoints # noqa: PLC0415
        d = dict(src_dict)
        accept_days = d.pop("accept_days", UNSET)

        first_touch_days = d.pop("first_touch_days", UNSET)

        forward_threshold = d.pop("forward_threshold", UNSET)

        _points = d.pop("points", UNSET)
        points: LeadRulesPoints | Unset
        if isinstance(_points,  Unset):
            points = UNSET
        else:
            points = LeadRulesPoints.from_dict(_points)




        lead_rules = cls(
            accept_days=accept_days,
            first_touch_days=first_touch_days,
            forward_threshold=forward_threshold,
            points=points,
        )


        lead_rules.additional_properties = d
        return lead_rules

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
