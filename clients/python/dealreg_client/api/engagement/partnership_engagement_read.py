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
from ...models.shared_engagement_out import SharedEngagementOut
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
from typing import cast
from uuid import UUID



def _get_kwargs(
    partnership_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partnerships/{partnership_id}/engagement".format(partnership_id=quote(str(partnership_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem | None:
    if response.status_code == 200:
        response_200 = SharedEngagementOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partnership_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem]:
    """ The partner's own engagement score with the partnership's vendor, if shared

     For the partner's people, when the vendor shares scores (`share_score_with_partners` in its partner
    engagement policy): the points of the partner's engagements within the vendor's decay window. 404
    when the vendor does not share them, and to anyone but the partner: a vendor reads its partners'
    scores at GET /v1/partners/{partner_id}/engagement.

    Args:
        partnership_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        partnership_id=partnership_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    partnership_id: UUID,
    *,
    client: AuthenticatedClient,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem | None:
    """ The partner's own engagement score with the partnership's vendor, if shared

     For the partner's people, when the vendor shares scores (`share_score_with_partners` in its partner
    engagement policy): the points of the partner's engagements within the vendor's decay window. 404
    when the vendor does not share them, and to anyone but the partner: a vendor reads its partners'
    scores at GET /v1/partners/{partner_id}/engagement.

    Args:
        partnership_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem
     """


    return sync_detailed(
        partnership_id=partnership_id,
client=client,

    ).parsed

async def asyncio_detailed(
    partnership_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem]:
    """ The partner's own engagement score with the partnership's vendor, if shared

     For the partner's people, when the vendor shares scores (`share_score_with_partners` in its partner
    engagement policy): the points of the partner's engagements within the vendor's decay window. 404
    when the vendor does not share them, and to anyone but the partner: a vendor reads its partners'
    scores at GET /v1/partners/{partner_id}/engagement.

    Args:
        partnership_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem]
     """


    kwargs = _get_kwargs(
        partnership_id=partnership_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    partnership_id: UUID,
    *,
    client: AuthenticatedClient,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem | None:
    """ The partner's own engagement score with the partnership's vendor, if shared

     For the partner's people, when the vendor shares scores (`share_score_with_partners` in its partner
    engagement policy): the points of the partner's engagements within the vendor's decay window. 404
    when the vendor does not share them, and to anyone but the partner: a vendor reads its partners'
    scores at GET /v1/partners/{partner_id}/engagement.

    Args:
        partnership_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | SharedEngagementOut | TooManyRequestsProblem
     """


    return (await asyncio_detailed(
        partnership_id=partnership_id,
client=client,

    )).parsed
