from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="SessionOut")



@_attrs_define
class SessionOut:
    """ 
        Attributes:
            client_id (str):
            client_name (str):
            created_at (datetime.datetime):
            current (bool):
            expires_at (datetime.datetime):
            id (UUID):
            last_used_at (datetime.datetime):
            user_agent (str):
     """

    client_id: str
    client_name: str
    created_at: datetime.datetime
    current: bool
    expires_at: datetime.datetime
    id: UUID
    last_used_at: datetime.datetime
    user_agent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_name = self.client_name

        created_at = self.created_at.isoformat()

        current = self.current

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        last_used_at = self.last_used_at.isoformat()

        user_agent = self.user_agent


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "client_id": client_id,
            "client_name": client_name,
            "created_at": created_at,
            "current": current,
            "expires_at": expires_at,
            "id": id,
            "last_used_at": last_used_at,
            "user_agent": user_agent,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        client_name = d.pop("client_name")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        current = d.pop("current")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))




        id = UUID(d.pop("id"))




        last_used_at = datetime.datetime.fromisoformat(d.pop("last_used_at"))




        user_agent = d.pop("user_agent")

        session_out = cls(
            client_id=client_id,
            client_name=client_name,
            created_at=created_at,
            current=current,
            expires_at=expires_at,
            id=id,
            last_used_at=last_used_at,
            user_agent=user_agent,
        )


        session_out.additional_properties = d
        return session_out

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
