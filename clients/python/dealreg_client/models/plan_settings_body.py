from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.stage_probabilities_input import StageProbabilitiesInput





T = TypeVar("T", bound="PlanSettingsBody")



@_attrs_define
class PlanSettingsBody:
    """ 
        Attributes:
            fiscal_year_start_month (int | Unset): The month (1 to 12) the fiscal year starts in. Fixed once the vendor has
                plans (409 `fiscal-year-start-locked`). Default when left out: `1`.
            risk_adjusted_pipeline_percent (int | Unset): Percent of the plan: 200 is 2x plan. Default when left out: `100`.
            stage_probabilities (StageProbabilitiesInput | Unset):
            total_pipeline_percent (int | Unset): Percent of the plan: 200 is 2x plan. Default when left out: `200`.
     """

    fiscal_year_start_month: int | Unset = UNSET
    risk_adjusted_pipeline_percent: int | Unset = UNSET
    stage_probabilities: StageProbabilitiesInput | Unset = UNSET
    total_pipeline_percent: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stage_probabilities_input import StageProbabilitiesInput # noqa: PLC0415
        fiscal_year_start_month = self.fiscal_year_start_month

        risk_adjusted_pipeline_percent = self.risk_adjusted_pipeline_percent

        stage_probabilities: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stage_probabilities, Unset):
            stage_probabilities = self.stage_probabilities.to_dict()

        total_pipeline_percent = self.total_pipeline_percent


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if fiscal_year_start_month is not UNSET:
            field_dict["fiscal_year_start_month"] = fiscal_year_start_month
        if risk_adjusted_pipeline_percent is not UNSET:
            field_dict["risk_adjusted_pipeline_percent"] = risk_adjusted_pipeline_percent
        if stage_probabilities is not UNSET:
            field_dict["stage_probabilities"] = stage_probabilities
        if total_pipeline_percent is not UNSET:
            field_dict["total_pipeline_percent"] = total_pipeline_percent

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stage_probabilities_input import StageProbabilitiesInput # noqa: PLC0415
        d = dict(src_dict)
        fiscal_year_start_month = d.pop("fiscal_year_start_month", UNSET)

        risk_adjusted_pipeline_percent = d.pop("risk_adjusted_pipeline_percent", UNSET)

        _stage_probabilities = d.pop("stage_probabilities", UNSET)
        stage_probabilities: StageProbabilitiesInput | Unset
        if isinstance(_stage_probabilities,  Unset):
            stage_probabilities = UNSET
        else:
            stage_probabilities = StageProbabilitiesInput.from_dict(_stage_probabilities)




        total_pipeline_percent = d.pop("total_pipeline_percent", UNSET)

        plan_settings_body = cls(
            fiscal_year_start_month=fiscal_year_start_month,
            risk_adjusted_pipeline_percent=risk_adjusted_pipeline_percent,
            stage_probabilities=stage_probabilities,
            total_pipeline_percent=total_pipeline_percent,
        )


        plan_settings_body.additional_properties = d
        return plan_settings_body

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
