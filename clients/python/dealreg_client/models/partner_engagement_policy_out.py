from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.partner_engagement_policy_out_points import PartnerEngagementPolicyOutPoints





T = TypeVar("T", bound="PartnerEngagementPolicyOut")



@_attrs_define
class PartnerEngagementPolicyOut:
    """ 
        Attributes:
            decay_days (int):
            points (PartnerEngagementPolicyOutPoints):
            share_score_with_partners (bool):
            stored (bool):
            threshold (int):
            vendor_id (UUID):
            version (int):
     """

    decay_days: int
    points: PartnerEngagementPolicyOutPoints
    share_score_with_partners: bool
    stored: bool
    threshold: int
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_engagement_policy_out_points import PartnerEngagementPolicyOutPoints # noqa: PLC0415
        decay_days = self.decay_days

        points = self.points.to_dict()

        share_score_with_partners = self.share_score_with_partners

        stored = self.stored

        threshold = self.threshold

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "decay_days": decay_days,
            "points": points,
            "share_score_with_partners": share_score_with_partners,
            "stored": stored,
            "threshold": threshold,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partner_engagement_policy_out_points import PartnerEngagementPolicyOutPoints # noqa: PLC0415
        d = dict(src_dict)
        decay_days = d.pop("decay_days")

        points = PartnerEngagementPolicyOutPoints.from_dict(d.pop("points"))




        share_score_with_partners = d.pop("share_score_with_partners")

        stored = d.pop("stored")

        threshold = d.pop("threshold")

        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        partner_engagement_policy_out = cls(
            decay_days=decay_days,
            points=points,
            share_score_with_partners=share_score_with_partners,
            stored=stored,
            threshold=threshold,
            vendor_id=vendor_id,
            version=version,
        )


        partner_engagement_policy_out.additional_properties = d
        return partner_engagement_policy_out

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
