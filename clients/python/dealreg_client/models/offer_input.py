from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OfferInput")



@_attrs_define
class OfferInput:
    """ 
        Attributes:
            discount_bp (int):
            registrations (int):
            valid_until (datetime.datetime): ISO 8601 with an offset
            call_task_id (None | Unset | UUID):
            note (None | str | Unset):
            skus (list[str] | None | Unset):
     """

    discount_bp: int
    registrations: int
    valid_until: datetime.datetime
    call_task_id: None | Unset | UUID = UNSET
    note: None | str | Unset = UNSET
    skus: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        discount_bp = self.discount_bp

        registrations = self.registrations

        valid_until = self.valid_until.isoformat()

        call_task_id: None | str | Unset
        if isinstance(self.call_task_id, Unset):
            call_task_id = UNSET
        elif isinstance(self.call_task_id, UUID):
            call_task_id = str(self.call_task_id)
        else:
            call_task_id = self.call_task_id

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        skus: list[str] | None | Unset
        if isinstance(self.skus, Unset):
            skus = UNSET
        elif isinstance(self.skus, list):
            skus = self.skus


        else:
            skus = self.skus


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "discount_bp": discount_bp,
            "registrations": registrations,
            "valid_until": valid_until,
        })
        if call_task_id is not UNSET:
            field_dict["call_task_id"] = call_task_id
        if note is not UNSET:
            field_dict["note"] = note
        if skus is not UNSET:
            field_dict["skus"] = skus

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        discount_bp = d.pop("discount_bp")

        registrations = d.pop("registrations")

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))




        def _parse_call_task_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                call_task_id_type_0 = UUID(data)



                return call_task_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        call_task_id = _parse_call_task_id(d.pop("call_task_id", UNSET))


        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))


        def _parse_skus(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skus_type_0 = cast(list[str], data)

                return skus_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skus = _parse_skus(d.pop("skus", UNSET))


        offer_input = cls(
            discount_bp=discount_bp,
            registrations=registrations,
            valid_until=valid_until,
            call_task_id=call_task_id,
            note=note,
            skus=skus,
        )


        offer_input.additional_properties = d
        return offer_input

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
