from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.me_out_kind import MeOutKind
from ..models.role import Role
from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.organization_out import OrganizationOut





T = TypeVar("T", bound="MeOut")



@_attrs_define
class MeOut:
    """ 
        Attributes:
            id (UUID):
            kind (MeOutKind):
            organization (OrganizationOut):
            role (Role):
            scopes (list[str]):
            email (None | str | Unset):
            name (None | str | Unset):
     """

    id: UUID
    kind: MeOutKind
    organization: OrganizationOut
    role: Role
    scopes: list[str]
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.organization_out import OrganizationOut # noqa: PLC0415
        id = str(self.id)

        kind = self.kind.value

        organization = self.organization.to_dict()

        role = self.role.value

        scopes = self.scopes



        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "kind": kind,
            "organization": organization,
            "role": role,
            "scopes": scopes,
        })
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organization_out import OrganizationOut # noqa: PLC0415
        d = dict(src_dict)
        id = UUID(d.pop("id"))




        kind = MeOutKind(d.pop("kind"))




        organization = OrganizationOut.from_dict(d.pop("organization"))




        role = Role(d.pop("role"))




        scopes = cast(list[str], d.pop("scopes"))


        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))


        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        me_out = cls(
            id=id,
            kind=kind,
            organization=organization,
            role=role,
            scopes=scopes,
            email=email,
            name=name,
        )


        me_out.additional_properties = d
        return me_out

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
