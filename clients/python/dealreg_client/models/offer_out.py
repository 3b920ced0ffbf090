from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.offer_state import OfferState
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="OfferOut")



@_attrs_define
class OfferOut:
    """ 
        Attributes:
            call_task_id (None | UUID):
            created_at (datetime.datetime):
            discount_bp (int):
            granted_by (None | UUID):
            id (UUID):
            note (None | str):
            partner_id (UUID):
            registrations_allowed (int):
            registrations_used (int):
            revoked_at (datetime.datetime | None):
            skus (list[str] | None):
            state (OfferState): `active`: an offer holds for the next registration; else why it no longer does.
            updated_at (datetime.datetime):
            valid_until (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    call_task_id: None | UUID
    created_at: datetime.datetime
    discount_bp: int
    granted_by: None | UUID
    id: UUID
    note: None | str
    partner_id: UUID
    registrations_allowed: int
    registrations_used: int
    revoked_at: datetime.datetime | None
    skus: list[str] | None
    state: OfferState
    updated_at: datetime.datetime
    valid_until: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        call_task_id: None | str
        if isinstance(self.call_task_id, UUID):
            call_task_id = str(self.call_task_id)
        else:
            call_task_id = self.call_task_id

        created_at = self.created_at.isoformat()

        discount_bp = self.discount_bp

        granted_by: None | str
        if isinstance(self.granted_by, UUID):
            granted_by = str(self.granted_by)
        else:
            granted_by = self.granted_by

        id = str(self.id)

        note: None | str
        note = self.note

        partner_id = str(self.partner_id)

        registrations_allowed = self.registrations_allowed

        registrations_used = self.registrations_used

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        skus: list[str] | None
        if isinstance(self.skus, list):
            skus = self.skus


        else:
            skus = self.skus

        state = self.state.value

        updated_at = self.updated_at.isoformat()

        valid_until = self.valid_until.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "call_task_id": call_task_id,
            "created_at": created_at,
            "discount_bp": discount_bp,
            "granted_by": granted_by,
            "id": id,
            "note": note,
            "partner_id": partner_id,
            "registrations_allowed": registrations_allowed,
            "registrations_used": registrations_used,
            "revoked_at": revoked_at,
            "skus": skus,
            "state": state,
            "updated_at": updated_at,
            "valid_until": valid_until,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_call_task_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                call_task_id_type_0 = UUID(data)



                return call_task_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        call_task_id = _parse_call_task_id(d.pop("call_task_id"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        discount_bp = d.pop("discount_bp")

        def _parse_granted_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                granted_by_type_0 = UUID(data)



                return granted_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        granted_by = _parse_granted_by(d.pop("granted_by"))


        id = UUID(d.pop("id"))




        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        partner_id = UUID(d.pop("partner_id"))




        registrations_allowed = d.pop("registrations_allowed")

        registrations_used = d.pop("registrations_used")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)



                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))


        def _parse_skus(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skus_type_0 = cast(list[str], data)

                return skus_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        skus = _parse_skus(d.pop("skus"))


        state = OfferState(d.pop("state"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        offer_out = cls(
            call_task_id=call_task_id,
            created_at=created_at,
            discount_bp=discount_bp,
            granted_by=granted_by,
            id=id,
            note=note,
            partner_id=partner_id,
            registrations_allowed=registrations_allowed,
            registrations_used=registrations_used,
            revoked_at=revoked_at,
            skus=skus,
            state=state,
            updated_at=updated_at,
            valid_until=valid_until,
            vendor_id=vendor_id,
            version=version,
        )


        offer_out.additional_properties = d
        return offer_out

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
