from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.disposition import Disposition
from ..models.lead_rejection import LeadRejection
from ..models.lead_status import LeadStatus
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.customer import Customer





T = TypeVar("T", bound="LeadOut")



@_attrs_define
class LeadOut:
    """ 
        Attributes:
            accept_due_at (datetime.datetime | None):
            accepted_at (datetime.datetime | None):
            campaign (None | str):
            closed_at (datetime.datetime | None):
            contact (Contact):
            converted_at (datetime.datetime | None):
            created_at (datetime.datetime):
            customer (Customer):
            disposition (Disposition | None):
            disposition_at (datetime.datetime | None):
            first_touch_at (datetime.datetime | None):
            first_touch_due_at (datetime.datetime | None):
            first_touch_overdue (bool):
            forwarded_at (datetime.datetime | None):
            id (UUID):
            interest (str):
            lost_reason (None | str):
            notes (str):
            partner_id (UUID):
            qualified_at (datetime.datetime | None):
            recalled_at (datetime.datetime | None):
            registration_id (None | UUID):
            reject_code (LeadRejection | None):
            reject_note (None | str):
            rejected_at (datetime.datetime | None):
            rep_id (None | UUID):
            score (int):
            skus (list[str]):
            source (None | str):
            status (LeadStatus):
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    accept_due_at: datetime.datetime | None
    accepted_at: datetime.datetime | None
    campaign: None | str
    closed_at: datetime.datetime | None
    contact: Contact
    converted_at: datetime.datetime | None
    created_at: datetime.datetime
    customer: Customer
    disposition: Disposition | None
    disposition_at: datetime.datetime | None
    first_touch_at: datetime.datetime | None
    first_touch_due_at: datetime.datetime | None
    first_touch_overdue: bool
    forwarded_at: datetime.datetime | None
    id: UUID
    interest: str
    lost_reason: None | str
    notes: str
    partner_id: UUID
    qualified_at: datetime.datetime | None
    recalled_at: datetime.datetime | None
    registration_id: None | UUID
    reject_code: LeadRejection | None
    reject_note: None | str
    rejected_at: datetime.datetime | None
    rep_id: None | UUID
    score: int
    skus: list[str]
    source: None | str
    status: LeadStatus
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        accept_due_at: None | str
        if isinstance(self.accept_due_at, datetime.datetime):
            accept_due_at = self.accept_due_at.isoformat()
        else:
            accept_due_at = self.accept_due_at

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        campaign: None | str
        campaign = self.campaign

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        contact = self.contact.to_dict()

        converted_at: None | str
        if isinstance(self.converted_at, datetime.datetime):
            converted_at = self.converted_at.isoformat()
        else:
            converted_at = self.converted_at

        created_at = self.created_at.isoformat()

        customer = self.customer.to_dict()

        disposition: None | str
        if isinstance(self.disposition, Disposition):
            disposition = self.disposition.value
        else:
            disposition = self.disposition

        disposition_at: None | str
        if isinstance(self.disposition_at, datetime.datetime):
            disposition_at = self.disposition_at.isoformat()
        else:
            disposition_at = self.disposition_at

        first_touch_at: None | str
        if isinstance(self.first_touch_at, datetime.datetime):
            first_touch_at = self.first_touch_at.isoformat()
        else:
            first_touch_at = self.first_touch_at

        first_touch_due_at: None | str
        if isinstance(self.first_touch_due_at, datetime.datetime):
            first_touch_due_at = self.first_touch_due_at.isoformat()
        else:
            first_touch_due_at = self.first_touch_due_at

        first_touch_overdue = self.first_touch_overdue

        forwarded_at: None | str
        if isinstance(self.forwarded_at, datetime.datetime):
            forwarded_at = self.forwarded_at.isoformat()
        else:
            forwarded_at = self.forwarded_at

        id = str(self.id)

        interest = self.interest

        lost_reason: None | str
        lost_reason = self.lost_reason

        notes = self.notes

        partner_id = str(self.partner_id)

        qualified_at: None | str
        if isinstance(self.qualified_at, datetime.datetime):
            qualified_at = self.qualified_at.isoformat()
        else:
            qualified_at = self.qualified_at

        recalled_at: None | str
        if isinstance(self.recalled_at, datetime.datetime):
            recalled_at = self.recalled_at.isoformat()
        else:
            recalled_at = self.recalled_at

        registration_id: None | str
        if isinstance(self.registration_id, UUID):
            registration_id = str(self.registration_id)
        else:
            registration_id = self.registration_id

        reject_code: None | str
        if isinstance(self.reject_code, LeadRejection):
            reject_code = self.reject_code.value
        else:
            reject_code = self.reject_code

        reject_note: None | str
        reject_note = self.reject_note

        rejected_at: None | str
        if isinstance(self.rejected_at, datetime.datetime):
            rejected_at = self.rejected_at.isoformat()
        else:
            rejected_at = self.rejected_at

        rep_id: None | str
        if isinstance(self.rep_id, UUID):
            rep_id = str(self.rep_id)
        else:
            rep_id = self.rep_id

        score = self.score

        skus = self.skus



        source: None | str
        source = self.source

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accept_due_at": accept_due_at,
            "accepted_at": accepted_at,
            "campaign": campaign,
            "closed_at": closed_at,
            "contact": contact,
            "converted_at": converted_at,
            "created_at": created_at,
            "customer": customer,
            "disposition": disposition,
            "disposition_at": disposition_at,
            "first_touch_at": first_touch_at,
            "first_touch_due_at": first_touch_due_at,
            "first_touch_overdue": first_touch_overdue,
            "forwarded_at": forwarded_at,
            "id": id,
            "interest": interest,
            "lost_reason": lost_reason,
            "notes": notes,
            "partner_id": partner_id,
            "qualified_at": qualified_at,
            "recalled_at": recalled_at,
            "registration_id": registration_id,
            "reject_code": reject_code,
            "reject_note": reject_note,
            "rejected_at": rejected_at,
            "rep_id": rep_id,
            "score": score,
            "skus": skus,
            "source": source,
            "status": status,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        d = dict(src_dict)
        def _parse_accept_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accept_due_at_type_0 = datetime.datetime.fromisoformat(data)



                return accept_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accept_due_at = _parse_accept_due_at(d.pop("accept_due_at"))


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


        def _parse_campaign(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign = _parse_campaign(d.pop("campaign"))


        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        contact = Contact.from_dict(d.pop("contact"))




        def _parse_converted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                converted_at_type_0 = datetime.datetime.fromisoformat(data)



                return converted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        converted_at = _parse_converted_at(d.pop("converted_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        customer = Customer.from_dict(d.pop("customer"))




        def _parse_disposition(data: object) -> Disposition | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disposition_type_0 = Disposition(data)



                return disposition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Disposition | None, data)

        disposition = _parse_disposition(d.pop("disposition"))


        def _parse_disposition_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disposition_at_type_0 = datetime.datetime.fromisoformat(data)



                return disposition_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        disposition_at = _parse_disposition_at(d.pop("disposition_at"))


        def _parse_first_touch_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_touch_at_type_0 = datetime.datetime.fromisoformat(data)



                return first_touch_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_touch_at = _parse_first_touch_at(d.pop("first_touch_at"))


        def _parse_first_touch_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_touch_due_at_type_0 = datetime.datetime.fromisoformat(data)



                return first_touch_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_touch_due_at = _parse_first_touch_due_at(d.pop("first_touch_due_at"))


        first_touch_overdue = d.pop("first_touch_overdue")

        def _parse_forwarded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                forwarded_at_type_0 = datetime.datetime.fromisoformat(data)



                return forwarded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        forwarded_at = _parse_forwarded_at(d.pop("forwarded_at"))


        id = UUID(d.pop("id"))




        interest = d.pop("interest")

        def _parse_lost_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason"))


        notes = d.pop("notes")

        partner_id = UUID(d.pop("partner_id"))




        def _parse_qualified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                qualified_at_type_0 = datetime.datetime.fromisoformat(data)



                return qualified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        qualified_at = _parse_qualified_at(d.pop("qualified_at"))


        def _parse_recalled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                recalled_at_type_0 = datetime.datetime.fromisoformat(data)



                return recalled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        recalled_at = _parse_recalled_at(d.pop("recalled_at"))


        def _parse_registration_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                registration_id_type_0 = UUID(data)



                return registration_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        registration_id = _parse_registration_id(d.pop("registration_id"))


        def _parse_reject_code(data: object) -> LeadRejection | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reject_code_type_0 = LeadRejection(data)



                return reject_code_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeadRejection | None, data)

        reject_code = _parse_reject_code(d.pop("reject_code"))


        def _parse_reject_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reject_note = _parse_reject_note(d.pop("reject_note"))


        def _parse_rejected_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rejected_at_type_0 = datetime.datetime.fromisoformat(data)



                return rejected_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rejected_at = _parse_rejected_at(d.pop("rejected_at"))


        def _parse_rep_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rep_id_type_0 = UUID(data)



                return rep_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rep_id = _parse_rep_id(d.pop("rep_id"))


        score = d.pop("score")

        skus = cast(list[str], d.pop("skus"))


        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))


        status = LeadStatus(d.pop("status"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        lead_out = cls(
            accept_due_at=accept_due_at,
            accepted_at=accepted_at,
            campaign=campaign,
            closed_at=closed_at,
            contact=contact,
            converted_at=converted_at,
            created_at=created_at,
            customer=customer,
            disposition=disposition,
            disposition_at=disposition_at,
            first_touch_at=first_touch_at,
            first_touch_due_at=first_touch_due_at,
            first_touch_overdue=first_touch_overdue,
            forwarded_at=forwarded_at,
            id=id,
            interest=interest,
            lost_reason=lost_reason,
            notes=notes,
            partner_id=partner_id,
            qualified_at=qualified_at,
            recalled_at=recalled_at,
            registration_id=registration_id,
            reject_code=reject_code,
            reject_note=reject_note,
            rejected_at=rejected_at,
            rep_id=rep_id,
            score=score,
            skus=skus,
            source=source,
            status=status,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        lead_out.additional_properties = d
        return lead_out

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
