from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier import Tier
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.milestone_pay import MilestonePay





T = TypeVar("T", bound="VendorPreview")



@_attrs_define
class VendorPreview:
    """ 
        Attributes:
            currency (str):
            deal_margin (int | None):
            discount_bp (int):
            milestones (list[MilestonePay]):
            offer_discount_bp (int):
            offer_id (None | UUID):
            plan_id (None | UUID):
            plan_version (int | None):
            program_id (UUID):
            registration_amount (int):
            standard_discount_bp (int):
            tier (Tier): The partner's tier when assessed.
            total (int):
            vendor_id (UUID):
            vendor_name (str):
     """

    currency: str
    deal_margin: int | None
    discount_bp: int
    milestones: list[MilestonePay]
    offer_discount_bp: int
    offer_id: None | UUID
    plan_id: None | UUID
    plan_version: int | None
    program_id: UUID
    registration_amount: int
    standard_discount_bp: int
    tier: Tier
    total: int
    vendor_id: UUID
    vendor_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.milestone_pay import MilestonePay # noqa: PLC0415
        currency = self.currency

        deal_margin: int | None
        deal_margin = self.deal_margin

        discount_bp = self.discount_bp

        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.to_dict()
            milestones.append(milestones_item)



        offer_discount_bp = self.offer_discount_bp

        offer_id: None | str
        if isinstance(self.offer_id, UUID):
            offer_id = str(self.offer_id)
        else:
            offer_id = self.offer_id

        plan_id: None | str
        if isinstance(self.plan_id, UUID):
            plan_id = str(self.plan_id)
        else:
            plan_id = self.plan_id

        plan_version: int | None
        plan_version = self.plan_version

        program_id = str(self.program_id)

        registration_amount = self.registration_amount

        standard_discount_bp = self.standard_discount_bp

        tier = self.tier.value

        total = self.total

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "currency": currency,
            "deal_margin": deal_margin,
            "discount_bp": discount_bp,
            "milestones": milestones,
            "offer_discount_bp": offer_discount_bp,
            "offer_id": offer_id,
            "plan_id": plan_id,
            "plan_version": plan_version,
            "program_id": program_id,
            "registration_amount": registration_amount,
            "standard_discount_bp": standard_discount_bp,
            "tier": tier,
            "total": total,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_pay import MilestonePay # noqa: PLC0415
        d = dict(src_dict)
        currency = d.pop("currency")

        def _parse_deal_margin(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        deal_margin = _parse_deal_margin(d.pop("deal_margin"))


        discount_bp = d.pop("discount_bp")

        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in (_milestones):
            milestones_item = MilestonePay.from_dict(milestones_item_data)



            milestones.append(milestones_item)


        offer_discount_bp = d.pop("offer_discount_bp")

        def _parse_offer_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_id_type_0 = UUID(data)



                return offer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        offer_id = _parse_offer_id(d.pop("offer_id"))


        def _parse_plan_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                plan_id_type_0 = UUID(data)



                return plan_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        plan_id = _parse_plan_id(d.pop("plan_id"))


        def _parse_plan_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        plan_version = _parse_plan_version(d.pop("plan_version"))


        program_id = UUID(d.pop("program_id"))




        registration_amount = d.pop("registration_amount")

        standard_discount_bp = d.pop("standard_discount_bp")

        tier = Tier(d.pop("tier"))




        total = d.pop("total")

        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        vendor_preview = cls(
            currency=currency,
            deal_margin=deal_margin,
            discount_bp=discount_bp,
            milestones=milestones,
            offer_discount_bp=offer_discount_bp,
            offer_id=offer_id,
            plan_id=plan_id,
            plan_version=plan_version,
            program_id=program_id,
            registration_amount=registration_amount,
            standard_discount_bp=standard_discount_bp,
            tier=tier,
            total=total,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
        )


        vendor_preview.additional_properties = d
        return vendor_preview

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
