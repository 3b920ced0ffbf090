from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.capability_group import CapabilityGroup
from typing import cast






T = TypeVar("T", bound="AttributeFigure")



@_attrs_define
class AttributeFigure:
    """ 
        Attributes:
            change (float | None):
            goal (int | None):
            goal_met (bool | None):
            group (CapabilityGroup):
            key (str):
            name (str):
            previous (float | None):
            previous_goal (int | None):
            score (float):
            tier_average (float | None):
            vendor_average (float | None):
            weight (int):
     """

    change: float | None
    goal: int | None
    goal_met: bool | None
    group: CapabilityGroup
    key: str
    name: str
    previous: float | None
    previous_goal: int | None
    score: float
    tier_average: float | None
    vendor_average: float | None
    weight: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        change: float | None
        change = self.change

        goal: int | None
        goal = self.goal

        goal_met: bool | None
        goal_met = self.goal_met

        group = self.group.value

        key = self.key

        name = self.name

        previous: float | None
        previous = self.previous

        previous_goal: int | None
        previous_goal = self.previous_goal

        score = self.score

        tier_average: float | None
        tier_average = self.tier_average

        vendor_average: float | None
        vendor_average = self.vendor_average

        weight = self.weight


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "change": change,
            "goal": goal,
            "goal_met": goal_met,
            "group": group,
            "key": key,
            "name": name,
            "previous": previous,
            "previous_goal": previous_goal,
            "score": score,
            "tier_average": tier_average,
            "vendor_average": vendor_average,
            "weight": weight,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_change(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        change = _parse_change(d.pop("change"))


        def _parse_goal(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        goal = _parse_goal(d.pop("goal"))


        def _parse_goal_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        goal_met = _parse_goal_met(d.pop("goal_met"))


        group = CapabilityGroup(d.pop("group"))




        key = d.pop("key")

        name = d.pop("name")

        def _parse_previous(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        previous = _parse_previous(d.pop("previous"))


        def _parse_previous_goal(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        previous_goal = _parse_previous_goal(d.pop("previous_goal"))


        score = d.pop("score")

        def _parse_tier_average(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        tier_average = _parse_tier_average(d.pop("tier_average"))


        def _parse_vendor_average(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        vendor_average = _parse_vendor_average(d.pop("vendor_average"))


        weight = d.pop("weight")

        attribute_figure = cls(
            change=change,
            goal=goal,
            goal_met=goal_met,
            group=group,
            key=key,
            name=name,
            previous=previous,
            previous_goal=previous_goal,
            score=score,
            tier_average=tier_average,
            vendor_average=vendor_average,
            weight=weight,
        )


        attribute_figure.additional_properties = d
        return attribute_figure

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
