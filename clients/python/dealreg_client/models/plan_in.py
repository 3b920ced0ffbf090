from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.pay import Pay
  from ..models.plan_in_tier_multipliers_bp import PlanInTierMultipliersBp





T = TypeVar("T", bound="PlanIn")



@_attrs_define
class PlanIn:
    """ 
        Attributes:
            margin_rate_bp (int):
            pays (list[Pay]):
            clawback_days (int | Unset): Default when left out: `90`.
            clawback_on_closed_lost (bool | Unset): Default when left out: `false`.
            note (None | str | Unset):
            per_deal_cap (int | None | Unset):
            tier_multipliers_bp (PlanInTierMultipliersBp | Unset):
     """

    margin_rate_bp: int
    pays: list[Pay]
    clawback_days: int | Unset = UNSET
    clawback_on_closed_lost: bool | Unset = UNSET
    note: None | str | Unset = UNSET
    per_deal_cap: int | None | Unset = UNSET
    tier_multipliers_bp: PlanInTierMultipliersBp | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pay import Pay # noqa: PLC0415
        from ..models.plan_in_tier_multipliers_bp import PlanInTierMultipliersBp # noqa: PLC0415
        margin_rate_bp = self.margin_rate_bp

        pays = []
        for pays_item_data in self.pays:
            pays_item = pays_item_data.to_dict()
            pays.append(pays_item)



        clawback_days = self.clawback_days

        clawback_on_closed_lost = self.clawback_on_closed_lost

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        per_deal_cap: int | None | Unset
        if isinstance(self.per_deal_cap, Unset):
            per_deal_cap = UNSET
        else:
            per_deal_cap = self.per_deal_cap

        tier_multipliers_bp: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tier_multipliers_bp, Unset):
            tier_multipliers_bp = self.tier_multipliers_bp.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "margin_rate_bp": margin_rate_bp,
            "pays": pays,
        })
        if clawback_days is not UNSET:
            field_dict["clawback_days"] = clawback_days
        if clawback_on_closed_lost is not UNSET:
            field_dict["clawback_on_closed_lost"] = clawback_on_closed_lost
        if note is not UNSET:
            field_dict["note"] = note
        if per_deal_cap is not UNSET:
            field_dict["per_deal_cap"] = per_deal_cap
        if tier_multipliers_bp is not UNSET:
            field_dict["tier_multipliers_bp"] = tier_multipliers_bp

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pay import Pay # noqa: PLC0415
        from ..models.plan_in_tier_multipliers_bp import PlanInTierMultipliersBp # noqa: PLC0415
        d = dict(src_dict)
        margin_rate_bp = d.pop("margin_rate_bp")

        pays = []
        _pays = d.pop("pays")
        for pays_item_data in (_pays):
            pays_item = Pay.from_dict(pays_item_data)



            pays.append(pays_item)


        clawback_days = d.pop("clawback_days", UNSET)

        clawback_on_closed_lost = d.pop("clawback_on_closed_lost", UNSET)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        def _parse_per_deal_cap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        per_deal_cap = _parse_per_deal_cap(d.pop("per_deal_cap", UNSET))


        _tier_multipliers_bp = d.pop("tier_multipliers_bp", UNSET)
        tier_multipliers_bp: PlanInTierMultipliersBp | Unset
        if isinstance(_tier_multipliers_bp,  Unset):
            tier_multipliers_bp = UNSET
        else:
            tier_multipliers_bp = PlanInTierMultipliersBp.from_dict(_tier_multipliers_bp)




        plan_in = cls(
            margin_rate_bp=margin_rate_bp,
            pays=pays,
            clawback_days=clawback_days,
            clawback_on_closed_lost=clawback_on_closed_lost,
            note=note,
            per_deal_cap=per_deal_cap,
            tier_multipliers_bp=tier_multipliers_bp,
        )


        plan_in.additional_properties = d
        return plan_in

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
