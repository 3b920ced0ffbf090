from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.deal_earnings import DealEarnings
  from ..models.total import Total





T = TypeVar("T", bound="MyEarnings")



@_attrs_define
class MyEarnings:
    """ 
        Attributes:
            deals (list[DealEarnings]):
            next_cursor (None | str):
            totals (list[Total]):
     """

    deals: list[DealEarnings]
    next_cursor: None | str
    totals: list[Total]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.deal_earnings import DealEarnings # noqa: PLC0415
        from ..models.total import Total # noqa: PLC0415
        deals = []
        for deals_item_data in self.deals:
            deals_item = deals_item_data.to_dict()
            deals.append(deals_item)



        next_cursor: None | str
        next_cursor = self.next_cursor

        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "deals": deals,
            "next_cursor": next_cursor,
            "totals": totals,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_earnings import DealEarnings # noqa: PLC0415
        from ..models.total import Total # noqa: PLC0415
        d = dict(src_dict)
        deals = []
        _deals = d.pop("deals")
        for deals_item_data in (_deals):
            deals_item = DealEarnings.from_dict(deals_item_data)



            deals.append(deals_item)


        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))


        totals = []
        _totals = d.pop("totals")
        for totals_item_data in (_totals):
            totals_item = Total.from_dict(totals_item_data)



            totals.append(totals_item)


        my_earnings = cls(
            deals=deals,
            next_cursor=next_cursor,
            totals=totals,
        )


        my_earnings.additional_properties = d
        return my_earnings

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
