from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.partnership_status import PartnershipStatus
from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID






T = TypeVar("T", bound="PartnershipUpdate")



@_attrs_define
class PartnershipUpdate:
    """ 
        Attributes:
            owner_id (None | Unset | UUID):
            status (PartnershipStatus | Unset):
            tier (Tier | Unset): The partner's tier when assessed.
     """

    owner_id: None | Unset | UUID = UNSET
    status: PartnershipStatus | Unset = UNSET
    tier: Tier | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

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
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if status is not UNSET:
            field_dict["status"] = status
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_owner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_id_type_0 = UUID(data)



                return owner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_id = _parse_owner_id(d.pop("owner_id", UNSET))


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
            owner_id=owner_id,
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
