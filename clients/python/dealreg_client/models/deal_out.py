from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.customer import Customer
  from ..models.line_out import LineOut
  from ..models.opportunity import Opportunity
  from ..models.registration_out import RegistrationOut





T = TypeVar("T", bound="DealOut")



@_attrs_define
class DealOut:
    """ 
        Attributes:
            contact (Contact):
            created_at (datetime.datetime):
            customer (Customer):
            id (UUID):
            lines (list[LineOut]):
            opportunity (Opportunity):
            partner_id (UUID):
            registrations (list[RegistrationOut]):
            rep_id (UUID):
            updated_at (datetime.datetime):
            version (int):
     """

    contact: Contact
    created_at: datetime.datetime
    customer: Customer
    id: UUID
    lines: list[LineOut]
    opportunity: Opportunity
    partner_id: UUID
    registrations: list[RegistrationOut]
    rep_id: UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.line_out import LineOut # noqa: PLC0415
        from ..models.opportunity import Opportunity # noqa: PLC0415
        from ..models.registration_out import RegistrationOut # noqa: PLC0415
        contact = self.contact.to_dict()

        created_at = self.created_at.isoformat()

        customer = self.customer.to_dict()

        id = str(self.id)

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        opportunity = self.opportunity.to_dict()

        partner_id = str(self.partner_id)

        registrations = []
        for registrations_item_data in self.registrations:
            registrations_item = registrations_item_data.to_dict()
            registrations.append(registrations_item)



        rep_id = str(self.rep_id)

        updated_at = self.updated_at.isoformat()

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contact": contact,
            "created_at": created_at,
            "customer": customer,
            "id": id,
            "lines": lines,
            "opportunity": opportunity,
            "partner_id": partner_id,
            "registrations": registrations,
            "rep_id": rep_id,
            "updated_at": updated_at,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.line_out import LineOut # noqa: PLC0415
        from ..models.opportunity import Opportunity # noqa: PLC0415
        from ..models.registration_out import RegistrationOut # noqa: PLC0415
        d = dict(src_dict)
        contact = Contact.from_dict(d.pop("contact"))




        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        customer = Customer.from_dict(d.pop("customer"))




        id = UUID(d.pop("id"))




        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = LineOut.from_dict(lines_item_data)



            lines.append(lines_item)


        opportunity = Opportunity.from_dict(d.pop("opportunity"))




        partner_id = UUID(d.pop("partner_id"))




        registrations = []
        _registrations = d.pop("registrations")
        for registrations_item_data in (_registrations):
            registrations_item = RegistrationOut.from_dict(registrations_item_data)



            registrations.append(registrations_item)


        rep_id = UUID(d.pop("rep_id"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        version = d.pop("version")

        deal_out = cls(
            contact=contact,
            created_at=created_at,
            customer=customer,
            id=id,
            lines=lines,
            opportunity=opportunity,
            partner_id=partner_id,
            registrations=registrations,
            rep_id=rep_id,
            updated_at=updated_at,
            version=version,
        )


        deal_out.additional_properties = d
        return deal_out

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
