from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from uuid import UUID






T = TypeVar("T", bound="LineOut")



@_attrs_define
class LineOut:
    """ 
        Attributes:
            amount (int):
            id (UUID):
            product_id (UUID):
            quantity (int):
            registration_id (UUID):
            sku (str):
            unit_price (int):
            vendor_id (UUID):
     """

    amount: int
    id: UUID
    product_id: UUID
    quantity: int
    registration_id: UUID
    sku: str
    unit_price: int
    vendor_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        id = str(self.id)

        product_id = str(self.product_id)

        quantity = self.quantity

        registration_id = str(self.registration_id)

        sku = self.sku

        unit_price = self.unit_price

        vendor_id = str(self.vendor_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "id": id,
            "product_id": product_id,
            "quantity": quantity,
            "registration_id": registration_id,
            "sku": sku,
            "unit_price": unit_price,
            "vendor_id": vendor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        id = UUID(d.pop("id"))




        product_id = UUID(d.pop("product_id"))




        quantity = d.pop("quantity")

        registration_id = UUID(d.pop("registration_id"))




        sku = d.pop("sku")

        unit_price = d.pop("unit_price")

        vendor_id = UUID(d.pop("vendor_id"))




        line_out = cls(
            amount=amount,
            id=id,
            product_id=product_id,
            quantity=quantity,
            registration_id=registration_id,
            sku=sku,
            unit_price=unit_price,
            vendor_id=vendor_id,
        )


        line_out.additional_properties = d
        return line_out

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
