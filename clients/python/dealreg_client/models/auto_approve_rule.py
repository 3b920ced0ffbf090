from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier import Tier
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AutoApproveRule")



@_attrs_define
class AutoApproveRule:
    """ 
        Attributes:
            max_amount (int | None | Unset): Amount in minor units of the currency
            skus (list[str] | None | Unset):
            tiers (list[Tier] | None | Unset):
     """

    max_amount: int | None | Unset = UNSET
    skus: list[str] | None | Unset = UNSET
    tiers: list[Tier] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_amount: int | None | Unset
        if isinstance(self.max_amount, Unset):
            max_amount = UNSET
        else:
            max_amount = self.max_amount

        skus: list[str] | None | Unset
        if isinstance(self.skus, Unset):
            skus = UNSET
        elif isinstance(self.skus, list):
            skus = self.skus


        else:
            skus = self.skus

        tiers: list[str] | None | Unset
        if isinstance(self.tiers, Unset):
            tiers = UNSET
        elif isinstance(self.tiers, list):
            tiers = []
            for tiers_type_0_item_data in self.tiers:
                tiers_type_0_item = tiers_type_0_item_data.value
                tiers.append(tiers_type_0_item)


        else:
            tiers = self.tiers


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if max_amount is not UNSET:
            field_dict["max_amount"] = max_amount
        if skus is not UNSET:
            field_dict["skus"] = skus
        if tiers is not UNSET:
            field_dict["tiers"] = tiers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_max_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_amount = _parse_max_amount(d.pop("max_amount", UNSET))


        def _parse_skus(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skus_type_0 = cast(list[str], data)

                return skus_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skus = _parse_skus(d.pop("skus", UNSET))


        def _parse_tiers(data: object) -> list[Tier] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tiers_type_0 = []
                _tiers_type_0 = data
                for tiers_type_0_item_data in (_tiers_type_0):
                    tiers_type_0_item = Tier(tiers_type_0_item_data)



                    tiers_type_0.append(tiers_type_0_item)

                return tiers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Tier] | None | Unset, data)

        tiers = _parse_tiers(d.pop("tiers", UNSET))


        auto_approve_rule = cls(
            max_amount=max_amount,
            skus=skus,
            tiers=tiers,
        )


        auto_approve_rule.additional_properties = d
        return auto_approve_rule

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
