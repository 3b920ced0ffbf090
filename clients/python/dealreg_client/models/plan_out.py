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
  from ..models.pay import Pay
  from ..models.plan_out_tier_multipliers_bp import PlanOutTierMultipliersBp





T = TypeVar("T", bound="PlanOut")



@_attrs_define
class PlanOut:
    """ 
        Attributes:
            clawback_days (int):
            clawback_on_closed_lost (bool):
            created_at (datetime.datetime):
            currency (str):
            id (UUID):
            margin_rate_bp (int):
            note (None | str):
            pays (list[Pay]):
            per_deal_cap (int | None):
            program_id (UUID):
            tier_multipliers_bp (PlanOutTierMultipliersBp):
            vendor_id (UUID):
            version (int):
     """

    clawback_days: int
    clawback_on_closed_lost: bool
    created_at: datetime.datetime
    currency: str
    id: UUID
    margin_rate_bp: int
    note: None | str
    pays: list[Pay]
    per_deal_cap: int | None
    program_id: UUID
    tier_multipliers_bp: PlanOutTierMultipliersBp
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pay import Pay # noqa: PLC0415
        from ..models.plan_out_tier_multipliers_bp import PlanOutTierMultipliersBp # noqa: PLC0415
        clawback_days = self.clawback_days

        clawback_on_closed_lost = self.clawback_on_closed_lost

        created_at = self.created_at.isoformat()

        currency = self.currency

        id = str(self.id)

        margin_rate_bp = self.margin_rate_bp

        note: None | str
        note = self.note

        pays = []
        for pays_item_data in self.pays:
            pays_item = pays_item_data.to_dict()
            pays.append(pays_item)



        per_deal_cap: int | None
        per_deal_cap = self.per_deal_cap

        program_id = str(self.program_id)

        tier_multipliers_bp = self.tier_multipliers_bp.to_dict()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "clawback_days": clawback_days,
            "clawback_on_closed_lost": clawback_on_closed_lost,
            "created_at": created_at,
            "currency": currency,
            "id": id,
            "margin_rate_bp": margin_rate_bp,
            "note": note,
            "pays": pays,
            "per_deal_cap": per_deal_cap,
            "program_id": program_id,
            "tier_multipliers_bp": tier_multipliers_bp,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pay import Pay # noqa: PLC0415
        from ..models.plan_out_tier_multipliers_bp import PlanOutTierMultipliersBp # noqa: PLC0415
        d = dict(src_dict)
        clawback_days = d.pop("clawback_days")

        clawback_on_closed_lost = d.pop("clawback_on_closed_lost")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        currency = d.pop("currency")

        id = UUID(d.pop("id"))




        margin_rate_bp = d.pop("margin_rate_bp")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        pays = []
        _pays = d.pop("pays")
        for pays_item_data in (_pays):
            pays_item = Pay.from_dict(pays_item_data)



            pays.append(pays_item)


        def _parse_per_deal_cap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        per_deal_cap = _parse_per_deal_cap(d.pop("per_deal_cap"))


        program_id = UUID(d.pop("program_id"))




        tier_multipliers_bp = PlanOutTierMultipliersBp.from_dict(d.pop("tier_multipliers_bp"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        plan_out = cls(
            clawback_days=clawback_days,
            clawback_on_closed_lost=clawback_on_closed_lost,
            created_at=created_at,
            currency=currency,
            id=id,
            margin_rate_bp=margin_rate_bp,
            note=note,
            pays=pays,
            per_deal_cap=per_deal_cap,
            program_id=program_id,
            tier_multipliers_bp=tier_multipliers_bp,
            vendor_id=vendor_id,
            version=version,
        )


        plan_out.additional_properties = d
        return plan_out

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
