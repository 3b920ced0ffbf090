from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.motion import Motion
from ..models.revenue_band import RevenueBand
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SegmentThreshold")



@_attrs_define
class SegmentThreshold:
    """ 
        Attributes:
            motion (Motion):
            min_employees (int | None | Unset):
            min_revenue_band (None | RevenueBand | Unset):
     """

    motion: Motion
    min_employees: int | None | Unset = UNSET
    min_revenue_band: None | RevenueBand | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        motion = self.motion.value

        min_employees: int | None | Unset
        if isinstance(self.min_employees, Unset):
            min_employees = UNSET
        else:
            min_employees = self.min_employees

        min_revenue_band: None | str | Unset
        if isinstance(self.min_revenue_band, Unset):
            min_revenue_band = UNSET
        elif isinstance(self.min_revenue_band, RevenueBand):
            min_revenue_band = self.min_revenue_band.value
        else:
            min_revenue_band = self.min_revenue_band


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "motion": motion,
        })
        if min_employees is not UNSET:
            field_dict["min_employees"] = min_employees
        if min_revenue_band is not UNSET:
            field_dict["min_revenue_band"] = min_revenue_band

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        motion = Motion(d.pop("motion"))




        def _parse_min_employees(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_employees = _parse_min_employees(d.pop("min_employees", UNSET))


        def _parse_min_revenue_band(data: object) -> None | RevenueBand | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                min_revenue_band_type_0 = RevenueBand(data)



                return min_revenue_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RevenueBand | Unset, data)

        min_revenue_band = _parse_min_revenue_band(d.pop("min_revenue_band", UNSET))


        segment_threshold = cls(
            motion=motion,
            min_employees=min_employees,
            min_revenue_band=min_revenue_band,
        )


        segment_threshold.additional_properties = d
        return segment_threshold

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
