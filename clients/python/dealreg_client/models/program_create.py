from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.auto_approve_rule import AutoApproveRule
  from ..models.extra_field_input import ExtraFieldInput





T = TypeVar("T", bound="ProgramCreate")



@_attrs_define
class ProgramCreate:
    """ 
        Attributes:
            currency (str): ISO 4217 code
            name (str):
            auto_approve_rules (list[AutoApproveRule] | Unset):
            description (str | Unset): Default when left out: `""`.
            extension_days (int | Unset): Default when left out: `30`.
            extra_fields (list[ExtraFieldInput] | Unset):
            max_extensions (int | Unset): Default when left out: `1`.
            minimum_deal_amount (int | Unset): Amount in minor units of the currency Default when left out: `0`.
            protection_days (int | Unset): Default when left out: `90`.
            registration_discount_bp (int | Unset): The discount every registration approved under the program gets, in
                basis points of its amount (300: three points); a partner's offer adds to it. Default when left out: `0`.
            vendor_id (None | Unset | UUID):
     """

    currency: str
    name: str
    auto_approve_rules: list[AutoApproveRule] | Unset = UNSET
    description: str | Unset = UNSET
    extension_days: int | Unset = UNSET
    extra_fields: list[ExtraFieldInput] | Unset = UNSET
    max_extensions: int | Unset = UNSET
    minimum_deal_amount: int | Unset = UNSET
    protection_days: int | Unset = UNSET
    registration_discount_bp: int | Unset = UNSET
    vendor_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.auto_approve_rule import AutoApproveRule # noqa: PLC0415
        from ..models.extra_field_input import ExtraFieldInput # noqa: PLC0415
        currency = self.currency

        name = self.name

        auto_approve_rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.auto_approve_rules, Unset):
            auto_approve_rules = []
            for auto_approve_rules_item_data in self.auto_approve_rules:
                auto_approve_rules_item = auto_approve_rules_item_data.to_dict()
                auto_approve_rules.append(auto_approve_rules_item)



        description = self.description

        extension_days = self.extension_days

        extra_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.extra_fields, Unset):
            extra_fields = []
            for extra_fields_item_data in self.extra_fields:
                extra_fields_item = extra_fields_item_data.to_dict()
                extra_fields.append(extra_fields_item)



        max_extensions = self.max_extensions

        minimum_deal_amount = self.minimum_deal_amount

        protection_days = self.protection_days

        registration_discount_bp = self.registration_discount_bp

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
            "currency": currency,
            "name": name,
        })
        if auto_approve_rules is not UNSET:
            field_dict["auto_approve_rules"] = auto_approve_rules
        if description is not UNSET:
            field_dict["description"] = description
        if extension_days is not UNSET:
            field_dict["extension_days"] = extension_days
        if extra_fields is not UNSET:
            field_dict["extra_fields"] = extra_fields
        if max_extensions is not UNSET:
            field_dict["max_extensions"] = max_extensions
        if minimum_deal_amount is not UNSET:
            field_dict["minimum_deal_amount"] = minimum_deal_amount
        if protection_days is not UNSET:
            field_dict["protection_days"] = protection_days
        if registration_discount_bp is not UNSET:
            field_dict["registration_discount_bp"] = registration_discount_bp
        if vendor_id is not UNSET:
            field_dict["vendor_id"] = vendor_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auto_approve_rule import AutoApproveRule # noqa: PLC0415
        from ..models.extra_field_input import ExtraFieldInput # noqa: PLC0415
        d = dict(src_dict)
        currency = d.pop("currency")

        name = d.pop("name")

        _auto_approve_rules = d.pop("auto_approve_rules", UNSET)
        auto_approve_rules: list[AutoApproveRule] | Unset = UNSET
        if _auto_approve_rules is not UNSET:
            auto_approve_rules = []
            for auto_approve_rules_item_data in _auto_approve_rules:
                auto_approve_rules_item = AutoApproveRule.from_dict(auto_approve_rules_item_data)



                auto_approve_rules.append(auto_approve_rules_item)


        description = d.pop("description", UNSET)

        extension_days = d.pop("extension_days", UNSET)

        _extra_fields = d.pop("extra_fields", UNSET)
        extra_fields: list[ExtraFieldInput] | Unset = UNSET
        if _extra_fields is not UNSET:
            extra_fields = []
            for extra_fields_item_data in _extra_fields:
                extra_fields_item = ExtraFieldInput.from_dict(extra_fields_item_data)



                extra_fields.append(extra_fields_item)


        max_extensions = d.pop("max_extensions", UNSET)

        minimum_deal_amount = d.pop("minimum_deal_amount", UNSET)

        protection_days = d.pop("protection_days", UNSET)

        registration_discount_bp = d.pop("registration_discount_bp", UNSET)

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


        program_create = cls(
            currency=currency,
            name=name,
            auto_approve_rules=auto_approve_rules,
            description=description,
            extension_days=extension_days,
            extra_fields=extra_fields,
            max_extensions=max_extensions,
            minimum_deal_amount=minimum_deal_amount,
            protection_days=protection_days,
            registration_discount_bp=registration_discount_bp,
            vendor_id=vendor_id,
        )


        program_create.additional_properties = d
        return program_create

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
