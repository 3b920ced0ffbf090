from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.partner_engagement_input import PartnerEngagementInput





T = TypeVar("T", bound="PartnerEngagements")



@_attrs_define
class PartnerEngagements:
    """ 
        Attributes:
            engagements (list[PartnerEngagementInput]):
     """

    engagements: list[PartnerEngagementInput]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_engagement_input import PartnerEngagementInput # noqa: PLC0415
        engagements = []
        for engagements_item_data in self.engagements:
            engagements_item = engagements_item_data.to_dict()
            engagements.append(engagements_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "engagements": engagements,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partner_engagement_input import PartnerEngagementInput # noqa: PLC0415
        d = dict(src_dict)
        engagements = []
        _engagements = d.pop("engagements")
        for engagements_item_data in (_engagements):
            engagements_item = PartnerEngagementInput.from_dict(engagements_item_data)



            engagements.append(engagements_item)


        partner_engagements = cls(
            engagements=engagements,
        )


        partner_engagements.additional_properties = d
        return partner_engagements

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
