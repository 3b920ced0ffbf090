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
  from ..models.vendor_input_answers import VendorInputAnswers





T = TypeVar("T", bound="VendorInput")



@_attrs_define
class VendorInput:
    """ 
        Attributes:
            vendor_id (UUID):
            answers (VendorInputAnswers | Unset):
            program_id (None | Unset | UUID):
     """

    vendor_id: UUID
    answers: VendorInputAnswers | Unset = UNSET
    program_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.vendor_input_answers import VendorInputAnswers # noqa: PLC0415
        vendor_id = str(self.vendor_id)

        answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.answers, Unset):
            answers = self.answers.to_dict()

        program_id: None | str | Unset
        if isinstance(self.program_id, Unset):
            program_id = UNSET
        elif isinstance(self.program_id, UUID):
            program_id = str(self.program_id)
        else:
            program_id = self.program_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "vendor_id": vendor_id,
        })
        if answers is not UNSET:
            field_dict["answers"] = answers
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vendor_input_answers import VendorInputAnswers # noqa: PLC0415
        d = dict(src_dict)
        vendor_id = UUID(d.pop("vendor_id"))




        _answers = d.pop("answers", UNSET)
        answers: VendorInputAnswers | Unset
        if isinstance(_answers,  Unset):
            answers = UNSET
        else:
            answers = VendorInputAnswers.from_dict(_answers)




        def _parse_program_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                program_id_type_0 = UUID(data)



                return program_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        program_id = _parse_program_id(d.pop("program_id", UNSET))


        vendor_input = cls(
            vendor_id=vendor_id,
            answers=answers,
            program_id=program_id,
        )


        vendor_input.additional_properties = d
        return vendor_input

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
