from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.engagement_type import EngagementType
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="EngagementOut")



@_attrs_define
class EngagementOut:
    """ 
        Attributes:
            id (UUID):
            note (None | str):
            occurred_at (datetime.datetime):
            points (int):
            recorded_at (datetime.datetime):
            recorded_by (None | UUID):
            type_ (EngagementType):
     """

    id: UUID
    note: None | str
    occurred_at: datetime.datetime
    points: int
    recorded_at: datetime.datetime
    recorded_by: None | UUID
    type_: EngagementType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        note: None | str
        note = self.note

        occurred_at = self.occurred_at.isoformat()

        points = self.points

        recorded_at = self.recorded_at.isoformat()

        recorded_by: None | str
        if isinstance(self.recorded_by, UUID):
            recorded_by = str(self.recorded_by)
        else:
            recorded_by = self.recorded_by

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "note": note,
            "occurred_at": occurred_at,
            "points": points,
            "recorded_at": recorded_at,
            "recorded_by": recorded_by,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        points = d.pop("points")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        def _parse_recorded_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recorded_by_type_0 = UUID(data)



                return recorded_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        recorded_by = _parse_recorded_by(d.pop("recorded_by"))


        type_ = EngagementType(d.pop("type"))




        engagement_out = cls(
            id=id,
            note=note,
            occurred_at=occurred_at,
            points=points,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
            type_=type_,
        )


        engagement_out.additional_properties = d
        return engagement_out

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
