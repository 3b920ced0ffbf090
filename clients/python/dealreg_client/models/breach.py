from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="Breach")



@_attrs_define
class Breach:
    """ 
        Attributes:
            action (str): What the policy did at the breach: `none`, `escalate` or `auto_approve`.
            approver_id (None | UUID): Whom it was assigned to when it breached; null: nobody.
            approver_name (None | str): Their name.
            breached_at (datetime.datetime): When the sweep recorded the breach (at or after `due_at`).
            customer_name (str): Its end customer.
            due_at (datetime.datetime): When its hard limit fell due (business time on its calendar).
            hours_overdue (float): Wall-clock hours from the hard limit to the decision or withdrawal, or to now while open;
                to the hundredth.
            id (UUID): The breach.
            number (str): Its number, as people quote it.
            partner_id (UUID): The partner that registered it.
            partner_name (str): Its name.
            program_id (UUID): The vendor's program it was registered in.
            program_name (str): Its name.
            registration_id (UUID): The registration that breached.
            status (str): The registration's status now.
            submitted_at (datetime.datetime): When it was submitted.
            vendor_id (UUID): The vendor that was to decide.
            vendor_name (str): Its name.
     """

    action: str
    approver_id: None | UUID
    approver_name: None | str
    breached_at: datetime.datetime
    customer_name: str
    due_at: datetime.datetime
    hours_overdue: float
    id: UUID
    number: str
    partner_id: UUID
    partner_name: str
    program_id: UUID
    program_name: str
    registration_id: UUID
    status: str
    submitted_at: datetime.datetime
    vendor_id: UUID
    vendor_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action

        approver_id: None | str
        if isinstance(self.approver_id, UUID):
            approver_id = str(self.approver_id)
        else:
            approver_id = self.approver_id

        approver_name: None | str
        approver_name = self.approver_name

        breached_at = self.breached_at.isoformat()

        customer_name = self.customer_name

        due_at = self.due_at.isoformat()

        hours_overdue = self.hours_overdue

        id = str(self.id)

        number = self.number

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        program_id = str(self.program_id)

        program_name = self.program_name

        registration_id = str(self.registration_id)

        status = self.status

        submitted_at = self.submitted_at.isoformat()

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "approver_id": approver_id,
            "approver_name": approver_name,
            "breached_at": breached_at,
            "customer_name": customer_name,
            "due_at": due_at,
            "hours_overdue": hours_overdue,
            "id": id,
            "number": number,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "program_id": program_id,
            "program_name": program_name,
            "registration_id": registration_id,
            "status": status,
            "submitted_at": submitted_at,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_approver_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approver_id_type_0 = UUID(data)



                return approver_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        approver_id = _parse_approver_id(d.pop("approver_id"))


        def _parse_approver_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        approver_name = _parse_approver_name(d.pop("approver_name"))


        breached_at = datetime.datetime.fromisoformat(d.pop("breached_at"))




        customer_name = d.pop("customer_name")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        hours_overdue = d.pop("hours_overdue")

        id = UUID(d.pop("id"))




        number = d.pop("number")

        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        program_id = UUID(d.pop("program_id"))




        program_name = d.pop("program_name")

        registration_id = UUID(d.pop("registration_id"))




        status = d.pop("status")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        breach = cls(
            action=action,
            approver_id=approver_id,
            approver_name=approver_name,
            breached_at=breached_at,
            customer_name=customer_name,
            due_at=due_at,
            hours_overdue=hours_overdue,
            id=id,
            number=number,
            partner_id=partner_id,
            partner_name=partner_name,
            program_id=program_id,
            program_name=program_name,
            registration_id=registration_id,
            status=status,
            submitted_at=submitted_at,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
        )


        breach.additional_properties = d
        return breach

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
