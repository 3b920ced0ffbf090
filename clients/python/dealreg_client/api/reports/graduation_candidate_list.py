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
from ...models.graduation_candidate_list_format_type_1 import GraduationCandidateListFormatType1
from ...models.graduation_candidate_list_format_type_2_type_1 import GraduationCandidateListFormatType2Type1
from ...models.graduation_candidate_list_format_type_3_type_1 import GraduationCandidateListFormatType3Type1
from ...models.graduation_candidates import GraduationCandidates
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
from ...models.lead_not_found_problem import LeadNotFoundProblem
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



def _get_kwargs(
    *,
    vendor_id: None | Unset | UUID = UNSET,
    format_: GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 | GraduationCandidateListFormatType3Type1 | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, GraduationCandidateListFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, GraduationCandidateListFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, GraduationCandidateListFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/partners/graduation-candidates",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    if response.status_code == 200:
        response_200 = GraduationCandidates.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    format_: GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 | GraduationCandidateListFormatType3Type1 | None | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    """ Partners in the lower tiers whose engagement and RFM rise together

     A candidate's partnership is active and `community` or `registered`; its engagement score now is
    above its score one decay window earlier; and its R + F + M now is above its R + F + M 91 days
    earlier, each scored against the vendor's partners as of then. By R + F + M, then engagement score,
    highest first. Promote one with one call: PATCH /v1/partnerships/{partnership_id} with the tier,
    `If-Match: "<partnership_version>"`. RFM, per partner of the vendor: recency, whole days since its
    last registration (and since its last win); frequency, registrations submitted in the last 365 days;
    monetary, the amount of registrations won in the last 365 days, in `currency`. Each scores 1-5
    against the vendor's partners: 1 + floor(5 x w / n), n the partners scored, w those strictly worse
    (a partner that never registered is worst, recency 1); ties share the lower score, but recency ties
    the higher (w counts the others not better); the recency score is by the days since the last
    registration. Segments by R and F + M, first match: champions R>=4 and F+M>=8; loyal R>=3 and
    F+M>=6; promising R>=4; needs_attention R=3; at_risk F+M>=6; hibernating R=2; lost R=1.

    Args:
        vendor_id (None | Unset | UUID):
        format_ (GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 |
            GraduationCandidateListFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept
            header (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    format_: GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 | GraduationCandidateListFormatType3Type1 | None | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    """ Partners in the lower tiers whose engagement and RFM rise together

     A candidate's partnership is active and `community` or `registered`; its engagement score now is
    above its score one decay window earlier; and its R + F + M now is above its R + F + M 91 days
    earlier, each scored against the vendor's partners as of then. By R + F + M, then engagement score,
    highest first. Promote one with one call: PATCH /v1/partnerships/{partnership_id} with the tier,
    `If-Match: "<partnership_version>"`. RFM, per partner of the vendor: recency, whole days since its
    last registration (and since its last win); frequency, registrations submitted in the last 365 days;
    monetary, the amount of registrations won in the last 365 days, in `currency`. Each scores 1-5
    against the vendor's partners: 1 + floor(5 x w / n), n the partners scored, w those strictly worse
    (a partner that never registered is worst, recency 1); ties share the lower score, but recency ties
    the higher (w counts the others not better); the recency score is by the days since the last
    registration. Segments by R and F + M, first match: champions R>=4 and F+M>=8; loyal R>=3 and
    F+M>=6; promising R>=4; needs_attention R=3; at_risk F+M>=6; hibernating R=2; lost R=1.

    Args:
        vendor_id (None | Unset | UUID):
        format_ (GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 |
            GraduationCandidateListFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept
            header (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem
     """


    return sync_detailed(
        client=client,
vendor_id=vendor_id,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    format_: GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 | GraduationCandidateListFormatType3Type1 | None | Unset = UNSET,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]:
    """ Partners in the lower tiers whose engagement and RFM rise together

     A candidate's partnership is active and `community` or `registered`; its engagement score now is
    above its score one decay window earlier; and its R + F + M now is above its R + F + M 91 days
    earlier, each scored against the vendor's partners as of then. By R + F + M, then engagement score,
    highest first. Promote one with one call: PATCH /v1/partnerships/{partnership_id} with the tier,
    `If-Match: "<partnership_version>"`. RFM, per partner of the vendor: recency, whole days since its
    last registration (and since its last win); frequency, registrations submitted in the last 365 days;
    monetary, the amount of registrations won in the last 365 days, in `currency`. Each scores 1-5
    against the vendor's partners: 1 + floor(5 x w / n), n the partners scored, w those strictly worse
    (a partner that never registered is worst, recency 1); ties share the lower score, but recency ties
    the higher (w counts the others not better); the recency score is by the days since the last
    registration. Segments by R and F + M, first match: champions R>=4 and F+M>=8; loyal R>=3 and
    F+M>=6; promising R>=4; needs_attention R=3; at_risk F+M>=6; hibernating R=2; lost R=1.

    Args:
        vendor_id (None | Unset | UUID):
        format_ (GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 |
            GraduationCandidateListFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept
            header (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    format_: GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 | GraduationCandidateListFormatType3Type1 | None | Unset = UNSET,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem | None:
    """ Partners in the lower tiers whose engagement and RFM rise together

     A candidate's partnership is active and `community` or `registered`; its engagement score now is
    above its score one decay window earlier; and its R + F + M now is above its R + F + M 91 days
    earlier, each scored against the vendor's partners as of then. By R + F + M, then engagement score,
    highest first. Promote one with one call: PATCH /v1/partnerships/{partnership_id} with the tier,
    `If-Match: "<partnership_version>"`. RFM, per partner of the vendor: recency, whole days since its
    last registration (and since its last win); frequency, registrations submitted in the last 365 days;
    monetary, the amount of registrations won in the last 365 days, in `currency`. Each scores 1-5
    against the vendor's partners: 1 + floor(5 x w / n), n the partners scored, w those strictly worse
    (a partner that never registered is worst, recency 1); ties share the lower score, but recency ties
    the higher (w counts the others not better); the recency score is by the days since the last
    registration. Segments by R and F + M, first match: champions R>=4 and F+M>=8; loyal R>=3 and
    F+M>=6; promising R>=4; needs_attention R=3; at_risk F+M>=6; hibernating R=2; lost R=1.

    Args:
        vendor_id (None | Unset | UUID):
        format_ (GraduationCandidateListFormatType1 | GraduationCandidateListFormatType2Type1 |
            GraduationCandidateListFormatType3Type1 | None | Unset): `csv` for CSV; else by the Accept
            header (JSON by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | GraduationCandidates | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | TooManyRequestsProblem
     """


    return (await asyncio_detailed(
        client=client,
vendor_id=vendor_id,
format_=format_,

    )).parsed
