from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.extension_status import ExtensionStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="ExtensionOut")



@_attrs_define
class ExtensionOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            days (int):
            decided_at (datetime.datetime | None):
            decided_by (None | UUID):
            decision_reason (None | str):
            granted_days (int | None):
            id (UUID):
            reason (str):
            registration_id (UUID):
            requested_by (UUID):
            status (ExtensionStatus):
            updated_at (datetime.datetime):
            version (int):
     """

    created_at: datetime.datetime
    days: int
    decided_at: datetime.datetime | None
    decided_by: None | UUID
    decision_reason: None | str
    granted_days: int | None
    id: UUID
    reason: str
    registration_id: UUID
    requested_by: UUID
    status: ExtensionStatus
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        days = self.days

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        if isinstance(self.decided_by, UUID):
            decided_by = str(self.decided_by)
        else:
            decided_by = self.decided_by

        decision_reason: None | str
        decision_reason = self.decision_reason

        granted_days: int | None
        granted_days = self.granted_days

        id = str(self.id)

        reason = self.reason

        registration_id = str(self.registration_id)

        requested_by = str(self.requested_by)

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "days": days,
            "decided_at": decided_at,
            "decided_by": decided_by,
            "decision_reason": decision_reason,
            "granted_days": granted_days,
            "id": id,
            "reason": reason,
            "registration_id": registration_id,
            "requested_by": requested_by,
            "status": status,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        days = d.pop("days")

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))


        def _parse_decided_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = UUID(data)



                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))


        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))


        def _parse_granted_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        granted_days = _parse_granted_days(d.pop("granted_days"))


        id = UUID(d.pop("id"))




        reason = d.pop("reason")

        registration_id = UUID(d.pop("registration_id"))




        requested_by = UUID(d.pop("requested_by"))




        status = ExtensionStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        extension_out = cls(
            created_at=created_at,
            days=days,
            decided_at=decided_at,
            decided_by=decided_by,
            decision_reason=decision_reason,
            granted_days=granted_days,
            id=id,
            reason=reason,
            registration_id=registration_id,
            requested_by=requested_by,
            status=status,
            updated_at=updated_at,
            version=version,
        )


        extension_out.additional_properties = d
        return extension_out

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
