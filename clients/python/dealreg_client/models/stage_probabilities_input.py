from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="StageProbabilitiesInput")



@_attrs_define
class StageProbabilitiesInput:
    """ 
        Attributes:
            negotiation (int | Unset): Percent, 0 to 100. Default when left out: `75`.
            proposal (int | Unset): Percent, 0 to 100. Default when left out: `50`.
            qualified (int | Unset): Percent, 0 to 100. Default when left out: `25`.
     """

    negotiation: int | Unset = UNSET
    proposal: int | Unset = UNSET
    qualified: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        negotiation = self.negotiation

        proposal = self.proposal

        qualified = self.qualified


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if negotiation is not UNSET:
            field_dict["negotiation"] = negotiation
        if proposal is not UNSET:
            field_dict["proposal"] = proposal
        if qualified is not UNSET:
            field_dict["qualified"] = qualified

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        negotiation = d.pop("negotiation", UNSET)

        proposal = d.pop("proposal", UNSET)

        qualified = d.pop("qualified", UNSET)

        stage_probabilities_input = cls(
            negotiation=negotiation,
            proposal=proposal,
            qualified=qualified,
        )


        stage_probabilities_input.additional_properties = d
        return stage_probabilities_input

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
