from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="AssessedQuarter")



@_attrs_define
class AssessedQuarter:
    """ 
        Attributes:
            assessed_at (datetime.datetime):
            quarter (str):
            score (float):
            version (int):
     """

    assessed_at: datetime.datetime
    quarter: str
    score: float
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        assessed_at = self.assessed_at.isoformat()

        quarter = self.quarter

        score = self.score

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "assessed_at": assessed_at,
            "quarter": quarter,
            "score": score,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assessed_at = datetime.datetime.fromisoformat(d.pop("assessed_at"))




        quarter = d.pop("quarter")

        score = d.pop("score")

        version = d.pop("version")

        assessed_quarter = cls(
            assessed_at=assessed_at,
            quarter=quarter,
            score=score,
            version=version,
        )


        assessed_quarter.additional_properties = d
        return assessed_quarter

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
