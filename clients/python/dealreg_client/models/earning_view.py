from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.earning_status import EarningStatus
from ..models.entry import Entry
from ..models.milestone import Milestone
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="EarningView")



@_attrs_define
class EarningView:
    """ 
        Attributes:
            amount (int):
            currency (str):
            deal_id (UUID):
            earned_at (datetime.datetime):
            entry (Entry):
            id (UUID):
            milestone (Milestone):
            number (str):
            partner_id (UUID):
            payout_id (None | UUID):
            plan_id (UUID):
            reason (None | str):
            registration_id (UUID):
            rep_id (UUID):
            reverses_id (None | UUID):
            status (EarningStatus):
            vendor_id (UUID):
     """

    amount: int
    currency: str
    deal_id: UUID
    earned_at: datetime.datetime
    entry: Entry
    id: UUID
    milestone: Milestone
    number: str
    partner_id: UUID
    payout_id: None | UUID
    plan_id: UUID
    reason: None | str
    registration_id: UUID
    rep_id: UUID
    reverses_id: None | UUID
    status: EarningStatus
    vendor_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        deal_id = str(self.deal_id)

        earned_at = self.earned_at.isoformat()

        entry = self.entry.value

        id = str(self.id)

        milestone = self.milestone.value

        number = self.number

        partner_id = str(self.partner_id)

        payout_id: None | str
        if isinstance(self.payout_id, UUID):
            payout_id = str(self.payout_id)
        else:
            payout_id = self.payout_id

        plan_id = str(self.plan_id)

        reason: None | str
        reason = self.reason

        registration_id = str(self.registration_id)

        rep_id = str(self.rep_id)

        reverses_id: None | str
        if isinstance(self.reverses_id, UUID):
            reverses_id = str(self.reverses_id)
        else:
            reverses_id = self.reverses_id

        status = self.status.value

        vendor_id = str(self.vendor_id)


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "currency": currency,
            "deal_id": deal_id,
            "earned_at": earned_at,
            "entry": entry,
            "id": id,
            "milestone": milestone,
            "number": number,
            "partner_id": partner_id,
            "payout_id": payout_id,
            "plan_id": plan_id,
            "reason": reason,
            "registration_id": registration_id,
            "rep_id": rep_id,
            "reverses_id": reverses_id,
            "status": status,
            "vendor_id": vendor_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        deal_id = UUID(d.pop("deal_id"))




        earned_at = datetime.datetime.fromisoformat(d.pop("earned_at"))




        entry = Entry(d.pop("entry"))




        id = UUID(d.pop("id"))




        milestone = Milestone(d.pop("milestone"))




        number = d.pop("number")

        partner_id = UUID(d.pop("partner_id"))




        def _parse_payout_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payout_id_type_0 = UUID(data)



                return payout_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        payout_id = _parse_payout_id(d.pop("payout_id"))


        plan_id = UUID(d.pop("plan_id"))




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        registration_id = UUID(d.pop("registration_id"))




        rep_id = UUID(d.pop("rep_id"))




        def _parse_reverses_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reverses_id_type_0 = UUID(data)



                return reverses_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        reverses_id = _parse_reverses_id(d.pop("reverses_id"))


        status = EarningStatus(d.pop("status"))




        vendor_id = UUID(d.pop("vendor_id"))




        earning_view = cls(
            amount=amount,
            currency=currency,
            deal_id=deal_id,
            earned_at=earned_at,
            entry=entry,
            id=id,
            milestone=milestone,
            number=number,
            partner_id=partner_id,
            payout_id=payout_id,
            plan_id=plan_id,
            reason=reason,
            registration_id=registration_id,
            rep_id=rep_id,
            reverses_id=reverses_id,
            status=status,
            vendor_id=vendor_id,
        )


        earning_view.additional_properties = d
        return earning_view

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
