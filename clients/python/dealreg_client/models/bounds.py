from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Bounds")



@_attrs_define
class Bounds:
    """ 
        Attributes:
            max_reject_rate (float | Unset):  Default: 0.5.
            min_sample (int | Unset):  Default: 5.
            min_win_rate (float | Unset):  Default: 0.2.
     """

    max_reject_rate: float | Unset = 0.5
    min_sample: int | Unset = 5
    min_win_rate: float | Unset = 0.2
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_reject_rate = self.max_reject_rate

        min_sample = self.min_sample

        min_win_rate = self.min_win_rate


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if max_reject_rate is not UNSET:
            field_dict["max_reject_rate"] = max_reject_rate
        if min_sample is not UNSET:
            field_dict["min_sample"] = min_sample
        if min_win_rate is not UNSET:
            field_dict["min_win_rate"] = min_win_rate

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_reject_rate = d.pop("max_reject_rate", UNSET)

        min_sample = d.pop("min_sample", UNSET)

        min_win_rate = d.pop("min_win_rate", UNSET)

        bounds = cls(
            max_reject_rate=max_reject_rate,
            min_sample=min_sample,
            min_win_rate=min_win_rate,
        )


        bounds.additional_properties = d
        return bounds

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
