from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PercentileError")



@_attrs_define
class PercentileError:
    """ 
        Attributes:
            approximate (bool): True: the report's percentiles (medians, 90th percentiles) are read from histograms, within
                the bounds below of the exact ones; counts and shares are exact. The report's `percentile_error` says when this
                is so.
            max_error_minutes (float): The absolute bound, in minutes (business minutes for business hours).
            max_relative_error (float): Each percentile is within this fraction of the exact one, or within
                `max_error_minutes`, whichever is larger.
     """

    approximate: bool
    max_error_minutes: float
    max_relative_error: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        approximate = self.approximate

        max_error_minutes = self.max_error_minutes

        max_relative_error = self.max_relative_error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "approximate": approximate,
            "max_error_minutes": max_error_minutes,
            "max_relative_error": max_relative_error,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        approximate = d.pop("approximate")

        max_error_minutes = d.pop("max_error_minutes")

        max_relative_error = d.pop("max_relative_error")

        percentile_error = cls(
            approximate=approximate,
            max_error_minutes=max_error_minutes,
            max_relative_error=max_relative_error,
        )


        percentile_error.additional_properties = d
        return percentile_error

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
