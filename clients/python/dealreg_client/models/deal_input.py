from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.customer import Customer
  from ..models.line_input import LineInput
  from ..models.opportunity_input import OpportunityInput
  from ..models.vendor_input import VendorInput





T = TypeVar("T", bound="DealInput")



@_attrs_define
class DealInput:
    """ 
        Attributes:
            contact (Contact):
            customer (Customer):
            lines (list[LineInput]):
            opportunity (OpportunityInput):
            rep_id (None | Unset | UUID):
            vendors (list[VendorInput] | Unset):
     """

    contact: Contact
    customer: Customer
    lines: list[LineInput]
    opportunity: OpportunityInput
    rep_id: None | Unset | UUID = UNSET
    vendors: list[VendorInput] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.line_input import LineInput # noqa: PLC0415
        from ..models.opportunity_input import OpportunityInput # noqa: PLC0415
        from ..models.vendor_input import VendorInput # noqa: PLC0415
        contact = self.contact.to_dict()

        customer = self.customer.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        opportunity = self.opportunity.to_dict()

        rep_id: None | str | Unset
        if isinstance(self.rep_id, Unset):
            rep_id = UNSET
        elif isinstance(self.rep_id, UUID):
            rep_id = str(self.rep_id)
        else:
            rep_id = self.rep_id

        vendors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.vendors, Unset):
            vendors = []
            for vendors_item_data in self.vendors:
                vendors_item = vendors_item_data.to_dict()
                vendors.append(vendors_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contact": contact,
            "customer": customer,
            "lines": lines,
            "opportunity": opportunity,
        })
        if rep_id is not UNSET:
            field_dict["rep_id"] = rep_id
        if vendors is not UNSET:
            field_dict["vendors"] = vendors

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.line_input import LineInput # noqa: PLC0415
        from ..models.opportunity_input import OpportunityInput # noqa: PLC0415
        from ..models.vendor_input import VendorInput # noqa: PLC0415
        d = dict(src_dict)
        contact = Contact.from_dict(d.pop("contact"))




        customer = Customer.from_dict(d.pop("customer"))




        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = LineInput.from_dict(lines_item_data)



            lines.append(lines_item)


        opportunity = OpportunityInput.from_dict(d.pop("opportunity"))




        def _parse_rep_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rep_id_type_0 = UUID(data)



                return rep_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rep_id = _parse_rep_id(d.pop("rep_id", UNSET))


        _vendors = d.pop("vendors", UNSET)
        vendors: list[VendorInput] | Unset = UNSET
        if _vendors is not UNSET:
            vendors = []
            for vendors_item_data in _vendors:
                vendors_item = VendorInput.from_dict(vendors_item_data)



                vendors.append(vendors_item)


        deal_input = cls(
            contact=contact,
            customer=customer,
            lines=lines,
            opportunity=opportunity,
            rep_id=rep_id,
            vendors=vendors,
        )


        deal_input.additional_properties = d
        return deal_input

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
