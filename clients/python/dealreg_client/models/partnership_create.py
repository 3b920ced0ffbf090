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






T = TypeVar("T", bound="PartnershipCreate")



@_attrs_define
class PartnershipCreate:
    """ 
        Attributes:
            partner_id (UUID):
            tier (Tier): The partner's tier when assessed.
            status (PartnershipStatus | Unset):
            vendor_id (None | Unset | UUID):
     """

    partner_id: UUID
    tier: Tier
    status: PartnershipStatus | Unset = UNSET
    vendor_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        tier = self.tier.value

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value


        vendor_id: None | str | Unset
        if isinstance(self.vendor_id, Unset):
            vendor_id = UNSET
        elif isinstance(self.vendor_id, UUID):
            vendor_id = str(self.vendor_id)
        else:
            vendor_id = self.vendor_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "partner_id": partner_id,
            "tier": tier,
        })
        if status is not UNSET:
            field_dict["status"] = status
        if vendor_id is not UNSET:
            field_dict["vendor_id"] = vendor_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))




        tier = Tier(d.pop("tier"))




        _status = d.pop("status", UNSET)
        status: PartnershipStatus | Unset
        if isinstance(_status,  Unset):
            status = UNSET
        else:
            status = PartnershipStatus(_status)




        def _parse_vendor_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vendor_id_type_0 = UUID(data)



                return vendor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        vendor_id = _parse_vendor_id(d.pop("vendor_id", UNSET))


        partnership_create = cls(
            partner_id=partner_id,
            tier=tier,
            status=status,
            vendor_id=vendor_id,
        )


        partnership_create.additional_properties = d
        return partnership_create

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
