from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.registration_status import RegistrationStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ConflictOut")



@_attrs_define
class ConflictOut:
    """ 
        Attributes:
            id (UUID):
            number (str):
            partner_id (UUID):
            status (RegistrationStatus):
            submitted_at (datetime.datetime):
     """

    id: UUID
    number: str
    partner_id: UUID
    status: RegistrationStatus
    submitted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        number = self.number

        partner_id = str(self.partner_id)

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "number": number,
            "partner_id": partner_id,
            "status": status,
            "submitted_at": submitted_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        number = d.pop("number")

        partner_id = UUID(d.pop("partner_id"))




        status = RegistrationStatus(d.pop("status"))




        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))




        conflict_out = cls(
            id=id,
            number=number,
            partner_id=partner_id,
            status=status,
            submitted_at=submitted_at,
        )


        conflict_out.additional_properties = d
        return conflict_out

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
