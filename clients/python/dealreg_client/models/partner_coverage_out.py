from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.motion import Motion
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.segment_threshold import SegmentThreshold





T = TypeVar("T", bound="PartnerCoverageOut")



@_attrs_define
class PartnerCoverageOut:
    """ 
        Attributes:
            growth (SegmentThreshold):
            long_tail_motion (Motion):
            stored (bool):
            strategic (SegmentThreshold):
            vendor_id (UUID):
            version (int):
     """

    growth: SegmentThreshold
    long_tail_motion: Motion
    stored: bool
    strategic: SegmentThreshold
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_threshold import SegmentThreshold # noqa: PLC0415
        growth = self.growth.to_dict()

        long_tail_motion = self.long_tail_motion.value

        stored = self.stored

        strategic = self.strategic.to_dict()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "growth": growth,
            "long_tail_motion": long_tail_motion,
            "stored": stored,
            "strategic": strategic,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_threshold import SegmentThreshold # noqa: PLC0415
        d = dict(src_dict)
        growth = SegmentThreshold.from_dict(d.pop("growth"))




        long_tail_motion = Motion(d.pop("long_tail_motion"))




        stored = d.pop("stored")

        strategic = SegmentThreshold.from_dict(d.pop("strategic"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        partner_coverage_out = cls(
            growth=growth,
            long_tail_motion=long_tail_motion,
            stored=stored,
            strategic=strategic,
            vendor_id=vendor_id,
            version=version,
        )


        partner_coverage_out.additional_properties = d
        return partner_coverage_out

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
