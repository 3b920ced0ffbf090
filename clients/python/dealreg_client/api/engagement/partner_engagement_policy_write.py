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
from ...models.cannot_disable_yourself_problem import CannotDisableYourselfProblem
from ...models.capability_assessment_not_found_problem import CapabilityAssessmentNotFoundProblem
from ...models.capability_template_not_found_problem import CapabilityTemplateNotFoundProblem
from ...models.conflict_problem import ConflictProblem
from ...models.deal_not_found_problem import DealNotFoundProblem
from ...models.disposition_out_of_order_problem import DispositionOutOfOrderProblem
from ...models.duplicate_oauth_app_problem import DuplicateOauthAppProblem
from ...models.duplicate_organization_problem import DuplicateOrganizationProblem
from ...models.duplicate_partnership_problem import DuplicatePartnershipProblem
from ...models.duplicate_product_problem import DuplicateProductProblem
from ...models.duplicate_program_problem import DuplicateProgramProblem
from ...models.duplicate_registration_problem import DuplicateRegistrationProblem
from ...models.duplicate_user_problem import DuplicateUserProblem
from ...models.extension_not_allowed_problem import ExtensionNotAllowedProblem
from ...models.extension_request_not_found_problem import ExtensionRequestNotFoundProblem
from ...models.fiscal_year_start_locked_problem import FiscalYearStartLockedProblem
from ...models.forbidden_problem import ForbiddenProblem
from ...models.idempotency_key_in_use_problem import IdempotencyKeyInUseProblem
from ...models.idempotency_key_reused_problem import IdempotencyKeyReusedProblem
from ...models.illegal_lead_transition_problem import IllegalLeadTransitionProblem
from ...models.illegal_transition_problem import IllegalTransitionProblem
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
from ...models.invitation_accepted_problem import InvitationAcceptedProblem
from ...models.invitation_not_found_problem import InvitationNotFoundProblem
from ...models.lead_accept_deadline_passed_problem import LeadAcceptDeadlinePassedProblem
from ...models.lead_below_threshold_problem import LeadBelowThresholdProblem
from ...models.lead_not_found_problem import LeadNotFoundProblem
from ...models.link_not_found_problem import LinkNotFoundProblem
from ...models.malformed_body_problem import MalformedBodyProblem
from ...models.no_capability_template_problem import NoCapabilityTemplateProblem
from ...models.not_found_problem import NotFoundProblem
from ...models.not_ready_problem import NotReadyProblem
from ...models.oauth_app_not_found_problem import OauthAppNotFoundProblem
from ...models.offer_not_found_problem import OfferNotFoundProblem
from ...models.organization_not_found_problem import OrganizationNotFoundProblem
from ...models.partner_engagement_policy_out import PartnerEngagementPolicyOut
from ...models.partnership_not_found_problem import PartnershipNotFoundProblem
from ...models.payload_too_large_problem import PayloadTooLargeProblem
from ...models.payout_not_found_problem import PayoutNotFoundProblem
from ...models.payout_not_ready_problem import PayoutNotReadyProblem
from ...models.plan_not_found_problem import PlanNotFoundProblem
from ...models.precondition_required_problem import PreconditionRequiredProblem
from ...models.program_not_found_problem import ProgramNotFoundProblem
from ...models.registration_not_found_problem import RegistrationNotFoundProblem
from ...models.rubric import Rubric
from ...models.service_unavailable_problem import ServiceUnavailableProblem
from ...models.session_not_found_problem import SessionNotFoundProblem
from ...models.sla_clock_not_found_problem import SlaClockNotFoundProblem
from ...models.stale_version_problem import StaleVersionProblem
from ...models.too_many_requests_problem import TooManyRequestsProblem
from ...models.unauthenticated_problem import UnauthenticatedProblem
from ...models.unauthorized_client_problem import UnauthorizedClientProblem
from ...models.unsupported_grant_type_problem import UnsupportedGrantTypeProblem
from ...models.unsupported_media_type_problem import UnsupportedMediaTypeProblem
from ...models.unsupported_token_type_problem import UnsupportedTokenTypeProblem
from ...models.user_not_found_problem import UserNotFoundProblem
from ...models.validation_error_problem import ValidationErrorProblem
from ...models.webhook_delivery_not_found_problem import WebhookDeliveryNotFoundProblem
from ...models.webhook_endpoint_not_found_problem import WebhookEndpointNotFoundProblem
from ...models.wrong_password_problem import WrongPasswordProblem
from typing import cast
from uuid import UUID



def _get_kwargs(
    vendor_id: UUID,
    *,
    body: Rubric,
    if_match: str,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/vendors/{vendor_id}/partner-engagement-policy".format(vendor_id=quote(str(vendor_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem | None:
    if response.status_code == 200:
        response_200 = PartnerEngagementPolicyOut.from_dict(response.json())



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

    if response.status_code == 409:
        def _parse_response_409(data: object) -> CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_0 = ConflictProblem.from_dict(data)



                return componentsschemas_problem_409_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_1 = IllegalTransitionProblem.from_dict(data)



                return componentsschemas_problem_409_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_2 = DuplicateRegistrationProblem.from_dict(data)



                return componentsschemas_problem_409_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_3 = ExtensionNotAllowedProblem.from_dict(data)



                return componentsschemas_problem_409_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_4 = IllegalLeadTransitionProblem.from_dict(data)



                return componentsschemas_problem_409_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_5 = DispositionOutOfOrderProblem.from_dict(data)



                return componentsschemas_problem_409_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_6 = FiscalYearStartLockedProblem.from_dict(data)



                return componentsschemas_problem_409_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_7 = NoCapabilityTemplateProblem.from_dict(data)



                return componentsschemas_problem_409_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_8 = LeadAcceptDeadlinePassedProblem.from_dict(data)



                return componentsschemas_problem_409_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_9 = PayoutNotReadyProblem.from_dict(data)



                return componentsschemas_problem_409_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_10 = IdempotencyKeyInUseProblem.from_dict(data)



                return componentsschemas_problem_409_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_11 = InvitationAcceptedProblem.from_dict(data)



                return componentsschemas_problem_409_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_12 = CannotDisableYourselfProblem.from_dict(data)



                return componentsschemas_problem_409_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_13 = DuplicateOauthAppProblem.from_dict(data)



                return componentsschemas_problem_409_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_14 = DuplicateOrganizationProblem.from_dict(data)



                return componentsschemas_problem_409_type_14
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_15 = DuplicateUserProblem.from_dict(data)



                return componentsschemas_problem_409_type_15
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_16 = DuplicatePartnershipProblem.from_dict(data)



                return componentsschemas_problem_409_type_16
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_409_type_17 = DuplicateProgramProblem.from_dict(data)



                return componentsschemas_problem_409_type_17
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_409_type_18 = DuplicateProductProblem.from_dict(data)



            return componentsschemas_problem_409_type_18

        response_409 = _parse_response_409(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = StaleVersionProblem.from_dict(response.json())



        return response_412

    if response.status_code == 413:
        response_413 = PayloadTooLargeProblem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = UnsupportedMediaTypeProblem.from_dict(response.json())



        return response_415

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

    if response.status_code == 428:
        response_428 = PreconditionRequiredProblem.from_dict(response.json())



        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Rubric,
    if_match: str,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem]:
    """ Set a vendor's partner engagement rubric

     Engagement types left out of `points` keep their default points. Engagements keep the points they
    were recorded with; the window and the threshold apply to scores from now on.
    `share_score_with_partners` (default false) lets each partner read its own score (GET
    /v1/partnerships/{id}/engagement), never the threshold nor its call tasks.

    Args:
        vendor_id (UUID):
        if_match (str):
        body (Rubric):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
body=body,
if_match=if_match,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Rubric,
    if_match: str,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem | None:
    """ Set a vendor's partner engagement rubric

     Engagement types left out of `points` keep their default points. Engagements keep the points they
    were recorded with; the window and the threshold apply to scores from now on.
    `share_score_with_partners` (default false) lets each partner read its own score (GET
    /v1/partnerships/{id}/engagement), never the threshold nor its call tasks.

    Args:
        vendor_id (UUID):
        if_match (str):
        body (Rubric):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem
     """


    return sync_detailed(
        vendor_id=vendor_id,
client=client,
body=body,
if_match=if_match,

    ).parsed

async def asyncio_detailed(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Rubric,
    if_match: str,

) -> Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem]:
    """ Set a vendor's partner engagement rubric

     Engagement types left out of `points` keep their default points. Engagements keep the points they
    were recorded with; the window and the threshold apply to scores from now on.
    `share_score_with_partners` (default false) lets each partner read its own score (GET
    /v1/partnerships/{id}/engagement), never the threshold nor its call tasks.

    Args:
        vendor_id (UUID):
        if_match (str):
        body (Rubric):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
body=body,
if_match=if_match,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    vendor_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Rubric,
    if_match: str,

) -> AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem | None:
    """ Set a vendor's partner engagement rubric

     Engagement types left out of `points` keep their default points. Engagements keep the points they
    were recorded with; the window and the threshold apply to scores from now on.
    `share_score_with_partners` (default false) lets each partner read its own score (GET
    /v1/partnerships/{id}/engagement), never the threshold nor its call tasks.

    Args:
        vendor_id (UUID):
        if_match (str):
        body (Rubric):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccountDisabledProblem | ForbiddenProblem | WrongPasswordProblem | ApiClientNotFoundProblem | CallTaskNotFoundProblem | CapabilityAssessmentNotFoundProblem | CapabilityTemplateNotFoundProblem | DealNotFoundProblem | ExtensionRequestNotFoundProblem | IncentivePlanNotFoundProblem | InvitationNotFoundProblem | LeadNotFoundProblem | LinkNotFoundProblem | NotFoundProblem | OauthAppNotFoundProblem | OfferNotFoundProblem | OrganizationNotFoundProblem | PartnershipNotFoundProblem | PayoutNotFoundProblem | PlanNotFoundProblem | ProgramNotFoundProblem | RegistrationNotFoundProblem | SessionNotFoundProblem | SlaClockNotFoundProblem | UserNotFoundProblem | WebhookDeliveryNotFoundProblem | WebhookEndpointNotFoundProblem | BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | CannotDisableYourselfProblem | ConflictProblem | DispositionOutOfOrderProblem | DuplicateOauthAppProblem | DuplicateOrganizationProblem | DuplicatePartnershipProblem | DuplicateProductProblem | DuplicateProgramProblem | DuplicateRegistrationProblem | DuplicateUserProblem | ExtensionNotAllowedProblem | FiscalYearStartLockedProblem | IdempotencyKeyInUseProblem | IllegalLeadTransitionProblem | IllegalTransitionProblem | InvitationAcceptedProblem | LeadAcceptDeadlinePassedProblem | NoCapabilityTemplateProblem | PayoutNotReadyProblem | IdempotencyKeyReusedProblem | InvalidDealProblem | InvalidLeadProblem | LeadBelowThresholdProblem | ValidationErrorProblem | InvalidClientProblem | UnauthenticatedProblem | NotReadyProblem | ServiceUnavailableProblem | PartnerEngagementPolicyOut | PayloadTooLargeProblem | PreconditionRequiredProblem | StaleVersionProblem | TooManyRequestsProblem | UnsupportedMediaTypeProblem
     """


    return (await asyncio_detailed(
        vendor_id=vendor_id,
client=client,
body=body,
if_match=if_match,

    )).parsed
