from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.field_problem_params_type_0 import FieldProblemParamsType0





T = TypeVar("T", bound="FieldProblem")



@_attrs_define
class FieldProblem:
    """ 
        Attributes:
            code (str):
            detail (str):
            location (None | str | Unset):
            parameter (None | str | Unset):
            params (FieldProblemParamsType0 | None | Unset):
            pointer (None | str | Unset):
            vendor_id (None | Unset | UUID):
     """

    code: str
    detail: str
    location: None | str | Unset = UNSET
    parameter: None | str | Unset = UNSET
    params: FieldProblemParamsType0 | None | Unset = UNSET
    pointer: None | str | Unset = UNSET
    vendor_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.field_problem_params_type_0 import FieldProblemParamsType0 # noqa: PLC0415
        code = self.code

        detail = self.detail

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        parameter: None | str | Unset
        if isinstance(self.parameter, Unset):
            parameter = UNSET
        else:
            parameter = self.parameter

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, FieldProblemParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        pointer: None | str | Unset
        if isinstance(self.pointer, Unset):
            pointer = UNSET
        else:
            pointer = self.pointer

        vendor_id: None | str | Unset
        if isinstance(self.vendor_id, Unset):
            vendor_id = UNSET
        elif isinstance(self.vendor_id, UUID):
            vendor_id = str(self.vendor_id)
        else:
            vendor_id = self.vendor_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "code": code,
            "detail": detail,
        })
        if location is not UNSET:
            field_dict["location"] = location
        if parameter is not UNSET:
            field_dict["parameter"] = parameter
        if params is not UNSET:
            field_dict["params"] = params
        if pointer is not UNSET:
            field_dict["pointer"] = pointer
        if vendor_id is not UNSET:
            field_dict["vendor_id"] = vendor_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_problem_params_type_0 import FieldProblemParamsType0 # noqa: PLC0415
        d = dict(src_dict)
        code = d.pop("code")

        detail = d.pop("detail")

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))


        def _parse_parameter(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parameter = _parse_parameter(d.pop("parameter", UNSET))


        def _parse_params(data: object) -> FieldProblemParamsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = FieldProblemParamsType0.from_dict(data)



                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldProblemParamsType0 | None | Unset, data)

        params = _parse_params(d.pop("params", UNSET))


        def _parse_pointer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pointer = _parse_pointer(d.pop("pointer", UNSET))


        def _parse_vendor_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vendor_id_type_0 = UUID(data)



                return vendor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        vendor_id = _parse_vendor_id(d.pop("vendor_id", UNSET))


        field_problem = cls(
            code=code,
            detail=detail,
            location=location,
            parameter=parameter,
            params=params,
            pointer=pointer,
            vendor_id=vendor_id,
        )


        field_problem.additional_properties = d
        return field_problem

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
