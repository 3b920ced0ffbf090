from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.vendor_preview import VendorPreview





T = TypeVar("T", bound="Preview")



@_attrs_define
class Preview:
    """ 
        Attributes:
            rep_id (UUID):
            vendors (list[VendorPreview]):
     """

    rep_id: UUID
    vendors: list[VendorPreview]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.vendor_preview import VendorPreview # noqa: PLC0415
        rep_id = str(self.rep_id)

        vendors = []
        for vendors_item_data in self.vendors:
            vendors_item = vendors_item_data.to_dict()
            vendors.append(vendors_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "rep_id": rep_id,
            "vendors": vendors,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_preview import VendorPreview # noqa: PLC0415
        d = dict(src_dict)
        rep_id = UUID(d.pop("rep_id"))




        vendors = []
        _vendors = d.pop("vendors")
        for vendors_item_data in (_vendors):
            vendors_item = VendorPreview.from_dict(vendors_item_data)



            vendors.append(vendors_item)


        preview = cls(
            rep_id=rep_id,
            vendors=vendors,
        )


        preview.additional_properties = d
        return preview

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
