from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.partner_engagement_type import PartnerEngagementType
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="PartnerEngagementInput")



@_attrs_define
class PartnerEngagementInput:
    """ 
        Attributes:
            occurred_at (datetime.datetime): ISO 8601 with an offset
            type_ (PartnerEngagementType): What a partner's people did on the vendor's marketing.
            campaign (None | str | Unset):
            contact_email (None | str | Unset):
            source_id (None | str | Unset):
     """

    occurred_at: datetime.datetime
    type_: PartnerEngagementType
    campaign: None | str | Unset = UNSET
    contact_email: None | str | Unset = UNSET
    source_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        occurred_at = self.occurred_at.isoformat()

        type_ = self.type_.value

        campaign: None | str | Unset
        if isinstance(self.campaign, Unset):
            campaign = UNSET
        else:
            campaign = self.campaign

        contact_email: None | str | Unset
        if isinstance(self.contact_email, Unset):
            contact_email = UNSET
        else:
            contact_email = self.contact_email

        source_id: None | str | Unset
        if isinstance(self.source_id, Unset):
            source_id = UNSET
        else:
            source_id = self.source_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "occurred_at": occurred_at,
            "type": type_,
        })
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if contact_email is not UNSET:
            field_dict["contact_email"] = contact_email
        if source_id is not UNSET:
            field_dict["source_id"] = source_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        type_ = PartnerEngagementType(d.pop("type"))




        def _parse_campaign(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign = _parse_campaign(d.pop("campaign", UNSET))


        def _parse_contact_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_email = _parse_contact_email(d.pop("contact_email", UNSET))


        def _parse_source_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_id = _parse_source_id(d.pop("source_id", UNSET))


        partner_engagement_input = cls(
            occurred_at=occurred_at,
            type_=type_,
            campaign=campaign,
            contact_email=contact_email,
            source_id=source_id,
        )


        partner_engagement_input.additional_properties = d
        return partner_engagement_input

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
