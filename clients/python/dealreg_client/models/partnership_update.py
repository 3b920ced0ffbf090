from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.partnership_status import PartnershipStatus
from ..models.tier import Tier
from ..types import UNSET, Unset






T = TypeVar("T", bound="PartnershipUpdate")



@_attrs_define
class PartnershipUpdate:
    """ 
        Attributes:
            status (PartnershipStatus | Unset):
            tier (Tier | Unset): The partner's tier when assessed.
     """

    status: PartnershipStatus | Unset = UNSET
    tier: Tier | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        tier: str | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if status is not UNSET:
            field_dict["status"] = status
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: PartnershipStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = PartnershipStatus(_status)




        _tier = d.pop("tier", UNSET)
        tier: Tier | Unset
        if isinstance(_tier,  Unset):
            tier = UNSET
        else:
            tier = Tier(_tier)




        partnership_update = cls(
            status=status,
            tier=tier,
        )


        partnership_update.additional_properties = d
        return partnership_update

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
