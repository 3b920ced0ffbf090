from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PartnerEngagementOut")



@_attrs_define
class PartnerEngagementOut:
    """ 
        Attributes:
            above_threshold (bool):
            as_of (datetime.datetime):
            decay_days (int):
            open_task_ids (list[UUID]):
            partner_id (UUID):
            score (int):
            threshold (int):
            vendor_id (UUID):
     """

    above_threshold: bool
    as_of: datetime.datetime
    decay_days: int
    open_task_ids: list[UUID]
    partner_id: UUID
    score: int
    threshold: int
    vendor_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        above_threshold = self.above_threshold

        as_of = self.as_of.isoformat()

        decay_days = self.decay_days

        open_task_ids = []
        for open_task_ids_item_data in self.open_task_ids:
            open_task_ids_item = str(open_task_ids_item_data)
            open_task_ids.append(open_task_ids_item)



        partner_id = str(self.partner_id)

        score = self.score

        threshold = self.threshold

        vendor_id = str(self.vendor_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "above_threshold": above_threshold,
            "as_of": as_of,
            "decay_days": decay_days,
            "open_task_ids": open_task_ids,
            "partner_id": partner_id,
            "score": score,
            "threshold": threshold,
            "vendor_id": vendor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        above_threshold = d.pop("above_threshold")

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        decay_days = d.pop("decay_days")

        open_task_ids = []
        _open_task_ids = d.pop("open_task_ids")
        for open_task_ids_item_data in (_open_task_ids):
            open_task_ids_item = UUID(open_task_ids_item_data)



            open_task_ids.append(open_task_ids_item)


        partner_id = UUID(d.pop("partner_id"))




        score = d.pop("score")

        threshold = d.pop("threshold")

        vendor_id = UUID(d.pop("vendor_id"))




        partner_engagement_out = cls(
            above_threshold=above_threshold,
            as_of=as_of,
            decay_days=decay_days,
            open_task_ids=open_task_ids,
            partner_id=partner_id,
            score=score,
            threshold=threshold,
            vendor_id=vendor_id,
        )


        partner_engagement_out.additional_properties = d
        return partner_engagement_out

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
