from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="AtRisk")



@_attrs_define
class AtRisk:
    """ 
        Attributes:
            approver_id (None | UUID): Whom it is assigned to; null while nobody is (the vendor's approvers share it).
            approver_name (None | str): Their name.
            customer_name (str): Its end customer.
            due_at (datetime.datetime): When the threshold it passed fell due: its target (at risk) or its hard limit
                (breached).
            hours_overdue (float): Wall-clock hours since `due_at`, to the hundredth.
            link (str): The registration in the API.
            number (str): Its number, as people quote it.
            partner_id (UUID): The partner that registered it.
            partner_name (str): Its name.
            registration_id (UUID): The registration.
            sla_state (str): `breached` (past its hard limit) or `at_risk` (past its target).
            status (str): The registration's status: `submitted`, `in_review` or `info_requested`.
            vendor_id (UUID): The vendor that is to decide.
            vendor_name (str): Its name.
            waiting_on_partner (bool): Waiting on the partner's answer to a question: its clock is paused.
     """

    approver_id: None | UUID
    approver_name: None | str
    customer_name: str
    due_at: datetime.datetime
    hours_overdue: float
    link: str
    number: str
    partner_id: UUID
    partner_name: str
    registration_id: UUID
    sla_state: str
    status: str
    vendor_id: UUID
    vendor_name: str
    waiting_on_partner: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        approver_id: None | str
        if isinstance(self.approver_id, UUID):
            approver_id = str(self.approver_id)
        else:
            approver_id = self.approver_id

        approver_name: None | str
        approver_name = self.approver_name

        customer_name = self.customer_name

        due_at = self.due_at.isoformat()

        hours_overdue = self.hours_overdue

        link = self.link

        number = self.number

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        registration_id = str(self.registration_id)

        sla_state = self.sla_state

        status = self.status

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name

        waiting_on_partner = self.waiting_on_partner


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "approver_id": approver_id,
            "approver_name": approver_name,
            "customer_name": customer_name,
            "due_at": due_at,
            "hours_overdue": hours_overdue,
            "link": link,
            "number": number,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "registration_id": registration_id,
            "sla_state": sla_state,
            "status": status,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
            "waiting_on_partner": waiting_on_partner,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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


        customer_name = d.pop("customer_name")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))




        hours_overdue = d.pop("hours_overdue")

        link = d.pop("link")

        number = d.pop("number")

        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        registration_id = UUID(d.pop("registration_id"))




        sla_state = d.pop("sla_state")

        status = d.pop("status")

        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        waiting_on_partner = d.pop("waiting_on_partner")

        at_risk = cls(
            approver_id=approver_id,
            approver_name=approver_name,
            customer_name=customer_name,
            due_at=due_at,
            hours_overdue=hours_overdue,
            link=link,
            number=number,
            partner_id=partner_id,
            partner_name=partner_name,
            registration_id=registration_id,
            sla_state=sla_state,
            status=status,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
            waiting_on_partner=waiting_on_partner,
        )


        at_risk.additional_properties = d
        return at_risk

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
