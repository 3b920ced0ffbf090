from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.shift import Shift





T = TypeVar("T", bound="Week")



@_attrs_define
class Week:
    """ 
        Attributes:
            friday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            monday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            saturday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            sunday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            thursday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            tuesday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
            wednesday (list[Shift] | Unset): The day's working shifts, in order; none: the vendor is closed that day.
     """

    friday: list[Shift] | Unset = UNSET
    monday: list[Shift] | Unset = UNSET
    saturday: list[Shift] | Unset = UNSET
    sunday: list[Shift] | Unset = UNSET
    thursday: list[Shift] | Unset = UNSET
    tuesday: list[Shift] | Unset = UNSET
    wednesday: list[Shift] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.shift import Shift # noqa: PLC0415
        friday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.friday, Unset):
            friday = []
            for friday_item_data in self.friday:
                friday_item = friday_item_data.to_dict()
                friday.append(friday_item)



        monday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.monday, Unset):
            monday = []
            for monday_item_data in self.monday:
                monday_item = monday_item_data.to_dict()
                monday.append(monday_item)



        saturday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.saturday, Unset):
            saturday = []
            for saturday_item_data in self.saturday:
                saturday_item = saturday_item_data.to_dict()
                saturday.append(saturday_item)



        sunday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sunday, Unset):
            sunday = []
            for sunday_item_data in self.sunday:
                sunday_item = sunday_item_data.to_dict()
                sunday.append(sunday_item)



        thursday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.thursday, Unset):
            thursday = []
            for thursday_item_data in self.thursday:
                thursday_item = thursday_item_data.to_dict()
                thursday.append(thursday_item)



        tuesday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tuesday, Unset):
            tuesday = []
            for tuesday_item_data in self.tuesday:
                tuesday_item = tuesday_item_data.to_dict()
                tuesday.append(tuesday_item)



        wednesday: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.wednesday, Unset):
            wednesday = []
            for wednesday_item_data in self.wednesday:
                wednesday_item = wednesday_item_data.to_dict()
                wednesday.append(wednesday_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if friday is not UNSET:
            field_dict["friday"] = friday
        if monday is not UNSET:
            field_dict["monday"] = monday
        if saturday is not UNSET:
            field_dict["saturday"] = saturday
        if sunday is not UNSET:
            field_dict["sunday"] = sunday
        if thursday is not UNSET:
            field_dict["thursday"] = thursday
        if tuesday is not UNSET:
            field_dict["tuesday"] = tuesday
        if wednesday is not UNSET:
            field_dict["wednesday"] = wednesday

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.shift import Shift # noqa: PLC0415
        d = dict(src_dict)
        _friday = d.pop("friday", UNSET)
        friday: list[Shift] | Unset = UNSET
        if _friday is not UNSET:
            friday = []
            for friday_item_data in _friday:
                friday_item = Shift.from_dict(friday_item_data)



                friday.append(friday_item)


        _monday = d.pop("monday", UNSET)
        monday: list[Shift] | Unset = UNSET
        if _monday is not UNSET:
            monday = []
            for monday_item_data in _monday:
                monday_item = Shift.from_dict(monday_item_data)



                monday.append(monday_item)


        _saturday = d.pop("saturday", UNSET)
        saturday: list[Shift] | Unset = UNSET
        if _saturday is not UNSET:
            saturday = []
            for saturday_item_data in _saturday:
                saturday_item = Shift.from_dict(saturday_item_data)



                saturday.append(saturday_item)


        _sunday = d.pop("sunday", UNSET)
        sunday: list[Shift] | Unset = UNSET
        if _sunday is not UNSET:
            sunday = []
            for sunday_item_data in _sunday:
                sunday_item = Shift.from_dict(sunday_item_data)



                sunday.append(sunday_item)


        _thursday = d.pop("thursday", UNSET)
        thursday: list[Shift] | Unset = UNSET
        if _thursday is not UNSET:
            thursday = []
            for thursday_item_data in _thursday:
                thursday_item = Shift.from_dict(thursday_item_data)



                thursday.append(thursday_item)


        _tuesday = d.pop("tuesday", UNSET)
        tuesday: list[Shift] | Unset = UNSET
        if _tuesday is not UNSET:
            tuesday = []
            for tuesday_item_data in _tuesday:
                tuesday_item = Shift.from_dict(tuesday_item_data)



                tuesday.append(tuesday_item)


        _wednesday = d.pop("wednesday", UNSET)
        wednesday: list[Shift] | Unset = UNSET
        if _wednesday is not UNSET:
            wednesday = []
            for wednesday_item_data in _wednesday:
                wednesday_item = Shift.from_dict(wednesday_item_data)



                wednesday.append(wednesday_item)


        week = cls(
            friday=friday,
            monday=monday,
            saturday=saturday,
            sunday=sunday,
            thursday=thursday,
            tuesday=tuesday,
            wednesday=wednesday,
        )


        week.additional_properties = d
        return week

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
