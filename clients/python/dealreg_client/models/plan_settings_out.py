from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.stage_probabilities import StageProbabilities





T = TypeVar("T", bound="PlanSettingsOut")



@_attrs_define
class PlanSettingsOut:
    """ 
        Attributes:
            fiscal_year_start_month (int):
            risk_adjusted_pipeline_percent (int):
            stage_probabilities (StageProbabilities):
            stored (bool):
            total_pipeline_percent (int):
            vendor_id (UUID):
            version (int):
     """

    fiscal_year_start_month: int
    risk_adjusted_pipeline_percent: int
    stage_probabilities: StageProbabilities
    stored: bool
    total_pipeline_percent: int
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.stage_probabilities import StageProbabilities # noqa: PLC0415
        fiscal_year_start_month = self.fiscal_year_start_month

        risk_adjusted_pipeline_percent = self.risk_adjusted_pipeline_percent

        stage_probabilities = self.stage_probabilities.to_dict()

        stored = self.stored

        total_pipeline_percent = self.total_pipeline_percent

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "fiscal_year_start_month": fiscal_year_start_month,
            "risk_adjusted_pipeline_percent": risk_adjusted_pipeline_percent,
            "stage_probabilities": stage_probabilities,
            "stored": stored,
            "total_pipeline_percent": total_pipeline_percent,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stage_probabilities import StageProbabilities # noqa: PLC0415
        d = dict(src_dict)
        fiscal_year_start_month = d.pop("fiscal_year_start_month")

        risk_adjusted_pipeline_percent = d.pop("risk_adjusted_pipeline_percent")

        stage_probabilities = StageProbabilities.from_dict(d.pop("stage_probabilities"))




        stored = d.pop("stored")

        total_pipeline_percent = d.pop("total_pipeline_percent")

        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        plan_settings_out = cls(
            fiscal_year_start_month=fiscal_year_start_month,
            risk_adjusted_pipeline_percent=risk_adjusted_pipeline_percent,
            stage_probabilities=stage_probabilities,
            stored=stored,
            total_pipeline_percent=total_pipeline_percent,
            vendor_id=vendor_id,
            version=version,
        )


        plan_settings_out.additional_properties = d
        return plan_settings_out

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
