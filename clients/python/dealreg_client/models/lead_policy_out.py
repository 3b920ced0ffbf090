from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.lead_policy_out_points import LeadPolicyOutPoints





T = TypeVar("T", bound="LeadPolicyOut")



@_attrs_define
class LeadPolicyOut:
    """ 
        Attributes:
            accept_days (float):
            first_touch_days (float):
            forward_threshold (int):
            points (LeadPolicyOutPoints):
            vendor_id (UUID):
            version (int):
     """

    accept_days: float
    first_touch_days: float
    forward_threshold: int
    points: LeadPolicyOutPoints
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lead_policy_out_points import LeadPolicyOutPoints # noqa: PLC0415
        accept_days = self.accept_days

        first_touch_days = self.first_touch_days

        forward_threshold = self.forward_threshold

        points = self.points.to_dict()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accept_days": accept_days,
            "first_touch_days": first_touch_days,
            "forward_threshold": forward_threshold,
            "points": points,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lead_policy_out_points import LeadPolicyOutPoints # noqa: PLC0415
        d = dict(src_dict)
        accept_days = d.pop("accept_days")

        first_touch_days = d.pop("first_touch_days")

        forward_threshold = d.pop("forward_threshold")

        points = LeadPolicyOutPoints.from_dict(d.pop("points"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        lead_policy_out = cls(
            accept_days=accept_days,
            first_touch_days=first_touch_days,
            forward_threshold=forward_threshold,
            points=points,
            vendor_id=vendor_id,
            version=version,
        )


        lead_policy_out.additional_properties = d
        return lead_policy_out

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
