"""Scopes narrow what a token may do; roles say what its holder may ever do.

A user's token carries every scope of its role. A machine client's token carries the scopes it
asked for, within the scopes granted to the client, within those of the client's role.
"""

from dealreg.orgs.models import Role

READ_ORGANIZATIONS = "organizations:read"
WRITE_ORGANIZATIONS = "organizations:write"
READ_USERS = "users:read"
WRITE_USERS = "users:write"
READ_API_CLIENTS = "api_clients:read"
WRITE_API_CLIENTS = "api_clients:write"
READ_PARTNERSHIPS = "partnerships:read"
WRITE_PARTNERSHIPS = "partnerships:write"
READ_PROGRAMS = "programs:read"
WRITE_PROGRAMS = "programs:write"
READ_REGISTRATIONS = "registrations:read"
WRITE_REGISTRATIONS = "registrations:write"
READ_LEADS = "leads:read"
WRITE_LEADS = "leads:write"
READ_REPORTS = "reports:read"
READ_PAYOUTS = "payouts:read"
READ_EVENTS = "events:read"
READ_WEBHOOKS = "webhooks:read"
WRITE_WEBHOOKS = "webhooks:write"
WRITE_PAYOUTS = "payouts:write"
# Partner engagement: the partners' scores and the posts that make them (a marketing-automation
# system may post them), and the call tasks of the channel team. A partner has none of these.
READ_ENGAGEMENTS = "engagements:read"
WRITE_ENGAGEMENTS = "engagements:write"
READ_CALL_TASKS = "call_tasks:read"
WRITE_CALL_TASKS = "call_tasks:write"
# Offers of extra registration discount ("points on the deal"): the vendor's channel team grants
# and revokes them; a partner reads its own.
READ_OFFERS = "offers:read"
WRITE_OFFERS = "offers:write"
# Partner plans, the vendor's planning settings and the pipeline-to-plan report.
READ_PLANS = "plans:read"
WRITE_PLANS = "plans:write"
# The apps people sign in through (auth/apps.py): the platform's to register.
READ_OAUTH_APPS = "oauth_apps:read"
WRITE_OAUTH_APPS = "oauth_apps:write"

_READ_DIRECTORY = {READ_ORGANIZATIONS, READ_USERS, READ_PARTNERSHIPS, READ_PROGRAMS}
_DEALS = {READ_REGISTRATIONS, WRITE_REGISTRATIONS, READ_LEADS, WRITE_LEADS}
_PAYOUTS = {READ_PAYOUTS, WRITE_PAYOUTS}
# An organization's admin registers its machine clients (a vendor's CRM, a reseller's CRM).
_API_CLIENTS = {READ_API_CLIENTS, WRITE_API_CLIENTS}
# An organization's admin manages where its events go; its systems may read the feed.
_WEBHOOKS = {READ_EVENTS, READ_WEBHOOKS, WRITE_WEBHOOKS}
_CALLS = {READ_ENGAGEMENTS, READ_CALL_TASKS, WRITE_CALL_TASKS, READ_OFFERS, WRITE_OFFERS}
# The partner's admin proposes plans, the vendor's approvers accept them, its admin sets the
# settings; a rep has no part in the partner's plan.
_PLANS = {READ_PLANS, WRITE_PLANS}

ROLE_SCOPES: dict[Role, frozenset[str]] = {
    Role.partner_rep: frozenset(
        {READ_ORGANIZATIONS, READ_PARTNERSHIPS, READ_PROGRAMS, READ_OFFERS} | _DEALS
    ),
    Role.partner_admin: frozenset(
        _READ_DIRECTORY | {WRITE_USERS, READ_OFFERS} | _DEALS | _WEBHOOKS | _API_CLIENTS | _PLANS
    ),
    # The channel account managers: they take the calls.
    Role.vendor_approver: frozenset(_READ_DIRECTORY | _DEALS | _CALLS | _PLANS),
    Role.vendor_admin: frozenset(
        _READ_DIRECTORY
        | {WRITE_USERS, WRITE_PARTNERSHIPS, WRITE_PROGRAMS, READ_REPORTS}
        | _DEALS
        | _PAYOUTS
        | _WEBHOOKS
        | _API_CLIENTS
        | _CALLS
        | {WRITE_ENGAGEMENTS}
        | _PLANS
    ),
    # A vendor's finance system may batch payouts and mark them paid; its marketing automation
    # posts partners' engagements.
    Role.vendor_system: frozenset(
        {READ_ORGANIZATIONS, READ_PARTNERSHIPS, READ_PROGRAMS, READ_EVENTS, READ_PLANS}
        | _DEALS
        | _PAYOUTS
        | {READ_ENGAGEMENTS, WRITE_ENGAGEMENTS, READ_OFFERS}
    ),
    Role.channel_ops: frozenset(
        _READ_DIRECTORY
        | {READ_REGISTRATIONS, READ_LEADS, READ_REPORTS, READ_PAYOUTS, READ_EVENTS, READ_PLANS}
        | {READ_ENGAGEMENTS, READ_CALL_TASKS, READ_OFFERS}
    ),
    Role.platform_admin: frozenset(
        _READ_DIRECTORY
        | {WRITE_ORGANIZATIONS, WRITE_USERS, WRITE_PARTNERSHIPS, WRITE_PROGRAMS, READ_REPORTS}
        | {READ_EVENTS, READ_ENGAGEMENTS, READ_PLANS}
        | _PAYOUTS
        | _API_CLIENTS
        | {READ_OAUTH_APPS, WRITE_OAUTH_APPS}
    ),
}

ALL_SCOPES: frozenset[str] = frozenset().union(*ROLE_SCOPES.values())
