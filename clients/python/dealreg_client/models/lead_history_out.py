from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.lead_status import LeadStatus
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.lead_history_out_data import LeadHistoryOutData





T = TypeVar("T", bound="LeadHistoryOut")



@_attrs_define
class LeadHistoryOut:
    """ 
        Attributes:
            action (str):
            actor_id (None | UUID):
            actor_role (None | str):
            at (datetime.datetime):
            data (LeadHistoryOutData):
            from_status (LeadStatus | None):
            id (UUID):
            reason (None | str):
            to_status (LeadStatus | None):
     """

    action: str
    actor_id: None | UUID
    actor_role: None | str
    at: datetime.datetime
    data: LeadHistoryOutData
    from_status: LeadStatus | None
    id: UUID
    reason: None | str
    to_status: LeadStatus | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lead_history_out_data import LeadHistoryOutData # noqa: PLC0415
        action = self.action

        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        actor_role: None | str
        actor_role = self.actor_role

        at = self.at.isoformat()

        data = self.data.to_dict()

        from_status: None | str
        if isinstance(self.from_status, LeadStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        id = str(self.id)

        reason: None | str
        reason = self.reason

        to_status: None | str
        if isinstance(self.to_status, LeadStatus):
            to_status = self.to_status.value
        else:
            to_status = self.to_status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor_id": actor_id,
            "actor_role": actor_role,
            "at": at,
            "data": data,
            "from_status": from_status,
            "id": id,
            "reason": reason,
            "to_status": to_status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lead_history_out_data import LeadHistoryOutData # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)



                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))


        def _parse_actor_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_role = _parse_actor_role(d.pop("actor_role"))


        at = datetime.datetime.fromisoformat(d.pop("at"))




        data = LeadHistoryOutData.from_dict(d.pop("data"))




        def _parse_from_status(data: object) -> LeadStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = LeadStatus(data)



                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeadStatus | None, data)

        from_status = _parse_from_status(d.pop("from_status"))


        id = UUID(d.pop("id"))




        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))


        def _parse_to_status(data: object) -> LeadStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_status_type_0 = LeadStatus(data)



                return to_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeadStatus | None, data)

        to_status = _parse_to_status(d.pop("to_status"))


        lead_history_out = cls(
            action=action,
            actor_id=actor_id,
            actor_role=actor_role,
            at=at,
            data=data,
            from_status=from_status,
            id=id,
            reason=reason,
            to_status=to_status,
        )


        lead_history_out.additional_properties = d
        return lead_history_out

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
