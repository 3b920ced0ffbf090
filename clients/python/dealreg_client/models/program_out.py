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
  from ..models.auto_approve_rule import AutoApproveRule
  from ..models.extra_field import ExtraField





T = TypeVar("T", bound="ProgramOut")



@_attrs_define
class ProgramOut:
    """ 
        Attributes:
            active (bool):
            auto_approve_rules (list[AutoApproveRule]):
            created_at (datetime.datetime):
            currency (str):
            description (str):
            extension_days (int):
            extra_fields (list[ExtraField]):
            id (UUID):
            max_extensions (int):
            minimum_deal_amount (int):
            name (str):
            protection_days (int):
            registration_discount_bp (int):
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    active: bool
    auto_approve_rules: list[AutoApproveRule]
    created_at: datetime.datetime
    currency: str
    description: str
    extension_days: int
    extra_fields: list[ExtraField]
    id: UUID
    max_extensions: int
    minimum_deal_amount: int
    name: str
    protection_days: int
    registration_discount_bp: int
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.auto_approve_rule import AutoApproveRule # noqa: PLC0415
        from ..models.extra_field import ExtraField # noqa: PLC0415
        active = self.active

        auto_approve_rules = []
        for auto_approve_rules_item_data in self.auto_approve_rules:
            auto_approve_rules_item = auto_approve_rules_item_data.to_dict()
            auto_approve_rules.append(auto_approve_rules_item)



        created_at = self.created_at.isoformat()

        currency = self.currency

        description = self.description

        extension_days = self.extension_days

        extra_fields = []
        for extra_fields_item_data in self.extra_fields:
            extra_fields_item = extra_fields_item_data.to_dict()
            extra_fields.append(extra_fields_item)



        id = str(self.id)

        max_extensions = self.max_extensions

        minimum_deal_amount = self.minimum_deal_amount

        name = self.name

        protection_days = self.protection_days

        registration_discount_bp = self.registration_discount_bp

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "auto_approve_rules": auto_approve_rules,
            "created_at": created_at,
            "currency": currency,
            "description": description,
            "extension_days": extension_days,
            "extra_fields": extra_fields,
            "id": id,
            "max_extensions": max_extensions,
            "minimum_deal_amount": minimum_deal_amount,
            "name": name,
            "protection_days": protection_days,
            "registration_discount_bp": registration_discount_bp,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auto_approve_rule import AutoApproveRule # noqa: PLC0415
        from ..models.extra_field import ExtraField # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        auto_approve_rules = []
        _auto_approve_rules = d.pop("auto_approve_rules")
        for auto_approve_rules_item_data in (_auto_approve_rules):
            auto_approve_rules_item = AutoApproveRule.from_dict(auto_approve_rules_item_data)



            auto_approve_rules.append(auto_approve_rules_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        currency = d.pop("currency")

        description = d.pop("description")

        extension_days = d.pop("extension_days")

        extra_fields = []
        _extra_fields = d.pop("extra_fields")
        for extra_fields_item_data in (_extra_fields):
            extra_fields_item = ExtraField.from_dict(extra_fields_item_data)



            extra_fields.append(extra_fields_item)


        id = UUID(d.pop("id"))




        max_extensions = d.pop("max_extensions")

        minimum_deal_amount = d.pop("minimum_deal_amount")

        name = d.pop("name")

        protection_days = d.pop("protection_days")

        registration_discount_bp = d.pop("registration_discount_bp")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        program_out = cls(
            active=active,
            auto_approve_rules=auto_approve_rules,
            created_at=created_at,
            currency=currency,
            description=description,
            extension_days=extension_days,
            extra_fields=extra_fields,
            id=id,
            max_extensions=max_extensions,
            minimum_deal_amount=minimum_deal_amount,
            name=name,
            protection_days=protection_days,
            registration_discount_bp=registration_discount_bp,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        program_out.additional_properties = d
        return program_out

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
