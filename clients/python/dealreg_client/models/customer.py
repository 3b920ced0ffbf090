from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.customer_size_type_1 import CustomerSizeType1
from ..models.customer_size_type_2_type_1 import CustomerSizeType2Type1
from ..models.customer_size_type_3_type_1 import CustomerSizeType3Type1
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="Customer")



@_attrs_define
class Customer:
    """ 
        Attributes:
            country (str): ISO 3166-1 alpha-2
            legal_name (str):
            city (None | str | Unset):
            domain (None | str | Unset):
            industry (None | str | Unset):
            postal_code (None | str | Unset):
            region (None | str | Unset):
            size (CustomerSizeType1 | CustomerSizeType2Type1 | CustomerSizeType3Type1 | None | Unset):
     """

    country: str
    legal_name: str
    city: None | str | Unset = UNSET
    domain: None | str | Unset = UNSET
    industry: None | str | Unset = UNSET
    postal_code: None | str | Unset = UNSET
    region: None | str | Unset = UNSET
    size: CustomerSizeType1 | CustomerSizeType2Type1 | CustomerSizeType3Type1 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        country = self.country

        legal_name = self.legal_name

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        else:
            industry = self.industry

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        size: None | str | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        elif isinstance(self.size, CustomerSizeType1):
            size = self.size.value
        elif isinstance(self.size, CustomerSizeType2Type1):
            size = self.size.value
        elif isinstance(self.size, CustomerSizeType3Type1):
            size = self.size.value
        else:
            size = self.size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "country": country,
            "legal_name": legal_name,
        })
        if city is not UNSET:
            field_dict["city"] = city
        if domain is not UNSET:
            field_dict["domain"] = domain
        if industry is not UNSET:
            field_dict["industry"] = industry
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if region is not UNSET:
            field_dict["region"] = region
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        legal_name = d.pop("legal_name")

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))


        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))


        def _parse_industry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))


        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postal_code", UNSET))


        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))


        def _parse_size(data: object) -> CustomerSizeType1 | CustomerSizeType2Type1 | CustomerSizeType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_type_1 = CustomerSizeType1(data)



                return size_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_type_2_type_1 = CustomerSizeType2Type1(data)



                return size_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_type_3_type_1 = CustomerSizeType3Type1(data)



                return size_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerSizeType1 | CustomerSizeType2Type1 | CustomerSizeType3Type1 | None | Unset, data)

        size = _parse_size(d.pop("size", UNSET))


        customer = cls(
            country=country,
            legal_name=legal_name,
            city=city,
            domain=domain,
            industry=industry,
            postal_code=postal_code,
            region=region,
            size=size,
        )


        customer.additional_properties = d
        return customer

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
