from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="SharedEngagementOut")



@_attrs_define
class SharedEngagementOut:
    """ 
        Attributes:
            as_of (datetime.datetime):
            decay_days (int):
            partner_id (UUID):
            score (int):
            vendor_id (UUID):
     """

    as_of: datetime.datetime
    decay_days: int
    partner_id: UUID
    score: int
    vendor_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        decay_days = self.decay_days

        partner_id = str(self.partner_id)

        score = self.score

        vendor_id = str(self.vendor_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "decay_days": decay_days,
            "partner_id": partner_id,
            "score": score,
            "vendor_id": vendor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        decay_days = d.pop("decay_days")

        partner_id = UUID(d.pop("partner_id"))




        score = d.pop("score")

        vendor_id = UUID(d.pop("vendor_id"))




        shared_engagement_out = cls(
            as_of=as_of,
            decay_days=decay_days,
            partner_id=partner_id,
            score=score,
            vendor_id=vendor_id,
        )


        shared_engagement_out.additional_properties = d
        return shared_engagement_out

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
