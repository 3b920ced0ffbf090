from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="PartnerEngagementResult")



@_attrs_define
class PartnerEngagementResult:
    """ 
        Attributes:
            above_threshold (bool):
            accepted (int):
            call_task_id (None | UUID):
            duplicates (int):
            score (int):
            threshold (int):
     """

    above_threshold: bool
    accepted: int
    call_task_id: None | UUID
    duplicates: int
    score: int
    threshold: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        above_threshold = self.above_threshold

        accepted = self.accepted

        call_task_id: None | str
        if isinstance(self.call_task_id, UUID):
            call_task_id = str(self.call_task_id)
        else:
            call_task_id = self.call_task_id

        duplicates = self.duplicates

        score = self.score

        threshold = self.threshold


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "above_threshold": above_threshold,
            "accepted": accepted,
            "call_task_id": call_task_id,
            "duplicates": duplicates,
            "score": score,
            "threshold": threshold,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        above_threshold = d.pop("above_threshold")

        accepted = d.pop("accepted")

        def _parse_call_task_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                call_task_id_type_0 = UUID(data)



                return call_task_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        call_task_id = _parse_call_task_id(d.pop("call_task_id"))


        duplicates = d.pop("duplicates")

        score = d.pop("score")

        threshold = d.pop("threshold")

        partner_engagement_result = cls(
            above_threshold=above_threshold,
            accepted=accepted,
            call_task_id=call_task_id,
            duplicates=duplicates,
            score=score,
            threshold=threshold,
        )


        partner_engagement_result.additional_properties = d
        return partner_engagement_result

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
