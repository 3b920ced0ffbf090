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
  from ..models.assessment_out import AssessmentOut
  from ..models.lead_row import LeadRow
  from ..models.pipeline_row import PipelineRow
  from ..models.scorecard_row import ScorecardRow
  from ..models.sla_row import SlaRow





T = TypeVar("T", bound="QbrOut")



@_attrs_define
class QbrOut:
    """ 
        Attributes:
            as_of (datetime.datetime):
            capabilities (AssessmentOut | None): The quarter's capability assessment; null when none.
            first_day (datetime.date): The quarter's first day (vendor's).
            last_day (datetime.date):
            leads (LeadRow | None): What the partner did with the leads forwarded in the quarter.
            partner_id (UUID):
            partner_name (str):
            partnership_id (UUID):
            pipeline (None | PipelineRow): Plan against pipeline, as `GET /v1/reports/pipeline` has it.
            quarter (str):
            registrations (list[ScorecardRow]): The registration scorecard of the registrations submitted in the quarter:
                the partner's line per currency.
            registrations_by_rep (list[ScorecardRow]):
            sla (SlaRow):
            tier (Tier): The partner's tier when assessed.
            vendor_id (UUID):
            vendor_name (str):
     """

    as_of: datetime.datetime
    capabilities: AssessmentOut | None
    first_day: datetime.date
    last_day: datetime.date
    leads: LeadRow | None
    partner_id: UUID
    partner_name: str
    partnership_id: UUID
    pipeline: None | PipelineRow
    quarter: str
    registrations: list[ScorecardRow]
    registrations_by_rep: list[ScorecardRow]
    sla: SlaRow
    tier: Tier
    vendor_id: UUID
    vendor_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.assessment_out import AssessmentOut # noqa: PLC0415
        from ..models.lead_row import LeadRow # noqa: PLC0415
        from ..models.pipeline_row import PipelineRow # noqa: PLC0415
        from ..models.scorecard_row import ScorecardRow # noqa: PLC0415
        from ..models.sla_row import SlaRow # noqa: PLC0415
        as_of = self.as_of.isoformat()

        capabilities: dict[str, Any] | None
        if isinstance(self.capabilities, AssessmentOut):
            capabilities = self.capabilities.to_dict()
        else:
            capabilities = self.capabilities

        first_day = self.first_day.isoformat()

        last_day = self.last_day.isoformat()

        leads: dict[str, Any] | None
        if isinstance(self.leads, LeadRow):
            leads = self.leads.to_dict()
        else:
            leads = self.leads

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        partnership_id = str(self.partnership_id)

        pipeline: dict[str, Any] | None
        if isinstance(self.pipeline, PipelineRow):
            pipeline = self.pipeline.to_dict()
        else:
            pipeline = self.pipeline

        quarter = self.quarter

        registrations = []
        for registrations_item_data in self.registrations:
            registrations_item = registrations_item_data.to_dict()
            registrations.append(registrations_item)



        registrations_by_rep = []
        for registrations_by_rep_item_data in self.registrations_by_rep:
            registrations_by_rep_item = registrations_by_rep_item_data.to_dict()
            registrations_by_rep.append(registrations_by_rep_item)



        sla = self.sla.to_dict()

        tier = self.tier.value

        vendor_id = str(self.vendor_id)

        vendor_name = self.vendor_name


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "capabilities": capabilities,
            "first_day": first_day,
            "last_day": last_day,
            "leads": leads,
            "partner_id": partner_id,
            "partner_name": partner_name,
            "partnership_id": partnership_id,
            "pipeline": pipeline,
            "quarter": quarter,
            "registrations": registrations,
            "registrations_by_rep": registrations_by_rep,
            "sla": sla,
            "tier": tier,
            "vendor_id": vendor_id,
            "vendor_name": vendor_name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_out import AssessmentOut # noqa: PLC0415
        from ..models.lead_row import LeadRow # noqa: PLC0415
        from ..models.pipeline_row import PipelineRow # noqa: PLC0415
        from ..models.scorecard_row import ScorecardRow # noqa: PLC0415
        from ..models.sla_row import SlaRow # noqa: PLC0415
        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))




        def _parse_capabilities(data: object) -> AssessmentOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                capabilities_type_0 = AssessmentOut.from_dict(data)



                return capabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssessmentOut | None, data)

        capabilities = _parse_capabilities(d.pop("capabilities"))


        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        last_day = datetime.date.fromisoformat(d.pop("last_day"))




        def _parse_leads(data: object) -> LeadRow | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                leads_type_0 = LeadRow.from_dict(data)



                return leads_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeadRow | None, data)

        leads = _parse_leads(d.pop("leads"))


        partner_id = UUID(d.pop("partner_id"))




        partner_name = d.pop("partner_name")

        partnership_id = UUID(d.pop("partnership_id"))




        def _parse_pipeline(data: object) -> None | PipelineRow:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pipeline_type_0 = PipelineRow.from_dict(data)



                return pipeline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineRow, data)

        pipeline = _parse_pipeline(d.pop("pipeline"))


        quarter = d.pop("quarter")

        registrations = []
        _registrations = d.pop("registrations")
        for registrations_item_data in (_registrations):
            registrations_item = ScorecardRow.from_dict(registrations_item_data)



            registrations.append(registrations_item)


        registrations_by_rep = []
        _registrations_by_rep = d.pop("registrations_by_rep")
        for registrations_by_rep_item_data in (_registrations_by_rep):
            registrations_by_rep_item = ScorecardRow.from_dict(registrations_by_rep_item_data)



            registrations_by_rep.append(registrations_by_rep_item)


        sla = SlaRow.from_dict(d.pop("sla"))




        tier = Tier(d.pop("tier"))




        vendor_id = UUID(d.pop("vendor_id"))




        vendor_name = d.pop("vendor_name")

        qbr_out = cls(
            as_of=as_of,
            capabilities=capabilities,
            first_day=first_day,
            last_day=last_day,
            leads=leads,
            partner_id=partner_id,
            partner_name=partner_name,
            partnership_id=partnership_id,
            pipeline=pipeline,
            quarter=quarter,
            registrations=registrations,
            registrations_by_rep=registrations_by_rep,
            sla=sla,
            tier=tier,
            vendor_id=vendor_id,
            vendor_name=vendor_name,
        )


        qbr_out.additional_properties = d
        return qbr_out

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
