from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.role import Role
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="InvitationOut")



@_attrs_define
class InvitationOut:
    """ 
        Attributes:
            accepted_at (datetime.datetime | None):
            created_at (datetime.datetime):
            email (str):
            expires_at (datetime.datetime):
            id (UUID):
            invited_by (UUID):
            organization_id (UUID):
            revoked_at (datetime.datetime | None):
            role (Role):
            updated_at (datetime.datetime):
            user_id (UUID):
            version (int):
     """

    accepted_at: datetime.datetime | None
    created_at: datetime.datetime
    email: str
    expires_at: datetime.datetime
    id: UUID
    invited_by: UUID
    organization_id: UUID
    revoked_at: datetime.datetime | None
    role: Role
    updated_at: datetime.datetime
    user_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        created_at = self.created_at.isoformat()

        email = self.email

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        invited_by = str(self.invited_by)

        organization_id = str(self.organization_id)

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        role = self.role.value

        updated_at = self.updated_at.isoformat()

        user_id = str(self.user_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accepted_at": accepted_at,
            "created_at": created_at,
            "email": email,
            "expires_at": expires_at,
            "id": id,
            "invited_by": invited_by,
            "organization_id": organization_id,
            "revoked_at": revoked_at,
            "role": role,
            "updated_at": updated_at,
            "user_id": user_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)



                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        id = UUID(d.pop("id"))




        invited_by = UUID(d.pop("invited_by"))




        organization_id = UUID(d.pop("organization_id"))




        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)



                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))


        role = Role(d.pop("role"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        user_id = UUID(d.pop("user_id"))




        version = d.pop("version")

        invitation_out = cls(
            accepted_at=accepted_at,
            created_at=created_at,
            email=email,
            expires_at=expires_at,
            id=id,
            invited_by=invited_by,
            organization_id=organization_id,
            revoked_at=revoked_at,
            role=role,
            updated_at=updated_at,
            user_id=user_id,
            version=version,
        )


        invitation_out.additional_properties = d
        return invitation_out

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
