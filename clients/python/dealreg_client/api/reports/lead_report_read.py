from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.account_disabled_problem import AccountDisabledProblem
from ...models.api_client_not_found_problem import ApiClientNotFoundProblem
from ...models.bad_request_problem import BadRequestProblem
from ...models.call_task_not_found_problem import CallTaskNotFoundProblem
from ...models.capability_assessment_not_found_problem import CapabilityAssessmentNotFoundProblem
from ...models.capability_template_not_found_problem import CapabilityTemplateNotFoundProblem
from ...models.deal_not_found_problem import DealNotFoundProblem
from ...models.extension_request_not_found_problem import ExtensionRequestNotFoundProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.idempotency_key_reused_problem import IdempotencyKeyReusedProblem
from ...models.incentive_plan_not_found_problem import IncentivePlanNotFoundProblem
from ...models.invalid_client_problem import InvalidClientProblem
from ...models.invalid_cursor_problem import InvalidCursorProblem
from ...models.invalid_deal_problem import InvalidDealProblem
from ...models.invalid_grant_problem import InvalidGrantProblem
from ...models.invalid_idempotency_key_problem import InvalidIdempotencyKeyProblem
from ...models.invalid_lead_problem import InvalidLeadProblem
from ...models.invalid_parameter_problem import InvalidParameterProblem
from ...models.invalid_scope_problem import InvalidScopeProblem
from ...models.invalid_token_request_problem import InvalidTokenRequestProblem
from ...models.invitation_not_found_problem import InvitationNotFoundProblem
from ...models.lead_below_threshold_problem import LeadBelowThresholdProblem
from ...models.lead_group_by import LeadGroupBy
from ...models.lead_not_found_problem import LeadNotFoundProblem
from ...models.lead_report import LeadReport
from ...models.lead_report_read_format_type_1 import LeadReportReadFormatType1
from ...models.lead_report_read_format_type_2_type_1 import LeadReportReadFormatType2Type1
from ...models.lead_report_read_format_type_3_type_1 import LeadReportReadFormatType3Type1
from ...models.link_not_found_problem import LinkNotFoundProblem
from ...models.malformed_body_problem import MalformedBodyProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.not_ready_problem import NotReadyProblem
from ...models.oauth_app_not_found_problem import OauthAppNotFoundProblem
from ...models.offer_not_found_problem import OfferNotFoundProblem
from ...models.organization_not_found_problem import OrganizationNotFoundProblem
from ...models.partnership_not_found_problem import PartnershipNotFoundProblem
from ...models.payout_not_found_problem import PayoutNotFoundProblem
from ...models.plan_not_found_problem import PlanNotFoundProblem
from ...models.program_not_found_problem import ProgramNotFoundProblem
from ...models.registration_not_found_problem import RegistrationNotFoundProblem
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.session_not_found_problem import SessionNotFoundProblem
from ...models.sla_clock_not_found_problem import SlaClockNotFoundProblem
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthenticated_problem import UnauthenticatedProblem
from ...models.unauthorized_client_problem import UnauthorizedClientProblem
from ...models.unsupported_grant_type_problem import UnsupportedGrantTypeProblem
from ...models.unsupported_token_type_problem import UnsupportedTokenTypeProblem
from ...models.user_not_found_problem import UserNotFoundProblem
from ...models.validation_error_problem import ValidationErrorProblem
from ...models.webhook_delivery_not_found_problem import WebhookDeliveryNotFoundProblem
from ...models.webhook_endpoint_not_found_problem import WebhookEndpointNotFoundProblem
from ...models.wrong_password_problem import WrongPasswordProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    group_by: LeadGroupBy | Unset = UNSET,
    max_reject_rate: float | Unset = 0.5,
    min_win_rate: float | Unset = 0.2,
    min_sample: int | Unset = 5,
    format_: LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 | LeadReportReadFormatType3Type1 | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_campaign: None | str | Unset
    if isinstance(campaign, Unset):
        json_campaign = UNSET
    else:
        json_campaign = campaign
    params["campaign"] = json_campaign

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by.value

    params["group_by"] = json_group_by

    params["max_reject_rate"] = max_reject_rate

    params["min_win_rate"] = min_win_rate

    params["min_sample"] = min_sample

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, LeadReportReadFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, LeadReportReadFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, LeadReportReadFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/leads",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    if response.status_code == 200:
        response_200 = LeadReport.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        def _parse_response_400(data: object) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_0 = BadRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_1 = MalformedBodyProblem.from_dict(data)



                return componentsschemas_problem_400_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_2 = InvalidParameterProblem.from_dict(data)



                return componentsschemas_problem_400_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_3 = InvalidCursorProblem.from_dict(data)



                return componentsschemas_problem_400_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_4 = InvalidIdempotencyKeyProblem.from_dict(data)



                return componentsschemas_problem_400_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_5 = InvalidScopeProblem.from_dict(data)



                return componentsschemas_problem_400_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_6 = UnsupportedGrantTypeProblem.from_dict(data)



                return componentsschemas_problem_400_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_7 = InvalidTokenRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_8 = InvalidGrantProblem.from_dict(data)



                return componentsschemas_problem_400_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_9 = UnauthorizedClientProblem.from_dict(data)



                return componentsschemas_problem_400_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_400_type_10 = UnsupportedTokenTypeProblem.from_dict(data)



            return componentsschemas_problem_400_type_10

        response_400 = _parse_response_400(response.json())

        return response_400

    if response.status_code == 401:
        def _parse_response_401(data: object) -> InvalidClientProblem | UnauthenticatedProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_401_type_0 = UnauthenticatedProblem.from_dict(data)



                return componentsschemas_problem_401_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_401_type_1 = InvalidClientProblem.from_dict(data)



            return componentsschemas_problem_401_type_1

        response_401 = _parse_response_401(response.json())

        return response_401

    if response.status_code == 403:
        def _parse_response_403(data: object) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_403_type_0 = ForbiddenProblem.from_dict(data)



                return componentsschemas_problem_403_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_403_type_1 = AccountDisabledProblem.from_dict(data)



                return componentsschemas_problem_403_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_403_type_2 = WrongPasswordProblem.from_dict(data)



            return componentsschemas_problem_403_type_2

        response_403 = _parse_response_403(response.json())

        return response_403

    if response.status_code == 404:
        def _parse_response_404(data: object) -> ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_0 = NotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_1 = ApiClientNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_2 = CallTaskNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_3 = CapabilityAssessmentNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_4 = CapabilityTemplateNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_5 = DealNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_6 = ExtensionRequestNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_7 = IncentivePlanNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_8 = InvitationNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_9 = LeadNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_10 = OauthAppNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_11 = OfferNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_12 = OrganizationNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_13 = PartnershipNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_14 = PayoutNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_15 = PlanNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_15
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_16 = ProgramNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_16
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_17 = RegistrationNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_17
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_18 = SessionNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_18
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_19 = SlaClockNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_19
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_20 = UserNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_20
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_21 = WebhookDeliveryNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_21
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_404_type_22 = WebhookEndpointNotFoundProblem.from_dict(data)



                return componentsschemas_problem_404_type_22
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_404_type_23 = LinkNotFoundProblem.from_dict(data)



            return componentsschemas_problem_404_type_23

        response_404 = _parse_response_404(response.json())

        return response_404

    if response.status_code == 422:
        def _parse_response_422(data: object) -> IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_0 = ValidationErrorProblem.from_dict(data)



                return componentsschemas_problem_422_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_1 = IdempotencyKeyReusedProblem.from_dict(data)



                return componentsschemas_problem_422_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_2 = InvalidDealProblem.from_dict(data)



                return componentsschemas_problem_422_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_422_type_3 = InvalidLeadProblem.from_dict(data)



                return componentsschemas_problem_422_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_422_type_4 = LeadBelowThresholdProblem.from_dict(data)



            return componentsschemas_problem_422_type_4

        response_422 = _parse_response_422(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = TooManyRequestsProblem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        def _parse_response_503(data: object) -> NotReadyProblem | ServiceUnavailableProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_503_type_0 = ServiceUnavailableProblem.from_dict(data)



                return componentsschemas_problem_503_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_503_type_1 = NotReadyProblem.from_dict(data)



            return componentsschemas_problem_503_type_1

        response_503 = _parse_response_503(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    group_by: LeadGroupBy | Unset = UNSET,
    max_reject_rate: float | Unset = 0.5,
    min_win_rate: float | Unset = 0.2,
    min_sample: int | Unset = 5,
    format_: LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 | LeadReportReadFormatType3Type1 | None | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    """ What partners did with forwarded leads, by partner, campaign or rep

     Over the leads forwarded from `from` to `to`: forwarded, accepted, rejected (by reason), recalled;
    acceptance and rejection rates over the answered leads; median business hours to accept and to first
    touch; conversion over the accepted leads; win and no-decision rates over the closed ones. Partners
    and reps beyond the bounds are flagged `high_reject_rate` or `low_win_rate`, campaigns
    `high_rejection`, once they have `min_sample` answered (or closed) leads. A vendor sees its own
    leads, a partner its own, a rep theirs. Over more than 92 days across every vendor (no vendor,
    partner or campaign named) the report reads monthly rollups: counts and rates are exact, the medians
    within the stated `percentile_error`.

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        campaign (None | str | Unset):
        group_by (LeadGroupBy | Unset):
        max_reject_rate (float | Unset): A share, 0 to 1. Default: 0.5.
        min_win_rate (float | Unset): A share, 0 to 1. Default: 0.2.
        min_sample (int | Unset): Answered (or closed) leads before a flag. Default: 5.
        format_ (LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 |
            LeadReportReadFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept header
            (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
vendor_id=vendor_id,
partner_id=partner_id,
campaign=campaign,
group_by=group_by,
max_reject_rate=max_reject_rate,
min_win_rate=min_win_rate,
min_sample=min_sample,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    group_by: LeadGroupBy | Unset = UNSET,
    max_reject_rate: float | Unset = 0.5,
    min_win_rate: float | Unset = 0.2,
    min_sample: int | Unset = 5,
    format_: LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 | LeadReportReadFormatType3Type1 | None | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    """ What partners did with forwarded leads, by partner, campaign or rep

     Over the leads forwarded from `from` to `to`: forwarded, accepted, rejected (by reason), recalled;
    acceptance and rejection rates over the answered leads; median business hours to accept and to first
    touch; conversion over the accepted leads; win and no-decision rates over the closed ones. Partners
    and reps beyond the bounds are flagged `high_reject_rate` or `low_win_rate`, campaigns
    `high_rejection`, once they have `min_sample` answered (or closed) leads. A vendor sees its own
    leads, a partner its own, a rep theirs. Over more than 92 days across every vendor (no vendor,
    partner or campaign named) the report reads monthly rollups: counts and rates are exact, the medians
    within the stated `percentile_error`.

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        campaign (None | str | Unset):
        group_by (LeadGroupBy | Unset):
        max_reject_rate (float | Unset): A share, 0 to 1. Default: 0.5.
        min_win_rate (float | Unset): A share, 0 to 1. Default: 0.2.
        min_sample (int | Unset): Answered (or closed) leads before a flag. Default: 5.
        format_ (LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 |
            LeadReportReadFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept header
            (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem
     """


    return sync_detailed(
        client=client,
from_=from_,
to=to,
vendor_id=vendor_id,
partner_id=partner_id,
campaign=campaign,
group_by=group_by,
max_reject_rate=max_reject_rate,
min_win_rate=min_win_rate,
min_sample=min_sample,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    group_by: LeadGroupBy | Unset = UNSET,
    max_reject_rate: float | Unset = 0.5,
    min_win_rate: float | Unset = 0.2,
    min_sample: int | Unset = 5,
    format_: LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 | LeadReportReadFormatType3Type1 | None | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    """ What partners did with forwarded leads, by partner, campaign or rep

     Over the leads forwarded from `from` to `to`: forwarded, accepted, rejected (by reason), recalled;
    acceptance and rejection rates over the answered leads; median business hours to accept and to first
    touch; conversion over the accepted leads; win and no-decision rates over the closed ones. Partners
    and reps beyond the bounds are flagged `high_reject_rate` or `low_win_rate`, campaigns
    `high_rejection`, once they have `min_sample` answered (or closed) leads. A vendor sees its own
    leads, a partner its own, a rep theirs. Over more than 92 days across every vendor (no vendor,
    partner or campaign named) the report reads monthly rollups: counts and rates are exact, the medians
    within the stated `percentile_error`.

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        campaign (None | str | Unset):
        group_by (LeadGroupBy | Unset):
        max_reject_rate (float | Unset): A share, 0 to 1. Default: 0.5.
        min_win_rate (float | Unset): A share, 0 to 1. Default: 0.2.
        min_sample (int | Unset): Answered (or closed) leads before a flag. Default: 5.
        format_ (LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 |
            LeadReportReadFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept header
            (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
vendor_id=vendor_id,
partner_id=partner_id,
campaign=campaign,
group_by=group_by,
max_reject_rate=max_reject_rate,
min_win_rate=min_win_rate,
min_sample=min_sample,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    campaign: None | str | Unset = UNSET,
    group_by: LeadGroupBy | Unset = UNSET,
    max_reject_rate: float | Unset = 0.5,
    min_win_rate: float | Unset = 0.2,
    min_sample: int | Unset = 5,
    format_: LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 | LeadReportReadFormatType3Type1 | None | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    """ What partners did with forwarded leads, by partner, campaign or rep

     Over the leads forwarded from `from` to `to`: forwarded, accepted, rejected (by reason), recalled;
    acceptance and rejection rates over the answered leads; median business hours to accept and to first
    touch; conversion over the accepted leads; win and no-decision rates over the closed ones. Partners
    and reps beyond the bounds are flagged `high_reject_rate` or `low_win_rate`, campaigns
    `high_rejection`, once they have `min_sample` answered (or closed) leads. A vendor sees its own
    leads, a partner its own, a rep theirs. Over more than 92 days across every vendor (no vendor,
    partner or campaign named) the report reads monthly rollups: counts and rates are exact, the medians
    within the stated `percentile_error`.

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        campaign (None | str | Unset):
        group_by (LeadGroupBy | Unset):
        max_reject_rate (float | Unset): A share, 0 to 1. Default: 0.5.
        min_win_rate (float | Unset): A share, 0 to 1. Default: 0.2.
        min_sample (int | Unset): Answered (or closed) leads before a flag. Default: 5.
        format_ (LeadReportReadFormatType1 | LeadReportReadFormatType2Type1 |
            LeadReportReadFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept header
            (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | LeadReport | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem
     """


    return (await asyncio_detailed(
        client=client,
from_=from_,
to=to,
vendor_id=vendor_id,
partner_id=partner_id,
campaign=campaign,
group_by=group_by,
max_reject_rate=max_reject_rate,
min_win_rate=min_win_rate,
min_sample=min_sample,
format_=format_,

    )).parsed
