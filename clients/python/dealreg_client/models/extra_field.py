from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.extra_field_type import ExtraFieldType
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.choice import Choice





T = TypeVar("T", bound="ExtraField")



@_attrs_define
class ExtraField:
    """ 
        Attributes:
            key (str):
            label (str):
            type_ (ExtraFieldType):
            choices (list[Choice | str] | None | Unset):
            help_ (str | Unset):  Default: ''.
            required (bool | Unset):  Default: True.
     """

    key: str
    label: str
    type_: ExtraFieldType
    choices: list[Choice | str] | None | Unset = UNSET
    help_: str | Unset = ''
    required: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.choice import Choice # noqa: PLC0415
        key = self.key

        label = self.label

        type_ = self.type_.value

        choices: list[dict[str, Any] | str] | None | Unset
        if isinstance(self.choices, Unset):
            choices = UNSET
        elif isinstance(self.choices, list):
            choices = []
            for choices_type_0_item_data in self.choices:
                choices_type_0_item: dict[str, Any] | str
                if isinstance(choices_type_0_item_data, Choice):
                    choices_type_0_item = choices_type_0_item_data.to_dict()
                else:
                    choices_type_0_item = choices_type_0_item_data
                choices.append(choices_type_0_item)


        else:
            choices = self.choices

        help_ = self.help_

        required = self.required


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "label": label,
            "type": type_,
        })
        if choices is not UNSET:
            field_dict["choices"] = choices
        if help_ is not UNSET:
            field_dict["help"] = help_
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.choice import Choice # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        label = d.pop("label")

        type_ = ExtraFieldType(d.pop("type"))




        def _parse_choices(data: object) -> list[Choice | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = []
                _choices_type_0 = data
                for choices_type_0_item_data in (_choices_type_0):
                    def _parse_choices_type_0_item(data: object) -> Choice | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            choices_type_0_item_type_0 = Choice.from_dict(data)



                            return choices_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(Choice | str, data)

                    choices_type_0_item = _parse_choices_type_0_item(choices_type_0_item_data)

                    choices_type_0.append(choices_type_0_item)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Choice | str] | None | Unset, data)

        choices = _parse_choices(d.pop("choices", UNSET))


        help_ = d.pop("help", UNSET)

        required = d.pop("required", UNSET)

        extra_field = cls(
            key=key,
            label=label,
            type_=type_,
            choices=choices,
            help_=help_,
            required=required,
        )


        extra_field.additional_properties = d
        return extra_field

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
