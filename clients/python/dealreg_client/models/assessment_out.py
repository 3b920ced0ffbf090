from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.tier import Tier
from typing import cast
from uuid import UUID
import datetime

if TYPE_CHECKING:
  from ..models.attribute_figure import AttributeFigure
  from ..models.figure import Figure
  from ..models.group_figure import GroupFigure





T = TypeVar("T", bound="AssessmentOut")



@_attrs_define
class AssessmentOut:
    """ 
        Attributes:
            assessed_at (datetime.datetime):
            assessed_by (None | UUID): Who of the vendor's channel team assessed; null to a partner.
            attributes (list[AttributeFigure]):
            created_at (datetime.datetime):
            goal (str):
            groups (list[GroupFigure]):
            id (UUID):
            note (str):
            overall (Figure):
            partner_id (UUID):
            partners_assessed (int): The vendor's partners assessed in the quarter.
            partners_in_tier_assessed (int):
            partnership_id (UUID):
            quarter (str): `YYYY-Qn` in the vendor's fiscal calendar; a fiscal year is named by the calendar year it ends
                in.
            template_version (int):
            tier (Tier): The partner's tier when assessed.
            updated_at (datetime.datetime):
            vendor_id (UUID):
            version (int):
     """

    assessed_at: datetime.datetime
    assessed_by: None | UUID
    attributes: list[AttributeFigure]
    created_at: datetime.datetime
    goal: str
    groups: list[GroupFigure]
    id: UUID
    note: str
    overall: Figure
    partner_id: UUID
    partners_assessed: int
    partners_in_tier_assessed: int
    partnership_id: UUID
    quarter: str
    template_version: int
    tier: Tier
    updated_at: datetime.datetime
    vendor_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_figure import AttributeFigure # noqa: PLC0415
        from ..models.figure import Figure # noqa: PLC0415
        from ..models.group_figure import GroupFigure # noqa: PLC0415
        assessed_at = self.assessed_at.isoformat()

        assessed_by: None | str
        if isinstance(self.assessed_by, UUID):
            assessed_by = str(self.assessed_by)
        else:
            assessed_by = self.assessed_by

        attributes = []
        for attributes_item_data in self.attributes:
            attributes_item = attributes_item_data.to_dict()
            attributes.append(attributes_item)



        created_at = self.created_at.isoformat()

        goal = self.goal

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)



        id = str(self.id)

        note = self.note

        overall = self.overall.to_dict()

        partner_id = str(self.partner_id)

        partners_assessed = self.partners_assessed

        partners_in_tier_assessed = self.partners_in_tier_assessed

        partnership_id = str(self.partnership_id)

        quarter = self.quarter

        template_version = self.template_version

        tier = self.tier.value

        updated_at = self.updated_at.isoformat()

        vendor_id = str(self.vendor_id)

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "assessed_at": assessed_at,
            "assessed_by": assessed_by,
            "attributes": attributes,
            "created_at": created_at,
            "goal": goal,
            "groups": groups,
            "id": id,
            "note": note,
            "overall": overall,
            "partner_id": partner_id,
            "partners_assessed": partners_assessed,
            "partners_in_tier_assessed": partners_in_tier_assessed,
            "partnership_id": partnership_id,
            "quarter": quarter,
            "template_version": template_version,
            "tier": tier,
            "updated_at": updated_at,
            "vendor_id": vendor_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_figure import AttributeFigure # noqa: PLC0415
        from ..models.figure import Figure # noqa: PLC0415
        from ..models.group_figure import GroupFigure # noqa: PLC0415
        d = dict(src_dict)
        assessed_at = datetime.datetime.fromisoformat(d.pop("assessed_at"))




        def _parse_assessed_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assessed_by_type_0 = UUID(data)



                return assessed_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assessed_by = _parse_assessed_by(d.pop("assessed_by"))


        attributes = []
        _attributes = d.pop("attributes")
        for attributes_item_data in (_attributes):
            attributes_item = AttributeFigure.from_dict(attributes_item_data)



            attributes.append(attributes_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        goal = d.pop("goal")

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in (_groups):
            groups_item = GroupFigure.from_dict(groups_item_data)



            groups.append(groups_item)


        id = UUID(d.pop("id"))




        note = d.pop("note")

        overall = Figure.from_dict(d.pop("overall"))




        partner_id = UUID(d.pop("partner_id"))




        partners_assessed = d.pop("partners_assessed")

        partners_in_tier_assessed = d.pop("partners_in_tier_assessed")

        partnership_id = UUID(d.pop("partnership_id"))




        quarter = d.pop("quarter")

        template_version = d.pop("template_version")

        tier = Tier(d.pop("tier"))




        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        vendor_id = UUID(d.pop("vendor_id"))




        version = d.pop("version")

        assessment_out = cls(
            assessed_at=assessed_at,
            assessed_by=assessed_by,
            attributes=attributes,
            created_at=created_at,
            goal=goal,
            groups=groups,
            id=id,
            note=note,
            overall=overall,
            partner_id=partner_id,
            partners_assessed=partners_assessed,
            partners_in_tier_assessed=partners_in_tier_assessed,
            partnership_id=partnership_id,
            quarter=quarter,
            template_version=template_version,
            tier=tier,
            updated_at=updated_at,
            vendor_id=vendor_id,
            version=version,
        )


        assessment_out.additional_properties = d
        return assessment_out

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
