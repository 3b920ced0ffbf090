from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.scorecard_group_by import ScorecardGroupBy
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.scorecard_row import ScorecardRow





T = TypeVar("T", bound="RegistrationScorecard")



@_attrs_define
class RegistrationScorecard:
    """ 
        Attributes:
            end (datetime.date):
            group_by (ScorecardGroupBy):
            quarter (None | str): The fiscal quarter asked for.
            rows (list[ScorecardRow]):
            start (datetime.date):
     """

    end: datetime.date
    group_by: ScorecardGroupBy
    quarter: None | str
    rows: list[ScorecardRow]
    start: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scorecard_row import ScorecardRow # noqa: PLC0415
        end = self.end.isoformat()

        group_by = self.group_by.value

        quarter: None | str
        quarter = self.quarter

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        start = self.start.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "end": end,
            "group_by": group_by,
            "quarter": quarter,
            "rows": rows,
            "start": start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_row import ScorecardRow # noqa: PLC0415
        d = dict(src_dict)
        end = datetime.date.fromisoformat(d.pop("end"))




        group_by = ScorecardGroupBy(d.pop("group_by"))




        def _parse_quarter(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quarter = _parse_quarter(d.pop("quarter"))


        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = ScorecardRow.from_dict(rows_item_data)



            rows.append(rows_item)


        start = datetime.date.fromisoformat(d.pop("start"))




        registration_scorecard = cls(
            end=end,
            group_by=group_by,
            quarter=quarter,
            rows=rows,
            start=start,
        )


        registration_scorecard.additional_properties = d
        return registration_scorecard

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
