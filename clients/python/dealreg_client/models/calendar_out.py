from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.week import Week





T = TypeVar("T", bound="CalendarOut")



@_attrs_define
class CalendarOut:
    """ The calendar the clock runs on: the policy copied when it started (today's policy may differ).

        Attributes:
            closed_dates (list[datetime.date]): The organization's own closed dates.
            holiday_country (None | str): Whose public holidays close the vendor; null for none.
            holiday_subdivision (None | str): The country's subdivision whose holidays also count, if any.
            holidays (list[datetime.date]): The public holidays kept with the clock when it started (its submission's year
                and the next): a newer holiday calendar does not move it.
            timezone (str): The IANA time zone of the working hours (the vendor's).
            working_hours (Week):
     """

    closed_dates: list[datetime.date]
    holiday_country: None | str
    holiday_subdivision: None | str
    holidays: list[datetime.date]
    timezone: str
    working_hours: Week
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.week import Week # noqa: PLC0415
        closed_dates = []
        for closed_dates_item_data in self.closed_dates:
            closed_dates_item = closed_dates_item_data.isoformat()
            closed_dates.append(closed_dates_item)



        holiday_country: None | str
        holiday_country = self.holiday_country

        holiday_subdivision: None | str
        holiday_subdivision = self.holiday_subdivision

        holidays = []
        for holidays_item_data in self.holidays:
            holidays_item = holidays_item_data.isoformat()
            holidays.append(holidays_item)



        timezone = self.timezone

        working_hours = self.working_hours.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "closed_dates": closed_dates,
            "holiday_country": holiday_country,
            "holiday_subdivision": holiday_subdivision,
            "holidays": holidays,
            "timezone": timezone,
            "working_hours": working_hours,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.week import Week # noqa: PLC0415
        d = dict(src_dict)
        closed_dates = []
        _closed_dates = d.pop("closed_dates")
        for closed_dates_item_data in (_closed_dates):
            closed_dates_item = datetime.date.fromisoformat(closed_dates_item_data)



            closed_dates.append(closed_dates_item)


        def _parse_holiday_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country"))


        def _parse_holiday_subdivision(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision"))


        holidays = []
        _holidays = d.pop("holidays")
        for holidays_item_data in (_holidays):
            holidays_item = datetime.date.fromisoformat(holidays_item_data)



            holidays.append(holidays_item)


        timezone = d.pop("timezone")

        working_hours = Week.from_dict(d.pop("working_hours"))




        calendar_out = cls(
            closed_dates=closed_dates,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            holidays=holidays,
            timezone=timezone,
            working_hours=working_hours,
        )


        calendar_out.additional_properties = d
        return calendar_out

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
