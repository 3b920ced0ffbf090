""" Contains all the data models used in inputs/outputs """

from .acceptance import Acceptance
from .amount import Amount
from .api_client_create import ApiClientCreate
from .api_client_list import ApiClientList
from .api_client_out import ApiClientOut
from .api_client_update import ApiClientUpdate
from .api_client_with_secret import ApiClientWithSecret
from .approval import Approval
from .approver_assignment import ApproverAssignment
from .attempt_out import AttemptOut
from .auto_approve_rule import AutoApproveRule
from .auto_approve_rules_body import AutoApproveRulesBody
from .batch_input import BatchInput
from .batch_item import BatchItem
from .batch_result import BatchResult
from .bounds import Bounds
from .breach import Breach
from .breach_action import BreachAction
from .breach_list import BreachList
from .cancellation import Cancellation
from .clock_out import ClockOut
from .clock_state import ClockState
from .conflict_out import ConflictOut
from .contact import Contact
from .conversion_input import ConversionInput
from .conversion_input_answers import ConversionInputAnswers
from .conversion_line import ConversionLine
from .conversion_result import ConversionResult
from .currency_total import CurrencyTotal
from .customer import Customer
from .customer_size_type_1 import CustomerSizeType1
from .customer_size_type_2_type_1 import CustomerSizeType2Type1
from .customer_size_type_3_type_1 import CustomerSizeType3Type1
from .deal_earnings import DealEarnings
from .deal_input import DealInput
from .deal_list import DealList
from .deal_out import DealOut
from .delivery_detail import DeliveryDetail
from .delivery_list import DeliveryList
from .delivery_out import DeliveryOut
from .delivery_status import DeliveryStatus
from .disposition import Disposition
from .disposition_input import DispositionInput
from .disposition_list import DispositionList
from .disposition_out import DispositionOut
from .disposition_result import DispositionResult
from .earning_list import EarningList
from .earning_status import EarningStatus
from .earning_view import EarningView
from .endpoint_input import EndpointInput
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
from .extension_create import ExtensionCreate
from .extension_decision import ExtensionDecision
from .extension_decision_decision import ExtensionDecisionDecision
from .extension_list import ExtensionList
from .extension_out import ExtensionOut
from .extension_result import ExtensionResult
from .extension_status import ExtensionStatus
from .extra_field import ExtraField
from .extra_field_type import ExtraFieldType
from .field_problem import FieldProblem
from .firing_out import FiringOut
from .health import Health
from .history_list import HistoryList
from .history_out import HistoryOut
from .history_out_data import HistoryOutData
from .info_request import InfoRequest
from .invitation_create import InvitationCreate
from .invitation_list import InvitationList
from .invitation_out import InvitationOut
from .jwk import Jwk
from .jwks import Jwks
from .lead_assignment import LeadAssignment
from .lead_group_by import LeadGroupBy
from .lead_history_list import LeadHistoryList
from .lead_history_out import LeadHistoryOut
from .lead_history_out_data import LeadHistoryOutData
from .lead_input import LeadInput
from .lead_list import LeadList
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
from .me_out import MeOut
from .me_out_kind import MeOutKind
from .milestone import Milestone
from .milestone_pay import MilestonePay
from .my_earnings import MyEarnings
from .oauth_app_create import OauthAppCreate
from .oauth_app_list import OauthAppList
from .oauth_app_out import OauthAppOut
from .oauth_app_update import OauthAppUpdate
from .opportunity import Opportunity
from .org_kind import OrgKind
from .organization_create import OrganizationCreate
from .organization_list import OrganizationList
from .organization_out import OrganizationOut
from .organization_update import OrganizationUpdate
from .paid_body import PaidBody
from .partnership_create import PartnershipCreate
from .partnership_list import PartnershipList
from .partnership_out import PartnershipOut
from .partnership_status import PartnershipStatus
from .partnership_update import PartnershipUpdate
from .password_change import PasswordChange
from .password_reset_accepted import PasswordResetAccepted
from .password_reset_request import PasswordResetRequest
from .pause import Pause
from .pay import Pay
from .payout_create import PayoutCreate
from .payout_list import PayoutList
from .payout_list_items_format_type_1 import PayoutListItemsFormatType1
from .payout_list_items_format_type_2_type_1 import PayoutListItemsFormatType2Type1
from .payout_list_items_format_type_3_type_1 import PayoutListItemsFormatType3Type1
from .payout_out import PayoutOut
from .payout_status import PayoutStatus
from .plan_in import PlanIn
from .plan_in_tier_multipliers_bp import PlanInTierMultipliersBp
from .plan_list import PlanList
from .plan_out import PlanOut
from .plan_out_tier_multipliers_bp import PlanOutTierMultipliersBp
from .policy_body import PolicyBody
from .policy_out import PolicyOut
from .preview import Preview
from .problem import Problem
from .product_create import ProductCreate
from .product_list import ProductList
from .product_out import ProductOut
from .program_create import ProgramCreate
from .program_list import ProgramList
from .program_out import ProgramOut
from .queue import Queue
from .queue_entry import QueueEntry
from .registration_detail import RegistrationDetail
from .registration_detail_answers import RegistrationDetailAnswers
from .registration_list import RegistrationList
from .registration_out import RegistrationOut
from .registration_rejection import RegistrationRejection
from .registration_status import RegistrationStatus
from .rejection_reason import RejectionReason
from .report import Report
from .resubmission import Resubmission
from .resubmission_answers_type_0 import ResubmissionAnswersType0
from .revocation_request import RevocationRequest
from .revoked import Revoked
from .role import Role
from .rotation import Rotation
from .sales_stage import SalesStage
from .server_metadata import ServerMetadata
from .session_list import SessionList
from .session_out import SessionOut
from .shift import Shift
from .sla_breach_list_format_type_1 import SlaBreachListFormatType1
from .sla_breach_list_format_type_2_type_1 import SlaBreachListFormatType2Type1
from .sla_breach_list_format_type_3_type_1 import SlaBreachListFormatType3Type1
from .sla_group_by import SlaGroupBy
from .sla_report_read_format_type_1 import SlaReportReadFormatType1
from .sla_report_read_format_type_2_type_1 import SlaReportReadFormatType2Type1
from .sla_report_read_format_type_3_type_1 import SlaReportReadFormatType3Type1
from .sla_row import SlaRow
from .stage_report import StageReport
from .threshold import Threshold
from .tier import Tier
from .token_request import TokenRequest
from .token_response import TokenResponse
from .total import Total
from .user_create import UserCreate
from .user_list import UserList
from .user_out import UserOut
from .user_update import UserUpdate
from .vendor_input import VendorInput
from .vendor_input_answers import VendorInputAnswers
from .vendor_preview import VendorPreview
from .week import Week
from .withdrawal import Withdrawal

__all__ = (
    "Acceptance",
    "Amount",
    "ApiClientCreate",
    "ApiClientList",
    "ApiClientOut",
    "ApiClientUpdate",
    "ApiClientWithSecret",
    "Approval",
    "ApproverAssignment",
    "AttemptOut",
    "AutoApproveRule",
    "AutoApproveRulesBody",
    "BatchInput",
    "BatchItem",
    "BatchResult",
    "Bounds",
    "Breach",
    "BreachAction",
    "BreachList",
    "Cancellation",
    "ClockOut",
    "ClockState",
    "ConflictOut",
    "Contact",
    "ConversionInput",
    "ConversionInputAnswers",
    "ConversionLine",
    "ConversionResult",
    "CurrencyTotal",
    "Customer",
    "CustomerSizeType1",
    "CustomerSizeType2Type1",
    "CustomerSizeType3Type1",
    "DealEarnings",
    "DealInput",
    "DealList",
    "DealOut",
    "DeliveryDetail",
    "DeliveryList",
    "DeliveryOut",
    "DeliveryStatus",
    "Disposition",
    "DispositionInput",
    "DispositionList",
    "DispositionOut",
    "DispositionResult",
    "EarningList",
    "EarningStatus",
    "EarningView",
    "EndpointInput",
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
    "ExtensionCreate",
    "ExtensionDecision",
    "ExtensionDecisionDecision",
    "ExtensionList",
    "ExtensionOut",
    "ExtensionResult",
    "ExtensionStatus",
    "ExtraField",
    "ExtraFieldType",
    "FieldProblem",
    "FiringOut",
    "Health",
    "HistoryList",
    "HistoryOut",
    "HistoryOutData",
    "InfoRequest",
    "InvitationCreate",
    "InvitationList",
    "InvitationOut",
    "Jwk",
    "Jwks",
    "LeadAssignment",
    "LeadGroupBy",
    "LeadHistoryList",
    "LeadHistoryOut",
    "LeadHistoryOutData",
    "LeadInput",
    "LeadList",
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
    "MeOut",
    "MeOutKind",
    "Milestone",
    "MilestonePay",
    "MyEarnings",
    "OauthAppCreate",
    "OauthAppList",
    "OauthAppOut",
    "OauthAppUpdate",
    "Opportunity",
    "OrganizationCreate",
    "OrganizationList",
    "OrganizationOut",
    "OrganizationUpdate",
    "OrgKind",
    "PaidBody",
    "PartnershipCreate",
    "PartnershipList",
    "PartnershipOut",
    "PartnershipStatus",
    "PartnershipUpdate",
    "PasswordChange",
    "PasswordResetAccepted",
    "PasswordResetRequest",
    "Pause",
    "Pay",
    "PayoutCreate",
    "PayoutList",
    "PayoutListItemsFormatType1",
    "PayoutListItemsFormatType2Type1",
    "PayoutListItemsFormatType3Type1",
    "PayoutOut",
    "PayoutStatus",
    "PlanIn",
    "PlanInTierMultipliersBp",
    "PlanList",
    "PlanOut",
    "PlanOutTierMultipliersBp",
    "PolicyBody",
    "PolicyOut",
    "Preview",
    "Problem",
    "ProductCreate",
    "ProductList",
    "ProductOut",
    "ProgramCreate",
    "ProgramList",
    "ProgramOut",
    "Queue",
    "QueueEntry",
    "RegistrationDetail",
    "RegistrationDetailAnswers",
    "RegistrationList",
    "RegistrationOut",
    "RegistrationRejection",
    "RegistrationStatus",
    "RejectionReason",
    "Report",
    "Resubmission",
    "ResubmissionAnswersType0",
    "RevocationRequest",
    "Revoked",
    "Role",
    "Rotation",
    "SalesStage",
    "ServerMetadata",
    "SessionList",
    "SessionOut",
    "Shift",
    "SlaBreachListFormatType1",
    "SlaBreachListFormatType2Type1",
    "SlaBreachListFormatType3Type1",
    "SlaGroupBy",
    "SlaReportReadFormatType1",
    "SlaReportReadFormatType2Type1",
    "SlaReportReadFormatType3Type1",
    "SlaRow",
    "StageReport",
    "Threshold",
    "Tier",
    "TokenRequest",
    "TokenResponse",
    "Total",
    "UserCreate",
    "UserList",
    "UserOut",
    "UserUpdate",
    "VendorInput",
    "VendorInputAnswers",
    "VendorPreview",
    "Week",
    "Withdrawal",
)
