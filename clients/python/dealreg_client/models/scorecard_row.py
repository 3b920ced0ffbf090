from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.scorecard_group_by import ScorecardGroupBy
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.scorecard_row_rejected_by_reason import ScorecardRowRejectedByReason





T = TypeVar("T", bound="ScorecardRow")



@_attrs_define
class ScorecardRow:
    """ 
        Attributes:
            approval_rate (float | None):
            approved (int):
            average_deal_size (int | None):
            currency (str):
            group (ScorecardGroupBy):
            group_id (UUID):
            incentives_earned (int):
            incentives_paid (int):
            label (str):
            lost (int):
            median_hours_to_decision (float | None):
            registered_pipeline (int):
            rejected (int):
            rejected_by_reason (ScorecardRowRejectedByReason):
            submitted (int):
            win_rate (float | None):
            won (int):
            won_amount (int):
     """

    approval_rate: float | None
    approved: int
    average_deal_size: int | None
    currency: str
    group: ScorecardGroupBy
    group_id: UUID
    incentives_earned: int
    incentives_paid: int
    label: str
    lost: int
    median_hours_to_decision: float | None
    registered_pipeline: int
    rejected: int
    rejected_by_reason: ScorecardRowRejectedByReason
    submitted: int
    win_rate: float | None
    won: int
    won_amount: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.scorecard_row_rejected_by_reason import ScorecardRowRejectedByReason # noqa: PLC0415
        approval_rate: float | None
        approval_rate = self.approval_rate

        approved = self.approved

        average_deal_size: int | None
        average_deal_size = self.average_deal_size

        currency = self.currency

        group = self.group.value

        group_id = str(self.group_id)

        incentives_earned = self.incentives_earned

        incentives_paid = self.incentives_paid

        label = self.label

        lost = self.lost

        median_hours_to_decision: float | None
        median_hours_to_decision = self.median_hours_to_decision

        registered_pipeline = self.registered_pipeline

        rejected = self.rejected

        rejected_by_reason = self.rejected_by_reason.to_dict()

        submitted = self.submitted

        win_rate: float | None
        win_rate = self.win_rate

        won = self.won

        won_amount = self.won_amount


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "approval_rate": approval_rate,
            "approved": approved,
            "average_deal_size": average_deal_size,
            "currency": currency,
            "group": group,
            "group_id": group_id,
            "incentives_earned": incentives_earned,
            "incentives_paid": incentives_paid,
            "label": label,
            "lost": lost,
            "median_hours_to_decision": median_hours_to_decision,
            "registered_pipeline": registered_pipeline,
            "rejected": rejected,
            "rejected_by_reason": rejected_by_reason,
            "submitted": submitted,
            "win_rate": win_rate,
            "won": won,
            "won_amount": won_amount,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scorecard_row_rejected_by_reason import ScorecardRowRejectedByReason # noqa: PLC0415
        d = dict(src_dict)
        def _parse_approval_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        approval_rate = _parse_approval_rate(d.pop("approval_rate"))


        approved = d.pop("approved")

        def _parse_average_deal_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        average_deal_size = _parse_average_deal_size(d.pop("average_deal_size"))


        currency = d.pop("currency")

        group = ScorecardGroupBy(d.pop("group"))




        group_id = UUID(d.pop("group_id"))




        incentives_earned = d.pop("incentives_earned")

        incentives_paid = d.pop("incentives_paid")

        label = d.pop("label")

        lost = d.pop("lost")

        def _parse_median_hours_to_decision(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_decision = _parse_median_hours_to_decision(d.pop("median_hours_to_decision"))


        registered_pipeline = d.pop("registered_pipeline")

        rejected = d.pop("rejected")

        rejected_by_reason = ScorecardRowRejectedByReason.from_dict(d.pop("rejected_by_reason"))




        submitted = d.pop("submitted")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))


        won = d.pop("won")

        won_amount = d.pop("won_amount")

        scorecard_row = cls(
            approval_rate=approval_rate,
            approved=approved,
            average_deal_size=average_deal_size,
            currency=currency,
            group=group,
            group_id=group_id,
            incentives_earned=incentives_earned,
            incentives_paid=incentives_paid,
            label=label,
            lost=lost,
            median_hours_to_decision=median_hours_to_decision,
            registered_pipeline=registered_pipeline,
            rejected=rejected,
            rejected_by_reason=rejected_by_reason,
            submitted=submitted,
            win_rate=win_rate,
            won=won,
            won_amount=won_amount,
        )


        scorecard_row.additional_properties = d
        return scorecard_row

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
