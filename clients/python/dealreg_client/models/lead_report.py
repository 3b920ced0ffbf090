from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.lead_group_by import LeadGroupBy
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.bounds import Bounds
  from ..models.lead_row import LeadRow
  from ..models.percentile_error import PercentileError





T = TypeVar("T", bound="LeadReport")



@_attrs_define
class LeadReport:
    """ 
        Attributes:
            bounds (Bounds):
            end (datetime.date):
            group_by (LeadGroupBy):
            rows (list[LeadRow]):
            start (datetime.date):
            percentile_error (None | PercentileError | Unset): Present when the rows' medians are approximate: a range of
                more than 92 days across every vendor, partner and campaign reads rollups, and each median is then within
                `max_relative_error` of the exact one or `max_error_minutes` (business minutes), whichever is larger. Absent:
                every figure is exact.
     """

    bounds: Bounds
    end: datetime.date
    group_by: LeadGroupBy
    rows: list[LeadRow]
    start: datetime.date
    percentile_error: None | PercentileError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.bounds import Bounds # noqa: PLC0415
        from ..models.lead_row import LeadRow # noqa: PLC0415
        from ..models.percentile_error import PercentileError # noqa: PLC0415
        bounds = self.bounds.to_dict()

        end = self.end.isoformat()

        group_by = self.group_by.value

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        start = self.start.isoformat()

        percentile_error: dict[str, Any] | None | Unset
        if isinstance(self.percentile_error, Unset):
            percentile_error = UNSET
        elif isinstance(self.percentile_error, PercentileError):
            percentile_error = self.percentile_error.to_dict()
        else:
            percentile_error = self.percentile_error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "bounds": bounds,
            "end": end,
            "group_by": group_by,
            "rows": rows,
            "start": start,
        })
        if percentile_error is not UNSET:
            field_dict["percentile_error"] = percentile_error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bounds import Bounds # noqa: PLC0415
        from ..models.lead_row import LeadRow # noqa: PLC0415
        from ..models.percentile_error import PercentileError # noqa: PLC0415
        d = dict(src_dict)
        bounds = Bounds.from_dict(d.pop("bounds"))




        end = datetime.date.fromisoformat(d.pop("end"))




        group_by = LeadGroupBy(d.pop("group_by"))




        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = LeadRow.from_dict(rows_item_data)



            rows.append(rows_item)


        start = datetime.date.fromisoformat(d.pop("start"))




        def _parse_percentile_error(data: object) -> None | PercentileError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                percentile_error_type_0 = PercentileError.from_dict(data)



                return percentile_error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PercentileError | Unset, data)

        percentile_error = _parse_percentile_error(d.pop("percentile_error", UNSET))


        lead_report = cls(
            bounds=bounds,
            end=end,
            group_by=group_by,
            rows=rows,
            start=start,
            percentile_error=percentile_error,
        )


        lead_report.additional_properties = d
        return lead_report

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
