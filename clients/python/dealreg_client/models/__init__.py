""" Contains all the data models used in inputs/outputs """

from .acceptance import Acceptance
from .account_disabled_problem import AccountDisabledProblem
from .amount import Amount
from .api_client_create import ApiClientCreate
from .api_client_list import ApiClientList
from .api_client_not_found_problem import ApiClientNotFoundProblem
from .api_client_out import ApiClientOut
from .api_client_update import ApiClientUpdate
from .api_client_with_secret import ApiClientWithSecret
from .approval import Approval
from .approver_assignment import ApproverAssignment
from .assessed_quarter import AssessedQuarter
from .assessment_body import AssessmentBody
from .assessment_list import AssessmentList
from .assessment_out import AssessmentOut
from .assigned import Assigned
from .at_risk import AtRisk
from .at_risk_list import AtRiskList
from .attempt_out import AttemptOut
from .attribute import Attribute
from .attribute_figure import AttributeFigure
from .auto_approve_rule import AutoApproveRule
from .auto_approve_rules_body import AutoApproveRulesBody
from .bad_request_problem import BadRequestProblem
from .batch_input import BatchInput
from .batch_item import BatchItem
from .batch_result import BatchResult
from .bounds import Bounds
from .breach import Breach
from .breach_action import BreachAction
from .breach_list import BreachList
from .calendar_out import CalendarOut
from .call_outcome import CallOutcome
from .call_task_list import CallTaskList
from .call_task_list_owner_type_1 import CallTaskListOwnerType1
from .call_task_list_owner_type_2_type_1 import CallTaskListOwnerType2Type1
from .call_task_list_owner_type_3_type_1 import CallTaskListOwnerType3Type1
from .call_task_not_found_problem import CallTaskNotFoundProblem
from .call_task_out import CallTaskOut
from .call_task_state import CallTaskState
from .cancellation import Cancellation
from .cannot_disable_yourself_problem import CannotDisableYourselfProblem
from .capability_assessment_not_found_problem import CapabilityAssessmentNotFoundProblem
from .capability_group import CapabilityGroup
from .capability_template_not_found_problem import CapabilityTemplateNotFoundProblem
from .choice import Choice
from .clock_out import ClockOut
from .clock_state import ClockState
from .conflict_out import ConflictOut
from .conflict_problem import ConflictProblem
from .contact import Contact
from .conversion_input import ConversionInput
from .conversion_input_answers import ConversionInputAnswers
from .conversion_line import ConversionLine
from .conversion_result import ConversionResult
from .coverage import Coverage
from .currency_total import CurrencyTotal
from .customer import Customer
from .customer_size_type_1 import CustomerSizeType1
from .customer_size_type_2_type_1 import CustomerSizeType2Type1
from .customer_size_type_3_type_1 import CustomerSizeType3Type1
from .deal_earnings import DealEarnings
from .deal_input import DealInput
from .deal_list import DealList
from .deal_not_found_problem import DealNotFoundProblem
from .deal_out import DealOut
from .decider import Decider
from .delivery_detail import DeliveryDetail
from .delivery_list import DeliveryList
from .delivery_out import DeliveryOut
from .delivery_status import DeliveryStatus
from .disposition import Disposition
from .disposition_input import DispositionInput
from .disposition_list import DispositionList
from .disposition_out import DispositionOut
from .disposition_out_of_order_problem import DispositionOutOfOrderProblem
from .disposition_result import DispositionResult
from .duplicate_oauth_app_problem import DuplicateOauthAppProblem
from .duplicate_organization_problem import DuplicateOrganizationProblem
from .duplicate_partnership_problem import DuplicatePartnershipProblem
from .duplicate_product_problem import DuplicateProductProblem
from .duplicate_program_problem import DuplicateProgramProblem
from .duplicate_registration_problem import DuplicateRegistrationProblem
from .duplicate_user_problem import DuplicateUserProblem
from .earning_list import EarningList
from .earning_status import EarningStatus
from .earning_view import EarningView
from .endpoint_input import EndpointInput
from .endpoint_input_event_types_item import EndpointInputEventTypesItem
from .endpoint_list import EndpointList
from .endpoint_out import EndpointOut
from .endpoint_patch import EndpointPatch
from .endpoint_with_secret import EndpointWithSecret
from .engagement_batch import EngagementBatch
from .engagement_input import EngagementInput
from .engagement_list import EngagementList
from .engagement_out import EngagementOut
from .engagement_result import EngagementResult
from .engagement_type import EngagementType
from .entry import Entry
from .event_feed import EventFeed
from .event_out import EventOut
from .event_out_details import EventOutDetails
from .event_type import EventType
from .extension_create import ExtensionCreate
from .extension_decision import ExtensionDecision
from .extension_decision_decision import ExtensionDecisionDecision
from .extension_list import ExtensionList
from .extension_not_allowed_problem import ExtensionNotAllowedProblem
from .extension_out import ExtensionOut
from .extension_request_not_found_problem import ExtensionRequestNotFoundProblem
from .extension_result import ExtensionResult
from .extension_status import ExtensionStatus
from .extra_field import ExtraField
from .extra_field_input import ExtraFieldInput
from .extra_field_input_type import ExtraFieldInputType
from .extra_field_type import ExtraFieldType
from .field_problem import FieldProblem
from .field_problem_params_type_0 import FieldProblemParamsType0
from .figure import Figure
from .firing_out import FiringOut
from .fiscal_year_start_locked_problem import FiscalYearStartLockedProblem
from .forbidden_problem import ForbiddenProblem
from .graduation_candidate import GraduationCandidate
from .graduation_candidate_list_format_type_1 import GraduationCandidateListFormatType1
from .graduation_candidate_list_format_type_2_type_1 import GraduationCandidateListFormatType2Type1
from .graduation_candidate_list_format_type_3_type_1 import GraduationCandidateListFormatType3Type1
from .graduation_candidates import GraduationCandidates
from .group_figure import GroupFigure
from .health import Health
from .history_list import HistoryList
from .history_out import HistoryOut
from .history_out_data import HistoryOutData
from .home import Home
from .http_error_problem import HttpErrorProblem
from .idempotency_key_in_use_problem import IdempotencyKeyInUseProblem
from .idempotency_key_reused_problem import IdempotencyKeyReusedProblem
from .illegal_lead_transition_problem import IllegalLeadTransitionProblem
from .illegal_lead_transition_problem_lead_status import IllegalLeadTransitionProblemLeadStatus
from .illegal_transition_problem import IllegalTransitionProblem
from .illegal_transition_problem_registration_stage import IllegalTransitionProblemRegistrationStage
from .illegal_transition_problem_registration_status import IllegalTransitionProblemRegistrationStatus
from .incentive_plan_not_found_problem import IncentivePlanNotFoundProblem
from .info_request import InfoRequest
from .internal_error_problem import InternalErrorProblem
from .invalid_client_problem import InvalidClientProblem
from .invalid_cursor_problem import InvalidCursorProblem
from .invalid_deal_problem import InvalidDealProblem
from .invalid_grant_problem import InvalidGrantProblem
from .invalid_idempotency_key_problem import InvalidIdempotencyKeyProblem
from .invalid_lead_problem import InvalidLeadProblem
from .invalid_parameter_problem import InvalidParameterProblem
from .invalid_scope_problem import InvalidScopeProblem
from .invalid_token_request_problem import InvalidTokenRequestProblem
from .invitation_accepted_problem import InvitationAcceptedProblem
from .invitation_create import InvitationCreate
from .invitation_list import InvitationList
from .invitation_not_found_problem import InvitationNotFoundProblem
from .invitation_out import InvitationOut
from .jwk import Jwk
from .jwks import Jwks
from .lead_accept_deadline_passed_problem import LeadAcceptDeadlinePassedProblem
from .lead_assignment import LeadAssignment
from .lead_below_threshold_problem import LeadBelowThresholdProblem
from .lead_group_by import LeadGroupBy
from .lead_history_list import LeadHistoryList
from .lead_history_out import LeadHistoryOut
from .lead_history_out_data import LeadHistoryOutData
from .lead_input import LeadInput
from .lead_list import LeadList
from .lead_not_found_problem import LeadNotFoundProblem
from .lead_out import LeadOut
from .lead_policy_out import LeadPolicyOut
from .lead_policy_out_points import LeadPolicyOutPoints
from .lead_rejection import LeadRejection
from .lead_rejection_request import LeadRejectionRequest
from .lead_report import LeadReport
from .lead_report_read_format_type_1 import LeadReportReadFormatType1
from .lead_report_read_format_type_2_type_1 import LeadReportReadFormatType2Type1
from .lead_report_read_format_type_3_type_1 import LeadReportReadFormatType3Type1
from .lead_row import LeadRow
from .lead_rules import LeadRules
from .lead_rules_points import LeadRulesPoints
from .lead_status import LeadStatus
from .line_input import LineInput
from .line_out import LineOut
from .link_expired_problem import LinkExpiredProblem
from .link_not_found_problem import LinkNotFoundProblem
from .link_revoked_problem import LinkRevokedProblem
from .link_used_problem import LinkUsedProblem
from .list_price import ListPrice
from .malformed_body_problem import MalformedBodyProblem
from .me_out import MeOut
from .me_out_kind import MeOutKind
from .method_not_allowed_problem import MethodNotAllowedProblem
from .milestone import Milestone
from .milestone_pay import MilestonePay
from .motion import Motion
from .my_earnings import MyEarnings
from .no_capability_template_problem import NoCapabilityTemplateProblem
from .not_acceptable_problem import NotAcceptableProblem
from .not_found_problem import NotFoundProblem
from .not_ready_problem import NotReadyProblem
from .oauth_app_create import OauthAppCreate
from .oauth_app_list import OauthAppList
from .oauth_app_not_found_problem import OauthAppNotFoundProblem
from .oauth_app_out import OauthAppOut
from .oauth_app_update import OauthAppUpdate
from .offer_input import OfferInput
from .offer_list import OfferList
from .offer_not_found_problem import OfferNotFoundProblem
from .offer_out import OfferOut
from .offer_state import OfferState
from .open_question import OpenQuestion
from .opportunity import Opportunity
from .opportunity_input import OpportunityInput
from .org_kind import OrgKind
from .organization_create import OrganizationCreate
from .organization_list import OrganizationList
from .organization_not_found_problem import OrganizationNotFoundProblem
from .organization_out import OrganizationOut
from .organization_update import OrganizationUpdate
from .outcome_input import OutcomeInput
from .paid_body import PaidBody
from .partner_coverage_out import PartnerCoverageOut
from .partner_engagement_input import PartnerEngagementInput
from .partner_engagement_out import PartnerEngagementOut
from .partner_engagement_policy_out import PartnerEngagementPolicyOut
from .partner_engagement_policy_out_points import PartnerEngagementPolicyOutPoints
from .partner_engagement_result import PartnerEngagementResult
from .partner_engagement_type import PartnerEngagementType
from .partner_engagements import PartnerEngagements
from .partner_plan_body import PartnerPlanBody
from .partner_plan_list import PartnerPlanList
from .partner_plan_out import PartnerPlanOut
from .partner_report import PartnerReport
from .partner_report_read_format_type_1 import PartnerReportReadFormatType1
from .partner_report_read_format_type_2_type_1 import PartnerReportReadFormatType2Type1
from .partner_report_read_format_type_3_type_1 import PartnerReportReadFormatType3Type1
from .partner_report_read_sort import PartnerReportReadSort
from .partner_row import PartnerRow
from .partnership_create import PartnershipCreate
from .partnership_list import PartnershipList
from .partnership_not_found_problem import PartnershipNotFoundProblem
from .partnership_out import PartnershipOut
from .partnership_status import PartnershipStatus
from .partnership_update import PartnershipUpdate
from .password_change import PasswordChange
from .password_reset_accepted import PasswordResetAccepted
from .password_reset_request import PasswordResetRequest
from .pause import Pause
from .pay import Pay
from .payload_too_large_problem import PayloadTooLargeProblem
from .payout_create import PayoutCreate
from .payout_list import PayoutList
from .payout_list_items_format_type_1 import PayoutListItemsFormatType1
from .payout_list_items_format_type_2_type_1 import PayoutListItemsFormatType2Type1
from .payout_list_items_format_type_3_type_1 import PayoutListItemsFormatType3Type1
from .payout_not_found_problem import PayoutNotFoundProblem
from .payout_not_ready_problem import PayoutNotReadyProblem
from .payout_not_ready_problem_payout_status import PayoutNotReadyProblemPayoutStatus
from .payout_out import PayoutOut
from .payout_status import PayoutStatus
from .percentile_error import PercentileError
from .pipeline_flag import PipelineFlag
from .pipeline_report import PipelineReport
from .pipeline_report_read_format_type_1 import PipelineReportReadFormatType1
from .pipeline_report_read_format_type_2_type_1 import PipelineReportReadFormatType2Type1
from .pipeline_report_read_format_type_3_type_1 import PipelineReportReadFormatType3Type1
from .pipeline_row import PipelineRow
from .plan_in import PlanIn
from .plan_in_tier_multipliers_bp import PlanInTierMultipliersBp
from .plan_list import PlanList
from .plan_not_found_problem import PlanNotFoundProblem
from .plan_out import PlanOut
from .plan_out_tier_multipliers_bp import PlanOutTierMultipliersBp
from .plan_settings_body import PlanSettingsBody
from .plan_settings_out import PlanSettingsOut
from .plan_status import PlanStatus
from .policy_body import PolicyBody
from .policy_out import PolicyOut
from .precondition_required_problem import PreconditionRequiredProblem
from .preview import Preview
from .problem import Problem
from .product_create import ProductCreate
from .product_list import ProductList
from .product_out import ProductOut
from .program_create import ProgramCreate
from .program_list import ProgramList
from .program_not_found_problem import ProgramNotFoundProblem
from .program_out import ProgramOut
from .qbr_out import QbrOut
from .queue import Queue
from .queue_entry import QueueEntry
from .registration_detail import RegistrationDetail
from .registration_detail_answers import RegistrationDetailAnswers
from .registration_discount_body import RegistrationDiscountBody
from .registration_list import RegistrationList
from .registration_not_found_problem import RegistrationNotFoundProblem
from .registration_out import RegistrationOut
from .registration_rejection import RegistrationRejection
from .registration_row import RegistrationRow
from .registration_scorecard import RegistrationScorecard
from .registration_scorecard_read_format_type_1 import RegistrationScorecardReadFormatType1
from .registration_scorecard_read_format_type_2_type_1 import RegistrationScorecardReadFormatType2Type1
from .registration_scorecard_read_format_type_3_type_1 import RegistrationScorecardReadFormatType3Type1
from .registration_status import RegistrationStatus
from .rejection_reason import RejectionReason
from .report import Report
from .resubmission import Resubmission
from .resubmission_answers_type_0 import ResubmissionAnswersType0
from .revenue_band import RevenueBand
from .revocation_request import RevocationRequest
from .revoked import Revoked
from .role import Role
from .rotation import Rotation
from .rubric import Rubric
from .rubric_points import RubricPoints
from .sales_stage import SalesStage
from .score_in import ScoreIn
from .scorecard_group_by import ScorecardGroupBy
from .scorecard_row import ScorecardRow
from .scorecard_row_rejected_by_reason import ScorecardRowRejectedByReason
from .segment import Segment
from .segment_threshold import SegmentThreshold
from .server_metadata import ServerMetadata
from .service_unavailable_problem import ServiceUnavailableProblem
from .session_list import SessionList
from .session_not_found_problem import SessionNotFoundProblem
from .session_out import SessionOut
from .shared_engagement_out import SharedEngagementOut
from .shift import Shift
from .size_segment import SizeSegment
from .sla_at_risk_list_format_type_1 import SlaAtRiskListFormatType1
from .sla_at_risk_list_format_type_2_type_1 import SlaAtRiskListFormatType2Type1
from .sla_at_risk_list_format_type_3_type_1 import SlaAtRiskListFormatType3Type1
from .sla_breach_list_format_type_1 import SlaBreachListFormatType1
from .sla_breach_list_format_type_2_type_1 import SlaBreachListFormatType2Type1
from .sla_breach_list_format_type_3_type_1 import SlaBreachListFormatType3Type1
from .sla_clock_not_found_problem import SlaClockNotFoundProblem
from .sla_group_by import SlaGroupBy
from .sla_report_read_format_type_1 import SlaReportReadFormatType1
from .sla_report_read_format_type_2_type_1 import SlaReportReadFormatType2Type1
from .sla_report_read_format_type_3_type_1 import SlaReportReadFormatType3Type1
from .sla_row import SlaRow
from .sla_state import SlaState
from .sla_summary import SlaSummary
from .stage_probabilities import StageProbabilities
from .stage_probabilities_input import StageProbabilitiesInput
from .stage_report import StageReport
from .stale_version_problem import StaleVersionProblem
from .template_body import TemplateBody
from .template_out import TemplateOut
from .threshold import Threshold
from .threshold_out import ThresholdOut
from .tier import Tier
from .token_request import TokenRequest
from .token_response import TokenResponse
from .too_many_requests_problem import TooManyRequestsProblem
from .total import Total
from .unauthenticated_problem import UnauthenticatedProblem
from .unauthorized_client_problem import UnauthorizedClientProblem
from .unsupported_grant_type_problem import UnsupportedGrantTypeProblem
from .unsupported_media_type_problem import UnsupportedMediaTypeProblem
from .unsupported_token_type_problem import UnsupportedTokenTypeProblem
from .user_create import UserCreate
from .user_list import UserList
from .user_not_found_problem import UserNotFoundProblem
from .user_out import UserOut
from .user_update import UserUpdate
from .validation_error_problem import ValidationErrorProblem
from .vendor_input import VendorInput
from .vendor_input_answers import VendorInputAnswers
from .vendor_name import VendorName
from .vendor_preview import VendorPreview
from .webhook_delivery_not_found_problem import WebhookDeliveryNotFoundProblem
from .webhook_endpoint_not_found_problem import WebhookEndpointNotFoundProblem
from .week import Week
from .week_share import WeekShare
from .withdrawal import Withdrawal
from .wrong_password_problem import WrongPasswordProblem

__all__ = (
    "Acceptance",
    "AccountDisabledProblem",
    "Amount",
    "ApiClientCreate",
    "ApiClientList",
    "ApiClientNotFoundProblem",
    "ApiClientOut",
    "ApiClientUpdate",
    "ApiClientWithSecret",
    "Approval",
    "ApproverAssignment",
    "AssessedQuarter",
    "AssessmentBody",
    "AssessmentList",
    "AssessmentOut",
    "Assigned",
    "AtRisk",
    "AtRiskList",
    "AttemptOut",
    "Attribute",
    "AttributeFigure",
    "AutoApproveRule",
    "AutoApproveRulesBody",
    "BadRequestProblem",
    "BatchInput",
    "BatchItem",
    "BatchResult",
    "Bounds",
    "Breach",
    "BreachAction",
    "BreachList",
    "CalendarOut",
    "CallOutcome",
    "CallTaskList",
    "CallTaskListOwnerType1",
    "CallTaskListOwnerType2Type1",
    "CallTaskListOwnerType3Type1",
    "CallTaskNotFoundProblem",
    "CallTaskOut",
    "CallTaskState",
    "Cancellation",
    "CannotDisableYourselfProblem",
    "CapabilityAssessmentNotFoundProblem",
    "CapabilityGroup",
    "CapabilityTemplateNotFoundProblem",
    "Choice",
    "ClockOut",
    "ClockState",
    "ConflictOut",
    "ConflictProblem",
    "Contact",
    "ConversionInput",
    "ConversionInputAnswers",
    "ConversionLine",
    "ConversionResult",
    "Coverage",
    "CurrencyTotal",
    "Customer",
    "CustomerSizeType1",
    "CustomerSizeType2Type1",
    "CustomerSizeType3Type1",
    "DealEarnings",
    "DealInput",
    "DealList",
    "DealNotFoundProblem",
    "DealOut",
    "Decider",
    "DeliveryDetail",
    "DeliveryList",
    "DeliveryOut",
    "DeliveryStatus",
    "Disposition",
    "DispositionInput",
    "DispositionList",
    "DispositionOut",
    "DispositionOutOfOrderProblem",
    "DispositionResult",
    "DuplicateOauthAppProblem",
    "DuplicateOrganizationProblem",
    "DuplicatePartnershipProblem",
    "DuplicateProductProblem",
    "DuplicateProgramProblem",
    "DuplicateRegistrationProblem",
    "DuplicateUserProblem",
    "EarningList",
    "EarningStatus",
    "EarningView",
    "EndpointInput",
    "EndpointInputEventTypesItem",
    "EndpointList",
    "EndpointOut",
    "EndpointPatch",
    "EndpointWithSecret",
    "EngagementBatch",
    "EngagementInput",
    "EngagementList",
    "EngagementOut",
    "EngagementResult",
    "EngagementType",
    "Entry",
    "EventFeed",
    "EventOut",
    "EventOutDetails",
    "EventType",
    "ExtensionCreate",
    "ExtensionDecision",
    "ExtensionDecisionDecision",
    "ExtensionList",
    "ExtensionNotAllowedProblem",
    "ExtensionOut",
    "ExtensionRequestNotFoundProblem",
    "ExtensionResult",
    "ExtensionStatus",
    "ExtraField",
    "ExtraFieldInput",
    "ExtraFieldInputType",
    "ExtraFieldType",
    "FieldProblem",
    "FieldProblemParamsType0",
    "Figure",
    "FiringOut",
    "FiscalYearStartLockedProblem",
    "ForbiddenProblem",
    "GraduationCandidate",
    "GraduationCandidateListFormatType1",
    "GraduationCandidateListFormatType2Type1",
    "GraduationCandidateListFormatType3Type1",
    "GraduationCandidates",
    "GroupFigure",
    "Health",
    "HistoryList",
    "HistoryOut",
    "HistoryOutData",
    "Home",
    "HttpErrorProblem",
    "IdempotencyKeyInUseProblem",
    "IdempotencyKeyReusedProblem",
    "IllegalLeadTransitionProblem",
    "IllegalLeadTransitionProblemLeadStatus",
    "IllegalTransitionProblem",
    "IllegalTransitionProblemRegistrationStage",
    "IllegalTransitionProblemRegistrationStatus",
    "IncentivePlanNotFoundProblem",
    "InfoRequest",
    "InternalErrorProblem",
    "InvalidClientProblem",
    "InvalidCursorProblem",
    "InvalidDealProblem",
    "InvalidGrantProblem",
    "InvalidIdempotencyKeyProblem",
    "InvalidLeadProblem",
    "InvalidParameterProblem",
    "InvalidScopeProblem",
    "InvalidTokenRequestProblem",
    "InvitationAcceptedProblem",
    "InvitationCreate",
    "InvitationList",
    "InvitationNotFoundProblem",
    "InvitationOut",
    "Jwk",
    "Jwks",
    "LeadAcceptDeadlinePassedProblem",
    "LeadAssignment",
    "LeadBelowThresholdProblem",
    "LeadGroupBy",
    "LeadHistoryList",
    "LeadHistoryOut",
    "LeadHistoryOutData",
    "LeadInput",
    "LeadList",
    "LeadNotFoundProblem",
    "LeadOut",
    "LeadPolicyOut",
    "LeadPolicyOutPoints",
    "LeadRejection",
    "LeadRejectionRequest",
    "LeadReport",
    "LeadReportReadFormatType1",
    "LeadReportReadFormatType2Type1",
    "LeadReportReadFormatType3Type1",
    "LeadRow",
    "LeadRules",
    "LeadRulesPoints",
    "LeadStatus",
    "LineInput",
    "LineOut",
    "LinkExpiredProblem",
    "LinkNotFoundProblem",
    "LinkRevokedProblem",
    "LinkUsedProblem",
    "ListPrice",
    "MalformedBodyProblem",
    "MeOut",
    "MeOutKind",
    "MethodNotAllowedProblem",
    "Milestone",
    "MilestonePay",
    "Motion",
    "MyEarnings",
    "NoCapabilityTemplateProblem",
    "NotAcceptableProblem",
    "NotFoundProblem",
    "NotReadyProblem",
    "OauthAppCreate",
    "OauthAppList",
    "OauthAppNotFoundProblem",
    "OauthAppOut",
    "OauthAppUpdate",
    "OfferInput",
    "OfferList",
    "OfferNotFoundProblem",
    "OfferOut",
    "OfferState",
    "OpenQuestion",
    "Opportunity",
    "OpportunityInput",
    "OrganizationCreate",
    "OrganizationList",
    "OrganizationNotFoundProblem",
    "OrganizationOut",
    "OrganizationUpdate",
    "OrgKind",
    "OutcomeInput",
    "PaidBody",
    "PartnerCoverageOut",
    "PartnerEngagementInput",
    "PartnerEngagementOut",
    "PartnerEngagementPolicyOut",
    "PartnerEngagementPolicyOutPoints",
    "PartnerEngagementResult",
    "PartnerEngagements",
    "PartnerEngagementType",
    "PartnerPlanBody",
    "PartnerPlanList",
    "PartnerPlanOut",
    "PartnerReport",
    "PartnerReportReadFormatType1",
    "PartnerReportReadFormatType2Type1",
    "PartnerReportReadFormatType3Type1",
    "PartnerReportReadSort",
    "PartnerRow",
    "PartnershipCreate",
    "PartnershipList",
    "PartnershipNotFoundProblem",
    "PartnershipOut",
    "PartnershipStatus",
    "PartnershipUpdate",
    "PasswordChange",
    "PasswordResetAccepted",
    "PasswordResetRequest",
    "Pause",
    "Pay",
    "PayloadTooLargeProblem",
    "PayoutCreate",
    "PayoutList",
    "PayoutListItemsFormatType1",
    "PayoutListItemsFormatType2Type1",
    "PayoutListItemsFormatType3Type1",
    "PayoutNotFoundProblem",
    "PayoutNotReadyProblem",
    "PayoutNotReadyProblemPayoutStatus",
    "PayoutOut",
    "PayoutStatus",
    "PercentileError",
    "PipelineFlag",
    "PipelineReport",
    "PipelineReportReadFormatType1",
    "PipelineReportReadFormatType2Type1",
    "PipelineReportReadFormatType3Type1",
    "PipelineRow",
    "PlanIn",
    "PlanInTierMultipliersBp",
    "PlanList",
    "PlanNotFoundProblem",
    "PlanOut",
    "PlanOutTierMultipliersBp",
    "PlanSettingsBody",
    "PlanSettingsOut",
    "PlanStatus",
    "PolicyBody",
    "PolicyOut",
    "PreconditionRequiredProblem",
    "Preview",
    "Problem",
    "ProductCreate",
    "ProductList",
    "ProductOut",
    "ProgramCreate",
    "ProgramList",
    "ProgramNotFoundProblem",
    "ProgramOut",
    "QbrOut",
    "Queue",
    "QueueEntry",
    "RegistrationDetail",
    "RegistrationDetailAnswers",
    "RegistrationDiscountBody",
    "RegistrationList",
    "RegistrationNotFoundProblem",
    "RegistrationOut",
    "RegistrationRejection",
    "RegistrationRow",
    "RegistrationScorecard",
    "RegistrationScorecardReadFormatType1",
    "RegistrationScorecardReadFormatType2Type1",
    "RegistrationScorecardReadFormatType3Type1",
    "RegistrationStatus",
    "RejectionReason",
    "Report",
    "Resubmission",
    "ResubmissionAnswersType0",
    "RevenueBand",
    "RevocationRequest",
    "Revoked",
    "Role",
    "Rotation",
    "Rubric",
    "RubricPoints",
    "SalesStage",
    "ScorecardGroupBy",
    "ScorecardRow",
    "ScorecardRowRejectedByReason",
    "ScoreIn",
    "Segment",
    "SegmentThreshold",
    "ServerMetadata",
    "ServiceUnavailableProblem",
    "SessionList",
    "SessionNotFoundProblem",
    "SessionOut",
    "SharedEngagementOut",
    "Shift",
    "SizeSegment",
    "SlaAtRiskListFormatType1",
    "SlaAtRiskListFormatType2Type1",
    "SlaAtRiskListFormatType3Type1",
    "SlaBreachListFormatType1",
    "SlaBreachListFormatType2Type1",
    "SlaBreachListFormatType3Type1",
    "SlaClockNotFoundProblem",
    "SlaGroupBy",
    "SlaReportReadFormatType1",
    "SlaReportReadFormatType2Type1",
    "SlaReportReadFormatType3Type1",
    "SlaRow",
    "SlaState",
    "SlaSummary",
    "StageProbabilities",
    "StageProbabilitiesInput",
    "StageReport",
    "StaleVersionProblem",
    "TemplateBody",
    "TemplateOut",
    "Threshold",
    "ThresholdOut",
    "Tier",
    "TokenRequest",
    "TokenResponse",
    "TooManyRequestsProblem",
    "Total",
    "UnauthenticatedProblem",
    "UnauthorizedClientProblem",
    "UnsupportedGrantTypeProblem",
    "UnsupportedMediaTypeProblem",
    "UnsupportedTokenTypeProblem",
    "UserCreate",
    "UserList",
    "UserNotFoundProblem",
    "UserOut",
    "UserUpdate",
    "ValidationErrorProblem",
    "VendorInput",
    "VendorInputAnswers",
    "VendorName",
    "VendorPreview",
    "WebhookDeliveryNotFoundProblem",
    "WebhookEndpointNotFoundProblem",
    "Week",
    "WeekShare",
    "Withdrawal",
    "WrongPasswordProblem",
)
