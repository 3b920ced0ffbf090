from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.sla_group_by import SlaGroupBy
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.percentile_error import PercentileError
  from ..models.sla_row import SlaRow
  from ..models.week_share import WeekShare





T = TypeVar("T", bound="Report")



@_attrs_define
class Report:
    """ 
        Attributes:
            end (datetime.date): Last day of submission covered (UTC).
            group_by (SlaGroupBy): What each row is a group of.
            rows (list[SlaRow]): The figures of each group.
            start (datetime.date): First day of submission covered (UTC).
            within_target_by_week (list[WeekShare]): The within-target trend: each ISO week of the range (by submission),
                its decisions and the share of them made within target; whatever `group_by` is.
            percentile_error (None | PercentileError | Unset): Present when the rows' percentiles are approximate: a range
                of more than 92 days (by partner: across every vendor) reads rollups, and each percentile is then within
                `max_relative_error` of the exact one or `max_error_minutes`, whichever is larger. Absent: every figure is
                exact.
     """

    end: datetime.date
    group_by: SlaGroupBy
    rows: list[SlaRow]
    start: datetime.date
    within_target_by_week: list[WeekShare]
    percentile_error: None | PercentileError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.percentile_error import PercentileError # noqa: PLC0415
        from ..models.sla_row import SlaRow # noqa: PLC0415
        from ..models.week_share import WeekShare # noqa: PLC0415
        end = self.end.isoformat()

        group_by = self.group_by.value

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        start = self.start.isoformat()

        within_target_by_week = []
        for within_target_by_week_item_data in self.within_target_by_week:
            within_target_by_week_item = within_target_by_week_item_data.to_dict()
            within_target_by_week.append(within_target_by_week_item)



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
            "end": end,
            "group_by": group_by,
            "rows": rows,
            "start": start,
            "within_target_by_week": within_target_by_week,
        })
        if percentile_error is not UNSET:
            field_dict["percentile_error"] = percentile_error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.percentile_error import PercentileError # noqa: PLC0415
        from ..models.sla_row import SlaRow # noqa: PLC0415
        from ..models.week_share import WeekShare # noqa: PLC0415
        d = dict(src_dict)
        end = datetime.date.fromisoformat(d.pop("end"))




        group_by = SlaGroupBy(d.pop("group_by"))




        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = SlaRow.from_dict(rows_item_data)



            rows.append(rows_item)


        start = datetime.date.fromisoformat(d.pop("start"))




        within_target_by_week = []
        _within_target_by_week = d.pop("within_target_by_week")
        for within_target_by_week_item_data in (_within_target_by_week):
            within_target_by_week_item = WeekShare.from_dict(within_target_by_week_item_data)



            within_target_by_week.append(within_target_by_week_item)


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


        report = cls(
            end=end,
            group_by=group_by,
            rows=rows,
            start=start,
            within_target_by_week=within_target_by_week,
            percentile_error=percentile_error,
        )


        report.additional_properties = d
        return report

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
