from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID






T = TypeVar("T", bound="LeadRow")



@_attrs_define
class LeadRow:
    """ 
        Attributes:
            acceptance_rate (float | None):
            accepted (int):
            conversion_rate (float | None):
            converted (int):
            first_touch_overdue (int):
            flags (list[str]):
            forwarded (int):
            group (str):
            group_id (None | UUID):
            label (str):
            lost (int):
            median_hours_to_accept (float | None):
            median_hours_to_first_touch (float | None):
            no_decision (int):
            no_decision_rate (float | None):
            pending (int):
            recalled (int):
            reject_rate (float | None):
            rejected (int):
            rejected_duplicate (int):
            rejected_existing_customer (int):
            rejected_no_capacity (int):
            rejected_not_my_territory (int):
            rejected_not_qualified (int):
            rejected_other (int):
            win_rate (float | None):
            won (int):
     """

    acceptance_rate: float | None
    accepted: int
    conversion_rate: float | None
    converted: int
    first_touch_overdue: int
    flags: list[str]
    forwarded: int
    group: str
    group_id: None | UUID
    label: str
    lost: int
    median_hours_to_accept: float | None
    median_hours_to_first_touch: float | None
    no_decision: int
    no_decision_rate: float | None
    pending: int
    recalled: int
    reject_rate: float | None
    rejected: int
    rejected_duplicate: int
    rejected_existing_customer: int
    rejected_no_capacity: int
    rejected_not_my_territory: int
    rejected_not_qualified: int
    rejected_other: int
    win_rate: float | None
    won: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        acceptance_rate: float | None
        acceptance_rate = self.acceptance_rate

        accepted = self.accepted

        conversion_rate: float | None
        conversion_rate = self.conversion_rate

        converted = self.converted

        first_touch_overdue = self.first_touch_overdue

        flags = self.flags



        forwarded = self.forwarded

        group = self.group

        group_id: None | str
        if isinstance(self.group_id, UUID):
            group_id = str(self.group_id)
        else:
            group_id = self.group_id

        label = self.label

        lost = self.lost

        median_hours_to_accept: float | None
        median_hours_to_accept = self.median_hours_to_accept

        median_hours_to_first_touch: float | None
        median_hours_to_first_touch = self.median_hours_to_first_touch

        no_decision = self.no_decision

        no_decision_rate: float | None
        no_decision_rate = self.no_decision_rate

        pending = self.pending

        recalled = self.recalled

        reject_rate: float | None
        reject_rate = self.reject_rate

        rejected = self.rejected

        rejected_duplicate = self.rejected_duplicate

        rejected_existing_customer = self.rejected_existing_customer

        rejected_no_capacity = self.rejected_no_capacity

        rejected_not_my_territory = self.rejected_not_my_territory

        rejected_not_qualified = self.rejected_not_qualified

        rejected_other = self.rejected_other

        win_rate: float | None
        win_rate = self.win_rate

        won = self.won


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "acceptance_rate": acceptance_rate,
            "accepted": accepted,
            "conversion_rate": conversion_rate,
            "converted": converted,
            "first_touch_overdue": first_touch_overdue,
            "flags": flags,
            "forwarded": forwarded,
            "group": group,
            "group_id": group_id,
            "label": label,
            "lost": lost,
            "median_hours_to_accept": median_hours_to_accept,
            "median_hours_to_first_touch": median_hours_to_first_touch,
            "no_decision": no_decision,
            "no_decision_rate": no_decision_rate,
            "pending": pending,
            "recalled": recalled,
            "reject_rate": reject_rate,
            "rejected": rejected,
            "rejected_duplicate": rejected_duplicate,
            "rejected_existing_customer": rejected_existing_customer,
            "rejected_no_capacity": rejected_no_capacity,
            "rejected_not_my_territory": rejected_not_my_territory,
            "rejected_not_qualified": rejected_not_qualified,
            "rejected_other": rejected_other,
            "win_rate": win_rate,
            "won": won,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_acceptance_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        acceptance_rate = _parse_acceptance_rate(d.pop("acceptance_rate"))


        accepted = d.pop("accepted")

        def _parse_conversion_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        conversion_rate = _parse_conversion_rate(d.pop("conversion_rate"))


        converted = d.pop("converted")

        first_touch_overdue = d.pop("first_touch_overdue")

        flags = cast(list[str], d.pop("flags"))


        forwarded = d.pop("forwarded")

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

        lost = d.pop("lost")

        def _parse_median_hours_to_accept(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_accept = _parse_median_hours_to_accept(d.pop("median_hours_to_accept"))


        def _parse_median_hours_to_first_touch(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_hours_to_first_touch = _parse_median_hours_to_first_touch(d.pop("median_hours_to_first_touch"))


        no_decision = d.pop("no_decision")

        def _parse_no_decision_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        no_decision_rate = _parse_no_decision_rate(d.pop("no_decision_rate"))


        pending = d.pop("pending")

        recalled = d.pop("recalled")

        def _parse_reject_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        reject_rate = _parse_reject_rate(d.pop("reject_rate"))


        rejected = d.pop("rejected")

        rejected_duplicate = d.pop("rejected_duplicate")

        rejected_existing_customer = d.pop("rejected_existing_customer")

        rejected_no_capacity = d.pop("rejected_no_capacity")

        rejected_not_my_territory = d.pop("rejected_not_my_territory")

        rejected_not_qualified = d.pop("rejected_not_qualified")

        rejected_other = d.pop("rejected_other")

        def _parse_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        win_rate = _parse_win_rate(d.pop("win_rate"))


        won = d.pop("won")

        lead_row = cls(
            acceptance_rate=acceptance_rate,
            accepted=accepted,
            conversion_rate=conversion_rate,
            converted=converted,
            first_touch_overdue=first_touch_overdue,
            flags=flags,
            forwarded=forwarded,
            group=group,
            group_id=group_id,
            label=label,
            lost=lost,
            median_hours_to_accept=median_hours_to_accept,
            median_hours_to_first_touch=median_hours_to_first_touch,
            no_decision=no_decision,
            no_decision_rate=no_decision_rate,
            pending=pending,
            recalled=recalled,
            reject_rate=reject_rate,
            rejected=rejected,
            rejected_duplicate=rejected_duplicate,
            rejected_existing_customer=rejected_existing_customer,
            rejected_no_capacity=rejected_no_capacity,
            rejected_not_my_territory=rejected_not_my_territory,
            rejected_not_qualified=rejected_not_qualified,
            rejected_other=rejected_other,
            win_rate=win_rate,
            won=won,
        )


        lead_row.additional_properties = d
        return lead_row

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
