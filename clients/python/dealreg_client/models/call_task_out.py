from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.call_outcome import CallOutcome
from ..models.call_task_state import CallTaskState
from typing import cast
from uuid import UUID
import datetime






T = TypeVar("T", bound="CallTaskOut")



@_attrs_define
class CallTaskOut:
    """ 
        Attributes:
            claimed_at (datetime.datetime | None):
            closed_at (datetime.datetime | None):
            created_at (datetime.datetime):
            crossing (int):
            id (UUID):
            outcome (CallOutcome | None):
            outcome_at (datetime.datetime | None):
            outcome_note (None | str):
            owner_id (None | UUID):
            partner_id (UUID):
            score (int):
            state (CallTaskState): open (in its queue) → claimed (someone is calling) → closed.
            threshold (int):
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    claimed_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    crossing: int
    id: UUID
    outcome: CallOutcome | None
    outcome_at: datetime.datetime | None
    outcome_note: None | str
    owner_id: None | UUID
    partner_id: UUID
    score: int
    state: CallTaskState
    threshold: int
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        claimed_at: None | str
        if isinstance(self.claimed_at, datetime.datetime):
            claimed_at = self.claimed_at.isoformat()
        else:
            claimed_at = self.claimed_at

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        crossing = self.crossing

        id = str(self.id)

        outcome: None | str
        if isinstance(self.outcome, CallOutcome):
            outcome = self.outcome.value
        else:
            outcome = self.outcome

        outcome_at: None | str
        if isinstance(self.outcome_at, datetime.datetime):
            outcome_at = self.outcome_at.isoformat()
        else:
            outcome_at = self.outcome_at

        outcome_note: None | str
        outcome_note = self.outcome_note

        owner_id: None | str
        if isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        partner_id = str(self.partner_id)

        score = self.score

        state = self.state.value

        threshold = self.threshold

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "claimed_at": claimed_at,
            "closed_at": closed_at,
            "created_at": created_at,
            "crossing": crossing,
            "id": id,
            "outcome": outcome,
            "outcome_at": outcome_at,
            "outcome_note": outcome_note,
            "owner_id": owner_id,
            "partner_id": partner_id,
            "score": score,
            "state": state,
            "threshold": threshold,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_claimed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                claimed_at_type_0 = datetime.datetime.fromisoformat(data)



                return claimed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        claimed_at = _parse_claimed_at(d.pop("claimed_at"))


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


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        crossing = d.pop("crossing")

        id = UUID(d.pop("id"))




        def _parse_outcome(data: object) -> CallOutcome | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_type_0 = CallOutcome(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallOutcome | None, data)

        outcome = _parse_outcome(d.pop("outcome"))


        def _parse_outcome_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                outcome_at_type_0 = datetime.datetime.fromisoformat(data)



                return outcome_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        outcome_at = _parse_outcome_at(d.pop("outcome_at"))


        def _parse_outcome_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome_note = _parse_outcome_note(d.pop("outcome_note"))


        def _parse_owner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_id_type_0 = UUID(data)



                return owner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))


        partner_id = UUID(d.pop("partner_id"))




        score = d.pop("score")

        state = CallTaskState(d.pop("state"))




        threshold = d.pop("threshold")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        call_task_out = cls(
            claimed_at=claimed_at,
            closed_at=closed_at,
            created_at=created_at,
            crossing=crossing,
            id=id,
            outcome=outcome,
            outcome_at=outcome_at,
            outcome_note=outcome_note,
            owner_id=owner_id,
            partner_id=partner_id,
            score=score,
            state=state,
            threshold=threshold,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        call_task_out.additional_properties = d
        return call_task_out

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
