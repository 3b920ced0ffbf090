from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rubric_points import RubricPoints





T = TypeVar("T", bound="Rubric")



@_attrs_define
class Rubric:
    """ 
        Attributes:
            decay_days (int | Unset): Default when left out: `90`.
            points (RubricPoints | Unset):
            share_score_with_partners (bool | Unset): Default when left out: `false`.
            threshold (int | Unset): Default when left out: `30`.
     """

    decay_days: int | Unset = UNSET
    points: RubricPoints | Unset = UNSET
    share_score_with_partners: bool | Unset = UNSET
    threshold: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rubric_points import RubricPoints # noqa: PLC0415
        decay_days = self.decay_days

        points: dict[str, Any] | Unset = UNSET
        if not isinstance(self.points, Unset):
            points = self.points.to_dict()

        share_score_with_partners = self.share_score_with_partners

        threshold = self.threshold


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if decay_days is not UNSET:
            field_dict["decay_days"] = decay_days
        if points is not UNSET:
            field_dict["points"] = points
        if share_score_with_partners is not UNSET:
            field_dict["share_score_with_partners"] = share_score_with_partners
        if threshold is not UNSET:
            field_dict["threshold"] = threshold

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rubric_points import RubricPoints # noqa: PLC0415
        d = dict(src_dict)
        decay_days = d.pop("decay_days", UNSET)

        _points = d.pop("points", UNSET)
        points: RubricPoints | Unset
        if isinstance(_points,  Unset):
            points = UNSET
        else:
            points = RubricPoints.from_dict(_points)




        share_score_with_partners = d.pop("share_score_with_partners", UNSET)

        threshold = d.pop("threshold", UNSET)

        rubric = cls(
            decay_days=decay_days,
            points=points,
            share_score_with_partners=share_score_with_partners,
            threshold=threshold,
        )


        rubric.additional_properties = d
        return rubric

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
