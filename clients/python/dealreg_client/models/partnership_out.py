from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.partnership_status import PartnershipStatus
from ..models.tier import Tier
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PartnershipOut")



@_attrs_define
class PartnershipOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            id (UUID):
            owner_id (None | UUID):
            partner_id (UUID):
            partner_name (str):
            status (PartnershipStatus):
            tier (Tier): The partner's tier when assessed.
            updated_at (datetime.datetime):
            vendor_id (UUID):
            vendor_name (str):
            version (int):
     """

    created_at: datetime.datetime
    id: UUID
    owner_id: None | UUID
    partner_id: UUID
    partner_name: str
    status: PartnershipStatus
    tier: Tier
    updated_at: datetime.datetime
    vendor_id: UUID
    vendor_name: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = str(self.id)

        owner_id: None | str
        if isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        status = self.status.value

        tier = self.tier.value

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "id": id,
            "owner_id": owner_id,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "status": status,
            "tier": tier,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        def _parse_owner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_id_type_0 = UUID(data)



                return owner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))


        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        status = PartnershipStatus(d.pop("status"))




        tier = Tier(d.pop("tier"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        version = d.pop("version")

        partnership_out = cls(
            created_at=created_at,
            id=id,
            owner_id=owner_id,
            partner_id=partner_id,
            partner_name=partner_name,
            status=status,
            tier=tier,
            updated_at=updated_at,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
            version=version,
        )


        partnership_out.additional_properties = d
        return partnership_out

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
