from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.list_price import ListPrice





T = TypeVar("T", bound="ProductOut")



@_attrs_define
class ProductOut:
    """ 
        Attributes:
            active (bool):
            created_at (datetime.datetime):
            id (UUID):
            list_price (ListPrice | None):
            name (str):
            program_id (UUID):
            sku (str):
            updated_at (datetime.datetime):
            version (int):
     """

    active: bool
    created_at: datetime.datetime
    id: UUID
    list_price: ListPrice | None
    name: str
    program_id: UUID
    sku: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.list_price import ListPrice # noqa: PLC0415
        active = self.active

        created_at = self.created_at.isoformat()

        id = str(self.id)

        list_price: dict[str, Any] | None
        if isinstance(self.list_price, ListPrice):
            list_price = self.list_price.to_dict()
        else:
            list_price = self.list_price

        name = self.name

        program_id = str(self.program_id)

        sku = self.sku

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "created_at": created_at,
            "id": id,
            "list_price": list_price,
            "name": name,
            "program_id": program_id,
            "sku": sku,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_price import ListPrice # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        def _parse_list_price(data: object) -> ListPrice | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                list_price_type_0 = ListPrice.from_dict(data)



                return list_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ListPrice | None, data)

        list_price = _parse_list_price(d.pop("list_price"))


        name = d.pop("name")

        program_id = UUID(d.pop("program_id"))




        sku = d.pop("sku")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        product_out = cls(
            active=active,
            created_at=created_at,
            id=id,
            list_price=list_price,
            name=name,
            program_id=program_id,
            sku=sku,
            updated_at=updated_at,
            version=version,
        )


        product_out.additional_properties = d
        return product_out

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
