from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.payout_status import PayoutStatus
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.currency_total import CurrencyTotal





T = TypeVar("T", bound="PayoutOut")



@_attrs_define
class PayoutOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            id (UUID):
            paid_at (datetime.datetime | None):
            paid_reference (None | str):
            period_end (datetime.date):
            period_start (datetime.date):
            status (PayoutStatus):
            totals (list[CurrencyTotal]):
            vendor_id (UUID):
            version (int):
     """

    created_at: datetime.datetime
    id: UUID
    paid_at: datetime.datetime | None
    paid_reference: None | str
    period_end: datetime.date
    period_start: datetime.date
    status: PayoutStatus
    totals: list[CurrencyTotal]
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.currency_total import CurrencyTotal # noqa: PLC0415
        created_at = self.created_at.isoformat()

        id = str(self.id)

        paid_at: None | str
        if isinstance(self.paid_at, datetime.datetime):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        paid_reference: None | str
        paid_reference = self.paid_reference

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        status = self.status.value

        totals = []
        for totals_item_data in self.totals:
            totals_item = totals_item_data.to_dict()
            totals.append(totals_item)



        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "id": id,
            "paid_at": paid_at,
            "paid_reference": paid_reference,
            "period_end": period_end,
            "period_start": period_start,
            "status": status,
            "totals": totals,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.currency_total import CurrencyTotal # noqa: PLC0415
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = UUID(d.pop("id"))




        def _parse_paid_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)



                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))


        def _parse_paid_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        paid_reference = _parse_paid_reference(d.pop("paid_reference"))


        period_end = datetime.date.fromisoformat(d.pop("period_end"))




        period_start = datetime.date.fromisoformat(d.pop("period_start"))




        status = PayoutStatus(d.pop("status"))




        totals = []
        _totals = d.pop("totals")
        for totals_item_data in (_totals):
            totals_item = CurrencyTotal.from_dict(totals_item_data)



            totals.append(totals_item)


        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        payout_out = cls(
            created_at=created_at,
            id=id,
            paid_at=paid_at,
            paid_reference=paid_reference,
            period_end=period_end,
            period_start=period_start,
            status=status,
            totals=totals,
            vendor_id=vendor_id,
            version=version,
        )


        payout_out.additional_properties = d
        return payout_out

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
