from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.disposition_out import DispositionOut
  from ..models.lead_out import LeadOut





T = TypeVar("T", bound="DispositionResult")



@_attrs_define
class DispositionResult:
    """ 
        Attributes:
            disposition (DispositionOut):
            lead (LeadOut):
     """

    disposition: DispositionOut
    lead: LeadOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.disposition_out import DispositionOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        disposition = self.disposition.to_dict()

        lead = self.lead.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "disposition": disposition,
            "lead": lead,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.disposition_out import DispositionOut # noqa: PLC0415
        from ..models.lead_out import LeadOut # noqa: PLC0415
        d = dict(src_dict)
        disposition = DispositionOut.from_dict(d.pop("disposition"))




        lead = LeadOut.from_dict(d.pop("lead"))




        disposition_result = cls(
            disposition=disposition,
            lead=lead,
        )


        disposition_result.additional_properties = d
        return disposition_result

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
