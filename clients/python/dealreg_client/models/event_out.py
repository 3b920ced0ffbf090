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
  from ..models.event_out_details import EventOutDetails





T = TypeVar("T", bound="EventOut")



@_attrs_define
class EventOut:
    """ 
        Attributes:
            details (EventOutDetails):
            id (UUID):
            occurred_at (datetime.datetime):
            subject_id (UUID):
            type_ (str):
     """

    details: EventOutDetails
    id: UUID
    occurred_at: datetime.datetime
    subject_id: UUID
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.event_out_details import EventOutDetails # noqa: PLC0415
        details = self.details.to_dict()

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        subject_id = str(self.subject_id)

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "details": details,
            "id": id,
            "occurred_at": occurred_at,
            "subject_id": subject_id,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_out_details import EventOutDetails # noqa: PLC0415
        d = dict(src_dict)
        details = EventOutDetails.from_dict(d.pop("details"))




        id = UUID(d.pop("id"))




        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        subject_id = UUID(d.pop("subject_id"))




        type_ = d.pop("type")

        event_out = cls(
            details=details,
            id=id,
            occurred_at=occurred_at,
            subject_id=subject_id,
            type_=type_,
        )


        event_out.additional_properties = d
        return event_out

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
