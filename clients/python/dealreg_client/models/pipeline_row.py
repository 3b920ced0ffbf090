from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.pipeline_flag import PipelineFlag
from ..models.plan_status import PlanStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PipelineRow")



@_attrs_define
class PipelineRow:
    """ 
        Attributes:
            currency (None | str):
            first_day (datetime.date):
            flags (list[PipelineFlag]):
            last_day (datetime.date):
            other_currency_registrations (int):
            partner_id (UUID):
            partner_name (str):
            partnership_id (UUID):
            performance_to_plan (float | None):
            plan (int | None):
            plan_status (None | PlanStatus):
            quarter (str):
            registered_count (int):
            registered_pipeline (int | None):
            risk_adjusted_pipeline (int | None):
            risk_adjusted_pipeline_target (int | None):
            total_pipeline_target (int | None):
            vendor_id (UUID):
            vendor_name (str):
            won (int | None):
            won_count (int):
     """

    currency: None | str
    first_day: datetime.date
    flags: list[PipelineFlag]
    last_day: datetime.date
    other_currency_registrations: int
    partner_id: UUID
    partner_name: str
    partnership_id: UUID
    performance_to_plan: float | None
    plan: int | None
    plan_status: None | PlanStatus
    quarter: str
    registered_count: int
    registered_pipeline: int | None
    risk_adjusted_pipeline: int | None
    risk_adjusted_pipeline_target: int | None
    total_pipeline_target: int | None
    vendor_id: UUID
    vendor_name: str
    won: int | None
    won_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        currency: None | str
        currency = self.currency

        first_day = self.first_day.isoformat()

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)



        last_day = self.last_day.isoformat()

        other_currency_registrations = self.other_currency_registrations

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        partnership_id = str(self.partnership_id)

        performance_to_plan: float | None
        performance_to_plan = self.performance_to_plan

        plan: int | None
        plan = self.plan

        plan_status: None | str
        if isinstance(self.plan_status, PlanStatus):
            plan_status = self.plan_status.value
        else:
            plan_status = self.plan_status

        quarter = self.quarter

        registered_count = self.registered_count

        registered_pipeline: int | None
        registered_pipeline = self.registered_pipeline

        risk_adjusted_pipeline: int | None
        risk_adjusted_pipeline = self.risk_adjusted_pipeline

        risk_adjusted_pipeline_target: int | None
        risk_adjusted_pipeline_target = self.risk_adjusted_pipeline_target

        total_pipeline_target: int | None
        total_pipeline_target = self.total_pipeline_target

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name

        won: int | None
        won = self.won

        won_count = self.won_count


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "currency": currency,
            "first_day": first_day,
            "flags": flags,
            "last_day": last_day,
            "other_currency_registrations": other_currency_registrations,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "partnership_id": partnership_id,
            "performance_to_plan": performance_to_plan,
            "plan": plan,
            "plan_status": plan_status,
            "quarter": quarter,
            "registered_count": registered_count,
            "registered_pipeline": registered_pipeline,
            "risk_adjusted_pipeline": risk_adjusted_pipeline,
            "risk_adjusted_pipeline_target": risk_adjusted_pipeline_target,
            "total_pipeline_target": total_pipeline_target,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
            "won": won,
            "won_count": won_count,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))


        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        flags = []
        _flags = d.pop("flags")
        for flags_item_data in (_flags):
            flags_item = PipelineFlag(flags_item_data)



            flags.append(flags_item)


        last_day = datetime.date.fromisoformat(d.pop("last_day"))




        other_currency_registrations = d.pop("other_currency_registrations")

        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        partnership_id = UUID(d.pop("partnership_id"))




        def _parse_performance_to_plan(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        performance_to_plan = _parse_performance_to_plan(d.pop("performance_to_plan"))


        def _parse_plan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        plan = _parse_plan(d.pop("plan"))


        def _parse_plan_status(data: object) -> None | PlanStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                plan_status_type_0 = PlanStatus(data)



                return plan_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanStatus, data)

        plan_status = _parse_plan_status(d.pop("plan_status"))


        quarter = d.pop("quarter")

        registered_count = d.pop("registered_count")

        def _parse_registered_pipeline(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        registered_pipeline = _parse_registered_pipeline(d.pop("registered_pipeline"))


        def _parse_risk_adjusted_pipeline(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        risk_adjusted_pipeline = _parse_risk_adjusted_pipeline(d.pop("risk_adjusted_pipeline"))


        def _parse_risk_adjusted_pipeline_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        risk_adjusted_pipeline_target = _parse_risk_adjusted_pipeline_target(d.pop("risk_adjusted_pipeline_target"))


        def _parse_total_pipeline_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total_pipeline_target = _parse_total_pipeline_target(d.pop("total_pipeline_target"))


        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        def _parse_won(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        won = _parse_won(d.pop("won"))


        won_count = d.pop("won_count")

        pipeline_row = cls(
            currency=currency,
            first_day=first_day,
            flags=flags,
            last_day=last_day,
            other_currency_registrations=other_currency_registrations,
            partner_id=partner_id,
            partner_name=partner_name,
            partnership_id=partnership_id,
            performance_to_plan=performance_to_plan,
            plan=plan,
            plan_status=plan_status,
            quarter=quarter,
            registered_count=registered_count,
            registered_pipeline=registered_pipeline,
            risk_adjusted_pipeline=risk_adjusted_pipeline,
            risk_adjusted_pipeline_target=risk_adjusted_pipeline_target,
            total_pipeline_target=total_pipeline_target,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
            won=won,
            won_count=won_count,
        )


        pipeline_row.additional_properties = d
        return pipeline_row

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
