from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OauthAppCreate")



@_attrs_define
class OauthAppCreate:
    """ 
        Attributes:
            client_id (str): Lower-case letters, digits, dots and hyphens, 3 to 64 of them.
            name (str):
            redirect_uris (list[str]):
            first_party (bool | Unset): Default when left out: `false`.
     """

    client_id: str
    name: str
    redirect_uris: list[str]
    first_party: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        name = self.name

        redirect_uris = self.redirect_uris



        first_party = self.first_party


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "name": name,
            "redirect_uris": redirect_uris,
        })
        if first_party is not UNSET:
            field_dict["first_party"] = first_party

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        name = d.pop("name")

        redirect_uris = cast(list[str], d.pop("redirect_uris"))


        first_party = d.pop("first_party", UNSET)

        oauth_app_create = cls(
            client_id=client_id,
            name=name,
            redirect_uris=redirect_uris,
            first_party=first_party,
        )


        oauth_app_create.additional_properties = d
        return oauth_app_create

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
