from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.score_in import ScoreIn





T = TypeVar("T", bound="AssessmentBody")



@_attrs_define
class AssessmentBody:
    """ 
        Attributes:
            scores (list[ScoreIn]): One per attribute of the vendor's template, each 1 to 100.
            goal (str | Unset): What the partner aims at next quarter. Default when left out: `""`.
            note (str | Unset): Default when left out: `""`.
     """

    scores: list[ScoreIn]
    goal: str | Unset = UNSET
    note: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.score_in import ScoreIn # noqa: PLC0415
        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)



        goal = self.goal

        note = self.note


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "scores": scores,
        })
        if goal is not UNSET:
            field_dict["goal"] = goal
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.score_in import ScoreIn # noqa: PLC0415
        d = dict(src_dict)
        scores = []
        _scores = d.pop("scores")
        for scores_item_data in (_scores):
            scores_item = ScoreIn.from_dict(scores_item_data)



            scores.append(scores_item)


        goal = d.pop("goal", UNSET)

        note = d.pop("note", UNSET)

        assessment_body = cls(
            scores=scores,
            goal=goal,
            note=note,
        )


        assessment_body.additional_properties = d
        return assessment_body

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
