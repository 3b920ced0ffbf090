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






T = TypeVar("T", bound="ApiClientWithSecret")



@_attrs_define
class ApiClientWithSecret:
    """ 
        Attributes:
            active (bool):
            client_id (str):
            client_secret (str):
            created_at (datetime.datetime):
            id (UUID):
            name (str):
            organization_id (UUID):
            role (Role):
            scopes (list[str]):
            updated_at (datetime.datetime):
            version (int):
     """

    active: bool
    client_id: str
    client_secret: str
    created_at: datetime.datetime
    id: UUID
    name: str
    organization_id: UUID
    role: Role
    scopes: list[str]
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        client_id = self.client_id

        client_secret = self.client_secret

        created_at = self.created_at.isoformat()

        id = str(self.id)

        name = self.name

        organization_id = str(self.organization_id)

        role = self.role.value

        scopes = self.scopes



        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "client_id": client_id,
            "client_secret": client_secret,
            "created_at": created_at,
            "id": id,
            "name": name,
            "organization_id": organization_id,
            "role": role,
            "scopes": scopes,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        client_id = d.pop("client_id")

        client_secret = d.pop("client_secret")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        name = d.pop("name")

        organization_id = UUID(d.pop("organization_id"))




        role = Role(d.pop("role"))




        scopes = cast(list[str], d.pop("scopes"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        api_client_with_secret = cls(
            active=active,
            client_id=client_id,
            client_secret=client_secret,
            created_at=created_at,
            id=id,
            name=name,
            organization_id=organization_id,
            role=role,
            scopes=scopes,
            updated_at=updated_at,
            version=version,
        )


        api_client_with_secret.additional_properties = d
        return api_client_with_secret

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
