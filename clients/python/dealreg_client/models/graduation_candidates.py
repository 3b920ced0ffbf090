from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.graduation_candidate import GraduationCandidate





T = TypeVar("T", bound="GraduationCandidates")



@_attrs_define
class GraduationCandidates:
    """ 
        Attributes:
            as_of (datetime.datetime):
            rows (list[GraduationCandidate]):
            vendor_id (UUID):
     """

    as_of: datetime.datetime
    rows: list[GraduationCandidate]
    vendor_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.graduation_candidate import GraduationCandidate # noqa: PLC0415
        as_of = self.as_of.isoformat()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)



        vendor_id = str(self.vendor_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "rows": rows,
            "vendor_id": vendor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.graduation_candidate import GraduationCandidate # noqa: PLC0415
        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = GraduationCandidate.from_dict(rows_item_data)



            rows.append(rows_item)


        vendor_id = UUID(d.pop("vendor_id"))




        graduation_candidates = cls(
            as_of=as_of,
            rows=rows,
            vendor_id=vendor_id,
        )


        graduation_candidates.additional_properties = d
        return graduation_candidates

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
