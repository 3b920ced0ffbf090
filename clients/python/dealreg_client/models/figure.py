from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Figure")



@_attrs_define
class Figure:
    """ 
        Attributes:
            change (float | None):
            previous (float | None):
            score (float):
            tier_average (float | None):
            vendor_average (float | None):
     """

    change: float | None
    previous: float | None
    score: float
    tier_average: float | None
    vendor_average: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        change: float | None
        change = self.change

        previous: float | None
        previous = self.previous

        score = self.score

        tier_average: float | None
        tier_average = self.tier_average

        vendor_average: float | None
        vendor_average = self.vendor_average


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "change": change,
            "previous": previous,
            "score": score,
            "tier_average": tier_average,
            "vendor_average": vendor_average,
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


        def _parse_previous(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        previous = _parse_previous(d.pop("previous"))


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


        figure = cls(
            change=change,
            previous=previous,
            score=score,
            tier_average=tier_average,
            vendor_average=vendor_average,
        )


        figure.additional_properties = d
        return figure

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
