from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.lead_out import LeadOut
  from ..models.registration_row import RegistrationRow
  from ..models.total import Total
  from ..models.vendor_name import VendorName





T = TypeVar("T", bound="Home")



@_attrs_define
class Home:
    """ 
        Attributes:
            earnings (list[Total]):
            leads (list[LeadOut]):
            more_leads (bool):
            more_registrations (bool):
            quarter_start (datetime.date):
            registrations (list[RegistrationRow]):
            vendors (list[VendorName]):
     """

    earnings: list[Total]
    leads: list[LeadOut]
    more_leads: bool
    more_registrations: bool
    quarter_start: datetime.date
    registrations: list[RegistrationRow]
    vendors: list[VendorName]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lead_out import LeadOut # noqa: PLC0415
        from ..models.registration_row import RegistrationRow # noqa: PLC0415
        from ..models.total import Total # noqa: PLC0415
        from ..models.vendor_name import VendorName # noqa: PLC0415
        earnings = []
        for earnings_item_data in self.earnings:
            earnings_item = earnings_item_data.to_dict()
            earnings.append(earnings_item)



        leads = []
        for leads_item_data in self.leads:
            leads_item = leads_item_data.to_dict()
            leads.append(leads_item)



        more_leads = self.more_leads

        more_registrations = self.more_registrations

        quarter_start = self.quarter_start.isoformat()

        registrations = []
        for registrations_item_data in self.registrations:
            registrations_item = registrations_item_data.to_dict()
            registrations.append(registrations_item)



        vendors = []
        for vendors_item_data in self.vendors:
            vendors_item = vendors_item_data.to_dict()
            vendors.append(vendors_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "earnings": earnings,
            "leads": leads,
            "more_leads": more_leads,
            "more_registrations": more_registrations,
            "quarter_start": quarter_start,
            "registrations": registrations,
            "vendors": vendors,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lead_out import LeadOut # noqa: PLC0415
        from ..models.registration_row import RegistrationRow # noqa: PLC0415
        from ..models.total import Total # noqa: PLC0415
        from ..models.vendor_name import VendorName # noqa: PLC0415
        d = dict(src_dict)
        earnings = []
        _earnings = d.pop("earnings")
        for earnings_item_data in (_earnings):
            earnings_item = Total.from_dict(earnings_item_data)



            earnings.append(earnings_item)


        leads = []
        _leads = d.pop("leads")
        for leads_item_data in (_leads):
            leads_item = LeadOut.from_dict(leads_item_data)



            leads.append(leads_item)


        more_leads = d.pop("more_leads")

        more_registrations = d.pop("more_registrations")

        quarter_start = datetime.date.fromisoformat(d.pop("quarter_start"))




        registrations = []
        _registrations = d.pop("registrations")
        for registrations_item_data in (_registrations):
            registrations_item = RegistrationRow.from_dict(registrations_item_data)



            registrations.append(registrations_item)


        vendors = []
        _vendors = d.pop("vendors")
        for vendors_item_data in (_vendors):
            vendors_item = VendorName.from_dict(vendors_item_data)



            vendors.append(vendors_item)


        home = cls(
            earnings=earnings,
            leads=leads,
            more_leads=more_leads,
            more_registrations=more_registrations,
            quarter_start=quarter_start,
            registrations=registrations,
            vendors=vendors,
        )


        home.additional_properties = d
        return home

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
