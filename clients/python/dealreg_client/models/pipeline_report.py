from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pipeline_row import PipelineRow





T = TypeVar("T", bound="PipelineReport")



@_attrs_define
class PipelineReport:
    """ 
        Attributes:
            quarter (str):
            rows (list[PipelineRow]):
     """

    quarter: str
    rows: list[PipelineRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_row import PipelineRow # noqa: PLC0415
        quarter = self.quarter

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "quarter": quarter,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_row import PipelineRow # noqa: PLC0415
        d = dict(src_dict)
        quarter = d.pop("quarter")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = PipelineRow.from_dict(rows_item_data)



            rows.append(rows_item)


        pipeline_report = cls(
            quarter=quarter,
            rows=rows,
        )


        pipeline_report.additional_properties = d
        return pipeline_report

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
