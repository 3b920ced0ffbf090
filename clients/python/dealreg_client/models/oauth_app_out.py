from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OauthAppOut")



@_attrs_define
class OauthAppOut:
    """ 
        Attributes:
            active (bool):
            client_id (str):
            created_at (datetime.datetime):
            first_party (bool):
            id (UUID):
            name (str):
            redirect_uris (list[str]):
            updated_at (datetime.datetime):
            version (int):
     """

    active: bool
    client_id: str
    created_at: datetime.datetime
    first_party: bool
    id: UUID
    name: str
    redirect_uris: list[str]
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        client_id = self.client_id

        created_at = self.created_at.isoformat()

        first_party = self.first_party

        id = str(self.id)

        name = self.name

        redirect_uris = self.redirect_uris



        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "client_id": client_id,
            "created_at": created_at,
            "first_party": first_party,
            "id": id,
            "name": name,
            "redirect_uris": redirect_uris,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        client_id = d.pop("client_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        first_party = d.pop("first_party")

        id = UUID(d.pop("id"))




        name = d.pop("name")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        oauth_app_out = cls(
            active=active,
            client_id=client_id,
            created_at=created_at,
            first_party=first_party,
            id=id,
            name=name,
            redirect_uris=redirect_uris,
            updated_at=updated_at,
            version=version,
        )


        oauth_app_out.additional_properties = d
        return oauth_app_out

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
