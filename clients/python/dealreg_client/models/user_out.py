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






T = TypeVar("T", bound="UserOut")



@_attrs_define
class UserOut:
    """ 
        Attributes:
            active (bool):
            created_at (datetime.datetime):
            email (str):
            id (UUID):
            name (str):
            organization_id (UUID):
            role (Role):
            updated_at (datetime.datetime):
            version (int):
     """

    active: bool
    created_at: datetime.datetime
    email: str
    id: UUID
    name: str
    organization_id: UUID
    role: Role
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        email = self.email

        id = str(self.id)

        name = self.name

        organization_id = str(self.organization_id)

        role = self.role.value

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "created_at": created_at,
            "email": email,
            "id": id,
            "name": name,
            "organization_id": organization_id,
            "role": role,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        email = d.pop("email")

        id = UUID(d.pop("id"))




        name = d.pop("name")

        organization_id = UUID(d.pop("organization_id"))




        role = Role(d.pop("role"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        user_out = cls(
            active=active,
            created_at=created_at,
            email=email,
            id=id,
            name=name,
            organization_id=organization_id,
            role=role,
            updated_at=updated_at,
            version=version,
        )


        user_out.additional_properties = d
        return user_out

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
