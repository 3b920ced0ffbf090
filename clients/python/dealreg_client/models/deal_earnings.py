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
  from ..models.amount import Amount
  from ..models.earning_view import EarningView





T = TypeVar("T", bound="DealEarnings")



@_attrs_define
class DealEarnings:
    """ 
        Attributes:
            customer_name (str):
            deal_id (UUID):
            entries (list[EarningView]):
            last_earned_at (datetime.datetime):
            net (list[Amount]):
            title (str):
     """

    customer_name: str
    deal_id: UUID
    entries: list[EarningView]
    last_earned_at: datetime.datetime
    net: list[Amount]
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.amount import Amount # noqa: PLC0415
        from ..models.earning_view import EarningView # noqa: PLC0415
        customer_name = self.customer_name

        deal_id = str(self.deal_id)

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        last_earned_at = self.last_earned_at.isoformat()

        net = []
        for net_item_data in self.net:
            net_item = net_item_data.to_dict()
            net.append(net_item)



        title = self.title


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "customer_name": customer_name,
            "deal_id": deal_id,
            "entries": entries,
            "last_earned_at": last_earned_at,
            "net": net,
            "title": title,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.amount import Amount # noqa: PLC0415
        from ..models.earning_view import EarningView # noqa: PLC0415
        d = dict(src_dict)
        customer_name = d.pop("customer_name")

        deal_id = UUID(d.pop("deal_id"))




        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = EarningView.from_dict(entries_item_data)



            entries.append(entries_item)


        last_earned_at = datetime.datetime.fromisoformat(d.pop("last_earned_at"))




        net = []
        _net = d.pop("net")
        for net_item_data in (_net):
            net_item = Amount.from_dict(net_item_data)



            net.append(net_item)


        title = d.pop("title")

        deal_earnings = cls(
            customer_name=customer_name,
            deal_id=deal_id,
            entries=entries,
            last_earned_at=last_earned_at,
            net=net,
            title=title,
        )


        deal_earnings.additional_properties = d
        return deal_earnings

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
