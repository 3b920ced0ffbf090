from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from typing import Literal, cast

if TYPE_CHECKING:
  from ..models.field_problem import FieldProblem





T = TypeVar("T", bound="InvalidClientProblem")



@_attrs_define
class InvalidClientProblem:
    """ Client authentication failed. The client id or secret is wrong, or the client is disabled. What to do: Check the
    client's credentials; a rotated secret must be updated.

        Attributes:
            detail (str):
            status (Literal[401]):
            title (str):
            type_ (Literal['https://dealreg.dev/problems/invalid-client']):
            error (str | Unset): The RFC 6749 §5.2 error code (`invalid_grant`, `invalid_client`...).
            error_description (str | Unset): The same as `detail`, for OAuth2 clients.
            errors (list[FieldProblem] | None | Unset):
            instance (None | str | Unset):
     """

    detail: str
    status: Literal[401]
    title: str
    type_: Literal['https://dealreg.dev/problems/invalid-client']
    error: str | Unset = UNSET
    error_description: str | Unset = UNSET
    errors: list[FieldProblem] | None | Unset = UNSET
    instance: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.field_problem import FieldProblem # noqa: PLC0415
        detail = self.detail

        status = self.status

        title = self.title

        type_ = self.type_

        error = self.error

        error_description = self.error_description

        errors: list[dict[str, Any]] | None | Unset
        if isinstance(self.errors, Unset):
            errors = UNSET
        elif isinstance(self.errors, list):
            errors = []
            for errors_type_0_item_data in self.errors:
                errors_type_0_item = errors_type_0_item_data.to_dict()
                errors.append(errors_type_0_item)


        else:
            errors = self.errors

        instance: None | str | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        else:
            instance = self.instance


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "detail": detail,
            "status": status,
            "title": title,
            "type": type_,
        })
        if error is not UNSET:
            field_dict["error"] = error
        if error_description is not UNSET:
            field_dict["error_description"] = error_description
        if errors is not UNSET:
            field_dict["errors"] = errors
        if instance is not UNSET:
            field_dict["instance"] = instance

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_problem import FieldProblem # noqa: PLC0415
        d = dict(src_dict)
        detail = d.pop("detail")

        status = cast(Literal[401] , d.pop("status"))
        if status != 401:
            raise ValueError(f"status must match const 401, got '{status}'")

        title = d.pop("title")

        type_ = cast(Literal['https://dealreg.dev/problems/invalid-client'] , d.pop("type"))
        if type_ != 'https://dealreg.dev/problems/invalid-client':
            raise ValueError(f"type must match const 'https://dealreg.dev/problems/invalid-client', got '{type_}'")

        error = d.pop("error", UNSET)

        error_description = d.pop("error_description", UNSET)

        def _parse_errors(data: object) -> list[FieldProblem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                errors_type_0 = []
                _errors_type_0 = data
                for errors_type_0_item_data in (_errors_type_0):
                    errors_type_0_item = FieldProblem.from_dict(errors_type_0_item_data)



                    errors_type_0.append(errors_type_0_item)

                return errors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldProblem] | None | Unset, data)

        errors = _parse_errors(d.pop("errors", UNSET))


        def _parse_instance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance = _parse_instance(d.pop("instance", UNSET))


        invalid_client_problem = cls(
            detail=detail,
            status=status,
            title=title,
            type_=type_,
            error=error,
            error_description=error_description,
            errors=errors,
            instance=instance,
        )


        invalid_client_problem.additional_properties = d
        return invalid_client_problem

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
