from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.deal_out import DealOut
  from ..models.lead_out import LeadOut





T = TypeVar("T", bound="ConversionResult")



@_attrs_define
class ConversionResult:
    """ 
        Attributes:
            deal (DealOut):
            lead (LeadOut):
     """

    deal: DealOut
    lead: LeadOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.deal_out import DealOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        deal = self.deal.to_dict()

        lead = self.lead.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "deal": deal,
            "lead": lead,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_out import DealOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        d = dict(src_dict)
        deal = DealOut.from_dict(d.pop("deal"))




        lead = LeadOut.from_dict(d.pop("lead"))




        conversion_result = cls(
            deal=deal,
            lead=lead,
        )


        conversion_result.additional_properties = d
        return conversion_result

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
