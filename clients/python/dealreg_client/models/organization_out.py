from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.org_kind import OrgKind
from ..models.revenue_band import RevenueBand
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OrganizationOut")



@_attrs_define
class OrganizationOut:
    """ 
        Attributes:
            annual_revenue_band (None | RevenueBand):
            code (None | str):
            country (str):
            created_at (datetime.datetime):
            employees (int | None):
            id (UUID):
            kind (OrgKind):
            name (str):
            timezone (None | str):
            updated_at (datetime.datetime):
            version (int):
     """

    annual_revenue_band: None | RevenueBand
    code: None | str
    country: str
    created_at: datetime.datetime
    employees: int | None
    id: UUID
    kind: OrgKind
    name: str
    timezone: None | str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        annual_revenue_band: None | str
        if isinstance(self.annual_revenue_band, RevenueBand):
            annual_revenue_band = self.annual_revenue_band.value
        else:
            annual_revenue_band = self.annual_revenue_band

        code: None | str
        code = self.code

        country = self.country

        created_at = self.created_at.isoformat()

        employees: int | None
        employees = self.employees

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
            "annual_revenue_band": annual_revenue_band,
            "code": code,
            "country": country,
            "created_at": created_at,
            "employees": employees,
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
        def _parse_annual_revenue_band(data: object) -> None | RevenueBand:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                annual_revenue_band_type_0 = RevenueBand(data)



                return annual_revenue_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RevenueBand, data)

        annual_revenue_band = _parse_annual_revenue_band(d.pop("annual_revenue_band"))


        def _parse_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        code = _parse_code(d.pop("code"))


        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_employees(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        employees = _parse_employees(d.pop("employees"))


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
            annual_revenue_band=annual_revenue_band,
            code=code,
            country=country,
            created_at=created_at,
            employees=employees,
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
