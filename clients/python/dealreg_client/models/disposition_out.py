from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.disposition import Disposition
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="DispositionOut")



@_attrs_define
class DispositionOut:
    """ 
        Attributes:
            id (UUID):
            lost_reason (None | str):
            note (None | str):
            occurred_at (datetime.datetime):
            reported_at (datetime.datetime):
            reported_by (None | UUID):
            type_ (Disposition): What the partner reports it did with an accepted lead, in the order it may happen.
     """

    id: UUID
    lost_reason: None | str
    note: None | str
    occurred_at: datetime.datetime
    reported_at: datetime.datetime
    reported_by: None | UUID
    type_: Disposition
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        lost_reason: None | str
        lost_reason = self.lost_reason

        note: None | str
        note = self.note

        occurred_at = self.occurred_at.isoformat()

        reported_at = self.reported_at.isoformat()

        reported_by: None | str
        if isinstance(self.reported_by, UUID):
            reported_by = str(self.reported_by)
        else:
            reported_by = self.reported_by

        type_ = self.type_.value


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "lost_reason": lost_reason,
            "note": note,
            "occurred_at": occurred_at,
            "reported_at": reported_at,
            "reported_by": reported_by,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        def _parse_lost_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason"))


        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        reported_at = datetime.datetime.fromisoformat(d.pop("reported_at"))




        def _parse_reported_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_by_type_0 = UUID(data)



                return reported_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        reported_by = _parse_reported_by(d.pop("reported_by"))


        type_ = Disposition(d.pop("type"))




        disposition_out = cls(
            id=id,
            lost_reason=lost_reason,
            note=note,
            occurred_at=occurred_at,
            reported_at=reported_at,
            reported_by=reported_by,
            type_=type_,
        )


        disposition_out.additional_properties = d
        return disposition_out

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
