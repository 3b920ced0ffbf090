"""The HTTP door: Litestar controllers and their msgspec schemas, bearer authentication, scope
guards and paging. Controllers validate, check the caller, and call one service; no SQL here."""

from litestar.types import ControllerRouterHandler

from dealreg.api.account import (
    accept_invitation,
    complete_reset,
    invitation_page,
    request_reset,
    reset_page,
)
from dealreg.api.api_clients import ApiClientController
from dealreg.api.app_shell import app_file, app_page
from dealreg.api.approvals import DecisionController, approval_queue
from dealreg.api.call_tasks import CallTaskController
from dealreg.api.capabilities import (
    AssessmentController,
    CapabilityTemplateController,
    list_assessments,
)
from dealreg.api.docs import docs_asset
from dealreg.api.events import event_feed
from dealreg.api.health import health, ready
from dealreg.api.home import home
from dealreg.api.incentives import (
    PayoutController,
    PlanController,
    list_earnings,
    my_earnings,
    preview_incentives,
    registration_earnings,
)
from dealreg.api.invitations import InvitationController, request_password_reset
from dealreg.api.leads import LeadController, LeadPolicyController
from dealreg.api.me import change_my_password, me
from dealreg.api.oauth import issue_token, jwks, revoke_token
from dealreg.api.oauth_apps import OauthAppController
from dealreg.api.offers import OfferController, PartnerOfferController
from dealreg.api.organizations import OrganizationController
from dealreg.api.pages import sign_in_callback, sign_out, signed_out, sla_page
from dealreg.api.partner_engagement import (
    PartnerCoverageController,
    PartnerEngagementController,
    PartnerEngagementPolicyController,
    PartnershipEngagementController,
)
from dealreg.api.partner_pages import partners_page
from dealreg.api.partner_reports import graduation_candidate_list, partner_report_read
from dealreg.api.partnerships import PartnershipController
from dealreg.api.plans import PartnerPlanController, PlanSettingsController
from dealreg.api.problems import problem_index, problem_page
from dealreg.api.programs import ProgramController
from dealreg.api.qbr import partnership_qbr, qbr_page
from dealreg.api.registration_pages import registration_page
from dealreg.api.registrations import DealController, RegistrationController
from dealreg.api.report_downloads import at_risk_csv, breaches_csv, figures_csv
from dealreg.api.reports import (
    lead_report,
    pipeline_report,
    registration_scorecard,
    sla_at_risk,
    sla_breaches,
    sla_report,
)
from dealreg.api.sessions import end_all_my_sessions, end_my_session, list_my_sessions
from dealreg.api.signin import (
    authorization_server_metadata,
    authorize,
    authorize_sign_in,
    openid_configuration,
)
from dealreg.api.sla import SlaPolicyController, registration_clock
from dealreg.api.webhooks import WebhookEndpointController

ROUTE_HANDLERS: list[ControllerRouterHandler] = [
    health,
    ready,
    jwks,
    issue_token,
    revoke_token,
    authorization_server_metadata,
    openid_configuration,
    authorize,
    authorize_sign_in,
    me,
    home,
    app_page,
    app_file,
    change_my_password,
    list_my_sessions,
    end_my_session,
    end_all_my_sessions,
    OauthAppController,
    OrganizationController,
    InvitationController,
    request_password_reset,
    ApiClientController,
    PartnershipController,
    ProgramController,
    DealController,
    RegistrationController,
    DecisionController,
    approval_queue,
    SlaPolicyController,
    registration_clock,
    sla_report,
    sla_breaches,
    sla_at_risk,
    lead_report,
    pipeline_report,
    registration_scorecard,
    partner_report_read,
    graduation_candidate_list,
    PlanSettingsController,
    PartnerPlanController,
    CapabilityTemplateController,
    AssessmentController,
    list_assessments,
    partnership_qbr,
    PlanController,
    PayoutController,
    registration_earnings,
    my_earnings,
    list_earnings,
    preview_incentives,
    LeadController,
    LeadPolicyController,
    PartnerEngagementPolicyController,
    PartnerCoverageController,
    PartnerEngagementController,
    PartnershipEngagementController,
    CallTaskController,
    PartnerOfferController,
    OfferController,
    event_feed,
    WebhookEndpointController,
    sla_page,
    partners_page,
    registration_page,
    qbr_page,
    figures_csv,
    breaches_csv,
    at_risk_csv,
    sign_in_callback,
    signed_out,
    sign_out,
    invitation_page,
    accept_invitation,
    reset_page,
    complete_reset,
    request_reset,
    docs_asset,
    problem_index,
    problem_page,
]
