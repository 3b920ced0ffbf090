from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.capability_group import CapabilityGroup






T = TypeVar("T", bound="Attribute")



@_attrs_define
class Attribute:
    """ 
        Attributes:
            group (CapabilityGroup):
            key (str): Stable key of the attribute: lower case letters, digits, `_`.
            name (str):
            weight (int): Its weight in its group and overall.
     """

    group: CapabilityGroup
    key: str
    name: str
    weight: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        group = self.group.value

        key = self.key

        name = self.name

        weight = self.weight


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "group": group,
            "key": key,
            "name": name,
            "weight": weight,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = CapabilityGroup(d.pop("group"))




        key = d.pop("key")

        name = d.pop("name")

        weight = d.pop("weight")

        attribute = cls(
            group=group,
            key=key,
            name=name,
            weight=weight,
        )


        attribute.additional_properties = d
        return attribute

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
