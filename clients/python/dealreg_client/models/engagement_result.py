from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.engagement_out import EngagementOut
  from ..models.lead_out import LeadOut





T = TypeVar("T", bound="EngagementResult")



@_attrs_define
class EngagementResult:
    """ 
        Attributes:
            added (list[EngagementOut]):
            lead (LeadOut):
     """

    added: list[EngagementOut]
    lead: LeadOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.engagement_out import EngagementOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        added = []
        for added_item_data in self.added:
            added_item = added_item_data.to_dict()
            added.append(added_item)



        lead = self.lead.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "added": added,
            "lead": lead,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.engagement_out import EngagementOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        d = dict(src_dict)
        added = []
        _added = d.pop("added")
        for added_item_data in (_added):
            added_item = EngagementOut.from_dict(added_item_data)



            added.append(added_item)


        lead = LeadOut.from_dict(d.pop("lead"))




        engagement_result = cls(
            added=added,
            lead=lead,
        )


        engagement_result.additional_properties = d
        return engagement_result

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
