from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.partnership_status import PartnershipStatus
from ..models.segment import Segment
from ..models.size_segment import SizeSegment
from ..models.tier import Tier
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="GraduationCandidate")



@_attrs_define
class GraduationCandidate:
    """ 
        Attributes:
            days_since_registration (int | None):
            days_since_win (int | None):
            engagement_score (int):
            engagement_score_before (int):
            frequency_score (int):
            last_registration_at (datetime.datetime | None):
            last_win_at (datetime.datetime | None):
            monetary_score (int):
            open_call_tasks (int):
            owner_id (None | UUID):
            partner_id (UUID):
            partner_name (str):
            partnership_id (UUID):
            partnership_version (int):
            recency_score (int):
            registrations_12m (int):
            rfm_score (int):
            rfm_score_before (int):
            segment (Segment):
            size_segment (SizeSegment):
            status (PartnershipStatus):
            tier (Tier): The partner's tier when assessed.
            won_amount_12m (int):
     """

    days_since_registration: int | None
    days_since_win: int | None
    engagement_score: int
    engagement_score_before: int
    frequency_score: int
    last_registration_at: datetime.datetime | None
    last_win_at: datetime.datetime | None
    monetary_score: int
    open_call_tasks: int
    owner_id: None | UUID
    partner_id: UUID
    partner_name: str
    partnership_id: UUID
    partnership_version: int
    recency_score: int
    registrations_12m: int
    rfm_score: int
    rfm_score_before: int
    segment: Segment
    size_segment: SizeSegment
    status: PartnershipStatus
    tier: Tier
    won_amount_12m: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        days_since_registration: int | None
        days_since_registration = self.days_since_registration

        days_since_win: int | None
        days_since_win = self.days_since_win

        engagement_score = self.engagement_score

        engagement_score_before = self.engagement_score_before

        frequency_score = self.frequency_score

        last_registration_at: None | str
        if isinstance(self.last_registration_at, datetime.datetime):
            last_registration_at = self.last_registration_at.isoformat()
        else:
            last_registration_at = self.last_registration_at

        last_win_at: None | str
        if isinstance(self.last_win_at, datetime.datetime):
            last_win_at = self.last_win_at.isoformat()
        else:
            last_win_at = self.last_win_at

        monetary_score = self.monetary_score

        open_call_tasks = self.open_call_tasks

        owner_id: None | str
        if isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        partnership_id = str(self.partnership_id)

        partnership_version = self.partnership_version

        recency_score = self.recency_score

        registrations_12m = self.registrations_12m

        rfm_score = self.rfm_score

        rfm_score_before = self.rfm_score_before

        segment = self.segment.value

        size_segment = self.size_segment.value

        status = self.status.value

        tier = self.tier.value

        won_amount_12m = self.won_amount_12m


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "days_since_registration": days_since_registration,
            "days_since_win": days_since_win,
            "engagement_score": engagement_score,
            "engagement_score_before": engagement_score_before,
            "frequency_score": frequency_score,
            "last_registration_at": last_registration_at,
            "last_win_at": last_win_at,
            "monetary_score": monetary_score,
            "open_call_tasks": open_call_tasks,
            "owner_id": owner_id,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "partnership_id": partnership_id,
            "partnership_version": partnership_version,
            "recency_score": recency_score,
            "registrations_12m": registrations_12m,
            "rfm_score": rfm_score,
            "rfm_score_before": rfm_score_before,
            "segment": segment,
            "size_segment": size_segment,
            "status": status,
            "tier": tier,
            "won_amount_12m": won_amount_12m,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_days_since_registration(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_since_registration = _parse_days_since_registration(d.pop("days_since_registration"))


        def _parse_days_since_win(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days_since_win = _parse_days_since_win(d.pop("days_since_win"))


        engagement_score = d.pop("engagement_score")

        engagement_score_before = d.pop("engagement_score_before")

        frequency_score = d.pop("frequency_score")

        def _parse_last_registration_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_registration_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_registration_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_registration_at = _parse_last_registration_at(d.pop("last_registration_at"))


        def _parse_last_win_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_win_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_win_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_win_at = _parse_last_win_at(d.pop("last_win_at"))


        monetary_score = d.pop("monetary_score")

        open_call_tasks = d.pop("open_call_tasks")

        def _parse_owner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_id_type_0 = UUID(data)



                return owner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))


        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        partnership_id = UUID(d.pop("partnership_id"))




        partnership_version = d.pop("partnership_version")

        recency_score = d.pop("recency_score")

        registrations_12m = d.pop("registrations_12m")

        rfm_score = d.pop("rfm_score")

        rfm_score_before = d.pop("rfm_score_before")

        segment = Segment(d.pop("segment"))




        size_segment = SizeSegment(d.pop("size_segment"))




        status = PartnershipStatus(d.pop("status"))




        tier = Tier(d.pop("tier"))




        won_amount_12m = d.pop("won_amount_12m")

        graduation_candidate = cls(
            days_since_registration=days_since_registration,
            days_since_win=days_since_win,
            engagement_score=engagement_score,
            engagement_score_before=engagement_score_before,
            frequency_score=frequency_score,
            last_registration_at=last_registration_at,
            last_win_at=last_win_at,
            monetary_score=monetary_score,
            open_call_tasks=open_call_tasks,
            owner_id=owner_id,
            partner_id=partner_id,
            partner_name=partner_name,
            partnership_id=partnership_id,
            partnership_version=partnership_version,
            recency_score=recency_score,
            registrations_12m=registrations_12m,
            rfm_score=rfm_score,
            rfm_score_before=rfm_score_before,
            segment=segment,
            size_segment=size_segment,
            status=status,
            tier=tier,
            won_amount_12m=won_amount_12m,
        )


        graduation_candidate.additional_properties = d
        return graduation_candidate

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
