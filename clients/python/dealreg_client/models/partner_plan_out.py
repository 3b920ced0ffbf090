from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.plan_status import PlanStatus
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="PartnerPlanOut")



@_attrs_define
class PartnerPlanOut:
    """ 
        Attributes:
            accepted_at (datetime.datetime | None):
            accepted_by (None | UUID):
            amount (int):
            created_at (datetime.datetime):
            currency (str):
            first_day (datetime.date):
            id (UUID):
            last_day (datetime.date):
            partner_id (UUID):
            partnership_id (UUID):
            proposed_at (datetime.datetime):
            proposed_by (UUID):
            quarter (str): `YYYY-Qn` in the vendor's fiscal calendar; a fiscal year is named by the calendar year it ends
                in.
            status (PlanStatus):
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    accepted_at: datetime.datetime | None
    accepted_by: None | UUID
    amount: int
    created_at: datetime.datetime
    currency: str
    first_day: datetime.date
    id: UUID
    last_day: datetime.date
    partner_id: UUID
    partnership_id: UUID
    proposed_at: datetime.datetime
    proposed_by: UUID
    quarter: str
    status: PlanStatus
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        accepted_by: None | str
        if isinstance(self.accepted_by, UUID):
            accepted_by = str(self.accepted_by)
        else:
            accepted_by = self.accepted_by

        amount = self.amount

        created_at = self.created_at.isoformat()

        currency = self.currency

        first_day = self.first_day.isoformat()

        id = str(self.id)

        last_day = self.last_day.isoformat()

        partner_id = str(self.partner_id)

        partnership_id = str(self.partnership_id)

        proposed_at = self.proposed_at.isoformat()

        proposed_by = str(self.proposed_by)

        quarter = self.quarter

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accepted_at": accepted_at,
            "accepted_by": accepted_by,
            "amount": amount,
            "created_at": created_at,
            "currency": currency,
            "first_day": first_day,
            "id": id,
            "last_day": last_day,
            "partner_id": partner_id,
            "partnership_id": partnership_id,
            "proposed_at": proposed_at,
            "proposed_by": proposed_by,
            "quarter": quarter,
            "status": status,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)



                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))


        def _parse_accepted_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_by_type_0 = UUID(data)



                return accepted_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        accepted_by = _parse_accepted_by(d.pop("accepted_by"))


        amount = d.pop("amount")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        currency = d.pop("currency")

        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        id = UUID(d.pop("id"))




        last_day = datetime.date.fromisoformat(d.pop("last_day"))




        partner_id = UUID(d.pop("partner_id"))




        partnership_id = UUID(d.pop("partnership_id"))




        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))




        proposed_by = UUID(d.pop("proposed_by"))




        quarter = d.pop("quarter")

        status = PlanStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        partner_plan_out = cls(
            accepted_at=accepted_at,
            accepted_by=accepted_by,
            amount=amount,
            created_at=created_at,
            currency=currency,
            first_day=first_day,
            id=id,
            last_day=last_day,
            partner_id=partner_id,
            partnership_id=partnership_id,
            proposed_at=proposed_at,
            proposed_by=proposed_by,
            quarter=quarter,
            status=status,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        partner_plan_out.additional_properties = d
        return partner_plan_out

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
