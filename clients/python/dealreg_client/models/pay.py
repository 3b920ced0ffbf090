from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.milestone import Milestone
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Pay")



@_attrs_define
class Pay:
    """ 
        Attributes:
            milestone (Milestone):
            fixed (int | None | Unset):
            margin_share_bp (int | None | Unset):
     """

    milestone: Milestone
    fixed: int | None | Unset = UNSET
    margin_share_bp: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        milestone = self.milestone.value

        fixed: int | None | Unset
        if isinstance(self.fixed, Unset):
            fixed = UNSET
        else:
            fixed = self.fixed

        margin_share_bp: int | None | Unset
        if isinstance(self.margin_share_bp, Unset):
            margin_share_bp = UNSET
        else:
            margin_share_bp = self.margin_share_bp


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "milestone": milestone,
        })
        if fixed is not UNSET:
            field_dict["fixed"] = fixed
        if margin_share_bp is not UNSET:
            field_dict["margin_share_bp"] = margin_share_bp

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        milestone = Milestone(d.pop("milestone"))




        def _parse_fixed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fixed = _parse_fixed(d.pop("fixed", UNSET))


        def _parse_margin_share_bp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        margin_share_bp = _parse_margin_share_bp(d.pop("margin_share_bp", UNSET))


        pay = cls(
            milestone=milestone,
            fixed=fixed,
            margin_share_bp=margin_share_bp,
        )


        pay.additional_properties = d
        return pay

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
