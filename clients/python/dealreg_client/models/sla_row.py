from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="SlaRow")



@_attrs_define
class SlaRow:
    """ 
        Attributes:
            breaches (int): Registrations that passed their hard limit undecided.
            decided (int): Of them, approved or rejected (withdrawn ones are not decided).
            decided_within_target (float | None): Share (0 to 1) of the decided ones decided within their target in business
                time (the target itself included); null when none is decided.
            group (str): What the rows are grouped by: the report's `group_by`, or `all`.
            group_id (None | UUID): The vendor, partner, program or person of the row; null for a week, for `(a rule)`,
                `(undecided)` and `(unassigned)`.
            label (str): The group's name, or its ISO week (`2025-W10`).
            median_hours_to_decision (float | None): Median business hours from submission to decision, on the vendor's
                calendar (working hours, closed dates and public holidays; time waiting on the partner not counted); null when
                none is decided.
            median_wall_clock_hours_to_decision (float | None): Median wall-clock hours from submission to decision: nights,
                weekends, holidays and time waiting on the partner included (0 business hours can be 14 wall-clock hours:
                decided before the vendor opened); null when none is decided.
            open_at_risk (int): Still open now and past their target (at risk) or their hard limit (breached).
            p90_hours_to_decision (float | None): 90th percentile of the same business hours; null when none is decided.
            p90_wall_clock_hours_to_decision (float | None): 90th percentile of the same wall-clock hours; null when none is
                decided.
            submitted (int): Registrations submitted in the range.
     """

    breaches: int
    decided: int
    decided_within_target: float | None
    group: str
    group_id: None | UUID
    label: str
    median_hours_to_decision: float | None
    median_wall_clock_hours_to_decision: float | None
    open_at_risk: int
    p90_hours_to_decision: float | None
    p90_wall_clock_hours_to_decision: float | None
    submitted: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        breaches = self.breaches

        decided = self.decided

        decided_within_target: float | None
        decided_within_target = self.decided_within_target

        group = self.group

        group_id: None | str
        if isinstance(self.group_id, UUID):
            group_id = str(self.group_id)
        else:
            group_id = self.group_id

        label = self.label

        median_hours_to_decision: float | None
        median_hours_to_decision = self.median_hours_to_decision

        median_wall_clock_hours_to_decision: float | None
        median_wall_clock_hours_to_decision = self.median_wall_clock_hours_to_decision

        open_at_risk = self.open_at_risk

        p90_hours_to_decision: float | None
        p90_hours_to_decision = self.p90_hours_to_decision

        p90_wall_clock_hours_to_decision: float | None
        p90_wall_clock_hours_to_decision = self.p90_wall_clock_hours_to_decision

        submitted = self.submitted


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "breaches": breaches,
            "decided": decided,
            "decided_within_target": decided_within_target,
            "group": group,
            "group_id": group_id,
            "label": label,
            "median_hours_to_decision": median_hours_to_decision,
            "median_wall_clock_hours_to_decision": median_wall_clock_hours_to_decision,
            "open_at_risk": open_at_risk,
            "p90_hours_to_decision": p90_hours_to_decision,
            "p90_wall_clock_hours_to_decision": p90_wall_clock_hours_to_decision,
            "submitted": submitted,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        breaches = d.pop("breaches")

        decided = d.pop("decided")

        def _parse_decided_within_target(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        decided_within_target = _parse_decided_within_target(d.pop("decided_within_target"))


        group = d.pop("group")

        def _parse_group_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_id_type_0 = UUID(data)



                return group_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        group_id = _parse_group_id(d.pop("group_id"))


        label = d.pop("label")

        def _parse_median_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_decision = _parse_median_hours_to_decision(d.pop("median_hours_to_decision"))


        def _parse_median_wall_clock_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_wall_clock_hours_to_decision = _parse_median_wall_clock_hours_to_decision(d.pop("median_wall_clock_hours_to_decision"))


        open_at_risk = d.pop("open_at_risk")

        def _parse_p90_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p90_hours_to_decision = _parse_p90_hours_to_decision(d.pop("p90_hours_to_decision"))


        def _parse_p90_wall_clock_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p90_wall_clock_hours_to_decision = _parse_p90_wall_clock_hours_to_decision(d.pop("p90_wall_clock_hours_to_decision"))


        submitted = d.pop("submitted")

        sla_row = cls(
            breaches=breaches,
            decided=decided,
            decided_within_target=decided_within_target,
            group=group,
            group_id=group_id,
            label=label,
            median_hours_to_decision=median_hours_to_decision,
            median_wall_clock_hours_to_decision=median_wall_clock_hours_to_decision,
            open_at_risk=open_at_risk,
            p90_hours_to_decision=p90_hours_to_decision,
            p90_wall_clock_hours_to_decision=p90_wall_clock_hours_to_decision,
            submitted=submitted,
        )


        sla_row.additional_properties = d
        return sla_row

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
