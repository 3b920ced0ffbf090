from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.breach_action import BreachAction
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.week import Week





T = TypeVar("T", bound="PolicyBody")



@_attrs_define
class PolicyBody:
    """ 
        Attributes:
            breach_action (BreachAction | Unset):
            closed_dates (list[datetime.date] | Unset):
            escalation_email (None | str | Unset):
            hard_limit_days (float | Unset): Default when left out: `4.0`.
            holiday_country (None | str | Unset): ISO 3166-1 alpha-2
            holiday_subdivision (None | str | Unset):
            target_days (float | Unset): Default when left out: `2.0`.
            working_hours (Week | Unset):
     """

    breach_action: BreachAction | Unset = UNSET
    closed_dates: list[datetime.date] | Unset = UNSET
    escalation_email: None | str | Unset = UNSET
    hard_limit_days: float | Unset = UNSET
    holiday_country: None | str | Unset = UNSET
    holiday_subdivision: None | str | Unset = UNSET
    target_days: float | Unset = UNSET
    working_hours: Week | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.week import Week # noqa: PLC0415
        breach_action: str | Unset = UNSET
        if not isinstance(self.breach_action, Unset):
            breach_action = self.breach_action.value


        closed_dates: list[str] | Unset = UNSET
        if not isinstance(self.closed_dates, Unset):
            closed_dates = []
            for closed_dates_item_data in self.closed_dates:
                closed_dates_item = closed_dates_item_data.isoformat()
                closed_dates.append(closed_dates_item)



        escalation_email: None | str | Unset
        if isinstance(self.escalation_email, Unset):
            escalation_email = UNSET
        else:
            escalation_email = self.escalation_email

        hard_limit_days = self.hard_limit_days

        holiday_country: None | str | Unset
        if isinstance(self.holiday_country, Unset):
            holiday_country = UNSET
        else:
            holiday_country = self.holiday_country

        holiday_subdivision: None | str | Unset
        if isinstance(self.holiday_subdivision, Unset):
            holiday_subdivision = UNSET
        else:
            holiday_subdivision = self.holiday_subdivision

        target_days = self.target_days

        working_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.working_hours, Unset):
            working_hours = self.working_hours.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if breach_action is not UNSET:
            field_dict["breach_action"] = breach_action
        if closed_dates is not UNSET:
            field_dict["closed_dates"] = closed_dates
        if escalation_email is not UNSET:
            field_dict["escalation_email"] = escalation_email
        if hard_limit_days is not UNSET:
            field_dict["hard_limit_days"] = hard_limit_days
        if holiday_country is not UNSET:
            field_dict["holiday_country"] = holiday_country
        if holiday_subdivision is not UNSET:
            field_dict["holiday_subdivision"] = holiday_subdivision
        if target_days is not UNSET:
            field_dict["target_days"] = target_days
        if working_hours is not UNSET:
            field_dict["working_hours"] = working_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.week import Week # noqa: PLC0415
        d = dict(src_dict)
        _breach_action = d.pop("breach_action", UNSET)
        breach_action: BreachAction | Unset
        if isinstance(_breach_action,  Unset):
            breach_action = UNSET
        else:
            breach_action = BreachAction(_breach_action)




        _closed_dates = d.pop("closed_dates", UNSET)
        closed_dates: list[datetime.date] | Unset = UNSET
        if _closed_dates is not UNSET:
            closed_dates = []
            for closed_dates_item_data in _closed_dates:
                closed_dates_item = datetime.date.fromisoformat(closed_dates_item_data)



                closed_dates.append(closed_dates_item)


        def _parse_escalation_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        escalation_email = _parse_escalation_email(d.pop("escalation_email", UNSET))


        hard_limit_days = d.pop("hard_limit_days", UNSET)

        def _parse_holiday_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_country = _parse_holiday_country(d.pop("holiday_country", UNSET))


        def _parse_holiday_subdivision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        holiday_subdivision = _parse_holiday_subdivision(d.pop("holiday_subdivision", UNSET))


        target_days = d.pop("target_days", UNSET)

        _working_hours = d.pop("working_hours", UNSET)
        working_hours: Week | Unset
        if isinstance(_working_hours,  Unset):
            working_hours = UNSET
        else:
            working_hours = Week.from_dict(_working_hours)




        policy_body = cls(
            breach_action=breach_action,
            closed_dates=closed_dates,
            escalation_email=escalation_email,
            hard_limit_days=hard_limit_days,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            target_days=target_days,
            working_hours=working_hours,
        )


        policy_body.additional_properties = d
        return policy_body

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
