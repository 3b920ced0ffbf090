from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.resubmission_answers_type_0 import ResubmissionAnswersType0





T = TypeVar("T", bound="Resubmission")



@_attrs_define
class Resubmission:
    """ 
        Attributes:
            reply (str):
            answers (None | ResubmissionAnswersType0 | Unset):
     """

    reply: str
    answers: None | ResubmissionAnswersType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.resubmission_answers_type_0 import ResubmissionAnswersType0 # noqa: PLC0415
        reply = self.reply

        answers: dict[str, Any] | None | Unset
        if isinstance(self.answers, Unset):
            answers = UNSET
        elif isinstance(self.answers, ResubmissionAnswersType0):
            answers = self.answers.to_dict()
        else:
            answers = self.answers


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reply": reply,
        })
        if answers is not UNSET:
            field_dict["answers"] = answers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.resubmission_answers_type_0 import ResubmissionAnswersType0 # noqa: PLC0415
        d = dict(src_dict)
        reply = d.pop("reply")

        def _parse_answers(data: object) -> None | ResubmissionAnswersType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answers_type_0 = ResubmissionAnswersType0.from_dict(data)



                return answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResubmissionAnswersType0 | Unset, data)

        answers = _parse_answers(d.pop("answers", UNSET))


        resubmission = cls(
            reply=reply,
            answers=answers,
        )


        resubmission.additional_properties = d
        return resubmission

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
