from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.breach_action import BreachAction
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.week import Week





T = TypeVar("T", bound="PolicyOut")



@_attrs_define
class PolicyOut:
    """ 
        Attributes:
            breach_action (BreachAction):
            closed_dates (list[datetime.date]):
            escalation_email (None | str):
            hard_limit_days (float):
            holiday_country (None | str):
            holiday_subdivision (None | str):
            program_id (None | UUID):
            stored (bool):
            target_days (float):
            vendor_id (UUID):
            version (int):
            working_hours (Week):
     """

    breach_action: BreachAction
    closed_dates: list[datetime.date]
    escalation_email: None | str
    hard_limit_days: float
    holiday_country: None | str
    holiday_subdivision: None | str
    program_id: None | UUID
    stored: bool
    target_days: float
    vendor_id: UUID
    version: int
    working_hours: Week
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.week import Week # noqa: PLC0415
        breach_action = self.breach_action.value

        closed_dates = []
        for closed_dates_item_data in self.closed_dates:
            closed_dates_item = closed_dates_item_data.isoformat()
            closed_dates.append(closed_dates_item)



        escalation_email: None | str
        escalation_email = self.escalation_email

        hard_limit_days = self.hard_limit_days

        holiday_country: None | str
        holiday_country = self.holiday_country

        holiday_subdivision: None | str
        holiday_subdivision = self.holiday_subdivision

        program_id: None | str
        if isinstance(self.program_id, UUID):
            program_id = str(self.program_id)
        else:
            program_id = self.program_id

        stored = self.stored

        target_days = self.target_days

        vendor_id = str(self.vendor_id)

        version = self.version

        working_hours = self.working_hours.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "breach_action": breach_action,
            "closed_dates": closed_dates,
            "escalation_email": escalation_email,
            "hard_limit_days": hard_limit_days,
            "holiday_country": holiday_country,
            "holiday_subdivision": holiday_subdivision,
            "program_id": program_id,
            "stored": stored,
            "target_days": target_days,
            "vendor_id": vendor_id,
            "version": version,
            "working_hours": working_hours,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.week import Week # noqa: PLC0415
        d = dict(src_dict)
        breach_action = BreachAction(d.pop("breach_action"))




        closed_dates = []
        _closed_dates = d.pop("closed_dates")
        for closed_dates_item_data in (_closed_dates):
            closed_dates_item = datetime.date.fromisoformat(closed_dates_item_data)



            closed_dates.append(closed_dates_item)


        def _parse_escalation_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        escalation_email = _parse_escalation_email(d.pop("escalation_email"))


        hard_limit_days = d.pop("hard_limit_days")

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


        def _parse_program_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                program_id_type_0 = UUID(data)



                return program_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        program_id = _parse_program_id(d.pop("program_id"))


        stored = d.pop("stored")

        target_days = d.pop("target_days")

        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        working_hours = Week.from_dict(d.pop("working_hours"))




        policy_out = cls(
            breach_action=breach_action,
            closed_dates=closed_dates,
            escalation_email=escalation_email,
            hard_limit_days=hard_limit_days,
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            program_id=program_id,
            stored=stored,
            target_days=target_days,
            vendor_id=vendor_id,
            version=version,
            working_hours=working_hours,
        )


        policy_out.additional_properties = d
        return policy_out

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
