from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.org_kind import OrgKind
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OrganizationOut")



@_attrs_define
class OrganizationOut:
    """ 
        Attributes:
            code (None | str):
            country (str):
            created_at (datetime.datetime):
            id (UUID):
            kind (OrgKind):
            name (str):
            timezone (None | str):
            updated_at (datetime.datetime):
            version (int):
     """

    code: None | str
    country: str
    created_at: datetime.datetime
    id: UUID
    kind: OrgKind
    name: str
    timezone: None | str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        code: None | str
        code = self.code

        country = self.country

        created_at = self.created_at.isoformat()

        id = str(self.id)

        kind = self.kind.value

        name = self.name

        timezone: None | str
        timezone = self.timezone

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "country": country,
            "created_at": created_at,
            "id": id,
            "kind": kind,
            "name": name,
            "timezone": timezone,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))


        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        kind = OrgKind(d.pop("kind"))




        name = d.pop("name")

        def _parse_timezone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        timezone = _parse_timezone(d.pop("timezone"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        organization_out = cls(
            code=code,
            country=country,
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            timezone=timezone,
            updated_at=updated_at,
            version=version,
        )


        organization_out.additional_properties = d
        return organization_out

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
