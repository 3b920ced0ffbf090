from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.motion import Motion
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.segment_threshold import SegmentThreshold





T = TypeVar("T", bound="Coverage")



@_attrs_define
class Coverage:
    """ 
        Attributes:
            growth (SegmentThreshold | Unset):
            long_tail_motion (Motion | Unset):
            strategic (SegmentThreshold | Unset):
     """

    growth: SegmentThreshold | Unset = UNSET
    long_tail_motion: Motion | Unset = UNSET
    strategic: SegmentThreshold | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_threshold import SegmentThreshold # noqa: PLC0415
        growth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.growth, Unset):
            growth = self.growth.to_dict()

        long_tail_motion: str | Unset = UNSET
        if not isinstance(self.long_tail_motion, Unset):
            long_tail_motion = self.long_tail_motion.value


        strategic: dict[str, Any] | Unset = UNSET
        if not isinstance(self.strategic, Unset):
            strategic = self.strategic.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if growth is not UNSET:
            field_dict["growth"] = growth
        if long_tail_motion is not UNSET:
            field_dict["long_tail_motion"] = long_tail_motion
        if strategic is not UNSET:
            field_dict["strategic"] = strategic

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_threshold import SegmentThreshold # noqa: PLC0415
        d = dict(src_dict)
        _growth = d.pop("growth", UNSET)
        growth: SegmentThreshold | Unset
        if isinstance(_growth,  Unset):
            growth = UNSET
        else:
            growth = SegmentThreshold.from_dict(_growth)




        _long_tail_motion = d.pop("long_tail_motion", UNSET)
        long_tail_motion: Motion | Unset
        if isinstance(_long_tail_motion,  Unset):
            long_tail_motion = UNSET
        else:
            long_tail_motion = Motion(_long_tail_motion)




        _strategic = d.pop("strategic", UNSET)
        strategic: SegmentThreshold | Unset
        if isinstance(_strategic,  Unset):
            strategic = UNSET
        else:
            strategic = SegmentThreshold.from_dict(_strategic)




        coverage = cls(
            growth=growth,
            long_tail_motion=long_tail_motion,
            strategic=strategic,
        )


        coverage.additional_properties = d
        return coverage

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
