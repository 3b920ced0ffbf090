from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.decider import Decider
from ..models.registration_status import RegistrationStatus
from ..models.sales_stage import SalesStage
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.open_question import OpenQuestion
  from ..models.sla_summary import SlaSummary





T = TypeVar("T", bound="RegistrationRow")



@_attrs_define
class RegistrationRow:
    """ 
        Attributes:
            amount (int):
            approved_at (datetime.datetime | None):
            approver_id (None | UUID):
            conflict (bool):
            created_at (datetime.datetime):
            currency (str):
            customer_name (str):
            deal_id (UUID):
            decided_at (datetime.datetime | None):
            decided_by (Decider | None):
            decided_by_id (None | UUID):
            decided_by_rule (None | str):
            decision_code (None | str):
            decision_note (None | str):
            discount_bp (int):
            expected_close_date (datetime.date):
            expires_at (datetime.datetime | None):
            extension_pending (bool):
            extensions_granted (int):
            id (UUID):
            number (str):
            offer_discount_bp (int):
            offer_id (None | UUID):
            open_question (None | OpenQuestion):
            partner_id (UUID):
            program_id (UUID):
            rep_id (UUID):
            sla (None | SlaSummary): Its approval clock, as a list shows it; null when it has none.
            stage (None | SalesStage):
            standard_discount_bp (int):
            status (RegistrationStatus):
            submitted_at (datetime.datetime):
            title (str):
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    amount: int
    approved_at: datetime.datetime | None
    approver_id: None | UUID
    conflict: bool
    created_at: datetime.datetime
    currency: str
    customer_name: str
    deal_id: UUID
    decided_at: datetime.datetime | None
    decided_by: Decider | None
    decided_by_id: None | UUID
    decided_by_rule: None | str
    decision_code: None | str
    decision_note: None | str
    discount_bp: int
    expected_close_date: datetime.date
    expires_at: datetime.datetime | None
    extension_pending: bool
    extensions_granted: int
    id: UUID
    number: str
    offer_discount_bp: int
    offer_id: None | UUID
    open_question: None | OpenQuestion
    partner_id: UUID
    program_id: UUID
    rep_id: UUID
    sla: None | SlaSummary
    stage: None | SalesStage
    standard_discount_bp: int
    status: RegistrationStatus
    submitted_at: datetime.datetime
    title: str
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.open_question import OpenQuestion # noqa: PLC0415
        from ..models.sla_summary import SlaSummary # noqa: PLC0415
        amount = self.amount

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        approver_id: None | str
        if isinstance(self.approver_id, UUID):
            approver_id = str(self.approver_id)
        else:
            approver_id = self.approver_id

        conflict = self.conflict

        created_at = self.created_at.isoformat()

        currency = self.currency

        customer_name = self.customer_name

        deal_id = str(self.deal_id)

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        if isinstance(self.decided_by, Decider):
            decided_by = self.decided_by.value
        else:
            decided_by = self.decided_by

        decided_by_id: None | str
        if isinstance(self.decided_by_id, UUID):
            decided_by_id = str(self.decided_by_id)
        else:
            decided_by_id = self.decided_by_id

        decided_by_rule: None | str
        decided_by_rule = self.decided_by_rule

        decision_code: None | str
        decision_code = self.decision_code

        decision_note: None | str
        decision_note = self.decision_note

        discount_bp = self.discount_bp

        expected_close_date = self.expected_close_date.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        extension_pending = self.extension_pending

        extensions_granted = self.extensions_granted

        id = str(self.id)

        number = self.number

        offer_discount_bp = self.offer_discount_bp

        offer_id: None | str
        if isinstance(self.offer_id, UUID):
            offer_id = str(self.offer_id)
        else:
            offer_id = self.offer_id

        open_question: dict[str, Any] | None
        if isinstance(self.open_question, OpenQuestion):
            open_question = self.open_question.to_dict()
        else:
            open_question = self.open_question

        partner_id = str(self.partner_id)

        program_id = str(self.program_id)

        rep_id = str(self.rep_id)

        sla: dict[str, Any] | None
        if isinstance(self.sla, SlaSummary):
            sla = self.sla.to_dict()
        else:
            sla = self.sla

        stage: None | str
        if isinstance(self.stage, SalesStage):
            stage = self.stage.value
        else:
            stage = self.stage

        standard_discount_bp = self.standard_discount_bp

        status = self.status.value

        submitted_at = self.submitted_at.isoformat()

        title = self.title

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "amount": amount,
            "approved_at": approved_at,
            "approver_id": approver_id,
            "conflict": conflict,
            "created_at": created_at,
            "currency": currency,
            "customer_name": customer_name,
            "deal_id": deal_id,
            "decided_at": decided_at,
            "decided_by": decided_by,
            "decided_by_id": decided_by_id,
            "decided_by_rule": decided_by_rule,
            "decision_code": decision_code,
            "decision_note": decision_note,
            "discount_bp": discount_bp,
            "expected_close_date": expected_close_date,
            "expires_at": expires_at,
            "extension_pending": extension_pending,
            "extensions_granted": extensions_granted,
            "id": id,
            "number": number,
            "offer_discount_bp": offer_discount_bp,
            "offer_id": offer_id,
            "open_question": open_question,
            "partner_id": partner_id,
            "program_id": program_id,
            "rep_id": rep_id,
            "sla": sla,
            "stage": stage,
            "standard_discount_bp": standard_discount_bp,
            "status": status,
            "submitted_at": submitted_at,
            "title": title,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.open_question import OpenQuestion # noqa: PLC0415
        from ..models.sla_summary import SlaSummary # noqa: PLC0415
        d = dict(src_dict)
        amount = d.pop("amount")

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)



                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))


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


        conflict = d.pop("conflict")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        currency = d.pop("currency")

        customer_name = d.pop("customer_name")

        deal_id = UUID(d.pop("deal_id"))




        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))


        def _parse_decided_by(data: object) -> Decider | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = Decider(data)



                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decider | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))


        def _parse_decided_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_id_type_0 = UUID(data)



                return decided_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        decided_by_id = _parse_decided_by_id(d.pop("decided_by_id"))


        def _parse_decided_by_rule(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by_rule = _parse_decided_by_rule(d.pop("decided_by_rule"))


        def _parse_decision_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_code = _parse_decision_code(d.pop("decision_code"))


        def _parse_decision_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_note = _parse_decision_note(d.pop("decision_note"))


        discount_bp = d.pop("discount_bp")

        expected_close_date = datetime.date.fromisoformat(d.pop("expected_close_date"))




        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))


        extension_pending = d.pop("extension_pending")

        extensions_granted = d.pop("extensions_granted")

        id = UUID(d.pop("id"))




        number = d.pop("number")

        offer_discount_bp = d.pop("offer_discount_bp")

        def _parse_offer_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_id_type_0 = UUID(data)



                return offer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        offer_id = _parse_offer_id(d.pop("offer_id"))


        def _parse_open_question(data: object) -> None | OpenQuestion:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                open_question_type_0 = OpenQuestion.from_dict(data)



                return open_question_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OpenQuestion, data)

        open_question = _parse_open_question(d.pop("open_question"))


        partner_id = UUID(d.pop("partner_id"))




        program_id = UUID(d.pop("program_id"))




        rep_id = UUID(d.pop("rep_id"))




        def _parse_sla(data: object) -> None | SlaSummary:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sla_type_0 = SlaSummary.from_dict(data)



                return sla_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SlaSummary, data)

        sla = _parse_sla(d.pop("sla"))


        def _parse_stage(data: object) -> None | SalesStage:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_type_0 = SalesStage(data)



                return stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SalesStage, data)

        stage = _parse_stage(d.pop("stage"))


        standard_discount_bp = d.pop("standard_discount_bp")

        status = RegistrationStatus(d.pop("status"))




        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))




        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        registration_row = cls(
            amount=amount,
            approved_at=approved_at,
            approver_id=approver_id,
            conflict=conflict,
            created_at=created_at,
            currency=currency,
            customer_name=customer_name,
            deal_id=deal_id,
            decided_at=decided_at,
            decided_by=decided_by,
            decided_by_id=decided_by_id,
            decided_by_rule=decided_by_rule,
            decision_code=decision_code,
            decision_note=decision_note,
            discount_bp=discount_bp,
            expected_close_date=expected_close_date,
            expires_at=expires_at,
            extension_pending=extension_pending,
            extensions_granted=extensions_granted,
            id=id,
            number=number,
            offer_discount_bp=offer_discount_bp,
            offer_id=offer_id,
            open_question=open_question,
            partner_id=partner_id,
            program_id=program_id,
            rep_id=rep_id,
            sla=sla,
            stage=stage,
            standard_discount_bp=standard_discount_bp,
            status=status,
            submitted_at=submitted_at,
            title=title,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        registration_row.additional_properties = d
        return registration_row

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
