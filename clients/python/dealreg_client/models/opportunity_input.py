from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="OpportunityInput")



@_attrs_define
class OpportunityInput:
    """ 
        Attributes:
            currency (str): ISO 4217 code
            expected_close_date (datetime.date):
            title (str):
            competitors (list[str] | Unset):
            description (str | Unset): Default when left out: `""`.
     """

    currency: str
    expected_close_date: datetime.date
    title: str
    competitors: list[str] | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        currency = self.currency

        expected_close_date = self.expected_close_date.isoformat()

        title = self.title

        competitors: list[str] | Unset = UNSET
        if not isinstance(self.competitors, Unset):
            competitors = self.competitors



        description = self.description


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "currency": currency,
            "expected_close_date": expected_close_date,
            "title": title,
        })
        if competitors is not UNSET:
            field_dict["competitors"] = competitors
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        currency = d.pop("currency")

        expected_close_date = datetime.date.fromisoformat(d.pop("expected_close_date"))




        title = d.pop("title")

        competitors = cast(list[str], d.pop("competitors", UNSET))


        description = d.pop("description", UNSET)

        opportunity_input = cls(
            currency=currency,
            expected_close_date=expected_close_date,
            title=title,
            competitors=competitors,
            description=description,
        )


        opportunity_input.additional_properties = d
        return opportunity_input

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
