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
  from ..models.customer import Customer





T = TypeVar("T", bound="LeadInput")



@_attrs_define
class LeadInput:
    """ 
        Attributes:
            contact (Contact):
            customer (Customer):
            partner_id (UUID):
            campaign (None | str | Unset):
            forward (bool | Unset): Default when left out: `true`.
            interest (str | Unset): Default when left out: `""`.
            notes (str | Unset): Default when left out: `""`.
            rep_id (None | Unset | UUID):
            score (int | Unset): Default when left out: `0`.
            skus (list[str] | Unset):
            source (None | str | Unset):
     """

    contact: Contact
    customer: Customer
    partner_id: UUID
    campaign: None | str | Unset = UNSET
    forward: bool | Unset = UNSET
    interest: str | Unset = UNSET
    notes: str | Unset = UNSET
    rep_id: None | Unset | UUID = UNSET
    score: int | Unset = UNSET
    skus: list[str] | Unset = UNSET
    source: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        contact = self.contact.to_dict()

        customer = self.customer.to_dict()

        partner_id = str(self.partner_id)

        campaign: None | str | Unset
        if isinstance(self.campaign, Unset):
            campaign = UNSET
        else:
            campaign = self.campaign

        forward = self.forward

        interest = self.interest

        notes = self.notes

        rep_id: None | str | Unset
        if isinstance(self.rep_id, Unset):
            rep_id = UNSET
        elif isinstance(self.rep_id, UUID):
            rep_id = str(self.rep_id)
        else:
            rep_id = self.rep_id

        score = self.score

        skus: list[str] | Unset = UNSET
        if not isinstance(self.skus, Unset):
            skus = self.skus



        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contact": contact,
            "customer": customer,
            "partner_id": partner_id,
        })
        if campaign is not UNSET:
            field_dict["campaign"] = campaign
        if forward is not UNSET:
            field_dict["forward"] = forward
        if interest is not UNSET:
            field_dict["interest"] = interest
        if notes is not UNSET:
            field_dict["notes"] = notes
        if rep_id is not UNSET:
            field_dict["rep_id"] = rep_id
        if score is not UNSET:
            field_dict["score"] = score
        if skus is not UNSET:
            field_dict["skus"] = skus
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact # noqa: PLC0415
        from ..models.customer import Customer # noqa: PLC0415
        d = dict(src_dict)
        contact = Contact.from_dict(d.pop("contact"))




        customer = Customer.from_dict(d.pop("customer"))




        partner_id = UUID(d.pop("partner_id"))




        def _parse_campaign(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign = _parse_campaign(d.pop("campaign", UNSET))


        forward = d.pop("forward", UNSET)

        interest = d.pop("interest", UNSET)

        notes = d.pop("notes", UNSET)

        def _parse_rep_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rep_id_type_0 = UUID(data)



                return rep_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        rep_id = _parse_rep_id(d.pop("rep_id", UNSET))


        score = d.pop("score", UNSET)

        skus = cast(list[str], d.pop("skus", UNSET))


        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))


        lead_input = cls(
            contact=contact,
            customer=customer,
            partner_id=partner_id,
            campaign=campaign,
            forward=forward,
            interest=interest,
            notes=notes,
            rep_id=rep_id,
            score=score,
            skus=skus,
            source=source,
        )


        lead_input.additional_properties = d
        return lead_input

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
