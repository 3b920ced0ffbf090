from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.extension_out import ExtensionOut
  from ..models.registration_out import RegistrationOut





T = TypeVar("T", bound="ExtensionResult")



@_attrs_define
class ExtensionResult:
    """ 
        Attributes:
            extension (ExtensionOut):
            registration (RegistrationOut):
     """

    extension: ExtensionOut
    registration: RegistrationOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.extension_out import ExtensionOut # noqa: PLC0415
        from ..models.registration_out import RegistrationOut # noqa: PLC0415
        extension = self.extension.to_dict()

        registration = self.registration.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "extension": extension,
            "registration": registration,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.extension_out import ExtensionOut # noqa: PLC0415
        from ..models.registration_out import RegistrationOut # noqa: PLC0415
        d = dict(src_dict)
        extension = ExtensionOut.from_dict(d.pop("extension"))




        registration = RegistrationOut.from_dict(d.pop("registration"))




        extension_result = cls(
            extension=extension,
            registration=registration,
        )


        extension_result.additional_properties = d
        return extension_result

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
