from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.revenue_band import RevenueBand
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OrganizationUpdate")



@_attrs_define
class OrganizationUpdate:
    """ 
        Attributes:
            annual_revenue_band (None | RevenueBand | Unset):
            code (str | Unset): Upper-case prefix of the organization's registration numbers
            country (str | Unset): ISO 3166-1 alpha-2
            employees (int | None | Unset):
            name (str | Unset):
            timezone (str | Unset): IANA time zone
     """

    annual_revenue_band: None | RevenueBand | Unset = UNSET
    code: str | Unset = UNSET
    country: str | Unset = UNSET
    employees: int | None | Unset = UNSET
    name: str | Unset = UNSET
    timezone: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        annual_revenue_band: None | str | Unset
        if isinstance(self.annual_revenue_band, Unset):
            annual_revenue_band = UNSET
        elif isinstance(self.annual_revenue_band, RevenueBand):
            annual_revenue_band = self.annual_revenue_band.value
        else:
            annual_revenue_band = self.annual_revenue_band

        code: str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        country: str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        employees: int | None | Unset
        if isinstance(self.employees, Unset):
            employees = UNSET
        else:
            employees = self.employees

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        timezone: str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if annual_revenue_band is not UNSET:
            field_dict["annual_revenue_band"] = annual_revenue_band
        if code is not UNSET:
            field_dict["code"] = code
        if country is not UNSET:
            field_dict["country"] = country
        if employees is not UNSET:
            field_dict["employees"] = employees
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_annual_revenue_band(data: object) -> None | RevenueBand | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                annual_revenue_band_type_0 = RevenueBand(data)



                return annual_revenue_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RevenueBand | Unset, data)

        annual_revenue_band = _parse_annual_revenue_band(d.pop("annual_revenue_band", UNSET))


        def _parse_code(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))


        def _parse_country(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))


        def _parse_employees(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        employees = _parse_employees(d.pop("employees", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_timezone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        organization_update = cls(
            annual_revenue_band=annual_revenue_band,
            code=code,
            country=country,
            employees=employees,
            name=name,
            timezone=timezone,
        )


        organization_update.additional_properties = d
        return organization_update

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
