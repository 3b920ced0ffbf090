from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
from uuid import UUID

if TYPE_CHECKING:
  from ..models.contact import Contact
  from ..models.conversion_input_answers import ConversionInputAnswers
  from ..models.conversion_line import ConversionLine
  from ..models.customer import Customer
  from ..models.opportunity_input import OpportunityInput





T = TypeVar("T", bound="ConversionInput")



@_attrs_define
class ConversionInput:
    """ 
        Attributes:
            lines (list[ConversionLine]):
            opportunity (OpportunityInput):
            answers (ConversionInputAnswers | Unset):
            contact (Contact | None | Unset):
            customer (Customer | None | Unset):
            program_id (None | Unset | UUID):
     """

    lines: list[ConversionLine]
    opportunity: OpportunityInput
    answers: ConversionInputAnswers | Unset = UNSET
    contact: Contact | None | Unset = UNSET
    customer: Customer | None | Unset = UNSET
    program_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.conversion_input_answers import ConversionInputAnswers # noqa: PLC0415
        from ..models.conversion_line import ConversionLine # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.opportunity_input import OpportunityInput # noqa: PLC0415
        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)



        opportunity = self.opportunity.to_dict()

        answers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.answers, Unset):
            answers = self.answers.to_dict()

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        customer: dict[str, Any] | None | Unset
        if isinstance(self.customer, Unset):
            customer = UNSET
        elif isinstance(self.customer, Customer):
            customer = self.customer.to_dict()
        else:
            customer = self.customer

        program_id: None | str | Unset
        if isinstance(self.program_id, Unset):
            program_id = UNSET
        elif isinstance(self.program_id, UUID):
            program_id = str(self.program_id)
        else:
            program_id = self.program_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "lines": lines,
            "opportunity": opportunity,
        })
        if answers is not UNSET:
            field_dict["answers"] = answers
        if contact is not UNSET:
            field_dict["contact"] = contact
        if customer is not UNSET:
            field_dict["customer"] = customer
        if program_id is not UNSET:
            field_dict["program_id"] = program_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.conversion_input_answers import ConversionInputAnswers # noqa: PLC0415
        from ..models.conversion_line import ConversionLine # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        from ..models.opportunity_input import OpportunityInput # noqa: PLC0415
        d = dict(src_dict)
        lines = []
        _lines = d.pop("lines")
        for lines_item_data in (_lines):
            lines_item = ConversionLine.from_dict(lines_item_data)



            lines.append(lines_item)


        opportunity = OpportunityInput.from_dict(d.pop("opportunity"))




        _answers = d.pop("answers", UNSET)
        answers: ConversionInputAnswers | Unset
        if isinstance(_answers,  Unset):
            answers = UNSET
        else:
            answers = ConversionInputAnswers.from_dict(_answers)




        def _parse_contact(data: object) -> Contact | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = Contact.from_dict(data)



                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))


        def _parse_customer(data: object) -> Customer | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                customer_type_0 = Customer.from_dict(data)



                return customer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Customer | None | Unset, data)

        customer = _parse_customer(d.pop("customer", UNSET))


        def _parse_program_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                program_id_type_0 = UUID(data)



                return program_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        program_id = _parse_program_id(d.pop("program_id", UNSET))


        conversion_input = cls(
            lines=lines,
            opportunity=opportunity,
            answers=answers,
            contact=contact,
            customer=customer,
            program_id=program_id,
        )


        conversion_input.additional_properties = d
        return conversion_input

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
